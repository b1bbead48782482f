"""The back office in a real browser: the front desk's day view and the managers' report.

Conversations are held through the public chat API of a real daphne process (some book, one
asks the FAQ, one is handed over, some stop half-way), then a staff user logs in to the admin
in headless Chromium; screenshots of both pages are saved in tests/e2e/artifacts/.
"""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from tests.daphne_server import WITHOUT_SENTENCE_ENCODER, DaphneServer
from tests.e2e.axe_check import axe_violations
from tests.e2e.chromium import ARGS, ARTIFACTS, PROFILE, require_chromium

PASSWORD = "front-desk-e2e"

CHROMIUM = require_chromium()

from playwright.sync_api import expect, sync_playwright  # noqa: E402

BOOKINGS = [
    ("Paul Ménard", "une vidange", "mardi matin", "06 12 34 56 78"),
    ("Inès Roux", "la distribution", "mardi", "06 98 76 54 32"),
    ("Karim Benali", "une vidange", "mardi après-midi", "07 81 22 33 44"),
]


def chat(client: httpx.Client, lines: list[str]) -> dict:
    payload = client.post("/api/chat", json={"message": ""}).json()
    for line in lines:
        payload = client.post(
            "/api/chat", json={"conversation_id": payload["conversation_id"], "message": line}
        ).json()
    return payload


@pytest.fixture(scope="module")
def server():
    with DaphneServer(
        PROFILE, DJANGO_SUPERUSER_PASSWORD=PASSWORD, **WITHOUT_SENTENCE_ENCODER
    ) as running:
        running.manage("createsuperuser", "--noinput", "--username", "accueil", "--email", "")
        yield running


@pytest.fixture(scope="module")
def booked_day(server) -> str:
    """Real conversations through the API; the day the bookings landed on (YYYY-MM-DD)."""
    days = []
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for name, motif, when, phone in BOOKINGS:
            done = chat(
                client,
                ["je voudrais un rendez-vous", name, motif, when, phone, "le premier"],
            )
            assert done["state"] == "CONFIRMED", done["reply"]
            days.append(done["appointment"]["start"][:10])
        chat(client, ["quels sont vos horaires ?"])
        chat(client, ["est-ce que vous réparez les bateaux ?"])
        chat(client, ["je voudrais parler à quelqu'un"])
        chat(client, ["un rendez-vous", "Léa Garnier"])  # stops at the reason
        chat(client, ["un rendez-vous"])  # stops at the name
    return max(set(days), key=days.count)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        running = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield running
        running.close()


def logged_in(browser, server, **options):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", **options
    )
    page = context.new_page()
    page.goto(server.url + "/admin/login/")
    page.fill("#id_username", "accueil")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible(timeout=10_000)
    return page


@pytest.fixture(scope="module")
def admin_page(browser, server, booked_day):
    page = logged_in(browser, server)
    yield page
    page.context.close()


def test_the_day_view_reads_like_an_agenda(admin_page, server, booked_day) -> None:
    page = admin_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server.url}/admin/booking/appointment/day/?date={booked_day}")
    expect(page.locator("table.agenda")).to_be_visible()
    # The date picker opens (it raised « gettext is not defined » without the catalogue).
    page.locator(".datetimeshortcuts a").last.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    page.keyboard.press("Escape")
    assert errors == []
    booked = page.locator("table.agenda tr.booked")
    expect(booked.first).to_be_visible()
    names = " ".join(booked.all_inner_texts())
    assert "Paul Ménard" in names
    assert page.locator("table.agenda tr.free").count() > 0
    day = date.fromisoformat(booked_day)
    expect(page.locator("h2").first).to_contain_text(str(day.day))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-day-view.png"), full_page=True)
    # From the agenda to an appointment and back to the list.
    booked.first.locator("a").first.click()
    expect(page.locator("#appointment_form")).to_be_visible()


def test_the_report_shows_the_funnel_and_charts(admin_page, server, booked_day) -> None:
    page = admin_page
    page.goto(server.url + "/admin/")
    page.get_by_role("link", name="Rapports de conversion").click()
    expect(page).to_have_url(f"{server.url}/admin/reports/")
    expect(page.locator("svg").first).to_be_visible()
    booked = page.locator("ul.report-figures li", has_text="Rendez-vous pris")
    expect(booked.locator("strong")).to_have_text("3")
    funnel = page.locator(".report-section", has_text="La conversation s'est arrêtée")
    expect(funnel).to_be_visible()
    expect(page.locator(".report-section", has_text="Web et téléphone")).to_be_visible()
    expect(page.locator("table.heatmap")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "admin-report-1366.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 667})
    page.screenshot(path=str(ARTIFACTS / "admin-report-375.png"), full_page=True)
    # Chart labels keep at least 11 px on a phone: the charts scroll instead of shrinking.
    smallest = page.evaluate(
        "() => Math.min(...[...document.querySelectorAll('svg text')]"
        ".map((t) => t.getBoundingClientRect().height))"
    )
    assert smallest >= 11
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_appointment_list_shows_the_status_without_scrolling(admin_page, server) -> None:
    page = admin_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server.url}/admin/booking/appointment/")
    badge = page.locator("td.field-status_badge .rw-badge").first
    expect(badge).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-appointments-1366.png"), full_page=True)
    box, results = badge.bounding_box(), page.locator("#changelist .results").bounding_box()
    assert box is not None
    assert results is not None
    # Inside the list's visible width: the table does not overflow into a horizontal scroll.
    assert box["x"] + box["width"] <= results["x"] + results["width"]
    assert page.evaluate(
        "() => { const r = document.querySelector('#changelist .results');"
        " return r.scrollWidth <= r.clientWidth; }"
    )
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_home_opens_on_the_day(admin_page, server) -> None:
    page = admin_page
    page.goto(f"{server.url}/admin/")
    expect(page.locator("#today caption")).to_have_text("Aujourd'hui")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-home.png"), full_page=True)


# The week agenda (issue 15): the grid, its quick actions, a phone, the printed day, axe.


def test_the_week_agenda_is_a_grid_with_quick_actions(admin_page, server, booked_day) -> None:
    page = admin_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server.url}/admin/booking/appointment/week/?date={booked_day}")
    blocks = page.locator(".week-day .appt")
    expect(blocks.first).to_be_visible()
    assert blocks.count() == 3
    # Blocks are sized by duration: the two-hour distribution is twice a one-hour oil change.
    inès = page.locator(".appt", has_text="Inès Roux").bounding_box()
    paul = page.locator(".appt", has_text="Paul Ménard").bounding_box()
    assert inès is not None
    assert paul is not None
    assert abs(inès["height"] - 2 * paul["height"]) < 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-week-1366.png"), full_page=True)
    # A click opens the quick actions, not the form.
    page.locator(".appt", has_text="Paul Ménard").click()
    dialog = page.locator("#quick-actions")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#quick-title")).to_have_text("Paul Ménard")
    expect(dialog.locator("#quick-call")).to_have_attribute("href", "tel:+33612345678")
    expect(dialog.locator("#quick-call")).to_have_text("Appeler le 06 12 34 56 78")
    page.screenshot(path=str(ARTIFACTS / "admin-week-quick-actions-1366.png"))
    dialog.get_by_role("button", name="Fermer").click()
    expect(dialog).to_be_hidden()
    assert errors == []  # no script error, no CSP refusal
    # A free cell opens the add form on its slot.
    cell = page.locator(".week-day .free-cell").first
    cell.focus()
    href = cell.get_attribute("href")
    assert href is not None
    cell.click()
    expect(page.locator("#appointment_form")).to_be_visible()
    start = href.split("start=")[1].split("&")[0]  # 2026-11-24T14:00
    day, hour = start.split("T")
    expect(page.locator("#id_start_0")).to_have_value("/".join(reversed(day.split("-"))))
    expect(page.locator("#id_start_1")).to_have_value(f"{hour}:00")


def test_the_week_agenda_on_a_phone(admin_page, server, booked_day) -> None:
    page = admin_page
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(f"{server.url}/admin/booking/appointment/week/?date={booked_day}")
    expect(page.locator(".week-day .appt").first).to_be_attached()
    # The grid scrolls sideways inside its frame; the page itself does not.
    assert page.evaluate(
        "() => { const s = document.querySelector('.week-scroll');"
        " return s.scrollWidth > s.clientWidth; }"
    )
    assert page.evaluate("() => document.documentElement.scrollWidth <= 375 + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-week-375.png"), full_page=True)
    page.goto(f"{server.url}/admin/booking/appointment/day/?date={booked_day}")
    page.screenshot(path=str(ARTIFACTS / "admin-day-375.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_day_prints_without_the_admin_around_it(admin_page, server, booked_day) -> None:
    page = admin_page
    page.goto(f"{server.url}/admin/booking/appointment/day/?date={booked_day}")
    expect(page.get_by_role("button", name="Imprimer")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("#header")).to_be_hidden()
    expect(page.locator(".day-nav")).to_be_hidden()
    expect(page.locator("table.agenda")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "admin-day-print.pdf"))
    page.screenshot(path=str(ARTIFACTS / "admin-day-print.png"), full_page=True)
    page.emulate_media(media="screen")


def test_a_cancel_from_the_week_frees_the_slot(admin_page, server, booked_day) -> None:
    page = admin_page
    page.goto(f"{server.url}/admin/booking/appointment/week/?date={booked_day}")
    page.once("dialog", lambda confirm: confirm.accept())  # « Annuler ce rendez-vous ? »
    page.locator(".appt", has_text="Karim Benali").click()
    page.get_by_role("button", name="Annuler le rendez-vous").click()
    expect(page.locator(".messagelist")).to_contain_text("Karim Benali annulé")
    expect(page.locator(".appt", has_text="Karim Benali")).to_have_count(0)
    expect(page.locator(".week-day .appt")).to_have_count(2)


@pytest.fixture(scope="module")
def axe_page(browser, server, booked_day):
    """A logged-in page whose CSP is bypassed, so that axe-core can be injected."""
    page = logged_in(browser, server, bypass_csp=True)
    yield page
    page.context.close()


@pytest.mark.parametrize("width", [1366, 375])
@pytest.mark.parametrize("path", ["booking/appointment/week/", "reports/"])
def test_the_agenda_and_the_report_pass_axe(axe_page, server, booked_day, path, width) -> None:
    page = axe_page
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 667})
    page.goto(f"{server.url}/admin/{path}?date={booked_day}")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1366, 375])
def test_this_week_with_today_marked_passes_axe(axe_page, server, width) -> None:
    """Today's column head has its own colours: checked whatever day the suite runs."""
    page = axe_page
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 667})
    page.goto(f"{server.url}/admin/booking/appointment/week/")
    expect(page.locator('h2[aria-current="date"]')).to_have_count(1)
    assert axe_violations(page) == []


OVERLAPS = """() => {
    const title = document.querySelector('#content h1, #content h2');
    if (!title) return [];
    const t = title.getBoundingClientRect();
    return [...document.querySelectorAll('.object-tools li')].filter((li) => {
        const b = li.getBoundingClientRect();
        return b.left < t.right && t.left < b.right && b.top < t.bottom && t.top < b.bottom;
    }).map((li) => li.textContent.trim());
}"""


@pytest.mark.parametrize("width", [1366, 375])
@pytest.mark.parametrize(
    ("path", "shot"),
    [
        ("booking/appointment/", "appointments"),
        ("faq/faqentry/", "faq"),
        ("conversations/prompt/", "prompts"),
        ("conversations/prompt/all/", "prompts-all"),
    ],
)
def test_object_tools_never_overlap_the_title(admin_page, server, path, shot, width) -> None:
    page = admin_page
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 667})
    page.goto(f"{server.url}/admin/{path}")
    expect(page.locator("#content")).to_be_visible()
    assert page.evaluate(OVERLAPS) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"admin-{shot}-{width}.png"), full_page=width > 400)
    page.set_viewport_size({"width": 1280, "height": 900})


SIZES = {"phone": (375, 667), "tablet": (768, 1024), "laptop": (1366, 900)}


@pytest.mark.parametrize("size", ["phone", "laptop"])
@pytest.mark.parametrize(
    ("shot", "path"),
    [
        ("home", ""),
        ("conversations", "conversations/conversation/"),
        ("day", "booking/appointment/day/?date={day}"),
        ("week", "booking/appointment/week/?date={day}"),
        ("faq-list", "faq/faqentry/"),
    ],
)
def test_every_daily_screen_at_phone_and_laptop_size(
    admin_page, server, booked_day, shot, path, size
) -> None:
    """Screenshots for a person's look (tests/e2e/artifacts/screen-*), and no page wider
    than the screen: what does not fit scrolls inside its own frame."""
    page = admin_page
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server.url}/admin/{path.format(day=booked_day)}")
    expect(page.locator("#content")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"screen-{shot}-{width}.png"), full_page=True)
    if shot in ("home", "day", "week"):
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
    if shot == "home":  # each heading readable: not squeezed to a letter a line
        narrowest = page.evaluate(
            "() => Math.min(...[...document.querySelectorAll('#today th')]"
            ".map((th) => th.getBoundingClientRect().width))"
        )
        assert narrowest > 120
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_week_on_a_tablet_shows_the_working_days(admin_page, server, booked_day) -> None:
    page = admin_page
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(f"{server.url}/admin/booking/appointment/week/?date={booked_day}")
    expect(page.locator(".week-day .appt").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 769
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "screen-week-768.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("size", ["phone", "laptop"])
@pytest.mark.parametrize(
    ("shot", "listing", "detail"),
    [
        ("thread", "conversations/conversation/?q=Paul", "Paul Ménard"),
        ("appointment-form", "booking/appointment/?q=Paul", "Paul Ménard"),
    ],
)
def test_a_thread_and_an_appointment_at_phone_and_laptop_size(
    admin_page, server, booked_day, shot, listing, detail, size
) -> None:
    page = admin_page
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server.url}/admin/{listing}")
    page.locator("#result_list tbody tr th a, #result_list tbody tr td a").first.click()
    expect(page.locator("#content")).to_contain_text(detail)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"screen-{shot}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

"""The back office in a real browser: the front desk's day view and the managers' report.

Conversations are held through the public chat API of a real daphne process (some book, one
asks the FAQ, one is handed over, some stop half-way), then a staff user logs in to the admin
in headless Chromium; screenshots of both pages are saved in tests/e2e/artifacts/.
"""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from tests.daphne_server import DaphneServer
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
    with DaphneServer(PROFILE, DJANGO_SUPERUSER_PASSWORD=PASSWORD) as running:
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
                ["je voudrais un rendez-vous", name, motif, when, phone, "le premier", "oui"],
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
def admin_page(server, booked_day):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page = context.new_page()
        page.goto(server.url + "/admin/login/")
        page.fill("#id_username", "accueil")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        expect(page.locator("#site-name")).to_be_visible(timeout=10_000)
        yield page
        browser.close()


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
    funnel = page.locator(".report-section", has_text="Dernière étape atteinte")
    expect(funnel).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-report.png"), full_page=True)


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

"""The widget in a real browser: headless Chromium (Debian's package) driven by Playwright.

Run apart from the rest of the suite (`make test` does), as Playwright's event loop and
pytest-asyncio's do not share a run.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.daphne_server import WITHOUT_SENTENCE_ENCODER, DaphneServer
from tests.e2e.axe_check import axe_violations
from tests.e2e.chromium import ARGS, ARTIFACTS, PROFILE, require_chromium

CHROMIUM = require_chromium()

from playwright.sync_api import expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server():
    with DaphneServer(PROFILE, **WITHOUT_SENTENCE_ENCODER) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.goto(server.url + "/")
    yield page
    context.close()


def agent_says(page, text: str) -> None:
    expect(page.locator('[data-rw="message"][data-role="agent"]').last).to_contain_text(
        text, timeout=10_000
    )


def say(page, text: str) -> None:
    page.locator('[data-rw="input"]').fill(text)
    page.keyboard.press("Enter")


def test_booking_by_typing_and_clicking_a_slot_with_a_reload_midway(page) -> None:
    page.locator('[data-rw="launcher"]').click()
    agent_says(page, "Bonjour")
    say(page, "je voudrais un rendez-vous")
    agent_says(page, "À quel nom")
    say(page, "Paul Ménard")
    agent_says(page, "motif")
    messages = page.locator('[data-rw="message"]')
    before = messages.all_inner_texts()
    page.reload()  # mid-conversation: the widget opens again on the same conversation
    expect(page.locator('[data-rw="input"]')).to_be_visible(timeout=10_000)
    # The whole thread, as it was: not only the last message, and the pending question once.
    expect(messages).to_have_count(len(before), timeout=10_000)
    page.wait_for_timeout(500)  # the resumed socket's payload has arrived and was not added
    assert messages.all_inner_texts() == before
    say(page, "une vidange")
    agent_says(page, "Quand souhaiteriez-vous venir")
    say(page, "mardi matin")
    agent_says(page, "numéro de téléphone")
    say(page, "06 12 34 56 78")
    slots = page.locator('[data-rw="slot"]')
    expect(slots).to_have_count(3, timeout=10_000)
    slots.nth(1).click()  # on the web, the choice books, and the reply recaps it
    agent_says(page, "C'est réservé")
    agent_says(page, "Paul Ménard")
    # The confirmation card: date, time, duration, address, and the calendar file.
    card = page.locator('[data-rw="appointment"]')
    expect(card).to_be_visible()
    expect(card).to_contain_text("mardi")
    expect(card).to_contain_text("Durée")
    expect(card).to_contain_text("1 h")
    expect(card).to_contain_text("12 rue des Tilleuls, 69003 Lyon")
    link = card.locator('[data-rw="ics"]')
    expect(link).to_have_text("Ajouter à mon agenda")
    href = link.get_attribute("href")
    assert href is not None
    calendar = page.request.get(href)
    assert calendar.status == 200
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in calendar.text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "booking-confirmed.png"), full_page=True)
    page.reload()  # the card comes back with the thread
    expect(page.locator('[data-rw="appointment"]')).to_have_count(1, timeout=10_000)


def test_a_socket_that_drops_before_the_reply_resends_the_same_message_over_http(
    browser, server
) -> None:
    """The message reached the server, the reply was lost with the socket: the widget sends
    the same message id again over HTTP, and shows the stored reply (the turn is not taken
    twice: a second « oui » would not ask the next question)."""
    context = browser.new_context()
    page = context.new_page()
    sent: list[dict] = []
    drop = {"next": False}

    def relay(socket) -> None:
        upstream = socket.connect_to_server()

        def from_page(message) -> None:
            frame = json.loads(message)
            if frame.get("type") == "message":
                sent.append(frame)
            upstream.send(message)

        def from_server(message) -> None:
            if drop["next"] and json.loads(message).get("type") == "reply":
                drop["next"] = False
                socket.close()  # the reply is lost with the connection
                return
            socket.send(message)

        socket.on_message(from_page)
        upstream.on_message(from_server)

    page.route_web_socket(re.compile(r".*/ws/chat/.*"), relay)
    page.goto(server.url + "/")
    page.locator('[data-rw="launcher"]').click()
    agent_says(page, "Bonjour")
    drop["next"] = True
    with page.expect_request(re.compile(r".*/api/chat$")) as request:
        say(page, "je voudrais un rendez-vous")
    agent_says(page, "À quel nom")
    assert [frame["text"] for frame in sent] == ["je voudrais un rendez-vous"]
    assert sent[0]["message_id"]
    assert request.value.post_data_json["message_id"] == sent[0]["message_id"]
    assert page.locator('[data-rw="message"][data-role="user"]').count() == 1
    context.close()


def test_faq_answers_show_their_source(page) -> None:
    page.locator('[data-rw="launcher"]').click()
    agent_says(page, "Bonjour")
    say(page, "quels sont vos horaires ?")
    answer = page.locator('[data-rw="message"][data-role="agent"]').last
    # Once, as the entry's question (not its internal id), and out of the text itself, even
    # when the reply goes on after the answer.
    expect(answer.locator(".rw-source")).to_have_text(re.compile(r"^Source : « .+ »$"))
    assert answer.locator(".rw-source").count() == 1
    assert "FAQ_HOURS" not in answer.inner_text()
    assert answer.inner_text().count("Source") == 1


def test_markup_is_shown_as_text(page) -> None:
    page.locator('[data-rw="launcher"]').click()
    agent_says(page, "Bonjour")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog), dialog.dismiss()))
    say(page, "<img src=x onerror=alert(1)>")
    mine = page.locator('[data-rw="message"][data-role="user"]').last
    expect(mine).to_have_text("<img src=x onerror=alert(1)>")
    assert page.locator("#receptionist-widget img").count() == 0
    agent_says(page, "")
    assert dialogs == []


def test_escape_closes_and_returns_focus_to_the_launcher(page) -> None:
    launcher = page.locator('[data-rw="launcher"]')
    launcher.click()
    expect(page.locator('[data-rw="input"]')).to_be_focused()
    page.keyboard.press("Escape")
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_on_a_phone_the_launcher_does_not_sit_under_the_open_panel(page) -> None:
    page.locator('[data-rw="launcher"]').click()
    agent_says(page, "Bonjour")
    expect(page.locator('[data-rw="launcher"]')).to_be_hidden()
    page.locator('[data-rw="close"]').click()
    expect(page.locator('[data-rw="launcher"]')).to_be_visible()


def test_the_snippet_talks_to_the_server_it_came_from(browser, server) -> None:
    """Pasted on another site without data-endpoint, the widget calls its own server."""
    # Another origin, served by the browser itself; both sit on this machine, which Chromium
    # keeps apart (local network access) unless told that this is a test.
    isolated = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*ARGS, "--disable-features=LocalNetworkAccessChecks"],
    )
    context = isolated.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    other = "http://localhost:9"
    snippet = f'<script src="{server.url}/static/receptionist/widget.js" defer></script>'
    # Nothing else may go to the other site (the later route wins for the page itself).
    page.route(other + "/**", lambda route: route.abort())
    page.route(
        other + "/",
        lambda route: route.fulfill(
            content_type="text/html", body=f"<!doctype html><title>x</title>{snippet}"
        ),
    )
    calls: list[str] = []
    page.on("request", lambda request: calls.append(request.url))
    page.on("websocket", lambda socket: calls.append(socket.url))
    page.goto(other + "/")
    page.locator('[data-rw="launcher"]').click()
    page.wait_for_timeout(1500)
    chat = [url for url in calls if "/ws/chat/" in url or "/api/chat" in url]
    assert chat
    assert all(url.split("/")[2] == server.url.split("/")[2] for url in chat), chat
    isolated.close()


def test_the_header_names_the_business_and_a_click_shows_no_focus_ring(page) -> None:
    page.locator('[data-rw="launcher"]').click()
    agent_says(page, "Bonjour")
    expect(page.locator('[data-rw="title"]')).to_have_text(re.compile(r"\S"))
    assert page.locator('[data-rw="title"]').inner_text() != "Assistant"
    say(page, "je voudrais un rendez-vous")
    agent_says(page, "À quel nom")
    close = page.locator('[data-rw="close"]')
    close.hover()
    page.mouse.down()  # a pointer press focuses the button without :focus-visible
    outline = close.evaluate("node => getComputedStyle(node).outlineStyle")
    page.mouse.up()
    assert outline == "none"


def book_through_the_widget(page) -> None:
    page.locator('[data-rw="launcher"]').click()
    agent_says(page, "Bonjour")
    for line, answer in [
        ("je voudrais un rendez-vous pour une vidange", "À quel nom"),
        ("Inès Roux", "Quand souhaiteriez-vous venir"),
        ("jeudi après-midi", "numéro de téléphone"),
    ]:
        say(page, line)
        agent_says(page, answer)
    say(page, "06 98 76 54 32")
    expect(page.locator('[data-rw="slot"]')).to_have_count(3, timeout=10_000)
    page.locator('[data-rw="slot"]').first.click()
    expect(page.locator('[data-rw="appointment"]')).to_be_visible(timeout=10_000)


@pytest.mark.parametrize(("width", "height"), [(375, 667), (1366, 900)])
def test_the_confirmation_at_both_sizes_passes_axe(browser, server, width, height) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    page.goto(server.url + "/")
    book_through_the_widget(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"widget-confirmation-{width}.png"))
    # The widget alone: the demo page around it is not the product's to judge.
    assert axe_violations(page, include="#receptionist-widget") == []
    context.close()

"""The self-service page in headless Chromium, reached the way a client reaches it: a booking
made through the chat, its confirmation e-mail sent by `send_notifications`, the link in it."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import httpx
import pytest

from tests.daphne_server import ROOT, WITHOUT_SENTENCE_ENCODER, DaphneServer
from tests.e2e.axe_check import axe_violations
from tests.e2e.chromium import ARGS, ARTIFACTS, PROFILE, require_chromium

CHROMIUM = require_chromium()

from playwright.sync_api import expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server():
    running = DaphneServer(
        PROFILE,
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        **WITHOUT_SENTENCE_ENCODER,
    )
    running.env["PUBLIC_BASE_URL"] = running.url
    with running:
        yield running


def run(server: DaphneServer, *args: str) -> str:
    """A manage.py command in the server's environment; its standard output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=server.env,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def confirmed_starts(server: DaphneServer) -> list[str]:
    code = (
        "from booking.models import Appointment;"
        "print(sorted(a.start.isoformat() for a in Appointment.objects.filter(status='confirmed')))"
    )
    printed = run(server, "shell", "-c", code).strip().splitlines()[-1]
    return ast.literal_eval(printed)


def book_by_chat(server: DaphneServer) -> dict:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        payload = client.post("/api/chat", json={"message": ""}).json()
        for line in [
            "je voudrais un rendez-vous",
            "Léa Martin",
            "une vidange",
            # over a week ahead, so outside the 24-hour notice whatever the day and hour of the run
            # (« mardi » on a Monday morning falls inside it)
            "jeudi en quinze",
            "lea.martin@example.org",
            "le premier",  # on the web, the choice books
        ]:
            payload = client.post(
                "/api/chat", json={"conversation_id": payload["conversation_id"], "message": line}
            ).json()
    assert payload["state"] == "CONFIRMED", payload["reply"]
    return payload["appointment"]


@pytest.fixture(scope="module")
def link(server) -> str:
    book_by_chat(server)
    mail = run(server, "send_notifications")
    found = re.search(re.escape(server.url) + r"/rdv/[^\s\"<]+/", mail)
    assert found, mail[-2000:]
    return found.group(0)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        running = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield running
        running.close()


def test_the_page_moves_then_cancels_the_appointment(server, link, browser):
    before = confirmed_starts(server)
    assert len(before) == 1
    # bypass_csp: axe-core is injected as an inline script, which the page's policy forbids.
    page = browser.new_page(viewport={"width": 375, "height": 667}, locale="fr-FR", bypass_csp=True)
    page.goto(link)
    expect(page.get_by_role("heading", name="Votre rendez-vous")).to_be_visible()
    assert axe_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "self-service-375.png"), full_page=True)

    page.get_by_role("link", name="Déplacer").click()
    expect(page.get_by_role("heading", name="Choisir un autre moment")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "self-service-move-375.png"), full_page=True)
    # The last time offered: far enough ahead to be cancelled here afterwards (outside the notice).
    choice = page.locator("ul.slots button").last
    chosen = choice.inner_text()
    choice.click()
    expect(page.get_by_role("status")).to_contain_text("nouveau rendez-vous")
    expect(page.locator("dd").first).to_have_text(chosen)
    after = confirmed_starts(server)
    assert len(after) == 1
    assert after != before  # the old time is free again, one appointment stands

    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "self-service-1366.png"), full_page=True)
    page.get_by_role("button", name="Annuler le rendez-vous").click()
    expect(page.get_by_role("status")).to_contain_text("annulé")
    assert confirmed_starts(server) == []
    assert axe_violations(page) == []


def test_a_forged_link_is_refused(server, link, browser):
    page = browser.new_page(locale="fr-FR", bypass_csp=True)
    response = page.goto(link[:-4] + "xyz/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Lien invalide")).to_be_visible()
    assert axe_violations(page) == []

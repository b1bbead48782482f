"""The Content-Security-Policy in a real browser: nothing on our pages trips it.

Headless Chromium reports every blocked script, style, image or connection as a
`securitypolicyviolation` event; the demo page (with its chat over the WebSocket) and the
back office's pages, logged in through the login form, must raise none.
"""

from __future__ import annotations

import pytest

from tests.daphne_server import WITHOUT_SENTENCE_ENCODER, DaphneServer
from tests.e2e.chromium import ARGS, PROFILE, require_chromium

PASSWORD = "csp-e2e-password"
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
ADMIN_PAGES = [
    "/admin/",
    "/admin/reports/",
    "/admin/booking/appointment/",
    "/admin/booking/appointment/add/",
    "/admin/booking/appointment/day/",
    "/admin/booking/business/",
    "/admin/conversations/conversation/",
    "/admin/conversations/prompt/",
    "/admin/conversations/prompt/all/",
    "/admin/faq/faqentry/",
    "/admin/faq/faqentry/add/",
    "/admin/faq/faqentry/import/",
    "/admin/faq/faqentry/try/",
]

CHROMIUM = require_chromium()

from playwright.sync_api import expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server():
    with DaphneServer(
        PROFILE, DJANGO_SUPERUSER_PASSWORD=PASSWORD, **WITHOUT_SENTENCE_ENCODER
    ) as running:
        running.manage("createsuperuser", "--noinput", "--username", "csp", "--email", "")
        yield running


@pytest.fixture(scope="module")
def context():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        context.add_init_script(RECORD_VIOLATIONS)
        yield context
        browser.close()


def violations(page) -> list[str]:
    return page.evaluate("window.cspViolations")


def test_the_widget_chats_over_the_websocket_without_a_violation(context, server) -> None:
    page = context.new_page()
    page.goto(server.url + "/")
    with page.expect_websocket() as opened:
        page.locator('[data-rw="launcher"]').click()
    socket = opened.value
    assert socket.url.startswith(server.url.replace("http", "ws", 1) + "/ws/chat/")
    agent = page.locator('[data-rw="message"][data-role="agent"]')
    expect(agent.first).to_contain_text("Bonjour", timeout=10_000)
    # Styled by its injected <style>: the panel is laid out as a flex column.
    panel = page.locator('[data-rw="panel"]')
    assert panel.evaluate("node => getComputedStyle(node).display") == "flex"

    assert violations(page) == []
    page.close()


def test_the_back_office_pages_raise_no_violation(context, server) -> None:
    page = context.new_page()
    page.goto(server.url + "/admin/login/")
    page.fill("#id_username", "csp")
    page.fill("#id_password", PASSWORD)
    seen = {"/admin/login/": violations(page)}
    page.click("input[type=submit]")  # form-action 'self'
    expect(page.locator("#site-name")).to_be_visible(timeout=10_000)
    for path in ADMIN_PAGES:
        response = page.goto(server.url + path)
        assert response is not None
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        seen[path] = violations(page)

    assert {path: found for path, found in seen.items() if found} == {}
    page.close()

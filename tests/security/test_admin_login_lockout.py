"""Issue 12, item 10: /admin/login/ locks a username out from an address after 5 wrong passwords.

django-axes, per username and address together: the same username from elsewhere, or another
username from the same address, may still log in. The lockout is a 429 page with Retry-After.
"""

from __future__ import annotations

import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
USERNAME, PASSWORD = "gerante@example.fr", "x-right-pass-1"
HERE, ELSEWHERE = "203.0.113.7", "198.51.100.9"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Password hashing is not under test here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def gerante(django_user_model):
    return django_user_model.objects.create_user(USERNAME, password=PASSWORD, is_staff=True)


def log_in(address: str, password: str, username: str = USERNAME, **headers: str):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})
    return client, response


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def guess_wrong(times: int, address: str = HERE, **headers: str) -> None:
    for _ in range(times):
        _, response = log_in(address, "wrong-guess", **headers)
        assert response.status_code in (200, 429)


def test_the_right_password_is_refused_after_five_wrong_ones(gerante) -> None:
    guess_wrong(5)

    client, response = log_in(HERE, PASSWORD)

    assert response.status_code == 429
    assert logged_in(client) is False


def test_four_wrong_passwords_do_not_lock(gerante) -> None:
    guess_wrong(4)

    client, response = log_in(HERE, PASSWORD)

    assert response.status_code == 302
    assert logged_in(client) is True


def test_the_lockout_is_a_readable_page_with_retry_after(gerante) -> None:
    guess_wrong(5)

    _, response = log_in(HERE, PASSWORD)

    assert response["Content-Type"].startswith("text/html")
    assert int(response["Retry-After"]) == 15 * 60
    page = response.content.decode()
    assert 'class="errornote"' in page
    assert "Réceptionniste" in page  # the admin's own look


def test_another_address_or_another_user_is_not_locked(gerante, django_user_model) -> None:
    django_user_model.objects.create_user("accueil", password="x-other-pass-2", is_staff=True)
    guess_wrong(5)

    elsewhere, response = log_in(ELSEWHERE, PASSWORD)
    assert (response.status_code, logged_in(elsewhere)) == (302, True)
    colleague, response = log_in(HERE, "x-other-pass-2", username="accueil")
    assert (response.status_code, logged_in(colleague)) == (302, True)


def test_behind_a_proxy_a_forged_forwarded_entry_does_not_escape(gerante, settings) -> None:
    settings.NUM_PROXIES = 1
    for n in range(5):  # the client writes a new first entry each time; the proxy appends HERE
        guess_wrong(1, "10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {HERE}")

    client, response = log_in("10.0.0.2", PASSWORD, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {HERE}")

    assert response.status_code == 429
    other, response = log_in("10.0.0.2", PASSWORD, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert (response.status_code, logged_in(other)) == (302, True)


def test_no_log_line_names_the_username_or_the_address(gerante, caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        guess_wrong(6)
        log_in(ELSEWHERE, PASSWORD)

    lines = [record.getMessage() for record in caplog.records]
    assert any("AXES" in line for line in lines)
    assert not [line for line in lines if USERNAME in line or HERE in line or ELSEWHERE in line]


def test_code_and_tests_may_still_log_in_without_a_request(gerante) -> None:
    client = Client()
    assert client.login(username=USERNAME, password=PASSWORD) is True
    assert client.get("/admin/").status_code == 200

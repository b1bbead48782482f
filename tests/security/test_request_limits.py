"""Issue 12 (low): a body over the upload limit answers 413 and deeply nested JSON 400, in the
API's error envelope, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

CHAT_PATHS = ["/api/chat", "/api/chat/stream"]
NESTED = b"[" * 100_000 + b"]" * 100_000


@pytest.fixture
def too_big(settings) -> bytes:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    return b'{"message": "' + b"a" * 20_000 + b'"}'


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize("path", CHAT_PATHS)
def test_a_chat_body_over_the_limit_answers_413(business, client, too_big, path) -> None:
    response = client.post(path, too_big, content_type="application/json")

    assert_error(response, 413, "too_large")


def test_a_voice_body_over_the_limit_answers_413_too(business, client, too_big, settings):
    settings.VAPI_SECRET = "x-vapi-secret-for-this-test"
    response = client.post(
        "/api/vapi/webhook",
        too_big,
        content_type="application/json",
        HTTP_X_VAPI_SECRET="x-vapi-secret-for-this-test",
    )

    assert_error(response, 413, "too_large")


def test_the_admin_keeps_djangos_own_page(business, client, too_big) -> None:
    response = client.post("/admin/login/", {"username": "a" * 20_000, "password": "x"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("path", CHAT_PATHS)
@pytest.mark.parametrize(
    "body", [NESTED, b'{"message": ' + NESTED + b"}"], ids=["whole body", "in a field"]
)
def test_deeply_nested_json_answers_400(business, client, path, body) -> None:
    response = client.post(path, body, content_type="application/json")

    assert_error(response, 400, "bad_json")


def test_nesting_within_reason_is_still_read(business, client) -> None:
    response = Client().post("/api/chat", b'{"message": ""}', content_type="application/json")

    assert response.status_code == 200

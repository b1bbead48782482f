"""GET /health, the OpenAPI schema, and the one API exception handler (receptionist/api.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.test import Client
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from conversations.services import ConversationNotFound
from receptionist.api import VERSION

SECRET_KEY = "django-s3cret-key-never-shown-4f9a"
VAPI_SECRET = "vapi-s3cret-never-shown-7c2e"


@pytest.fixture
def secrets(settings):
    settings.SECRET_KEY = SECRET_KEY
    settings.VAPI_SECRET = VAPI_SECRET
    settings.VAPI_HMAC_SECRET = "hmac-s3cret-never-shown"
    settings.REDIS_URL = ""


# --- /health ----------------------------------------------------------------------------


def test_health_reports_ok_with_version_and_checks(business, api_client, secrets):
    response = api_client.get("/health")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": VERSION,
        "checks": {
            "database": "ok",
            "business": "ok",
            "calendar": {"backend": "database", "healthy": True},
            "calendar_sync": {"status": "ok", "failed": 0, "pending": 0},
            "channel_layer": "memory",
        },
    }


def test_health_without_a_business_says_so_and_stays_up(db, api_client, secrets):
    response = api_client.get("/health")

    assert response.status_code == 200
    assert response.json()["checks"]["business"] == "missing"


def test_health_never_shows_a_secret(business, api_client, secrets):
    body = api_client.get("/health").content.decode()

    for secret in (SECRET_KEY, VAPI_SECRET, "hmac-s3cret-never-shown"):
        assert secret not in body


@pytest.mark.parametrize("method", ["POST", "TRACE", "QUERY"])
def test_health_answers_only_get_and_head(db, method):
    # Found by schemathesis: TRACE answered 200 and QUERY the CSRF check's 403.
    client = Client(enforce_csrf_checks=True)
    assert client.generic(method, "/health").status_code == 405
    assert client.head("/health").status_code == 200


# --- /api/schema/ -----------------------------------------------------------------------


def test_schema_is_openapi_3_listing_the_staff_endpoints(db, api_client):
    response = api_client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/appointments", "/api/stats/bookings", "/api/chat"} <= set(schema["paths"])


def test_schema_defaults_to_yaml(db, api_client):
    response = api_client.get("/api/schema/")

    assert response.status_code == 200
    assert response.content.decode().startswith("openapi: 3.")


# --- exception handler ------------------------------------------------------------------


class Raising(APIView):
    """An endpoint that raises what it is given, answered through the project's handler."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    error: Exception = RuntimeError()

    def get(self, request):
        raise self.error


def call(error: Exception):
    view = Raising.as_view(error=error)
    return view(APIRequestFactory().get("/anything"))


# DRF's own messages, translated to the active language (LANGUAGE_CODE) when compared.
NOT_FOUND = exceptions.NotFound.default_detail
FORBIDDEN = exceptions.PermissionDenied.default_detail


@pytest.mark.parametrize(
    ("error", "status", "expected"),
    [
        (
            exceptions.ValidationError(
                {"hours": ["Ensure this value is greater than or equal to 1."]}
            ),
            400,
            {
                "code": "invalid",
                "message": "hours: Ensure this value is greater than or equal to 1.",
                "details": {"hours": ["Ensure this value is greater than or equal to 1."]},
            },
        ),
        (
            DjangoValidationError("Numéro invalide."),
            400,
            {"code": "invalid", "message": "Numéro invalide.", "details": ["Numéro invalide."]},
        ),
        (exceptions.ParseError(), 400, {"code": "bad_json", "message": "Malformed JSON body."}),
        (exceptions.NotFound(), 404, {"code": "not_found", "message": NOT_FOUND}),
        (Http404("nothing here"), 404, {"code": "not_found", "message": NOT_FOUND}),
        (exceptions.PermissionDenied(), 403, {"code": "permission_denied", "message": FORBIDDEN}),
        (DjangoPermissionDenied("no"), 403, {"code": "permission_denied", "message": FORBIDDEN}),
        (
            exceptions.NotAuthenticated(),
            403,  # no authenticator to ask for credentials: DRF answers 403
            {"code": "not_authenticated", "message": exceptions.NotAuthenticated.default_detail},
        ),
        (
            ConversationNotFound("abc"),
            404,
            {"code": "conversation_not_found", "message": "Unknown conversation_id."},
        ),
        (
            RuntimeError("db password is hunter2"),
            500,
            {"code": "server_error", "message": "Internal error."},
        ),
        (KeyError("slots"), 500, {"code": "server_error", "message": "Internal error."}),
    ],
)
def test_exception_handler_answers_the_error_envelope(error, status, expected):
    response = call(error)

    assert response.status_code == status
    assert response.data == {"error": {**expected, "message": str(expected["message"])}}


def test_exception_handler_keeps_retry_after_on_throttling():
    response = call(exceptions.Throttled(wait=30))

    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert response.data["error"]["code"] == "throttled"


def test_unexpected_exception_is_logged_with_its_traceback(caplog):
    with caplog.at_level("ERROR", logger="receptionist.api"):
        call(RuntimeError("boom"))

    assert [(r.name, r.getMessage()) for r in caplog.records] == [
        ("receptionist.api", "Unhandled API error")
    ]
    assert caplog.records[0].exc_info is not None


def test_malformed_json_on_a_real_endpoint_answers_bad_json(business, api_client):
    response = api_client.post("/api/chat", data="{nope", content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"error": {"code": "bad_json", "message": "Malformed JSON body."}}


@pytest.mark.parametrize("path", ["/api/nothing-here", "/api/vapi/nope", "/health/deeper", "/api/"])
def test_an_api_path_no_route_matches_answers_the_error_body(db, api_client, path):
    response = api_client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": {"code": "not_found", "message": NOT_FOUND}}


def test_a_page_no_route_matches_keeps_django_s_page(db, client):
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")

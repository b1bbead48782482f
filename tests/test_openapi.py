"""The OpenAPI schema documents every endpoint: bodies, errors, rate limits and examples."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

# (path, method) → the error statuses it must document.
OPERATIONS = {
    ("/api/chat", "post"): {400, 404, 429},
    ("/api/chat/stream", "post"): {400, 404, 429},
    ("/api/appointments", "get"): {400, 401, 403, 429},
    ("/api/stats/bookings", "get"): {400, 401, 403, 429},
    ("/api/conversations/{id}", "get"): {401, 403, 404, 429},
    ("/api/vapi/chat/completions", "post"): {400, 401, 429, 503},
    ("/api/vapi/webhook", "post"): {400, 401, 503},
    ("/api/vapi/health", "get"): {503},
    ("/api/sms/inbound", "post"): {400, 401, 429, 503},
    ("/health", "get"): {503},
}
WITH_EXAMPLES = [op for op in OPERATIONS if op[0] not in ("/health", "/api/vapi/health")]


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def operation(schema: dict, path: str, method: str) -> dict:
    return schema["paths"][path][method]


def test_the_schema_is_valid_openapi_without_warnings(tmp_path) -> None:
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))


def test_every_endpoint_of_the_contract_is_documented(schema: dict) -> None:
    documented = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert documented == set(OPERATIONS)


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_each_operation_has_a_summary_and_a_described_success(schema, path, method) -> None:
    op = operation(schema, path, method)
    assert op["operationId"]
    assert op.get("summary") or op.get("description")
    success = op["responses"]["200"]
    assert success["content"]
    assert all("schema" in media for media in success["content"].values())
    if method == "post":
        assert op["requestBody"]["content"]["application/json"]["schema"]


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_each_operation_documents_its_errors_with_the_error_body(schema, path, method) -> None:
    responses = operation(schema, path, method)["responses"]
    assert set(OPERATIONS[path, method]) <= {int(code) for code in responses}
    for code in OPERATIONS[path, method] - {503}:
        body = responses[str(code)]["content"]["application/json"]["schema"]
        assert body == {"$ref": "#/components/schemas/Error"}, (path, code)


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_a_429_says_when_to_retry(schema, path, method) -> None:
    responses = operation(schema, path, method)["responses"]
    if "429" in responses:
        assert responses["429"]["headers"]["Retry-After"]["schema"]["type"] == "integer"


def test_the_error_body_is_the_contracts(schema: dict) -> None:
    components = schema["components"]["schemas"]
    assert components["Error"]["required"] == ["error"]
    assert set(components["ErrorDetail"]["required"]) == {"code", "message"}


def _has_example(item: dict) -> bool:
    return any(
        "example" in media or media.get("examples") for media in item.get("content", {}).values()
    )


@pytest.mark.parametrize(("path", "method"), WITH_EXAMPLES)
def test_bodies_come_with_examples(schema, path, method) -> None:
    op = operation(schema, path, method)
    assert _has_example(op["responses"]["200"])
    if method == "post":
        assert _has_example(op["requestBody"])


def test_staff_and_vapi_operations_declare_their_security(schema: dict) -> None:
    assert {"tokenAuth": []} in operation(schema, "/api/appointments", "get")["security"]
    assert {"vapiSecret": []} in operation(schema, "/api/vapi/webhook", "post")["security"]
    assert schema["components"]["securitySchemes"]["vapiSecret"]["name"] == "X-Vapi-Secret"

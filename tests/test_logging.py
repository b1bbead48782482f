"""Personal data never reaches a log line: redact() and the RedactFilter (CONTRACT section 3)."""

from __future__ import annotations

import io
import logging

import pytest

from receptionist.lib.redaction import RedactFilter, redact


@pytest.mark.parametrize(
    "phone",
    [
        "06 12 34 56 78",
        "0612345678",
        "+33 6 12 34 56 78",
        "+33612345678",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0033612345678",
        "0033 6 12 34 56 78",
        "04 72 00 00 00",
    ],
)
def test_redact_masks_french_phone_numbers_in_every_written_form(phone):
    assert redact(f"rappeler le {phone} demain") == "rappeler le [phone] demain"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("phone=0612345678", "phone=[phone]"),
        ("(06 12 34 56 78)", "([phone])"),
        ("au 0612345678.", "au [phone]."),
        ("0612345678,0698765432", "[phone],[phone]"),
    ],
)
def test_redact_masks_phone_numbers_next_to_punctuation(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "email",
    ["jean.dupont@example.fr", "gwenaelle.quere+rdv@mail.example.co.uk", "l_maury-42@orange.fr"],
)
def test_redact_masks_email_addresses(email):
    assert redact(f"contact={email} ok") == "contact=[email] ok"


@pytest.mark.parametrize(
    "text",
    [
        "start=2026-11-24T09:00:00+01:00",
        "start=2026-11-24T09:00:00Z",
        "at 2026-03-29T03:30:00+02:00 end",
        "conv_id=3f2a9c1e0b7d4e5f8a6b9c0d1e2f3a4b",
        "conv_id=12345678abcdef0123456789abcdef01",
        "conv_id=0f1e2d3c4b5a69788796a5b4c3d2e1f0 state=START",
        "[FLOW] turn=12 prompts=3 count=3 relaxed=False",
        "appointment_id=1234567 latency_ms=42.5",
        "postcode 69100, 3 rue des Tilleuls",
        pytest.param(
            "start=2026-11-24T09:00:00.123456+01:00",
            id="iso-with-microseconds",
        ),
        pytest.param(
            "start=2026-11-24 09:00:00+01:00",
            id="iso-with-space-separator",
        ),
        pytest.param(
            "conv_id=123e4567-e89b-12d3-a456-426614174000",
            id="dashed-uuid",
        ),
    ],
)
def test_redact_keeps_timestamps_ids_and_short_numbers(text):
    assert redact(text) == text


@pytest.fixture
def stream_logger():
    """A real logger writing through a handler carrying the filter, as settings.LOGGING does."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(RedactFilter())
    logger = logging.getLogger("tests.redact")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)
    logger.propagate = True


def test_filter_redacts_percent_formatted_arguments(stream_logger):
    logger, stream = stream_logger

    logger.info(
        "[BOOKING_ATTEMPT] conv_id=%s phone=%s email=%s start=%s",
        "3f2a9c1e0b7d4e5f8a6b9c0d1e2f3a4b",
        "+33 6 12 34 56 78",
        "jean.dupont@example.fr",
        "2026-11-24T09:00:00+01:00",
    )

    assert stream.getvalue() == (
        "INFO [BOOKING_ATTEMPT] conv_id=3f2a9c1e0b7d4e5f8a6b9c0d1e2f3a4b phone=[phone] "
        "email=[email] start=2026-11-24T09:00:00+01:00\n"
    )


def test_filter_redacts_mapping_arguments(stream_logger):
    logger, stream = stream_logger

    logger.info("rappel %(phone)s", {"phone": "06.12.34.56.78"})

    assert stream.getvalue() == "INFO rappel [phone]\n"


def test_filter_leaves_a_clean_record_untouched(stream_logger):
    logger, stream = stream_logger
    seen = []
    logger.handlers[0].addFilter(lambda record: seen.append((record.msg, record.args)) or True)

    logger.info("[FLOW] conv_id=%s turn=%s", "abc", 3)

    assert stream.getvalue() == "INFO [FLOW] conv_id=abc turn=3\n"
    assert seen == [("[FLOW] conv_id=%s turn=%s", ("abc", 3))]


def test_filter_redacts_the_traceback_of_a_logged_exception(stream_logger):
    logger, stream = stream_logger

    try:
        raise ValueError("numéro refusé : 0612345678 (jean@example.fr)")
    except ValueError:
        logger.exception("turn failed")

    written = stream.getvalue()
    assert written.startswith("ERROR turn failed\nTraceback (most recent call last):\n")
    assert written.endswith("ValueError: numéro refusé : [phone] ([email])\n")
    assert "0612345678" not in written
    assert "jean@example.fr" not in written


def test_filter_with_caplog_removes_personal_data_from_captured_records(caplog):
    caplog.handler.addFilter(RedactFilter())
    logger = logging.getLogger("tests.redact.caplog")

    with caplog.at_level(logging.INFO, logger="tests.redact.caplog"):
        logger.info("client %s joignable au %s", "jean@example.fr", "0033612345678")

    assert caplog.messages == ["client [email] joignable au [phone]"]
    assert "0033612345678" not in caplog.text


def test_filter_never_makes_a_bad_log_call_raise(stream_logger, monkeypatch):
    logger, _ = stream_logger
    monkeypatch.setattr(logging, "raiseExceptions", False)

    logger.info("conv_id=%s state=%s", "abc")  # one argument missing


def test_django_records_go_only_through_the_redacting_handlers():
    # Django's default handlers (console under DEBUG, mail_admins) wrote records unredacted.
    django_logger = logging.getLogger("django")
    assert django_logger.handlers == []
    assert django_logger.propagate is True
    root_filters = [f for h in logging.getLogger().handlers for f in h.filters]
    assert any(isinstance(f, RedactFilter) for f in root_filters)


# The links that are keys to an appointment: a logged path keeps its shape, not its token.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Not Found: /rdv/a97610e8-0612-3456-7800-f59fb8c4a209:y5NAzuMNDQ_uKMSnGaJJ/",
            "Not Found: /rdv/[token]/",
        ),
        (
            '"POST /rdv/abc:def/?done=move HTTP/1.1" 302',
            '"POST /rdv/[token]/?done=move HTTP/1.1" 302',
        ),
        (
            "GET /api/appointments/calendar/5f0c7a2e:abc.ics",
            "GET /api/appointments/calendar/[token].ics",
        ),
        ("/rdv/", "/rdv/"),
    ],
)
def test_redact_masks_the_tokens_of_appointment_links(text, expected):
    assert redact(text) == expected


@pytest.mark.django_db
def test_a_refused_link_is_logged_without_its_token(client, caplog):
    token = "a97610e8-0612-3456-7800-f59fb8c4a209:forged"
    with caplog.at_level("WARNING", logger="django.request"):
        assert client.get(f"/rdv/{token}/").status_code == 404
    assert caplog.records  # Django logs the 404…
    for record in caplog.records:
        RedactFilter().filter(record)  # …through the filter every handler has
        assert token not in record.getMessage()
        assert "/rdv/[token]/" in record.getMessage()

"""Issue 12 (low): daphne's access log writes no query string and goes through the redaction.

Daphne wrote `GET /admin/booking/appointment/?q=<a phone or an e-mail>` straight to stdout,
past the logging filter that masks personal data.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import httpx

from receptionist.access_log import AccessLog
from tests.daphne_server import WITHOUT_SENTENCE_ENCODER, DaphneServer

PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "garage_profile.json"
EMAIL = "jean.dupont@example.fr"


def test_an_http_line_keeps_the_path_and_drops_the_query(caplog) -> None:
    details = {
        "path": "/admin/booking/appointment/?q=06%2012%2034%2056%2078",
        "status": 200,
        "method": "GET",
        "client": "203.0.113.7:51000",
        "size": 1234,
    }
    with caplog.at_level(logging.INFO, logger="receptionist.access"):
        AccessLog(None)("http", "complete", details)

    [line] = [r.getMessage() for r in caplog.records if r.name == "receptionist.access"]
    assert line == '203.0.113.7:51000 "GET /admin/booking/appointment/" 200 1234'


def test_a_path_is_decoded_so_the_redaction_sees_it(caplog) -> None:
    details = {"path": "/api/conversations/jean%40example.fr", "client": "198.51.100.1:1"}
    with caplog.at_level(logging.INFO, logger="receptionist.access"):
        AccessLog(None)("websocket", "connected", details)

    [line] = [r.getMessage() for r in caplog.records if r.name == "receptionist.access"]
    assert line == '198.51.100.1:1 "WSCONNECT /api/conversations/[email]" - -'


def test_a_real_daphne_logs_requests_without_their_query_strings() -> None:
    with DaphneServer(PROFILE, LOG_LEVEL="INFO", **WITHOUT_SENTENCE_ENCODER) as server:
        httpx.get(f"{server.url}/health", params={"q": EMAIL}, timeout=10)
        httpx.get(f"{server.url}/admin/login/", params={"next": "/admin/?q=0612345678"})
        time.sleep(0.3)
        log = server.log.read_text(errors="replace")

    assert '"GET /health" 200' in log
    assert '"GET /admin/login/" 200' in log
    assert "q=" not in log
    assert EMAIL not in log
    assert "0612345678" not in log

"""Daphne's access log, through logging: no query string, and the redaction filter on every line.

Daphne writes one line per request straight to stdout (its default at verbosity 1), past the
logging configuration: admin searches (`?q=` with a phone number or an e-mail) reached the logs
as typed. Installed from `receptionist.asgi`, before daphne builds its access logger, this one
keeps the method, the path without its query, the status and the size, and hands the line to
the `receptionist.access` logger. `daphne -v 0` still turns it off.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import unquote

from daphne import access

logger = logging.getLogger("receptionist.access")


class AccessLog(access.AccessLogGenerator):
    def __call__(self, protocol: str, action: str, details: dict[str, Any]) -> None:
        # Decoded, so that the redaction filter sees « @ » rather than « %40 ».
        path = unquote(str(details.get("path", "")).split("?", 1)[0])
        super().__call__(protocol, action, {**details, "path": path})

    def write_entry(
        self,
        host: Any,
        date: Any,
        request: str,
        status: Any = None,
        length: Any = None,
        ident: Any = None,
        user: Any = None,
    ) -> None:
        logger.info('%s "%s" %s %s', host, request, status or "-", length or "-")


def install() -> None:
    """Make daphne's command line build this access logger instead of its own."""
    import daphne.cli

    daphne.cli.AccessLogGenerator = AccessLog  # type: ignore[misc]

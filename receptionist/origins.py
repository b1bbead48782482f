"""Who may open the chat socket: the server's own hosts, and the sites that embed the widget."""

from __future__ import annotations

from typing import Any

from channels.security.websocket import OriginValidator
from django.conf import settings
from django.http.request import validate_host


class WidgetOriginValidator(OriginValidator):
    def valid_origin(self, parsed_origin: Any) -> bool:
        hostname = getattr(parsed_origin, "hostname", None)
        if hostname and validate_host(hostname, settings.ALLOWED_HOSTS):
            return True  # the demo page and any page served by this server
        return super().valid_origin(parsed_origin)

"""The API's JSON parser: DRF's, with a body nested too deeply refused as malformed (400)."""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:  # e.g. 100,000 nested arrays: Python's parser gives up
            raise ParseError("JSON parse error - nested too deeply.") from None

"""URL converters the project's routes share."""

from __future__ import annotations


class AnyTextConverter:
    """Any non-empty text, slashes and line breaks included (Django's `path` stops at a line
    break, whose `.` does not match it). For an id the caller chose, that a view then looks up
    and answers 404 in the API's own body."""

    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value

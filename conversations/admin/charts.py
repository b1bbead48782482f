"""Charts of the managers' report, drawn on the server as inline SVG: no script, no CDN.

Every piece of text is escaped here; the result is marked safe for the template only then.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
SESSIONS_COLOUR = "#79aec8"
CONFIRMED_COLOUR = "#417690"
LOST_COLOUR = "#ba2121"


def _text(x: float, y: float, content: object, *, anchor: str = "start", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="currentColor">{escape(content)}</text>'
    )


def _svg(height: int, label: str, body: list[str]) -> SafeString:
    # Safe: every text above went through escape().
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(label)}" '
        f'style="max-width:{WIDTH}px">' + "".join(body) + "</svg>"
    )


def daily_chart(days: Sequence[tuple[date, int, int]]) -> SafeString:
    """Sessions per day as bars, bookings as a darker bar inside each, with a legend."""
    height, top, bottom, left = 240, 28, 26, 36
    plot_h = height - top - bottom
    peak = max((sessions for _, sessions, _ in days), default=0) or 1
    step = (WIDTH - left - 8) / max(len(days), 1)
    bar = max(step * 0.8, 1.0)
    body = [
        _text(left, 14, "Sessions", size=12),
        f'<rect x="{left - 14}" y="5" width="10" height="10" fill="{SESSIONS_COLOUR}"/>',
        f'<rect x="{left + 66}" y="5" width="10" height="10" fill="{CONFIRMED_COLOUR}"/>',
        _text(left + 80, 14, "Rendez-vous pris", size=12),
        _text(left - 4, top + 4, peak, anchor="end"),
        _text(left - 4, top + plot_h, 0, anchor="end"),
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 4}" y2="{top + plot_h}" '
        'stroke="currentColor" stroke-opacity="0.3"/>',
    ]
    label_every = max(1, round(len(days) / 10))
    for n, (day, sessions, confirmed) in enumerate(days):
        x = left + n * step
        sessions_h = plot_h * sessions / peak
        confirmed_h = plot_h * confirmed / peak
        tip = f"{day:%d/%m/%Y} : {sessions} sessions, {confirmed} rendez-vous pris"
        body.append(
            f"<g><title>{escape(tip)}</title>"
            f'<rect x="{x:.1f}" y="{top + plot_h - sessions_h:.1f}" width="{bar:.1f}" '
            f'height="{sessions_h:.1f}" fill="{SESSIONS_COLOUR}"/>'
            f'<rect x="{x:.1f}" y="{top + plot_h - confirmed_h:.1f}" width="{bar:.1f}" '
            f'height="{confirmed_h:.1f}" fill="{CONFIRMED_COLOUR}"/></g>'
        )
        if n % label_every == 0:
            body.append(_text(x + bar / 2, height - 8, f"{day:%d/%m}", anchor="middle"))
    return _svg(height, "Sessions et rendez-vous pris par jour", body)


def funnel_chart(rows: Sequence[tuple[str, int]]) -> SafeString:
    """One horizontal bar per last state reached, longest = most conversations lost there."""
    row_h = 24
    # Wide enough for the longest label at 11 px (about 6.2 px a character), within reason.
    label_w = min(380, max(190, 16 + int(6.2 * max((len(label) for label, _ in rows), default=0))))
    height = max(len(rows), 1) * row_h + 8
    peak = max((count for _, count in rows), default=0) or 1
    body = []
    for n, (label, count) in enumerate(rows):
        y = 4 + n * row_h
        length = (WIDTH - label_w - 60) * count / peak
        body.append(
            f"<g><title>{escape(f'{label} : {count}')}</title>"
            + _text(label_w - 8, y + 15, label, anchor="end")
            + f'<rect x="{label_w}" y="{y + 3}" width="{length:.1f}" height="{row_h - 8}" '
            f'fill="{LOST_COLOUR}" fill-opacity="0.75"/>'
            + _text(label_w + length + 6, y + 15, count)
            + "</g>"
        )
    return _svg(height, "Conversations sans rendez-vous, par dernière étape atteinte", body)

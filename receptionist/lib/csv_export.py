"""CSV for staff: cells a spreadsheet will not run as formulas, and a download response.

A cell that starts with a formula character (``=``, ``+``, ``-``, ``@``, tab, line break, or
their full-width forms), possibly after quotes, is written with one more leading quote
(CSV injection). Reading removes exactly that quote again, so an exported file imports back
unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

# Zero or more quotes, then a character that starts a formula in Excel or LibreOffice.
FORMULA = re.compile(r"'*[=+\-@\t\r\n＝＋－＠]")


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would evaluate gets a leading quote; numbers stay numbers."""
    if isinstance(value, str) and FORMULA.match(value):
        return "'" + value
    return value


def unquote_cell(value: str) -> str:
    """The reverse of :func:`safe_cell`, for files exported here and imported back."""
    if value.startswith("'") and FORMULA.match(value):
        return value[1:]
    return value


def french_cell(value: Any) -> Any:
    """A decimal number the French way (« 37,5 »), as a French spreadsheet reads it."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if value == value else ""
    return value


def csv_text(rows: Iterable[Sequence[Any]], *, french: bool = False) -> str:
    """Rows as CSV text with a byte-order mark, so that Excel reads the accents right.

    `french`: cells separated by « ; » and decimal commas, so that a spreadsheet set to French
    opens the file in columns (with « , » it puts each whole line in the first column).
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if french else ",")
    for row in rows:
        cells = [french_cell(value) for value in row] if french else list(row)
        writer.writerow([safe_cell(value) for value in cells])
    return "\ufeff" + out.getvalue()


def csv_response(
    filename: str, rows: Iterable[Sequence[Any]], *, french: bool = False
) -> HttpResponse:
    """A UTF-8 CSV attachment; the first row is the header."""
    return HttpResponse(
        csv_text(rows, french=french),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )

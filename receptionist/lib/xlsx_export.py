"""XLSX for managers: a real workbook (typed numbers, no formula ever), as a download."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    """One sheet; the first row in bold. Text stays text: « =… » is never a formula."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = title[:31]  # the format's limit
    for number, row in enumerate(rows, start=1):
        sheet.append([value if value is not None else "" for value in row])
        for cell in sheet[number]:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # openpyxl reads « =… » as a formula otherwise
            if number == 1:
                cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(filename: str, rows: Iterable[Sequence[Any]], *, title: str) -> HttpResponse:
    return HttpResponse(
        xlsx_bytes(rows, title=title),
        content_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )

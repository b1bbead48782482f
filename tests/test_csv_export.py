"""Staff CSV files: formula cells are neutralised on the way out and restored on the way in."""

from __future__ import annotations

import csv
import io

import pytest

from receptionist.lib.csv_export import csv_response, csv_text, french_cell, safe_cell, unquote_cell

CELLS = [
    ("plain", "vous ouvrez quand", "vous ouvrez quand"),
    ("equals", "=1+1", "'=1+1"),
    ("plus", "+33 6", "'+33 6"),
    ("minus", "-10 %", "'-10 %"),
    ("at", "@SUM(A1)", "'@SUM(A1)"),
    ("tab", "\tx", "'\tx"),
    ("carriage-return", "\r=1", "'\r=1"),
    ("newline", "\n=1", "'\n=1"),
    ("full-width-equals", "＝1", "'＝1"),
    ("quote-then-formula", "'=x", "''=x"),
    ("two-quotes-then-formula", "''=x", "'''=x"),
    ("lone-quote", "'bonjour", "'bonjour"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("_", "cell", "escaped"), CELLS, ids=[c[0] for c in CELLS])
def test_formula_escaping_round_trips(_, cell: str, escaped: str) -> None:
    assert safe_cell(cell) == escaped
    assert unquote_cell(escaped) == cell


@pytest.mark.parametrize("number", [-2, 0, 3.5, None])
def test_numbers_stay_numbers(number) -> None:
    assert safe_cell(number) == number


def test_the_response_is_an_excel_friendly_attachment() -> None:
    response = csv_response("export.csv", [["nom", "note"], ["Inès", "=HYPERLINK(1)"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="export.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [["nom", "note"], ["Inès", "'=HYPERLINK(1)"]]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (37.5, "37,5"),  # a French spreadsheet reads « 37,5 » as a number, « 37.5 » as text
        (0.0, "0"),
        (12, 12),  # whole numbers stay as they are
        ("1.5", "1.5"),  # text is never rewritten
        (float("nan"), ""),
    ],
)
def test_french_cells_write_decimal_commas(value, expected) -> None:
    assert french_cell(value) == expected


def test_french_csv_separates_cells_with_semicolons() -> None:
    assert csv_text([["taux", 37.5], ["nom", "a;b"]], french=True) == (
        '\ufefftaux;37,5\r\nnom;"a;b"\r\n'
    )

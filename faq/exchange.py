"""FAQ files staff exchange with the admin: the profile's JSON « faq » list, and a CSV.

Pure: bytes in, validated rows out, and rows back to text; the upsert is
:func:`faq.services.faq_import`. Every message is shown to front-desk staff, in French.

The CSV has the columns ``id, question, answer, alternatives, active``; alternatives are
joined with `` | `` and ``active`` reads « oui » / « non ». Cells a spreadsheet would run as
formulas are quoted on the way out and unquoted on the way in
(:mod:`receptionist.lib.csv_export`), so an export imports back unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from faq.models import FaqEntry
from receptionist.lib.csv_export import csv_text, unquote_cell

MAX_FILE_BYTES = 1_000_000
CSV_COLUMNS = ("id", "question", "answer", "alternatives", "active")
REQUIRED_COLUMNS = ("id", "question", "answer")
# Headers staff may type in French instead.
COLUMN_ALIASES = {
    "identifiant": "id",
    "réponse": "answer",
    "reponse": "answer",
    "autres formulations": "alternatives",
    "formulations": "alternatives",
    "actif": "active",
}
ALTERNATIVES_SEPARATOR = " | "
YES = frozenset({"oui", "o", "vrai", "true", "yes", "1", "x"})
NO = frozenset({"non", "n", "faux", "false", "no", "0"})

# Both fields declare a max_length (the stub's Field.max_length allows None).
ID_MAX = cast(int, FaqEntry._meta.get_field("faq_id").max_length)
QUESTION_MAX = cast(int, FaqEntry._meta.get_field("question").max_length)
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


class FaqDataError(ValueError):
    pass


@dataclass(frozen=True)
class FaqRow:
    faq_id: str
    question: str
    answer: str
    alternatives: tuple[str, ...] = ()
    active: bool = True

    @classmethod
    def from_entry(cls, entry: FaqEntry) -> FaqRow:
        return cls(
            entry.faq_id,
            entry.question,
            entry.answer,
            tuple(entry.alternatives or ()),
            entry.active,
        )


def clean_alternatives(lines: Iterable[str]) -> tuple[str, ...]:
    """Stripped alternatives, blanks and repeats dropped; FaqDataError for one CSV cannot hold."""
    clean: list[str] = []
    for line in lines:
        text = line.strip()
        if any(char in text for char in "|\n\r"):
            raise FaqDataError(
                f"la formulation « {text} » ne peut pas contenir « | » ni de retour à la ligne."
            )
        if len(text) > QUESTION_MAX:
            raise FaqDataError(f"une formulation dépasse {QUESTION_MAX} caractères.")
        if text and text not in clean:
            clean.append(text)
    return tuple(clean)


# --- Reading ------------------------------------------------------------------------


def read_faq_file(data: bytes) -> list[FaqRow]:
    """The entries of a profile JSON (whole, or its « faq » list) or of a CSV."""
    text = _decode(data)
    rows = _read_json(text) if text.lstrip()[:1] in ("{", "[") else _read_csv(text)
    if not rows:
        raise FaqDataError("Le fichier ne contient aucune question.")
    _refuse_duplicates(rows)
    return rows


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise FaqDataError("Ce fichier n'est pas un fichier texte (JSON ou CSV en UTF-8 attendu).")


def _read_json(text: str) -> list[FaqRow]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FaqDataError(f"JSON invalide (ligne {exc.lineno}, colonne {exc.colno}).") from None
    except RecursionError:
        raise FaqDataError("JSON invalide (trop imbriqué).") from None
    if isinstance(data, dict):
        if "faq" not in data:
            raise FaqDataError("Ce profil JSON n'a pas de clé « faq ».")
        data = data["faq"]
    if not isinstance(data, list):
        raise FaqDataError("La clé « faq » doit contenir une liste de questions.")
    return [_json_row(item, f"Entrée {number}") for number, item in enumerate(data, start=1)]


def _json_row(item: Any, where: str) -> FaqRow:
    if not isinstance(item, dict):
        raise FaqDataError(f"{where} : chaque question doit être un objet JSON.")
    alternatives = item.get("alternatives", [])
    if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
        raise FaqDataError(f"{where} : « alternatives » doit être une liste de textes.")
    active = item.get("active", True)
    if not isinstance(active, bool):
        raise FaqDataError(f"{where} : « active » doit valoir true ou false.")
    return _row(
        where, item.get("id"), item.get("question"), item.get("answer"), alternatives, active
    )


def _read_csv(text: str) -> list[FaqRow]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        columns = _columns(next(reader, []))
        for cells in reader:
            where = f"Ligne {reader.line_num}"
            if any(cell.strip() for cell in cells[len(columns) :]):
                raise FaqDataError(f"{where} : plus de cellules que de colonnes dans l'en-tête.")
            if any(cell.strip() for cell in cells):
                rows.append(_csv_row(dict(zip(columns, cells, strict=False)), where))
    except csv.Error:
        raise FaqDataError(f"CSV illisible à la ligne {reader.line_num}.") from None
    return rows


def _columns(header: Sequence[str]) -> list[str]:
    columns = [unquote_cell(cell).strip().lower() for cell in header]
    columns = [COLUMN_ALIASES.get(column, column) for column in columns]
    # One pass over the header (a counter, not a count per column: a 1 MB header of empty
    # columns took minutes), and a few names at most in the message.
    counts = Counter(columns)
    unknown = [c for c in counts if c not in CSV_COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in counts]
    repeated = sorted(c for c, n in counts.items() if n > 1)
    if repeated:
        raise FaqDataError(f"En-tête CSV incorrect (colonne en double : {_names(repeated)}).")
    if unknown or missing:
        raise FaqDataError(
            "En-tête CSV incorrect"
            + (f" (colonne inconnue : {_names(unknown)})" if unknown else "")
            + (f" (colonne manquante : {', '.join(missing)})" if missing else "")
            + f". Colonnes attendues : {', '.join(CSV_COLUMNS)}."
        )
    return columns


def _names(columns: Sequence[str], shown: int = 5) -> str:
    return ", ".join(columns[:shown]) + (", …" if len(columns) > shown else "")


def _csv_row(cells: dict[str, str], where: str) -> FaqRow:
    values = {column: unquote_cell(cell) for column, cell in cells.items()}
    alternatives = values.get("alternatives", "").split("|")
    return _row(
        where,
        values.get("id", ""),
        values.get("question", ""),
        values.get("answer", ""),
        alternatives,
        _active(values.get("active", ""), where),
    )


def _active(cell: str, where: str) -> bool:
    value = cell.strip().lower()
    if not value or value in YES:
        return True
    if value in NO:
        return False
    raise FaqDataError(f"{where} : « active » doit valoir oui ou non (reçu « {cell} »).")


def _row(
    where: str, faq_id: Any, question: Any, answer: Any, alternatives: list[str], active: bool
) -> FaqRow:
    texts = {"id": faq_id, "question": question, "answer": answer}
    for name, value in texts.items():
        if not isinstance(value, str) or not value.strip():
            raise FaqDataError(f"{where} : « {name} » est obligatoire.")
    faq_id, question, answer = (value.strip() for value in texts.values())
    if not SLUG.match(faq_id) or len(faq_id) > ID_MAX:
        raise FaqDataError(
            f"{where} : l'identifiant « {faq_id} » ne doit contenir que des lettres sans accent, "
            f"chiffres, « - » ou « _ » ({ID_MAX} caractères au plus)."
        )
    if len(question) > QUESTION_MAX:
        raise FaqDataError(f"{where} : la question dépasse {QUESTION_MAX} caractères.")
    try:
        clean = clean_alternatives(alternatives)
    except FaqDataError as exc:
        raise FaqDataError(f"{where} : {exc}") from None
    return FaqRow(faq_id, question, answer, clean, active)


def _refuse_duplicates(rows: Sequence[FaqRow]) -> None:
    seen: set[str] = set()
    for row in rows:
        if row.faq_id in seen:
            raise FaqDataError(
                f"L'identifiant « {row.faq_id} » apparaît deux fois dans le fichier."
            )
        seen.add(row.faq_id)


# --- Writing ------------------------------------------------------------------------


def faq_rows_json(rows: Iterable[FaqRow]) -> str:
    """The profile's « faq » list (plus « active »), ready to import or paste into a profile."""
    entries = [
        {
            "id": row.faq_id,
            "question": row.question,
            "answer": row.answer,
            "alternatives": list(row.alternatives),
            "active": row.active,
        }
        for row in rows
    ]
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"


def faq_rows_csv(rows: Iterable[FaqRow]) -> str:
    """The CSV staff open in a spreadsheet and import back."""
    cells = (
        (
            row.faq_id,
            row.question,
            row.answer,
            ALTERNATIVES_SEPARATOR.join(row.alternatives),
            "oui" if row.active else "non",
        )
        for row in rows
    )
    return csv_text([CSV_COLUMNS, *cells])

"""Issue 12 (low): the FAQ import reads a CSV header in linear time.

Each column was counted against the whole header: a 1 MB header of columns took minutes of a
server thread.
"""

from __future__ import annotations

import time

import pytest

from faq.exchange import MAX_FILE_BYTES, FaqDataError, read_faq_file


def refused_quickly(header: str, seconds: float = 0.5) -> str:
    started = time.perf_counter()
    with pytest.raises(FaqDataError) as refused:
        read_faq_file((header + "\nFAQ_A;question;réponse\n").encode())
    assert time.perf_counter() - started < seconds
    return str(refused.value)


def test_twenty_thousand_unknown_columns_are_refused_at_once() -> None:
    message = refused_quickly(";".join(f"colonne{i}" for i in range(20_000)))

    assert "colonne inconnue : colonne0, colonne1, colonne2, colonne3, colonne4, …" in message
    assert len(message) < 300


def test_twenty_thousand_repeated_columns_are_refused_at_once() -> None:
    message = refused_quickly(";".join(["id", "question", "answer"] * 7_000))

    assert "colonne en double : answer, id, question" in message


def test_a_header_as_large_as_the_file_limit_is_refused_at_once() -> None:
    refused_quickly(";" * (MAX_FILE_BYTES - 100), seconds=2)


def test_a_good_header_still_reads() -> None:
    rows = read_faq_file("id;question;answer\nFAQ_A;Horaires ?;De 9 h à 18 h.\n".encode())

    assert [row.faq_id for row in rows] == ["FAQ_A"]

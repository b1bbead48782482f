"""Contact details in public payloads: recognisable by their owner, never whole."""

from __future__ import annotations

import pytest

from conversations.masking import masked_email, masked_phone


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+33612345678", "06 •• •• •• 78"),
        ("+33123456789", "01 •• •• •• 89"),
        ("+3225551234", "+32 •••••• 34"),
        ("+14155550123", "+14 ••••••• 23"),
        ("+4420794601234", "+44 ••••••••• 34"),
        ("1234", "••••"),
        ("", ""),
    ],
)
def test_masked_phone(e164: str, shown: str) -> None:
    assert masked_phone(e164) == shown


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("marie.lefebvre@example.fr", "m•••@e•••.fr"),
        ("j@gmail.com", "j•••@g•••.com"),
        ("paul@localhost", "p•••@l•••"),
        ("a.b@sub.domain.co.uk", "a•••@s•••.uk"),
        ("@example.fr", "•••"),
        ("", ""),
    ],
)
def test_masked_email(address: str, shown: str) -> None:
    assert masked_email(address) == shown


@pytest.mark.parametrize("e164", ["+33612345678", "+14155550123", "+4420794601234"])
def test_a_masked_phone_never_shows_more_than_four_digits(e164: str) -> None:
    assert sum(c.isdigit() for c in masked_phone(e164)) <= 4

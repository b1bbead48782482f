"""load_business and seed_demo: validation, idempotence, FAQ replacement (CONTRACT section 4)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from booking.models import Business, Closure, Motif, OpeningHours
from faq.models import FaqEntry

pytestmark = pytest.mark.django_db

GARAGE_FAQ_IDS = ["FAQ_ADDRESS", "FAQ_HOURS", "FAQ_LOAN_CAR", "FAQ_OIL_PRICE", "FAQ_PAYMENT"]


def write(tmp_path: Path, content: dict | str, name: str = "profile.json") -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def load(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("load_business", str(path), *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, object]:
    """Everything a load writes, with row ids and change stamps."""
    return {
        "business": list(Business.objects.values_list("pk", "name", "updated_at")),
        "hours": list(
            OpeningHours.objects.order_by("pk").values_list("pk", "weekday", "start", "end")
        ),
        "closures": list(Closure.objects.order_by("pk").values_list("pk", "date")),
        "motifs": list(Motif.objects.order_by("pk").values_list("pk", "name", "minutes")),
        "faq": list(FaqEntry.objects.order_by("pk").values_list("pk", "faq_id", "updated_at")),
    }


def test_load_business_creates_the_business_from_the_file(tmp_path, profile):
    output = load(write(tmp_path, profile))

    business = Business.objects.get()
    assert (business.name, business.timezone, business.slot_minutes) == (
        "Garage des Tilleuls",
        "Europe/Paris",
        60,
    )
    assert (business.cancel_notice_hours, business.transfer_number) == (24, "+33472000000")
    assert OpeningHours.objects.count() == 11
    assert list(Closure.objects.values_list("date", flat=True)) == [date(2026, 12, 25)]
    assert dict(Motif.objects.values_list("name", "minutes")) == {
        "vidange": 60,
        "distribution": 120,
    }
    assert list(FaqEntry.objects.values_list("faq_id", flat=True)) == GARAGE_FAQ_IDS
    assert output == "Loaded « Garage des Tilleuls » (5 FAQ entries changed).\n"


def test_load_business_twice_changes_nothing_the_second_time(tmp_path, profile, clock):
    path = write(tmp_path, profile)
    load(path)
    before = snapshot()
    clock.shift(timedelta(minutes=5))  # a rewrite would move updated_at

    output = load(path)

    assert snapshot() == before
    assert output == "Loaded « Garage des Tilleuls » (0 FAQ entries changed).\n"


def test_load_business_with_a_changed_file_updates_the_same_business(tmp_path, profile):
    load(write(tmp_path, profile))
    pk = Business.objects.get().pk
    profile |= {
        "name": "Garage des Tilleuls & fils",
        "opening_hours": {"saturday": [["09:00", "12:00"]]},
        "closed_dates": ["2027-01-01"],
        "motifs": [{"name": "vidange", "minutes": 45}],
    }

    load(write(tmp_path, profile))

    business = Business.objects.get()
    assert (business.pk, business.name) == (pk, "Garage des Tilleuls & fils")
    assert list(OpeningHours.objects.values_list("weekday", flat=True)) == [6]
    assert list(Closure.objects.values_list("date", flat=True)) == [date(2027, 1, 1)]
    assert dict(Motif.objects.values_list("name", "minutes")) == {"vidange": 45}


@pytest.mark.parametrize(
    ("args", "expected_ids"),
    [
        ((), ["FAQ_ADDRESS", "FAQ_HOURS", "FAQ_OLD"]),
        (("--replace-faq",), ["FAQ_ADDRESS", "FAQ_HOURS"]),
    ],
)
def test_replace_faq_removes_entries_the_file_does_not_name(tmp_path, profile, args, expected_ids):
    FaqEntry.objects.create(
        faq_id="FAQ_OLD", question="Ancienne question ?", answer="Ancienne réponse."
    )
    profile["faq"] = [e for e in profile["faq"] if e["id"] in {"FAQ_HOURS", "FAQ_ADDRESS"}]

    load(write(tmp_path, profile), *args)

    assert list(FaqEntry.objects.values_list("faq_id", flat=True)) == expected_ids


def test_load_business_updates_a_faq_answer_in_place(tmp_path, profile):
    path = write(tmp_path, profile)
    load(path)
    pk = FaqEntry.objects.get(faq_id="FAQ_OIL_PRICE").pk
    profile["faq"][4]["answer"] = "À partir de 89 € TTC."

    output = load(write(tmp_path, profile))

    entry = FaqEntry.objects.get(faq_id="FAQ_OIL_PRICE")
    assert (entry.pk, entry.answer) == (pk, "À partir de 89 € TTC.")
    assert output == "Loaded « Garage des Tilleuls » (1 FAQ entries changed).\n"


def without_name(profile: dict) -> dict:
    return {k: v for k, v in profile.items() if k != "name"}


def duplicate_faq(profile: dict) -> dict:
    return profile | {"faq": [*profile["faq"], profile["faq"][0]]}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p | {"opening_hours": {"lundi": [["09:00", "12:00"]]}},
            "opening_hours: unknown day 'lundi'",
        ),
        (
            lambda p: p | {"opening_hours": {"monday": [["12:00", "09:00"]]}},
            "opening_hours.monday: 12:00 is not before 09:00",
        ),
        (
            lambda p: p | {"opening_hours": {"monday": [["09:00", "09:00"]]}},
            "opening_hours.monday: 09:00 is not before 09:00",
        ),
        (
            lambda p: p | {"opening_hours": {"monday": [["9h", "12:00"]]}},
            "opening_hours.monday: '9h' is not a time (HH:MM)",
        ),
        (lambda p: p | {"timezone": "Europe/Lyon"}, "timezone: unknown time zone 'Europe/Lyon'"),
        (without_name, "name: required"),
        (lambda p: p | {"name": "   "}, "name: required"),
        (duplicate_faq, "faq: duplicate id 'FAQ_HOURS'"),
        (
            lambda p: p | {"closed_dates": ["25/12/2026"]},
            "closed_dates: expected dates as YYYY-MM-DD",
        ),
        (
            lambda p: p | {"slot_minutes": 2},
            "slot_minutes: expected an integer from 5 to 1440, got 2",
        ),
        (
            lambda p: p | {"horizon_days": -1},
            "horizon_days: expected an integer from 1 to 366, got -1",
        ),
        (lambda p: [p], "the profile must be a JSON object"),
    ],
)
def test_invalid_profile_gives_a_command_error_and_writes_nothing(tmp_path, profile, make, message):
    path = write(tmp_path, make(profile))

    with pytest.raises(CommandError) as raised:
        load(path)

    assert str(raised.value) == f"{path}: {message}"
    assert (Business.objects.count(), FaqEntry.objects.count()) == (0, 0)


def test_invalid_json_gives_a_command_error(tmp_path):
    path = write(tmp_path, '{"name": "Garage",')

    with pytest.raises(CommandError, match=r"profile\.json: invalid JSON \(") as raised:
        load(path)

    assert str(raised.value).startswith(f"{path}: invalid JSON (")


def test_missing_file_gives_a_command_error(tmp_path):
    path = tmp_path / "absent.json"

    with pytest.raises(CommandError) as raised:
        load(path)

    assert str(raised.value) == f"{path}: no such file"


@pytest.mark.parametrize(
    ("patch", "where"),
    [
        pytest.param(
            {"motifs": [{"name": "vidange", "minutes": 0}]},
            "motifs",
            id="motif-zero-minutes",
        ),
        pytest.param(
            {"motifs": [{"name": "vidange", "minutes": True}]},
            "motifs",
            id="motif-boolean-minutes",
        ),
        pytest.param(
            {"opening_hours": {"monday": [["09:00", "12:00"], ["09:00", "11:00"]]}},
            "opening_hours.monday",
            id="two-periods-same-start",
        ),
    ],
)
def test_values_the_database_would_refuse_give_a_command_error(tmp_path, profile, patch, where):
    path = write(tmp_path, profile | patch)

    with pytest.raises(CommandError, match=rf"^{path}: {where}"):
        load(path)

    assert Business.objects.count() == 0


def test_seed_demo_loads_the_bundled_demo_profile_idempotently():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    before = snapshot()
    call_command("seed_demo", stdout=out)

    business = Business.objects.get()
    assert business.name == "Cabinet dentaire du Parc"
    assert dict(Motif.objects.values_list("name", "minutes")) == {
        "consultation": 30,
        "détartrage": 45,
        "urgence dentaire": 30,
    }
    assert FaqEntry.objects.count() == 10
    assert snapshot() == before
    assert out.getvalue().splitlines() == [
        "Demo business « Cabinet dentaire du Parc » ready (10 FAQ entries changed).",
        "Demo business « Cabinet dentaire du Parc » ready (0 FAQ entries changed).",
    ]

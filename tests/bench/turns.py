"""python tests/bench/turns.py [--dialogues 1000] [--faq-entries 500]   (or: make bench, or
python manage.py bench_turns with the same options)

Replays generated dialogues in-process, on a throwaway in-memory SQLite database, and prints
per-turn latency percentiles (the whole service with the database, and the pure part:
guards, understanding and engine), then the FAQ match time on a synthetic corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "receptionist.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from booking.models import Appointment, BookedCell  # noqa: E402
from booking.selectors import business_profile  # noqa: E402
from conversations.dialogue import engine, guards  # noqa: E402
from conversations.dialogue.memory import Memory  # noqa: E402
from conversations.dialogue.states import State  # noqa: E402
from conversations.dialogue.understanding import understand  # noqa: E402
from conversations.management.commands.seed_demo import DEMO_PROFILE  # noqa: E402
from conversations.models import Conversation  # noqa: E402
from conversations.services import conversation_handle_turn, limits_from_settings  # noqa: E402
from faq.calibration import calibrated_index  # noqa: E402
from faq.confidence import judge  # noqa: E402
from faq.matcher import FaqDoc  # noqa: E402
from faq.services import faq_index  # noqa: E402
from receptionist.lib.snapshots import clear_all  # noqa: E402

FIRST = [
    "Marie",
    "Paul",
    "Léa",
    "Jean",
    "Inès",
    "Hugo",
    "Chloé",
    "Karim",
    "Zoé",
    "Louis",
    "Aïcha",
    "Tom",
]
LAST = [
    "Curie",
    "Martin",
    "Durand",
    "Lefèvre",
    "Moreau",
    "Garnier",
    "Benali",
    "Roux",
    "Faure",
    "Nguyen",
]
OPENINGS = [
    "bonjour je voudrais un rendez-vous",
    "euh oui bonjour c'est pour prendre rendez-vous",
    "Bonjour, vous auriez un créneau cette semaine ?",
    "bonjour c'est {name} je voudrais un rendez-vous {pref}",
    "slt faut que je passe",
]
MOTIFS = ["un détartrage", "une consultation", "j'ai mal à une dent", "un contrôle", "une carie"]
PREFS = [
    "mardi matin",
    "demain après-midi",
    "la semaine prochaine",
    "jeudi après 16h",
    "le plus tôt possible",
    "n'importe quand",
    "vendredi avant 11h",
    "lundi ou mardi en fin de journée",
]
CHOICES = ["le premier", "le deuxième", "le dernier", "le 2", "ok pour le premier"]
QUESTIONS = [
    "vous êtes où exactement ?",
    "vous prenez la carte vitale ?",
    "c'est quoi vos horaires",
    "il y a un parking ?",
    "le détartrage c'est combien",
]


def _phone(rng: random.Random) -> str:
    digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
    return "06 " + " ".join(digits[i : i + 2] for i in range(0, 8, 2))


def dialogue(rng: random.Random) -> list[str]:
    name, pref = f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(PREFS)
    kind = rng.random()
    if kind < 0.15:
        return [rng.choice(QUESTIONS), rng.choice(QUESTIONS)]
    if kind < 0.25:
        return ["je voudrais annuler mon rendez-vous", name, "oui"]
    opening = rng.choice(OPENINGS).format(name=name, pref=pref)
    lines = [opening, name, rng.choice(MOTIFS), pref, _phone(rng), rng.choice(CHOICES), "oui"]
    if rng.random() < 0.3:
        lines.insert(rng.randint(1, 5), rng.choice(QUESTIONS))
    return lines


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

    return f"p50={at(0.50):.2f} ms  p99={at(0.99):.2f} ms  max={ordered[-1]:.2f} ms  (n={len(ordered)})"


NOUNS = (
    "détartrage blanchiment implant couronne bridge orthodontie prothèse radio extraction carie "
    "gencive facette bilan vaccin frottis échographie électrocardiogramme certificat ordonnance "
    "coupe couleur balayage brushing permanente lissage barbe manucure pédicure épilation massage "
    "vidange révision pneus freins embrayage batterie climatisation carrosserie pare-brise "
    "distribution amortisseurs échappement diagnostic géométrie"
).split()
QUALIFIERS = (
    "enfant adulte senior express complet premium simple double annuel urgent léger profond "
    "naturel classique spécial"
).split()
ASPECTS = (
    ("Combien coûte {s} ?", "prix {s}"),
    ("{s} est-il remboursé ?", "remboursement {s}"),
    ("Combien de temps dure {s} ?", "durée {s}"),
    ("Faut-il prendre rendez-vous pour {s} ?", "sans rendez-vous {s}"),
    ("Comment se préparer avant {s} ?", "préparation {s}"),
    ("Proposez-vous {s} le samedi ?", "{s} le week-end"),
)


def synthetic_faq(size: int, rng: random.Random) -> list[FaqDoc]:
    """A large FAQ whose entries share vocabulary the way a real catalogue does."""
    combos = [(n, q, a) for n in NOUNS for q in QUALIFIERS for a in ASPECTS]
    rng.shuffle(combos)
    docs = []
    for i, (noun, qualifier, (question, alternative)) in enumerate(combos[:size]):
        subject = f"{noun} {qualifier}"
        docs.append(
            FaqDoc(
                id=f"SYN_{i}",
                question=question.format(s=subject),
                answer=f"Réponse sur {subject}.",
                alternatives=(alternative.format(s=subject),),
            )
        )
    return docs


def bench_turns(count: int, rng: random.Random) -> None:
    call_command("load_business", str(DEMO_PROFILE), verbosity=0)
    clear_all()
    service_ms: list[float] = []
    pure_ms: list[float] = []
    outcomes: dict[str, int] = {}
    for n in range(count):
        if n and n % 150 == 0:
            # Keep the agenda from filling up: the benchmark measures turns, not a full diary.
            Appointment.objects.filter(status="confirmed").update(status="cancelled")
            BookedCell.objects.all().delete()
        first = conversation_handle_turn(channel="web", conversation_id=None, message="")
        key = first.conversation_id
        result = first
        for line in dialogue(rng):
            pure_ms.append(time_pure(key, line))
            started = time.perf_counter()
            result = conversation_handle_turn(channel="web", conversation_id=key, message=line)
            service_ms.append((time.perf_counter() - started) * 1000)
            if result.ended:
                break
        outcomes[result.state] = outcomes.get(result.state, 0) + 1
    print(f"dialogues: {count}, outcomes: {dict(sorted((str(k), v) for k, v in outcomes.items()))}")
    print(f"turn, service with database (in-process, no HTTP): {percentiles(service_ms)}")
    print(f"turn, pure path (guards + understanding + engine): {percentiles(pure_ms)}")


def time_pure(key: str, line: str) -> float:
    conversation = Conversation.objects.get(key=key)
    profile = business_profile()
    memory = Memory.from_dict(conversation.data)
    now = timezone.now()
    index = faq_index()
    tz = profile.tz
    started = time.perf_counter()
    guard = guards.check(line, max_chars=500)
    heard = understand(
        guards.clean(line),
        state=conversation.state,
        today=now.astimezone(tz).date(),
        slot_starts=[s.start.astimezone(tz) for s in memory.slots],
        faq_index=index,
        faq_threshold=80,
        known_motifs=[name for name, _ in profile.motifs],
        guard=guard,
    )
    ctx = engine.Context(
        State(conversation.state),
        memory,
        "web",
        limits_from_settings(),
        read_back="web" in settings.BOOKING_READ_BACK_CHANNELS,
    )
    engine.step(ctx, heard)
    return (time.perf_counter() - started) * 1000


def bench_faq(size: int, rng: random.Random) -> None:
    profile = json.loads(DEMO_PROFILE.read_text(encoding="utf-8"))
    real = [
        FaqDoc(
            id=e["id"],
            question=e["question"],
            answer=e["answer"],
            alternatives=tuple(e.get("alternatives", ())),
        )
        for e in profile["faq"]
    ]
    docs = real + synthetic_faq(size - len(real), rng)
    queries = [
        *QUESTIONS,
        "combien coûte un implant 42",
        "il va neiger demain",
        "Paul Martin",
        "mardi matin",
        "le blanchiment 7 est remboursé ?",
        "vous faites les couronnes",
        "oui",
    ]
    for sentences, opinions in ((True, "all opinions"), (False, "word opinions only")):
        started = time.perf_counter()
        index = calibrated_index(docs, sentences=sentences)
        build_ms = (time.perf_counter() - started) * 1000
        timings = []
        for _ in range(200):
            for query in queries:
                timings.append(_timed(lambda q=query, i=index: judge(q, i, threshold=80)))
        print(f"FAQ index of {len(docs)} entries ({opinions}) calibrated in {build_ms:.1f} ms")
        print(f"FAQ match ({opinions}, bands) on {len(docs)} entries: {percentiles(timings)}")


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialogues", type=int, default=1000)
    parser.add_argument("--faq-entries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20261122)
    options = parser.parse_args()
    run(dialogues=options.dialogues, faq_entries=options.faq_entries, seed=options.seed)


def run(*, dialogues: int, faq_entries: int, seed: int) -> None:
    """The whole bench (`python manage.py bench_turns` runs it too)."""
    rng = random.Random(seed)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with override_settings(CHAT_RATE_LIMIT_PER_MINUTE=10**9):
            bench_turns(dialogues, rng)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        clear_all()
    bench_faq(faq_entries, rng)


if __name__ == "__main__":
    main()

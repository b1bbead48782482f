"""What the benchmark visitors and callers say: names, time preferences, slot choices."""

from __future__ import annotations

FIRST = (
    "Marie Paul Léa Jean Inès Hugo Chloé Karim Zoé Louis Emma Noah Jade Lucas Lina Adam Rose "
    "Ethan Anna Tom"
).split()
LAST = "Curie Martin Durand Lefèvre Moreau Garnier Benali Roux Faure Nguyen".split()
PREFS = [
    "lundi matin",
    "mardi après-midi",
    "jeudi matin",
    "vendredi",
    "la semaine prochaine",
    "lundi après 15h",
    "mardi avant 11h",
    "jeudi après-midi",
    "le plus tôt possible",
]
CHOICES = ["le premier", "le deuxième", "le dernier"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")

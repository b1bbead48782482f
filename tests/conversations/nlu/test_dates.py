"""Golden phrases for parse_preference, as people say them, as ASR writes them, as visitors type.

Every expectation is relative to Wednesday 25 November 2026.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from booking.preferences import Preference
from conversations.dialogue.nlu.when.dates import parse_preference
from receptionist.lib.text import fold
from tests.conversations.nlu.time_table import load, score

TODAY = date(2026, 11, 25)  # a Wednesday
WEEK_DAYS = {1, 2, 3, 4, 5}
NEXT_WEEK = {"earliest": date(2026, 11, 30), "latest": date(2026, 12, 6)}
IN_TWO_WEEKS = {"earliest": date(2026, 12, 7), "latest": date(2026, 12, 13)}


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def pref(
    *, dates: tuple[date, ...] = (), weekdays: tuple[int, ...] | set[int] = (), **kw
) -> Preference:
    return Preference(dates=frozenset(dates), weekdays=frozenset(weekdays), **kw)


def coming(*weekdays: int) -> tuple[date, ...]:
    """A weekday said bare is the coming one, never today."""
    return tuple(TODAY + timedelta(days=(wd - TODAY.isoweekday()) % 7 or 7) for wd in weekdays)


def h(hour: int, minute: int = 0) -> time:
    return time(hour, minute)


WEEKDAYS = [
    ("mardi", pref(weekdays=(2,), dates=coming(2))),
    # an abbreviated weekday next to a part of the day, anywhere in the message
    ("bjr c pr 1 semi perm sam aprem svp", pref(weekdays=(6,), dates=coming(6), after=h(13))),
    ("sam matin", pref(weekdays=(6,), dates=coming(6), before=h(12))),
    ("plutôt mer soir", pref(weekdays=(3,), dates=coming(3), after=h(17))),
    ("on part à la mer", None),  # mid-sentence, no date or part of the day after it
    ("un mardi ou un jeudi", pref(weekdays=(2, 4))),
    ("lundi ou mardi", pref(weekdays=(1, 2), dates=coming(1, 2))),
    ("plutôt le jeudi", pref(weekdays=(4,))),
    ("les mardis ça m'arrange", pref(weekdays=(2,))),
    ("en semaine", pref(weekdays=WEEK_DAYS)),
    ("le week-end", pref(weekdays=(6, 7))),
    ("pas le lundi", pref(weekdays=(2, 3, 4, 5, 6, 7), refused_days=True)),
    ("sauf le lundi", pref(weekdays=(2, 3, 4, 5, 6, 7), refused_days=True)),
    ("tout sauf le mercredi", pref(weekdays=(1, 2, 4, 5, 6, 7), refused_days=True)),
    ("pas le lundi ni le mardi", pref(weekdays=(3, 4, 5, 6, 7), refused_days=True)),
    (
        "n'importe quel autre jour que le mercredi, après 16h",
        pref(weekdays=(1, 2, 4, 5, 6, 7), refused_days=True, after=h(16)),
    ),
    # A refused weekday is no wish; one named beside it is.
    ("l'acheteur ne peut pas mardi", pref(weekdays=(1, 3, 4, 5, 6, 7), refused_days=True)),
    ("pas le mardi, plutôt un jeudi", pref(weekdays=(4,))),
    (
        "pas le lundi, la semaine prochaine",
        pref(weekdays=(2, 3, 4, 5, 6, 7), earliest=d(11, 30), latest=d(12, 6)),
    ),
    # A weekday range is the coming one: from the next Monday to the Friday after it.
    ("du lundi au vendredi", pref(weekdays=WEEK_DAYS, earliest=d(11, 30), latest=d(12, 4))),
    ("en semaine mais pas le lundi", pref(weekdays=(2, 3, 4, 5))),
]

RELATIVE_DAYS = [
    ("aujourd'hui", pref(dates=(TODAY,))),
    ("ce matin", pref(dates=(TODAY,), before=h(12))),
    ("cet après-midi", pref(dates=(TODAY,), after=h(13))),
    ("ce soir", pref(dates=(TODAY,), after=h(17))),
    ("demain", pref(dates=(d(11, 26),))),
    ("après-demain", pref(dates=(d(11, 27),))),
    ("demain ou après-demain", pref(dates=(d(11, 26), d(11, 27)))),
    ("demain ou vendredi", pref(dates=(d(11, 26), d(11, 27)))),
    ("lundi prochain", pref(dates=(d(11, 30),))),
    ("mercredi prochain", pref(dates=(d(12, 2),))),
    ("lundi ou mardi prochain", pref(dates=(d(11, 30), d(12, 1)))),
    ("mardi en huit", pref(dates=(d(12, 8),))),
    ("jeudi en quinze", pref(dates=(d(12, 10),))),
    ("ce vendredi", pref(dates=(d(11, 27),))),
    ("dans 3 jours", pref(dates=(d(11, 28),))),
    ("dans deux jours", pref(dates=(d(11, 27),))),
]

CALENDAR_DATES = [
    ("le 12", pref(dates=(d(12, 12),))),
    ("le 25", pref(dates=(TODAY,))),
    ("le 24", pref(dates=(d(12, 24),))),
    ("le 31", pref(dates=(d(12, 31),))),
    ("12 mars", pref(dates=(d(3, 12, 2027),))),
    ("le 12/03", pref(dates=(d(3, 12, 2027),))),
    ("le 12/03/2027", pref(dates=(d(3, 12, 2027),))),
    ("le douze mars", pref(dates=(d(3, 12, 2027),))),
    ("le premier décembre", pref(dates=(d(12, 1),))),
    ("le 1er décembre", pref(dates=(d(12, 1),))),
    ("le vingt et un décembre", pref(dates=(d(12, 21),))),
    ("mardi 8 décembre", pref(dates=(d(12, 8),))),
    ("mardi 8", pref(dates=(d(12, 8),))),
    ("du 12 au 15 décembre", pref(earliest=d(12, 12), latest=d(12, 15))),
    ("avant le 15", pref(latest=d(12, 14))),
    ("à partir du 3 décembre", pref(earliest=d(12, 3))),
]

WEEKS_AND_MONTHS = [
    # « dans N jours / semaines » is that day; « huit jours » is a week, « quinze » two.
    ("dans deux semaines", pref(dates=(d(12, 9),))),
    ("dans quinze jours", pref(dates=(d(12, 9),))),
    ("dans huit jours", pref(dates=(d(12, 2),))),
    ("la semaine prochaine", pref(**NEXT_WEEK)),
    ("semaine pro", pref(**NEXT_WEEK)),
    ("dans le courant de la semaine prochaine", pref(**NEXT_WEEK)),
    ("en début de semaine prochaine", pref(weekdays=(1, 2), **NEXT_WEEK)),
    ("cette semaine", pref(earliest=TODAY, latest=d(11, 29))),
    ("d'ici la fin de la semaine", pref(latest=d(11, 29))),
    ("fin de semaine", pref(weekdays=(5, 6))),
    ("début de semaine", pref(weekdays=(1, 2))),
    ("la semaine du 7 décembre", pref(**IN_TWO_WEEKS)),
    ("ce week-end", pref(weekdays=(6, 7), earliest=TODAY, latest=d(11, 29))),
    ("en janvier", pref(earliest=d(1, 1, 2027), latest=d(1, 31, 2027))),
    ("début janvier", pref(earliest=d(1, 1, 2027), latest=d(1, 10, 2027))),
    ("mi-janvier", pref(earliest=d(1, 11, 2027), latest=d(1, 20, 2027))),
    ("fin janvier", pref(earliest=d(1, 21, 2027), latest=d(1, 31, 2027))),
    ("en novembre", pref(earliest=TODAY, latest=d(11, 30))),
    ("le mois prochain", pref(earliest=d(12, 1), latest=d(12, 31))),
    ("fin du mois", pref(earliest=TODAY, latest=d(11, 30))),
]

PERIODS = [
    ("le matin", pref(before=h(12))),
    ("plutôt en matinée", pref(before=h(12))),
    ("l'après-midi", pref(after=h(13))),
    ("l'aprèm", pref(after=h(13))),
    ("aprem", pref(after=h(13))),
    ("en début d'après-midi", pref(after=h(13), before=h(15))),
    ("début d'aprèm", pref(after=h(13), before=h(15))),
    ("en fin d'après-midi", pref(after=h(16))),
    ("en fin de journée", pref(after=h(17))),
    ("tôt le matin", pref(before=h(10))),
    ("de bonne heure", pref(before=h(10))),
    # a clock bound narrows the part of the day said with it (« neuf » after an article too)
    ("tôt le matin, avant neuf heures, je commence le taf après", pref(before=h(9))),
    ("le matin avant neuf heures", pref(before=h(9))),
    ("en début de matinée", pref(before=h(10))),
    ("en fin de matinée", pref(after=h(11), before=h(12))),
    ("midi", pref(at=h(12))),
    ("le soir", pref(after=h(17))),
    ("à l'heure du déjeuner", pref(after=h(12), before=h(14))),
    ("entre midi et deux", pref(after=h(12), before=h(14))),
    ("pendant ma pause du midi", pref(after=h(12), before=h(14))),
    ("sur ma pause dej", pref(after=h(12), before=h(14))),
    # a refusal: slot finding gives up the day before these hours
    ("pas le matin", pref(after=h(12), refused_hours=True)),
    # a day and its part refused together are one time: nothing is wished, the caller is asked
    ("mardi matin ça ne va plus", None),
    ("jeudi soir je suis pris", None),
    # ... unless another part of that day is offered next
    (
        "mardi matin c'est pas possible, plutôt l'après-midi",
        pref(dates=(d(12, 1),), weekdays=(2,), after=h(13)),
    ),
    ("pas l'après-midi", pref(before=h(12), refused_hours=True)),
    # the evening refused leaves the day before it, afternoon included
    ("pas le soir", pref(before=h(17), refused_hours=True)),
    ("surtout pas en soirée", pref(before=h(17), refused_hours=True)),
]

HOURS = [
    ("après 16h", pref(after=h(16))),
    ("à partir de 15h", pref(after=h(15))),
    ("pas avant 10h", pref(after=h(10))),
    ("dès 8h30", pref(after=h(8, 30))),
    ("avant 10h", pref(before=h(10))),
    ("au plus tard 11h", pref(before=h(11))),
    ("pas après 17h", pref(before=h(17))),
    ("à 14h", pref(at=h(14))),
    ("vers 14h30", pref(at=h(14, 30))),
    ("14h", pref(at=h(14))),
    ("14:30", pref(at=h(14, 30))),
    ("quatorze heures trente", pref(at=h(14, 30))),
    ("9 heures", pref(at=h(9))),
    ("10h du matin", pref(at=h(10))),
    ("3h de l'après-midi", pref(at=h(15))),
    ("à 2h", pref(at=h(14))),
    ("vers les dix heures", pref(at=h(10))),
    ("dix heures et quart", pref(at=h(10, 15))),
    ("onze heures moins le quart", pref(at=h(10, 45))),
    ("midi et demi", pref(at=h(12, 30))),
    ("entre 14h et 16h", pref(after=h(14), before=h(16))),
    ("entre quatorze et seize heures", pref(after=h(14), before=h(16))),
    ("de 9h à 11h", pref(after=h(9), before=h(11))),
]

URGENCY = [
    ("le plus tôt possible", pref(asap=True)),
    ("au plus vite", pref(asap=True)),
    ("dès que possible", pref(asap=True)),
    ("rapidement", pref(asap=True)),
    ("en urgence", pref(asap=True)),
    ("le plus rapidement possible", pref(asap=True)),
    ("c'est urgent", pref(asap=True)),
    ("le plus tôt possible le matin", pref(before=h(12), asap=True)),
]

COMBINATIONS = [
    ("vendredi après 15h", pref(weekdays=(5,), dates=coming(5), after=h(15))),
    ("demain matin", pref(dates=(d(11, 26),), before=h(12))),
    ("lundi ou mardi en fin de journée", pref(weekdays=(1, 2), dates=coming(1, 2), after=h(17))),
    ("jeudi après 14h", pref(weekdays=(4,), dates=coming(4), after=h(14))),
    ("un mercredi dans l'après-midi", pref(weekdays=(3,), after=h(13))),
    ("la semaine prochaine le matin", pref(before=h(12), **NEXT_WEEK)),
    ("mercredi en début d'aprèm", pref(weekdays=(3,), dates=coming(3), after=h(13), before=h(15))),
    ("le 12 à 14h", pref(dates=(d(12, 12),), at=h(14))),
    ("mardi prochain à 9h30", pref(dates=(d(12, 1),), at=h(9, 30))),
    ("lundi 14 heures", pref(weekdays=(1,), dates=coming(1), at=h(14))),
    ("samedi matin de bonne heure", pref(weekdays=(6,), dates=coming(6), before=h(10))),
    ("jeudi entre 14h et 16h", pref(weekdays=(4,), dates=coming(4), after=h(14), before=h(16))),
    ("en semaine après 18h", pref(weekdays=WEEK_DAYS, after=h(18))),
    ("le matin après 10h", pref(after=h(10), before=h(12))),
]

SPOKEN = [
    ("euh du coup demain matin vers dix heures", pref(dates=(d(11, 26),), at=h(10))),
    ("ben plutot jeudi apres midi", pref(weekdays=(4,), dates=coming(4), after=h(13))),
    (
        "alors euh la semaine prochaine si possible en fin de journee",
        pref(after=h(17), **NEXT_WEEK),
    ),
    ("hmm mardi ou jeudi matin", pref(weekdays=(2, 4), dates=coming(2, 4), before=h(12))),
    (
        "je serais dispo vendredi en fin d apres midi",
        pref(weekdays=(5,), dates=coming(5), after=h(16)),
    ),
    (
        "est ce que vous auriez quelque chose lundi prochain vers quatorze heures",
        pref(dates=(d(11, 30),), at=h(14)),
    ),
    ("euh en fait le plus tot possible du coup", pref(asap=True)),
    (
        "j aimerais venir dans la matinee de jeudi",
        pref(weekdays=(4,), dates=coming(4), before=h(12)),
    ),
    (
        "je suis disponible lundi mardi et jeudi apres 17h",
        pref(weekdays=(1, 2, 4), dates=coming(1, 2, 4), after=h(17)),
    ),
    ("c est pour un rdv le 15 a 10h30", pref(dates=(d(12, 15),), at=h(10, 30))),
]

TYPED = [
    ("Mardi 8/12 à 10h", pref(dates=(d(12, 8),), at=h(10))),
    ("dispo le 03/12 aprem", pref(dates=(d(12, 3),), after=h(13))),
    ("Vendredi 14h30 svp", pref(weekdays=(5,), dates=coming(5), at=h(14, 30))),
    ("RDV demain 9h", pref(dates=(d(11, 26),), at=h(9))),
    ("jeudi ou vendredi, plutôt le matin", pref(weekdays=(4, 5), dates=coming(4, 5), before=h(12))),
    ("N'importe quand la semaine prochaine", pref(**NEXT_WEEK)),
    ("n'importe quel jour mais le matin", pref(before=h(12))),
    ("Jeudi 3 décembre à 15h", pref(dates=(d(12, 3),), at=h(15))),
]

WHENEVER = [
    "n'importe quand",
    "quand vous voulez",
    "peu importe",
    "c'est égal",
    "ça m'est égal",
    "quand ça vous arrange",
    "comme vous voulez",
    "pas de préférence",
    "indifférent",
    "n'importe quel jour",
    "ce n'est pas urgent",
    # « n'importe » alone, « je m'en fiche », « tout me va »: the same, said plainly
    "n'importe",
    "je m'en fiche",
    "le jour on s'en fout, m'en fous",
    "tout me va",
    # the day or the hour said not to matter
    "le jour m'importe peu",
    "l'heure m'est égale",
    "peu m'importe",
]

NOT_A_TIME = [
    "je voudrais un rendez-vous",
    "bonjour je voudrais prendre rendez vous pour une vidange",
    "c'est pour la révision des 30 000",
    "mon numéro c'est le 06 12 34 56 78",
    "zéro six douze trente quatre cinquante six soixante dix huit",
    "le premier",
    "le deuxième",
    "je prends le deuxième créneau",
    "le premier me va",
    "oui",
    "non merci",
    "je m'appelle Martin Dupont",
    # « peu importe lequel / qui »: the practitioner does not matter, not the time.
    "un médecin, peu importe lequel",
    "peu importe qui",
    "bonsoir",
    "ça dure deux heures",
    "j'habite au 12 rue de la Paix",
    "ma voiture a 10 ans",
    "il y a une heure j'ai appelé",
    "au revoir",
    "bonne soirée",
    "je préfère le premier créneau",
    "j'ai eu un accident la semaine dernière",
    "il fait un bruit depuis deux semaines",
    "c'est pour une voiture de 2015",
    "n'importe qui peut venir",
    "ma plaque c'est AB 123 CD",
    "mon dossier c'est le 1234",
]

GOLDEN = (
    WEEKDAYS
    + RELATIVE_DAYS
    + CALENDAR_DATES
    + WEEKS_AND_MONTHS
    + PERIODS
    + HOURS
    + URGENCY
    + COMBINATIONS
    + SPOKEN
    + TYPED
)


@pytest.mark.parametrize(("heard", "expected"), GOLDEN, ids=[heard for heard, _ in GOLDEN])
def test_parse_preference(heard: str, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


@pytest.mark.parametrize("heard", WHENEVER)
def test_whenever_is_an_empty_preference(heard: str) -> None:
    assert parse_preference(fold(heard), today=TODAY) == Preference()


@pytest.mark.parametrize("heard", NOT_A_TIME)
def test_no_time_information(heard: str) -> None:
    assert parse_preference(fold(heard), today=TODAY) is None


@pytest.mark.parametrize(
    ("heard", "today", "expected"),
    [
        ("lundi prochain", date(2026, 11, 30), pref(dates=(d(12, 7),))),
        ("le 31", date(2027, 2, 3), pref(dates=(d(3, 31, 2027),))),
        ("le 29 février", date(2027, 3, 1), pref(dates=(d(2, 29, 2028),))),
        (
            "la semaine prochaine",
            date(2026, 12, 27),
            pref(earliest=d(12, 28), latest=d(1, 3, 2027)),
        ),
        ("demain", date(2026, 12, 31), pref(dates=(d(1, 1, 2027),))),
    ],
    ids=["monday-on-a-monday", "skips-short-months", "leap-day", "across-new-year", "new-year-eve"],
)
def test_relative_to_today(heard: str, today: date, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=today) == expected


# « plutôt » marks the wished alternative; a day naming the booking already held is not a wish.
RATHER_AND_HELD = [
    ("ah non, le mercredi j'ai les enfants, plutôt vendredi après 14h",
     pref(dates=coming(5), weekdays=(5,), after=h(14))),
    ("j'ai un empêchement vendredi, on peut le mettre un mardi plutôt ?",
     pref(dates=coming(2), weekdays=(2,))),
    ("mardi ou mercredi, plutôt le matin", pref(dates=coming(2, 3), weekdays=(2, 3), before=h(12))),
    ("demain, non, plutôt après-demain", pref(dates=(d(11, 27),))),
    ("mon rendez-vous de samedi ne m'arrange plus, on peut le changer ?", None),
    ("mon rdv de jeudi, vous pouvez le mettre à vendredi ?", pref(dates=coming(5), weekdays=(5,))),
    ("je voudrais un rdv samedi matin", pref(dates=coming(6), weekdays=(6,), before=h(12))),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), RATHER_AND_HELD, ids=[t for t, _ in RATHER_AND_HELD])
def test_rather_and_the_booking_already_held(text: str, expected: Preference | None) -> None:
    assert parse_preference(fold(text), today=TODAY) == expected


# The past tells when a trouble began, not when to come.
PAST = [
    ("ma chienne boite depuis hier soir", None),
    ("il tousse depuis une semaine", None),
    ("ça fait trois jours qu'il boite", None),
    ("il y a deux jours il a vomi", None),
    ("hier soir il a mangé du chocolat", None),
    ("depuis le 12 novembre il se gratte", None),
    ("depuis 3 jours il ne mange plus, je voudrais venir demain", pref(dates=(d(11, 26),))),
    ("je suis venu la semaine dernière, je voudrais revenir jeudi",
     pref(dates=coming(4), weekdays=(4,))),
    ("depuis lundi il boite, plutôt vendredi matin",
     pref(dates=coming(5), weekdays=(5,), before=h(12))),
    ("depuis deux jours, demain matin c'est possible ?", pref(dates=(d(11, 26),), before=h(12))),
    # A time tied to an event is no date: « le matin de l'opération », « la veille du départ ».
    ("elle a le droit de manger le matin de l'opération ?", None),
    ("la veille de l'intervention il doit jeûner ?", None),
    ("le jour du rendez-vous je dois apporter quoi", None),
    # A booking held, said as planned, and « ce soir-là » (a day already said) are no wish.
    ("mon flash est prévu mercredi prochain mais j'ai un match ce soir-là, on peut changer ?",
     None),
    ("j'ai un piercing prévu mercredi aprèm mais j'ai un partiel, on peut le passer un matin ?",
     pref(before=h(12))),
    ("ce jour-là je travaille", None),
    ("j'ai rendez-vous mardi après-midi mais j'ai une réunion, on peut le passer un matin ?",
     pref(before=h(12))),
    ("j'ai un rdv jeudi, je voudrais le mettre à vendredi", pref(dates=coming(5), weekdays=(5,))),
    ("j'ai besoin d'un rendez-vous mardi après-midi", pref(dates=coming(2), weekdays=(2,),
     after=h(13))),
    # A time in a hypothetical about cancelling, missing or being late is no wish.
    ("au fait, si je décommande la veille au soir, je paie quand même ?", None),
    ("et si j'annule le jour même c'est facturé ?", None),
    ("au cas où je suis en retard le matin, vous attendez ?", None),
    ("si on ne peut pas venir samedi, on vous prévient comment ?", None),
    ("si je me désiste 24 heures avant, c'est remboursé ?", None),
    ("si j'annule celui de mardi, vous avez quoi jeudi matin ?",
     pref(dates=coming(4), weekdays=(4,), before=h(12))),
    ("si possible jeudi matin", pref(dates=coming(4), weekdays=(4,), before=h(12))),
    ("si vous avez de la place samedi", pref(dates=coming(6), weekdays=(6,))),
    # A weekly activity makes its day busy: « il a natation avec son club le mercredi ».
    ("au fait il a natation avec son club le mercredi, il peut continuer ?",
     pref(weekdays=(1, 2, 4, 5, 6, 7), refused_days=True)),
    ("j'ai foot le samedi", pref(weekdays=(1, 2, 3, 4, 5, 7), refused_days=True)),
    ("je suis pris mais le mardi ça ira", pref(weekdays=(2,))),
    # The held booking named after the word of change, « rendez-vous » in two words, with
    # « le / la » and whom it is for; « pour mardi », « à vendredi » stay the wish.
    ("je voudrais changer mon rendez-vous de mercredi pour mes semelles", None),
    ("je voudrais déplacer le rendez-vous de mon chien mardi, je travaille ce jour-là", None),
    ("on peut décaler le toilettage de mon cocker de mercredi à un jeudi ?", pref(weekdays=(4,))),
    ("je peux bouger le rdv griffes de mon chat mercredi matin ? je bosse", None),
    # the thing changed may be named by two complements: « l'heure du toilettage de mon chat »
    ("il faudrait changer l'heure du toilettage de mon chat jeudi matin", None),
    ("changer l'heure du rendez-vous de ma fille jeudi pour 16h", pref(at=h(16))),
    ("je voudrais changer le rdv pour mardi", pref(dates=coming(2), weekdays=(2,))),
    ("déplacer mon rdv à vendredi", pref(dates=coming(5), weekdays=(5,))),
    # A time said with « surtout », « souvent »… tells when a trouble shows; said alone or
    # after what suits the caller, it is the wish.
    ("je vois de plus en plus flou de loin, surtout le soir en voiture", None),
    ("il tousse souvent la nuit", None),
    ("j'ai mal au dos, toujours le matin au réveil", None),
    ("surtout le matin", pref(before=h(12))),
    ("je suis dispo surtout le soir", pref(after=h(17))),
    ("ça m'arrange souvent l'après-midi", pref(after=h(13))),
    ("il boite surtout le matin, vous auriez de la place jeudi",
     pref(dates=coming(4), weekdays=(4,))),
    # « tous les », « chaque »: the same habit; after what keeps one busy, a refusal
    ("je perds ma voix tous les soirs depuis la rentrée", None),
    ("il a mal tous les matins au réveil", None),
    ("tous les soirs", pref(after=h(17))),
    ("je suis dispo tous les soirs", pref(after=h(17))),
    ("chaque matin c'est possible", pref(before=h(12))),
    ("je travaille tous les matins", pref(after=h(12), refused_hours=True)),
    # unwell or worn out at a time is not free then
    ("il est très fatigué l'après-midi", pref(before=h(12), refused_hours=True)),
    ("le matin plutôt, il est très fatigué l'après-midi", pref(before=h(12), refused_hours=True)),
    ("je suis malade le matin", pref(after=h(12), refused_hours=True)),
]  # fmt: skip

# A part of a numbered day, and the coming days.
DAY_PARTS_AND_WINDOWS = [
    ("le matin du 12", pref(dates=(d(12, 12),), before=h(12))),
    ("l'après-midi du 3 janvier", pref(dates=(d(1, 3, 2027),), after=h(13))),
    ("au plus tard dans 7 jours", pref(earliest=TODAY, latest=d(12, 2))),
    ("dans la semaine qui vient", pref(earliest=TODAY, latest=d(12, 2))),
    ("dans la semaine qui vient, au plus tard dans sept jours", pref(earliest=TODAY, latest=d(12, 2))),
]  # fmt: skip


@pytest.mark.parametrize(
    ("heard", "expected"), DAY_PARTS_AND_WINDOWS, ids=[h for h, _ in DAY_PARTS_AND_WINDOWS]
)
def test_day_parts_and_windows(heard: str, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


@pytest.mark.parametrize(("heard", "expected"), PAST, ids=[h for h, _ in PAST])
def test_the_past_is_not_a_wish(heard: str, expected: Preference | None) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# One fact of French each, said on a given day.
FACTS_ON_A_DAY = [
    # « la première quinzaine » said once this month's is over: the next month's.
    ("la première quinzaine", date(2027, 5, 20), pref(earliest=d(6, 1, 2027), latest=d(6, 15, 2027))),
    ("la deuxième quinzaine", date(2027, 5, 20), pref(earliest=d(5, 20, 2027), latest=d(5, 31, 2027))),
    ("la première quinzaine", date(2026, 12, 20), pref(earliest=d(1, 1, 2027), latest=d(1, 15, 2027))),
    # « dans la journée » is today only when no other day is said.
    ("dans la journée", TODAY, pref(dates=(TODAY,))),
    ("demain dans la journée", TODAY, pref(dates=(d(11, 26),))),
    ("vendredi dans la journée", TODAY, pref(dates=coming(5), weekdays=(5,))),
    # « pas aujourd'hui » rules today out, it does not wish it.
    ("pas aujourd'hui, demain", TODAY, pref(dates=(d(11, 26),))),
    # « le 1er » is a date; « le premier » alone picks a slot (see NOT_A_TIME).
    ("le 1er", TODAY, pref(dates=(d(12, 1),))),
    ("le 1er", date(2027, 3, 1), pref(dates=(d(3, 1, 2027),))),
    # « sept. » after a day number is September, not seven.
    ("le 4 sept.", date(2027, 6, 7), pref(dates=(d(9, 4, 2027),))),
    ("le 12 sept", date(2027, 6, 7), pref(dates=(d(9, 12, 2027),))),
    # « d'ici la fin du mois / de mars »: from today on.
    ("d'ici la fin du mois", date(2027, 5, 18), pref(earliest=d(5, 18, 2027), latest=d(5, 31, 2027))),
    ("jusqu'à la fin du mois prochain", TODAY, pref(earliest=TODAY, latest=d(12, 31))),
    ("d'ici fin janvier", TODAY, pref(earliest=TODAY, latest=d(1, 31, 2027))),
    # « ni… ni… » rules days out; « n'importe quel lundi » is any Monday, not the coming one.
    ("ni le lundi ni le mercredi", TODAY, pref(weekdays=(2, 4, 5, 6, 7), refused_days=True)),
    ("n'importe quel lundi", TODAY, pref(weekdays=(1,))),
    # A weekday said « plutôt » after a period narrows it: a weekday is a day of some week.
    ("la deuxième quinzaine de mars, plutôt en semaine", TODAY,
     pref(weekdays=WEEK_DAYS, earliest=d(3, 16, 2027), latest=d(3, 31, 2027))),
    ("la semaine prochaine, plutôt un mardi", TODAY, pref(weekdays=(2,), **NEXT_WEEK)),
    # A bound or a period is a wish, never the booking already held.
    ("pas avant le 15, et plutôt vers 11h", TODAY, pref(earliest=d(12, 15), at=h(11))),
    ("la semaine du 7 décembre, plutôt le matin", TODAY, pref(before=h(12), **IN_TWO_WEEKS)),
    # A day refused is a refusal, whatever word of change follows.
    ("pas le jeudi, un autre jour, l'après-midi", TODAY,
     pref(weekdays=(1, 2, 3, 5, 6, 7), after=h(13), refused_days=True)),
    ("sauf le lundi, à un autre moment", TODAY,
     pref(weekdays=(2, 3, 4, 5, 6, 7), refused_days=True)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("heard", "today", "expected"),
    FACTS_ON_A_DAY,
    ids=[f"{t}@{day}" for t, day, _ in FACTS_ON_A_DAY],
)
def test_french_facts_on_a_day(heard: str, today: date, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=today) == expected


def test_time_table_share_right() -> None:
    """The reader on the 500-expression table written apart from it (see time_table.py)."""
    right, total, misses = score(load())
    assert sum(right.values()) / sum(total.values()) >= 0.92, [row["text"] for row, _ in misses]
    for kind in total:
        assert right[kind] / total[kind] >= 0.8, kind


# « plutôt » after the wish is only emphasis: the wish is the same without it.
@pytest.mark.parametrize(
    "wish",
    ["le vendredi matin", "le lundi", "jeudi après-midi", "en fin de semaine", "mardi vers 10h"],
)
def test_rather_at_the_end_is_emphasis(wish: str) -> None:
    plain = parse_preference(fold(wish), today=TODAY)
    rather = parse_preference(fold(f"{wish} plutôt"), today=TODAY)
    assert plain is not None
    assert rather is not None
    # The same days of the week and hours (a weekday may or may not be pinned to its next date).
    assert (rather.weekdays, rather.after, rather.before, rather.at) == (
        plain.weekdays,
        plain.after,
        plain.before,
        plain.at,
    )


# A part of the day followed by a refusal is its negation, as « pas le matin » is.
@pytest.mark.parametrize(
    ("said", "plain"),
    [
        ("le matin ça m'arrange pas", "pas le matin"),
        ("le matin ça ne m'arrange pas", "pas le matin"),
        ("le matin je peux pas", "pas le matin"),
        ("les matins je suis pas dispo", "pas le matin"),
        ("le matin je travaille", "pas le matin"),
        ("l'après-midi c'est impossible", "pas l'après-midi"),
        ("jeudi, le matin ça ne me va pas", "jeudi pas le matin"),
        ("vendredi je travaille finalement", "pas vendredi"),
        ("le mardi ça va pas pour moi", "pas le mardi"),
        ("lundi je peux pas", "pas lundi"),
        # Being busy elsewhere then refuses it too, for oneself or for the one who comes.
        ("le matin je suis au travail", "pas le matin"),
        ("le mercredi elle a cours", "pas le mercredi"),
        ("le matin il travaille", "pas le matin"),
        ("en semaine il est à l'école", "pas en semaine"),
        ("samedi matin, en semaine il est à l'école", "samedi matin"),
        # a sentence adverb between, or the subject before « ne »
        ("le mardi finalement ça ne va pas", "pas le mardi"),
        ("en semaine je ne peux plus", "pas en semaine"),
        ("plutôt un samedi matin, en semaine je ne peux plus", "un samedi matin"),
        ("le matin en fait ça ne m'arrange pas", "pas le matin"),
    ],
)
def test_a_refusal_after_a_part_of_the_day_negates_it(said: str, plain: str) -> None:
    assert parse_preference(fold(said), today=TODAY) == parse_preference(fold(plain), today=TODAY)


@pytest.mark.parametrize(
    "said",
    [
        "le matin ça me va",
        "le matin c'est parfait",
        "le matin",
        "le matin je travaille pas",
        "le matin il travaille pas",
    ],
)
def test_a_part_of_the_day_without_a_refusal_is_wished(said: str) -> None:
    assert parse_preference(fold(said), today=TODAY) == parse_preference(
        fold("le matin"), today=TODAY
    )


# « pas en semaine » is the weekend, as « en semaine » is Monday to Friday.
@pytest.mark.parametrize(
    "said", ["pas en semaine", "jamais en semaine", "sauf en semaine", "pas les jours de semaine"]
)
def test_not_on_weekdays_is_the_weekend(said: str) -> None:
    assert parse_preference(fold(said), today=TODAY).weekdays == frozenset({6, 7})


# A month, or a part of one, is a bound after a word of time (today: Wednesday 25 November
# 2026). « avant » stops before the period begins, except its end (« avant fin janvier » is
# « by the end of January »); « au plus tard », « jusqu'en » and « pas après » include it;
# « après » starts once it is over; « à partir de », « dès », « pas avant » start when it begins.
MONTH_BOUNDS = [
    ("avant février", pref(latest=d(1, 31, 2027))),
    ("d'ici février", pref(latest=d(1, 31, 2027))),
    ("avant le mois de mars", pref(latest=d(2, 28, 2027))),
    ("avant mi-janvier", pref(latest=d(1, 10, 2027))),
    ("avant début janvier", pref(latest=d(12, 31))),
    ("avant fin janvier", pref(earliest=TODAY, latest=d(1, 31, 2027))),
    ("au plus tard fin janvier", pref(earliest=TODAY, latest=d(1, 31, 2027))),
    ("au plus tard en janvier", pref(latest=d(1, 31, 2027))),
    ("jusqu'en mars", pref(latest=d(3, 31, 2027))),
    ("pas après mi-janvier", pref(latest=d(1, 20, 2027))),
    ("après janvier", pref(earliest=d(2, 1, 2027))),
    ("après mi-janvier", pref(earliest=d(1, 21, 2027))),
    ("à partir de janvier", pref(earliest=d(1, 1, 2027))),
    ("à partir du mois de février", pref(earliest=d(2, 1, 2027))),
    ("à partir d'avril", pref(earliest=d(4, 1, 2027))),
    ("dès mars", pref(earliest=d(3, 1, 2027))),
    ("pas avant mars", pref(earliest=d(3, 1, 2027))),
    ("au plus tôt en février", pref(earliest=d(2, 1, 2027))),
    # the end of this month or week as a bound: from today to that end
    ("avant la fin du mois", pref(earliest=TODAY, latest=d(11, 30))),
    ("au plus tard à la fin du mois prochain", pref(earliest=TODAY, latest=d(12, 31))),
    ("avant la fin de la semaine", pref(latest=d(11, 29))),
    # a month alone is still the whole month
    ("en février", pref(earliest=d(2, 1, 2027), latest=d(2, 28, 2027))),
]  # fmt: skip


@pytest.mark.parametrize(("heard", "expected"), MONTH_BOUNDS, ids=[t for t, _ in MONTH_BOUNDS])
def test_a_month_after_a_word_of_time_is_a_bound(heard: str, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# Holidays said by name, after a word of time (today: Wednesday 25 November 2026; Easter
# 2027 is on 28 March). « Les fêtes » run from Christmas Eve to New Year's Day. A name alone
# is not a date: « Noël » is also a first name.
HOLIDAYS = [
    ("avant Noël", pref(latest=d(12, 24))),
    ("après Noël", pref(earliest=d(12, 26))),
    ("la semaine de Noël", pref(earliest=d(12, 21), latest=d(12, 27))),
    ("après le jour de l'an", pref(earliest=d(1, 2, 2027))),
    ("à partir du nouvel an", pref(earliest=d(1, 1, 2027))),
    ("avant les fêtes", pref(latest=d(12, 23))),
    ("après les fêtes de fin d'année", pref(earliest=d(1, 2, 2027))),
    ("pendant les fêtes", pref(earliest=d(12, 24), latest=d(1, 1, 2027))),
    ("d'ici la Toussaint", pref(earliest=None, latest=d(11, 1, 2027))),
    ("après Pâques", pref(earliest=d(3, 29, 2027))),
    ("avant Pâques", pref(latest=d(3, 27, 2027))),
    ("la semaine de Pâques", pref(earliest=d(3, 29, 2027), latest=d(4, 4, 2027))),
    ("après l'Ascension", pref(earliest=d(5, 7, 2027))),
    ("avant la Pentecôte", pref(latest=d(5, 15, 2027))),
    ("c'est pour Noël Martin", None),
    ("Noël", None),
    ("dès les fêtes", pref(earliest=d(12, 24))),
    ("à partir des fêtes", pref(earliest=d(12, 24))),
    ("on organise des fêtes", None),
]  # fmt: skip


@pytest.mark.parametrize(("heard", "expected"), HOLIDAYS, ids=[t for t, _ in HOLIDAYS])
def test_holidays_said_by_name(heard: str, expected: Preference | None) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# The anonymous Gregorian computus against Easter Sundays from the calendar.
@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2024, d(3, 31, 2024)), (2025, d(4, 20, 2025)), (2026, d(4, 5)), (2027, d(3, 28, 2027)),
     (2038, d(4, 25, 2038)), (2285, d(3, 22, 2285))],
)  # fmt: skip
def test_easter_sunday(year: int, sunday: date) -> None:
    from conversations.dialogue.nlu.when.holidays import easter

    assert easter(year) == sunday


# Two facts of reading (today: Wednesday 25 November 2026):
# - a month is a whole word: « du 10 au 20, mais » is not « 20 mai »;
# - a day said with a bare article before « plutôt » is the wish being refined (« le 3,
#   plutôt le matin »); it names the booking held only before a word of change (« le 3 ne
#   me va plus »), or with a possessive or a noun (« mon rdv du 3, plutôt le 5 »).
REFINED = [
    ("du 10 au 20, mais l'après-midi", pref(earliest=d(12, 10), latest=d(12, 20), after=h(13))),
    ("le 20 mais pas trop tôt", pref(dates=(d(12, 20),))),
    ("le 3, plutôt le matin", pref(dates=(d(12, 3),), before=h(12))),
    ("le 12 plutôt vers 10h", pref(dates=(d(12, 12),), at=h(10))),
    ("le 3, plutôt le 5", pref(dates=(d(12, 5),))),
    ("le 3 ne me va plus, plutôt le 5", pref(dates=(d(12, 5),))),
    ("mon rdv du 3, plutôt le 5", pref(dates=(d(12, 5),))),
]  # fmt: skip


@pytest.mark.parametrize(("heard", "expected"), REFINED, ids=[t for t, _ in REFINED])
def test_words_around_a_day(heard: str, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# An absence or an exception rules days out (today: Wednesday 25 November 2026): « je suis en
# vacances du 10 au 20 » is not a wish for those days. What follows the absence up to the end
# of its clause (a comma, « mais », « plutôt », « donc ») names the days; the rest of the
# message may still say what is wished.
NEXT_WEEK_AWAY = ((d(11, 30), d(12, 6)),)
ABSENCES = [
    ("je suis absent du 10 au 20 décembre", pref(away=((d(12, 10), d(12, 20)),))),
    ("je ne suis pas là du 10 au 20, mais après oui", pref(away=((d(12, 10), d(12, 20)),))),
    ("je suis en vacances la semaine prochaine", pref(away=NEXT_WEEK_AWAY)),
    ("on sera en déplacement la semaine prochaine", pref(away=NEXT_WEEK_AWAY)),
    ("sauf la semaine prochaine", pref(away=NEXT_WEEK_AWAY)),
    ("pas la semaine prochaine mais celle d'après", pref(away=NEXT_WEEK_AWAY, **IN_TWO_WEEKS)),
    ("on part en février", pref(away=((d(2, 1, 2027), d(2, 28, 2027)),))),
    ("je pars en vacances à partir du 18",  pref(away=((d(12, 18), date.max),))),
    ("je suis en congé jusqu'au 2 décembre", pref(away=((TODAY, d(12, 2)),))),
    ("pas le 12", pref(away=((d(12, 12), d(12, 12)),))),
    ("sauf le 12 décembre", pref(away=((d(12, 12), d(12, 12)),))),
    ("je suis en vacances du 20 au 27, le matin de préférence",
     pref(away=((d(12, 20), d(12, 27)),), before=h(12))),
    ("on part en vacances en février, donc plutôt en janvier",
     pref(away=((d(2, 1, 2027), d(2, 28, 2027)),), earliest=d(1, 1, 2027), latest=d(1, 31, 2027))),
    # weekdays alone are taken off the week, as « pas le lundi » is
    ("je ne suis pas dispo le lundi", pref(weekdays=(2, 3, 4, 5, 6, 7), refused_days=True)),
    # « un mardi » is some Tuesday to choose: a wish, never a day one is away
    ("je pars en déplacement jeudi ; un lundi ou un mardi, ce serait mieux",
     pref(weekdays=(1, 2), away=((d(11, 26), d(11, 26)),))),
    # still bounds, not absences
    ("pas avant le 15", pref(earliest=d(12, 15))),
    ("pas le lundi", pref(weekdays=(2, 3, 4, 5, 6, 7), refused_days=True)),
]  # fmt: skip


@pytest.mark.parametrize(("heard", "expected"), ABSENCES, ids=[t for t, _ in ABSENCES])
def test_an_absence_rules_days_out(heard: str, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# A range runs forward: « du 20 au 27 » said on the 25th is the 20th to the 27th of next
# month, not the 20th of December to the 27th of November.
@pytest.mark.parametrize(
    ("heard", "expected"),
    [("du 20 au 27", pref(earliest=d(12, 20), latest=d(12, 27))),
     ("du 28 au 3", pref(earliest=d(11, 28), latest=d(12, 3))),
     ("entre le 24 et le 26", pref(earliest=d(12, 24), latest=d(12, 26)))],
)  # fmt: skip
def test_a_range_of_days_runs_forward(heard: str, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# « N heures de <something> » is a length of time, not a time of day; the part of the day
# (« 5 heures de l'après-midi ») and « de préférence » keep it a time.
@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("je voudrais réserver 1h de conduite", None),
        ("deux heures de reprise", None),
        ("une heure d'attente", None),
        ("à 5 heures de l'après-midi", pref(at=h(17))),
        ("14h de préférence", pref(at=h(14))),
    ],
)
def test_hours_of_something_are_a_length(heard: str, expected: Preference | None) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# Being busy, said before the time, refuses it as it does said after (« je travaille le
# vendredi » is « pas le vendredi »); not working that day is being free then, and so is the
# one time a whole busy span excepts (« tous les jours sauf le mercredi »); « l'aprem ça
# va plus le faire » refuses the afternoon; alone, « la semaine d'après » is next week.
@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("un samedi matin ? finalement je travaille le vendredi",
         pref(weekdays=(6,), before=h(12))),
        ("je suis pris le matin, plutôt l'après-midi", pref(after=h(13))),
        ("il est à l'école en semaine", pref(weekdays=(6, 7), refused_days=True)),
        ("je travaille pas le vendredi", pref(weekdays=(5,))),
        ("l'aprem ça va plus le faire", pref(before=h(12), refused_hours=True)),
        # both of them busy; busy with care or duty
        ("un samedi matin, on travaille tous les deux en semaine",
         pref(weekdays=(6,), before=h(12))),
        ("l'après-midi je suis en dialyse", pref(before=h(12), refused_hours=True)),
        # two close hours are one hesitant wish, from the first; far apart, the first
        ("le lundi, vers cinq heures, cinq heures et demie",
         pref(weekdays=(1,), after=h(17), at=h(17))),
        ("à 10h ou 11h", pref(after=h(10), at=h(10))),
        ("à 9h ou à 17h", pref(at=h(9))),
        ("le matin je suis en réunion", pref(after=h(12), refused_hours=True)),
        # slang refusals: « ça le fait plus », « ça marche pas »
        ("mercredi ça le fait plus", pref(weekdays=(1, 2, 4, 5, 6, 7), refused_days=True)),
        ("le matin ça marche pas pour moi", pref(after=h(12), refused_hours=True)),
        ("le jeudi il est à l'hôpital",
         pref(weekdays=(1, 2, 3, 5, 6, 7), refused_days=True)),
        # busy over a whole span but for one time: that time is the free one, the wish
        ("je travaille tous les jours sauf le mercredi", pref(weekdays=(3,))),
        ("je bosse du lundi au vendredi sauf le mardi matin", pref(weekdays=(2,), before=h(12))),
        ("il est à l'école toute la semaine sauf le mercredi après-midi",
         pref(weekdays=(3,), after=h(13))),
        ("je suis libre tous les jours sauf le mercredi",
         pref(weekdays=(1, 2, 4, 5, 6, 7), refused_days=True)),
        # busy over a part of the day but for one day: the part refused, no day refused
        ("je travaille le matin sauf le mercredi", pref(after=h(12), refused_hours=True)),
        ("elle est à l'école l'après-midi sauf le mercredi",
         pref(before=h(12), refused_hours=True)),
        ("je suis pris le soir sauf le vendredi", pref(before=h(17), refused_hours=True)),
        ("le matin sauf le mercredi", pref(weekdays=(1, 2, 4, 5, 6, 7), before=h(12),
                                           refused_days=True)),
        ("la semaine d'après, n'importe quel jour", pref(**NEXT_WEEK)),
        ("la semaine prochaine ou celle d'après",
         pref(earliest=d(11, 30), latest=d(12, 13))),
    ],
)  # fmt: skip
def test_busy_said_first_and_the_week_after(heard: str, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# Around a meal, a day's work or school (an hour said right after it is when it ends, so a
# bound); a quantity of hours (« ses vingt heures » of lessons);
# the booking held named after the word of change, or by the day that clashes with it.
@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("samedi, juste après le déjeuner", pref(dates=coming(6), weekdays=(6,), after=h(13))),
        ("avant le déjeuner", pref(before=h(12))),
        ("après le boulot", pref(after=h(17))),
        # an hour said right after the event names its end: a bound, and the time to be near
        # (« après l'école, vers 17h » is not 20h30)
        ("jeudi soir après le taf genre 18h",
         pref(dates=coming(4), weekdays=(4,), after=h(18), at=h(18))),
        ("après l'école vers 16h30", pref(after=h(16, 30), at=h(16, 30))),
        ("après le déjeuner vers 14h", pref(after=h(14), at=h(14))),
        ("le mercredi après le repas", pref(weekdays=(3,), after=h(13))),
        ("à 18h après le travail", pref(at=h(18))),
        ("à la sortie de l'école", pref(after=h(16, 30))),
        ("mon fils a fini ses vingt heures", None),
        ("vers les 5 heures", pref(at=h(17))),
        ("je peux bouger ma leçon de jeudi ?", None),
        ("bouger mon rdv de jeudi à vendredi", pref(dates=coming(5), weekdays=(5,))),
        ("j'ai un kiné jeudi qui tombe pile sur ma séance", None),
        ("mardi ça tombe mal", None),
        ("mardi ça tombe bien", pref(dates=coming(2), weekdays=(2,))),
        ("décaler ma leçon de conduite de jeudi matin, plutôt samedi",
         pref(dates=coming(6), weekdays=(6,))),
    ],
)  # fmt: skip
def test_meals_work_quantities_and_the_booking_held(heard: str, expected) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# A collective numeral is about that many: « une dizaine de jours » is some ten days; « une
# huitaine », « une quinzaine » are a week and two weeks by themselves (as « huit jours »,
# « quinze jours »); « la quinzaine » of a month is its half.
COLLECTIVES = [
    ("d'ici une dizaine de jours", pref(earliest=TODAY, latest=TODAY + timedelta(days=10))),
    ("dans une huitaine de jours", pref(dates=(TODAY + timedelta(days=7),))),
    ("d'ici une quinzaine", pref(earliest=TODAY, latest=TODAY + timedelta(days=14))),
    ("dans la quinzaine", pref(earliest=TODAY, latest=TODAY + timedelta(days=14))),
    ("d'ici une vingtaine de jours", pref(earliest=TODAY, latest=TODAY + timedelta(days=20))),
    (
        "la deuxième quinzaine de janvier",
        pref(earliest=date(2027, 1, 16), latest=date(2027, 1, 31)),
    ),
    ("une dizaine", None),
    (
        "d'ici une dizaine de jours, le jour m'importe peu",
        pref(earliest=TODAY, latest=TODAY + timedelta(days=10)),
    ),
]


@pytest.mark.parametrize(("heard", "expected"), COLLECTIVES)
def test_a_collective_numeral_is_about_that_many(heard: str, expected: Preference | None) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# Busy at a time is no wish for it: on duty (« de garde », « d'astreinte »), something set then
# (« j'ai une réunion mardi »); a clause after it may say what suits.
NOT_TUESDAY = pref(weekdays=(1, 3, 4, 5, 6, 7), refused_days=True)
BUSY = [
    ("mardi je suis de garde", NOT_TUESDAY),
    ("mardi je suis d'astreinte", NOT_TUESDAY),
    ("j'ai une réunion mardi", NOT_TUESDAY),
    ("mardi j'ai un partiel", NOT_TUESDAY),
    ("mardi je suis pris, mercredi ça irait", pref(weekdays=(3,), dates=coming(3))),
    ("mardi je travaille, mercredi je peux", pref(weekdays=(3,), dates=coming(3))),
    ("je travaille le lundi et le mardi", pref(weekdays=(3, 4, 5, 6, 7), refused_days=True)),
    # what follows is no wish when it does not say the time suits
    ("je travaille le matin, ça va être compliqué", pref(after=h(12), refused_hours=True)),
    ("je bosse le lundi ça va de soi", pref(weekdays=(2, 3, 4, 5, 6, 7), refused_days=True)),
    ("je suis pris le mardi, c'est possible le mercredi ?", pref(weekdays=(3,))),
]


@pytest.mark.parametrize(("heard", "expected"), BUSY)
def test_busy_at_a_time_is_no_wish_for_it(heard: str, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# A refusal holds over the parts of the day listed after it.
REFUSED_LISTS = [
    ("pas le matin ni le soir", pref(after=h(12), before=h(17), refused_hours=True)),
    ("ni le matin ni le soir", pref(after=h(12), before=h(17), refused_hours=True)),
    ("je travaille le matin et le soir", pref(after=h(12), before=h(17), refused_hours=True)),
    ("je suis pris le matin et l'après-midi", pref(after=h(17))),
    # the part after « et » said to suit starts a clause of its own
    ("pas le matin et l'après-midi ça irait", pref(after=h(13), refused_hours=True)),
    ("je ne peux pas le matin et le soir ça m'arrange", pref(after=h(17), refused_hours=True)),
]


@pytest.mark.parametrize(("heard", "expected"), REFUSED_LISTS)
def test_a_refusal_holds_over_a_list(heard: str, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# Times told by the business's own day or late in the evening.
OPENING_AND_LATE = [
    ("dès l'ouverture", pref(before=h(10))),
    ("juste avant la fermeture", pref(after=h(16))),
    ("tard le soir", pref(after=h(18))),
    ("en fin de soirée", pref(after=h(18))),
    ("le soir", pref(after=h(17))),
]


@pytest.mark.parametrize(("heard", "expected"), OPENING_AND_LATE)
def test_times_told_by_the_business_day(heard: str, expected: Preference) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# The weekend refused is the working days; a range between two holidays or across a month;
# « maintenant » alone is as soon as possible.
MORE_FACTS = [
    ("pas le week-end", pref(weekdays=WEEK_DAYS, refused_days=True)),
    ("hors week-end", pref(weekdays=WEEK_DAYS, refused_days=True)),
    ("en dehors du week-end", pref(weekdays=WEEK_DAYS, refused_days=True)),
    ("le week-end", pref(weekdays=(6, 7))),
    ("entre Noël et le jour de l'an", pref(earliest=d(12, 25), latest=d(1, 1, 2027))),
    ("entre le 28 novembre et le 3 décembre", pref(earliest=d(11, 28), latest=d(12, 3))),
    ("entre le 25 décembre et le 1er janvier", pref(earliest=d(12, 25), latest=d(1, 1, 2027))),
    ("maintenant", pref(asap=True)),
    # a frequency is no time
    ("il boit toutes les deux heures", None),
    ("toutes les 30 minutes", None),
    ("là maintenant j'ai mal", None),
    # something that happened earlier today is no wish; tiredness is said with « être »
    ("la fermeture de mon blouson a lâché ce matin", None),
    ("j'ai crevé ce matin en allant au travail", None),
    ("il est tombé cette nuit", None),
    # (« fait » or « laissé », then an infinitive and its object)
    ("j'ai fait tomber mon téléphone ce matin sur le carrelage", None),
    ("j'ai laissé tomber mon portable ce matin", None),
    # (up to two words between: « resté tout noir ce matin », « crevé un pneu ce matin »)
    ("mon ordinateur est resté tout noir ce matin", None),
    ("j'ai crevé un pneu ce matin", None),
    ("je suis dispo tout ce matin", pref(dates=(TODAY,), before=h(12))),
    # an hour said is more precise than where a part of the day begins by convention
    ("en fin de journée, après 16h", pref(after=h(16))),
    ("le soir après 16h", pref(after=h(16))),
    ("le matin après 10h", pref(after=h(10), before=h(12))),
    # « plus tard dans la journée »: later than a time held, within its day, not « today »
    ("plus tard dans la journée", None),
    ("un peu plus tard dans la matinée", pref(before=h(12))),
    # a list of days with their part, refused together
    ("lundi matin et mardi matin je ne peux pas", None),
    # another part of that day named after the refusal, in any words
    (
        "mardi matin je peux pas, l'après-midi par contre oui",
        pref(dates=(d(12, 1),), weekdays=(2,), after=h(13), refused_hours=True),
    ),
    # free, said with « être » or « se libérer », is a wish, not a past event
    ("nous sommes libres ce midi", pref(dates=(TODAY,), after=h(12), before=h(14))),
    # a signing, or being free from a date, is the wish itself; an event's hour goes with it
    ("on signe le 20 mars chez vous, c'est possible ?", pref(dates=(d(3, 20, 2027),))),
    ("je commence à être libre le 15", pref(dates=(d(12, 15),))),
    ("je me marie le 12 avril à 15h, vous avez de la place le 5 ?", pref(dates=(d(12, 5),))),
    ("on se marie en juin", None),
    # the day held, kept: its date is the booking's, only the hour is wished
    ("je garde mon jeudi mais ce serait mieux après 18h", pref(after=h(18))),
    # the date of a life event told is its context, not the time wished
    ("je me marie en avril et j'aimerais des dents plus blanches d'ici là", None),
    ("je prends un apprenti en janvier", None),
    ("on déménage le 15, je voudrais passer avant", None),
    ("nous nous marions en septembre et cherchons un photographe", None),
    (
        "je commence un nouveau travail en janvier, je voudrais venir mercredi",
        pref(dates=(d(12, 2),), weekdays=(3,)),
    ),
    ("je peux venir en janvier", pref(earliest=d(1, 1, 2027), latest=d(1, 31, 2027))),
    # (a pronominal verb in the compound past, whatever the verb)
    ("ma couronne s'est décollée ce midi", None),
    ("je me suis coupé cette nuit", None),
    ("je me suis libérée pour ce matin", pref(dates=(TODAY,), before=h(12))),
    ("ça s'est libéré, je peux venir ce matin", pref(dates=(TODAY,), before=h(12))),
    # a number followed by a counted thing is a quantity, not a day of the month
    ("j'ai vu le 4 pièces avec terrasse à Arradon", None),
    ("le 3 places est-il encore dispo ?", None),
    ("le 4 janvier", pref(dates=(d(1, 4, 2027),))),
    # a time one would be kept from coming, said in a condition, is no wish
    ("et si un jeudi je suis coincée au travail, le cours est perdu ?", None),
    ("si jamais mardi j'ai un empêchement", None),
    ("si jeudi ça vous va", pref(dates=(d(11, 26),), weekdays=(4,))),
    (
        "et si jeudi je suis prise au travail, vendredi matin ça irait ?",
        pref(dates=(d(11, 27),), weekdays=(5,), before=h(12)),
    ),
    # a wish said with « j'ai » is no past: « besoin », « la possibilité », « pu », « une heure »
    ("j'ai la possibilité de passer ce matin", pref(dates=(TODAY,), before=h(12))),
    ("j'ai pu me libérer pour ce matin", pref(dates=(TODAY,), before=h(12))),
    ("j'ai une heure de libre ce matin", pref(dates=(TODAY,), before=h(12))),
    ("j'ai envie de venir ce matin", pref(dates=(TODAY,), before=h(12))),
    ("j'ai prévu de passer ce matin", pref(dates=(TODAY,), before=h(12))),
    ("elle est libre ce matin", pref(dates=(TODAY,), before=h(12))),
    ("je suis crevé le soir", pref(before=h(17), refused_hours=True)),
]


@pytest.mark.parametrize(("heard", "expected"), MORE_FACTS)
def test_more_french_facts(heard: str, expected: Preference | None) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected


# Not being able to do something at a time refuses that time, whoever cannot and whatever
# they cannot do (« je ne peux pas venir jeudi » is « je ne peux pas jeudi »); minding
# children, or something set by others (« on m'a calé une formation »), keeps one busy; a
# sentence adverb may come between the day and what keeps one busy. « il ne peut pas
# attendre lundi » (sooner) and « pas avant 10h » (a bound) are no refusal of that time.
NOT_THURSDAY = pref(weekdays=(1, 2, 3, 5, 6, 7), refused_days=True)
NOT_WEDNESDAY = pref(weekdays=(1, 2, 4, 5, 6, 7), refused_days=True)
CANNOT_OR_BUSY = [
    ("je ne peux pas venir jeudi", NOT_THURSDAY),
    ("jpeux pas passer jeudi", NOT_THURSDAY),
    ("ma maman ne peut pas se libérer jeudi", NOT_THURSDAY),
    ("les enfants ne peuvent pas manquer l'école jeudi", NOT_THURSDAY),
    ("je ne pourrai pas être là jeudi", NOT_THURSDAY),
    ("on ne pourra pas venir jeudi", NOT_THURSDAY),
    ("je vais pas pouvoir venir le matin", pref(after=h(12), refused_hours=True)),
    ("je ne peux pas venir jeudi mais vendredi oui", pref(dates=(d(11, 27),), weekdays=(5,))),
    ("je ne peux pas venir jeudi ni vendredi",
     pref(weekdays=(1, 2, 3, 6, 7), refused_days=True)),
    ("je ne pourrai pas être là la semaine prochaine", pref(away=NEXT_WEEK_AWAY)),
    ("je ne peux pas venir avant 10h", pref(after=h(10))),
    ("il ne peut pas attendre lundi", pref(dates=(d(11, 30),), weekdays=(1,))),
    # a restriction, a question, a deadline: no refusal
    ("je peux pas faire mieux que jeudi", pref(dates=(d(11, 26),), weekdays=(4,))),
    ("je ne peux pas vous dire si jeudi ça ira", pref(dates=(d(11, 26),), weekdays=(4,))),
    ("je peux pas trop attendre, demain ce serait bien", pref(dates=(d(11, 26),))),
    ("si je ne peux pas venir jeudi", None),
    ("mercredi je garde mes petits-enfants", NOT_WEDNESDAY),
    ("je garde ma petite-fille le mercredi", NOT_WEDNESDAY),
    ("le mercredi j'ai les enfants", NOT_WEDNESDAY),
    ("on m'a calé une formation mercredi toute la journée", NOT_WEDNESDAY),
    ("jeudi finalement j'ai un déménagement à faire", NOT_THURSDAY),
    # the same words said to suit, or about something else
    ("j'ai les enfants avec moi, mardi ça ira", pref(dates=(d(12, 1),), weekdays=(2,))),
    ("jeudi je garde le chien", pref(dates=(d(11, 26),), weekdays=(4,))),
    # the day after or before the day held, said from it; another evening than one refused
    ("repousser ma batterie de jeudi au lendemain", pref(dates=(d(11, 27),), weekdays=(5,))),
    # « repousser », « retarder » are words of change: the day after them is the one held
    ("je voudrais repousser mon rendez-vous de jeudi", None),
    ("avancer mon rdv de jeudi à la veille", pref(dates=(d(12, 2),), weekdays=(3,))),
    # (a stay from one day to the next is no move)
    ("je vous laisse la voiture du jeudi au lendemain", pref(dates=(d(11, 26),), weekdays=(4,))),
    # « aucun autre soir que » is only that one
    ("je ne suis libre aucun autre soir que le mardi", pref(weekdays=(2,), after=h(17))),
    ("n'importe quel autre soir que le mardi, après 18h",
     pref(weekdays=(1, 3, 4, 5, 6, 7), after=h(18), refused_days=True)),
    # the day after what keeps one busy, marked « plutôt », is the wish
    ("vendredi je bosse, samedi matin plutôt", pref(dates=(d(11, 28),), weekdays=(6,), before=h(12))),
]  # fmt: skip


@pytest.mark.parametrize(("heard", "expected"), CANNOT_OR_BUSY, ids=[t for t, _ in CANNOT_OR_BUSY])
def test_what_one_cannot_do_then_refuses_that_time(heard: str, expected: Preference | None) -> None:
    assert parse_preference(fold(heard), today=TODAY) == expected

"""When the caller wants to come, as a :class:`~booking.preferences.Preference`.

Takes ``fold(text)``; days are read by :mod:`.days`, times of day by :mod:`.clock`.

>>> parse_preference("vendredi apres 15h", today=date(2026, 11, 25))
Preference(dates=frozenset(), weekdays=frozenset({5}), earliest=None, latest=None, \
after=datetime.time(15, 0), before=None, at=None, asap=False)
>>> parse_preference("je voudrais un rendez vous", today=date(2026, 11, 25)) is None
True
"""

from __future__ import annotations

import re
from datetime import date

from booking.preferences import Preference
from conversations.dialogue.nlu.when.clock import Clock, parse_clock
from conversations.dialogue.nlu.when.days import (
    MONTHS,
    WEEKDAYS,
    Days,
    parse_days,
    spell_out_months,
)
from conversations.dialogue.nlu.when.holidays import name_holidays
from receptionist.lib.text import numerize

_MONTHS_AND_DAYS = "|".join([*MONTHS, *WEEKDAYS])
ASAP = re.compile(
    # « au plus tôt en février » is a bound (see days.py), not « as soon as possible ».
    rf"\b(?:le plus tot(?: possible)?|au plus tot(?! (?:en|le|la|a|au|des|du|d|de|dans|debut|mi|milieu"
    rf"|fin|{_MONTHS_AND_DAYS}|\d))|au plus vite|le plus vite(?: possible)?"
    r"|des que possible|rapidement|en urgence|(?<!pas )(?<!pas tres )urgente?|au plus rapide|asap"
    r"|le premier (?:creneau )?disponible|la premiere (?:dispo|disponibilite)|des maintenant|tout de suite"
    # « maintenant » alone answers « when? »: now, i.e. as soon as possible
    r"|^(?:la |alors )?maintenant(?: si (?:c est )?possible)?$"
    r"|(?:votre|la|ta) premiere (?:dispo|disponibilite|place)"
    r"|(?:le )?premier (?:creneau|rdv|rendez vous|moment) (?:libre|dispo\w*|possible))\b"
)
_CHANGE_WORDS = (
    r"ne (?:me )?(?:va|convient|arrange) plus|m arrange plus|changer|decaler|deplacer|bouger"
    r"|reporter|repousser|retarder|avancer|reculer|annuler|mettre|autre"
)
CHANGE = re.compile(rf"\b(?:{_CHANGE_WORDS})\b")
_WEEKDAY_NAMES = "|".join(WEEKDAYS)
_DAY_NAMED = rf"(?:{_WEEKDAY_NAMES}|demain|\d{{1,2}}(?:er)?)(?: (?:matin|apres midi|soir))?"
# The booking held, named after the word of change: « je peux bouger ma leçon de jeudi ? »,
# « annuler mon contrôle du 12 » (only its day goes; « à samedi » after it is the wish).
# Also with « le / la » and whom it is for: « déplacer le rendez-vous de mon chien mardi »,
# « décaler le toilettage de mon cocker de mercredi à un jeudi », « bouger le rdv griffes de
# mon chat mercredi matin », « changer l'heure du toilettage de mon chat jeudi matin » (not
# « changer le rdv pour mardi »: the wish).
_NOT_HELD_WORD = r"(?!(?:pour|a|au|en|vers|plutot|des|avant|apres|dans|sur|jusqu|a partir)\b)"
HELD_AFTER_CHANGE = re.compile(
    rf"\b(?:{_CHANGE_WORDS})\b(?: \w+){{0,2}}? (?:mon|ma|notre|le|la|l) (?:rendez vous|\w+)"
    rf"(?: {_NOT_HELD_WORD}\w+)?"
    # up to two complements: « l'heure du toilettage de mon chat »
    r"(?: (?:de|du|d) (?:mon |ma |mes |notre |nos |son |sa |ses )?(?:rendez vous|\w+)){0,2}"
    rf" (?:(?:de|du|d|prevu|pris|fixe) )?(?:le |ce )?(?P<day>{_DAY_NAMED})\b"
)
# A day that clashes is the booking's: « j'ai un kiné jeudi qui tombe pile sur ma séance »,
# « mardi ça tombe mal » (« mardi ça tombe bien » is a wish).
CLASHING_DAY = re.compile(
    rf"\b(?:le |ce )?{_DAY_NAMED} (?=(?:qui |ca )?tombe (?:pile |justement |en plein )?"
    r"(?:sur|en meme temps|au meme moment|le meme jour|mal)\b)"
)
# A booking held, said as planned (« mon flash est prévu mercredi prochain », « j'ai un
# piercing prévu mercredi aprèm ») or as had (« j'ai rendez-vous mardi après-midi »). Its day
# is not a wish.
HELD_PLANNED = re.compile(
    r"\b(?:(?:prevue?s?|programmee?s?|calee?s?|fixee?s?|reservee?s?) (?:pour |le |ce |a )?"
    r"|j ai (?:un |une |deja un |deja une )?(?:rdv|rendez vous|rendezvous|rv|seance|consultation"
    r"|cours|lecon) (?:pour |le |ce )?)"
    rf"(?P<day>{_DAY_NAMED}(?: prochain)?(?: aprem)?)\b"
)
# « ce soir-là », « ce jour-là »: a day already said, not today.
THAT_DAY = re.compile(
    r"\b(?:ce|cette) (?:soir|soiree|matin|matinee|jour|apres midi|aprem|semaine|week end|mois)"
    r" la\b"
)
# « le 3, plutôt le matin » is a wish refined, not the booking held: a day said with a bare
# article names that booking only before a word of change.
BARE_DAY = re.compile(rf"(?:le|la) (?:{_WEEKDAY_NAMES}|\d)")
# A day tied to the booking the caller already has (« mon rendez-vous de samedi », « j'ai un
# empêchement jeudi ») names that booking, not a wish for a new time.
# The day held, kept in words: « je garde mon jeudi », « on conserve la date ».
KEEPS_THE_DAY = (
    r"\b(?:garde|gardons|garder|gardez|conserve|conserver|conservez) (?:mon|ma|le|la|notre) "
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|jour|date|journee)\b"
)
EXISTING_BOOKING_DAY = re.compile(
    # A bound (« pas avant le 15 », « après le 3 ») is a wish, whatever follows; a day refused
    # (« pas le jeudi, un autre jour ») is a refusal.
    r"(?<!avant )(?<!apres )(?<!d ici )(?<!des )(?<!partir du )"
    r"(?<!pas )(?<!sauf )(?<!jamais )(?<!hors )(?<!excepte )(?<!ni )"
    r"\b(?:mon|ma|notre|le|la) (?:rdv|rendez vous|rv|creneau|seance|consultation|reservation"
    # « mon contrôle du 12 » names a booking; « la semaine du 12 » is a period, not one.
    r"|(?!semaine|mois|quinzaine|journee|matinee|fin|debut|milieu|mi)\w+ (?:de|du|d))?\s?"
    r"(?:de|du|d|prevu|pris|fixe|pour)? ?(?:le |ce |cette )?"
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|apres demain|\d{1,2}(?:er)?"
    r"(?: \w+)?)(?: (?:matin|apres midi|soir|a \d{1,2} ?h? ?\d{0,2}))?\b"
    rf"(?=.*\b(?:{_CHANGE_WORDS}"
    # « plutôt » only when a wish follows it: « le vendredi matin plutôt » is itself the wish.
    r"|plutot (?=\w))\b)"
    r"|\b(?:un|des) (?:empechement|imprevu|contretemps) (?:pour )?(?:le |ce )?"
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|\d{1,2}(?:er)?)\b"
    # the day held, kept: « je garde mon jeudi mais plus tard » (its date is the booking's)
    r"|" + KEEPS_THE_DAY
)
# The past is not a wish: « il boite depuis hier soir », « ça a commencé il y a 3 jours »,
# « la semaine dernière » tell when a trouble began, not when to come.
_PAST_HEAD = (
    r"(?:hier|avant hier|ce|cette|la|le|ces|les|quelques|plusieurs|\d{1,3}|une?|deux|trois"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
)
_PAST_TAIL = (
    r"(?: (?:jours?|semaines?|mois|ans?|annees?|heures?|nuits?|matin|midi|soir|apres midi"
    r"|week end|dernier|derniere|passee?|\d{1,2}|er|janvier|fevrier|mars|avril|mai|juin"
    r"|juillet|aout|septembre|octobre|novembre|decembre))*"
)
# What follows « j'ai » without being a past participle: a wish (« j'ai envie de passer », « j'ai
# prévu de », « j'ai besoin de venir », « j'ai la possibilité de », « j'ai pu me libérer ») or
# a function word (« j'ai une heure de libre »).
_NO_PARTICIPLE = (
    r"(?:envie|prevu|pense|espere|decide|hate|besoin|possibilite|pu|une|de|du|des|le|la|les|un"
    r"|ce|que|qui|libre|le temps)"
)
PAST = re.compile(
    rf"\b(?:depuis|ca fait|cela fait) {_PAST_HEAD}{_PAST_TAIL}\b"
    r"|\bil y a (?:\d{1,3}|une?|deux|quelques|plusieurs) (?:jours?|semaines?|mois|ans?|heures?)\b"
    r"|\b(?:avant )?hier(?: (?:matin|midi|soir|apres midi))?\b"
    r"|\b(?:la semaine|le mois|le week end|l annee|lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche) derni(?:er|ere)\b"
    # A time tied to an event, not a date: « le matin de l'opération », « la veille du départ ».
    r"|\b(?:le|la) (?:matin|soir|veille|lendemain|jour|apres midi|nuit) (?:de l|de la|du|des|d"
    r"|de mon|de ma|de son|de sa|de leur)(?! \d)(?! 1er) \w+"
    # Something that happened earlier today, in the compound past: « j'ai crevé ce matin », « il
    # est tombé cette nuit » (not a wish to come this morning).
    # (with « avoir », or « être » and a verb of motion or of birth and death: « c'est possible
    # ce matin », « elle est libre ce matin » are wishes)
    # (« fait » or « laissé » then an infinitive and its object: « j'ai fait tomber mon
    # téléphone ce matin »; not a wish said with « envie », « prévu »: « j'ai prévu de passer
    # ce matin »)
    rf"|\b(?:(?:j ai|nous avons|\w+ a|\w+ ont) (?!{_NO_PARTICIPLE}\b)"
    rf"(?:\w+ )?(?!{_NO_PARTICIPLE}\b)\w+(?:e|i|u|is|it|ert)"
    r"(?: \w+(?:er|ir|re) (?:mon|ma|mes|son|sa|ses|le|la|les|l|un|une) \w+)?"
    r"|(?:je suis|\w+ est|\w+ sont) (?:\w+ )?(?:tombe|arrive|parti|venu|passe|reste|sorti|rentre|mort|ne|decede)"
    r"(?:e|s|es)?) (?:\w+ ){0,2}(?:ce matin|cette nuit|ce midi|tout a l heure|tantot)\b"
    # (or a pronominal verb, whatever it is: « ma couronne s'est décollée ce midi », « je me
    # suis coupé cette nuit »; not « je me suis libérée pour ce matin », nor a new clause: « ça
    # s'est libéré, je peux venir ce matin »)
    r"|\b(?:s est|se sont|me suis|s etait|s etaient) "
    r"(?!(?:libre|libres|libere|liberee|liberes|liberees|disponible|disponibles|dispo)\b)"
    r"\w+(?:e|i|u|is|it|ert)(?:e|s|es)?"
    r"(?: (?!(?:je|j|tu|il|elle|on|nous|vous|ils|elles|pour|que|qu)\b)\w+){0,2}"
    r" (?:ce matin|cette nuit|ce midi|tout a l heure|tantot)\b"
)
# A time said with « surtout », « souvent », « toujours », « tous les », « chaque »… tells when a
# trouble shows, not when to come: « je vois flou, surtout le soir en voiture », « il tousse
# souvent la nuit », « je perds ma voix tous les soirs depuis la rentrée »; unless it follows
# what suits the caller (« je suis dispo surtout le soir », « ça m'arrange plutôt… ») or what
# keeps them busy (« je travaille tous les matins »: a refusal), or is said alone (« surtout le
# matin », the answer to « when? »).
HABIT = re.compile(
    r"\b(?:surtout|souvent|toujours|parfois|des fois|tout le temps|la plupart du temps|"
    r"en general|generalement|tous les|chaque) (?:le |la |les |en |au )?(?:matin|matins|soir"
    r"|soirs|nuit|nuits|apres midi|week end|week ends|reveil|coucher|journee)\b"
)
SUITS = re.compile(
    r"\b(?:dispo\w*|libre|arrange\w*|convien\w*|prefere\w*|peux|pourrais|pourrai|venir"
    r"|passer|rendez vous|rdv|creneau)\b(?:\W+\w+){0,3}\W*$"
    # said alone, it answers « when? »: « surtout le matin »
    r"|^\W*(?:(?:euh|bah|ben|alors|oui|non|moi|ben|plutot|c est)\W+)*$"
)


def _habit(match: re.Match[str], text: str) -> str:
    before = text[: match.start()]
    kept = SUITS.search(before) or BUSY_BEFORE.search(before)
    return match.group(0) if kept else " _ "


# « Plus tard dans la journée / la matinée »: later than a time held, within its day (a move),
# not « today »; only the part of the day stays a wish.
LATER_WITHIN = re.compile(
    r"\bplus (?:tard|tot) dans (?:la |l )?(?P<part>journee|matinee|soiree|apres midi|aprem)\b"
)


def _within(m: re.Match[str]) -> str:
    return " _ " if m.group("part") == "journee" else " " + m.group(0).split(" ", 2)[2] + " "


# The date of a life event the caller tells about is its context, not the time wished: « je me
# marie en avril et j'aimerais des dents plus blanches d'ici là », « je prends un apprenti en
# janvier », « on déménage le 15 ». The event runs a few words on, up to its time.
_MONTH_NAMES = "|".join(MONTHS)
LIFE_EVENT = re.compile(
    r"\b(?:je|j|on|nous) (?:me |m |nous |se |s |vais |va |allons )?(?:me |nous |se )?"
    r"(?:marie|marions|marier|demenage|demenageons|demenager|emmenage|emmenageons|emmenager"
    r"|accouche|accoucher|embauche|embauchons|embaucher|(?:prends|prenons|prendre) (?:un|une|mon"
    r"|ma) (?:apprentie?|salariee?|stagiaire|employee?|retraite)"
    # (« je commence à être libre le 15 », « je reprends le 15 pour le contrôle » are wishes)
    r"|(?:commence|commencons|commencer|reprends|reprenons|reprendre) (?:un|une|mon|ma|le|la|l)"
    r" (?:nouveau |nouvelle )?(?:travail|boulot|poste|emploi|formation|stage|ecole|cours|chantier)"
    r"|ouvre|ouvrons|ouvrir|cree|creons|creer|lance|lancons|lancer"
    r"|vends|vendons|vendre|achete|achetons|acheter|fais operer|faire operer)\b"
    r"(?: (?!(?:et|mais|donc|alors|vous|je|j|pour|avant|apres)\b)\w+){0,5}?"
    rf" (?:en (?:{_MONTH_NAMES})|(?:debut|fin|mi) (?:{_MONTH_NAMES})|le \d{{1,2}}(?:er)?"
    rf"(?: (?:{_MONTH_NAMES}))?|(?:la semaine|le mois) prochaine?|cet ete|a la rentree)\b"
    # (its hour with it: « je me marie le 12 avril à 15h, vous avez de la place le 5 ? »)
    r"(?: (?:a|vers) \d{1,2} ?h(?: ?\d{2})?\b)?"
)
# A time in a hypothetical about cancelling, missing or being late is when that would happen,
# not when to come: « si je décommande la veille au soir, je paie ? », « et si j'annule le
# jour même », « au cas où je suis en retard le matin ». It runs a few words on.
HYPOTHETICAL = re.compile(
    # ... and a time one would be kept from coming, said in the condition: « et si un jeudi je
    # suis coincée au travail, le cours est perdu ? » (not « si jeudi ça vous va »: a wish)
    rf"\b(?:si|au cas ou|dans le cas ou) (?:jamais )?(?:un |le |ce )?(?:{_WEEKDAY_NAMES}|jour|soir"
    r"|matin)s? (?:je|j|on|il|elle|nous) (?:suis|est|sommes|ai|a|avons) (?:\w+ )?(?:coincee?s?"
    r"|prise?s?|retenue?s?|malades?|empechee?s?|bloquee?s?|en retard|absente?s?|indisponibles?"
    # (up to where the condition ends: « …, vendredi matin ça irait ? » is a wish)
    rf"|occupee?s?|un empechement|un imprevu|un contretemps)\b(?: (?!(?:{_WEEKDAY_NAMES}|matin"
    r"|apres|soir|demain|plutot|mais)\b)\w+){0,4}"
    r"|\b(?:si|au cas ou|dans le cas ou) (?:je|j|on|il|elle|nous|vous) (?:(?:ne|n) )?(?:"
    r"(?:me |m |se |s |nous |vous )?(?:annul|decommand|desist|rate|loupe|manque|oubli)\w*"
    r"|(?:suis|est|sommes|etes|arrive|arrivons|arrivez) en retard"
    r"|(?:peux|peut|pouvons|pouvez|viens|vient|venons|venez) (?:pas|plus)(?: venir)?"
    r")(?: \w+){0,4}"
)
# Not being able to do something at a time refuses that time, whoever cannot and whatever
# they cannot do: « je ne peux pas venir jeudi », « ma maman ne peut pas se libérer jeudi »,
# « les enfants ne peuvent pas manquer l'école jeudi », « je vais pas pouvoir être là le
# matin » say what « je ne peux pas jeudi » says, so the infinitive is left out. Not « il ne
# peut pas attendre lundi » (sooner than Monday); « pas avant jeudi » stays a bound.
_TIME_START = (
    r"(?:(?:le|les|l|ce|cette|cet|en|un|une|avant|apres|d ici|dans) )?"
    rf"(?:{_WEEKDAY_NAMES}|matin|apres midi|aprem|soir|soiree|midi|semaine|week end|demain"
    r"|aujourd hui|\d)"
    # « là » is folded to « la »: « être là jeudi »
    r"|la (?:semaine|matinee|soiree|journee)"
)
CANNOT = re.compile(
    r"\b(?:(?:peux|peut|pouvons|peuvent|pourrai|pourra|pourrons|pourront|pourrais"
    r"|pourrait|pourrions|pourraient) (?:pas|plus|jamais)"
    r"|(?:vais|va|allons|vont) (?:pas|plus) pouvoir) "
    # (not a restriction or a deadline: « je peux pas faire mieux que jeudi », « je peux pas
    # vous dire si jeudi ça ira », « je peux plus tenir jusqu'à lundi »)
    rf"(?:(?!{_TIME_START}\b)(?!(?:attendre|patienter|tenir|que|qu|si|jusqu|mieux|autrement"
    rf"|plus|dire|savoir)\b)\w+ ){{1,3}}?(?={_TIME_START}\b)"
)
# A part of the day or a weekday followed by a refusal is its negation: « le matin ça
# m'arrange pas », « le matin je peux pas », « les matins je travaille », « vendredi je
# travaille finalement » say what « pas le matin », « pas vendredi » say (« je travaille pas »
# is no refusal: the caller is free then).
# Being busy elsewhere refuses the time too: « en semaine il est à l'école », « le matin je
# suis au travail », « le mercredi elle a cours ».
# Being taken by care or by duty is being busy too: « l'après-midi je suis en dialyse », « le
# jeudi il est à l'hôpital », « le matin je suis en réunion ».
_BUSY = (
    r"(?:je|j|il|elle|on|nous|ils|elles) (?:suis|est|sommes|sont|ai|a|avons|ont) "
    r"(?:a l ecole|au travail|au boulot|au bureau|en cours|en classe|a la creche|au college"
    r"|au lycee|a la fac|cours|classe|ecole|pris|prise|occupes?|occupees?|indisponibles?"
    r"|en (?:dialyse|reunion|seance|traitement|chimio|chimiotherapie|radiotherapie|reeducation"
    r"|formation|deplacement|rendez vous|rdv|consultation|clientele|garde|service|poste)"
    r"|a l hopital|a l hosto|a la clinique|chez le (?:kine|medecin|docteur)"
    # on duty: « je suis de garde », « d'astreinte », « de permanence », « de nuit »
    r"|de garde|d astreinte|de permanence|de service|de nuit"
    # Unwell or worn out at a time is not free then: « il est très fatigué l'après-midi » (with
    # « être » only: « j'ai crevé ce matin » is a flat tyre)
    r"|(?<!\bai )(?<!\ba )(?<!\bavons )(?<!\bont )(?:tres |trop |souvent |toujours |vraiment "
    r"|completement )?(?:fatigue|fatiguee|fatigues|epuise|epuisee|creve|crevee|pas en forme"
    r"|pas bien|malade))\b"
    # A weekly activity: « il a natation avec son club le mercredi », « j'ai foot le samedi ».
    r"|(?:je|j|il|elle|on|nous|ils|elles) (?:ai|a|avons|ont|fais|fait|faisons|font) "
    r"(?:du |de la |de l |le |la |l |son |sa |mon |ma )?(?:natation|piscine|foot|football|sport"
    r"|danse|musique|judo|karate|tennis|rugby|basket|hand|handball|equitation|gym|gymnastique"
    r"|theatre|solfege|conservatoire|entrainement|catechisme|orthophoniste|orthophonie|scouts"
    r"|match)\b"
    # Minding children: « mercredi je garde mes petits-enfants », « le mercredi j'ai les
    # enfants ».
    r"|(?:je|j|il|elle|on|nous|ils|elles) (?:garde|gardons|gardent|ai|a|avons|ont) (?:les|mes|ses"
    r"|nos|leurs) (?:petits enfants|enfants|petits|gamins|gosses|neveux)\b"
    r"|(?:je|j|il|elle|on|nous|ils|elles) (?:garde|gardons|gardent) (?:ma|mon|sa|son|notre|leur) "
    r"(?:petite fille|petit fils|fille|fils|bebe|niece|neveu)\b"
    # Something set at that time: « j'ai une réunion mardi », « mardi j'ai un partiel », « on
    # m'a calé une formation mercredi ».
    r"|(?:(?:je|j|il|elle|on|nous|ils|elles) (?:ai|a|avons|ont)|on (?:m|nous) a (?:cale|mis"
    r"|programme|colle|fixe|impose|pose|prevu|organise)) (?:deja |encore )?(?:un|une|mon|ma"
    r"|son|sa) (?:reunion|partiel|examen|concours|entretien d embauche|rendez vous|rdv|mariage"
    r"|enterrement|deplacement|demenagement|formation|seminaire|conseil de classe|audience"
    r"|operation|intervention|vol|train|avion|empechement|imprevu)\b"
    r"|(?:il|elle|on|ils|elles) (?:travaille|travaillent|bosse|bossent)\b(?! pas| plus)"
)
POSTPOSED_REFUSAL = re.compile(
    # (a day and its part refused together are one time: « mardi matin ça ne va plus »; not
    # « jeudi, le matin ça ne me va pas »)
    # (a list of them too: « lundi matin et mardi matin je ne peux pas »)
    rf"\b(?:(?P<day>(?:(?:{_WEEKDAY_NAMES}) (?:matin|apres midi|aprem|soir) (?:et|ou) )*"
    rf"(?:{_WEEKDAY_NAMES})) (?=(?:matin|apres midi|aprem|soir)\b))?"
    rf"(?:le |l |les )?(?P<part>matin|apres midi|aprem|soir|en semaine|{_WEEKDAY_NAMES})s? "
    # a sentence adverb may come between (« le mardi finalement ça ne va pas », « jeudi
    # finalement j'ai un déménagement »), and the subject before « ne » (« en semaine je ne
    # peux plus »)
    r"(?:(?:finalement|en fait|du coup|malheureusement|vraiment|par contre|desormais) )?(?:"
    r"(?:(?:ca|cela|c|je|j|on) )?(?:(?:ne|n) )?(?:m arrange|me va|me convient|va|le fait|marche|colle"
    r"|je peux|peux|je suis|suis|est|c est)\b(?: \w+){0,2}? (?:pas|plus|jamais)\b"
    r"|je (?:travaille|bosse)\b(?! pas| plus)|c est (?:impossible|complique)\b|impossible\b"
    rf"|{_BUSY})"
)
# Someone working, or busy elsewhere (« je travaille pas » is being free, no refusal).
_WORKING_OR_BUSY = (
    r"\b(?:(?:je|j|on|il|elle|nous|ils|elles) (?:travaille|travaillons|travaillent|bosse|bossons"
    rf"|bossent)\b(?! pas| plus)|{_BUSY})"
)
BUSY_BEFORE = re.compile(_WORKING_OR_BUSY + r"(?:\W+\w+){0,3}\W*$")
# « on travaille tous les deux en semaine »: both of them, then when
_BOTH = r" (?:tous les deux |toutes les deux |tous deux |les deux |tous les trois )?"
# The same refusal said first: « je travaille le vendredi », « je suis pris le matin », « il
# est à l'école en semaine » (« je travaille pas le vendredi » is no refusal).
PREPOSED_REFUSAL = re.compile(
    _WORKING_OR_BUSY
    + _BOTH
    # a few words may come between (« il a natation avec son club le mercredi »), not a turn
    # (« je suis pris mais le mardi ça ira »)
    + r"(?:(?!mais\b|sauf\b|sinon\b|par\b|plutot\b|et\b|ou\b)\w+ ){0,3}?"
    r"(?:le |les |l |tous les |toute la )?"
    rf"(?P<part>matin|apres midi|aprem|soir|en semaine|{_WEEKDAY_NAMES})s?\b"
    # the next clause's day, said to suit (« mardi je suis pris, mercredi ça irait »): a wish
    # (not « ça va être compliqué », « ça va de soi », « c'est possible le mercredi ? »)
    r"(?! (?:(?:ca|cela) )?(?:irait|ira|me va|m irait|m ira|m arrange\w*|me convient"
    r"|conviendrait|serait (?:bien|parfait|mieux|possible))\b| (?:ca|cela) (?:va|marche)"
    r"(?: (?:bien|pour moi))?$| je (?:peux|pourrais|pourrai|suis (?:libre|dispo\w*))\b"
    # ... or marked as the wish (« vendredi je bosse, samedi matin plutôt »)
    r"|(?: (?:matin|apres midi|aprem|soir))? plutot\b)"
)
# Busy over a whole span but for one time names that time as the free one: « je travaille
# tous les jours sauf le mercredi », « je suis pris toute la semaine sauf jeudi », « je bosse du
# lundi au vendredi sauf le mardi matin » wish what follows « sauf » (« je suis libre tous les
# jours sauf le mercredi » is a refusal, and stays one). A busy part of the day: see below.
BUSY_BUT = re.compile(
    _WORKING_OR_BUSY
    + _BOTH
    + r"(?:(?:tous les jours|toute la semaine|en semaine|la semaine|toute l annee|tout le temps"
    r"|du lundi au (?:vendredi|samedi|dimanche)) )?"
    r"(?:sauf|excepte|hormis|a part)\b"
)
# Busy over a part of the day but for one day (« je travaille le matin sauf le mercredi »): the
# other parts of every day are free, and so is that day; the part stays refused, the day
# excepted is no refusal of its own (« sauf le mercredi » alone would be one).
BUSY_PART_BUT = re.compile(
    _WORKING_OR_BUSY
    + _BOTH
    + r"(?:le |les |l |tous les |toute la )?(?:matin|apres midi|aprem|soir|soiree)s? "
    rf"(?P<but>(?:sauf|excepte|hormis|a part) (?:le |les |l )?(?:{_WEEKDAY_NAMES})s?)\b"
)
_NOT_PART = {
    "matin": "pas le matin",
    "apres midi": "pas l apres midi",
    "aprem": "pas l apres midi",
    "soir": "pas le soir",
    "en semaine": "pas en semaine",
}
# « plutôt » marks the wished alternative: « le mercredi j'ai les enfants, plutôt vendredi ».
RATHER = re.compile(r"\bplutot\b")
MAX_POSTPOSED_WORDS = 5

WHENEVER = re.compile(
    r"\b(?:n importe quand|n importe quel jour|n importe quelle heure|quand vous voulez"
    # « peu importe lequel / qui » is about who, not when.
    r"|peu importe(?! (?:lequel|laquelle|lesquels|lesquelles|qui|le (?:docteur|medecin)))|c est egal|ca m est egal|quand ca vous arrange|comme vous voulez"
    r"|comme ca vous arrange|pas de preference|aucune preference|indifferent|indifferemment"
    r"|quand vous pouvez|a votre convenance|je suis disponible tout le temps"
    r"|je suis libre tout le temps|pas (?:tres )?urgent|pas presse|rien ne presse"
    # « n'importe » alone answers « when? »; « je m'en fiche », « tout me va » say the same.
    r"|^n importe$|(?:je )?m en (?:fiche|fous|moque)|tout me va|tout m arrange"
    # « le jour m'importe peu », « l'heure m'est égale », « peu m'importe »
    r"|(?:le jour|l heure|la date|le moment) (?:m |me |nous )?(?:importe peu|est egal\w*)"
    r"|peu (?:m |nous )importe)\b"
)
# A frequency is no time: « toutes les deux heures », « toutes les 30 minutes ».
FREQUENCY = re.compile(
    r"\btou(?:te)?s les (?:(?:\d{1,3}|deux|trois|quatre|cinq|six|huit|dix|douze|quinze|vingt"
    r"|trente|quarante) )?(?:heures?|minutes?|demi heures?|quarts? d heure)\b"
)
# A collective numeral is about that many: « une dizaine de jours » is some ten days,
# « une quinzaine » fifteen days (« la deuxième quinzaine de janvier » is a half-month).
COLLECTIVE = re.compile(
    r"\bune (?P<which>huitaine|dizaine|douzaine|quinzaine|vingtaine|trentaine)"
    r"(?: de (?P<unit>jours|semaines))?\b"
)
COLLECTIVE_COUNT = {
    "huitaine": 8,
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
}


def _collective(m: re.Match[str]) -> str:
    if m.group("unit") is None and m.group("which") not in ("huitaine", "quinzaine"):
        return m.group(0)  # « une dizaine » of what: not said
    return f"{COLLECTIVE_COUNT[m.group('which')]} {m.group('unit') or 'jours'}"


# A move to the day after or before the day held, said from it: « repousser ma batterie de
# jeudi au lendemain » is to Friday, « avancer le rdv de jeudi à la veille » to Wednesday.
NEXT_OR_EVE = re.compile(
    rf"\b(?:de|du) (?:le |ce )?(?P<day>{_WEEKDAY_NAMES})(?: (?:matin|apres midi|soir))? "
    r"(?P<which>au lendemain|a la veille)\b"
)
_WEEKDAY_ORDER = list(WEEKDAYS)


def _next_or_eve(m: re.Match[str]) -> str:
    """Said after a word of change only: « je vous laisse la voiture du jeudi au lendemain »
    is a stay, Thursday to Friday."""
    if not CHANGE.search(m.string, 0, m.start()):
        return m.group(0)
    step = 1 if m.group("which") == "au lendemain" else -1
    day = _WEEKDAY_ORDER[(WEEKDAYS[m.group("day")] - 1 + step) % 7]
    return f"au {day}"  # the day held goes: it is no wish


def parse_preference(folded: str, *, today: date) -> Preference | None:
    """The wished days and times in folded text, or None when it says nothing about time.

    An explicit « n'importe quand » is an empty preference, not None. A day naming the booking
    the caller already has is left out; with « plutôt », what it marks replaces what came
    before it (« mardi ou mercredi, plutôt le matin » keeps both days).
    """
    # Holidays first: « après le jour de l'an » is a date, not a time tied to an event.
    text = name_holidays(numerize(spell_out_months(folded)), today=today)
    text = NEXT_OR_EVE.sub(_next_or_eve, text)
    text = FREQUENCY.sub(" _ ", COLLECTIVE.sub(_collective, text))
    # The booking already held goes first: « mon rdv de samedi ne m'arrange plus » names it.
    text = PAST.sub(" _ ", EXISTING_BOOKING_DAY.sub(lambda m: _held(m, text), text))
    text = HYPOTHETICAL.sub(" _ ", LIFE_EVENT.sub(" _ ", text))
    text = LATER_WITHIN.sub(_within, text)
    text = CANNOT.sub("peux pas ", text)
    text = HABIT.sub(lambda m: _habit(m, text), text)
    text = HELD_AFTER_CHANGE.sub(lambda m: m.group(0)[: m.start("day") - m.start()] + " _ ", text)
    text = CLASHING_DAY.sub(" _ ", text)
    text = HELD_PLANNED.sub(lambda m: m.group(0)[: m.start("day") - m.start()] + " _ ", text)
    text = THAT_DAY.sub(" _ ", text)
    text = BUSY_BUT.sub(" ", text)
    text = BUSY_PART_BUT.sub(lambda m: m.group(0)[: m.start("but") - m.start()], text)
    text = POSTPOSED_REFUSAL.sub(_refused, PREPOSED_REFUSAL.sub(_refused, text))
    rather = list(RATHER.finditer(text))
    if not rather:
        return _read(text, today)
    cut = rather[-1]
    before, after = text[: cut.start()], text[cut.end() :]
    marked = _read(after, today)
    if marked is None:
        # « on peut le mettre un mardi plutôt »: the words just before « plutôt » (« après
        # midi » counts as one: « jeudi après-midi plutôt » is not « midi »).
        words = re.findall(r"apres midi|\S+", before)
        for size in range(1, min(MAX_POSTPOSED_WORDS, len(words)) + 1):
            marked = _read(" ".join(words[-size:]), today)
            if marked is not None:
                before = " ".join(words[:-size])
                break
    earlier = _read(before, today)
    if earlier is None or marked is None:
        return marked or earlier
    return earlier.merged_with(marked)


LIST_GOES_ON = re.compile(r" (?:et|ni|ou|ainsi que)\b")
# Another part of the day named after the refusal of one: « mardi matin c'est pas possible,
# plutôt l'après-midi », « mardi matin je peux pas, l'après-midi par contre oui » wish Tuesday
# afternoon.
OTHER_PART_OF_THAT_DAY = re.compile(
    r".*\b(?:matin|apres midi|aprem|soir|fin de (?:matinee|journee)|debut d apres midi)\b"
)


def _refused(m: re.Match[str]) -> str:
    """A part of the day or a weekday refused, said as « pas … »; what follows is another clause
    (« mardi je suis pris, mercredi ça irait » refuses Tuesday only), unless it goes on with
    the list (« je travaille le lundi et le mardi »)."""
    day = m.groupdict().get("day")
    if day and m.group("part") in _NOT_PART and not OTHER_PART_OF_THAT_DAY.match(m.string, m.end()):
        # « mardi matin ça ne va plus »: that one time is refused, neither Tuesday afternoon
        # nor every other morning is wished; the caller is asked
        return " _ "
    refused = _NOT_PART.get(m.group("part"), f"pas {m.group('part')}")
    if day:
        refused = f"{day} {refused}"
    return refused if LIST_GOES_ON.match(m.string, m.end()) else refused + " _ "


def _held(m: re.Match[str], text: str) -> str:
    """The booking held is left out; a bare « le 3 » before « plutôt » alone stays a wish."""
    if BARE_DAY.match(m.group(0)) and not CHANGE.search(text, m.end()):
        return m.group(0)
    return " _ "


def _read(text: str, today: date) -> Preference | None:
    days = parse_days(text, today=today)
    clock = parse_clock(text)
    asap = ASAP.search(text) is not None
    if days is None and clock is None and not asap:
        return Preference() if WHENEVER.search(text) else None
    days, clock = days or Days(), clock or Clock()
    return Preference(
        dates=days.dates,
        weekdays=days.weekdays,
        earliest=days.earliest,
        latest=days.latest,
        after=clock.after,
        before=clock.before,
        at=clock.at,
        asap=asap,
        away=days.away,
        refused_hours=clock.refused,
        refused_days=days.refused,
    )

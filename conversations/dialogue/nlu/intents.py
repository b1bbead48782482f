"""What the caller wants, from folded text. Rules are data: one table per decision."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from conversations.dialogue.nlu.when.dates import KEEPS_THE_DAY


class Intent(StrEnum):
    BOOKING = "BOOKING"
    CANCEL = "CANCEL"
    MODIFY = "MODIFY"
    FAQ = "FAQ"
    TRANSFER = "TRANSFER"
    EMERGENCY = "EMERGENCY"
    GOODBYE = "GOODBYE"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class AnyOf:
    """A table of patterns, any of which decides: each is tried in turn over the whole text.

    One alternation of them all would be tried branch by branch at every position of the
    text, about twice as slow on these tables (45 branches for a need).
    """

    patterns: tuple[re.Pattern[str], ...]

    def search(self, text: str) -> re.Match[str] | None:
        """The first table entry's match, or None (a truth value: which entry, not where)."""
        for pattern in self.patterns:
            if found := pattern.search(text):
                return found
        return None


def _rx(*patterns: str) -> AnyOf:
    return AnyOf(tuple(re.compile(p) for p in patterns))


_APPT = r"(rdv|rendez vous|rendezvous|rv|creneau|reservation|consultation|seance|visite)"
# Coming, or coming back (« revenir », « repasser », « ramener »): the same request.
_VISIT_VERB = r"(passer|venir|deposer|amener|emmener|revenir|repasser|ramener|redeposer)"
_DETERMINER = r"(mon|ma|mes|le|la|les|l|un|une|du|des|son|sa|ses|votre|vos|ce|cette)"
# What opens a message before its content: greetings, « allô oui », fillers, a civility
# (« allô bonjour monsieur, c'est pour… »).
_OPENING = (
    r"^((bonjour|bonsoir|salut|slt|coucou|hello|allo|oui|ouais|alors|voila|euh|ben|bah|re"
    r"|monsieur|madame|mademoiselle|messieurs|dames) )*"
)
# What a caller calls the booking they hold, whatever the trade (« ma leçon », « mon cours de
# code », « ma séance »), or a thing of a day (« mon contrôle de jeudi »): after a verb of
# cancelling or moving, with a possessive, it is that booking.
_HELD = (
    # (« mon passage », « ma venue »: the visit itself)
    r"("
    + _APPT[1:-1]
    + r"|passage|venue|cours|lecon|lecons|soin|soins|coupe|controle|examen|entretien"
    r"|revision|intervention|operation|essai|essayage|reparation|montage|reglage|installation"
    r"|diagnostic|depannage|nettoyage|toilettage|bilan|\w+(?: de \w+)? (?:de|du|d) (?:lundi"
    r"|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|\d{1,2}))"
)
# A time of the week or of the day (« l'après-midi plutôt », « plutôt un mardi »).
_TIME_WORD = (
    r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|matin|matinee|apres midi|aprem|soir|soiree"
    r"|midi|semaine|week end|\d{1,2} ?h)"
)
# A day of the week, and where a booking is put (« un mardi », « le 12 », « un autre jour »).
_WEEKDAY = r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_TO_ANOTHER_DAY = (
    r"((a |au )?(un |le )?" + _WEEKDAY + r"|(a )?un autre (jour|moment|creneau)|(a )?une autre"
    r" (date|heure|semaine)|plutot|ailleurs|demain|(a )?le \d{1,2})"
)


# What no longer suits, said of a booking held (« ne m'arrange plus », « tombe mal »).
_NO_LONGER_SUITS = (
    r"\b(ne (me )?va plus|ne (me )?convient plus|ne m arrange plus|m arrange plus|tombe mal"
    r"|pose probleme|tombe (pendant|en meme temps|au meme moment|le meme jour|pile))\b"
)

# Things one owns whose trouble is never an emergency by itself (devices, vehicles, clothes,
# appliances): a cry for help said of them is a way of speaking.
_THINGS = (
    r"telephone|tel|portable|smartphone|iphone|mobile|ordi|ordinateur|pc|mac|macbook|tablette"
    r"|ipad|ecran|console|imprimante|box|wifi|internet|tele|television|montre|appareil|appareil"
    r" photo|disque dur|cle usb|clavier|souris|voiture|auto|moto|scooter|velo|trottinette|camion"
    r"|camping car|pneu|pneus|batterie|moteur|frein|freins|clim|chaudiere|chauffage|frigo"
    r"|congelateur|four|machine|lave linge|lave vaisselle|seche linge|robinet|evier|douche"
    r"|toilettes|wc|porte|serrure|fenetre|volet|robe|veste|pantalon|jean|jupe|chemise|manteau"
    r"|blouson|parka|costume|tailleur|fermeture|zip|braguette|lunettes|monture|cheveux|coupe"
    r"|couleur|ongles|vernis|photo|photos|dossier|commande|colis|facture|site"
)

EMERGENCY = _rx(
    r"\b(fumee|flammes?|feu|incendie|explos\w*|brule)\b",
    r"\b(saigne\w*|hemorragie|inconscient\w*|evanoui\w*|malaise|convuls\w*)\b",
    r"\b(respire plus|n arrive plus a respirer|crise cardiaque|suffoqu\w*)\b",
    # Choking now; choking as a habit (« elle s'étouffe un peu quand elle boit », « il
    # s'étouffe souvent en mangeant ») is a swallowing trouble to treat, not an emergency.
    r"\betouffe\w*\b(?! (un peu|parfois|souvent|de temps en temps|des fois|quand|lorsqu\w*"
    r"|en (mangeant|buvant|avalant)|a chaque|pendant (les|ses|le) repas|au repas|depuis)\b)",
    # Chest pain and breathing trouble, however said: the signs of a heart or lung emergency.
    r"\b(douleurs?|mal|serrement|oppression)\b.{0,25}\b(poitrine|thorax|thoracique)\b",
    r"\b((un peu |beaucoup |de plus en plus )?(du|de) mal|difficultes?|de la peine|peine)"
    r" a respirer\b(?! par le nez)",
    r"\b(respire (tres |vraiment |de plus en plus )?(mal|difficilement)|manque d air)\b",
    r"\b(samu|pompiers|en danger|danger de mort)\b",
    # A cry for help, unless it is said of a thing of one's own (« au secours, mon téléphone a
    # pris un bain », « à l'aide, ma voiture ne démarre plus »: a way of speaking); said of
    # anyone else (people and animals are an open list), it stays one.
    r"\b(au secours|a l aide)\b(?! (mon|ma|mes|notre|nos) (" + _THINGS + r")\b)",
    # A stroke under way; one in the past is a reason for care (« rééducation après son AVC »,
    # « depuis son AVC il parle mal »), not an emergency.
    r"(?<!\bapres son )(?<!\bapres un )(?<!\bapres l )(?<!\bdepuis son )(?<!\bdepuis un )"
    r"(?<!\bdepuis l )(?<!\bsuite a un )(?<!\bsuite a son )(?<!\bsuite a l )(?<!\ba fait un )"
    r"(?<!\ba eu un )(?<!\bavait fait un )(?<!\bavait eu un )\bavc\b"
    r"|\b(vient|viens) de faire un avc\b|\best en train de faire un avc\b",
    # The signs of a stroke: the face drooping, an arm or a leg that no longer moves, speech
    # lost all at once (« il arrive plus à parler d'un coup, il a la bouche de travers »).
    r"\b(bouche|visage|figure) (toute? |tout )?(de travers|tordue?|paralyse\w*|qui tombe)\b",
    r"\b(bras|jambe|main) (droit|gauche|droite)? ?((il|elle) )?(ne |n )?(bouge|repond|obeit)"
    r" plus\b",
    r"\b(d un coup|tout a coup|subitement|brutalement)\b.{0,40}\b(arrive|peut|sait) plus a parler"
    r"\b|\b(arrive|peut|sait) plus a parler\b.{0,20}\b(d un coup|tout a coup|subitement"
    r"|brutalement)\b",
    # Sight lost suddenly, the sign of a retinal or a brain emergency: « je vois plus rien de
    # l'œil droit », « un voile noir », « d'un coup je vois plus rien ».
    r"\b(voile|rideau) noir\b|\b(ne )?(vois|voit|voyons) plus rien (de l|d un|du|de mon|de son"
    r"|d un coup|depuis ce matin|depuis tout a l heure)\b|\b(d un coup|brutalement|subitement)"
    r"\b.{0,20}\b(vois|voit) plus\b",
    r"\b(en panne|bloque\w*|arrete\w*|immobilise\w*)\b.*\b(autoroute|voie rapide|periph\w*|bande d arret)\b",
    r"\b(autoroute|voie rapide|bande d arret)\b.*\b(en panne|bloque\w*|enfants?|bebe)\b",
    r"\bc est (tres )?(grave|urgent) (il|elle) (faut|saigne)\b",
    # Swallowing a poison: « il a mangé de la mort-aux-rats », « ma fille a avalé des cachets ».
    r"\b(empoisonn\w*|intoxi\w*)\b",
    r"\b(mange|avale|bu|ingere|lape|leche|croque)\b.{0,30}\b(mort aux rats|raticide|poison\w*"
    r"|anti ?limaces?|antigel|javel|produit menager|produits menagers|cachets|medicaments"
    r"|comprimes|pile|piles|insecticide|pesticide|chocolat noir|xylitol)\b",
)

# Asking outright to be put through, or for a human rather than a machine.
_PUT_THROUGH = (
    r"\b(un|une) (vrai |vraie )?(humain|personne reelle|vraie personne|etre humain)\b",
    r"\b(passez|passe|passer|transferez|transfere)(z)? moi\b",
    # (« mettez-moi plutôt un mardi », « mettez-moi le 12 » put the caller in the diary)
    r"\b(mettez|mets) moi\b(?! (plutot|demain|apres|avant|vers|(un |le |au |pour |des |sur )?"
    r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|matin|soir|\d+)|a \d+|la semaine)\b)",
    # « vous pouvez me basculer vers la comptabilité ? »
    r"\b(me|nous) (basculer|basculez|transferer|transferez) vers\b",
    r"\bmettre en relation\b|\ben relation avec\b",
    # Someone named by a pronoun: « vous pouvez me la passer ? », « passez-le-moi ».
    r"\b(me|nous) (le|la|les|l) (passer|passez|passerez|passeriez)\b",
    r"\bpassez (le|la|les) (moi|nous)\b",
    r"\bpas (a )?un (robot|automate|ordinateur)\b|\barrete (le|ton) robot\b",
)
PUT_THROUGH = _rx(*_PUT_THROUGH)

HUMAN = _rx(
    *_PUT_THROUGH,
    # « il faut que je parle à quelqu'un de l'étude »: the subjunctive asks the same
    r"\b(parler|parle|parlions|discuter|discute|avoir)\b.{0,12}\b(a|au|avec) (un|une|quelqu un|le|la|l|votre|vos|"
    r"des|du)?\s?(vrai|vraie)?\s?(humain|personne|conseill\w*|secretaire|docteur|medecin|"
    r"dentiste|responsable|chef|patron\w*|garagiste|mecanicien|coiffeu\w*|quelqu un|standard|"
    r"operat\w*|gerant\w*|equipe|accueil|employe|agent|vrai)\b",
    # Talking it over with someone: « je préfère en parler directement avec l'opticienne ».
    r"\ben (parler|discuter) (directement |plutot |de vive voix )?(a|au|aux|avec) "
    r"(quelqu un|un|une|le|la|l|les|votre|vos)\b",
    r"\b(je veux|je voudrais|je voulais|je souhaite|je souhaitais) parler\b",
    # Asking to speak to someone, whoever they are: « est-ce que je peux parler à la
    # perceuse ? », « je pourrais parler au notaire ? ».
    r"\b(je peux|je pourrais|puis je|pourrais je|est ce que je peux|j aimerais|il faut que je)"
    r" parler (a|au|avec) (le|la|l|un|une|votre|vos|quelqu un)\b",
    # Someone of the business asked to speak or to come now: « quelqu'un du cabinet peut
    # descendre ou me parler là tout de suite ? ».
    r"\bquelqu un (\w+ ){0,3}(peut|pourrait|pourra) (\w+ ){0,4}(me|nous) (parler|rappeler"
    r"|aider)\b",
)

CANCEL = _rx(
    # The verbs of cancelling (« annuler », « décommander », « se désister »).
    r"\b(annul\w*|decommand\w*|desist\w*)\b",
    # Removing the booking: « supprimer mon rdv », « vous pouvez l'enlever ».
    r"\b(supprim\w*|retir\w*|enlev\w*|effac\w*) (mon|le|ma) " + _APPT,
    r"\b(supprim\w*|retir\w*|enlev\w*|effac\w*) (mon|ma|mes) " + _HELD + r"\b",
    # ... or the one of a day: « il faut enlever la révision de mercredi »
    # (« retirer la commande de jeudi » also collects it)
    r"\b(supprim\w*|enlev\w*|effac\w*) (le|la|l|les) \w+(?: de \w+)? (de|du|d) "
    r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|\d{1,2})\b",
    # The booking of someone close: « supprimer une séance de mon fils », « enlever son rdv ».
    r"\b(supprim\w*|retir\w*|enlev\w*|effac\w*|annul\w*) (une|la|cette|sa|son|leur) "
    + _APPT
    + r"\b(?! (de|d) (plus|trop)\b)",
    r"\b(pouvez|pourriez|pourrez|peux|pouvez vous|pourriez vous|merci de) (l|le|la|me l) "
    r"(enlever|retirer|supprimer|effacer)\b",
    # The booking no longer needed: « mon rdv pour la réparation ne sert plus à rien », « je
    # n'ai plus besoin de mon rendez-vous ».
    r"\b(mon|ma|le|la|notre|ce) " + _APPT + r"\b.{0,60}\b(ne sert (plus|a rien)|sert plus a rien"
    r"|n est plus (utile|necessaire|la peine)|est plus (utile|necessaire)|n a plus (lieu d etre"
    r"|de raison d etre)|est (devenu )?inutile)\b",
    r"\b(plus|pas) besoin (de|du) (mon |ma |ce |cette |le |la )?" + _APPT + r"\b",
    # « je n'ai plus besoin de venir mercredi », « du coup plus besoin de venir jeudi » (not
    # « en plus, besoin de venir avec le carnet ? », « de plus… »: moreover; nor « avec la
    # téléconsultation, plus besoin de venir sur place ? »: what a service spares)
    r"(?<!\ben )(?<!\bde )\bplus besoin de (venir|passer|me deplacer|nous deplacer|se deplacer)\b"
    r"(?! (au cabinet|a l atelier|a l agence|au magasin|au garage|a l ecole|chez vous|sur place"
    r"|en personne)\b)",
    # the one held, named with its article: « supprimer l'essayage prévu jeudi », « vous pouvez
    # retirer le passage prévu pour l'estimation »
    r"\b(supprim\w*|annul\w*|effac\w*|retir\w*|enlev\w*) (le|la|l) "
    + _HELD
    + r"\b(?! (de|d) (plus|trop)\b)",
    # Giving the booking up: « je laisse tomber le rendez-vous de mardi », « je renonce à la
    # séance », « rayer mon nom », « libérer mon créneau », « mon rendez-vous, on oublie ».
    r"\b(laisse[rz]? tomber|renonce[rz]? a|renoncer au|renonce au) (mon |ma |le |la |l |au |a la "
    r"|ce |cette )?" + _HELD + r"\b",
    r"\b(rayer|rayez|barrer|barrez|retirer|retirez) (mon nom|mon inscription)\b",
    # « vous pouvez rayer mon rendez-vous de jeudi ? »: struck off the diary
    r"\b(rayer|rayez|barrer|barrez) (mon|ma|le|la|l) " + _HELD + r"\b",
    r"\b(liberer|liberez|libere) (mon|ma|le|la) (creneau|place|rendez vous|rdv|horaire)\b",
    r"\b(mon|ma|le|la) " + _APPT + r"\b.{0,30}\b(on oublie|oubliez le|oubliez la|oubliez)\b",
)

# Not coming, with or without « ne » (spoken French drops it): « je viendrai pas ». An explicit
# move (« je ne pourrai pas venir mardi, on peut décaler ? ») wins over it.
CANCEL_ABSENCE = _rx(
    r"\b(ne pourrai|ne pourrais|ne peux|peux|pourrai|pourrais|pourra) (plus |pas )"
    r"(venir|passer|etre la|me deplacer|y aller|honorer)\b",
    # the near future: « je vais pas pouvoir venir à mon détartrage »
    r"\b(vais|va|allons|vont) (pas|plus) pouvoir (venir|passer|etre la|me deplacer|y aller"
    r"|honorer)\b(?! (avant|apres|dispo|seule?s?|toute? seule?s?|tout seuls?)\b)",
    r"\bje (ne |n )?(viendrai|viendrais|passerai) (pas|plus)\b(?! (avant|apres|dispo))",
    # the same for several: « finalement on ne viendra pas samedi », « nous ne viendrons pas »
    r"\b(on|nous|ils|elles|il|elle) (ne |n )?(viendra|viendrons|viendront|passera|passerons"
    r"|passeront) (pas|plus)\b(?! (avant|apres|dispo))",
    # « je ne serai pas là » is an absence; « je ne serai pas à l'heure / pile » is lateness.
    r"\bje (ne |n )?(serai|serais) (pas|plus) (la|present\w*)\b",
    r"\b(un|des) (empechement|imprevu|contretemps)\b",
)

# Another time asked of the business (« vous auriez mercredi ? », « plutôt vendredi »).
ANOTHER_TIME_ASKED = _rx(
    r"\b(vous auriez|auriez vous|vous avez|avez vous|vous aurez) (\w+ ){0,2}?(lundi"
    r"|mardi|mercredi|jeudi|vendredi|samedi|demain|le \d|un autre|une autre|autre chose"
    r"|de la place|un creneau|une place|plus tard|plus tot|la semaine)\b",
    r"\bplutot (le |un |une |en |a |vers )?(lundi|mardi|mercredi|jeudi|vendredi|samedi|demain"
    r"|matin|apres midi|aprem|soir|\d)",
)

MODIFY = _rx(
    # The verbs of moving a booking; « avancer », « reculer », « bouger » need an object.
    # Reflexive « se déplacer » is getting about (« elle se déplace en fauteuil »), not a move,
    # unless the booking is named (« vous pouvez me déplacer mon rdv »).
    r"(?<!\bse )(?<!\bme )(?<!\bte )(?<!\bnous )(?<!\bvous )"
    r"\b(deplacer|deplace|decaler|decale|reporter|reporte|repousser|repousse|modifier|modifie)\b",
    r"\b(me|nous) (deplacer|decaler|reporter|modifier)\b.{0,12}\b(mon|ma|le|la|notre)\b.{0,6}\b"
    + _APPT,
    r"\b(bouger|reculer|avancer|retarder)\b.{0,12}\b(mon|ma|le|la|notre)\b.{0,6}\b" + _APPT,
    r"\b(bouger|reculer|avancer|retarder|deplacer|decaler)\b.{0,12}\b(mon|ma|mes)\b .{0,6}\b"
    + _HELD
    + r"\b",
    # A pronoun standing for the booking (« on peut le bouger ? », « le mettre un mardi »).
    # (« la remettre en état », « le remettre en route » repair it)
    r"\b(le|la|l) (bouger|avancer|reculer|retarder|remettre)\b"
    r"(?! (en (etat|place|route|marche|forme|ordre|service|couleur)|a neuf|d aplomb|droit))",
    # « le passer à un mercredi »: the same, to a day
    r"\b(le|la|l) (mettre|caler|passer) (plutot|un autre|une autre|a un autre|a une autre"
    r"|(a )?un (lundi|mardi|mercredi|jeudi|vendredi|samedi)|(a )?le (lundi|mardi|mercredi|jeudi"
    r"|vendredi|samedi|\d)|au (lundi|mardi|mercredi|jeudi|vendredi|samedi)"
    r"|(a )?(lundi|mardi|mercredi|jeudi|vendredi|samedi)|a \d|demain|la semaine|ailleurs"
    r"|autre part|a un autre moment)\b",
    # The held booking put to another day: « mettre l'entretien du cargo un mardi »,
    # « passer ma séance à un autre jour ».
    # (« passer le contrôle technique mardi », « passer l'examen jeudi » take one: « passer »
    # moves only a booking named as one, or one's own)
    r"\b(mettre|caler|remettre|bouger|decaler|deplacer) (le|la|l|les|mon|ma|mes) "
    + _HELD
    + r"\b( (du|de la|de l|des|de|d) \w+| \w+)? "
    + _TO_ANOTHER_DAY
    + r"\b",
    r"\bpasser ((le|la|l|les) "
    + _APPT
    + r"|(mon|ma|mes|notre|nos) "
    + _HELD
    + r")\b( (du|de la|de l|des|de|d) \w+| \w+)? "
    + _TO_ANOTHER_DAY
    + r"\b",
    # « finalement », another day: the day planned no longer suits (« jeudi finalement j'ai un
    # déménagement, je peux vous amener le vélo un autre jour ? »)
    r"\bfinalement\b.{0,80}\b(un autre (jour|moment|creneau)|une autre (date|heure|semaine))\b",
    r"\b(un autre (jour|moment|creneau)|une autre (date|heure|semaine))\b.{0,40}\bfinalement\b",
    # The day held kept, another hour asked: « je garde mon jeudi mais ce serait mieux plus
    # tard », « on garde le mardi, juste plus tôt ».
    KEEPS_THE_DAY + r".{0,60}"
    r"\b(plus tard|plus tot|une autre heure|un autre horaire|l heure|l horaire)\b",
    # Switched to another time: « vous pourriez me basculer sur un samedi ? », « basculer mon
    # rendez-vous à jeudi ».
    r"\b(me|nous|le|la|l) (basculer|bascule|basculez)\b(?! vers\b)",
    r"\b(basculer|bascule|basculez) (mon|ma|le|la|l|notre) " + _HELD + r"\b",
    # Planning again: « reprogrammer ma séance », « replanifier », « intervertir avec un autre
    # jour ».
    r"\b(reprogramm\w*|replanifi\w*|intervertir|interverti)\b",
    # Earlier or later than planned: « venir plus tôt que prévu »; another hour than the one
    # held (« à 17h plutôt qu'à 10h »); later for the booking held (« vous auriez plus tard
    # pour mon rendez-vous de demain ? »).
    r"\b(venir|passer|vous voir) (un peu |bien )?(plus tot|plus tard) (que prevu|que ce qui"
    r" etait prevu)\b",
    r"\bplutot qu (a|au) \d{1,2} ?h?\b",
    r"\b(plus tot|plus tard|un autre (jour|moment|horaire|creneau)|une autre (heure|date))\b"
    r".{0,40}\bpour (mon|ma|notre) " + _HELD + r"\b",
    r"\b(changer|change) de (jour|date|heure|horaire|creneau)\b",
    r"\b(changer|change|avancer|avance)\b.{0,20}\b(" + _APPT[1:-1] + r"|date|heure|horaire|jour)\b",
    # « changer » needs the booking nearby: « le pneu, il faut le changer » is a repair.
    r"\b(mon|ma|le|la) " + _APPT + r"\b.{0,60}\b(le|la|l) (changer|modifier)\b",
    r"\b(trouver|avoir|prendre) un autre (" + _APPT[1:-1] + r"|horaire|jour|moment)\b",
    # « finalement le mardi ça ne va pas, vous auriez un vendredi ? »: the day held no longer
    # suits, and another is asked.
    r"\bfinalement\b.{0,30}\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|demain|le \d{1,2})\b"
    r".{0,20}\b(ca|ce|cela) (ne )?(me |nous )?(va|convient|arrange) (pas|plus)\b.{0,60}"
    r"\b(vous auriez|vous avez|auriez vous|avez vous|c est possible|plutot|un autre|une autre)\b",
    # A booking held, said as planned (« mon flash est prévu mercredi », « j'ai un piercing
    # prévu mercredi »), then a change (« on peut changer ? », « on peut le passer un matin ? »).
    r"\b(prevue?s?|programmee?s?|calee?s?)\b.{0,80}\b(changer|modifier|decaler|deplacer|bouger"
    r"|avancer|reculer|reporter|(le|la|l) (mettre|passer|faire))\b",
    # The same, said as had: « j'ai rendez-vous mardi après-midi mais j'ai une réunion, on
    # peut le passer un matin ? ».
    r"\bj ai (un |une |deja un |deja une )?(rdv|rendez vous|rendezvous|rv|seance|consultation)\b"
    r".{0,80}\b(changer|modifier|decaler|deplacer|bouger|avancer|reculer|reporter"
    r"|(le|la|l) (mettre|passer|faire|caler))\b",
    # ... then another time asked of the business (« j'ai rendez-vous jeudi matin mais je
    # travaille, vous auriez plutôt le soir ? »); not one held elsewhere (« chez le médecin »)
    r"\bj ai (un |une |deja un |deja une )?(rdv|rendez vous|rendezvous|rv|seance|consultation)\b"
    r"(?!(?: \w+){0,3} (chez|avec|a l hopital|au travail|ailleurs)\b)"
    r".{0,80}\b(vous auriez|vous avez|auriez vous|avez vous|vous aurez) (plutot|autre chose"
    r"|un autre|une autre|d autres)\b",
    # ... or another time wished « plutôt » (« j'ai rdv jeudi matin, ce serait possible de
    # passer l'après-midi plutôt ? »); not a booking asked around one held elsewhere (« je
    # voudrais une coupe, j'ai un rendez-vous médical mardi, donc plutôt l'après-midi »)
    r"^(?!.*\b(prendre (un )?(rdv|rendez vous)|je voudrais (un|une)|j aimerais (un|une)"
    r"|reserver)\b)"
    r".*\bj ai (un |une |deja un |deja une )?(rdv|rendez vous|rendezvous|rv|seance|consultation)\b"
    r"(?!(?: \w+){0,3} (chez|avec|a l hopital|au travail|ailleurs|autre part|medical|medicale"
    r"|pro|professionnel|perso|de kine|a la banque|a la mairie|a la prefecture)\b)"
    r".{0,80}\b(plutot (\w+ ){0,2}(le |l |la |un |une |en |a |vers )?"
    + _TIME_WORD
    + r"|"
    + _TIME_WORD
    + r" plutot)\b",
)

# The booking, or a thing held named by its day (« mon remplissage de samedi »), that no longer
# suits: a move, unless the caller also says they will not come (« je ne pourrai pas venir à
# mon contrôle de mardi, une réunion tombe pile à la même heure » cancels).
NO_LONGER_SUITS = _rx(
    r"\b(mon|le) " + _APPT + r"\b.{0,25}" + _NO_LONGER_SUITS,
    r"\b(mon|ma) \w+(?: de \w+)? (de|du|d) (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|demain|\d{1,2})\b.{0,25}" + _NO_LONGER_SUITS,
)

# Asking to be seen: « vous pouvez me prendre demain ? », « pourriez-vous nous recevoir »; a
# request, even asked with « est-ce que vous… ».
_SEE_ME = (
    # (« qui peut me recevoir ? » asks who)
    r"(?<!\bqui )\b(pouvez|pourriez|pourrez|pourrais|peux|pourrait|peut|possible de) (vous )?"
    r"(me|nous) "
    r"(prendre|recevoir|caser|inscrire|voir|glisser)\b"
    # (« vous pouvez m'accompagner dans mon projet ? », « me conseiller »: the business asked;
    # not « il peut m'accompagner ? »)
    r"|\b(vous pouvez|vous pourriez|pouvez vous|pourriez vous) (me|nous|m) (accompagner"
    r"|conseiller|guider)\b"
    # someone who could see me (« il y a quelqu'un qui peut me recevoir demain ? »): the relative
    # « qui », not the question « qui peut me recevoir ? »
    r"|\b(quelqu un|un \w+|une \w+) qui (peut|pourrait|pourra|puisse) (me|nous) (prendre|recevoir"
    r"|voir|caser)\b"
)
BOOKING_STRONG = _rx(
    # An appointment named as one to have; « le jour du rendez-vous », « mon rdv », « vous
    # donnez des rendez-vous le samedi ? » refer to one.
    # « pendant la séance », « à la consultation », « chaque séance » refer to one too.
    r"(?<!\ble )(?<!\bdu )(?<!\bau )(?<!\bles )(?<!\bdes )(?<!\bce )(?<!\bcet )(?<!\bcette )"
    r"(?<!\bmon )(?<!\bma )(?<!\bvotre )(?<!\bson )(?<!\bsa )(?<!\bla )(?<!\bl )(?<!\bchaque )"
    r"(?<!\bnotre )(?<!\bvos )(?<!\bnos )(?<!\bleur )"
    # (the first, the next, the last one, named with its article, is one spoken of: « le tout
    # premier rendez-vous, je dois sortir la carte bleue ? »)
    r"(?<!\ble premier )(?<!\btout premier )(?<!\bau premier )(?<!\bdu premier )"
    r"(?<!\ble prochain )(?<!\bau prochain )(?<!\bdu prochain )(?<!\ble dernier )"
    r"(?<!\bau dernier )(?<!\bdu dernier )\b" + _APPT + r"\b",
    # ... unless asked for as the first one free: « donnez-moi le premier rendez-vous disponible »
    r"\b(le|au) (tout )?(premier|prochain) " + _APPT + r"( \w+)? (disponible|dispo|de libre|libre"
    r"|possible)\b",
    # Room to park is not room in the diary: « de la place pour se mettre devant ».
    # (« des places réservées pour les clients »: a thing set aside, not a booking)
    r"\b((?!reservees?\b|reserves\b|reserve (a|aux|au)\b)reserv\w*|disponibilit\w*|de la place"
    r"|une place|un trou"
    r"|dispo)\b"
    r"(?! pour (se |me |nous |vous )?(garer|stationner|mettre|poser|la voiture|ma voiture))",
    # Coming to the business; not « passer par le standard », nor the business coming to
    # the home (« l'opticien peut venir chez nous », « passer à la maison »).
    # « vous pourriez venir lui couper les ongles » is the business coming to the home;
    # « pour venir », « avant de passer » say why or when one comes, not that one asks to;
    # « plutôt que de venir », « au lieu de passer », « sans venir » say one would not.
    # After a subjunctive « puisse » the coming is a purpose (« pour que je puisse venir »).
    r"(?<!\bpour )(?<!\bavant de )(?<!\bplutot que de )(?<!\bau lieu de )(?<!\bsans )"
    r"(?<!\bpuisse )(?<!\bpuissions )(?<!\bpuissent )(?<!\bvous pouvez )(?<!\bvous pourriez )"
    # « si j'oublie de venir »: not coming
    r"(?<!\boublie de )(?<!\boublier de )(?<!\boublies de )"
    r"(?<!\bvous pourrez )(?<!\bvous pourriez pas )(?<!\bvous pouvez pas )"
    # « ça va passer ? »: will it do (« je vais avoir 10 min de retard, ça va passer ? »)
    r"(?<!\bca va )(?<!\bca peut )(?<!\bca devrait )(?<!\bca pourrait )\b"
    rf"{_VISIT_VERB}\b(?! {_DETERMINER}\b)(?! par\b)"
    # how one comes, not that one asks to: « je peux venir à pied ou c'est trop loin »
    r"(?! (a pied|a velo|en (voiture|bus|car|train|tram|tramway|metro|velo|taxi|fauteuil|moto"
    r"|scooter|trottinette|transports?(?: en commun)?))\b)"
    r"(?! chez (moi|nous|lui|elle|eux|les gens)\b)(?! a (la maison|domicile)\b)",
    r"\bprendre (un |une )?(rdv|rendez vous|rendezvous|rv)\b",
    # Setting a date is booking one: « on peut fixer la date de signature ? », « caler une
    # heure », « trouver un jour », « prendre date ».
    # (« qu'on fixe le dernier passage avec l'agence »: a visit to set)
    r"\b(fixer|fixe|fixions|caler|cale|calions|programmer|planifier|convenir d|trouver|prendre)"
    r" (une |la |un |l |le )?(dernier |derniere |premier |premiere |prochain |prochaine )?"
    r"(date|heure|horaire|jour|passage|visite|creneau)\b",
    _SEE_ME,
    # Asking to meet: « pourrions-nous vous rencontrer ? », « je voudrais passer vous voir ».
    r"\b(pourrions nous|pourrait on|peut on|on peut|on pourrait|je peux|je pourrais|nous pourrions"
    r"|est ce qu on peut|est il possible de|serait il possible de|possible de|voudrais|voudrions"
    r"|aimerais|aimerions|souhaiterais|souhaiterions) (vous )?(rencontrer|passer vous voir"
    r"|venir vous voir|vous rencontrer|vous voir)\b",
    # A service named and asked for politely: « une coupe homme svp ».
    r"\b(un|une|des|deux|trois) \w+.{0,40}\b(svp|s il vous plait|s il te plait|stp)\b",
)

# The business fetching and bringing back (« vous pouvez venir le chercher et le ramener », « c'est
# combien pour que vous veniez le prendre et le déposer après »): the second verb shares the
# first one's subject, the business, so neither is the caller coming.
BUSINESS_ROUND_TRIP = re.compile(
    r"\b(?:vous|quelqu un(?: de chez vous)?) (?:\w+ ){0,2}?(?:venir|veniez|venez|viendriez"
    r"|viendrez|passer|passiez|passez)\b(?: \w+){1,6}? et (?:(?:le|la|les|l|me|m|nous|lui) ){0,2}"
    r"(?:ramener|redeposer|deposer|raccompagner|rapporter|ramenez|rameniez)\b"
)


def _without_round_trip(folded: str) -> str:
    return BUSINESS_ROUND_TRIP.sub(" _ ", folded)


# A need stated without asking for anything (« je me suis cassé une dent », « mon chien boite
# depuis hier », « mes lunettes sont cassées »): a reason to come, i.e. a booking.
NEED = _rx(
    # Seeing or visiting a thing offered (« la maison avec jardin, je peux la voir ? », « on
    # voudrait la visiter », « il me plairait de le découvrir »): a visit to book. A need, not
    # a firm request: an FAQ entry on such visits still answers first (« mon chien est resté
    # chez vous cette nuit, je peux passer le voir ? »).
    r"\b(je|on|nous) (peux|peut|pourrais|pourrait|pourrions|voudrais|voudrait|voudrions"
    r"|aimerais|aimerait|aimerions|souhaite|souhaiterais|souhaiterait) (\w+ )?(le|la|les|l)"
    r" (voir|visiter|decouvrir|essayer)\b",
    r"\b(me|nous) plairait (\w+ )?(de|d) (le|la|les|l) (voir|visiter|decouvrir|essayer)\b",
    # Calling about a thing: « j'appelle pour l'appartement à louer rue de Strasbourg », « je
    # vous contacte pour la maison référence V1234 » (not « pour savoir », nor about the
    # booking held: « j'appelle pour mon rendez-vous »)
    r"\b(j appelle|je vous appelle|je vous contacte|je vous ecris|je me permets de vous appeler)"
    r" (au sujet de |a propos de |pour |concernant )(?!(mon|ma|le|la|l|votre) (rdv|rendez vous"
    r"|rendezvous|reservation|commande|facture)\b)(le|la|l|les|un|une|votre|vos|ce|cette)"
    r" (?!(petite |simple |courte |seule )?(question|renseignement|information|info|precision"
    r"|reclamation|plainte|avis)s?\b)\w+",
    # A thing entrusted: « c'est décidé, je vous le confie », « vous confier la vente »
    r"\b(je|on|nous) vous (le|la|les|l) (confie|confions)\b|\bvous confier (mon|ma|mes|la|le"
    r"|l|notre|nos)\b",
    # The job asked of the business on a thing of mine named by a pronoun: « vitre fendue,
    # vous pouvez la remplacer ? », « vous pourriez me le réparer ? » (not « vous réparez les
    # écrans ? », what the business does; not « vous pouvez le réparer en combien de temps ? »).
    # A need, not a firm request: an FAQ entry about that job still answers first.
    r"\b(vous pouvez|vous pourriez|pouvez vous|pourriez vous|vous pourrez|vous sauriez|sauriez vous)"
    # (not checking: « mon rendez-vous, vous pouvez le vérifier ? »)
    r" (me |nous |lui |leur )?(le|la|les|l) (reparer|remplacer|changer|nettoyer|reprendre"
    r"|recoudre|retoucher|raccourcir|monter|installer|regler|reviser|debloquer"
    r"|depanner|ajuster|soigner|examiner|ausculter|vacciner|tailler|couper|refaire|redresser"
    r"|recharger|desinfecter)\b"
    r"(?!.*\b(combien|quand|comment|quel|quelle|quels|quelles|prix|tarifs?|delais?|duree)\b)",
    # First person with a problem: « j'ai mal au dos », « j'ai un souci avec ma boîte ».
    # (not said as a case to come: « si j'ai un souci », « au cas où j'aurais mal »)
    # The same of a relative or a household: « elle a de la fièvre », « on a un dégât des eaux ».
    # (nor a case in general: « quand on a mal au dos »)
    r"(?<!\bsi )(?<!\bsi jamais )(?<!\bau cas ou )(?<!\ben cas ou )(?<!\bquand )(?<!\blorsqu )"
    r"(?<!\blorsque )(?<!\bs )"
    r"\b(j ai|il a|elle a|on a|nous avons|ils ont|elles ont) (encore |toujours |souvent |tres "
    r"|trop |vraiment |de nouveau )?(mal|de la (fievre|temperature|toux)|un (probleme|souci|bruit"
    r"|bouton|truc|degat|sinistre|pepin|accident|rhume|abces|orgelet|kyste)|une (douleur|gene"
    r"|fuite|panne|infection|carie|rage|irritation|demangeaison|otite|angine|grippe|bronchite"
    r"|conjonctivite|cystite|gastro|entorse|fracture|plaie|brulure|piqure|morsure|crise)"
    r"|des (douleurs|problemes|soucis|vertiges|migraines|tensions|crampes|raideurs|courbatures"
    r"|fourmillements|maux|taches|boutons|plaques|rougeurs|demangeaisons|verrues|aphtes|caries"
    r"|saignements|nausees|palpitations|insomnies|acouphenes|poux|puces|tiques|vers))\b",
    # A thing of mine in a state, said with « avoir »: « j'ai un rétroviseur cassé », « j'ai
    # mon pneu à plat ».
    r"(?<!\bsi )\b(j ai|on a|il a|elle a) (un|une|des|mon|ma|mes|son|sa|ses|notre|nos) \w+"
    r"( \w+)? (casse|abime|fele|creve|raye|tordu|fendu|a plat|dechire|perce|bloque|en panne"
    r"|decolle|desserre|voile|use|fissure|tache|plie)(e|s|es)?\b",
    # Something too long, too wide, too tight…: « elle est beaucoup trop longue », « j'ai une robe
    # trop large à la taille », « les manches sont trop longues ».
    r"\b(il|elle|ils|elles|(mon|ma|mes|son|sa|ses|le|la|les|l|notre|nos) \w+( \w+)?) (est|sont)"
    r" (beaucoup |un peu |bien |vraiment |devenue?s? |encore )?trop (longue?|courte?|large|grande?"
    r"|petite?|serree?|etroite?|ample|juste|lache)s?\b",
    # ... or said by the excess: « ils font tous dix bons centimètres de trop », « il traîne
    # par terre », « la robe bâille au décolleté »
    r"\b(\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt) (bons? |bonnes? )?"
    r"(cm|centimetres?|millimetres?|mm|doigts?|tailles?|pointures?)( \w+)? (de trop|en trop)\b",
    r"\b(traine|trainent) (par terre|au sol|sur le sol)\b",
    # ... or that hangs badly on the body: « elle tombe mal sur les hanches » (not « ça tombe
    # mal », a bad time)
    r"(?<!\bca )(?<!\bcela )\b(tombe|tombent) (mal|bizarrement|de travers|pas bien)( \w+){0,2}"
    r" (sur|au niveau des?|au niveau du|au niveau de la|aux|a la|au) (les |la |le |l )?(hanches?"
    r"|epaules?|fesses|taille|dos|ventre|poitrine|jambes?|bras|cou|genoux|chevilles|moi|elle"
    r"|lui)\b",
    r"\b(baille|baillent|gode|godent)\b",
    r"\b(j ai|on a) (un|une|des|mon|ma|mes) \w+( \w+)? (beaucoup |un peu |bien )?trop (longue?"
    r"|courte?|large|grande?|petite?|serree?|etroite?|ample|juste)s?\b",
    # A part of a thing of mine in a state, at the start: « les manches de mon costume me tombent
    # jusqu'aux doigts », « la fermeture de mon blouson a lâché ».
    # (« la couture de l'épaule de ma veste s'ouvre sur cinq centimètres »: a reflexive verb)
    _OPENING + r"(le|la|les|l) \w+( \w+){0,3}? (de|du|des|d) (mon|ma|mes|notre|nos) \w+( \w+){0,5}?"
    r" (est|sont|a|ont|fait|font|n \w+|ne \w+|me \w+|m \w+|s \w+|se \w+"
    r"|(?!(de|que|qui|ce|une|le|la|se|te)\b)\w+ent)\b",
    # A malfunction stated, whatever the subject: « le voyant moteur s'est allumé », « le robinet
    # goutte », « il ne démarre plus », « la porte est bloquée » (a question about such a thing
    # is still read as one).
    r"\b(s est|se sont) (allume|eteint|casse|bloque|coince|decolle|detache|arrache|fendu"
    r"|fissure|dechire|raye|tordu|abime|bouche|grippe|desserre|voile|mis a (fuir|clignoter"
    r"|grincer|couler|saigner|gonfler))(e|s|es)?\b",
    r"(?<!\bqui )(?<!\bqu )(?<!\bqui ne )(?<!\bqui n )\b(ne |n )?(marche|marchent|fonctionne|fonctionnent|demarre|demarrent"
    r"|s allume|s allument|charge|chargent|tient|tiennent|ferme|ferment|s ouvre|s ouvrent"
    r"|s eteint|capte|captent|chauffe|chauffent|freine|freinent|tourne|tournent) plus\b"
    # (not a comparison: « le magasin ferme plus tôt le samedi ? », « ça marche plus vite »)
    r"(?! (tot|tard|vite|longtemps|souvent|loin|que|qu|de|d|cher|bas|haut|fort|lentement)\b)",
    r"(?<!\bqui )(?<!\bqu )(?<!\bla )(?<!\bune )\b(fuit|goutte|gouttent|grince|grincent|clignote"
    r"|clignotent|deraille|surchauffe|surchauffent)\b(?! (pas|plus)\b)",
    r"\b(est|sont) (en panne|a plat|hors service|bouchee?s?)\b",
    # A device misbehaving, said of it: « mon pc plante », « deux de nos postes redémarrent sans
    # prévenir », « il s'éteint tout seul », « ma tablette bugue », « l'écran se fige ».
    r"\b(il|elle|ils|elles|(mon|ma|mes|notre|nos|son|sa|ses|le|la|les|l) \w+( \w+)?)"
    r" (plante|plantent|bugue|buguent|beugue|beuguent|freeze|freezent|crashe|crashent"
    r"|se fige|se figent|se bloque|se bloquent|rame|rament)\b",
    r"\b(redemarre|redemarrent|s eteint|s eteignent|s allume|s allument|se ferme|se ferment"
    r"|se coupe|se coupent|se deconnecte|se deconnectent|redescend|redescendent|descend"
    r"|descendent|glisse|glissent|se defait|se defont|se detache|se detachent|s ouvre|s ouvrent"
    r"|se decoud|se decousent|clignote|clignotent)"
    r" (tout seul|toute seule|tous seuls"
    r"|toutes seules|seule?s?|sans prevenir|sans raison|en boucle|d un coup|n importe quand"
    r"|sans arret|tout le temps)\b",
    # Broken for good, said familiarly: « il est HS », « mon écran est foutu », « il est
    # complètement mort » (« mort » intensified is said of a thing). Not of oneself or of a
    # situation: « on est naze ce soir », « c'est fichu pour jeudi », « morts de rire ».
    r"(?<!\bc )(?<!\bon )\b(est|sont) (completement |totalement |carrement |definitivement "
    r"|vraiment )?(hs|foutue?s?|fichue?s?|nazes?|grillee?s?)\b(?! pour\b)",
    r"(?<!\bc )(?<!\bon )\b(est|sont) (completement|totalement|carrement|definitivement)"
    r" morte?s?\b(?! de\b)",
    # Trouble doing something: « ma grand-mère a du mal à marcher », « j'ai de plus en plus de
    # mal à lire ».
    r"(?<!\bsi )(?<!\bquand )\b(j ai|il a|elle a|on a|ils ont|elles ont|(mon|ma|mes|notre|nos)"
    r" \w+( \w+)? (a|ont)|qui (a|ont)) (du|de plus en plus de|beaucoup de|un peu de|tellement de)"
    r" mal a \w+",
    # A service overdue: « ça fait longtemps que je n'ai pas fait contrôler ma vue ».
    r"\b(je n ai|j ai|on n a|nous n avons) (pas|plus|jamais) (fait )?(controler|verifier|reviser"
    r"|detartrer|vacciner|entretenir|examiner|couper|tailler|toiletter|soigner|fait de (controle"
    r"|revision|bilan|vaccin|detartrage|entretien))\b",
    # Someone needing a service: « mon mari a besoin d'une prise de sang ».
    r"\b(il|elle|on|ils|elles|(mon|ma|mes|notre|nos) \w+( \w+)?) (a|ont|aurait|auraient)"
    r" besoin (d|de|du|des)\b",
    # A job to have done: « j'ai un devis à faire », « je dois renouveler mes lunettes ».
    r"\bj ai (un|une|des|mon|ma|mes) \w+( \w+){0,3}? a faire\b",
    r"\b(je dois|je devrais|il faut que je|il faudrait que je|on doit) (renouveler|refaire"
    r"|remplacer|reparer|faire reparer|faire changer|faire controler|faire verifier|faire"
    r" regarder) (mon|ma|mes|notre|nos|son|sa|ses|le|la|les|l) \w+",
    # A reminder received: « on a reçu votre courrier pour le contrôle annuel ».
    r"\b(j ai|on a|nous avons) (bien )?recu (votre|un|une|le|la|mon|ma) (courrier|message|sms"
    r"|rappel|mail|lettre|convocation|relance) (pour|de rappel|concernant|au sujet|disant"
    r"|me disant|qui dit|me rappelant|nous rappelant)\b",
    # An injury or an ailment named (« entorse de la cheville au foot », « un lumbago depuis
    # hier »): a reason to come, as a need.
    r"^(bonjour |bonsoir |salut |allo |oui |euh |alors )*(un |une |j ai un |j ai une )?"
    r"(entorse|fracture|foulure|tendinite|lumbago|sciatique|torticolis|hernie|claquage"
    r"|elongation|contracture|luxation|blessure|migraine|cervicalgie|lombalgie)\b",
    # Something broken or lost, by me or by the one the booking is for: « j'ai cassé mes
    # lunettes », « il a encore perdu ses lunettes », « ma fille a tordu sa monture ».
    r"\b(j ai|il a|elle a|on a|(mon|ma) \w+ a) (encore |deja |aussi )?(casse|perdu|abime|raye"
    r"|tordu|fait tomber|crame|creve)\b",
    # A professional's instruction, reported: « l'ophtalmo a dit que ma fille devait porter
    # des lunettes », « le médecin m'a prescrit de faire des séances ».
    # (a pronoun may come before the verb: « le neurologue m'a dit de vous contacter »)
    r"\b(m |nous |lui |leur )?(a|ont) (dit|conseille|demande|prescrit|recommande)e?s? "
    r"(de ((vous|me|m|nous|le|la|les|lui|leur|l|y|en|s) ){0,2}\w+(er|ir|re)|d \w+(er|ir|re)"
    r"|qu?e? ?(\w+ ){1,3}(devais|devait|devions|deviez|devaient"
    r"|dois|doit|fallait|faut|faudrait|pouvais|pouvait|pourrais|pourrait))\b",
    # A care prescribed, or a prescription made for it: « l'ORL m'a prescrit de l'orthophonie »,
    # « le chirurgien m'a fait une ordonnance pour de la kiné », « j'ai une ordonnance pour ».
    # (a care, not a product: « il m'a prescrit un shampoing » asks nothing of the business)
    r"\b(m |nous |lui |leur )?(a|ont) (prescrit|ordonne)e?s? (de l |de la |du |des |une |un "
    r"|quelques )(\w+ )?(seances?|reeducation|kine\w*|bilans?|soins?|examens?|suivi|therapie"
    r"|\w+therapie|orthophonie|orthoptie|osteo\w*|podolog\w*|psychomotricite|semelles|lunettes"
    r"|lentilles|vaccins?|analyses?|radio\w*|echographie|consultations?|controles?)\b",
    r"\b(m |nous |lui |leur )?(a|ont) (fait|donne|redige|envoye)e?s? (une|un|l|la|le) "
    r"(ordonnance|prescription|ordo|courrier|lettre)\b",
    r"\bj ai (une|un|l|mon|ma) (ordonnance|prescription|ordo)\b(?! (est|a|expire))",
    # Care to take up, as a duty: « ma fille doit reprendre ses séances », « je dois faire un
    # bilan », « il devrait commencer une rééducation ».
    r"\b(dois|doit|devons|devez|doivent|devrait|devrais|devrions|devraient) (re)?(prendre"
    r"|commencer|continuer|poursuivre|faire|refaire|suivre) (ses|mes|des|les|sa|son|ma|mon|un"
    r"|une|de la|du|nos|leurs?) (\w+ )?(seances?|bilans?|reeducation|soins?|suivi|traitement"
    r"|cours|lecons?|consultations?|controles?)\b",
    # The same instruction as a wish of the professional: « mon médecin veut que je vienne
    # voir le pédicure », « le kiné préfère que je consulte ».
    r"\b(veut|voudrait|souhaite|souhaiterait|prefere|aimerait) (que|qu) (je|j|on|nous|il|elle)"
    r" (vienne|viennent|venions|passe|passions|consulte|voie|fasse|aille|revienne|repasse)\b",
    # Something damaged, wherever it is said: « je me suis assis sur mes lunettes, elles sont
    # toutes tordues », « le pare-brise est fendu », « ma montre est encore cassée ».
    r"\b(il|elle|ils|elles|(mon|ma|mes|notre|nos|son|sa|ses|le|la|les) \w+( \w+)?) "
    r"(est|sont) (tout |toute |tous |toutes |completement |encore |deja )?(casse|tordu|abime"
    r"|raye|fendu|fele|ebreche|dechire|creve|perce|tache)(e|s|es)?\b",
    # Something of mine said ready or arrived, often after a message: « on m'a envoyé un
    # message, mes lunettes sont prêtes », « ma voiture est prête », « mes lentilles sont
    # arrivées »: the caller is to come for it.
    r"\b(mon|ma|mes|notre|nos|son|sa|ses) \w+( \w+)? (est|sont) (enfin |bien |deja )?"
    r"(pret|arrive|disponible|repare)(e|s|es)?\b",
    # A sense or a function failing, mine or a relative's: « je vois de plus en plus flou »,
    # « ma mère voit de moins en moins bien pour lire », « j'entends mal d'une oreille ».
    r"\b(je|j|il|elle|(mon|ma) \w+( \w+){0,4}?) (vois|voit|entends|entend|dors|dort|marche|respire|mache"
    r"|avale|digere|parle|parlent|lit|lis|ecrit|ecris|mange) ((de plus en plus |tres |trop |vraiment |un peu |encore )?"
    r"(mal|flou|trouble|double|moins bien|(pas|plus) (tres )?(bien|net))|de moins en moins)\b",
    # Pain complained of: « ma fille se plaint du dos », « il se plaint de douleurs ».
    r"\b(me|se) (plains|plaint|plaignent) (du|de la|des|de l|d|de)\b",
    # Pain told by what it does: « ça commence à me lancer », « ça me gratte la nuit », « ça
    # lui brûle ».
    r"\b(ca|cela) (commence a |continue a |recommence a )?(me|m|lui|nous) ?(lance\w*|gratte\w*"
    r"|brule\w*|pique\w*|tire\w*|demange\w*|elance\w*|fait (tres |trop |vraiment )?mal"
    r"|faire mal)\b",
    # A reflexive accident: « je me suis cassé / coupé / tordu / fait mal ».
    r"\bje me suis (casse|coupe|tordu|fait|brule|blesse|cogne|fendu|ebreche|abime)\b",
    # Something of mine that is in a state: « ma voiture fait un bruit », « mon chat tousse ».
    r"(" + _OPENING + r"|\b(parce que|parce qu|car|puisque) )(mon|ma|mes|notre|nos) "
    r"(?!(rdv|rendez vous|rendezvous|rv|creneau|reservation|numero|nom|adresse|mail|email)\b)"
    # (the verb, not a word of the noun group: « ma grand-mère », « ma maman de 87 ans »)
    r"\w+( \w+){0,4}? (est|sont|a|ont|fait|font|commence\w*|n \w+|ne \w+|(?!(de|que|qui|ce|une|le"
    r"|la|se|me|te|elle|mere|pere|fille|femme|soeur|tante|petite|grande|belle|jeune|vieille"
    r"|aine|cadette|derniere|premiere)\b)\w+e|\w+ent)\b",
    # A thing of mine that does something, told in a relative clause: « j'ai un pneu qui se
    # dégonfle », « j'ai une dent qui bouge », « on a un voyant qui s'allume » (not a person
    # who told me something: « j'ai une amie qui m'a parlé de vous »).
    r"\b(j ai|on a|nous avons) (un|une|des|mon|ma|mes|notre|nos) (?!(ami|amie|amis|copain"
    r"|copine|copains|collegue|voisin|voisine|connaissance|cousin|cousine|frere|soeur|mari|femme"
    r"|fils|fille|enfant|enfants|pere|mere|chef|patron)\b)\w+( \w+){0,3}? qui (?!(m a|nous a"
    # (a thing that lies around or belongs is no trouble: « une vieille batterie qui traîne »)
    r"|traine|trainent|sert|servent|date|datent|appartient|appartenait|reste|restent"
    # (nor a thought: « une question qui me tracasse »)
    r"|me tracasse|me trotte|m interesse|me plait"
    r"|m avait|nous avait|m ont|nous ont|m a dit|travaille|habite)\b)(se |s |ne |n |me |m )?"
    r"\w+\b",
    # A fall: « je suis tombé de vélo », « elle est tombée dans l'escalier » (not coming across
    # something: « je suis tombé sur votre site »).
    r"\b(je suis|il est|elle est|on est|nous sommes) tombee?s?\b(?! (sur|par hasard|en))",
    # ... or a thing of mine that fell (« mon téléphone est tombé dans l'eau »), not a booking
    # that fell through
    r"(?<!\bsi )(?<!\bquand )(?<!\blorsque )\b(mon|ma|mes|notre|nos) (?!" + _APPT + r"\b)\w+"
    r"( \w+)? (est|sont) tombee?s?\b"
    r"(?! (sur|par hasard|en))",
    # A job the caller cannot do alone: « je n'ai pas les outils pour les installer », « je ne
    # sais pas le régler », « j'arrive pas à la démonter ».
    r"\b(j ai|je n ai|n ai) pas (les outils|l outillage|le materiel|ce qu il faut|les pieces"
    r"|le temps|la place)\b.{0,20}\bpour (le |la |les |l |me |m )?\w+(er|ir|re)\b",
    r"\b(je ne sais pas|je sais pas|j arrive pas a|je n arrive pas a|je n y arrive pas a"
    r"|je ne parviens pas a) (le|la|les|l) \w+(er|ir|re)\b",
    # The same, reported as felt: « j'ai l'impression que mes lunettes ne sont plus adaptées »,
    # « je trouve que ma vue baisse », « il me semble que mon chat maigrit ».
    r"\b(j ai l impression|je trouve|je crois|je pense|il me semble|on dirait) (que|qu) "
    r"(mon|ma|mes|notre|nos) (?!(rdv|rendez vous|rendezvous|rv|creneau|reservation|numero|nom"
    r"|adresse|mail|email)\b)\w+( \w+)? (est|sont|a|ont|fait|font|n \w+|ne \w+|\w+e|\w+ent"
    r"|\w+it)\b",
)

_NOT_TO_KNOW = (
    r"(?! (savoir|connaitre|me renseigner|nous renseigner|se renseigner|un renseignement"
    r"|une information|une info|des informations|des infos|vous poser|poser|vous demander"
    r"|demander|comprendre|vous prevenir|prevenir|vous signaler|signaler|vous dire|dire)\b)"
)

BOOKING_WEAK = _rx(
    r"\b(il me faudrait|il me faut|j ai besoin|j aurais besoin|faudrait|faut que|il faut que)\b"
    # (a piece of information needed is a question: « j'ai besoin du numéro de la rue »)
    r"(?! (d |de |du |de la |de l |des |votre |vos )(numero|adresse|horaires?|infos?|information"
    r"|informations|renseignements?|code|plan|tarifs?|prix|coordonnees|mail|email|telephone)\b)",
    # A wish, but not inside « ce que je veux » (« montrer une photo de ce que je veux »),
    # where it names a thing.
    r"(?<!\bce que )(?<!\bce qu )(?<!\bce que je )"
    # A wish to know is not one to come: « je voudrais savoir le prix », « on voudrait se
    # renseigner ».
    # (the past of politeness says the same: « je voulais », « j'aurais voulu voir un comptable »)
    r"\b(je voudrais|je voudrai|je souhaite|je souhaiterais|j aimerais|je veux|voudrais"
    r"|je voulais|je souhaitais|j aurais voulu|j aurais aime|j aurais souhaite)\b" + _NOT_TO_KNOW,
    # The same wish, for the one the booking is for: « ma fille voudrait se faire percer les
    # oreilles », « mon mari aimerait passer le permis ».
    r"\b(mon|ma|mes|notre|nos) \w+( \w+){0,3}? (voudrait|voudraient|souhaiterait|souhaite"
    r"|aimerait|veut|veulent)\b" + _NOT_TO_KNOW,
    # A dream is a wish: « je rêve d'en avoir une faite pour moi ».
    r"\b(je reve|je revais|on reve|nous revons) (d|de)\b" + _NOT_TO_KNOW,
    # The same wish said for several (« on voudrait voir un notaire », « nous souhaitons »).
    r"(?<!\bce qu )\b(on voudrait|nous voudrions|on aimerait|nous aimerions|on souhaite"
    r"|nous souhaitons|on souhaiterait|nous souhaiterions|on veut|nous voulons)\b" + _NOT_TO_KNOW,
    # the first person plural of a wish says « we » whatever the subject (« mon épouse et moi
    # souhaiterions réunir nos enfants »)
    r"(?<!\bce que )\b(voudrions|souhaiterions|aimerions|souhaitons|desirerions|desirons)\b"
    + _NOT_TO_KNOW,
    # Looking for a professional: « je cherche un podo qui s'y connaît en course à pied », « on
    # recherche quelqu'un pour un contrat de mariage » (not a thing: « je cherche un harnais
    # pour mon teckel », nor an address or a piece of information).
    r"\b(je|j|on|nous) (re)?(cherche|cherchons) (quelqu un\b|(un|une) (?!(renseignement"
    r"|information|info|adresse|numero|telephone|parking|place|moyen)\b)\w+ qui\b)",
    # ... or another one than one's own (« je cherche un nouveau cabinet, le mien ne répond
    # plus », « on cherche un autre dentiste »)
    r"\b(je|j|on|nous) (re)?(cherche|cherchons) (un|une) (nouveau|nouvel|nouvelle|autre)"
    r" (cabinet|comptable|expert comptable|dentiste|medecin|docteur|garage|garagiste|coiffeur"
    r"|coiffeuse|notaire|avocat|avocate|veterinaire|veto|kine|osteo|praticien|praticienne"
    r"|prestataire|professionnel|professionnelle|specialiste|expert|atelier|salon|institut"
    r"|agence|etude|ecole|moniteur|monitrice|professeur|prof|coach|reparateur)\b",
    # Calling for a service: « je vous appelle pour une retouche sur un tatouage ».
    r"\bje (vous )?(appelle|telephone|contacte|ecris) pour (un|une|des) (?!(renseignement"
    r"|information|info|question|petite question|conseil|avis|reclamation|probleme)\b)\w+",
    # Calling on someone's behalf: « je vous appelle pour ma maman qui vend sa maison ».
    r"\b(je|j) (vous )?(appelle|telephone|contacte|ecris) (pour|de la part de|au sujet de"
    r"|concernant) (mon|ma|mes|notre|nos) (?!(rdv|rendez vous|rendezvous|rv|creneau|reservation)\b)"
    r"\w+",
    # Sent by a professional: « je vous appelle de la part du docteur Martin ».
    r"\b(je|j) (vous )?(appelle|telephone|contacte|ecris) de la part (du|de la|de l|de mon|de ma"
    r"|de votre) (docteur|docteure|dr|medecin|generaliste|dentiste|kine|ophtalmo\w*|pediatre"
    r"|specialiste|sage femme|infirmier|infirmiere|veterinaire|veto|orl|cardiologue"
    r"|dermatologue|chirurgien|professeur|maitre|assureur|garagiste)\b",
    # Something missing: « il me manque une pièce pour mon vélo ».
    r"\bil (me|nous|lui|leur) manque (un|une|des|le|la|les|l|mon|ma|mes)\b",
    # ... or a thing of mine without what it needs: « mon site n'a toujours aucune photo de
    # moi », « ma veste n'a plus de bouton »
    r"\b(mon|ma|mes|notre|nos) \w+( \w+)? (n a|n ont) (toujours |encore |plus |jamais )?"
    r"(aucun|aucune|pas de|pas d|plus de|plus d)\b",
    # A task of mine still not done (« mon bilan de l'année dernière n'est toujours pas
    # bouclé »), or claimed from me (« l'URSSAF me réclame des cotisations », « la banque me le
    # réclame »): work to hand over.
    r"\b(mon|ma|mes|notre|nos) \w+( \w+){0,5}? (n est|n a|ne sont|n ont) (toujours pas|pas encore"
    r"|jamais) (ete )?(fait|faite|faits|faites|boucle|bouclee|bouclees|termine|terminee|regle"
    r"|reglee|reglees|fini|finie|depose|deposee|envoye|envoyee|pret|prete|prets|pretes|signe"
    r"|signee|valide|validee|traite|traitee)\b",
    r"\b(me|nous) (le |la |les |l )?(reclame|reclament|reclamait|exige|exigent)\b",
    _OPENING + r"(c est|ce serait|ca serait|ce sera|ca sera|c etait) pour\b",
    r"\b(faire|caler|programmer|planifier|fixer|organiser) (un|une|la|le|les|des|l|mon|ma|mes|son|sa|ses"
    r"|leur|leurs|notre|nos)\b",
    # Having a service done, as an obligation: « je dois faire vacciner mes chats », « faut lui
    # faire ses vaccins », « il faudrait faire réviser la voiture ».
    r"\b(je dois|on doit|il faut|faut|il faudrait|faudrait|je voudrais|j aimerais|je souhaite"
    r"|je veux) (lui |leur |me |nous |le |la |les )?faire \w+(er|ir|re)\b",
    # Asking whether a service can be had here: « je peux faire contrôler ma vue chez vous ? »,
    # « c'est possible de faire réviser ma voiture ? » (a request, unless the FAQ answers it).
    r"\b(je peux|on peut|je pourrais|on pourrait|possible de|vous pouvez|vous pourriez) "
    r"(lui |leur |me |nous )?faire \w+(er|ir|re)\b",
    # « il me faut refaire », « faut lui en refaire », spoken without « il ».
    r"\b(il )?(me |nous |lui |leur )?faut (maintenant |donc |alors |d abord |vite |juste )?"
    r"(lui |leur |me |nous )?(en |y |le |la |les |l )?\w+(er|ir|re)\b",
)

INFO_QUESTION = _rx(
    r"\b(combien|prix|tarifs?|couts?|coute\w*|gratuit\w*|payant\w*|rembours\w*)\b",
    # (a thing that opens or shuts by itself is no opening hour: « des fenêtres s'ouvrent toutes
    # seules », « la porte ne se ferme plus »)
    # (nor a thing one shuts, or its zip: « je peux plus la fermer », « la fermeture de mon
    # blouson », « une fermeture éclair »)
    # (nor a thing of the past: « une année où mon activité était déjà fermée »)
    r"\b(horaires?|ouvert\w*|(?<!\bs )(?<!\bse )(?<!\ble )(?<!\bla )(?<!\bles )(?<!\bl )"
    r"(?<!\betait )(?<!\betaient )(?<!\betait deja )(?<!\betaient deja )"
    r"(ferme(?!tures?\b)\w*|ouvre\w*)|adresse|situe\w*|acces\w*|parking)\b",
    # (« la fermeture de votre magasin »: the business's, a question)
    r"\bfermetures?\b(?! (eclair|a glissiere|(de|du|des|d) (mon|ma|mes|son|sa|ses|notre|nos"
    r"|leur|leurs)\b))",
    r"\b(comment|pourquoi|jusqu a quand|a quelle heure|quel|quelle|quels|quelles)\b",
    r"\b(est ce que vous|est ce qu on|vous faites|vous acceptez|vous prenez|y a t il)\b",
    # « il y a » asks what there is, not when (« il y a deux mois », « il y a longtemps »: ago),
    # nor what is in a thing of mine (« il y a toute ma thèse dessus »), nor what happened
    # (« il y a eu une fuite »)
    r"\bil y a\b(?! (\w+ )?(ans?|annees?|mois|semaines?|jours?|heures?|minutes?|temps)\b)"
    r"(?! (longtemps|peu|eu)\b)(?! (tout |toute |tous |toutes )?(mon|ma|mes|son|sa|ses|notre|nos"
    r"|leur|leurs)\b)",
    r"\b(si je|si j|si on|c est grave|je voudrais savoir|je voulais savoir|renseignement|"
    r"information|question)\b",
    # Whether one must book, or may come without: the business's rules, not a request to come.
    r"\bsans (prendre |avoir )?(de |d un |un )?(rendez vous|rendezvous|rdv|reserv\w*)\b|"
    r"\ba l improviste\b|\bobligatoire\w* (de )?(reserv\w*|prendre (un )?(rdv|rendez vous))\b",
    # « on peut venir comme ça ? », « sans prévenir », « faut réserver ou… »: the same rules.
    # (coming: « redémarre sans prévenir » is suddenly)
    r"\b(venir|passer|debarquer) comme (ca|cela)\b|\b(venir|passer|debarquer|arriver|entrer"
    r"|rentrer|deposer|laisser|se presenter|me presenter|nous presenter)( \w+){0,5} sans"
    r" (prevenir|appeler|s annoncer)\b",
    r"\b(faut|faut il|il faut) (reserver|prendre (un )?(rendez vous|rdv))( ou\b|$| avant\b"
    r"| a l avance\b)",
    r"\b(faut|faut il|il faut) (un |une )?(rendez vous|rdv|reservation)( pour\b| ou\b|$)",
    # Asking what: « c'est quoi vos conditions », « je dois ramener quoi ».
    r"\b(c est quoi|c quoi|qu est ce qu\w*)\b|\b(ramener|apporter|amener|prevoir|fournir"
    r"|preparer|faire|dire) quoi\b",
    # « quoi » in place of the thing asked, after a subject and its verb: « faut que je
    # demande quoi au syndic », « on fait quoi si… » (last, it is a filler: see SPOKEN_QUESTION).
    r"\b(je|j|tu|il|elle|on|nous|vous|ils|elles) (\w+ ){0,2}\w+ quoi\b(?! que\b)(?! qu\b)(?!$)",
    # A right or a duty asked about: « on a le droit de venir le voir ? », « c'est à moi de le
    # faire venir ? », « on est obligé de… »: the business's rules, not a request to come.
    r"\b(a|ai|as|avons|avez|ont) le droit (de|d)\b|\bc est a (moi|nous|vous|lui|elle|eux|toi) "
    r"(de|d)\b|\b(suis|est|sommes|etes|sont) (obligee?s?|tenue?s?) (de|d)\b",
    # How to come, or when one likes: « faut venir à jeun ? », « il faut venir accompagné ? »,
    # « je peux venir quand je veux ? », « n'importe quand ».
    r"\b(faut|faut il|il faut|dois|doit|devons|devez) (venir|passer|arriver) (a jeun|avec|sans"
    r"|accompagne\w*|habille\w*|maquille\w*|en avance|a l heure|tot|avant)\b",
    r"\bquand (je veux|on veut|vous voulez|ca (me|nous) (chante|arrange))\b|\bn importe quand\b",
    # How one may come, asked: « on peut venir à trois avec mes copines », « elle peut venir
    # toute seule sans moi », « je peux passer avec mon chat », « on peut venir directement ».
    r"\b(peux|peut|peuvent|pouvons|pouvez|pourrai|pourra"
    r"|pourrais|pourrait|pourront) (\w+ )?(venir|passer|arriver|entrer|rentrer) (avec|sans"
    r"|accompagne\w*|seule?s?|tout seul|toute seule|a (deux|trois|quatre|plusieurs)|directement"
    r"|en (voiture|fauteuil|poussette|train|bus|velo|moto|scooter|tram|metro|transport\w*))\b",
    # Whether one pays: « le premier rendez-vous, je le paye ? », « faut le régler avant ? ».
    r"\b(le|la|les|l) (paye|payes|paie|paies|payer|regle|regler|facturez|facture)\b"
    r"|\b(ca|c) se paye\b|\b(faut|faut il|il faut) payer\b",
    # A service given as a present is a gift to buy, not a visit: « je voudrais offrir une
    # séance à ma sœur pour son anniversaire », « une carte cadeau ».
    r"\b(offrir|offert|offerte|en cadeau|bons? cadeaux?|cartes? cadeaux?)\b",
    # How long, how far, how hard: « c'est long pour avoir une place à l'examen ».
    r"\bc est (long|loin|complique|difficile|dur|facile|rapide|obligatoire|necessaire)\b",
)

# Spoken questions carry no « ? »: « vous prêtez une voiture », « est-ce que », « on peut… ».
SPOKEN_QUESTION = _rx(
    r"^(et |mais |sinon |au fait |d ailleurs |euh )?vous (?!(n|ne|pouvez noter|le|la|les)\b)\w+",
    r"\best ce qu|\by a t il\b|\bc est (gratuit|payant|combien|ou|quand|possible|cher)\b",
    r"^(et )?(je|on) (peux|peut|pourrais|pourrait|dois|doit)\b",
    # « faut que je ramène ma carte ou c'est pas la peine », « … ou pas »: asked yes or no;
    # « vous êtes où », « ça coûte combien »: spoken French puts the question word last.
    r"\bou (pas|non)$|\bou (c est pas|ce n est pas|pas) (la peine|utile|necessaire)\b",
    # Confirming where or who: « c'est chez vous qu'on fait le stage », « c'est bien ici
    # que… », « c'est vous qui faites les vaccins »; « ça marche chez vous ».
    # (not the past told: « c'est chez vous que j'ai acheté mes lunettes »)
    r"\bc est (bien )?(chez vous|ici|vous|la bas|la) qu(?!(e j ai|e nous avons|on a|i a|e vous"
    r" avez|e vous m avez|e je suis|i m a|i m avez|i avez|i nous a|i nous avez)\b)",
    r"\b(ca marche|ca fonctionne|ca se fait|ca se passe) (chez vous|ici|avec vous|comment)\b",
    # Asking the business what it can do, wherever it is said: « elle est en Ehpad, vous
    # pouvez pas venir la voir là-bas », « ma clim souffle chaud, vous pouvez la recharger »,
    # « vous arrivez quand même à la coiffer » (not « vous pouvez noter » : dictation).
    r"\bvous (ne )?(pouvez|pourriez|pourrez|arrivez|arriveriez) (pas )?(quand meme )?(a )?"
    r"((me|m|nous|le|la|les|l|lui|leur|vous|en|y) ){0,2}(?!noter\b)\w+(er|ir|re)\b",
    # A choice between two clauses asks which one holds: « je viens en jogging ou il faut
    # prévoir autre chose », « la deuxième séance est moins chère ou c'est pareil », « il
    # faudra revenir souvent ou une fois ça suffit » (not a choice of days: « mardi ou jeudi »).
    r"\b\w+ ou (bien )?(il faut|faut|faudra|faudrait|vaut mieux|c est|ca|y a|il y a"
    r"|on doit|je dois|on peut|je peux)\b|\bou\b.{0,25}\bca (suffit|suffira|ira|passe)\b",
    # « vous avez … » asked after a statement: « mon chat stresse avec les chiens, vous avez un
    # coin à part », « mon chien a un régime, vous avez ses sacs » (not « vous avez mon
    # numéro »: a possessive of the caller's tells, it does not ask).
    r"\bvous (avez|auriez|vendez|proposez|gardez|livrez|envoyez|reprenez|acceptez|prenez"
    r"|connaissez) (un|une|des|du|de la|de l|le|la|les|l|ses|son|sa|leur|leurs|quelque chose"
    r"|qqch)\b",
    # Permission or ability asked after a statement, as at the start: « je me déplace en
    # fauteuil, je peux venir faire le code chez vous », « mon fils a quinze ans, il peut déjà
    # conduire avec moi », « elle pourra entrer facilement » (not « si je peux », « dès que je
    # peux »: a condition or a time).
    # (nor what one can no longer do: « je peux plus la fermer du tout »)
    r"(?<!\bsi )(?<!\bque )(?<!\bqu )(?<!\bquand )(?<!\bcomme )(?<!\bou )\b(je|on|il|elle) "
    r"(peux|peut|pourrais|pourrait|pourra|pourrai) (?!(plus|pas|jamais|rien)\b)(\w+ ){0,2}"
    r"\w+(er|ir|re)\b",
    # A tag that asks for confirmation after a statement: « il faut payer un acompte pour
    # réserver, c'est ça », « …, n'est-ce pas », « …, hein » (not « oui c'est ça », an answer).
    r"^(?!(oui|ouais|voila|exactement|c est|non|si|bon|ok)\b)(\w+ ){3,}(c est (bien )?ca"
    r"|n est ce pas|hein)$",
    # An aside announced: « au fait, … », « petite question : … ».
    r"^(euh |alors |attendez |dites )?(au fait|petite question|une question|j ai une question"
    r"|juste une question)\b",
    # (« quoi » last is also a filler: « c'est pour un contrôle quoi »)
    r"\b(ou|quand|combien|pourquoi)$",
    # « quoi » right after a verb asks what: « faut changer quoi pour le taux », « je ramène
    # quoi » (not after a noun: « c'est pour un contrôle quoi »)
    r"\b(faut|faudra|faudrait|dois|doit|devrai|devrais|devons|devez) (\w+ )?quoi\b",
    r"\b(je|j|on) (ramene|apporte|prevois|prends|fais|dis|mets|envoie|fournis|donne|amene)"
    r" quoi\b",
    # « vous savez faire la 2031 », « vous sauriez réparer ça »: what the business can do
    r"\bvous (savez|sauriez) ((le|la|les|l|me|m|nous|lui|leur|en|y|vous) )?\w+(er|ir|re)\b"
    r"(?! (est|sont|a|ont|etait)\b)",
)

# Nothing but a greeting or a sign of presence (« bonjour ! », « allô oui », « oui bonjour madame »).
GREETING_WORDS = frozenset(
    "bonjour bonsoir salut allo hello coucou hey oui ouais bjr slt re madame monsieur "
    "mademoiselle euh hum ben bah alors voila excusez moi pardon je vous ecoute".split()
)

# Saying who one is, in a role, before saying what for: « bonjour, je suis responsable des
# services généraux d'une PME », « ici la secrétaire du cabinet Martin », « je suis une
# cliente ». The caller is there and will say it: greet back, as after « allô ».
INTRODUCTION = _rx(
    r"^((bonjour|bonsoir|allo|oui|alors|voila|madame|monsieur|euh) )*(je suis|ici|moi c est"
    r"|c est) (le |la |l |un |une )?(responsable|gerante?|directeur|directrice|secretaire"
    r"|assistante?|comptable|chargee? de \w+|employee?|salariee?|stagiaire|proprietaire"
    r"|locataire|gardienne?|presidente?|tresoriere?|tresorier|membre|benevole|cliente?"
    r"|patiente?|voisine?|infirmiere?|auxiliaire|aide soignante?|educatrice|educateur"
    r"|professeure?|institutrice|instituteur|maman|papa|mere|pere|parent)\b",
)


def is_introduction(folded: str) -> bool:
    """Who the caller is, in a role, said before what for (see INTRODUCTION)."""
    return bool(INTRODUCTION.search(folded))


# A question about the rules of cancelling or moving, not a request to do it: « jusqu'à quand
# je peux annuler ? », « c'est payant si je décale ? », « combien d'heures avant ? ».
POLICY_QUESTION = _rx(
    r"\b(jusqu a quand|combien de temps|combien d heures|combien de jours|a l avance|delai|"
    r"frais|penalit\w*|payant\w*|gratuit\w*|factur\w*|rembours\w*|conditions?|politique|"
    r"regles?|acompte|arrhes|au plus tard|heures avant|jours avant|h avant)\b",
    r"\b(si (je|j|on|jamais)|en cas d|au cas ou)\b.{0,12}\b(annul\w*|decal\w*|deplac\w*|"
    r"report\w*|viens pas|peux pas|empech\w*|retard\w*|desist\w*|decommand\w*)",
    # Asking what it costs: « vous me faites payer quelque chose ? », « c'est facturé ? ».
    r"\b(faites|faire|fait|ferez|ferait) payer\b",
    r"\bcomment (ca se passe|ca marche|faire|on fait)\b.{0,20}\b(si|pour les|en cas)\b",
    # What a cancellation costs, asked after it: « je me désiste la veille, c'est compté ? »,
    # « je paie quand même ? », « je perds mon acompte ? ».
    r"\bc est (compte|comptee|retenu|retenue|perdu|perdue|du|due|facture|facturee|paye|payee)\b"
    r"|\bje (le |la |les )?(paie|paye|perds|dois payer)\b.{0,15}\bquand meme\b"
    r"|\bje perds (mon|ma|mes|l)\b",
    # Whether to cancel or move, asked: « elle a ses chaleurs, je décale ou pas ? »; and when,
    # or at what cost: « je peux décommander la veille sans payer ? ».
    r"\b(annul|decal|deplac|report|decommand|bouge)\w* ou (pas|non)\b",
    r"\b(annul|decal|deplac|report|decommand)\w* (la veille|le jour meme|au dernier moment"
    r"|a la derniere minute)\b|\b(annul|decal|deplac|report|decommand)\w*\b.{0,25}\bsans "
    r"(payer|frais|penalite|etre facture)",
)

GOODBYE = _rx(
    r"^(non )?(merci )?(c est tout|ce sera tout|rien d autre|au revoir|bonne journee|"
    r"bonne soiree|a bientot|salut)( merci)?( au revoir| bonne journee)?$",
    r"^(non )?merci( beaucoup| bien)?( au revoir| bonne journee| c est tout)?$",
    r"^non (merci|ca ira|c est bon)$",
)

MENU = {
    1: _rx(
        r"^(1|un|le 1|le un|premier|le premier|prendre\b.*)$",
        r"\bprendre (un )?(rdv|rendez vous)\b",
    ),
    2: _rx(r"^(2|deux|le 2|le deux|deuxieme|le deuxieme)$", r"\bannul\w*"),
    3: _rx(
        r"^(3|trois|le 3|le trois|troisieme|le troisieme)$", r"\b(deplac\w*|modifi\w*|decal\w*)"
    ),
    4: _rx(r"^(4|quatre|le 4|le quatre|quatrieme|le quatrieme)$", r"\b(parler|humain|personne)\b"),
}
MENU_INTENTS = {1: Intent.BOOKING, 2: Intent.CANCEL, 3: Intent.MODIFY, 4: Intent.TRANSFER}


def is_emergency(folded: str) -> bool:
    return bool(EMERGENCY.search(folded))


def wants_human(folded: str) -> bool:
    return bool(HUMAN.search(folded))


# « Allô ? » checks that the line works: it asks nothing.
LINE_CHECK = re.compile(r"^\W*(?:all[oô]|all[oô] oui|oui)\s*\?+", re.IGNORECASE)


# « où » asked in place, after the verb (« on se retrouve où pour démarrer », « je laisse ma
# voiture où sans prendre d'amende »), or first: read with its accent, which folding loses
# (« ou » is « or »). Not the relative « où » of « le jour où je viens » (its subject
# follows), « là où », « au cas où ».
WHERE = re.compile(
    r"^\W*(?:(?:euh|et|alors|bah|ben|mais|donc)\W+)?où\b"
    r"|(?<!\blà)(?<!\bla)(?<!\bcas)(?<!\bmoment)(?<!\bjour)\s+où\b"
    r"(?!\s+(?:je|j['’]|tu|il|ils|elle|elles|on|nous|vous|ça|c['’]|ce|le|la|les|l['’]|mon|ma|mes"
    r"|ton|ta|tes|son|sa|ses|un|une|des|se|s['’]|y|en)(?:\b|(?<=['’])))",
    re.IGNORECASE,
)


# A question word after someone's telling or showing, in the past, reports a question already
# answered; it asks nothing: « c'est ma fille qui m'a montré comment vous écrire », « on nous a
# expliqué quels papiers apporter » (a question to the business keeps its « ? » or is asked:
# « vous pouvez me dire comment venir »).
TOLD_QUESTION = re.compile(
    r"\b(m|t|nous|lui|leur) (a|ont|avait|avaient|aura) (bien )?(montre|explique|dit|appris|indique"
    r"|ecrit|raconte|precise) (comment|pourquoi|quels?|quelles?|combien|quand|ou|a quelle heure)\b"
)


def is_info_question(raw: str, folded: str) -> bool:
    asked = "?" in LINE_CHECK.sub(" ", raw) or bool(WHERE.search(raw))
    folded = TOLD_QUESTION.sub(" ", folded)
    return asked or bool(INFO_QUESTION.search(folded) or SPOKEN_QUESTION.search(folded))


# A question pointing at the booking under way: « le montant de cette prestation », « ce
# rendez-vous, je dois le payer ? », « ça dure combien déjà ? ».
POINTS_AT_THE_BOOKING = _rx(
    r"\b(ce|cet|cette) (rendez vous|rdv|prestation|soin|seance|consultation|examen|bilan"
    r"|intervention|acte|service|forfait|rendezvous)\b",
    r"^(?!.*\b(un|une|le|la|les|l|des|du|mon|ma|mes)\b)(.*\b)?(ca|cela|ce sera|ce serait)"
    r" (coute|coutera|couterait|fait|fera|ferait|dure|durera|durerait|prend|prendra) "
    r"(combien|longtemps)\b",
    # A noun left out after an article and an adjective (« une neuve ça coûte combien ? », « un
    # autre, c'est quel prix ? »): the thing the booking is about.
    r"\b(un|une) (neuf|neuve|nouveau|nouvel|nouvelle|autre|pareil|pareille|de rechange)\b"
    r"(?! (jour|fois|date|heure|moment|creneau|rdv|rendez vous|semaine))"
    r".{0,30}\b(coute\w*|revien\w*|combien|prix|tarif)\b",
    # The same thing as a pronoun, to be repaired or replaced (« la remplacer, ça coûte
    # combien ? », « combien pour le changer ? »).
    r"\b(le|la|les|l) (changer|remplacer|reparer|refaire|regler|installer|monter|recharger)\b"
    r".{0,30}\b(coute\w*|revien\w*|combien|prix|tarif)\b",
    r"\bcombien (pour|de) (le|la|les|l) (changer|remplacer|reparer|refaire|regler|installer"
    r"|monter|recharger)\b",
)


def with_what_it_points_at(text: str, folded: str, booking_for: str) -> str:
    """`text`, and the reason of the booking it points at, for the FAQ to read both."""
    if booking_for and POINTS_AT_THE_BOOKING.search(folded):
        return f"{text} ({booking_for})"
    return text


def asks_information(folded: str) -> bool:
    """A question about the business (price, hours, place…) rather than a request to come."""
    return bool(INFO_QUESTION.search(folded))


# Room asked for someone (« vous auriez de la place pour moi ? »): a request to come, even
# phrased as a question about the business.
FOR_SOMEONE = _rx(
    r"\b(de la |une )?(place|creneau|moment|rdv|rendez vous) pour (moi|nous|lui|elle|eux"
    r"|mon (fils|enfant|bebe|mari|pere|frere)|ma (fille|femme|mere|soeur))\b",
    # « est-ce que vous pourriez me prendre ? »: to be seen, asked politely
    _SEE_ME,
    # Asking to meet: « pourrions-nous vous rencontrer ? », « je voudrais passer vous voir ».
    r"\b(pourrions nous|pourrait on|peut on|on peut|on pourrait|je peux|je pourrais|nous pourrions"
    r"|est ce qu on peut|est il possible de|serait il possible de|possible de|voudrais|voudrions"
    r"|aimerais|aimerions|souhaiterais|souhaiterions) (vous )?(rencontrer|passer vous voir"
    r"|venir vous voir|vous rencontrer|vous voir)\b",
)


def asks_for_someone(folded: str) -> bool:
    return bool(FOR_SOMEONE.search(folded))


def is_firm_booking(folded: str) -> bool:
    """An explicit request for a visit (« un créneau », « je peux passer », « de la place »)."""
    return bool(BOOKING_STRONG.search(_without_round_trip(folded)))


def is_greeting(folded: str) -> bool:
    """Only a greeting or « allô oui »: the caller is there and has not said what for yet."""
    words = folded.split()
    return bool(words) and all(w in GREETING_WORDS for w in words)


def is_policy_question(folded: str) -> bool:
    """A question about the terms of a cancellation or a move rather than a request for one."""
    return bool(POLICY_QUESTION.search(folded))


# Moving only the hour keeps the day: « changer l'heure de mon rdv », « plus tard le même jour ».
# Another day than the one held (see OTHER_DAY); KEEPS_DAY does not apply then, nor when
# any other day is named (« autre semaine », « les autres jours »).
_ANOTHER_DAY = (
    r"(un autre jour|une autre date|un jour different|une date differente|changer de jour"
    r"|change de jour|changer la date|changer le jour|pas ce jour la|un autre moment de la"
    r" semaine)"
)
_NOT_THAT_DAY = rf"({_ANOTHER_DAY}|autre (jour|date|semaine)|autres jours)"
KEEPS_DAY = _rx(
    r"\b(chang\w*|modifi\w*|decal\w*|deplac\w*|avanc\w*|recul\w*|bouger) (juste |seulement "
    r"|uniquement )?l heure\b",
    r"\b(le meme jour|la meme journee|dans la meme journee|dans la journee meme)\b",
    # « un peu plus tard », « un peu plus tôt »: a little, so the same day
    r"\bun (petit )?peu plus (tard|tot)\b",
    # later or earlier within a part of that day: « un peu plus tard dans la matinée »
    r"\bplus (tard|tot) (dans|en) (la |l |le )?(matinee|journee|apres midi|aprem|soiree|matin"
    r"|soir)\b",
    # the day held kept in words: « je garde mon jeudi mais plus tard »
    KEEPS_THE_DAY,
    # Another part of the day asked « plutôt » sets it against the part held, on the same day:
    # « j'ai rendez-vous jeudi matin, vous auriez plutôt le soir ? » is Thursday evening;
    # not when another day is asked (« un autre jour, plutôt le matin »).
    rf"^(?!.*\b{_NOT_THAT_DAY}\b).*"
    r"\bplutot (?:(?:le|l|la|en|dans l|dans la|vers la|en fin de|en debut de|en fin d|en debut d"
    r"|sur la fin de|sur l|sur le) )*(matin\w*|apres midi|aprem|soir\w*|journee|midi)\b",
    # ... or after it: « ce serait possible de passer l'après-midi plutôt ? »
    rf"^(?!.*\b{_NOT_THAT_DAY}\b).*"
    r"\b(le|l|la|en|dans l|dans la) (matin\w*|apres midi|aprem|soir\w*) plutot\b(?! qu)",
)


# Another day than the one held, asked for a move: « on peut le mettre un autre jour ? », « je
# voudrais changer de jour ». The day held is then ruled out.
OTHER_DAY = _rx(rf"\b{_ANOTHER_DAY}\b")


def other_day(folded: str) -> bool:
    """A move to another day than the one held (see OTHER_DAY)."""
    return bool(OTHER_DAY.search(folded))


# Later or earlier, said of a move without an hour: than the appointment held (not « au plus
# tard », a bound; nor « le plus tôt possible »; nor « plus tard que 17h », an hour).
# (nor « pas plus tard »)
LATER_OR_EARLIER = re.compile(
    r"(?<!\bau )(?<!\ble )(?<!\bpas )\bplus (?P<way>tard|tot)\b(?! (que|qu|possible)\b)"
)
HeldShift = Literal["later", "earlier"]


def held_shift(folded: str) -> HeldShift | None:
    """« later » or « earlier » than the appointment held, when a move says only that."""
    ways = {m["way"] for m in LATER_OR_EARLIER.finditer(folded)}
    if ways == {"tard"}:
        return "later"
    if ways == {"tot"}:
        return "earlier"
    return None


def keeps_day(folded: str) -> bool:
    """A move of the hour only: the appointment stays on its day unless another is said."""
    return bool(KEEPS_DAY.search(folded))


def is_goodbye(folded: str) -> bool:
    return bool(GOODBYE.search(folded))


# Talking a project over (« j'ai une idée de tatouage et j'aimerais en parler avec quelqu'un »,
# « j'envisage une grosse pièce, j'aimerais en discuter avant de me lancer ») is a
# consultation to book; talking over what happened (« mes résultats… je voudrais en parler
# avec quelqu'un ») is a person now.
PROJECT_TALK = _rx(
    r"\b(une idee|un projet|mon projet|notre projet|j envisage|on envisage|avant de me lancer"
    r"|avant de nous lancer|avant de se lancer)\b.{0,80}\ben (parler|discuter)\b",
    r"\ben (parler|discuter)\b.{0,60}\b(avant de me lancer|avant de nous lancer|avant de se lancer)\b",
    # ... or in order to entrust, sell or let something: « j'aimerais en parler avec quelqu'un
    # de chez vous pour vous le confier »
    r"\ben (parler|discuter)\b.{0,60}\bpour (vous )?(le|la|les|l) (confier|vendre|louer"
    r"|faire estimer|estimer|mettre en vente|mettre en location|faire gerer)\b",
)


def detect_intent(folded: str) -> Intent | None:
    """The request the text makes, if any (emergency and handover first)."""
    if is_emergency(folded):
        return Intent.EMERGENCY
    if wants_human(folded):
        # asking outright to be put through stays a handover, whatever else is said
        if PROJECT_TALK.search(folded) and not PUT_THROUGH.search(folded):
            return Intent.BOOKING
        return Intent.TRANSFER
    if CANCEL.search(folded):
        return Intent.CANCEL
    if MODIFY.search(folded):
        return Intent.MODIFY
    if CANCEL_ABSENCE.search(folded):
        # « je ne pourrai pas venir mardi, vous auriez mercredi ? »: another time asked moves it
        return Intent.MODIFY if ANOTHER_TIME_ASKED.search(folded) else Intent.CANCEL
    if NO_LONGER_SUITS.search(folded):
        return Intent.MODIFY
    coming = _without_round_trip(folded)
    if BOOKING_STRONG.search(coming) or BOOKING_WEAK.search(coming) or NEED.search(coming):
        return Intent.BOOKING
    return None


def menu_choice(folded: str) -> Intent | None:
    """The 1/2/3/4 menu of the anti-loop router."""
    for number, pattern in MENU.items():
        if pattern.search(folded):
            return MENU_INTENTS[number]
    return None

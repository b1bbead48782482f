from __future__ import annotations

import pytest

from conversations.dialogue.nlu.intents import (
    Intent,
    asks_for_someone,
    asks_information,
    detect_intent,
    held_shift,
    is_firm_booking,
    is_goodbye,
    is_greeting,
    is_info_question,
    is_introduction,
    is_policy_question,
    keeps_day,
    menu_choice,
    other_day,
    with_what_it_points_at,
)
from receptionist.lib.text import fold

INTENTS = [
    ("bonjour je voudrais un rendez-vous", Intent.BOOKING),
    ("euh ouais c'est pour prendre rdv", Intent.BOOKING),
    ("vous auriez un créneau demain", Intent.BOOKING),
    ("il me faudrait une vidange vous avez de la place", Intent.BOOKING),
    ("slt g un voyant moteur allumé faut que je passe", Intent.BOOKING),
    ("je souhaiterais faire vérifier mes freins", Intent.BOOKING),
    ("c'est pour un détartrage", Intent.BOOKING),
    ("est-ce que je peux passer cet après-midi", Intent.BOOKING),
    ("je peux venir demain matin", Intent.BOOKING),
    ("je voudrais annuler mon rendez-vous", Intent.CANCEL),
    ("il faut annuler mon rdv de jeudi", Intent.CANCEL),
    ("je ne pourrai pas venir mardi", Intent.CANCEL),
    ("je me désiste pour demain", Intent.CANCEL),
    ("je voudrais déplacer mon rendez-vous", Intent.MODIFY),
    # « ce que je veux » names a thing, it asks for nothing.
    ("je peux montrer une photo de ce que je veux ?", None),
    ("je sais pas trop ce que je voudrais comme couleur", None),
    # Reflexive « se déplacer » is getting about, not moving a booking…
    ("elle se déplace avec un déambulateur, elle pourra entrer ?", None),
    ("je me déplace en fauteuil c'est accessible ?", None),
    ("vous vous déplacez à domicile ?", None),
    # …unless the booking is its object.
    ("vous pouvez me déplacer mon rendez-vous de jeudi", Intent.MODIFY),
    # « Je ne serai pas là » is an absence; « pas à l'heure » is lateness.
    ("je ne serai pas là jeudi", Intent.CANCEL),
    ("je serai pas pile à l'heure c'est grave", None),
    ("je ne serai pas à l'heure, j'aurai dix minutes de retard", None),
    ("on peut décaler mon rdv", Intent.MODIFY),
    ("est-ce qu'on peut repousser mon rdv à samedi", Intent.MODIFY),
    ("mon créneau ne va plus on peut en trouver un autre", Intent.MODIFY),
    ("mon rdv tombe mal on peut le bouger", Intent.MODIFY),
    ("changer l'heure de mon rendez-vous", Intent.MODIFY),
    ("je veux parler à un humain", Intent.TRANSFER),
    ("passez-moi le garagiste", Intent.TRANSFER),
    ("je voudrais parler au docteur", Intent.TRANSFER),
    ("mettez moi en relation avec quelqu'un", Intent.TRANSFER),
    # Someone named by a pronoun, or the matter talked over with someone.
    ("vous pouvez me la passer ?", Intent.TRANSFER),
    ("passez-le-moi s'il vous plaît", Intent.TRANSFER),
    ("je préfère en parler directement avec l'opticienne", Intent.TRANSFER),
    ("j'aimerais en discuter avec le vétérinaire", Intent.TRANSFER),
    ("je vais en parler avec ma femme", None),  # someone of mine, not of the business
    ("il y a de la fumée qui sort du capot", Intent.EMERGENCY),
    ("je suis en panne sur l'autoroute avec mes enfants", Intent.EMERGENCY),
    ("mon fils saigne beaucoup", Intent.EMERGENCY),
    ("j'ai une douleur très forte dans la poitrine", Intent.EMERGENCY),
    ("j'ai mal à la poitrine depuis ce matin", Intent.EMERGENCY),
    ("j'ai du mal à respirer", Intent.EMERGENCY),
    ("mon mari a des difficultés à respirer", Intent.EMERGENCY),
    ("il respire mal et il est tout pâle", Intent.EMERGENCY),
    # Swallowing a poison is an emergency, for a person or an animal.
    ("il a mangé de la mort-aux-rats ce matin je crois, il tremble", Intent.EMERGENCY),
    ("ma fille a avalé des cachets", Intent.EMERGENCY),
    ("le chien a mangé du chocolat noir", Intent.EMERGENCY),
    ("je crois qu'il s'est empoisonné", Intent.EMERGENCY),
    ("il a mangé des croquettes ce matin", None),
    # Having a service done, as an obligation, is a booking.
    ("je dois faire vacciner mes deux chats", Intent.BOOKING),
    ("j'ai récupéré un chiot, faut lui faire ses vaccins", Intent.BOOKING),
    ("il faudrait faire réviser la voiture", Intent.BOOKING),
    ("je voudrais faire couper les cheveux de mon fils", Intent.BOOKING),
    # Texting shorthand is French too.
    ("bjr c pr 1 vaccin", Intent.BOOKING),
    ("slt jvoudrais un rdv dem1", Intent.BOOKING),
    ("au secours", Intent.EMERGENCY),
    ("quels sont vos horaires", None),
    ("j'ai eu un accident c'est vous qui voyez avec l'assurance", None),
    ("il faut changer l'huile", Intent.BOOKING),
    # A thing of mine in a bad state is a reason to come, i.e. a booking.
    ("ma voiture ne bouge plus", Intent.BOOKING),
    # An action asked as a question is still the action.
    ("je peux annuler mon rendez-vous ?", Intent.CANCEL),
    ("c'est possible de décaler mon rdv ?", Intent.MODIFY),
    # Moving has many verbs; « avancer », « bouger », « reculer » need the booking as object.
    ("je voudrais avancer mon rendez-vous", Intent.MODIFY),
    ("on peut reculer mon rdv d'une heure", Intent.MODIFY),
    ("c'est possible de bouger mon rendez-vous ?", Intent.MODIFY),
    ("je dois reporter ma séance", Intent.MODIFY),
    ("je voudrais changer de jour", Intent.MODIFY),
    ("mon rendez-vous de samedi ne m'arrange plus, on peut le changer ?", Intent.MODIFY),
    ("j'ai un empêchement jeudi, on peut le mettre un mardi plutôt ?", Intent.MODIFY),
    ("le pneu est crevé, il faut le changer", Intent.BOOKING),
    # Not coming, with the « ne » dropped as spoken French does; removing the booking.
    ("je viendrai pas finalement", Intent.CANCEL),
    ("je serai pas là demain pour mon rdv", Intent.CANCEL),
    ("vous pouvez l'enlever ma coupe de samedi", Intent.CANCEL),
    ("j'ai un empêchement pour demain", Intent.CANCEL),
    # The booking no longer needed.
    ("mon rendez-vous pour la réparation ne sert plus à rien", Intent.CANCEL),
    ("je n'ai plus besoin de mon rendez-vous", Intent.CANCEL),
    ("le rdv de jeudi n'est plus nécessaire, c'est réglé", Intent.CANCEL),
    ("ça ne sert à rien de prendre rendez-vous ?", Intent.BOOKING),  # a question, not mine
    ("je ne pourrai pas venir mardi, on peut décaler ?", Intent.MODIFY),
    # not coming, in the near future
    ("je vais pas pouvoir venir à mon détartrage", Intent.CANCEL),
    ("on va pas pouvoir venir samedi", Intent.CANCEL),
    # a booking that no longer suits is a move, unless the caller says they will not come
    ("mon rendez-vous de mardi ne me convient plus", Intent.MODIFY),
    ("mon contrôle de mardi tombe mal", Intent.MODIFY),
    ("je ne pourrai pas venir à mon contrôle de mardi, une réunion tombe pile", Intent.CANCEL),
    # struck off the diary
    ("vous pouvez rayer mon rendez-vous de jeudi ?", Intent.CANCEL),
    ("barrez le rdv de demain", Intent.CANCEL),
    # « mettez-moi » then a time puts the caller in the diary; alone, or « en relation », it
    # asks for someone
    ("mettez-moi plutôt un mardi après-midi", None),
    ("mettez-moi en relation avec le comptable", Intent.TRANSFER),
    ("mettez-moi quelqu'un, s'il vous plaît", Intent.TRANSFER),
    ("mettez-moi le garagiste", Intent.TRANSFER),
    ("mettez-moi au service comptable", Intent.TRANSFER),
    ("mettez-moi le 12", None),
    ("vous pouvez me basculer vers la comptabilité ?", Intent.TRANSFER),
    # not coming, with another time asked: a move
    ("je ne pourrai pas venir mardi, vous auriez mercredi ?", Intent.MODIFY),
    (
        "mon rendez-vous de mardi ne m'arrange plus, je ne pourrai pas venir, vous auriez "
        "mercredi ?",
        Intent.MODIFY,
    ),
    ("je ne pourrai pas venir, vous avez mon numéro ?", Intent.CANCEL),
    # « pas pouvoir » before a bound, or alone: no absence
    ("je vais pas pouvoir venir avant jeudi, vous avez de la place jeudi ?", Intent.BOOKING),
    ("ma mère va pas pouvoir venir seule, je peux l'accompagner ?", Intent.BOOKING),
    # the first appointment free is asked for
    ("donnez-moi le premier rendez-vous disponible", Intent.BOOKING),
    # someone who could see me: the relative « qui »
    ("est-ce qu'il y a quelqu'un qui peut me recevoir demain ?", Intent.BOOKING),
    # a thing scratched is no booking struck off
    ("mon pare-chocs est rayé, le rendez-vous de demain c'est pour ça", Intent.BOOKING),
    # being chased for a payment, warning of a delay: no need
    ("votre secrétariat me relance pour un paiement que j'ai déjà fait", None),
    ("je voulais vous prévenir que j'aurai dix minutes de retard", None),
    ("je voulais parler à Maître Dupont", Intent.TRANSFER),
    # « ça va passer ? » asks whether it will do; how one comes asks nothing of the diary;
    # « qui peut me recevoir ? » asks who
    ("je vais avoir 10 min de retard à cause des bouchons, ça va passer ?", None),
    ("en sortant du train je peux venir à pied ou c'est trop loin", None),
    ("je vais venir en voiture, y a moyen de se garer où ?", None),
    ("si j'ai très mal un jour férié, qui peut me recevoir ?", None),
    ("vous pouvez me recevoir demain ?", Intent.BOOKING),
    ("je peux venir demain ?", Intent.BOOKING),
    # the first, the next or the last appointment, with its article, is one spoken of
    ("le tout premier rendez-vous, je dois sortir la carte bleue ?", None),
    ("qu'est-ce que je dois prendre pour le premier rendez-vous ?", None),
    ("je voudrais un premier rendez-vous", Intent.BOOKING),
    # a thing set aside (« réservé » as an adjective) is no booking
    ("vous avez des places réservées pour les clients", None),
    ("je voudrais réserver pour samedi", Intent.BOOKING),
    ("un parking réservé aux clients ?", None),
    # the day held kept, another hour asked
    ("je garde mon jeudi mais ce serait mieux plus tard, après 18h", Intent.MODIFY),
    ("on garde le mardi, juste plus tôt si possible", Intent.MODIFY),
    # a task of mine still not done, or claimed from me, is work to hand over
    ("mon bilan de l'année dernière n'est toujours pas bouclé", Intent.BOOKING),
    ("l'URSSAF me réclame des cotisations", Intent.BOOKING),
    ("ma déclaration n'a jamais été faite", Intent.BOOKING),
    ("votre bilan n'est toujours pas bouclé ?", None),
    # the past of politeness is a wish
    ("j'aurais voulu voir un comptable pour un appartement que je loue", Intent.BOOKING),
    ("je voulais un rendez-vous pour ma fille", Intent.BOOKING),
    ("je voulais savoir si vous êtes ouverts samedi", None),
    # looking for another provider than one's own
    ("je cherche un nouveau cabinet, le mien ne répond plus", Intent.BOOKING),
    ("on cherche un autre dentiste", Intent.BOOKING),
    ("je cherche une nouvelle paire de lunettes", None),
    # switched to another time
    ("vous pourriez me basculer sur un samedi ?", Intent.MODIFY),
    ("je voudrais basculer mon rendez-vous à jeudi", Intent.MODIFY),
    # A need without « rendez-vous »: a reflexive accident, an animal's symptom, a requirement.
    ("je me suis cassé une dent", Intent.BOOKING),
    ("mon chien boite depuis hier", Intent.BOOKING),
    # a sense or a function failing, the caller's or a relative's
    ("Bonjour, je vois de plus en plus flou de loin, surtout le soir", Intent.BOOKING),
    ("mon fils voit pas net au tableau", Intent.BOOKING),
    ("j'entends mal d'une oreille depuis une semaine", Intent.BOOKING),
    ("il dort mal depuis son opération", Intent.BOOKING),
    ("je vois ce que vous voulez dire", None),
    ("ma maman de 87 ans voit de moins en moins bien pour lire", Intent.BOOKING),
    ("ma fille se plaint du dos depuis la rentrée", Intent.BOOKING),
    # a relative named is no state: « ma grand-mère », then what is asked
    ("ma grand-mère peut plus sortir de chez elle, vous pourriez passer la voir ?", None),
    ("ma grand-mère tousse depuis hier", Intent.BOOKING),
    ("mon fils de 11 ans a une verrue sous le pied depuis des semaines", Intent.BOOKING),
    ("mes ongles de pieds sont tout épais, je n'arrive plus à les couper", Intent.BOOKING),
    # a wish for the one the booking is for
    ("ma fille voudrait se faire percer les oreilles pour ses 14 ans", Intent.BOOKING),
    ("mon mari voudrait savoir vos horaires", None),
    # pain told by what it does
    ("ouais bonjour euh j'ai un ongle incarné ça commence à me lancer", Intent.BOOKING),
    ("ça me gratte la nuit entre les orteils", Intent.BOOKING),
    ("ça lui fait mal quand il marche", Intent.BOOKING),
    ("ça me fait rire", None),
    # a professional's wish that one comes, reported
    (
        "oui bonjour je suis diabétique et mon médecin veut que je vienne voir le pédicure",
        Intent.BOOKING,
    ),
    ("le kiné préfère que je consulte un ostéo", Intent.BOOKING),
    # looking for a professional or a service is a request
    ("Salut, je cherche un podo qui s'y connaît en course à pied", Intent.BOOKING),
    ("on recherche quelqu'un pour un contrat de mariage", Intent.BOOKING),
    ("je cherche une information sur vos tarifs", None),
    ("je cherche une place pour me garer près de chez vous", None),
    ("je cherche un harnais pour mon teckel, vous en avez ?", None),
    # not coming, told as a hypothetical
    ("si j'oublie de venir vous me faites payer quelque chose ?", None),
    # sight lost suddenly is an emergency, not a need
    (
        "depuis ce matin je vois plus rien de l'œil droit, c'est comme un voile noir",
        Intent.EMERGENCY,
    ),
    ("d'un coup je vois plus rien, tout est noir", Intent.EMERGENCY),
    ("je vois plus rien de près sans mes lunettes", None),
    ("je vois bien le panneau", None),
    ("il me faut un certificat pour le sport", Intent.BOOKING),
    ("mes lunettes sont cassées", Intent.BOOKING),
    ("j'ai mal au dos depuis trois jours", Intent.BOOKING),
    # A need reported as felt, wherever it comes in the sentence.
    ("j'ai l'impression que mes lunettes sont plus du tout adaptées", Intent.BOOKING),
    ("je trouve que ma vue baisse", Intent.BOOKING),
    ("il me semble que mon chat maigrit", Intent.BOOKING),
    ("je crois que mon numéro est le 06 12 34 56 78", None),  # a detail, not a need
    # Broken or lost by the one the booking is for; a professional's instruction reported; a
    # need to have something done, spoken without « il ».
    ("il a encore cassé ses lunettes à la récré", Intent.BOOKING),
    # A booking held, said as planned, then a change; calling for a service; asking to speak
    # to someone, whoever they are.
    ("mon flash est prévu mercredi prochain mais j'ai un match, on peut changer ?", Intent.MODIFY),
    (
        "j'ai un piercing prévu mercredi mais j'ai un partiel, on peut le passer un matin ?",
        Intent.MODIFY,
    ),
    (
        "j'ai rendez-vous mardi après-midi mais j'ai une réunion, on peut le passer un matin ?",
        Intent.MODIFY,
    ),
    ("j'ai un rdv jeudi, vous pouvez le décaler ?", Intent.MODIFY),
    # a thing held named by its day that no longer suits; the pronoun moved to a day; another
    # time asked of the business after the booking held (not one held elsewhere)
    (
        "mon remplissage de samedi ne m'arrange plus du tout, on peut le passer à un mercredi ?",
        Intent.MODIFY,
    ),
    ("ma coupe de mardi tombe mal", Intent.MODIFY),
    ("on peut la passer au jeudi ?", Intent.MODIFY),
    (
        "j'ai rendez-vous jeudi matin mais finalement je travaille, vous auriez plutôt le soir ?",
        Intent.MODIFY,
    ),
    (
        "j'ai rendez-vous jeudi chez le médecin, vous auriez plutôt vendredi ?",
        Intent.BOOKING,
    ),
    ("j'ai besoin d'un rendez-vous mardi, on peut le caler le matin ?", Intent.BOOKING),
    # Pain said as lasting, an injury or an ailment named: a need.
    ("j'ai toujours des douleurs dans le bassin", Intent.BOOKING),
    ("j'ai encore mal au dos", Intent.BOOKING),
    ("Salut, entorse de la cheville au foot", Intent.BOOKING),
    ("un lumbago depuis hier", Intent.BOOKING),
    ("le médecin m'a dit que je pouvais voir un ostéo", Intent.BOOKING),
    # Someone of the business asked to speak now.
    ("est-ce que quelqu'un du cabinet peut descendre ou me parler tout de suite", Intent.TRANSFER),
    ("quelqu'un pourrait me rappeler ?", Intent.TRANSFER),
    ("c'est prévu quand la réouverture ?", None),
    ("je vous appelle pour une retouche sur un tatouage", Intent.BOOKING),
    ("je vous appelle pour une petite question", None),
    ("est-ce que je peux parler à la perceuse s'il vous plaît", Intent.TRANSFER),
    # Talking a project over is a consultation; talking over what happened is a person now.
    ("j'ai une idée de tatouage et j'aimerais en parler avec quelqu'un", Intent.BOOKING),
    (
        "j'envisage une grosse pièce et j'aimerais en parler avec un tatoueur avant de me lancer",
        Intent.BOOKING,
    ),
    ("j'ai reçu mes résultats, je voudrais en parler avec quelqu'un", Intent.TRANSFER),
    ("j'ai un projet, je voudrais en parler avec quelqu'un, passez-moi le patron", Intent.TRANSFER),
    (
        "je préfère en parler directement avec l'opticienne, vous pouvez me la passer ?",
        Intent.TRANSFER,
    ),
    # « pour venir », « avant de passer » say why or when one comes.
    ("il faut la carte verte et la carte de la complémentaire pour venir ?", None),
    ("je dois appeler avant de passer ?", None),
    # Room to park, the business coming to the home, going through the switchboard, and an
    # appointment referred to (« le jour du rendez-vous ») are no request to come.
    ("je viens en voiture, y a de la place pour se mettre devant", None),
    ("est-ce que l'opticien peut venir chez nous", None),
    ("c'est combien pour que vous veniez le chercher à la maison et le ramener ?", None),
    ("vous pouvez venir la chercher et me la ramener après ?", None),
    ("faut toujours passer par le standard", None),
    ("le rdv pour les lentilles ça prend une heure ?", None),
    ("vous donnez des rendez-vous le samedi ?", None),
    ("vous avez de la place jeudi", Intent.BOOKING),
    ("rdv jeudi svp", Intent.BOOKING),
    ("je peux passer chez vous demain", Intent.BOOKING),
    # Setting a date is booking one; a wish said for several; calling on someone's behalf.
    (
        "notre prêt est enfin accepté, on peut fixer la date de signature de l'acte ?",
        Intent.BOOKING,
    ),
    (
        "l'acquéreur a obtenu son prêt, il faut maintenant fixer la signature définitive",
        Intent.BOOKING,
    ),
    ("on achète une maison et on voudrait voir un notaire avant de signer", Intent.BOOKING),
    ("nous souhaitons faire un contrat de mariage", Intent.BOOKING),
    ("allô oui bonjour je vous appelle pour ma maman qui vend sa maison", Intent.BOOKING),
    ("c'est ce qu'on voudrait savoir", None),
    # A wish to know is not one to come.
    ("je voudrais savoir le prix d'une coupe", None),
    ("on voudrait savoir comment se protéger", None),
    ("je voudrais vous poser une question", None),
    ("je voudrais savoir si vous avez de la place jeudi", Intent.BOOKING),
    ("je voudrais un renseignement", None),
    ("je vous appelle pour savoir si vous êtes ouverts", None),
    ("il faut que je parle à quelqu'un de l'étude tout de suite", Intent.TRANSFER),
    # Something damaged, wherever it is said; something of mine ready or arrived.
    ("je me suis assis sur mes lunettes, elles sont toutes tordues", Intent.BOOKING),
    ("en reculant, le pare-brise est fendu", Intent.BOOKING),
    ("Allô ? oui, on m'a envoyé un message, mes lunettes sont prêtes", Intent.BOOKING),
    ("j'ai reçu le texto, ma voiture est prête ?", Intent.BOOKING),
    ("mes lentilles sont arrivées", Intent.BOOKING),
    ("vous êtes prêts pour les fêtes ?", None),  # the business, not a thing of mine
    ("la boutique est fermée le lundi ?", None),  # a state of the business, no damage
    ("ma fille a perdu ses lunettes", Intent.BOOKING),
    ("l'ophtalmo a dit que ma fille devait porter des lunettes", Intent.BOOKING),
    ("le médecin m'a prescrit de faire des séances", Intent.BOOKING),
    ("on m'a conseillé de faire contrôler ma vue", Intent.BOOKING),
    ("il m'a dit que vous étiez fermés le lundi", None),  # a fact reported, no need
    ("faut lui en refaire", Intent.BOOKING),
    ("il me faut changer de verres", Intent.BOOKING),
    # The booking held, as the trade calls it, after a verb of cancelling or moving.
    ("je voudrais supprimer mon cours de code de mercredi", Intent.CANCEL),
    ("vous pouvez enlever ma séance de jeudi", Intent.CANCEL),
    ("je peux bouger ma leçon de jeudi ?", Intent.MODIFY),
    ("on peut avancer mon contrôle de lundi ?", Intent.MODIFY),
    ("je voudrais avancer ma voiture", Intent.BOOKING),  # a wish, no booking held named
    # Whether a service can be had here is a request to have it (the FAQ may answer first).
    ("je peux faire contrôler ma vue chez vous ?", Intent.BOOKING),
    ("c'est possible de faire réviser ma voiture samedi ?", Intent.BOOKING),
    ("on peut faire vacciner le chat chez vous ?", Intent.BOOKING),
    # Coming back is coming.
    ("l'opticienne m'a dit de revenir dans 15 jours pour vérifier mes lentilles", Intent.BOOKING),
    ("je dois repasser pour le contrôle", Intent.BOOKING),
    ("je peux revenir demain ?", Intent.BOOKING),
    # Asking to be seen, and a service asked for politely.
    ("vous pouvez me prendre demain matin ?", Intent.BOOKING),
    ("une coupe homme svp", Intent.BOOKING),
    ("mon numéro c'est le 06 12 34 56 78", None),
    ("vous êtes où", None),
    ("Paul Martin", None),
    # A professional's referral or prescription is a reason to come.
    ("c'est mon docteur qui m'a dit de vous téléphoner", Intent.BOOKING),
    ("le neurologue m'a dit de vous contacter", Intent.BOOKING),
    ("l'ORL m'a prescrit de l'orthophonie", Intent.BOOKING),
    ("le chirurgien m'a fait une ordonnance pour de la kiné", Intent.BOOKING),
    ("j'ai une ordonnance pour dix séances", Intent.BOOKING),
    ("son médecin a prescrit de la rééducation", Intent.BOOKING),
    ("le vétérinaire m'a prescrit un shampoing, vous le vendez ?", None),
    # Care to take up, as a duty.
    ("ma fille doit reprendre ses séances d'orthophonie", Intent.BOOKING),
    ("je dois faire un bilan", Intent.BOOKING),
    # A function failing: speaking, reading.
    ("depuis son AVC il parle mal", Intent.BOOKING),
    # The booking of someone close, removed.
    ("c'est pour supprimer une séance de mon fils", Intent.CANCEL),
    ("vous pouvez annuler son rendez-vous de jeudi", Intent.CANCEL),
    # Clashing with something, put elsewhere, a day that finally does not suit.
    (
        "mon rendez-vous de mardi tombe pendant une réunion, on peut le mettre ailleurs ?",
        Intent.MODIFY,
    ),
    ("on peut le mettre à un autre moment ?", Intent.MODIFY),
    (
        "finalement le mardi ça ne va pas pour le bilan de Zoé, vous auriez un vendredi ?",
        Intent.MODIFY,
    ),
    # A stroke under way is an emergency; one in the past is a reason for care.
    ("il arrive plus à parler d'un coup, il a la bouche toute de travers", Intent.EMERGENCY),
    ("son bras droit il bouge plus, il était très bien il y a dix minutes", Intent.EMERGENCY),
    ("je crois qu'elle fait un AVC", Intent.EMERGENCY),
    # choking now is an emergency; choking as a habit is a trouble to treat
    ("mon fils s'étouffe, il a avalé une bille", Intent.EMERGENCY),
    ("au secours il s'étouffe", Intent.EMERGENCY),
    (
        "ma grand-mère s'étouffe un peu quand elle boit et le médecin veut qu'elle voie une "
        "orthophoniste",
        Intent.BOOKING,
    ),
    ("il s'étouffe souvent en mangeant", None),
    # « la séance », « la consultation » refer to one, as « le rendez-vous » does
    ("est ce que je reste avec ma fille pendant la séance ou je dois attendre dehors", None),
    ("euh au fait ça coûte combien la consultation", None),
    ("je voudrais une séance", Intent.BOOKING),
    ("il vient de faire un AVC", Intent.EMERGENCY),
    ("c'est pour une rééducation après son AVC", Intent.BOOKING),
    ("il a fait un AVC l'an dernier et il parle mal", Intent.BOOKING),
    # A thing of mine that does something, in a relative clause; not a person who told me.
    ("j'ai une roue qui voile depuis la semaine dernière", Intent.BOOKING),
    ("on a un voyant qui s'allume sur le tableau de bord", Intent.BOOKING),
    ("j'ai une dent qui bouge", Intent.BOOKING),
    # a relative's or a household's trouble; a thing in a state, said with « avoir »
    ("c'est au sujet de ma fille, elle a de la fièvre depuis hier", Intent.BOOKING),
    ("on a un dégât des eaux dans la cuisine", Intent.BOOKING),
    ("j'ai un rétroviseur cassé", Intent.BOOKING),
    ("j'ai mon pneu qui est à plat", Intent.BOOKING),
    ("quel oreiller vous conseillez quand on a mal au cou ?", None),
    # a malfunction stated, whatever the subject; not in a relative clause
    ("le voyant moteur s'est allumé ce matin", Intent.BOOKING),
    ("le robinet de la salle de bain goutte", Intent.BOOKING),
    ("la télécommande ne marche plus", Intent.BOOKING),
    ("la chaudière est en panne", Intent.BOOKING),
    ("le virement est bloqué à la banque", None),
    ("vous prenez les gens qui ne marchent plus ?", None),
    # a cause clause before the thing: « je vous appelle parce que mes lunettes me font mal »
    ("je vous appelle parce que mes lunettes me serrent", Intent.BOOKING),
    # someone needing a service; a job to have done; a reminder received
    ("bonjour c'est madame Roux, mon mari a besoin d'une prise de sang", Intent.BOOKING),
    ("j'ai un devis à faire pour ma toiture", Intent.BOOKING),
    ("je dois renouveler mes lunettes", Intent.BOOKING),
    ("on a reçu votre courrier pour la visite annuelle", Intent.BOOKING),
    ("j'ai reçu un mail avec un lien bizarre, c'est vous ?", None),
    ("ce serait pour une coupe", Intent.BOOKING),
    ("j'ai une vieille lampe qui traîne, vous la reprenez ?", None),
    # asking to meet; a wish in the first person plural, whatever the subject
    ("pourrions-nous vous rencontrer pour en parler ?", Intent.BOOKING),
    ("ma femme et moi souhaiterions un rendez-vous ensemble", Intent.BOOKING),
    ("nous souhaiterions savoir vos tarifs", None),
    # a reported advice with two pronouns before the verb
    ("une amie m'a conseillé de m'y prendre tôt", Intent.BOOKING),
    # repairing is no move: « la remettre en état »
    ("combien ça coûte pour la remettre en état ?", None),
    ("on peut la remettre à jeudi ?", Intent.MODIFY),
    ("on pourrait passer la séance photo un samedi ?", Intent.MODIFY),
    # sent by a professional; something missing; trouble doing something; a service overdue
    ("je vous appelle de la part du docteur Morel", Intent.BOOKING),
    ("il me manque une pièce pour ma tondeuse", Intent.BOOKING),
    ("j'appelle pour mon grand-père qui a du mal à marcher", Intent.BOOKING),
    ("ça fait longtemps que je n'ai pas fait vérifier mes freins", Intent.BOOKING),
    ("quand on a du mal à dormir vous conseillez quoi ?", None),
    # breathing with difficulty is an emergency, a blocked nose is not
    ("j'ai un peu de mal à respirer", Intent.EMERGENCY),
    ("il a de plus en plus de mal à respirer", Intent.EMERGENCY),
    ("j'ai du mal à respirer par le nez depuis mon rhume", Intent.BOOKING),
    # taking a test is no move; removing a service is a booking; a comparison, a noun, a
    # thought are no malfunction; a case in general is no need
    ("je voudrais passer le contrôle technique mardi", Intent.BOOKING),
    ("je voudrais passer l'examen du code un samedi", Intent.BOOKING),
    ("je voudrais enlever ma pose de gel", Intent.BOOKING),
    ("le magasin ferme plus tôt le samedi ?", None),
    ("ça marche plus vite en ligne ?", None),
    ("vous faites la patine des meubles ?", None),
    ("j'ai une question qui me tracasse", None),
    ("lorsque j'ai mal au dos, je fais quoi ?", None),
    ("s'il a de la fièvre je l'amène quand même ?", None),
    ("la porte ferme plus", Intent.BOOKING),
    # giving a booking up; planning it again; earlier or later than planned, another hour
    ("finalement on ne viendra pas samedi", Intent.CANCEL),
    ("je laisse tomber le rendez-vous de mardi", Intent.CANCEL),
    ("je préfère renoncer à la séance de lundi", Intent.CANCEL),
    ("vous pouvez rayer mon nom pour vendredi ?", Intent.CANCEL),
    ("c'est pour libérer mon créneau de demain", Intent.CANCEL),
    ("mon rendez-vous de mercredi, on oublie", Intent.CANCEL),
    ("je laisse tomber, je rappellerai", None),
    ("est-ce possible de reprogrammer ma séance ?", Intent.MODIFY),
    ("est-ce que je pourrais venir plus tôt que prévu ?", Intent.MODIFY),
    ("le bébé peut arriver plus tôt que prévu ?", None),
    ("pour jeudi, ce serait possible à 17h plutôt qu'à 10h ?", Intent.MODIFY),
    ("vous auriez plus tard dans la journée pour mon rendez-vous de demain ?", Intent.MODIFY),
    ("je préfère l'après-midi plutôt que le matin", None),
    # too long, too wide; a part of a thing of mine; a dream; no longer needed; a fitting
    # cancelled with its article; a piece of information needed is no booking
    ("elle est beaucoup trop longue", Intent.BOOKING),
    ("j'ai une veste trop large aux épaules", Intent.BOOKING),
    ("la doublure de mon manteau est déchirée", Intent.BOOKING),
    ("les manches de ma chemise me tombent sur les doigts", Intent.BOOKING),
    ("je rêve d'en avoir une faite pour moi", Intent.BOOKING),
    ("je n'ai plus besoin de venir jeudi", Intent.CANCEL),
    ("je vous prie de supprimer l'essayage prévu jeudi", Intent.CANCEL),
    ("j'ai besoin du numéro de la rue pour le GPS", None),
    ("c'est trop cher pour moi", None),
    # a trouble as a case to come is no need
    ("si j'ai un souci la veille, je dois prévenir quand ?", None),
    ("au cas où j'ai mal après, je fais quoi ?", None),
    ("j'ai une amie qui m'a parlé de vous, vous faites les ongles ?", None),
    ("j'ai une collègue qui travaille à côté", None),
    # A fall; not coming across something.
    ("elle est tombée dans l'escalier ce matin", Intent.BOOKING),
    ("je suis tombé sur votre site, vous faites les devis ?", None),
    # A job the caller cannot do alone.
    ("j'ai acheté une étagère mais je n'ai pas les outils pour la monter", Intent.BOOKING),
    ("je ne sais pas la régler toute seule", Intent.BOOKING),
    ("j'arrive pas à le démonter", Intent.BOOKING),
    # The content after a greeting and a civility.
    ("allô bonjour madame, c'est pour la tondeuse de mon père", Intent.BOOKING),
    ("ouais bonjour mes essuie-glaces laissent des traces", Intent.BOOKING),
    # A service held, moved by its action noun or put to another day; removed with its day.
    ("je voudrais avancer mon montage de pneus", Intent.MODIFY),
    ("on peut mettre le toilettage de Rex un jeudi ?", Intent.MODIFY),
    ("vous pouvez passer ma séance à un autre jour ?", Intent.MODIFY),
    ("samedi finalement je ne suis pas là, je peux venir un autre jour ?", Intent.MODIFY),
    ("il faut supprimer la pose de vendredi", Intent.CANCEL),
    # « mon passage », « ma venue » are the visit held; a booking had, then another time
    # wished « plutôt »; not needing to come any more, whoever says it.
    ("on peut mettre mon passage un lundi ?", Intent.MODIFY),
    ("j'ai rdv jeudi matin, ce serait possible de passer l'après-midi plutôt ?", Intent.MODIFY),
    ("j'ai un rendez-vous mardi, plutôt un jeudi ce serait mieux", Intent.MODIFY),
    ("j'ai un rdv chez le médecin jeudi, plutôt vendredi alors", Intent.BOOKING),
    ("j'ai rendez-vous jeudi, je préfère payer plutôt par carte", Intent.BOOKING),
    ("mon pc remarche tout seul, du coup plus besoin de venir jeudi", Intent.CANCEL),
    ("du coup on a plus besoin de se déplacer jeudi", Intent.CANCEL),
    # (« en plus », or a question about a service: no cancellation)
    ("En plus, besoin de venir avec le carnet de santé ?", Intent.BOOKING),
    ("Avec la téléconsultation, plus besoin de venir sur place ?", Intent.BOOKING),
    # a booking asked around one held elsewhere is no move
    (
        "Je voudrais prendre rendez-vous pour une coupe, j'ai un rendez-vous médical mardi matin "
        "donc plutôt l'après-midi",
        Intent.BOOKING,
    ),
    # A cry for help said of a thing of one's own is a way of speaking; of someone, or of an
    # animal, it stays an emergency.
    ("au secours, mon téléphone est tombé dans l'eau", Intent.BOOKING),
    ("à l'aide, ma voiture ne démarre plus", Intent.BOOKING),
    ("que faire si mon appareil est tombé dans l'eau ?", None),
    ("au secours mon chien ne bouge plus", Intent.EMERGENCY),
    ("au secours ma fille est tombée", Intent.EMERGENCY),
    ("à l'aide !", Intent.EMERGENCY),
    ("au secours mon gamin est tombé", Intent.EMERGENCY),
    ("au secours ma belle-mère ne répond plus", Intent.EMERGENCY),
    ("AVC mon père parle plus, vite", Intent.EMERGENCY),
    # Broken for good, said familiarly; being worn out is no need.
    ("mon écran est foutu", Intent.BOOKING),
    ("il est HS depuis hier", Intent.BOOKING),
    ("il a pris l'eau et il est complètement mort", Intent.BOOKING),
    ("je suis complètement mort", None),
    ("on est naze ce soir", None),
    ("ils sont complètement morts de rire", None),
    ("mon rendez-vous de demain, vous pouvez le vérifier ?", None),
    # Seeing or visiting a thing offered, calling about it, entrusting it, being accompanied
    # in a project, a visit to set: a visit to book.
    ("la maison avec jardin affichée à 345 000 €, je peux la voir ?", Intent.BOOKING),
    ("il me plairait beaucoup de le découvrir", Intent.BOOKING),
    ("j'appelle pour l'appartement à louer rue de Strasbourg", Intent.BOOKING),
    ("j'appelle pour mon rendez-vous de demain", None),
    ("c'est décidé, je vous le confie", Intent.BOOKING),
    ("j'aimerais en parler avec quelqu'un de chez vous pour vous le confier", Intent.BOOKING),
    ("j'aimerais en parler avec quelqu'un de chez vous", Intent.TRANSFER),
    ("je cherche à investir, vous pouvez m'accompagner ?", Intent.BOOKING),
    ("il faut qu'on fixe le dernier passage avec l'agence", Intent.BOOKING),
    ("vous pouvez retirer le passage prévu pour l'estimation", Intent.CANCEL),
    # The job asked on a thing of mine named by a pronoun is a request to have it done; what
    # the business does, or how long it takes, is a question.
    ("vitre fendue sur mon téléphone, vous pouvez la remplacer ?", Intent.BOOKING),
    ("vous pourriez me le réparer ?", Intent.BOOKING),
    ("vous réparez les écrans de Mac ?", None),
    # A device misbehaving, said of it; not a plant, nor rowing.
    ("deux de nos postes redémarrent sans prévenir", Intent.BOOKING),
    ("mon pc plante tout le temps", Intent.BOOKING),
    ("ma tablette s'éteint toute seule", Intent.BOOKING),
    ("l'écran se fige", Intent.BOOKING),
    ("je vous apporte une plante ?", None),
    # A garment too long or too wide, said by the excess, by where it trails, by a gape.
    ("ils font tous dix bons centimètres de trop", Intent.BOOKING),
    ("le pantalon traîne par terre", Intent.BOOKING),
    ("la robe bâille au décolleté", Intent.BOOKING),
    # A thing of mine without what it needs.
    ("je lance mon cabinet et mon site n'a toujours aucune photo de moi", Intent.BOOKING),
    ("ma veste n'a plus de bouton", Intent.BOOKING),
    # A thing that moves or comes undone by itself; a garment that hangs badly on the body
    # (not a bad time).
    ("la braguette de mon jean redescend toute seule", Intent.BOOKING),
    ("la braguette de mon jean redescend tte seule c relou", Intent.BOOKING),
    ("la couture de l'épaule de ma veste en daim s'ouvre sur cinq centimètres", Intent.BOOKING),
    ("elle tombe mal sur les hanches depuis que j'ai maigri", Intent.BOOKING),
    ("jeudi ça tombe mal", None),
]


@pytest.mark.parametrize(
    "text", ["il faut enlever la roue avant ?", "vous pouvez retirer le vernis ?"]
)
def test_removing_a_thing_is_no_cancellation(text: str) -> None:
    # only a booking is cancelled: a thing named without a word of booking nor a day of its own
    assert detect_intent(fold(text)) != Intent.CANCEL


@pytest.mark.parametrize(("text", "expected"), INTENTS, ids=[t for t, _ in INTENTS])
def test_detect_intent(text: str, expected: Intent | None) -> None:
    assert detect_intent(fold(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("est-ce que je peux passer pour un devis carrosserie ?", True),
        ("vous avez de la place jeudi", True),
        ("je peux passer mon contrôle technique chez vous", False),
        ("je voudrais savoir vos horaires", False),
        # coming denied: « plutôt que de venir », « au lieu de passer », « sans venir »
        ("on peut se parler par écran plutôt que de venir ?", False),
        ("au lieu de passer je peux tout envoyer par mail ?", False),
        ("je peux signer sans venir ?", False),
        ("je peux venir signer jeudi ?", True),
        # after a subjunctive « puisse », coming is a purpose, not a request
        ("mon médecin doit me faire un papier pour que je puisse venir ?", False),
        ("il faut quoi pour qu'on puisse passer vous voir", False),
        ("je voudrais passer mardi pour que vous puissiez voir la voiture", True),
        # the business coming to the home is asked of it, not a request to come
        ("ma grand-mère ne sort plus, vous pourriez venir lui couper les ongles ?", False),
        ("vous pouvez passer me voir demain ?", False),
        # nor is its fetching and bringing back: the second verb shares the business's subject
        ("vous pouvez venir le chercher et le ramener ?", False),
        ("c'est combien pour que vous veniez le chercher chez moi et le ramener ?", False),
        ("quelqu'un peut passer la prendre lundi et la ramener le soir ?", False),
        ("je peux venir le déposer et le reprendre le soir ?", True),
    ],
)
def test_firm_booking(text: str, expected: bool) -> None:
    assert is_firm_booking(fold(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("est-ce que vous auriez de la place pour moi ?", True),
        ("vous avez un créneau pour ma fille cette semaine ?", True),
        ("il y a de la place pour se garer ?", False),
        ("vous avez de la place pour ma voiture dans le parking ?", False),
        # to be seen, asked politely with « est-ce que vous… »
        ("je me suis fait mal au dos, est-ce que vous pourriez me prendre ?", True),
        ("est-ce que vous pouvez nous recevoir samedi", True),
    ],
)
def test_room_asked_for_someone_is_a_request(text: str, expected: bool) -> None:
    assert asks_for_someone(fold(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("merci au revoir", True),
        ("non merci c'est tout", True),
        ("bonne journée", True),
        ("merci beaucoup", True),
        ("je voudrais un rdv merci", False),
        ("non", False),
    ],
)
def test_goodbye(text: str, expected: bool) -> None:
    assert is_goodbye(fold(text)) is expected


# Saying who one is, in a role, before what for; not a state, nor a place one comes from.
INTRODUCTIONS = [
    ("Bonjour, je suis responsable des services généraux d'une PME", True),
    ("ici la secrétaire du cabinet Martin", True),
    ("bonjour madame, je suis une cliente", True),
    ("je suis la maman de Lucas", True),
    ("je suis perdu", False),
    ("je suis de Lyon", False),
    ("bonjour", False),
]


@pytest.mark.parametrize(("text", "expected"), INTRODUCTIONS, ids=[t for t, _ in INTRODUCTIONS])
def test_is_introduction(text: str, expected: bool) -> None:
    assert is_introduction(fold(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", Intent.BOOKING),
        ("un", Intent.BOOKING),
        ("prendre un rendez-vous", Intent.BOOKING),
        ("2", Intent.CANCEL),
        ("annuler", Intent.CANCEL),
        ("trois", Intent.MODIFY),
        ("4", Intent.TRANSFER),
        ("parler à quelqu'un", Intent.TRANSFER),
        ("bof", None),
    ],
)
def test_menu_choice(text: str, expected: Intent | None) -> None:
    assert menu_choice(fold(text)) == expected


# Only a greeting or a sign of presence; anything with content is not one.
GREETINGS = [
    ("bonjour !", True),
    ("allô oui", True),
    ("oui bonjour madame", True),
    ("allo allo", True),
    ("bonjour je voudrais un rdv", False),
    ("bonjour c'est Paul Martin", False),
    ("", False),
]


@pytest.mark.parametrize(("text", "expected"), GREETINGS, ids=[t or "empty" for t, _ in GREETINGS])
def test_is_greeting(text: str, expected: bool) -> None:
    assert is_greeting(fold(text)) is expected


# Questions about the terms of a change (deadline, fees, conditions) versus requests for one.
POLICY = [
    ("jusqu'à quand je peux annuler ?", True),
    ("c'est payant si je décale mon rendez-vous ?", True),
    ("si j'annule, je suis remboursé ?", True),
    ("il faut annuler combien d'heures avant ?", True),
    ("en cas d'empêchement comment ça se passe", True),
    # A conditional withdrawal, and being charged, are the terms of cancelling.
    ("si je me désiste la veille vous me faites payer quelque chose", True),
    ("si on décommande au dernier moment c'est facturé ?", True),
    ("vous me faites payer si je décale ?", True),
    ("je peux annuler mon rendez-vous ?", False),
    ("c'est possible de décaler mon rdv à jeudi ?", False),
    ("est-ce que vous pouvez annuler mon rendez-vous de demain", False),
    # what a cancellation costs, asked after it
    ("je me désiste la veille au soir, c'est compté ?", True),
    ("j'annule demain matin, je paie quand même ?", True),
    ("si je décale je perds mon acompte ?", True),
    ("je dois annuler, c'est pour demain 14h", False),
    # whether to cancel or move, and when or at what cost
    ("ma chienne a ses chaleurs, je décale ou pas ?", True),
    ("je peux décommander la veille sans payer ?", True),
    ("on peut annuler le jour même ?", True),
    ("je voudrais décaler mon rendez-vous de jeudi", False),
    ("je dois annuler, désolé de prévenir la veille", False),
]


@pytest.mark.parametrize(("text", "expected"), POLICY, ids=[t for t, _ in POLICY])
def test_is_policy_question(text: str, expected: bool) -> None:
    assert is_policy_question(fold(text)) is expected


# Asking whether one must book, or may come without, is about the business's rules.
RULES_OF_BOOKING = [
    ("on peut passer sans rendez-vous ?", True),
    ("faut un rendez-vous pour venir récupérer ma commande ?", True),
    ("il faut une réservation ou pas", True),
    ("faut réserver ou on peut venir comme ça", True),
    ("je peux passer choisir une monture sans prévenir ?", True),
    ("c'est quoi vos conditions pour décommander", True),  # asking what
    ("je dois ramener quoi le jour du rendez-vous", True),
    ("il faut que je réserve pour samedi", False),
    ("je peux venir comme ça sans réserver", True),
    ("vous prenez à l'improviste", True),
    ("c'est obligatoire de réserver", True),
    ("je voudrais un rendez-vous demain", False),
    ("je peux réserver pour jeudi", False),
    # a right or a duty asked about
    ("on a le droit de venir le voir quand il est hospitalisé ?", True),
    ("ma fille a seize ans, elle a le droit de commencer le code", True),
    ("c'est à moi de faire venir le diagnostiqueur ?", True),
    ("on est obligés de venir à deux ?", True),
    ("j'ai droit à une réduction ?", False),  # no « le droit de »: a price question elsewhere
    # how to come, or when one likes
    ("faut venir à jeun ou vaut mieux manger avant ?", True),
    ("il faut venir accompagné ?", True),
    ("je peux venir quand je veux ?", True),
    ("vous êtes ouverts, je peux passer n'importe quand ?", True),
    ("je peux venir jeudi avec mon fils", False),
    # how one may come, asked
    ("on peut venir à trois avec mes copines, c'est pour un piercing", True),
    ("ma fille a 15 ans elle peut venir toute seule sans moi ?", True),
    ("je peux passer avec mon chat ?", True),
    ("on peut venir directement sans ordonnance", True),
    ("je pourrai venir en fauteuil ?", True),
    ("Mon ado de 14 ans peut venir seul, ou faut-il que je l'accompagne ?", True),
    ("je peux venir mardi", False),
    # whether one pays
    ("le premier rdv pour parler de mon idée, je le paye ?", True),
    ("faut payer le jour même ?", True),
    ("je voudrais un premier rendez-vous", False),
    # a service given as a present
    ("je voudrais offrir une séance à ma sœur pour son anniversaire, c'est possible ?", True),
    ("vous faites des cartes cadeaux ?", True),
    ("je voudrais une séance pour ma sœur", False),
    ("notre offre a été acceptée, on doit prendre rendez-vous pour le compromis", False),
    # how long, how far
    ("c'est long pour avoir une place à l'examen", True),
    ("c'est loin de la gare ?", True),
    ("c'est pour un détartrage", False),
]


@pytest.mark.parametrize(("text", "expected"), RULES_OF_BOOKING)
def test_rules_of_booking_are_a_question(text: str, expected: bool) -> None:
    assert asks_information(fold(text)) is expected


# « Allô ? » checks the line, it asks nothing; a question mark anywhere else asks; spoken
# French asks yes or no with « … ou pas » and puts the question word last.
QUESTIONS = [
    ("faut que je ramène ma carte d'identité ou c'est pas la peine", True),
    ("je peux venir avec mon chien ou pas", True),
    ("ça coûte combien", True),
    ("vous êtes où", True),
    ("je voudrais un rendez-vous", False),
    ("c'est pour un contrôle quoi", False),  # « quoi » last, a filler
    ("Allô ? oui, on m'a envoyé un message, mes lunettes sont prêtes", False),
    ("allo ? bonjour, c'est pour une vidange", False),
    ("Allô oui ? je voudrais un rendez-vous", False),
    ("allô ? vous êtes ouverts samedi ?", True),
    ("c'est ouvert le samedi ?", True),
    ("vous êtes où", True),
    ("mes lunettes sont prêtes", False),
    # « … ou c'est pas la peine » asks, wherever it is said
    ("faut que je ramène ma carte d'identité ou c'est pas la peine, j'ai 30 ans", True),
    ("je viens avec ma femme ou pas", True),
    # « quoi » in place of the thing asked, after a subject and its verb (last, a filler)
    ("je vends mon appart, faut que je demande quoi au syndic", True),
    ("on fait quoi si le chat vomit", True),
    ("je lui donne quoi avant l'opération", True),
    ("c'est pour une vidange quoi", False),
    ("je voudrais juste un contrôle quoi", False),
    # confirming where or who, and « ça marche chez vous »
    ("j'ai perdu quatre points, c'est chez vous qu'on fait le stage", True),
    ("c'est bien ici que je dépose mon dossier", True),
    ("c'est vous qui faites les vaccins", True),
    ("mon patron paie avec le CPF, ça marche chez vous", True),
    ("c'est chez vous que j'ai acheté mes lunettes l'an dernier, elles sont cassées", False),
    ("c'est vous qui m'avez opéré le chat", False),
    ("c'est pour changer mes plaquettes", False),
    # « il y a » asks what there is; with a span of time it says « ago »
    ("il y a un parking", True),
    ("un bilan après mon accouchement, il y a deux mois, j'ai encore mal au bassin", False),
    ("je suis venu il y a longtemps", False),
    ("il y a trois semaines je suis tombé", False),
    # asking what the business can do, wherever it is said
    ("attendez elle est en ehpad à trélazé vous pouvez pas venir la voir là-bas", True),
    ("bonjour, vous pourriez me dire si le parking est gratuit", True),
    ("je vous laisse mon numéro, vous pouvez noter", False),
    ("ma clim souffle chaud vous pouvez la recharger", True),
    ("ma puce bouge tout le temps vous arrivez quand même à la coiffer", True),
    ("je suis témoin à une noce vous pouvez m'attacher les cheveux", True),
    ("je voudrais une vidange, c'est pour ma voiture", False),
    # a tag asking for confirmation, after a statement
    ("euh attendez il faut que je paye un truc avant pour réserver c'est ça", True),
    ("on vient à deux pour signer, n'est-ce pas", True),
    ("oui c'est ça", False),
    ("voilà c'est bien ça", False),
    # an aside announced
    (
        "euh au fait ma fille m'a offert une carte de chez vous l'an dernier elle est encore bonne",
        True,
    ),
    ("petite question : le parking est payant", True),
    ("au fait c'est pour ma fille", True),  # an aside, whatever it says
    # « où » asked in place after the verb, or first; not the relative « où » (its subject
    # follows), « là où », « au moment où »
    ("on se retrouve où pour démarrer la séance de conduite", True),
    ("je laisse ma voiture où sans prendre une amende", True),
    ("y a moyen de se mettre où autour", True),
    ("où je peux me garer", True),
    ("euh où est-ce qu'on se gare", True),
    ("c'est pour le jour où je viens", False),
    ("je voudrais venir au moment où ma fille sort de l'école", False),
    ("là où vous êtes, c'est bien pour moi", False),
    ("la salle où on attend est trop petite", False),
    # a choice between two clauses; not a choice of days
    ("je viens en jogging ou il faut prévoir autre chose", True),
    ("la deuxième séance elle est moins chère ou c'est pareil", True),
    ("il faudra revenir souvent ou une fois ça suffit", True),
    ("mardi ou jeudi ça m'arrange", False),
    ("lundi ou mardi c'est pareil pour moi", False),
    # « vous avez … » after a statement; a possessive of the caller's tells
    ("mon chat stresse avec les chiens vous avez un coin à part", True),
    ("mon chien a un régime pour les reins, vous avez ses sacs", True),
    ("je me suis inscrite, vous avez mon dossier", False),
    # permission or ability asked after a statement; not a condition nor a time
    ("je me déplace en fauteuil, je peux venir faire le code chez vous", True),
    ("mon fils a quinze ans il peut déjà conduire avec moi à côté", True),
    ("ma mère se déplace avec un déambulateur elle pourra entrer facilement", True),
    ("je passerai dès que je peux", False),
    ("je passerai le matin quand je pourrai me libérer", False),
    # two pronouns before the verb asked of the business
    ("j'ai perdu les papiers de ma maison, vous pouvez me les renvoyer", True),
    # a question word after someone's telling, in the past, reports a question already answered
    ("c'est ma fille qui m'a montré comment vous écrire, je voudrais un toilettage", False),
    ("on nous a expliqué quels papiers apporter", False),
    ("le kiné m'a dit combien de séances il faudrait", False),
    ("on m'a dit comment venir mais je ne retrouve plus", False),
    ("vous pouvez me dire comment venir", True),
    ("on m'a dit comment venir, c'est bien derrière la gare ?", True),
    ("je voudrais savoir comment on vient", True),
    # what is in a thing of mine, or what happened, is told; a thing that opens or shuts by
    # itself is no opening hour
    ("mon disque dur ne s'affiche plus et il y a toute ma thèse dessus", False),
    ("il y a eu une fuite dans la salle de bain", False),
    # « quoi » right after a verb asks what; after a noun it is a filler
    ("faut changer quoi pour le taux des impôts", True),
    ("j'ai mal à la gorge je prends quoi", True),
    ("c'est pour un contrôle quoi", False),
    # what the business knows how to do
    ("on loue un gîte l'été, vous savez faire la 2031", True),
    ("comme vous savez mon dossier est en retard", False),
    # a thing shut in the past is no opening hour asked
    ("l'URSSAF me réclame des cotisations pour une année où mon activité était déjà fermée", False),
    ("vous êtes fermés le lundi", True),
    ("il y a un parking", True),
    ("des fenêtres de pub s'ouvrent toutes seules", False),
    ("la porte ne se ferme plus", False),
    # « sans prévenir » asks the rules when it is about coming; of a device, it is suddenly
    ("on peut passer sans prévenir", True),
    ("je peux passer laisser une veste comme ça sans prévenir", True),
    ("deux de nos postes redémarrent sans prévenir", False),
    # what one can no longer do is told; a thing one shuts, or its zip, is no opening hour
    ("le zip s'est arraché, je peux plus la fermer du tout", False),
    ("la fermeture de mon blouson a lâché", False),
    ("à quelle heure est la fermeture", True),
    ("la fermeture de votre magasin pendant les fêtes", True),
    ("c'est fermé le lundi", True),
    ("vous ouvrez à quelle heure", True),
    ("le magasin est fermé le lundi", True),
]


@pytest.mark.parametrize(("text", "expected"), QUESTIONS, ids=[t for t, _ in QUESTIONS])
def test_is_info_question(text: str, expected: bool) -> None:
    assert is_info_question(text, fold(text)) is expected


# Another day than the one held, for a move.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le rendez-vous de mercredi tombe mal, on peut le mettre un autre jour ?", True),
        ("je voudrais changer de jour", True),
        ("on peut décaler l'heure ?", False),
        ("plutôt l'après-midi", False),
    ],
)
def test_another_day(text: str, expected: bool) -> None:
    assert other_day(fold(text)) is expected


KEEPS_DAY = [
    ("j'ai rdv jeudi matin, ce serait possible de passer l'après-midi plutôt ?", True),
    ("un autre jour, l'après-midi plutôt", False),
    ("je voudrais changer l'heure de mon rendez-vous de lundi", True),
    ("on peut décaler l'heure ?", True),
    ("plus tard le même jour si possible", True),
    ("je voudrais changer de jour", False),
    ("à quelle heure vous fermez ?", False),
    # another part of the day asked « plutôt »: set against the one held, the same day
    ("j'ai rendez-vous jeudi matin mais je travaille, vous auriez plutôt le soir ?", True),
    ("plutôt en fin de journée si possible", True),
    ("je préférerais plutôt l'après-midi", True),
    ("un autre jour, plutôt le matin", False),
    ("je voudrais changer de jour, plutôt le soir", False),
    ("le matin plutôt que le soir", False),
    # « un peu plus tard »: a little, so the same day
    ("décaler mon rendez-vous de jeudi un peu plus tard", True),
    # later or earlier within a part of that day
    ("c'est possible de le décaler un peu plus tard dans la matinée ?", True),
    ("plus tôt dans l'après-midi si vous pouvez", True),
    # the day held, kept in words
    ("je garde mon jeudi mais ce serait mieux plus tard", True),
    ("je garde mon vélo chez moi", False),
]


@pytest.mark.parametrize(("text", "expected"), KEEPS_DAY, ids=[t for t, _ in KEEPS_DAY])
def test_a_move_of_the_hour_keeps_the_day(text: str, expected: bool) -> None:
    assert keeps_day(fold(text)) is expected


# A question pointing at the booking under way is read with its reason; any other is not.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pourriez-vous me confirmer le montant de cette prestation ?",
            "Pourriez-vous me confirmer le montant de cette prestation ? (coupe des griffes)",
        ),
        ("ça dure combien déjà ?", "ça dure combien déjà ? (coupe des griffes)"),
        (
            "ce rendez-vous, je dois le payer ?",
            "ce rendez-vous, je dois le payer ? (coupe des griffes)",
        ),
        # a noun left out after an adjective, or a pronoun: the thing of the booking
        (
            "si jamais elle est cassée, une neuve ça coûte combien ?",
            "si jamais elle est cassée, une neuve ça coûte combien ? (coupe des griffes)",
        ),
        (
            "la remplacer, ça revient à combien ?",
            "la remplacer, ça revient à combien ? (coupe des griffes)",
        ),
        ("combien pour la changer ?", "combien pour la changer ? (coupe des griffes)"),
        ("un autre jour ça coûte pareil ?", "un autre jour ça coûte pareil ?"),
        ("ça coûte combien un bain ?", "ça coûte combien un bain ?"),  # it names its own thing
        ("vous êtes ouverts le samedi ?", "vous êtes ouverts le samedi ?"),
    ],
)
def test_a_question_pointing_at_the_booking_is_read_with_its_reason(
    text: str, expected: str
) -> None:
    assert with_what_it_points_at(text, fold(text), "coupe des griffes") == expected
    assert with_what_it_points_at(text, fold(text), "") == text


HELD_SHIFT = [
    # said of a move without an hour: later or earlier than the appointment held
    ("un peu plus tard dans la matinée", "later"),
    ("vous auriez plus tôt ?", "earlier"),
    # a bound, « as soon as possible », an hour: not relative to the one held
    ("au plus tard jeudi", None),
    ("le plus tôt possible", None),
    ("plus tard que 17h", None),
    ("plus tôt ou plus tard, peu importe", None),
    ("changer l'heure mais pas plus tard", None),
]


@pytest.mark.parametrize(("text", "expected"), HELD_SHIFT, ids=[t for t, _ in HELD_SHIFT])
def test_later_or_earlier_than_the_appointment_held(text: str, expected: str | None) -> None:
    assert held_shift(fold(text)) == expected

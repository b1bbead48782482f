"""French vocabulary for the FAQ matcher: data tables only, all written on folded text.

Concept tokens are upper-case so they can never collide with a folded word.
"""

from __future__ import annotations

# Pronouns, articles, auxiliaries, modal verbs, number words, politeness and
# conversational glue: they say how the caller talks, not what they ask about.
STOP_WORDS: frozenset[str] = frozenset(
    """
    a ai aie aient ais ait as au aux avec avez aviez avoir avons ont aura aurai auriez aurais
    aurait eu eue eus
    c ca ce ceci cela celle celui ces cet cette ci d de des du dans en et es est etes etre
    etais etait etiez etions ete sont suis sera serai serait seriez soit sommes
    j je m me moi mon ma mes n ne nous notre nos on l la le les leur leurs lui elle elles il ils
    qu que qui quoi quel quelle quels quelles lequel laquelle s se sa son ses soi t te toi ton
    ta tes tu un une vous votre vos y
    par pour sur sous vers chez entre sans apres avant pendant depuis
    mais donc or ni car si comme alors puis ensuite sinon
    pas plus rien jamais ne non oui ouais ouai mouais ok okay dac accord
    bonjour bonsoir salut allo hello coucou madame monsieur mademoiselle messieurs dames
    svp stp plait merci beaucoup excusez excuse pardon desole desolee
    peux peut peuvent pouvez pouvons pourrais pourrait pourriez pouvoir puisse puissiez
    veux veut voulez voudrais voudrait voudriez voulais voulait vouloir aimerais aimerait
    sais sait savez savoir savais saurais sauriez
    dois doit devez devrais devrait devoir faut faudrait fallait
    fais fait faites faire faisons font fera ferai ferait ferez feriez
    vais va vas allez aller allons vont irai irais
    prend prends prenez prendre prenons prennent pris prise
    dis dit dites dire demande demander demandais renseigner renseignement renseignements
    info infos information informations question questions petite petit
    voila bon bien tres trop aussi encore deja juste vraiment simplement seulement exactement
    surtout normalement genre enfin quand meme tout tous toute toutes chose truc machin
    ici la bas hein bah ben beh eh oh ah
    possible possibilite moyen
    qu quand quoi comment pourquoi ou trouve trouver trouvez ya partir
    jusqu lorsqu puisqu quelqu
    zero deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize
    vingt trente quarante cinquante soixante cent cents mille
    """.split()
)

# Generic verbs (in their usual forms), adverbs, adjectives and relatives: a caller adds
# them freely, so they weigh little whether or not the FAQ uses them.
WEAK_WORDS: frozenset[str] = frozenset(
    """
    accepter acceptez accepte proposer proposez propose pratiquer pratiquez pratique
    effectuer effectuez assurer assurez occuper occupez occupe travailler travaillez
    avoir passer passe passez venir viens vient venez mettre mets met mettez mis mise
    donner donnez voir vois voit voyez vu regarder chercher cherche aider aide besoin envie
    souhaiter souhaite aimer aime connaitre utiliser utilisez
    loin pres proche cote facile facilement rapide rapidement vite souvent toujours
    habitude habituellement normal actuellement maintenant bientot tard tot plutot environ
    grave gros grand grande bon bonne mauvais meilleur meilleure pareil autre autres
    quelque certain certains premier premiere prochain prochaine dernier derniere
    mere pere mari epoux epouse maman papa copain copine conjoint parent parents voisin
    """.split()
)

# Concepts: words that mean the same thing in a customer-service question.
# Each word is also stemmed, so inflections and verb endings follow.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "PRIX": (
        "prix", "tarif", "tarifs", "tarification", "cout", "couter", "coute", "combien",
        "payant", "payante", "gratuit", "gratuite", "gratuitement", "cher", "chere",
        "euro", "euros", "honoraires", "supplement", "offert", "offerte", "frais", "argent",
    ),
    "PAYER": (
        "payer", "paye", "payez", "paiement", "regler", "reglement", "carte", "cb",
        "cheque", "cheques", "espece", "especes", "liquide", "cash", "virement",
    ),
    "HORAIRE": (
        "horaire", "horaires", "ouvert", "ouverte", "ouverts", "ouvrir", "ouvre", "ouvrez",
        "ouverture", "ferme", "fermer", "fermez", "fermes", "fermee", "fermeture", "heure",
        "heures",
    ),
    "LIEU": (
        "adresse", "situe", "situes", "situee", "localisation", "localise", "itineraire",
        "gps", "endroit", "quartier",
    ),
    "PARKING": ("parking", "stationner", "stationnement"),
    "VEHICULE": ("voiture", "vehicule", "auto", "automobile", "bagnole"),
    "RDV": (
        "rdv", "reserver", "reservation", "creneau", "creneaux", "dispo", "disponible",
        "disponibilite", "disponibilites",
    ),
    "ANNULER": (
        "annuler", "annulation", "decommander", "desister", "desistement", "reporter",
        "decaler", "empeche",
    ),
    "ACHAT": ("acheter", "achat", "achete", "vendre", "vente", "vendez", "vend", "vendu"),
    "DEPOSER": ("deposer", "depose", "laisser", "laisse", "amener", "emmener", "apporter"),
    "RECUPERER": ("recuperer", "recup", "recupere"),
    "PRET": ("pret", "preter", "courtoisie"),
    "DUREE": ("duree", "durer", "dure", "longtemps", "delai", "delais"),
    "DEVIS": ("devis", "estimation", "chiffrage", "chiffrer"),
    "URGENCE": ("urgence", "urgences", "urgent", "urgente"),
    "ENFANT": (
        "enfant", "enfants", "gamin", "gamine", "gosse", "mome", "bambin", "bebe", "fils",
        "fille", "ado", "ados", "adolescent",
    ),
    "REDUCTION": ("reduction", "reduc", "remise", "promo", "promotion", "reduit", "ristourne"),
    "TELEPHONE": ("telephone", "tel", "appeler", "joindre", "contacter", "numero"),
    "MAIL": ("mail", "email", "mails", "courriel"),
    "INTERNET": ("internet", "site", "web", "appli", "application", "doctolib", "planity"),
    "ACCES": (
        "handicap", "handicape", "fauteuil", "pmr", "accessible", "accessibilite",
        "ascenseur", "escalier", "escaliers", "marches", "poussette",
    ),
    "ANIMAL": ("chien", "chiens", "chat", "animal", "animaux"),
    "ASSURANCE": (
        "assurance", "assureur", "mutuelle", "rembourser", "remboursement", "rembourse",
        "secu", "cpam",
    ),
    "CONGE": ("vacances", "conge", "conges", "ferie", "feries"),
    "MEDECIN": ("medecin", "docteur", "doc", "toubib", "praticien", "generaliste"),
    "RETARD": ("retard", "retarde"),
    "DOMICILE": ("domicile", "deplacement"),
    "CADEAU": ("cadeau", "cadeaux"),
    "ORDONNANCE": ("ordonnance", "ordonnances", "prescription", "prescrire"),
    "CLIMATISATION": ("clim", "climatisation", "climatiseur"),
    "COULEUR": ("couleur", "coloration", "teinture", "colorer"),
    # the business speaking of itself: « le garage », « le cabinet », « le salon »
    "ICI": (
        "garage", "atelier", "cabinet", "salon", "magasin", "boutique", "institut",
        "agence", "etablissement", "clinique",
    ),
    "JOUR": (
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "weekend",
        "matin", "matinee", "soir", "soiree", "midi", "aprem", "aujourdhui", "demain",
        "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
        "octobre", "novembre", "decembre", "nocturne",
    ),
}

# Words whose stem is shared with an unrelated word (« garer » and « gare »): matched as
# written, never stemmed into the concept.
EXACT_CONCEPTS: dict[str, str] = {
    "garer": "PARKING",
    "garez": "PARKING",
    "garee": "PARKING",
    "gare": "PARKING",
    "remplacant": "PRET",
    "remplacante": "PRET",
    "fermetures": "CONGE",
}

# Concepts that qualify a question (when, where, how much) rather than name its topic.
CONCEPT_WEIGHTS: dict[str, float] = {"JOUR": 0.4, "LIEU": 0.8, "ICI": 0.3}
# On their own (« mardi matin »), these are an answer to a question, not a question.
MODIFIER_CONCEPTS: frozenset[str] = frozenset({"JOUR", "ICI"})
# The aspect of a topic a caller asks about. An entry that matches only aspects of a
# question leaves its unknown words (« la boulangerie ouvre à quelle heure ») as the topic.
ASPECT_CONCEPTS: frozenset[str] = frozenset(
    {"PRIX", "HORAIRE", "LIEU", "DUREE", "RDV", "TELEPHONE", "MAIL", "INTERNET", "DEPOSER",
     "RECUPERER", "ACHAT", "JOUR", "ICI"}
)

# Multi-word expressions, rewritten on folded text before tokenisation, in this order.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"\baujourd hui\b", "aujourdhui"),
    (r"\bweek end\b|\bwe\b", "weekend"),
    (r"\bapres midi\b|\bapre midi\b|\bapm\b", "aprem"),
    (r"\ben attendant\b|\ba cote de\b|\ben face de\b", " "),
    (r"\b(?:carte|cheque|bon|coffret) (?:cadeau|kdo)\b", "CADEAU"),
    (r"\bcarte vitale\b", "cartevitale"),
    (r"\bcarte (?:de )?fidelite\b", "fidelite"),
    (r"\bcarte grise\b", "cartegrise"),
    (r"\b(?:voiture|vehicule|auto) de remplacement\b", "VEHICULE PRET"),
    (r"\bfermeture annuelle\b|\bjours? feries?\b", "CONGE"),
    (r"\btiers payant\b", "tierspayant"),
    (r"\bsans (?:prendre )?(?:de |d un |un )?(?:rendez vous|rendezvous|rdv)\b", "SANSRDV"),
    (r"\brendez vous\b|\brendezvous\b|\brdv\b|\brv\b", "RDV"),
    (
        r"\b(?:combien de temps|combien d heures?|combien de jours|en combien de|"
        r"temps d attente|ca prend combien|quel delai)\b",
        "DUREE",
    ),
    (r"\b(?:a|jusqu a|jusqu) quelle heure\b", "HORAIRE"),
    (r"\bheures? d ouverture\b", "HORAIRE"),
    (r"\bprise en charge\b|\bpris en charge\b|\bprend en charge\b", "ASSURANCE"),
    (r"\bsecurite sociale\b|\bassurance maladie\b", "ASSURANCE"),
    (r"\bfauteuil roulant\b|\bmobilite reduite\b", "ACCES"),
    (r"\ba domicile\b|\ba la maison\b|\bchez moi\b|\bse deplace\w*\b", "DOMICILE"),
    (r"\ben ligne\b|\bpar internet\b|\bsur internet\b", "INTERNET"),
    (r"\bpar mail\b|\be mail\b", "MAIL"),
    (r"\ben retard\b", "RETARD"),
    (r"\bsans contact\b|\bcarte (?:bleue|bancaire)\b", "PAYER"),
    (r"\bfai\w* payer\b", "PRIX"),
    (r"\bse trouve\w*\b|\bvous trouve\w*\b|\bcomment venir\b|\bcomment aller\b", "LIEU"),
    (
        r"^ou\b|\bou$|\bou (?:est|etes|se|sont|ca|exactement|que|puis|peut|peux|faut)\b|"
        r"\b(?:est|etes|sont|situe|situes) ou\b",
        "LIEU",
    ),
    (r"\b(?:pres|en face) de la gare\b", "LIEU"),
    (
        r"\b(?:me|te|se|nous|vous|on) gar(?:e|es|ez|er|ent|ons|ee)\b|"
        r"\bgar(?:e|er|ez) (?:ma|la|sa|votre|ta) voiture\b",
        "PARKING",
    ),
    (r"\bvenir chercher\b|\bpasser prendre\b|\breprendre\b", "RECUPERER"),
    (r"\bpas venir\b|\bpeux plus venir\b|\bpourrai pas venir\b", "ANNULER"),
    (r"\bc est combien\b|\bca fait combien\b|\bca coute\b", "PRIX"),
)

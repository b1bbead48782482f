"""French vocabulary for the FAQ matcher: data tables only, all written on folded text.

Word lists are whitespace-separated strings. Concept tokens are upper-case so they can
never collide with a folded word.
"""

from __future__ import annotations

# Pronouns, articles, auxiliaries, modal verbs, number words, politeness and
# conversational glue (« attendez », « écoutez », « tiens », « bref » open a question, they
# do not name its topic): they say how the caller talks, not what they ask about.
STOP_WORDS = """
    a accord ah ai aie aient aimerais aimerait ais ait aller allez allo allons alors apres
    as au aura aurai aurais aurait auriez aussi aux avant avec avez aviez avoir avons bah
    bas beaucoup beh ben bien bon bonjour bonsoir c ca car ce ceci cela celle celui cent
    cents ces cet cette chez chose ci cinq cinquante comme comment coucou d dac dames dans
    de deja demandais demande demander depuis des desole desolee deux devez devoir devrais
    devrait dire dis dit dites dix dois doit donc douze du eh elle elles en encore enfin
    ensuite entre es est et etais etait ete etes etiez etions etre eu eue eus exactement
    excuse excusez faire fais faisons fait faites fallait faudrait faut fera ferai ferait
    ferez feriez font genre hein hello huit ici il ils info information informations infos
    irai irais j jamais je jusqu juste l la laquelle le lequel les leur leurs lorsqu lui m
    ma machin madame mademoiselle mais me meme merci mes messieurs mille moi mon monsieur
    mouais moyen n ne neuf ni non normalement nos notre nous oh ok okay on ont onze or ou
    ouai ouais oui par pardon partir pas pendant petit petite peut peuvent peux plait plus
    possibilite possible pour pourquoi pourrais pourrait pourriez pouvez pouvoir pouvons
    prend prendre prends prenez prennent prenons pris prise puis puisqu puisse puissiez qu
    quand quarante quatorze quatre que quel quelle quelles quelqu quels question questions
    qui quinze quoi renseignement renseignements renseigner rien s sa sais sait salut sans
    saurais sauriez savais savez savoir se seize sept sera serai serait seriez ses seulement
    si simplement sinon six soi soit soixante sommes son sont sous stp suis sur surtout svp
    t ta te tes toi ton tous tout toute toutes treize trente tres trois trop trouve trouver
    trouvez truc tu un une va vais vas vers veut veux vingt voila vont vos votre voudrais
    voudrait voudriez voulais voulait voulez vouloir vous vraiment y ya zero
    attendez attends ecoutez ecoute tiens bref voyons hum
"""

# Generic verbs (in their usual forms), adverbs, adjectives and relatives: a caller adds
# them freely, so they weigh little whether or not the FAQ uses them.
WEAK_WORDS = """
    absolument accepte accepter acceptez actuellement aide aider aime aimer assurer assurez
    choisir
    autre autres avoir besoin bientot bon bonne certain certains cherche chercher
    completement conjoint connaitre copain copine cote dernier derniere directement donner
    donnez effectuer effectuez egalement envie environ epouse epoux evidemment facile
    facilement forcement franchement grand grande grave gros habitude habituellement
    justement loin maintenant maman mari mauvais meilleur meilleure mere met mets mettez
    mettre mis mise normal notamment obligatoirement papa pareil
    parent parents passe passer passez pere plutot pratique pratiquer pratiquez premier
    premiere pres prochain prochaine proche propose proposer proposez quelque rapide
    rapidement regarder souhaite souhaiter souvent tard tot toujours 
    uniquement utiliser utilisez venez venir viens vient vite voir vois voisin voit voyez vu
"""

# Concepts: words that mean the same thing in a customer-service question.
# Each word is also stemmed, so inflections and verb endings follow.
CONCEPTS: dict[str, str] = {
    "PRIX": (
        "prix tarif tarifs tarification cout couter coute combien payant payante gratuit "
        "gratuite gratuitement cher chere euro euros honoraires supplement offert offerte "
        "argent"
    ),
    "PAYER": (
        "payer paye payez paiement regler reglement carte cb cheque cheques espece especes "
        "liquide cash virement "
        # card networks and wallets are ways of paying
        "amex visa mastercard maestro paypal lydia applepay googlepay"
    ),
    "HORAIRE": (
        "horaire horaires ouvert ouverte ouverts ouvrir ouvre ouvrez ouverture ferme fermer "
        "fermez fermes fermee fermeture heure heures"
    ),
    "LIEU": "adresse situe situes situee localisation localise itineraire gps endroit quartier",
    "PARKING": "parking",
    "VEHICULE": "voiture vehicule auto automobile bagnole",
    "RDV": (
        "rdv reserver reservation creneau creneaux dispo disponible disponibilite disponibilites"
    ),
    "ANNULER": (
        "annuler annulation decommander desister desistement reporter decaler empeche "
        # not turning up is the case the cancellation terms are about (« poser un lapin » is
        # an expression below: a rabbit alone is a rabbit)
        "absence absent absente"
    ),
    "ACHAT": "acheter achat achete vendre vente vendez vend vendu",
    "DEPOSER": "deposer depose laisser laisse amener emmener ramener apporter",
    "RECUPERER": "recuperer recup recupere",
    "PRET": "pret preter courtoisie",
    "DUREE": "duree durer dure longtemps delai delais",
    "DEVIS": "devis estimation chiffrage chiffrer",
    "URGENCE": "urgence urgences urgent urgente permanence",
    # an injection is how a vaccine is given (« la piqûre annuelle du chat »)
    "VACCIN": "vaccin vaccins vacciner vaccination vaccinations piqure piqures injection injections",
    "ENFANT": (
        "enfant enfants gamin gamine gosse mome bambin bebe bebes fils fille filles ado ados "
        "adolescent adolescente fiston nourrisson loulou puce"
    ),
    "HOMME": "homme hommes masculin masculine mec mecs gars garcon garcons mari epoux",
    "FEMME": "femme femmes feminin feminine dame epouse",
    "REDUCTION": "reduction reduc promo promotion reduit ristourne",
    "TELEPHONE": "telephone tel appeler joindre contacter numero",
    "MAIL": "mail email mails courriel",
    "INTERNET": "internet site web appli doctolib planity",
    "ACCES": (
        "handicap handicape fauteuil pmr accessible accessibilite ascenseur escalier escaliers "
        "poussette"
    ),
    "ANIMAL": "chien chiens chienne chiot chiots chat chats chaton toutou animal animaux",
    "ASSURANCE": (
        "assurance assureur mutuelle mutuelles complementaire rembourser remboursement rembourse "
        "secu cpam "
        # insurers and health mutuals by name are insurance, as card networks are paying
        "mgen macif maaf maif matmut axa malakoff humanis ag2r swisslife allianz "
        "groupama generali mgefi mnt apicil santevet"
    ),
    "CONGE": "vacances conge conges ferie feries",
    "MEDECIN": "medecin docteur doc toubib praticien",
    "RETARD": "retard retarde bouchon bouchons embouteillage embouteillages",
    "DOMICILE": "domicile",
    # being seen by a professional: « faire examiner », « ausculter », « une visite »
    "CONSULTATION": "consultation consultations consulter examiner examen examens ausculter",
    "CREMATION": "cremation incineration incinerer",
    # seen at a distance: « en visio », « par la caméra », « par écran »
    "VISIO": "visio visioconference video camera webcam ecran teleconsultation",
    "CADEAU": "cadeau cadeaux surprise offrir",
    "MARIAGE": "mariage mariages noce noces temoin temoins ceremonie",
    "ALLERGIE": (
        "allergie allergies allergique allergiques reaction reactions reagi reagit rougeur "
        "rougeurs demangeaison demangeaisons eczema intolerance"
    ),
    "FIDELITE": "fidelite fidele fideles cumuler cumule cumulez habitue habituee",
    "ETUDIANT": "etudiant etudiante etudiants etudiantes universite lyceen lyceenne",
    "INSATISFAIT": "insatisfait insatisfaite decu decue reclamation rattraper retouche retouches",
    "WIFI": "wifi connexion reseau",
    "ORDONNANCE": "ordonnance ordonnances prescription prescrire",
    "CLIMATISATION": "clim climatisation climatiseur",
    "COULEUR": "couleur coloration teinture colorer",
    "ICI": "garage atelier cabinet salon magasin boutique institut agence etablissement clinique",
    "MARQUE": (
        "marque marques constructeurs peugeot renault citroen dacia volkswagen vw bmw audi "
        "mercedes toyota fiat ford opel tesla kia hyundai nissan skoda seat volvo porsche "
        # A car, a product or a brand « allemande » is a question about the make.
        "francais francaise francaises etranger etrangere etrangeres etrangers allemand "
        "allemande allemandes allemands italien italienne italiennes japonais japonaise "
        "japonaises anglais anglaise americain americaine coreen coreenne chinois chinoise "
        "espagnol espagnole suedois suedoise asiatique asiatiques europeen europeenne"
    ),
    "UTILITAIRE": (
        "utilitaire utilitaires camion camions camionnette camionnettes fourgon fourgons "
        "fourgonnette van vans benne plateau poids lourd lourds"
    ),
    "QUALITE_PIECE": (
        "origine adaptable adaptables compatible compatibles equivalente equivalentes "
        "equivalent equivalents generique generiques"
    ),
    "GARDER": "garder garde gardez gardes immobiliser immobilise immobilisez immobilisation conserver",
    # Doing the job on something: « vous travaillez sur », « vous réparez », « vous entretenez ».
    "SERVICE": (
        "entretenir entretien entretenez entretient reparer reparez repare reparation "
        "reparations travailler travaillez travaille occupez occuper soigner soignez traiter "
        "traitez"
    ),
    "DENT": "dent dents dentaire dentaires",
    "DOULEUR": "douleur douleurs mal souffre souffrir",
    "LANGUE": "langue langues parlez parle",
    "MOMENT": (
        "lundi mardi mercredi jeudi vendredi samedi dimanche weekend matin matinee soir soiree "
        "midi aprem aujourdhui demain hier jour jours journee journees semaine semaines mois an "
        "ans annee annees janvier fevrier mars avril mai juin juillet aout septembre octobre "
        "novembre decembre nocturne"
    ),
}

# Words whose stem is shared with an unrelated word (« garer » and « gare », « remise » and
# « remis », « stationner » and « station »): matched as written, never stemmed.
EXACT_CONCEPTS: dict[str, str] = {
    "garer": "PARKING",
    "garez": "PARKING",
    "garee": "PARKING",
    "stationner": "PARKING",
    "stationnement": "PARKING",
    "rappeler": "TELEPHONE",
    "rappelez": "TELEPHONE",
    "rappelle": "TELEPHONE",
    "frais": "PRIX",
    "remise": "REDUCTION",
    "remises": "REDUCTION",
    "generaliste": "MEDECIN",
    "application": "INTERNET",
    "fermetures": "CONGE",
    # « mariée » stems to « marie », the first name
    "mariee": "MARIAGE",
    "mariees": "MARIAGE",
    # « arabe », « anglais »… as languages (several are also the origin of a make, MARQUE)
    "english": "LANGUE",
    "arabe": "LANGUE",
    "portugais": "LANGUE",
    "russe": "LANGUE",
    "turc": "LANGUE",
    "deambulateur": "ACCES",
    "bequilles": "ACCES",
    "rampe": "ACCES",
}

# Concepts that qualify a question (when, where, how much) rather than name its topic.
CONCEPT_WEIGHTS: dict[str, float] = {"MOMENT": 0.4, "LIEU": 0.8, "ICI": 0.3}
# On their own (« mardi matin »), these are an answer to a question, not a question.
MODIFIER_CONCEPTS = "MOMENT ICI"
# The aspect of a topic a caller asks about. An entry that matches only aspects of a
# question leaves its unknown words (« la boulangerie ouvre à quelle heure ») as the topic.
ASPECT_CONCEPTS = "PRIX HORAIRE LIEU DUREE RDV TELEPHONE MAIL INTERNET ACHAT MOMENT ICI"

_VEHICLE = r"(?:voiture|bagnole|auto|caisse|vehicule|moto|scooter|camion|camionnette)"
# Multi-word expressions, rewritten on folded text before tokenisation, in this order.
PHRASES: tuple[tuple[str, str], ...] = (
    # small talk that shares words with real questions
    (r"\bquelle heure (?:est il|il est)\b|\bquel temps (?:il fait|fait il|va t il faire)\b", " "),
    (r"\bmeteo\b", " "),
    # « rappelez-moi, ça dure combien de temps ? »: « remind me », before a question, opens
    # it; « rappelez-moi demain » (call me back) keeps its meaning.
    (
        r"^(?:euh )?rappel(?:ez|le) moi (?=(?:ca|c est|combien|quel|quelle|quels|quelles"
        r"|comment|votre|vos|vous|il faut|on)\b)",
        " ",
    ),
    (r"\baujourd hui\b", "aujourdhui"),
    (r"\bweek end\b|\bwe\b", "weekend"),
    (r"\bapres midi\b|\bapre midi\b|\bapm\b", "aprem"),
    (r"\b(?:voiture|vehicule|auto) (?:de remplacement|en attendant)\b", "VEHICULE PRET"),
    (r"\ben attendant\b|\ba cote de\b|\ben face de\b", " "),
    (r"\b(?:cartes?|cheques?|bons?|coffrets?) (?:cadeaux?|kdo)\b", "CADEAU"),
    # « la carte verte » is the carte Vitale, by its colour
    (r"\bcarte (?:vitale|verte)\b", "cartevitale"),
    (r"\bcarte (?:de )?fidelite\b", "fidelite"),
    (r"\bcarte grise\b", "cartegrise"),
    (r"\bfermeture annuelle\b|\bjours? feries?\b", "CONGE"),
    # « entre midi et deux » is the lunch break: a question about opening hours
    (r"\bentre midi et (?:deux|2|14 ?h?)\b", "HORAIRE"),
    # on call: « vétérinaire de garde », « pharmacie de garde »
    (r"\bde garde\b", "URGENCE"),
    # paying in instalments: « en plusieurs fois », « étaler », « échelonner »
    (
        r"\ben (?:plusieurs|deux|trois|quatre|2|3|4|10) fois\b|\betal(?:er|e|ez)\b"
        r"|\bechelonn\w*\b|\bmensualites?\b",
        "PAYER ECHELONNE",
    ),
    (r"\bchaise roulante\b|\bfauteuil roulant\b", "ACCES"),
    (r"\btiers payant\b", "tierspayant"),
    (r"\bsans (?:prendre )?(?:de |d un |un )?(?:rendez vous|rendezvous|rdv)\b", "SANSRDV"),
    (r"\brendez vous\b|\brendezvous\b|\brdv\b|\brv\b", "RDV"),
    (
        r"\b(?:(?:ca prend |en )?combien de temps|combien d heures?|combien de jours|combien de minutes|"
        r"en combien de|temps d attente|ca prend combien|quel delai)\b",
        "DUREE",
    ),
    (r"\b(?:a|jusqu a|jusqu) quelle heure\b", "HORAIRE"),
    (r"\b(?:vous etes|etes vous|vous serez|serez vous) la\b", "HORAIRE"),
    (r"\bheures? d ouverture\b", "HORAIRE"),
    (r"\bprise en charge\b|\bpris en charge\b|\bprend en charge\b", "ASSURANCE"),
    (r"\bsecurite sociale\b|\bassurance maladie\b", "ASSURANCE"),
    (r"\bfauteuil roulant\b|\bmobilite reduite\b", "ACCES"),
    # One's own way of getting about is mobility (« elle se déplace en fauteuil », « je me
    # déplace difficilement »); the business getting about is a home visit (below), and so is
    # not being able to get about any more (« elle ne peut plus se déplacer »).
    (
        r"\b(?:se|me|nous) deplac\w* (?:en|avec|difficilement|mal|peu|lentement|a l aide)\b",
        "ACCES",
    ),
    (
        r"\ba domicile\b|\ba la maison\b|\bchez moi\b|\bse deplace\w*|\bdeplacez vous\b|"
        r"\bvous vous deplacez\b",
        "DOMICILE",
    ),
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
    # Leaving a vehicle somewhere is parking it: « laisser ma voiture devant », « je viens en
    # bagnole, y a moyen de la poser », « de la place pour se mettre devant ».
    (
        r"\b(?:laiss|pos|mett|stationn)\w* (?:ma |la |sa |votre |mon |le |son |ta |ton )?"
        rf"{_VEHICLE}\b"
        # (whatever the verb's form: « je viens en voiture, je la mets où ? »)
        rf"|\b{_VEHICLE}\b(?: \w+){{0,6}} (?:la|le) (?:pose|poser|posez|laisse|laisser|laissez"
        r"|mets|met|mettre|mettez|stationne|stationner|stationnez)\b(?! sur le pont\b)"
        r"|\bde la place pour (?:se |me |nous )?(?:mettre|garer|stationner)\b",
        "PARKING",
    ),
    (r"\bvenir chercher\b|\bpasser prendre\b|\breprendre\b", "RECUPERER"),
    (r"\bpas venir\b|\bpeux plus venir\b|\bpourrai pas venir\b", "ANNULER"),
    # spoken French drops « ne »: « je viens pas », « je viendrai pas »
    (r"\b(?:viens|vient|viendrai|viendrais|viendra|venons|viendrons) pas\b", "ANNULER"),
    # closing time: « vous finissez à quelle heure », « à quelle heure vous terminez »
    (
        r"\b(?:finiss\w*|termin\w*|finit) (?:a quelle heure|tard)\b"
        r"|\ba quelle heure (?:vous |on )?(?:finiss\w*|termin\w*|finit)\b",
        "HORAIRE",
    ),
    # seen at home: « le docteur vient chez les gens », « passer à la maison », « venir le voir
    # chez lui », « passer chez ma mère »
    (
        r"\b(?:venir|vient|venez|viendriez|viennent|passer|passez|passe|deplac\w*)"
        r"(?: (?:le|la|les|l|me|m|nous|lui|leur))?(?: (?:voir|chercher|soigner|examiner|prendre))?"
        r" (?:chez (?:moi|nous|lui|elle|eux|elles|les gens|les patients|les clients|mes parents"
        r"|ma mere|mon pere|ma grand mere|mon grand pere|ma maman|mon papa)|a la maison"
        r"|a domicile)\b",
        "DOMICILE",
    ),
    (r"\bc est combien\b|\bca fait combien\b|\bca coute\b", "PRIX"),
    # « ça revient à combien », « ça chiffre à combien »: a price
    (r"\b(?:revien\w*|chiffre\w*|monte\w*) a combien\b", "PRIX"),
    (r"\bamerican express\b", "amex"),
    (r"\b(?:apple|google|samsung) pay\b", "applepay"),
    # not turning up: « poser un lapin », « faire faux bond », « ne pas se présenter »
    (
        r"\bpos\w* (?:un )?lapin\b|\bfai\w* faux bond\b|\bpas (?:me |nous |se )?presenter\b",
        "ANNULER",
    ),
    # late: « pas (pile) à l'heure », « dix minutes de retard / après l'heure »
    (r"\bpas (?:pile |tout a fait |vraiment )?a l heure\b", "RETARD"),
    (
        r"\b(?:minutes?|quart d heure|demi heure) (?:de decalage|apres l heure|en retard)\b",
        "RETARD",
    ),
    # a child: « ma puce », « mon petit bout », « les petits », « il a 18 mois »
    # (not « les petits chiens »: a plural noun after it; « alors », « aussi », « vous »… are
    # no nouns)
    (
        r"\b(?:avec|pour|aux|des|les|mes|nos|vos) (?:tout )?petits\b"
        r"(?! (?!(?:alors|aussi|apres|plus|moins|vous|nous|dans|sous|sans|chez|mais|puis|donc)\b)"
        r"\w+[sx]\b)",
        "ENFANT",
    ),
    (r"\b(?:mon|ma|notre) (?:petit bout|bout de chou|petite? dernier\w*)\b", "ENFANT"),
    # « mon petit garçon », « une petite fille »: a child, whatever the sex
    (r"\bpetite?s? (?:garcons?|filles?)\b", "ENFANT"),
    (
        r"\b(?:il|elle) a (?:\d{1,2}|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix) mois\b",
        "ENFANT",
    ),
    # « vous travaillez le lundi », « le dimanche vous bossez »: whether the business is open
    (
        r"\b(?:travaill\w*|bossez|bosse|bossent)(?= (?:le |les |en |la )?(?:lundi|mardi|mercredi|"
        r"jeudi|vendredi|samedi|dimanche|weekend|soir|matin|midi|aprem|jours? feries?)s?\b)",
        "HORAIRE",
    ),
    (
        r"\b((?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|weekend)s?) (?:vous |on )?"
        r"(?:travaill\w*|bossez|bosse|bossent)\b",
        r"\1 HORAIRE",
    ),
    # coming without booking: « à l'improviste », « sans réserver »
    (r"\ba l improviste\b|\bsans (?:avoir )?reserv\w*", "SANSRDV"),
    # whether booking is required: « faut obligatoirement réserver avant de venir ? »
    (
        r"\bobligatoire\w* (?:de )?(?:reserver|prendre (?:un )?(?:rdv|rendez vous))\b"
        r"|\b(?:reserver|prendre (?:un )?(?:rdv|rendez vous)) (?:a l avance|avant de venir)\b",
        "SANSRDV",
    ),
    # grey hair and regrowth are coloured: « cacher mes cheveux blancs », « les repousses »
    (r"\bcheveux (?:blancs|gris)\b|\brepousses?\b", "COULEUR"),
    # time set aside: « je dois bloquer tout l'après-midi ? »
    (
        r"\bbloquer\s+(?:tout\s+|toute\s+)?(?:l\s+|la\s+|ma\s+|mon\s+)?"
        r"(?:aprem|matinee|journee|matin|soiree)\b",
        "DUREE",
    ),
    # a first visit: « première fois », « jamais venu », « nouvelle cliente »
    (
        r"\bpremiere fois\b|\bjamais venue?s?\b|\bjamais (?:ete|mis les pieds|consulte)\b|"
        r"\bnouve(?:au|lle|aux|lles) client\w*|\bpremiere visite\b",
        "PREMIERE_VISITE",
    ),
    (r"\bjour j\b", "MARIAGE"),
    # « la fac » (« face » stems to « fac »)
    (r"\b(?:la|en|a la|de la) fac\b", "ETUDIANT"),
    (r"\bwi fi\b", "wifi"),
    (r"\b(?:des|une|les|de|deux|trois|quelques) marches\b|\bplain pied\b", "ACCES"),
    (
        r"\b(?:parl|caus|comprenn|comprend)\w* (?:\w+ )?(?:anglais|espagnol|italien|allemand|"
        r"chinois|japonais)\b",
        "LANGUE",
    ),
    # unhappy with the result: « ça ne me plaît pas », « pas satisfaite »
    (
        r"\b(?:plai\w*|convien\w*) pas\b|\bpas (?:du tout )?(?:satisfaite?s?|contente?s?)\b",
        "INSATISFAIT",
    ),
)

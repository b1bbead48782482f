"""Word tables for reading people's names (folded words, whitespace-separated)."""

from __future__ import annotations

Keys = tuple[str, ...]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Folded French words that are never part of a name (surnames such as Petit, Gros,
# Blanc or Boulanger are deliberately absent).
COMMON_WORDS = _words(
    """
    je j me m moi tu te t toi il elle on nous vous ils elles lui leur leurs eux se s soi y en
    le la les l un une des du de d au aux ce cet cette ces c ca cela ceci celui celle ceux
    mon ma mes ton ta tes son sa ses notre nos votre vos qui que qu quoi dont ou quel quelle
    quels quelles lequel laquelle et mais donc or ni car si comme quand lorsque puisque parce
    pourquoi comment combien a dans par pour sur sous avec sans chez vers entre avant apres
    pendant depuis contre ne n pas plus jamais rien personne aucun aucune tout tous toute
    toutes tres trop peu beaucoup bien mal mieux aussi encore deja toujours souvent vraiment
    juste seulement ici voila voici alors ensuite puis enfin oui non ouais nan ok okay accord
    merci pardon desole desolee svp stp plait bonjour bonsoir salut allo coucou hello revoir
    euh heu hum bah ben bon hein ah oh eh bref suis es est sommes etes sont etais etait ete
    etre ai as avons avez ont avais avait avoir eu vais vas va allons allez vont aller fais
    fait faisons faites font faire peux peut pouvons pouvez peuvent pourrais pourrait
    pourriez pouvoir veux veut voulons voulez veulent voudrais voudrait voudrions voudriez
    vouloir voulais voulait dois doit devez devons doivent devrais devrait devoir sais sait
    savez savoir aimerais aimerait aime aimer souhaite souhaiterais souhaitez souhaiter
    appelle appelles appelez appeler appelais appelait appele rappelle rappeler rappelez
    prefere preferes preferez preferer dire dis dit dites prendre prends prend prenez pris
    reserver reserve reservez annuler annule annulez deplacer deplace decaler decale changer
    change modifier venir viens vient venez passer passe besoin cherche chercher trouve
    trouver demande demander pense penser crois croire habite travaille connais comprends
    compris attends attendre attendez parle parler note noter notez confirme confirmer voir
    vois ecoute ecoutez excusez excuse nomme rendez vous rendez-vous rdv devis prix tarif
    tarifs horaire horaires heure heures minute minutes jour jours semaine mois an annee matin
    matinee midi soir soiree apres-midi nuit aujourd hui demain hier lundi mardi mercredi jeudi
    vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre
    octobre novembre decembre numero telephone tel portable mobile fixe mail email adresse nom
    prenom famille question questions probleme souci soucis panne fuite eau chaudiere
    chauffage radiateur plombier electricien serrurier depannage urgence urgent urgente
    intervention information informations renseignement renseignements cabinet societe
    entreprise agence service bureau accueil standard secretariat client cliente patient
    patiente consultation visite medecin dentiste creneau creneaux place dispo disponible
    disponibles libre occupe possible impossible gratuit gratuite payant payante ouvert
    ouverte ferme fermee cher chere bonne parfait parfaite super genial top nickel important
    grave normal dommage vrai faux correct exact meme pareil autre autres premier premiere
    deuxieme dernier derniere prochain prochaine interesse interessee malade presse pressee
    chose truc fois moment temps appareil part cas sujet concernant niveau gens madame
    monsieur mademoiselle rapide lent loin pres proche facile difficile complique bizarre
    pret prete certain content contente ravi enceinte retraite retraitee locataire
    proprietaire nouveau nouvelle ancien ancienne seul seule perdu fatigue casse cassee
    bouche bouchee bloque bloquee chaud froid tard tot bientot vite maison appartement
    voiture mere pere femme mari fils fille enfant enfants voisin voisine ami amie collegue
    patron syndic gardien
    """
)
PARTICLES = _words("de du des d le la van von der den ben ibn el al bin da di dos")
LEADING_PARTICLES = _words("le la van von el al ben ibn da di")
ELIDED_PARTICLES = _words("d o")
CIVILITIES = _words("madame monsieur mme mr m mlle mademoiselle docteur dr maitre")
GREETINGS = _words("bonjour bonsoir salut allo hello coucou bjr")
DISCOURSE = _words(
    "euh heu hum alors bon ben bah oui ouais non nan ah oh eh ok okay d accord bonjour bonsoir "
    "salut allo voila donc moi bien sur pardon"
)
CLAUSE_STARTS = _words(
    "je j nous on il elle vous et pour qui mais donc alors merci bonjour svp s a au de du d "
    "car parce puis ensuite c est voila"
)
POLITE_TAIL = _words("merci beaucoup svp stp s il vous plait voila bien madame monsieur")
# Adjective and participle endings: « c'est cassé », « je suis locataire » are not names.
DESCRIPTIVE_ENDINGS = tuple(_words("é ée és ées able ible ant ante eux euse if ive aire"))


def _phrases(text: str) -> tuple[Keys, ...]:
    return tuple(tuple(phrase.split()) for phrase in text.split(","))


STRONG_INTROS = _phrases(
    "je m appelle, je m apelle, je me nomme, mon nom est, mon nom c est, mon nom de famille est,"
    "mon nom de famille c est, mon prenom est, mon prenom c est, moi c est, de la part de,"
    "au nom de, au nom d, de la part d, vous parlez a"
)
WEAK_INTROS = _phrases("c est, je suis, ici")
# Booking for someone else names that person: « c'est pour ma fille, Maëlys Girard ».
RELATIVES = _words(
    "fils fille enfant bebe mari femme epouse epoux compagne compagnon conjoint conjointe mere "
    "pere maman papa frere soeur neveu niece grand-mere grand-pere petit-fils petite-fille "
    "belle-mere beau-pere ami amie"
)
# « pour ma fille », « au nom de ma mère », « de la part de mon mari ».
FOR_SOMEONE_ELSE = tuple(
    (*lead, owner, relative)
    for lead in (("pour",), ("au", "nom", "de"), ("de", "la", "part", "de"))
    for owner in ("mon", "ma", "notre")
    for relative in sorted(RELATIVES)
)
# Words said after « c'est » to qualify a thing, not to name oneself (« c'est long pour avoir
# une place », « c'est simple ? »), and after « je suis » to say what one is (« je suis
# diabétique », « je suis enceinte », « je suis nouvelle ici »): lowercase there, they are no
# name (Long, Court or Simon written with a capital still are).
PREDICATES = _words(
    "long longue court courte dur dure simple pratique utile inutile necessaire obligatoire "
    "genant embetant penible cher chere mieux pire pareil different differente "
    "diabetique allergique asthmatique epileptique cardiaque anemique hemophile enceinte malade "
    "sourd sourde aveugle mineur mineure majeur majeure veuf veuve seul seule nouveau nouvelle "
    "client cliente patient patiente celibataire vegetarien vegetarienne etudiant etudiante "
    "infirmier infirmiere medecin kine sportif sportive"
)
# After « je suis », one lowercase word that a place or a whole follows is a role: « je suis
# témoin à un mariage », « je suis prof de yoga », « je suis maman de trois enfants ». Not
# « pour », which says what one comes for: « je suis marie pour un rendez-vous ».
ROLE_COMPLEMENTS = _words("a au aux de du des d chez dans en sur")
# Between the relative and the name: « pour mon fils, il s'appelle Hugo Petit ».
NAMING_LINKS = _phrases(
    "qui s appelle, il s appelle, elle s appelle, s appelle, prenomme, prenommee"
)
# Words that a capitalised answer to « your name? » may still not use as a name.
NEVER_CAPITALISED_NAME = _words(
    "je j me moi tu il elle on nous vous le la les l un une des du de d et ou mais c est merci "
    "bonjour bonsoir salut allo oui non svp stp madame monsieur mademoiselle pour avec"
)
ON_THE_LINE: Keys = ("a", "l", "appareil")
CORRECTION_CUES = _phrases(
    "non pardon, pardon, je me suis trompe, je me suis trompee, erreur, oups, plutot, correction,"
    "enfin non, je veux dire, je voulais dire, je rectifie, j ai inverse, je me suis emmele,"
    "je me suis emmelee, je me suis melange, je me suis melangee, il manque un chiffre,"
    "il y a une erreur, enfin"
)
# « enfin » alone separates a name from its correction but is too common to flag a turn.

"""The FAQ lexicon's general facts of French, one row each: what a phrase means to the matcher.

Sentences are our own, written for the fact they show, not taken from any evaluation set.
"""

from __future__ import annotations

import pytest

from faq.analysis import tokens

# (sentence, concept it must carry, the French fact)
MEANS = [
    ("vous prenez l'amex ?", "PAYER", "a card network is a way of paying"),
    ("la carte Visa c'est bon chez vous", "PAYER", "a card network is a way of paying"),
    ("vous acceptez American Express", "PAYER", "a card network is a way of paying"),
    ("je peux régler avec Apple Pay", "PAYER", "a phone wallet is a way of paying"),
    ("et si je lui pose un lapin", "ANNULER", "« poser un lapin » is not turning up"),
    ("si je fais faux bond au dernier moment", "ANNULER", "« faire faux bond » too"),
    ("si je ne peux pas me présenter", "ANNULER", "not presenting oneself"),
    ("en cas d'absence", "ANNULER", "an absence is a no-show"),
    ("je serai pas à l'heure demain", "RETARD", "not on time is late"),
    ("je suis dans les bouchons", "RETARD", "a traffic jam makes one late"),
    ("j'aurai un quart d'heure de décalage", "RETARD", "a quarter of an hour's shift"),
    ("ma puce est agitée", "ENFANT", "« ma puce » is a child"),
    ("vous avez l'habitude avec les petits", "ENFANT", "« les petits » are children"),
    ("il a 14 mois", "ENFANT", "an age in months is a baby's"),
    ("c'est pour mon fiston", "ENFANT", "« fiston » is a son"),
    ("pour un mec", "HOMME", "« mec » is a man"),
    ("coupe pour un garçon", "HOMME", "« garçon » is male"),
    ("je pourrai laisser ma voiture devant ?", "PARKING", "leaving a car is parking it"),
    ("entre midi et deux y a quelqu'un ?", "HORAIRE", "« entre midi et deux » is lunch time"),
    ("le vétérinaire de garde", "URGENCE", "« de garde » is on call"),
    ("vous avez une permanence le dimanche", "URGENCE", "a « permanence » is on call"),
    ("l'opération est chère, je peux étaler ?", "ECHELONNE", "« étaler » a payment"),
    ("paiement en plusieurs fois", "ECHELONNE", "instalments"),
    ("je suis en chaise roulante", "ACCES", "a wheelchair"),
    ("la piqûre annuelle de mon chat", "VACCIN", "a vaccine is given by injection"),
    ("mon petit garçon a six ans", "ENFANT", "a « petit garçon » is a child"),
    ("pour faire examiner mon chat", "CONSULTATION", "being examined is a consultation"),
    ("j'ai la MGEN, je dois avancer les frais ?", "ASSURANCE", "a mutual by name is insurance"),
    ("vous travaillez avec la MAIF ?", "ASSURANCE", "a mutual by name is insurance"),
    ("la carte de la complémentaire", "ASSURANCE", "« la complémentaire » is the mutual"),
    ("il faut la carte verte ?", "cartevital", "« la carte verte » is the carte Vitale"),
    ("vous vous occupez de l'incinération", "CREMATION", "incineration is cremation"),
    ("par la caméra du téléphone", "VISIO", "a camera is a video call"),
    ("si je préviens que je viens pas", "ANNULER", "« je viens pas »: « ne » dropped"),
    ("vous finissez à quelle heure le soir", "HORAIRE", "finishing time is closing time"),
    ("le docteur vient chez les gens ?", "DOMICILE", "coming to people's homes"),
    ("vous pourriez venir le voir chez lui ?", "DOMICILE", "coming to see someone at home"),
    ("vous passez chez ma mère ?", "DOMICILE", "coming to a relative's home"),
    ("elle se déplace en fauteuil", "ACCES", "one's own way of getting about is mobility"),
    ("je me déplace difficilement", "ACCES", "getting about with difficulty is mobility"),
    ("il se déplace avec une canne", "ACCES", "a walking aid"),
    ("elle ne peut plus se déplacer", "DOMICILE", "not getting about any more: a home visit"),
    ("le véto peut se déplacer ?", "DOMICILE", "the business getting about is a home visit"),
    ("vous vous déplacez ?", "DOMICILE", "the business getting about is a home visit"),
    ("j'ai jamais consulté chez vous", "PREMIERE_VISITE", "never seen here is a first visit"),
    ("faut obligatoirement réserver avant de venir ?", "SANSRDV", "whether booking is required"),
    ("pour cacher mes cheveux blancs", "COULEUR", "grey hair is coloured"),
    ("refaire juste les repousses", "COULEUR", "regrowth is coloured"),
    ("je dois bloquer tout l'après-midi ?", "DUREE", "time set aside is a duration"),
    ("je viens en bagnole, y a moyen de la poser pas loin", "PARKING", "« poser » a car too"),
    ("je viens en voiture, je la mets où ?", "PARKING", "whatever the verb's form"),
    ("et avec les tout-petits alors", "ENFANT", "« alors » after « les petits » is no noun"),
    ("il y a de la place pour se mettre devant", "PARKING", "room to pull up is parking"),
    ("raccourcir les cheveux de mon mari", "HOMME", "a husband is a man"),
    ("pour mon époux", "HOMME", "« époux » is a husband"),
    ("pour mon épouse", "FEMME", "« épouse » is a wife"),
    ("une coiffure féminine", "FEMME", "feminine is for women"),
    ("pour une dame", "FEMME", "« dame » is a woman"),
    ("vous travaillez le lundi", "HORAIRE", "working on a day is being open that day"),
    ("le dimanche vous bossez", "HORAIRE", "the same, the day said first"),
    ("je passe à l'improviste", "SANSRDV", "unannounced is without an appointment"),
    ("je peux venir sans réserver", "SANSRDV", "without booking"),
    ("c'est la première fois que je viens", "PREMIERE_VISITE", "a first time"),
    ("je ne suis jamais venue", "PREMIERE_VISITE", "never been is a first visit"),
    ("je suis une nouvelle cliente", "PREMIERE_VISITE", "a new customer"),
    ("pour ma noce", "MARIAGE", "« noce » is a wedding"),
    ("je suis la mariée", "MARIAGE", "the bride"),
    ("le jour J", "MARIAGE", "« le jour J » is the big day"),
    ("je suis témoin", "MARIAGE", "a witness at a wedding"),
    ("j'ai fait une réaction à un produit", "ALLERGIE", "a reaction is an allergy"),
    ("des rougeurs sur le cuir chevelu", "ALLERGIE", "redness is a reaction"),
    ("je suis allergique", "ALLERGIE", "allergic"),
    ("je suis une habituée", "FIDELITE", "a regular customer"),
    ("on cumule quelque chose", "FIDELITE", "accumulating is a loyalty scheme"),
    ("je suis à la fac", "ETUDIANT", "at university is a student"),
    ("je suis lycéenne", "ETUDIANT", "a pupil"),
    ("le résultat ne me plaît pas", "INSATISFAIT", "not liking the result"),
    ("je suis pas du tout satisfaite", "INSATISFAIT", "unsatisfied"),
    ("vous pouvez rattraper ça", "INSATISFAIT", "putting a result right"),
    ("il y a le wi-fi", "WIFI", "« wi-fi » written apart"),
    ("je peux me connecter au réseau", "WIFI", "the network"),
    ("il y a des marches", "ACCES", "steps are about access"),
    ("elle a un déambulateur", "ACCES", "a walking frame"),
    ("le salon est de plain-pied", "ACCES", "« de plain-pied »"),
    ("quelqu'un cause arabe", "LANGUE", "Arabic is a language"),
    ("vous parlez un peu espagnol", "LANGUE", "speaking Spanish (also the origin of a make)"),
    ("do you speak english", "LANGUE", "English"),
    ("je viens avec mon toutou", "ANIMAL", "« toutou » is a dog"),
    ("mon chiot", "ANIMAL", "a puppy"),
    ("ça revient à combien", "PRIX", "« revenir à » a sum is a price"),
    ("c'est combien de minutes", "DUREE", "a number of minutes is a duration"),
    ("faire une surprise à ma sœur", "CADEAU", "a surprise is a present"),
    ("vous avez des cartes cadeaux", "CADEAU", "gift cards, in the plural too"),
    ("je voudrais offrir une séance", "CADEAU", "offering is a present"),
]

# (sentence, concept it must not carry, why)
NOT_MEANS = [
    ("vous toilettez les lapins ?", "ANNULER", "a rabbit alone is a rabbit, not a no-show"),
    ("c'est Alan Martin", "ASSURANCE", "« Alan » is a first name, not the insurer"),
    ("Harmonie Dubois", "ASSURANCE", "« Harmonie » is a first name, not the mutual"),
    ("le coiffeur d'en face", "ETUDIANT", "« face » stems like « fac »"),
    ("c'est pour mon mari", "MARIAGE", "a husband is not a wedding"),
    ("Marie Dupont", "MARIAGE", "« mariée » stems to the first name « marie »"),
    ("une petite question", "ENFANT", "« petit » as an adjective"),
    ("les petits prix", "ENFANT", "« petits » before a plural noun"),
    ("vous travaillez sur les allemandes", "HORAIRE", "working on something is a service"),
    ("ça marche comment", "ACCES", "« ça marche » is not a step"),
    ("ma voiture a 3 ans", "ENFANT", "an age in years is anyone's"),
    ("vous vendez des cartes cadeaux", "PAYER", "a gift card is not a way of paying here"),
    ("elle se déplace en fauteuil roulant", "DOMICILE", "her mobility, not a home visit"),
    ("ma voiture est devant la poste", "PARKING", "« la poste » is no verb of leaving"),
    ("la voiture, vous la mettez sur le pont ?", "PARKING", "a lift is no parking"),
]


@pytest.mark.parametrize(("sentence", "concept", "fact"), MEANS)
def test_phrase_carries_the_concept(sentence: str, concept: str, fact: str) -> None:
    assert concept in tokens(sentence), fact


@pytest.mark.parametrize(("sentence", "concept", "why"), NOT_MEANS)
def test_phrase_does_not_carry_the_concept(sentence: str, concept: str, why: str) -> None:
    assert concept not in tokens(sentence), why


# Words that open a question without naming its topic carry nothing to match on.
@pytest.mark.parametrize(
    ("sentence", "same_as"),
    [
        ("attendez, vous êtes où ?", "vous êtes où ?"),
        ("écoutez, c'est combien ?", "c'est combien ?"),
        ("tiens, vous ouvrez le samedi ?", "vous ouvrez le samedi ?"),
        ("bref, il y a un parking ?", "il y a un parking ?"),
        ("rappelez-moi, ça dure combien de temps ?", "ça dure combien de temps ?"),
        ("rappelle-moi, c'est quoi l'adresse", "c'est quoi l'adresse"),
    ],
)
def test_openers_carry_no_topic(sentence: str, same_as: str) -> None:
    assert tokens(sentence) == tokens(same_as)


def test_call_me_back_keeps_its_meaning() -> None:
    assert "TELEPHONE" in tokens("rappelez-moi demain matin")

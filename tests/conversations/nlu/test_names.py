"""Names from introductions and from answers to « Quel est votre nom ? »."""

from __future__ import annotations

import pytest

from conversations.dialogue.nlu.names import (
    caller_for_a_relative,
    complete_name,
    correction_core,
    extract_name,
    is_correction,
    merge_name,
    sounds,
    surname_only,
)
from receptionist.lib.text import fold

# (heard, expected) when the agent did not ask for a name: only introductions count.
INTRODUCED = [
    ("je m'appelle marie curie", "Marie Curie"),
    ("Je m'appelle Jean-Pierre Lévêque", "Jean-Pierre Lévêque"),
    ("je m appelle jean-pierre lévêque", "Jean-Pierre Lévêque"),
    ("Bonjour, je m'appelle Gwenaëlle Quéré et j'ai une fuite", "Gwenaëlle Quéré"),
    ("oui bonjour je m'appelle paul martin j'appelle pour un devis", "Paul Martin"),
    ("Je m'appelle Jean Dupont, mon numéro est le 06 12 34 56 78", "Jean Dupont"),
    ("je me nomme Charles de Gaulle", "Charles de Gaulle"),
    ("moi c'est Paul", "Paul"),
    ("alors moi c'est sophie", "Sophie"),
    ("bonjour c'est Marie Curie je voudrais un rendez-vous mardi matin", "Marie Curie"),
    ("oui c'est paul martin", "Paul Martin"),
    ("c'est Vincent Van Gogh", "Vincent Van Gogh"),
    ("Marie Curie à l'appareil", "Marie Curie"),
    ("bonjour marie curie a l'appareil", "Marie Curie"),
    ("ici Paul Martin", "Paul Martin"),
    ("mon nom est Durand", "Durand"),
    ("mon nom c'est Durand", "Durand"),
    ("mon nom de famille c'est Lefèvre", "Lefèvre"),
    ("de la part de Jean Dupont", "Jean Dupont"),
    ("c'est au nom de Dupont", "Dupont"),
    ("Bonjour ! Léna Roussel, j'ai besoin d'un devis", "Léna Roussel"),
    ("je suis madame Leroy", "Leroy"),
    ("Bonjour, je suis Paul Martin, je voudrais un devis", "Paul Martin"),
    ("non pardon c'est Durand", "Durand"),
    ("je m'appelle Steve Jacobs, pardon, Jacob", "Steve Jacob"),
    ("je m'appelle Jean enfin Jean-Marc", "Jean-Marc"),
    ("je m'appelle <b>Victor</b>", "Victor"),
    ("c'est René", "René"),
    ("salut c'est Kevin", "Kevin"),
    ("allo oui c'est Jean-Claude", "Jean-Claude"),
    ("bonjour ici Martine Gros du cabinet Dupont", "Martine Gros"),
    # Not an introduction.
    ("je suis disponible mardi", None),
    ("je suis en panne", None),
    ("je suis client chez vous", None),
    ("bonjour je suis intéressé par un devis", None),
    ("je suis de Lyon", None),
    ("c'est pour un rendez-vous", None),
    ("c'est urgent", None),
    ("Bonjour c'est urgent", None),
    # a word that qualifies a thing, lowercase after « c'est »
    ("euh c'est long pour avoir une place à l'examen", None),
    ("c'est simple ?", None),
    ("c'est pratique pour se garer", None),
    ("bonjour c'est Long, pour un rendez-vous", "Long"),  # written as a name
    ("c'est combien", None),
    ("c'est quoi vos horaires", None),
    ("c'est possible d'avoir un rendez-vous demain", None),
    ("c'est moi", None),
    ("Bonjour Sophie, je voudrais un rendez-vous", None),
    ("Bonjour madame, je voudrais un rendez-vous", None),
    ("bonjour je voudrais prendre rendez-vous", None),
    ("Paul Ménard", None),
    ("ici c'est le cabinet ?", None),
    ("je suis enceinte", None),
    ("je suis locataire", None),
    ("c'est cassé", None),
    ("c'est rapide", None),
    ("c'est rené", None),  # lowercase and shaped like a participle: too doubtful unasked
    ("c'est noté", None),
    ("c'est le cabinet du docteur Martin ?", None),
    ("c'est ma mère qui a besoin d'un rendez-vous", None),
    # a name said plainly wins over « c'est … » said before it
    ("c'est le docteur Mercier qui m'envoie, je m'appelle Paul Girard", "Paul Girard"),
    # a kinship after an article names no one; the relative named after it is the one to see
    ("je suis la maman de Lucas Fontaine", "Lucas Fontaine"),
    ("c'est la docteure Lambert qui m'a conseillé de venir", None),
]

# (heard, expected) right after « Quel est votre nom ? »: a bare name counts too.
ANSWERED = [
    ("Paul Ménard", "Paul Ménard"),
    ("jordan lopez", "Jordan Lopez"),
    ("maury", "Maury"),
    ("MAURY", "Maury"),
    ("Gwenaëlle Quéré", "Gwenaëlle Quéré"),
    ("euh martine gros g r o s", "Martine Gros"),
    ("c'est dupont d u p o n t", "Dupont"),
    ("d u p o n t", "Dupont"),
    ("Dupont, D-U-P-O-N-T", "Dupont"),
    ("madame Leroy", "Leroy"),
    ("monsieur Jean Dupont", "Jean Dupont"),
    ("mme leroy", "Leroy"),
    ("M. Dupont", "Dupont"),
    ("Jean Dupont merci", "Jean Dupont"),
    ("oui alors Paul Martin", "Paul Martin"),
    ("non pardon c'est Durand", "Durand"),
    ("Charles de Gaulle", "Charles de Gaulle"),
    ("Valéry Giscard d'Estaing", "Valéry Giscard d'Estaing"),
    ("Le Gall", "Le Gall"),
    ("ahmed ben ali", "Ahmed Ben Ali"),
    ("<h1>Victor</h1> Lenoir", "Victor Lenoir"),
    ("pardon, Jacob sans s", "Jacob"),
    ("non c'est Jacob avec un b", "Jacob"),
    ("Jacob, sans s à la fin", "Jacob"),
    ("Steve Jacobs non pardon Jacob", "Steve Jacob"),
    ("Bonjour ! Léna Roussel, j'ai besoin d'un devis", "Léna Roussel"),
    ("c'est rené", "René"),
    ("Oui, c'est jordan lopez", "Jordan Lopez"),
    # Not a name.
    ("c'est gratuit le devis ?", None),
    ("pourquoi", None),
    ("pourquoi vous demandez ça ?", None),
    ("je préfère pas le dire", None),
    ("je sais pas", None),
    ("oui", None),
    ("non", None),
    ("d'accord", None),
    ("euh", None),
    ("monsieur", None),
    ("je voudrais un rendez-vous", None),
    ("mardi matin", None),
    ("le plombier", None),
    ("la chaudière fuit", None),
    ("une fuite d'eau", None),
    # Every message is read for everything: the name before a number or a reason.
    ("Jean Dupont 06 12 34 56 78", "Jean Dupont"),
    ("Léa Martin, 06 12 34 56 78", "Léa Martin"),
    ("Martin Léa, c'est pour un détartrage", "Martin Léa"),
    # Capitalised words answering « your name? » are proper nouns, even « Mai » (French
    # months take no capital).
    ("Dinh Thi Mai", "Dinh Thi Mai"),
    ("Rose Avril", "Rose Avril"),
    # A word in capitals is the surname on French forms: it goes last.
    ("MARTIN Léa", "Léa Martin"),
    ("LE GOFF Yann", "Le Goff Yann"),
    # « Surname, First name », as lists and forms write it: stored the usual way round.
    ("Le Bihan, Corentin", "Corentin Le Bihan"),
    ("Martin, Léa", "Léa Martin"),
    ("Dupont, Jean-Luc", "Jean-Luc Dupont"),
    ("Le Bihan, merci", "Le Bihan"),
    # Particles and compound names, stored once.
    ("Yann Le Goff", "Yann Le Goff"),
    ("Jean de La Fontaine", "Jean de La Fontaine"),
    # after a civility any particle opens the surname; « de », « du », « des » are written small
    ("monsieur de montalembert", "de Montalembert"),
    ("madame du Bellay", "du Bellay"),
    ("Charles De Gaulle", "Charles de Gaulle"),
    ("Tran Van Minh", "Tran Van Minh"),
    # A spelling confirms the word it resembles most, wherever it is in the name.
    ("Nguyen Thi Hoa, N G U Y E N", "Nguyen Thi Hoa"),
    # « deux l », « double l »: the letter is written twice, where only one place fits.
    ("Gilles Balot, double l", "Gilles Ballot"),
    ("Nathalie Boner avec deux n", "Nathalie Bonner"),
    # « t comme Thomas » only makes a letter clear.
    ("Anne Tessier, t comme Thomas", "Anne Tessier"),
    # Booking for someone else: the appointment is in that person's name.
    ("c'est pour ma fille, Maëlys Girard", "Maëlys Girard"),
    ("c'est pour mon fils, il s'appelle Hugo Petit", "Hugo Petit"),
    ("c'est pour mon fils", None),
    ("c'est au nom de ma mère, Odette Marchand", "Odette Marchand"),
    ("de la part de mon mari, Paul Ménard", "Paul Ménard"),
    # A pet is not a person: « c'est pour mon chien Ulysse » names no one.
    ("Yann Kerbrat, c'est pour mon chien Ulysse", "Yann Kerbrat"),
    # One word of the name, then the whole name (« Kerbrat, Yann Kerbrat »): the whole name.
    ("Kerbrat, Yann Kerbrat, K E R B R A T, c'est pour mon chien Ulysse", "Yann Kerbrat"),
    ("Martin, Léa Martin, 06 12 34 56 78", "Léa Martin"),
    ("Léa, Léa Martin", "Léa Martin"),
    ("Monsieur Gohier, Raymond Gohier", "Raymond Gohier"),  # a civility before the word
    # Punctuation spelled aloud: « tiret », « apostrophe »; « deux l » inside a spelling.
    ("clémentine hervé-lucas hervé tiret lucas", "Clémentine Hervé-Lucas"),
    ("Hervé tiret Lucas, Clémentine", "Clémentine Hervé-Lucas"),
    ("jonathan o'neill o apostrophe n e i deux l", "Jonathan O'Neill"),
    # the hyphen said between two letters of a spelling joins them
    ("Alvès-Pinto Rodrigue, A L V E S tiret P I N T O", "Alvès-Pinto Rodrigue"),
    ("Maëva Le Goff, L E tiret G O F F", "Maëva Le Goff"),
    # « deux s » inside a spelling is read with it: it doubles nothing in the other words
    ("boissière marie-thérèse b o i deux s i è r e", "Boissière Marie-Thérèse"),
    # An apostrophe inside a word that is no elision stays in it (Breton « 'h », O', D');
    # a word, then « apostrophe » and what follows it, is that word.
    ("Marie-Annick Le Floc'h", "Marie-Annick Le Floc'h"),
    ("marie-annick le floc'h le floc apostrophe h", "Marie-Annick Le Floc'h"),
    ("Kevin O'Neill", "Kevin O'Neill"),
    ("Hubert d'Aubigné", "Hubert d'Aubigné"),
    # A surname of two or three words said again at once is said once.
    ("dylan le corre le corre en deux mots", "Dylan Le Corre"),
    # a surname of several words spelled as one confirms them (« Le Bris » spelled « lebris »)
    # a word spelled between the two: surname, then first name, as forms list them
    ("Dupont, D U P O N T, Marie", "Marie Dupont"),
    ("faure, f a u r e, zoé", "Zoé Faure"),
    # after a civility, the surname, then the first name, then a spelling of the surname
    ("madame durand-lacroix, josette, durand tiret lacroix", "Josette Durand-Lacroix"),
    ("loïc le bris, l e b r i s", "Loïc Le Bris"),
    # a compound word said again after a pause, its hyphen spelled, confirms it
    ("madame morvan-dupuis henriette, morvan tiret dupuis", "Morvan-Dupuis Henriette"),
    ("anne-sophie leroy, anne tiret sophie", "Anne-Sophie Leroy"),
    ("gaëlle le gall, l e g a l l", "Gaëlle Le Gall"),
    # the article of a surname takes a capital, the preposition does not
    ("marie de la fontaine", "Marie de La Fontaine"),
    ("fatima zahra el amrani", "Fatima Zahra El Amrani"),
    ("yann le goff", "Yann Le Goff"),
    ("Anne de La Tour de La Tour", "Anne de La Tour"),
    # Spelling notes: « avec un seul r », « et un accent aigu sur le e ».
    ("Férec avec un seul r et un accent aigu sur le e", "Férec"),
    # Which word is which, said after the name; the first names said again to close.
    ("Tran Thi Mai, Tran c'est le nom de famille", "Tran Thi Mai"),
    ("Jean Dupont c'est mon nom", "Jean Dupont"),
    ("fatima zahra benali fatima zahra c'est mon prénom en deux mots", "Fatima Zahra Benali"),
    # « au nom d'… », elided
    ("au nom d'Inès Cammas", "Inès Cammas"),
    # What one is, after « je suis », is no name, even when a name is expected.
    ("je suis diabétique", None),
    ("je suis enceinte de cinq mois", None),
    ("je suis Paul Martin", "Paul Martin"),
    # one lowercase word that a place or a whole follows is a role
    ("allô bonjour euh je suis témoin à un mariage bientôt", None),
    ("bonjour je suis maman de trois enfants", None),
    ("bonjour je suis marie pour un rendez-vous", "Marie"),  # what for, not a role
    ("je suis paul, de la part du docteur Roux", "Paul"),
    ("nan sans x, moreau, m o r e a u", "Moreau"),  # « nan » is « non »
    ("M. Gohier, Raymond Gohier", "Raymond Gohier"),
    # A colon introduces the answer: « je me suis mal fait comprendre : Aubineau ».
    ("pardon, je me suis mal fait comprendre : Aubineau, A U B I N E A U", "Aubineau"),
    ("alors mon nom : Jeanne Roux", "Jeanne Roux"),
    ("Dupont, D U P O N T", "Dupont"),
    # a surname of two letters spelled after it is said
    ("vu ngoc anh v u", "Vu Ngoc Anh"),
    ("Ly Thi Hoa, L Y", "Ly Thi Hoa"),
    # Vietnamese and Chinese surnames that look like particles, closing the name.
    ("Tuan Le", "Tuan Le"),
    ("tuan le", "Tuan Le"),
    ("Anne Du, 06 12 34 56 78", "Anne Du"),
    ("Marie Le Goff", "Marie Le Goff"),
    ("je voudrais un rendez-vous pour le", None),
    ("jean 2", None),
    ("Jean Luc Marie Pierre Paul Jacques", None),
    ("est-ce que vous êtes ouverts samedi", None),
    ("<script>", None),
]


@pytest.mark.parametrize(("heard", "expected"), INTRODUCED, ids=[h for h, _ in INTRODUCED])
def test_extract_name_from_introductions(heard: str, expected: str | None) -> None:
    assert extract_name(heard, expecting=False) == expected


@pytest.mark.parametrize(("heard", "expected"), ANSWERED, ids=[h for h, _ in ANSWERED])
def test_extract_name_when_expecting(heard: str, expected: str | None) -> None:
    assert extract_name(heard, expecting=True) == expected


def test_extracted_names_never_keep_markup() -> None:
    name = extract_name("<h1>Victor</h1> <i>Lenoir</i>", expecting=True)
    assert name is not None
    assert "<" not in name
    assert ">" not in name


MERGES = [
    ("Steve Jacobs", "Jacob", "Steve Jacob"),
    ("Jean Dupond", "Dupont", "Jean Dupont"),
    ("Jean Dupont", "Jeanne", "Jeanne Dupont"),
    ("Jean Dupont", "Martin", "Jean Martin"),
    ("Jean Dupont", "Paul Martin", "Paul Martin"),
    # a surname with its particle, resembling the last words, replaces them
    ("Maëva Le Goffe", "Le Goff", "Maëva Le Goff"),
    ("Anne de la Fontaine", "de La Fontaine", "Anne de La Fontaine"),
    ("Maëva Le Goffe", "Paul Martin", "Paul Martin"),
    ("Dupont", "Dupond", "Dupond"),
    (None, "Jacob", "Jacob"),
    # the same letters in two words replace the surname, the first name kept
    ("Hélène Devilliers", "de Villiers", "Hélène de Villiers"),
    ("Hélène Devilliers", "Marie Durand", "Marie Durand"),
    ("Ibrahim Diallo", "Ibrahima Diallo", "Ibrahima Diallo"),
    # a whole name, the same surname: the first name corrected
    ("Jean Dupont", "Marc Dupont", "Marc Dupont"),
    ("Jean Martin", "Martin Jean", "Martin Jean"),
    ("Jean Paul Martin", "Jean-Paul Martin", "Jean-Paul Martin"),
]


@pytest.mark.parametrize(
    ("previous", "correction", "expected"), MERGES, ids=[f"{p}+{c}" for p, c, _ in MERGES]
)
def test_merge_name(previous: str | None, correction: str, expected: str) -> None:
    assert merge_name(previous, correction) == expected


CORES = [
    ("pardon, Jacob sans s", "Jacob"),
    ("non c'est Jacob avec un b", "Jacob"),
    ("Jacob, sans s à la fin", "Jacob"),
    ("non pardon Dupond avec un d à la fin", "Dupond"),
    ("Philippe avec deux p", "Philippe"),
    ("je me suis trompé c'est Lefèvre avec un accent", "Lefèvre"),
    ("oups", None),
    # notes on how it is written are no part of the name; a surname corrected with its small
    # particle, as written (« de » opens no other answer)
    ("Dupont avec un D majuscule", "Dupont"),
    ("Lefort, tout attaché", "Lefort"),
    ("pardon, de Villiers en deux mots, avec un V majuscule", "de Villiers"),
    ("non pardon c'est de Villiers", "de Villiers"),
    ("pardon je suis de Lyon", None),
]


# A surname corrected with its particle must spell the one said; « Colle », « Collé » are
# surnames (« tout collé » is a note on writing).
@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("Hélène Devilliers, pardon, de Villiers", "Hélène de Villiers"),
        ("Lefèvre, pardon, du Crédit Agricole", "Lefèvre"),
        ("Durand, pardon, de Paris", "Durand"),
        ("Marie Colle", "Marie Colle"),
        ("je m'appelle Jean Collé", "Jean Collé"),
        ("Lefort, tout attaché", "Lefort"),
    ],
)
def test_a_corrected_surname_with_its_particle(heard: str, expected: str) -> None:
    assert extract_name(heard, expecting=True) == expected


@pytest.mark.parametrize(("heard", "expected"), CORES, ids=[h for h, _ in CORES])
def test_correction_core(heard: str, expected: str | None) -> None:
    assert correction_core(heard) == expected


CORRECTIONS = [
    ("non pardon", True),
    ("pardon c'est Jacob", True),
    ("je me suis trompé", True),
    ("je me suis trompée c'est Durand", True),
    ("erreur", True),
    ("oups", True),
    ("plutôt Jacob", True),
    ("correction c'est Martin", True),
    ("enfin non Martin", True),
    ("je voulais dire Jacob", True),
    ("non attendez, j'ai inversé deux chiffres", True),
    ("je me suis emmêlée dans les chiffres", True),
    ("pardon il manque un chiffre", True),
    ("il y a une erreur dans le numéro", True),
    # How a name is written: a spelling only ever fixes a name.
    ("non, Papadopoulos, avec un s à la fin", True),
    ("Jacob sans s", True),
    ("Tessier, t comme Thomas", True),
    ("un rendez-vous avec le docteur", False),
    ("oui c'est ça", False),
    ("Jacob", False),
    ("enfin bref je voulais un rendez-vous", False),
]


@pytest.mark.parametrize(("heard", "expected"), CORRECTIONS, ids=[h for h, _ in CORRECTIONS])
def test_is_correction(heard: str, expected: bool) -> None:
    assert is_correction(fold(heard)) is expected


SURNAMES = [
    ("madame Laurent", "Laurent", True),
    ("M. Durand", "Durand", True),
    # a surname with its particles is still a surname alone
    ("monsieur Le Goff", "Le Goff", True),
    ("monsieur de Montalembert", "de Montalembert", True),
    ("monsieur Tran Van Minh", "Tran Van Minh", False),
    ("Laurent", "Laurent", False),
    ("Claire Laurent", "Claire Laurent", False),
]


@pytest.mark.parametrize(("heard", "name", "expected"), SURNAMES, ids=[h for h, _, _ in SURNAMES])
def test_surname_only(heard: str, name: str, expected: bool) -> None:
    assert surname_only(heard, name) is expected


@pytest.mark.parametrize(
    ("surname", "answer", "expected"),
    [
        ("Laurent", "Claire", "Claire Laurent"),
        ("Laurent", "Claire Laurent", "Claire Laurent"),
        # the surname said again as a compound: the answer is the whole name
        ("Lacombe", "Monique Lacombe-Dupuy", "Monique Lacombe-Dupuy"),
        # a surname of two words, said again
        ("Le Goff", "Maëva Le Goff", "Maëva Le Goff"),
        ("Le Goff", "Maëva", "Maëva Le Goff"),
        # a compound first name holds no surname
        ("Pierre", "Jean-Pierre", "Jean-Pierre Pierre"),
    ],
)
def test_complete_name_never_doubles(surname: str, answer: str, expected: str) -> None:
    assert complete_name(surname, answer) == expected


# A word said again, punctuation between, is said once: the first name, then the whole name.
@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("pardon, Ibrahima, avec un a à la fin : Ibrahima Diallo", "Ibrahima Diallo"),
        ("Ibrahima, Ibrahima Diallo", "Ibrahima Diallo"),
        ("Ibrahima Ibrahima Diallo", "Ibrahima Diallo"),
    ],
)
def test_a_repeated_word_is_said_once(said: str, expected: str) -> None:
    assert extract_name(said, expecting=True) == expected


# « surname, first name » as forms write it, with a civility or a sentence after it.
@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Madame Perrin, Odile", "Odile Perrin"),
        ("M. Durand, Paul", "Paul Durand"),
        ("Maître Dupond, Henri", "Henri Dupond"),
        (
            "Grosjean, Jean-Philippe. C'est moi qui accompagnerai mon fils.",
            "Jean-Philippe Grosjean",
        ),
    ],
)
def test_a_listed_name_with_civility_or_a_sentence_after(said: str, expected: str) -> None:
    assert extract_name(said, expecting=True) == expected


# A particle starts the surname in « surname, first name »: read with the whole name.
@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("monsieur de saint-aubin, antoine", "Antoine de Saint-Aubin"),
        ("du Bellay, Joachim", "Joachim du Bellay"),
        ("d'Arc, Jeanne", "Jeanne d'Arc"),
    ],
)
def test_a_listed_name_with_a_particle(said: str, expected: str) -> None:
    assert extract_name(said, expecting=True) == expected


# Spellings that sound alike meet: a late correction by sound is about the same name.
@pytest.mark.parametrize(
    ("said", "corrected", "alike"),
    [
        ("rousselle", "rouxel", True),
        ("obineau", "aubineau", True),
        ("moreaux", "moreau", True),
        ("dupont", "dupond", True),
        ("philippe", "filip", True),
        ("martin", "détartrage", False),
        ("leroy", "leblanc", False),
    ],
)
def test_names_that_sound_alike(said: str, corrected: str, alike: bool) -> None:
    assert (sounds(said) == sounds(corrected)) is alike


# The name heard is the caller's, and the appointment is for a relative named by kinship only:
# the relative's name is still to be asked.
CALLER_FOR_A_RELATIVE = [
    ("monsieur de Montalembert à l'appareil, je voudrais faire voir mon fils", True),
    ("Bonjour, Claire Petit, c'est pour ma mère qui a du mal à avaler", True),
    ("je suis Paul Martin, je voudrais amener ma fille pour un bilan", True),
    ("c'est pour mon fils, Hugo Petit", False),  # the son named
    ("je suis Paul Martin, je voudrais un rendez-vous", False),
    ("ici Marie Dupont, je voudrais faire vacciner mon chien", False),  # a pet: the owner's name
]


@pytest.mark.parametrize(
    ("text", "expected"), CALLER_FOR_A_RELATIVE, ids=[t for t, _ in CALLER_FOR_A_RELATIVE]
)
def test_caller_for_a_relative(text: str, expected: bool) -> None:
    assert caller_for_a_relative(text, extract_name(text, expecting=False)) is expected


# A couple named by their civilities: the surname they share.
@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("monsieur et madame caradec", "Caradec"),
        ("c'est monsieur et madame Caradec", "Caradec"),
        ("M. et Mme Le Gall", "Le Gall"),
    ],
)
def test_a_couple_is_named_by_their_surname(heard: str, expected: str) -> None:
    assert extract_name(heard, expecting=True) == expected

"""Whether to answer an FAQ entry, propose it, or decline: two opinions and calibrated bands.

The lexical matcher (:mod:`faq.matcher`) and the word vectors (:mod:`faq.semantic`) each score
every entry; their blend ranks the entries. The business's own bands (:mod:`faq.calibration`)
then say what the best entry's score means on this FAQ:

- at or above ``answer``, or when the lexical matcher alone is sure of an entry, or when the
  entry stands far ahead of every other one and the lexical matcher names it too: answer;
- between ``confirm`` and ``answer``, or below when both opinions name it and the lexical
  score reaches the ``FAQ_MATCH_THRESHOLD`` setting (or both reach their agreement floors),
  or when it stands well clear of every other entry: propose it (« Vous souhaitez connaître
  … ? »);
- below, or when the question is closer to a generic out-of-scope one (the weather, the
  assistant itself, « ignore tes instructions ») than to any entry: decline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from faq.analysis import FORMAL, INFORMAL, analyze
from faq.index import FaqIndex
from faq.matcher import FaqMatch, lexical_reading, match
from faq.semantic import SemanticIndex, Words, read
from faq.sentences import embed_questions
from faq.vectors import word_vectors
from receptionist.lib.text import fold

# Share of the lexical score in the blend: the vectors rank paraphrases better, the lexical
# matcher is sharper on the FAQ's own words.
LEXICAL_SHARE = 0.15
# Weight of the sentence encoder (faq.sentences) against that blend of words; the score is
# their weighted mean.
SENTENCE_SHARE = 1.0
# A sentence: up to its end mark (« ? » kept), or the end of the message. A colon ends the
# context a question follows (« je dois passer signer : où êtes-vous situés ? »), not an hour
# (« 14:30 »).
SENTENCE = re.compile(r"(?:\d:\d|[^.!?;:\n])+[.!?;:]*")
MIN_QUESTION_WORDS = 2
# « … ou … »: a choice between two clauses of at least this many words each
OR_CLAUSE = re.compile(r"\s+ou\s+(?:bien\s+)?", re.IGNORECASE)
MIN_CLAUSE_WORDS = 3
WORD = re.compile(r"\w+")
# A question is declined as out of scope when it is this much closer to one of those.
REFUSE_MARGIN = 0.1
# ... and, when the sentence encoder reads, by its cosines this much closer to one of them than
# to the best entry's closest phrasing. Measured on the twelve sets of ../shared/eval and
# tests/eval_data: 498 of 735 questions of the FAQ get their entry instead of 491, 62 of 245
# out-of-scope ones are proposed an entry instead of 66, one more wrong entry is proposed
# (the same counts from -0.05 to 0.1).
SENTENCE_REFUSE_MARGIN = 0.0
# Two opinions that name the same entry are worth asking about below the confirm band: the
# lexical matcher from this score, the blend from this one. Measured on the seven sets of
# ../shared/eval and tests/eval_data: 14 of the 17 questions it then proposes are the right
# entry, 2 are out of scope (a « non » costs one turn, nothing is answered wrongly).
AGREEMENT_LEXICAL = 65.0
AGREEMENT_BLEND = 0.5
# One entry standing well clear of all the others is worth asking about below the confirm
# band: from this score, this far ahead of the second. Measured on the eight sets of
# ../shared/eval and tests/eval_data: 6 points more questions of the FAQ answered, 3 more
# proposals out of 166 questions it does not cover (a « non » costs one turn).
LEAD_FLOOR = 0.4
LEAD_MARGIN = 0.08
# An entry far ahead of all the others (the FAQ's `lead` band, faq.calibration) is answered on
# that lead only when less than this share of the question's weight is in words the FAQ never
# uses (« tarif des pneus » is not « Combien coûte une vidange ? », the only price of a
# garage's FAQ that never speaks of tyres).
UNKNOWN_SHARE_LIMIT = 0.5


@dataclass(frozen=True)
class Rejects:
    """Generic out-of-scope questions, and which of them speak to the assistant (« tu »)."""

    index: SemanticIndex
    informal: np.ndarray  # bool per question
    # their sentence embeddings (faq.sentences), one row per question, when the encoder reads
    sentences: np.ndarray | None = None


def informal(text: str) -> bool:
    """« tu », « toi », « t'es » and no « vous »: said to the assistant, not about the business."""
    folded = fold(text)
    return bool(INFORMAL.search(folded)) and not FORMAL.search(folded)


@dataclass(frozen=True)
class Reading:
    """How the FAQ reads a question."""

    best: str | None  # the entry the blend ranks first
    score: float  # its blended score, 0 to 1
    lexical: FaqMatch | None  # the lexical matcher's best entry, whatever its score
    refused: bool  # closer to a generic out-of-scope question than to the best entry
    # read with the sentence encoder too (the bands are measured so); without it, only the
    # lexical matcher's sure entries are answered
    whole: bool = True
    lead: float = 0.0  # how far the best entry's score stands above the second one's
    # the question is about a thing the FAQ never names (« vous toilettez les lapins »): its
    # best entry is at most proposed
    unknown_subject: bool = False
    unknown_share: float = 0.0  # see faq.matcher.LexicalReading


def named_by_both(seen: Reading) -> bool:
    """The lexical matcher's best entry is the one the blend ranks first."""
    return seen.lexical is not None and seen.lexical.faq_id == seen.best


@dataclass(frozen=True)
class _WordOpinions:
    """What the opinions that cost nothing (words, word vectors) say of a text: computed once,
    whether the sentence encoder is then asked or not."""

    words: Words
    semantic: np.ndarray
    blend: np.ndarray
    lexical: FaqMatch | None
    unknown_subject: bool
    unknown_share: float


def _word_opinions(text: str, index: FaqIndex) -> _WordOpinions:
    assert index.semantic is not None
    words = read(text, word_vectors())
    semantic = index.semantic.scores(words)
    seen_lexically = lexical_reading(text, index)
    lexical = seen_lexically.scores
    blend = (1 - LEXICAL_SHARE) * semantic
    if lexical:
        blend = blend + LEXICAL_SHARE / 100 * np.array(
            [lexical.get(faq_id, 0.0) for faq_id in index.semantic.ids], dtype=np.float32
        )
    top_lexical = max(lexical.items(), key=lambda item: item[1], default=None)
    return _WordOpinions(
        words=words,
        semantic=semantic,
        blend=blend,
        lexical=FaqMatch(top_lexical[0], round(top_lexical[1], 1)) if top_lexical else None,
        unknown_subject=seen_lexically.unknown_subject is not None,
        unknown_share=seen_lexically.unknown_share,
    )


def reading(
    text: str, index: FaqIndex, *, skip_reject: int | None = None, whole: bool = True
) -> Reading:
    """The opinions on `text`; `skip_reject` leaves one out-of-scope question out (calibration).

    `whole=False` spares the sentence encoder (a millisecond or two) for a message that asks
    nothing, in the middle of a booking: only a sure lexical match is answered then.
    """
    return _reading(text, index, _word_opinions(text, index), skip_reject=skip_reject, whole=whole)


def _reading(
    text: str,
    index: FaqIndex,
    opinions: _WordOpinions,
    *,
    skip_reject: int | None = None,
    whole: bool = True,
    embedded: Mapping[str, np.ndarray] | None = None,
) -> Reading:
    """`embedded`: questions the sentence encoder already read, by text."""
    assert index.semantic is not None
    blend = opinions.blend
    encoder = index.sentences if whole else None
    whole = encoder is not None
    question = None
    if encoder is not None and encoder.ids:
        question = (embedded or {}).get(text)
        if question is None:
            question = embed_questions([text])[text]
        blend = (blend + SENTENCE_SHARE * encoder.scores(question)) / (1 + SENTENCE_SHARE)
    found = opinions.lexical
    if not len(blend) or float(blend.max()) <= 0:
        return Reading(None, 0.0, found, False, whole)
    best = int(blend.argmax())
    ordered = np.sort(blend)
    said = None
    if encoder is not None and question is not None:
        said = _Said(question, float(encoder.closest(question)[best]))
    return Reading(
        lead=float(ordered[-1] - ordered[-2]) if len(ordered) > 1 else float(ordered[-1]),
        best=index.semantic.ids[best],
        score=float(blend[best]),
        lexical=found,
        refused=_refused(
            text, opinions.words, index.rejects, float(opinions.semantic[best]), skip_reject, said
        ),
        whole=whole,
        unknown_subject=opinions.unknown_subject,
        unknown_share=opinions.unknown_share,
    )


@dataclass(frozen=True)
class _Said:
    """The question as the sentence encoder reads it, and how close it says the best entry."""

    question: np.ndarray
    best: float  # the best entry's closest phrasing (cosine)


def _refused(
    text: str,
    words: Words,
    rejects: Rejects | None,
    semantic: float,
    skip: int | None,
    said: _Said | None = None,
) -> bool:
    """Whether the question is clearly closer to a generic out-of-scope one than to the FAQ.

    One said to the assistant (« tu travailles tous les jours ») only stands for questions
    also said to it: « vous travaillez le lundi » asks about the business.

    Words alone meet a generic question by a shared word or two (« c'est quoi le tarif pour
    enlever le tartre » and « combien font douze fois treize »); when the sentence encoder
    reads too, it must also find the question closer to that generic set than to the entry.
    """
    if rejects is None or not rejects.index.ids:
        return False
    said_to_it = informal(text)

    def closest(closeness: np.ndarray) -> float:
        if not said_to_it:
            closeness[rejects.informal] = 0.0
        if skip is not None:
            closeness[skip] = 0.0
        return float(closeness.max())

    if closest(rejects.index.overlap(words)) <= semantic + REFUSE_MARGIN:
        return False
    if said is None or rejects.sentences is None or not len(rejects.sentences):
        return True
    return closest(rejects.sentences @ said.question) > said.best + SENTENCE_REFUSE_MARGIN


# Questions about the assistant itself, said to it: its name, what it is, and « et toi … »
# (« comment tu t'appelles », « t'es un robot ? », « et toi t'as des tatouages ? »). The
# business's FAQ never answers them, whatever words they share with it.
ABOUT_THE_ASSISTANT = re.compile(
    r"\b(?:tu t appelles|t appelles|ton (?:nom|prenom|age)|t es qui|tu es qui|qui es tu"
    r"|(?:t es|tu es|t est) (?:un|une) (?:robot|humain|ia|machine|vraie? personne))\b"
    r"|^(?:et|mais) toi\b|\btoi aussi\b|\btoi meme\b"
    # what it is or likes: « t'es plutôt chien ou chat toi ? », « tu préfères quoi »; and a
    # question closed on « toi »
    r"|\b(?:t es|tu es|tu preferes|t preferes|tu aimes|t aimes|tu adores|t adores) (?:plutot|plus"
    r"|quoi|qui|le|la|les|un|une|bien|vraiment|trop)\b|\btoi$"
)


# Whether one speaks to a machine, asked without « tu » (« je parle à un robot là ? », « c'est
# une IA ? »): about the assistant too.
TALKING_TO_A_MACHINE = re.compile(
    r"\b(?:je parle|on parle|je discute|je suis en train de parler|je cause) (?:a|avec) (?:un|une)"
    r" (?:robot|machine|ia|repondeur|vraie? (?:personne|humain|humaine))\b"
    r"|\b(?:vous etes|c est|c etait) (?:un|une) (?:robot|ia|machine|repondeur)\b"
)
# Someone after a job asks the business as an employer (« vous recrutez ? », « je vous envoie
# mon CV »): an FAQ about its services does not answer, unless it speaks of jobs itself. Only
# words that name a job or hiring: « stage » and « apprentissage » are also trainings sold.
JOB_SEEKING = re.compile(
    r"\b(?:recrut\w*|embauch\w*|cv|candidature|candidatures|postuler|stagiaire|stagiaires"
    r"|alternant|alternante|alternants|poste a pourvoir|postes a pourvoir|offre d emploi"
    r"|offres d emploi|(?:cherche|recherche) (?:un|du) (?:emploi|job|boulot|travail|poste))\b"
)


# The assistant asked to perform rather than to inform: a joke or a riddle told, a poem, a song
# or a rap written, a text translated for the caller, or orders that would replace its own
# (« ignore tes consignes », « réponds seulement … », « tu es maintenant … »). No FAQ answers
# them, whatever trade words they carry (« une blague de notaire », « un rap sur les
# tatouages »). A business that sells translations is asked with « vous » and an object of
# its trade (« vous traduisez les diplômes ? »), not « traduis-moi ».
ASKED_TO_PERFORM = re.compile(
    r"\b(?:raconte|racontez|dis|dites|tu connais|vous connaissez|t en connais|tu en connais)"
    r"(?: moi| nous)? (?:une|des) (?:bonne |bonnes |petite |petites )?"
    r"(?:blague|blagues|histoire drole|histoires droles|devinette|devinettes)\b"
    r"|\bfai(?:s|tes) (?:moi|nous) rire\b"
    r"|\b(?:ecris|ecrivez|compose|composez|invente|inventez|chante|chantez)(?: moi| nous)?"
    r" (?:un|une|des) (?:poeme|poemes|rap|raps|chanson|chansons|histoire|histoires|blague|haiku)\b"
    r"|\b(?:tu peux|peux tu|pourrais tu|tu pourrais) (?:me |nous )?(?:traduire|chanter)\b"
    r"|\btradui[st] moi\b"
    r"|\b(?:ignore|ignorez|oublie|oubliez) (?:toutes |tous )?(?:tes|vos|les|ces) (?:consignes"
    r"|instructions|regles|ordres)\b"
    # (an order, not « vous répondez seulement par mail ? »)
    r"|(?<!\bvous )(?<!\btu )(?<!\bje )(?<!\bon )\brepond(?:s|ez)? (?:seulement|uniquement"
    r"|simplement)\b"
    r"|\btu es (?:maintenant|desormais)\b"
)


# The weather to come or outside now, asked (« il va pleuvoir demain ? », « il gèle cette nuit ou
# pas », « vous savez s'il va neiger ? »): no business's FAQ forecasts it. Weather as a
# condition (« s'il pleut, la leçon est maintenue ? », « quand il neige vous ouvrez ? ») is a
# question about the business, and stays read.
WEATHER_ASKED = re.compile(
    r"(?<!\bs )(?<!\bsi )(?<!\bquand )(?<!\blorsqu )(?<!\bmeme s )(?<!\bmeme si )(?<!\bsi jamais )"
    r"(?<!\bau cas ou )(?<!\bdans le cas ou )(?<!\ben cas ou )(?<!\bs jamais )"
    r"\bil (?:va |devrait |risque de )?(?:pleuvoir|pleut|pleuvra|neiger|neige|neigera|geler|gele"
    r"|gelera|greler|grele|faire (?:beau|chaud|froid|mauvais|gris|doux)|fait (?:beau|chaud|froid"
    r"|mauvais|gris|doux)|fera (?:beau|chaud|froid|mauvais|gris|doux))\b"
    # (the warmth of the premises is no weather: « il fait froid dans le studio ? »)
    r"(?! (?:dans|chez|a l interieur|au|a la|en salle)\b)"
    r"|\b(?:savez|sais|savoir|dire|idee) s il (?:va|fera|devrait) (?:pleuvoir|neiger|geler|greler"
    r"|faire)\b"
)


def _beyond_the_faq(folded: str, index: FaqIndex) -> bool:
    """A question about the assistant, a request that it perform, the weather, or a job, which
    this FAQ does not speak of."""
    if (
        TALKING_TO_A_MACHINE.search(folded)
        or ASKED_TO_PERFORM.search(folded)
        or WEATHER_ASKED.search(folded)
    ):
        return True
    job = JOB_SEEKING.search(folded)
    return job is not None and not any(token in index.weights for _, token in analyze(job[0]))


def judge(
    text: str, index: FaqIndex, *, threshold: float = 80, whole: bool = True
) -> FaqMatch | None:
    """The entry to answer (sure) or to propose (not sure), or None (`whole`: see `reading`).

    A message of several sentences is also read question by question: in « vous soignez les
    lapins ? Le mien a les dents de travers », the question is the first sentence, and the
    rest would only blur it. The surest reading wins.
    """
    folded = fold(text)
    if (informal(text) and ABOUT_THE_ASSISTANT.search(folded)) or _beyond_the_faq(folded, index):
        return None
    parts = questions(text) + alternatives(text)
    # the sentence encoder reads the message and its parts in one batch, when it reads at all
    embedded: dict[str, np.ndarray] = {}
    found, ranked_first = _judge(text, index, threshold, whole, parts=parts, embedded=embedded)
    if found is not None and found.sure:
        return found
    for question in parts:
        # a part of a message has few words: one of them alone (« recevez » of « Recevez-vous
        # les enfants ? ») makes the lexical matcher sure, so it is trusted only when the blend
        # of opinions agrees, on the part and on the whole message (« vous coupez les cheveux
        # aussi ou c'est juste l'esthétique » is not the entry on cutting nails)
        other, _ = _judge(question, index, threshold, whole, part=True, embedded=embedded)
        if other is not None and other.sure and ranked_first not in (None, other.faq_id):
            other = FaqMatch(other.faq_id, other.score, sure=False)
        if other is not None and (
            found is None or (other.sure, other.score) > (found.sure, found.score)
        ):
            found = other
    return found


def alternatives(text: str) -> list[str]:
    """The two halves of a question put as a choice: « vous prenez la carte bleue ou faut
    prévoir du liquide ? » asks one thing twice, and each half says it more clearly."""
    if informal(text):
        return []  # « tu préfères les chiens ou les chats » stays said to the assistant
    halves = [h.strip(" ,?") for h in OR_CLAUSE.split(text, maxsplit=1)]
    if len(halves) != 2 or min(len(WORD.findall(h)) for h in halves) < MIN_CLAUSE_WORDS:
        return []
    return halves


def questions(text: str) -> list[str]:
    """The sentences of a message that end with « ? », when it has more than one sentence."""
    sentences = [s.strip() for s in SENTENCE.findall(text) if s.strip()]
    if len(sentences) < 2:
        return []
    return [s for s in sentences if s.endswith("?") and len(WORD.findall(s)) >= MIN_QUESTION_WORDS]


def _judge(
    text: str,
    index: FaqIndex,
    threshold: float,
    whole: bool,
    *,
    part: bool = False,
    parts: Sequence[str] = (),
    embedded: dict[str, np.ndarray] | None = None,
) -> tuple[FaqMatch | None, str | None]:
    """The entry decided, and the one the blend of opinions ranks first.

    `threshold` is the lexical matcher's own (the ``FAQ_MATCH_THRESHOLD`` setting); an index
    without bands is read by the lexical matcher alone. `embedded` keeps what the sentence
    encoder read, `text` with its `parts` in one batch."""
    if index.bands is None or index.semantic is None:
        return match(text, index, threshold=threshold), None
    opinions = _word_opinions(text, index)
    if opinions.words.empty and opinions.lexical is None and "?" not in text:
        # only days, times, « oui », « d'accord », asking nothing: nothing to match on its
        # own, and the sentence encoder (a few milliseconds) is spared (« et le samedi ? » is
        # still read)
        return None, None
    words = _reading(text, index, opinions, whole=False)
    if not whole or (not part and _lexically_sure(words, index, threshold)):
        # the lexical matcher alone decides: the sentence encoder (a millisecond or two) would
        # change nothing (a part of a message is checked against the whole blend)
        return decide(words, index, threshold=threshold, agreed=part), words.best
    if embedded is not None and text not in embedded and index.sentences is not None:
        embedded.update(embed_questions([text, *parts]))
    seen = _reading(text, index, opinions, embedded=embedded)
    return decide(seen, index, threshold=threshold, agreed=part), seen.best


def _lexically_sure(
    seen: Reading, index: FaqIndex, threshold: float, *, agreed: bool = False
) -> bool:
    """The lexical matcher is sure of an entry (`agreed`: and the blend ranks it first)."""
    assert index.bands is not None
    lexical = seen.lexical
    return (
        seen.best is not None
        and not seen.refused
        and lexical is not None
        and lexical.score >= max(threshold, index.bands.lexical)
        and (not agreed or named_by_both(seen))
    )


def decide(
    seen: Reading, index: FaqIndex, *, threshold: float = 80, agreed: bool = False
) -> FaqMatch | None:
    """`agreed`: a sure lexical match is answered only when the blend ranks it first."""
    bands = index.bands
    assert bands is not None
    lexical = seen.lexical
    if seen.best is None or seen.refused:
        return None
    if _lexically_sure(seen, index, threshold, agreed=agreed):
        return lexical
    if not seen.whole:
        return None
    score = round(seen.score * 100, 1)
    # far ahead of every other entry (the FAQ's `lead` band) and named by both opinions: not
    # for a part of a message (one sentence, one half of a choice), whose few words easily
    # stand apart
    if seen.score >= bands.answer or (
        not agreed
        and seen.score >= LEAD_FLOOR
        and seen.lead >= bands.lead
        and seen.unknown_share < UNKNOWN_SHARE_LIMIT
        and named_by_both(seen)
    ):
        return FaqMatch(seen.best, score, sure=not seen.unknown_subject)
    if seen.score >= bands.confirm:
        return FaqMatch(seen.best, score, sure=False)
    if (
        lexical
        and named_by_both(seen)
        and (
            lexical.score >= threshold
            or (lexical.score >= AGREEMENT_LEXICAL and seen.score >= AGREEMENT_BLEND)
        )
    ):
        # both opinions name it (and the lexical matcher alone would have answered, or both
        # are fair): ask
        return FaqMatch(seen.best, score, sure=False)
    if seen.score >= LEAD_FLOOR and seen.lead >= LEAD_MARGIN:
        return FaqMatch(seen.best, score, sure=False)  # one entry clearly ahead: ask
    return None

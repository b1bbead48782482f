"""One pass of French understanding over a message: every entity the text carries.

Pure: the clock (``today``), the proposed slots and the FAQ index are arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from booking.preferences import Preference
from conversations.dialogue.guards import Guard
from conversations.dialogue.nlu import choices, emails, intents, motifs, names, practitioners, yesno
from conversations.dialogue.nlu.intents import HeldShift, Intent
from conversations.dialogue.nlu.practitioners import Mention, Staff
from conversations.dialogue.nlu.when import dates
from conversations.dialogue.states import TERMINAL, State
from faq.confidence import judge
from faq.matcher import FaqIndex, FaqMatch
from receptionist.lib import phones
from receptionist.lib.text import fold

# A contact said with at most this many other words (« c'est le », « mon numéro c'est ») is
# said alone.
CONTACT_ALONE_WORDS = 4
# States where the agent has just asked for a name: a bare name counts.
NAME_STATES = frozenset({"QUALIF_NAME", "CANCEL_NAME", "MODIFY_NAME"})
# States where a message may ask anything. The FAQ reads a question, or a message there that
# asks for no action, with all its opinions; any other message (a name, a day, « je voudrais
# annuler ») only with the ones that cost nothing, which answer when they are sure.
OPEN_STATES = frozenset({State.START, State.INTENT_ROUTER, State.FAQ_CONFIRM}) | TERMINAL


@dataclass(frozen=True)
class Understanding:
    text: str
    folded: str
    guard: Guard | None = None
    intent: Intent | None = None
    is_question: bool = False
    # An explicit request to come (« est-ce que je peux passer ? »), not a question about the business.
    firm_booking: bool = False
    is_goodbye: bool = False
    # Nothing but « bonjour », « allô oui »: greet back and ask, no miss counted.
    is_greeting: bool = False
    # Asks to cancel or move (« je peux décaler mon rdv ? »), not about the terms of doing so.
    change_request: bool = False
    # « changer l'heure de mon rdv »: a move that keeps the appointment's day.
    keeps_day: bool = False
    # another day than the one held (« un autre jour »): a move rules it out
    other_day: bool = False
    # « un peu plus tard dans la matinée »: later (or earlier) than the appointment held
    held_shift: HeldShift | None = None
    is_correction: bool = False
    name: str | None = None
    # The name is a surname said with a civility (« madame Laurent »).
    surname_only: bool = False
    # « pardon, Jacob sans s »: a name given as a correction, outside a name question.
    corrected_name: str | None = None
    motif: str | None = None
    # The motif is one the business listed (« détartrage »), not words taken as one.
    known_motif: bool = False
    phone: str | None = None
    phone_attempt: bool = False
    # A phone number or an e-mail address said alone, or nearly (« c'est le 06… »), with no
    # request: given as the contact to keep.
    contact_alone: bool = False
    email: str | None = None
    preference: Preference | None = None
    yes_no: bool | None = None
    slot_choice: int | None = None
    rejects_slots: bool = False
    menu: Intent | None = None
    faq: FaqMatch | None = None
    # Whom the appointment is with (a business with practitioners only).
    practitioner: Mention | None = None


def understand(
    text: str,
    *,
    state: str,
    today: date,
    slot_starts: Sequence[datetime],
    faq_index: FaqIndex,
    faq_threshold: float,
    known_motifs: Sequence[str] = (),
    guard: Guard | None = None,
    staff: Sequence[Staff] = (),
    booking_for: str = "",
) -> Understanding:
    """Everything `text` says, read in the light of the question the agent is waiting on.

    `booking_for` is the reason of the booking under way: a question that points at it
    (« le montant de cette prestation », « ça dure combien ce rendez-vous ? ») is read with it.
    """
    if guard is not None:
        # Another language: only the FAQ reads it (« do you speak English » may be in it).
        faq = judge(text, faq_index, threshold=faq_threshold) if guard == Guard.NOT_FRENCH else None
        return Understanding(text=text, folded=fold(text), guard=guard, faq=faq)
    folded = fold(text)
    name = names.extract_name(text, expecting=state in NAME_STATES)
    if state not in NAME_STATES and names.caller_for_a_relative(text, name):
        # « monsieur Martin à l'appareil, c'est pour mon fils »: the appointment is the son's,
        # whose name is still to be asked
        name = None
    intent = intents.detect_intent(folded)
    is_correction = names.is_correction(folded)
    corrected_name = name or (names.extract_name(text, expecting=True) if is_correction else None)
    whom = practitioners.read_practitioner(text, staff)
    # « je me suis trompé de nom, c'est la docteure Lambert »: the practitioner corrected
    said_whom = bool(
        whom and corrected_name and practitioners.names_practitioner(corrected_name, whom)
    )
    # « avec le docteur Carrère pour un renouvellement »: the practitioner is not the motif.
    motif_text = practitioners.without(text, whom) if whom else text
    is_question = intents.is_info_question(text, folded)
    firm_booking = (
        intent == Intent.BOOKING
        and intents.is_firm_booking(folded)
        and (not intents.asks_information(folded) or intents.asks_for_someone(folded))
    )
    change_request = intent in (Intent.CANCEL, Intent.MODIFY) and not intents.is_policy_question(
        folded
    )
    email = emails.extract_email(text)
    motif = (
        motifs.extract_motif(motif_text, known=known_motifs, name=name)
        if intent == Intent.BOOKING or state in ("START", "QUALIF_MOTIF")
        else None
    )
    known_motif = bool(motif) and fold(motif) in {fold(k) for k in known_motifs}
    preference = dates.parse_preference(folded, today=today)
    return Understanding(
        text=text,
        folded=folded,
        intent=intent,
        is_question=is_question,
        firm_booking=firm_booking,
        is_goodbye=intents.is_goodbye(folded),
        # a greeting, or who the caller is and nothing asked yet (« je suis une cliente,
        # une couleur samedi matin » asks for a time: no greeting)
        is_greeting=intents.is_greeting(folded)
        or (
            intent is None
            and not is_question
            and name is None
            and preference is None
            and not known_motif
            and intents.is_introduction(folded)
        ),
        change_request=change_request,
        keeps_day=intents.keeps_day(folded),
        other_day=intents.other_day(folded),
        held_shift=intents.held_shift(folded),
        is_correction=is_correction,
        name=name,
        surname_only=names.surname_only(text, name),
        corrected_name=corrected_name if is_correction and not said_whom else None,
        motif=motif,
        known_motif=known_motif,
        phone=(phone := phones.extract_phone(folded)),
        contact_alone=intent is None
        and bool(phone or email)
        and phones.words_beside_numbers(fold(emails.without_address(text))) <= CONTACT_ALONE_WORDS,
        phone_attempt=phones.looks_like_phone_attempt(folded),
        email=email,
        preference=preference,
        yes_no=yesno.parse_yes_no(folded, confirming_cancel=state == State.CANCEL_CONFIRM),
        slot_choice=choices.pick_slot(folded, slot_starts) if slot_starts else None,
        rejects_slots=choices.rejects_all(folded),
        menu=intents.menu_choice(folded) if state == "INTENT_ROUTER" else None,
        faq=judge(
            intents.with_what_it_points_at(text, folded, booking_for) if is_question else text,
            faq_index,
            threshold=faq_threshold,
            # at the start, a firm request is acted on whatever the FAQ says: the sentence
            # encoder is spared
            whole=(is_question or (state in OPEN_STATES and intent is None))
            and not (state == State.START and (firm_booking or change_request)),
        ),
        practitioner=whom,
    )


def warm_up() -> None:
    """Run every extractor once on typical input (no database): loads their lazy data (the
    FAQ's sentence encoder is loaded by server processes, see receptionist/asgi.py)."""
    from datetime import date
    from zoneinfo import ZoneInfo

    from faq.calibration import rejects
    from faq.index import build_index
    from faq.matcher import FaqDoc

    rejects()  # reads the word vectors and the out-of-scope set, once per process
    index = build_index([FaqDoc("W", "Quels sont vos horaires ?", "De 9h à 18h.")])
    start = datetime(2026, 1, 6, 9, tzinfo=ZoneInfo("Europe/Paris"))
    understand(
        "bonjour c'est Marie Curie, 06 12 34 56 78, marie@exemple.fr, mardi matin, le premier, oui",
        state="QUALIF_NAME",
        today=date(2026, 1, 5),
        slot_starts=[start],
        faq_index=index,
        faq_threshold=80,
    )

"""Admin forms for the FAQ: the entry form, the file import, « Tester une question », and a
client's question added as a phrasing of an entry."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from faq.exchange import MAX_FILE_BYTES, FaqDataError, FaqRow, clean_alternatives, read_faq_file
from faq.models import FaqEntry

QUESTION_TRIAL_MAX = 500
# What a staff member may send; the service keeps at most QUESTION_MAX characters of it.
PHRASING_INPUT_MAX = 2000


class AlternativesField(forms.CharField):
    """The JSON list of alternatives, edited as one phrasing per line."""

    widget = forms.Textarea(attrs={"rows": 6, "cols": 80})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        # CharField.to_python gives empty_value ("" here) for no input, never None.
        text = cast(str, super().to_python(value))
        try:
            return list(clean_alternatives(text.splitlines()))
        except FaqDataError as exc:
            raise ValidationError(capfirst(str(exc))) from None


class FaqEntryForm(forms.ModelForm):
    alternatives = AlternativesField(
        label="Autres formulations",
        required=False,
        help_text="Une formulation par ligne, comme un client la dirait (« vous ouvrez quand »). "
        "Les lignes vides sont ignorées.",
    )

    class Meta:
        model = FaqEntry
        fields = ["faq_id", "question", "answer", "alternatives", "active"]
        help_texts = {
            "faq_id": "Lettres sans accent, chiffres, « - » ou « _ » (par exemple FAQ_HORAIRES).",
            "answer": "Le texte que l'assistant lit ou écrit au client.",
            "active": "Décochez pour que l'assistant n'utilise plus cette réponse.",
        }


class FaqImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier",
        help_text="Un profil JSON (entier, ou seulement sa liste « faq ») ou un CSV "
        "aux colonnes id, question, answer, alternatives, active.",
    )

    rows: list[FaqRow]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                f"Fichier trop volumineux : {MAX_FILE_BYTES // 1_000_000} Mo au plus."
            )
        try:
            self.rows = read_faq_file(upload.read())
        except FaqDataError as exc:
            raise ValidationError(str(exc)) from None
        return upload


class FaqTrialForm(forms.Form):
    question = forms.CharField(
        label="Phrase du client",
        max_length=QUESTION_TRIAL_MAX,
        widget=forms.TextInput(attrs={"size": 80, "autofocus": True}),
    )


class EntryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FaqEntry) -> str:
        return f"{obj.question} ({obj.faq_id})"


class FaqPhrasingForm(forms.Form):
    """« Ajouter comme formulation d'une FAQ »: a client's question and the entry it belongs to."""

    text = forms.CharField(
        label="Question du client",
        max_length=PHRASING_INPUT_MAX,
        widget=forms.TextInput(attrs={"size": 80}),
    )
    faq_id = EntryChoiceField(
        label="Question fréquente",
        queryset=FaqEntry.objects.filter(active=True).order_by("question", "faq_id"),
        to_field_name="faq_id",
        empty_label="Choisissez une question fréquente",
        error_messages={"invalid_choice": "Cette question fréquente n'existe pas ou est inactive."},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

"""The staff form for a prompt override: a known key, and a text the engine can always fill."""

from __future__ import annotations

import string
from typing import Any, cast

from django import forms
from django.utils.text import Truncator

from conversations.dialogue.prompts import (
    PROMPTS,
    allowed_placeholders,
    preview,
    required_placeholders,
)
from conversations.models import Prompt

MALFORMED = (
    "Accolades mal formées : écrivez {nom} pour une variable, et doublez-les ({{ ou }}) "
    "pour afficher une accolade."
)


def braced(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names))


def text_problems(key: str, variant: str, text: str) -> list[str]:
    """Why the engine could not say `text` for `key` (empty list: it can)."""
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text)]
    except ValueError:
        return [MALFORMED]
    names = {name for name, _, _ in fields if name is not None}
    allowed = allowed_placeholders(key)
    problems = []
    if unknown := names - allowed:
        problems.append(
            f"Variable(s) inconnue(s) pour ce message : {braced(unknown)}. "
            f"Variables possibles : {braced(allowed)}."
        )
    if [name for name, spec, conv in fields if name is not None and (spec or conv)]:
        problems.append(
            "Écrivez les variables simplement, par exemple {name}, sans « : » ni « ! »."
        )
    if missing := required_placeholders(key, variant) - names:
        problems.append(
            f"Le texte par défaut utilise {braced(missing)} : gardez ces variables, "
            "sinon l'information manquera au visiteur."
        )
    if not problems:
        try:
            preview(text)
        except (ValueError, IndexError, KeyError, AttributeError):
            problems.append(MALFORMED)
    return problems


def key_choices() -> list[tuple[str, str]]:
    return [(key, f"{key} — {Truncator(w.web).chars(60)}") for key, w in PROMPTS.items()]


class PromptForm(forms.ModelForm):
    key = forms.ChoiceField(label="clé", choices=key_choices)

    class Meta:
        model = Prompt
        fields = ["key", "variant", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "cols": 80})}
        help_texts = {
            "variant": "« Tous canaux » s'applique au web et au téléphone, sauf si un message "
            "propre à ce canal existe.",
            "text": "Les variables entre accolades, comme {business}, sont remplacées par la "
            "valeur du moment. Gardez celles du texte par défaut.",
        }

    def clean(self) -> dict[str, Any]:
        # ModelForm.clean returns cleaned_data; the stub allows None for overrides.
        cleaned = cast("dict[str, Any]", super().clean())
        key, text = cleaned.get("key"), cleaned.get("text")
        if key in PROMPTS and text:
            for problem in text_problems(key, cleaned.get("variant") or "", text):
                self.add_error("text", problem)
        return cleaned

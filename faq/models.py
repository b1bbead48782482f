from __future__ import annotations

from django.db import models


class FaqEntry(models.Model):
    faq_id = models.SlugField("identifiant", max_length=80, unique=True)
    question = models.CharField("question", max_length=300)
    answer = models.TextField("réponse")
    alternatives = models.JSONField("autres formulations", default=list, blank=True)
    active = models.BooleanField("active", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "question fréquente"
        verbose_name_plural = "questions fréquentes"
        ordering = ["faq_id"]
        # Narrower than « change »: managers teach the FAQ a missed question, nothing more.
        permissions = [("add_phrasing", "Peut ajouter une formulation à une question fréquente")]

    def __str__(self) -> str:
        return self.faq_id

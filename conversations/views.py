"""The demo page: the business's name and the chat widget, for a first try after `make run`."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from booking.models import Business


def demo(request: HttpRequest) -> HttpResponse:
    business = Business.objects.order_by("pk").first()
    name = business.name if business else settings.BUSINESS_NAME or "Assistant de rendez-vous"
    return render(request, "demo.html", {"business_name": name})

"""An appointment message as an e-mail: plain text, the same in HTML, and its .ics."""

from __future__ import annotations

from datetime import datetime
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from booking.ics import appointment_ics
from booking.notifications.models import Notification

ICS_NAME = "rendez-vous.ics"


def message_id(notification: Notification) -> str:
    """Our Message-ID for the row: the same on every attempt, so a mail server or a reader
    that saw one copy can tell a second apart."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return (
        f"<notification-{notification.pk}.{notification.appointment.public_id.hex[:12]}@{domain}>"
    )


def appointment_email(
    notification: Notification,
    *,
    subject: str,
    body: str,
    link: str,
    now: datetime,
) -> EmailMultiAlternatives:
    appointment = notification.appointment
    business = appointment.business
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=formataddr((business.name, settings.DEFAULT_FROM_EMAIL)),
        to=[notification.recipient],
        headers={
            "Message-ID": message_id(notification),
            "Auto-Submitted": "auto-generated",
        },
    )
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    html = render_to_string(
        "notifications/email.html",
        {"subject": subject, "paragraphs": paragraphs, "link": link, "business": business},
    )
    message.attach_alternative(html, "text/html")
    cancelled = notification.kind == Notification.Kind.CANCELLED
    method = "CANCEL" if cancelled else "PUBLISH"
    message.attach(
        ICS_NAME,
        appointment_ics(appointment, now=now, method=method).decode(),
        f"text/calendar; charset=utf-8; method={method}",
    )
    return message

"""Contact details as public payloads show them: enough to recognise one's own, never whole.

A turn payload reaches whoever holds the conversation id (a browser, a shared screen, a voice
platform's logs); the staff API and the privacy export alone carry full numbers and addresses.
"""

from __future__ import annotations

DOT = "•"


def masked_phone(e164: str) -> str:
    """« +33612345678 » → « 06 •• •• •• 78 »; elsewhere the country code and the last two digits."""
    if not e164:
        return ""
    digits = "".join(c for c in e164 if c.isdigit())
    if e164.startswith("+33") and len(digits) == 11:
        national = "0" + digits[2:]
        return f"{national[:2]} {DOT * 2} {DOT * 2} {DOT * 2} {national[-2:]}"
    if len(digits) < 6:
        return DOT * len(digits)
    return f"+{digits[:2]} {DOT * (len(digits) - 4)} {digits[-2:]}"


def masked_email(address: str) -> str:
    """« marie.lefebvre@example.fr » → « m•••@e•••.fr »: first letters and the top-level domain."""
    if not address:
        return ""
    local, _, domain = address.rpartition("@")
    if not local:
        return DOT * 3
    host, dot, tld = domain.rpartition(".")
    if not host:
        host, tld = domain, ""
    masked_domain = f"{host[:1]}{DOT * 3}{dot}{tld}" if host else DOT * 3
    return f"{local[:1]}{DOT * 3}@{masked_domain}"

"""Who may teach the FAQ a question it missed (a new phrasing of an entry).

Staff who may change entries, and those given only ``faq.add_phrasing`` (the « Manager »
group: managers read the missed questions in the report and pick the entry they belong to).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, PermissionsMixin


def may_add_phrasing(user: PermissionsMixin | AnonymousUser) -> bool:
    return user.has_perm("faq.add_phrasing") or user.has_perm("faq.change_faqentry")

"""GET /metrics: who may scrape, and what a scrape returns (Prometheus text format).

Out of the OpenAPI schema on purpose: a plain Django view, not a DRF one, answering
Prometheus' text format rather than JSON.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
from collections.abc import Iterator

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from booking.models import CalendarChange
from receptionist.lib.errors import error_body
from receptionist.lib.metrics import MULTIPROCESS_DIR
from receptionist.lib.rate_limits import client_address

logger = logging.getLogger(__name__)

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class CalendarBacklogCollector:
    """Outbox changes counted in the database at scrape time: right whichever process scrapes."""

    def collect(self) -> Iterator[Metric]:
        try:
            counts = self.counts()
        except DatabaseError:  # a scrape still returns the counters
            logger.warning("[METRICS] calendar backlog not available: database error")
            return
        backlog = counts.get(CalendarChange.Status.PENDING, 0)
        backlog += counts.get(CalendarChange.Status.CLAIMED, 0)
        yield GaugeMetricFamily(
            "receptionist_calendar_backlog",
            "Appointment changes not yet pushed to the remote calendar (pending or in flight).",
            value=backlog,
        )
        yield GaugeMetricFamily(
            "receptionist_calendar_given_up",
            "Appointment changes the sync gave up on after too many failed attempts.",
            value=counts.get(CalendarChange.Status.FAILED, 0),
        )

    @staticmethod
    def counts() -> dict[str, int]:
        """Outbox changes by status; one query on the index (status, next_attempt_at)."""
        unfinished = CalendarChange.objects.filter(
            status__in=[
                CalendarChange.Status.PENDING,
                CalendarChange.Status.CLAIMED,
                CalendarChange.Status.FAILED,
            ]
        )
        return dict(unfinished.values_list("status").annotate(n=Count("id")))


def scrape_registry() -> CollectorRegistry:
    """A fresh registry: every process's files when multi-process, else this process's metrics."""
    registry = CollectorRegistry()
    if MULTIPROCESS_DIR is not None:
        MultiProcessCollector(registry, path=MULTIPROCESS_DIR)
    else:
        registry.register(REGISTRY)
    registry.register(CalendarBacklogCollector())
    return registry


@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    if not scrape_allowed(request):
        return JsonResponse(error_body("permission_denied", "Metrics are restricted."), status=403)
    return HttpResponse(generate_latest(scrape_registry()), content_type=CONTENT_TYPE_LATEST)


def scrape_allowed(request: HttpRequest) -> bool:
    """A listed address, the metrics bearer token, or a staff user (DRF token or session).

    Behind trusted proxies (NUM_PROXIES) the address is the client's as they forwarded it: the
    proxy's own loopback address would let anyone on the internet in.
    """
    address = client_address(
        request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR")
    )
    return (
        address_allowed(address, allowed_networks()) or bearer_matches(request) or is_staff(request)
    )


def allowed_networks() -> list[IpNetwork]:
    networks = []
    for entry in settings.METRICS_ALLOWED_IPS:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            logger.warning("[METRICS] ignoring invalid METRICS_ALLOWED_IPS entry %r", entry)
    return networks


def address_allowed(address: str, networks: list[IpNetwork]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:  # « ::ffff:127.0.0.1 »
        ip = ip.ipv4_mapped
    return any(ip in network for network in networks)


def bearer_matches(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if not token or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


def is_staff(request: HttpRequest) -> bool:
    try:
        # Reads only the Authorization header, which a plain HttpRequest has too.
        authenticated = TokenAuthentication().authenticate(request)  # type: ignore[arg-type]
    except AuthenticationFailed:
        return False
    user = authenticated[0] if authenticated else getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_staff)

"""Issue 12, item 6: the staff APIs ask for the model or report permission, as the admin does.

Being staff (`is_staff`) used to be enough to list every appointment with phones and e-mails.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from receptionist.permissions import StaffPermission

pytestmark = pytest.mark.django_db

APPOINTMENTS = "/api/appointments"
STATS = "/api/stats/bookings"


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def staff(django_user_model, name: str, *, groups=(), perms=(), **extra):
    user = django_user_model.objects.create_user(name, password="x-pass", is_staff=True, **extra)
    user.groups.add(*Group.objects.filter(name__in=groups))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.mark.parametrize(
    ("groups", "perms", "expected"),
    [
        ((), (), {APPOINTMENTS: 403, STATS: 403}),
        (("Accueil",), (), {APPOINTMENTS: 200, STATS: 403}),
        (("Direction",), (), {APPOINTMENTS: 200, STATS: 200}),
        ((), ("booking.view_appointment",), {APPOINTMENTS: 200, STATS: 403}),
        ((), ("conversations.view_report",), {APPOINTMENTS: 403, STATS: 200}),
    ],
    ids=["no group", "front desk", "manager", "appointments only", "report only"],
)
def test_each_staff_api_needs_its_permission(
    business, clock, django_user_model, groups, perms, expected
) -> None:
    client = token_client(staff(django_user_model, "someone", groups=groups, perms=perms))

    assert {url: client.get(url).status_code for url in expected} == expected


def test_a_refusal_is_the_contract_error_body(business, django_user_model) -> None:
    response = token_client(staff(django_user_model, "nobody")).get(APPOINTMENTS)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_a_staff_session_needs_the_permission_too(business, clock, client, django_user_model):
    client.force_login(staff(django_user_model, "nobody"))
    assert client.get(APPOINTMENTS).status_code == 403

    client.force_login(staff(django_user_model, "desk", groups=("Accueil",)))
    assert client.get(APPOINTMENTS).status_code == 200


def test_a_superuser_holds_every_permission(business, clock, django_user_model) -> None:
    boss = django_user_model.objects.create_superuser("boss", password="x-boss-pass")
    client = token_client(boss)

    assert [client.get(url).status_code for url in (APPOINTMENTS, STATS)] == [200, 200]


def test_permissions_without_staff_status_are_not_enough(business, clock, django_user_model):
    user = staff(django_user_model, "former", groups=("Direction",))
    user.is_staff = False
    user.save(update_fields=["is_staff"])

    assert token_client(user).get(APPOINTMENTS).status_code == 403


def test_a_staff_view_that_names_no_permission_is_for_superusers_only(django_user_model):
    request = APIRequestFactory().get("/")
    view = APIView()

    request.user = staff(django_user_model, "manager", groups=("Direction",))
    assert StaffPermission().has_permission(request, view) is False
    request.user = django_user_model.objects.create_superuser("boss", password="x-boss-pass")
    assert StaffPermission().has_permission(request, view) is True

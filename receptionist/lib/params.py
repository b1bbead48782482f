"""Query strings read strictly, for the API's filter serializers."""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.request import Request


def query_params(request: Request) -> dict[str, str]:
    """The query string as a plain dict, for a filter serializer: each parameter given once.

    Given a QueryDict, DRF reads it like an HTML form: the last of repeated values wins and
    « hours= » means « not given », so `?hours=abc&hours=` passed as the default window.
    """
    repeated = sorted(name for name, values in request.query_params.lists() if len(values) > 1)
    if repeated:
        raise exceptions.ValidationError({name: ["Given more than once."] for name in repeated})
    return request.query_params.dict()

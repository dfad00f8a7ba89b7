"""One page of a list endpoint: `limit`/`offset` validated like any parameter, a stable order, and the total.

Written here rather than with DRF's LimitOffsetPagination because that one silently replaces a bad `limit`
(`limit=abc`, `limit=` or `limit=-5`) with the default; here those are a 400 naming the parameter, as every other
query parameter is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_LIMIT = 100
MAX_LIMIT = 500

M = TypeVar("M", bound=Model)
T = TypeVar("T")


class PageQuerySerializer(serializers.Serializer[Any]):
    limit = serializers.IntegerField(
        min_value=1, max_value=MAX_LIMIT, default=DEFAULT_LIMIT, help_text=f"Items per page (1-{MAX_LIMIT})."
    )
    offset = serializers.IntegerField(min_value=0, max_value=10**9, default=0, help_text="Items to skip.")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    count: int
    next: str | None
    previous: str | None
    results: Sequence[T]


def page_query(request: Request) -> dict[str, int]:
    """`limit` and `offset` of the request, validated (a 400 naming the parameter otherwise)."""
    query = PageQuerySerializer(data=request.query_params.dict())  # a dict: `limit=` is a 400, not the default
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


def page_get(queryset: QuerySet[M], *, request: Request, limit: int, offset: int) -> Page[M]:
    """Items `offset`..`offset + limit` of `queryset` (which must be ordered), with links to the neighbours."""
    return page_prepared(queryset, request=request, limit=limit, offset=offset, prepare=list)


def page_prepared(
    queryset: QuerySet[M],
    *,
    request: Request,
    limit: int,
    offset: int,
    prepare: Callable[[list[M]], Sequence[T]],
) -> Page[T]:
    """A page whose items `prepare` turns into what is rendered (positions, last prices), for that page only."""
    if not queryset.ordered:
        raise ValueError("A page needs an ordered queryset, or its items would move between pages.")
    count = queryset.count()
    url = request.build_absolute_uri()
    following = replace_query_param(replace_query_param(url, "limit", limit), "offset", offset + limit)
    if offset - limit <= 0:
        preceding = remove_query_param(replace_query_param(url, "limit", limit), "offset")
    else:
        preceding = replace_query_param(replace_query_param(url, "limit", limit), "offset", offset - limit)
    return Page(
        count=count,
        next=following if offset + limit < count else None,
        previous=preceding if offset > 0 else None,
        results=prepare(list(queryset[offset : offset + limit])),
    )


def page_serializer(
    name: str, item: type[serializers.Serializer[Any]], *, order: str = "newest first"
) -> type[serializers.Serializer[Any]]:
    """The serializer rendering a Page of `item`s: `{count, next, previous, results}`."""
    fields: dict[str, Any] = {
        "count": serializers.IntegerField(help_text="Items in the whole list."),
        "next": serializers.URLField(allow_null=True, help_text="The next page; null on the last."),
        "previous": serializers.URLField(allow_null=True, help_text="The previous page; null on the first."),
        "results": item(many=True),
        "__doc__": f"One page of {item.__name__.removesuffix('Serializer')} items, {order}.",
    }
    return type(name, (serializers.Serializer,), fields)

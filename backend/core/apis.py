"""Health endpoint."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.health import broker_state, cache_state, database_state


class HealthApi(APIView):
    """Liveness plus the state of database, cache and broker; 503 only when the database is down."""

    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = ()

    @extend_schema(
        responses=inline_serializer(
            "Health",
            {
                "status": serializers.CharField(),
                "components": serializers.DictField(child=serializers.DictField()),
            },
        )
    )
    def get(self, request: Request) -> Response:
        states = [database_state(), cache_state(), broker_state()]
        components = {s.name: {"state": s.state, "backend": s.backend, "detail": s.detail} for s in states}
        healthy = all(s.state == "up" for s in states)
        database_up = states[0].state == "up"
        return Response(
            {"status": "ok" if healthy else "degraded", "components": components},
            status=200 if database_up else 503,
        )

"""Liveness (`/healthz`) and readiness (`/readyz`) endpoints for load balancers and orchestrators."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import NotReadyError
from core.health import readiness_get
from core.serializers import HealthSerializer, ReadinessSerializer, error_responses


class HealthApi(APIView):
    """Liveness: answers 200 while the process serves requests; touches no database, cache or broker."""

    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = ()

    @extend_schema(responses={200: HealthSerializer})
    def get(self, request: Request) -> Response:
        return Response(HealthSerializer({"status": "ok"}).data)


class ReadinessApi(APIView):
    """Readiness: 200 when database, cache and broker answer; 503 naming the ones that do not."""

    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = ()

    @extend_schema(
        responses={
            200: ReadinessSerializer,
            **error_responses(
                503,
                _503="A dependency is down: `extra.failed` names it and `extra.components` gives every state.",
            ),
        }
    )
    def get(self, request: Request) -> Response:
        readiness = readiness_get()
        body = ReadinessSerializer(readiness).data
        if readiness.failed:
            raise NotReadyError(
                readiness.failure_message(), extra={"failed": body["failed"], "components": body["components"]}
            )
        return Response(body)

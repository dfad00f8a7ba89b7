"""GET /api/v1/analysis/predict/<symbol>/: the stored prediction and its record, or "being prepared"; never trains.
GET /api/v1/analysis/track-record/: the live track record per model version and per symbol."""

from __future__ import annotations

import dataclasses
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError, ErrorCode, NotFoundError
from core.serializers import error_responses
from core.symbols import normalize_symbol
from ml_models import track_record
from ml_models.models import ModelType
from ml_models.selectors import TrackRecord, model_track_record_get, track_record_get, track_records_list
from ml_models.serializers import (
    PREDICTION_RESPONSE,
    PredictionPreparingSerializer,
    PredictionReadySerializer,
    TrackRecordsSerializer,
)
from ml_models.services.requests import Preparing, prediction_or_preparing
from stocks.models import Stock

DISCLAIMER = {
    "ko": "예측은 과거 데이터로 학습한 통계 모델의 결과이며 투자 조언이 아닙니다. 아래 검증 결과를 함께 보세요.",
    "en": "Predictions come from statistical models trained on past data and are not investment advice. "
    "Read them together with the out-of-sample evaluation below.",
}


def _model_type(request: Request, allowed: list[str]) -> str:
    """The `model_type` query parameter (default price_prediction); anything else is a 400 naming the field."""
    raw_type = request.query_params.get("model_type", ModelType.PRICE_PREDICTION.value)
    if raw_type not in allowed:
        raise ApplicationError(
            f"model_type must be one of {', '.join(allowed)}.",
            extra={
                "param": "model_type",
                "allowed": allowed,
                "fields": {"model_type": [f"one of {', '.join(allowed)}"]},
                "field_codes": {"model_type": ["invalid_choice"]},
            },
        )
    return raw_type


def _record(record: TrackRecord) -> dict[str, Any]:
    return dataclasses.asdict(record)


def _prediction_track_record(model_type: str, version: str, symbol: str) -> dict[str, Any] | None:
    if model_type not in track_record.SCORED_MODEL_TYPES:
        return None
    kind = ModelType(model_type)
    return {
        "symbol": _record(track_record_get(model_type=kind, version=version, symbol=symbol)),
        "model": _record(model_track_record_get(model_type=kind, version=version)),
    }


class PredictApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(
        operation_id="analysis_predict",
        parameters=[
            OpenApiParameter(
                "model_type", OpenApiTypes.STR, enum=ModelType.values, default=ModelType.PRICE_PREDICTION.value
            )
        ],
        responses={
            200: OpenApiResponse(
                PREDICTION_RESPONSE,
                description='The stored prediction (status "ready"), or status "preparing" while a worker trains it.',
            ),
            **error_responses(400, 404, 409, _409="Not enough price history to train and evaluate."),
        },
    )
    def get(self, request: Request, symbol: str) -> Response:
        normalized = normalize_symbol(symbol)
        raw_type = _model_type(request, ModelType.values)
        found = prediction_or_preparing(symbol=normalized, model_type=ModelType(raw_type))
        if isinstance(found, Preparing):
            preparing = {
                "status": "preparing",
                "symbol": normalized,
                "model_type": raw_type,
                "queued": found.queued,
                "retry_after_seconds": found.retry_after_seconds,
            }
            return Response(PredictionPreparingSerializer(preparing).data)
        source = Stock.objects.filter(symbol=normalized).values_list("source", flat=True).first()
        body: dict[str, Any] = {
            "status": "ready",
            "symbol": normalized,
            "model_type": raw_type,
            "model": found.model,
            "trained_at": found.training.started_at,
            "as_of": found.as_of,
            "source": source,
            "prediction": found.result,
            "evaluation": found.evaluation,
            "drift": found.training.metrics.get("drift"),
            "track_record": _prediction_track_record(found.model.model_type, found.model.version, normalized),
            "disclaimer": DISCLAIMER,
        }
        return Response(PredictionReadySerializer(body).data)


class TrackRecordApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(
        operation_id="analysis_track_record",
        parameters=[
            OpenApiParameter(
                "model_type",
                OpenApiTypes.STR,
                enum=list(track_record.SCORED_MODEL_TYPES),
                default=ModelType.PRICE_PREDICTION.value,
            ),
            OpenApiParameter("symbol", OpenApiTypes.STR, required=False, description="Only this symbol's record."),
        ],
        responses={200: TrackRecordsSerializer, **error_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        raw_type = _model_type(request, list(track_record.SCORED_MODEL_TYPES))
        symbol = request.query_params.get("symbol")
        normalized = None
        if symbol is not None:
            normalized = normalize_symbol(symbol)
            if not Stock.objects.filter(symbol=normalized).exists():
                raise NotFoundError(
                    f"Unknown symbol '{normalized}'.", code=ErrorCode.STOCK_NOT_FOUND, extra={"symbol": normalized}
                )
        records = track_records_list(model_type=ModelType(raw_type), symbol=normalized)
        body = {
            "model_type": raw_type,
            "version": records.version,
            "models": [{"version": v, **_record(r)} for v, r in records.models.items()],
            "symbols": [{"symbol": s, **_record(r)} for s, r in records.symbols.items()],
        }
        return Response(TrackRecordsSerializer(body).data)

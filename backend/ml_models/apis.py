"""GET /api/v1/analysis/predict/<symbol>/: the stored prediction and its record, or "being prepared"; never trains.
GET /api/v1/analysis/models/ and /models/<training_id>/: model cards.
GET /api/v1/analysis/track-record/: the live track record per model version and per symbol."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.urls import reverse
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
from ml_models.cards import model_card
from ml_models.models import ModelPrediction, ModelType, TrainingScope
from ml_models.selection import RULE
from ml_models.selectors import (
    TrackRecord,
    latest_universe_runs,
    model_track_record_get,
    track_record_get,
    track_records_list,
    training_run_get,
)
from ml_models.serializers import (
    PREDICTION_RESPONSE,
    ModelCardSerializer,
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
        chosen, competitor = found.chosen, found.competitor
        body: dict[str, Any] = {
            "status": "ready",
            "symbol": normalized,
            "model_type": raw_type,
            "model": chosen.model,
            "trained_at": chosen.training.started_at,
            "as_of": chosen.as_of,
            "source": source,
            "prediction": chosen.result,
            "evaluation": chosen.evaluation,
            "drift": chosen.training.metrics.get("drift"),
            "track_record": _prediction_track_record(chosen.model.model_type, chosen.model.version, normalized),
            "disclaimer": DISCLAIMER,
            "model_scope": _scope(chosen),
            "universe_metrics": _universe_metrics(chosen),
            "model_card": reverse("analysis-model-card", kwargs={"training_id": chosen.training_id}),
            "selection": {
                "rule": RULE,
                "competitor": None
                if competitor is None
                else {
                    "model_scope": _scope(competitor),
                    "beats_baseline": competitor.evaluation.get("beats_baseline"),
                    "skill": competitor.evaluation.get("skill"),
                    "model_card": reverse("analysis-model-card", kwargs={"training_id": competitor.training_id}),
                },
            },
        }
        return Response(PredictionReadySerializer(body).data)


def _scope(prediction: ModelPrediction) -> str:
    return "universe" if prediction.training.scope == TrainingScope.UNIVERSE else "per_symbol"


def _universe_metrics(prediction: ModelPrediction) -> dict[str, Any] | None:
    if prediction.training.scope != TrainingScope.UNIVERSE:
        return None
    metrics = prediction.training.metrics.get("universe", {})
    return {k: metrics[k] for k in ("ic", "icir", "rank_ic", "rank_icir", "days", "symbols", "p_value")}


class ModelCardListApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(operation_id="analysis_models", responses={200: ModelCardSerializer(many=True)})
    def get(self, request: Request) -> Response:
        """The card of the latest universe training run of each model type (what the predictions come from)."""
        return Response(ModelCardSerializer([model_card(run) for run in latest_universe_runs()], many=True).data)


class ModelCardApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(
        operation_id="analysis_model_card",
        responses={200: ModelCardSerializer, **error_responses(404, _404="No training run with this id.")},
    )
    def get(self, request: Request, training_id: int) -> Response:
        """The model card of one training run (universe or per-symbol): what it predicts, features, window,
        evaluation and limits."""
        return Response(ModelCardSerializer(model_card(training_run_get(training_id=training_id))).data)


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

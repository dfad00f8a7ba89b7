"""GET /api/v1/analysis/predict/<symbol>/: the stored prediction and its record, or "being prepared"; never trains."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.serializers import error_responses
from core.symbols import normalize_symbol
from ml_models.models import ModelType
from ml_models.serializers import PREDICTION_RESPONSE, PredictionPreparingSerializer, PredictionReadySerializer
from ml_models.services.requests import Preparing, prediction_or_preparing
from stocks.models import Stock

DISCLAIMER = {
    "ko": "예측은 과거 데이터로 학습한 통계 모델의 결과이며 투자 조언이 아닙니다. 아래 검증 결과를 함께 보세요.",
    "en": "Predictions come from statistical models trained on past data and are not investment advice. "
    "Read them together with the out-of-sample evaluation below.",
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
        raw_type = request.query_params.get("model_type", ModelType.PRICE_PREDICTION.value)
        if raw_type not in ModelType.values:
            raise ApplicationError(
                f"model_type must be one of {', '.join(ModelType.values)}.",
                extra={
                    "param": "model_type",
                    "allowed": ModelType.values,
                    "fields": {"model_type": [f"one of {', '.join(ModelType.values)}"]},
                    "field_codes": {"model_type": ["invalid_choice"]},
                },
            )
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
            "disclaimer": DISCLAIMER,
        }
        return Response(PredictionReadySerializer(body).data)

"""GET /api/v1/analysis/predict/<symbol>/: a prediction with the out-of-sample record that qualifies it."""

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
from ml_models.selectors import prediction_get
from ml_models.serializers import PredictionResponseSerializer
from ml_models.services import prediction_train
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
            200: OpenApiResponse(PredictionResponseSerializer, description="Prediction, evaluation and disclaimer."),
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
        model_type = ModelType(raw_type)
        # Trained on the first request for a data version; issue 13 moves training to a worker.
        prediction = prediction_get(symbol=normalized, model_type=model_type) or prediction_train(
            symbol=normalized, model_type=model_type
        )
        source = Stock.objects.filter(symbol=normalized).values_list("source", flat=True).first()
        body: dict[str, Any] = {
            "symbol": normalized,
            "model_type": raw_type,
            "model": prediction.model,
            "as_of": prediction.as_of,
            "source": source,
            "prediction": prediction.result,
            "evaluation": prediction.evaluation,
            "disclaimer": DISCLAIMER,
        }
        return Response(PredictionResponseSerializer(body).data)

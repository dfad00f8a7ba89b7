"""The live track record: a stored prediction scored against what happened once its horizon passed. Pure module
(no Django, no numpy needed); the scores are summed up in the database (ml_models.selectors).

Outcomes are measured as log returns from the prediction's last close, so a later dividend or split (which
rescales every earlier adjusted close) does not move the score: the realised close is put on the prediction's scale
as last_close x exp(realised log return).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SCORED_MODEL_TYPES = ("price_prediction", "trend_analysis")


@dataclass(frozen=True, slots=True)
class Score:
    """One prediction against its outcome; price fields are None for a trend and trend fields for a price."""

    realised_log_return: float
    realised_close: float | None = None  # price only: on the prediction's scale
    abs_error: float | None = None  # |predicted - realised| in log return, the walk-forward metric
    baseline_abs_error: float | None = None  # the same for "no change"
    inside_80: bool | None = None
    inside_95: bool | None = None
    probability_up: float | None = None
    outcome_up: bool | None = None  # None: the close did not move (neither up nor down, as in training)
    brier: float | None = None
    brier_base_rate: float | None = None


def score_price(result: Mapping[str, Any], realised_log_return: float) -> Score:
    """Score a stored price prediction (`ModelPrediction.result`)."""
    last_close = float(result["last_close"])
    realised = last_close * math.exp(realised_log_return)
    predicted_log_return = math.log(float(result["predicted_price"]) / last_close)
    bands = {round(float(b["level"]), 4): b for b in result["intervals"]}

    def inside(level: float) -> bool | None:
        band = bands.get(level)
        return None if band is None else float(band["lower"]) <= realised <= float(band["upper"])

    return Score(
        realised_close=realised,
        realised_log_return=realised_log_return,
        abs_error=abs(predicted_log_return - realised_log_return),
        baseline_abs_error=abs(realised_log_return),
        inside_80=inside(0.8),
        inside_95=inside(0.95),
    )


def score_trend(result: Mapping[str, Any], realised_log_return: float) -> Score:
    """Score a stored trend prediction: Brier of P(up), and of the training base rate, on a move up or down."""
    probability = float(result["probability_up"])
    if realised_log_return == 0.0:
        return Score(realised_log_return=0.0, probability_up=probability)
    up = realised_log_return > 0
    outcome = 1.0 if up else 0.0
    base_rate = result.get("base_rate")
    return Score(
        realised_log_return=realised_log_return,
        probability_up=probability,
        outcome_up=up,
        brier=(probability - outcome) ** 2,
        brier_base_rate=None if base_rate is None else (float(base_rate) - outcome) ** 2,
    )


def score(model_type: str, result: Mapping[str, Any], realised_log_return: float) -> Score:
    if model_type == "price_prediction":
        return score_price(result, realised_log_return)
    if model_type == "trend_analysis":
        return score_trend(result, realised_log_return)
    raise ValueError(f"{model_type} predictions are not scored.")

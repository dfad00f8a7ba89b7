"""Model cards: what a trained model predicts, from which features and data window, how it scored, and its limits.

Built from the stored training run, so the card saved beside a model file and the one the API renders are the same.
"""

from __future__ import annotations

from typing import Any

from ml_models.models import TrainingHistory, TrainingScope
from ml_models.versions import DESCRIPTIONS, UNIVERSE_DESCRIPTIONS

LIMITS: dict[str, list[str]] = {
    TrainingScope.UNIVERSE: [
        "Past relations between features and returns may not hold; the scores are out-of-sample on history, not "
        "a promise.",
        "The price target is the return in excess of the universe's mean: it has no view on the market as a "
        "whole, so a market-wide move is missed by design.",
        "Fundamentals are used only from quarterly statements, counted as known 45 days after the quarter ended; "
        "a symbol without statements has them missing, and the overview's figures (today's snapshot) are not used.",
        "A symbol's claim (beats_baseline) is tested on its own out-of-sample points; a positive universe IC does "
        "not mean every symbol's forecast is better than its baseline.",
        "On the simulated demo market (random walks) there is nothing to find: the IC is near zero and no claim "
        "should survive.",
    ],
    TrainingScope.SYMBOL: [
        "Trained on one symbol's history only: little data, so a real but weak pattern is usually not detected.",
        "Past relations between features and returns may not hold; the scores are out-of-sample on history, not "
        "a promise.",
    ],
}


def model_card(run: TrainingHistory) -> dict[str, Any]:
    """The card of training run `run` (universe or per-symbol)."""
    model = run.model
    descriptions = UNIVERSE_DESCRIPTIONS if run.scope == TrainingScope.UNIVERSE else DESCRIPTIONS
    metrics = run.metrics or {}
    params = run.params or {}
    evaluation = (
        {
            key: metrics[key]
            for key in ("universe", "symbols_scored", "symbols_beating_baseline", "fdr_family_size", "calibration")
            if key in metrics
        }
        if run.scope == TrainingScope.UNIVERSE
        else metrics
    )
    return {
        "id": run.pk,
        "model_type": model.model_type,
        "model_scope": "universe" if run.scope == TrainingScope.UNIVERSE else "per_symbol",
        "version": model.version,
        "symbol": run.stock_id,
        "state": run.state,
        "error": run.error,
        "predicts": descriptions.get(model.model_type, model.description),
        "target": params.get("target", ""),
        "horizon_days": params.get("horizon_days"),
        "features": params.get("features", []),
        "learner": {k: params[k] for k in ("learner", "rounds", "objective", "seed") if k in params},
        "training_window": {
            "data_start": run.data_start,
            "data_end": run.data_end,
            "rows": run.bars,
            "symbols": (metrics.get("universe") or {}).get("symbols"),
        },
        "evaluation": evaluation,
        "feature_importance": metrics.get("feature_importance", {}),
        "file": metrics.get("file"),
        "limits": LIMITS[run.scope],
        "trigger": run.trigger,
        "trained_at": run.started_at,
        "duration_seconds": run.duration_seconds,
        "params": params,
    }

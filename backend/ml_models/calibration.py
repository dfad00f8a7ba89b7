"""Calibrated probabilities and intervals from out-of-sample predictions, scored only on later data.

Pure module (numpy, scikit-learn; no Django). Both follow the walk-forward folds: fold k is calibrated on the
out-of-sample predictions of folds 0..k-1 and scored on fold k, so the reported scores are themselves out of
sample; the calibration that ships with a forecast is fitted on every fold.

- Probabilities: Platt scaling (a logistic regression on the logit of the model's probability) rather than
  isotonic regression, because overlapping h-day labels leave few independent points and two parameters overfit
  less than a step function; scored by Brier score and log loss against the training period's base rate, with
  a reliability table.
- Intervals: volatility-scaled split conformal prediction: the score is |error| / sigma_t, where sigma_t is the
  exponentially weighted volatility known at t times sqrt(horizon), so the band widens when volatility rises
  instead of keeping one width for every regime. lambda = 0.97 rather than RiskMetrics' 0.94: on GARCH(1,1),
  volatility-doubling and i.i.d. walks it gave the most even coverage across volatility terciles (the worst
  tercile on average 3-5 points from nominal, against 4-7 at 0.94), because a noisier sigma narrows the band
  where it is low by chance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]


EPSILON = 1e-6  # probabilities are clipped to [EPSILON, 1 - EPSILON] before logits and log loss
RELIABILITY_BINS = 5
INTERVAL_LEVELS = (0.8, 0.95)
ROLLING_POINTS = 250  # "rolling" coverage: the last this many scored points (about a year of daily forecasts)
EWMA_LAMBDA = 0.97


def _logit(p: FloatArray) -> FloatArray:
    import numpy as np

    clipped = np.clip(p, EPSILON, 1 - EPSILON)
    return np.asarray(np.log(clipped / (1 - clipped)), dtype=np.float64)


@dataclass(frozen=True, slots=True)
class PlattScaler:
    """P(up) = sigmoid(slope * logit(p) + intercept)."""

    slope: float
    intercept: float

    def apply(self, p: FloatArray) -> FloatArray:
        import numpy as np

        return np.asarray(1.0 / (1.0 + np.exp(-(self.slope * _logit(p) + self.intercept))), dtype=np.float64)


def platt_fit(p: FloatArray, y: IntArray) -> PlattScaler:
    """Fit Platt scaling to probabilities `p` and 0/1 outcomes `y`; a single class gives its smoothed rate."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    if len(np.unique(y)) < 2:
        rate = (float(np.sum(y)) + 1.0) / (len(y) + 2.0)  # Laplace: never exactly 0 or 1
        return PlattScaler(slope=0.0, intercept=math.log(rate / (1 - rate)))
    model = LogisticRegression(C=1.0).fit(_logit(p).reshape(-1, 1), y)
    return PlattScaler(slope=float(model.coef_[0][0]), intercept=float(model.intercept_[0]))


def brier(p: FloatArray, y: IntArray) -> float:
    import numpy as np

    return float(np.mean((p - y) ** 2))


def log_loss(p: FloatArray, y: IntArray) -> float:
    import numpy as np

    clipped = np.clip(p, EPSILON, 1 - EPSILON)
    return float(-np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - clipped)))


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    mean_predicted: float | None
    observed: float | None


def reliability_table(p: FloatArray, y: IntArray, bins: int = RELIABILITY_BINS) -> list[ReliabilityBin]:
    """Equal-width bins of predicted probability: how often the event happened where each probability was said."""
    import numpy as np

    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    table = []
    for b in range(bins):
        inside = which == b
        count = int(inside.sum())
        table.append(
            ReliabilityBin(
                low=float(edges[b]),
                high=float(edges[b + 1]),
                count=count,
                mean_predicted=float(p[inside].mean()) if count else None,
                observed=float(y[inside].mean()) if count else None,
            )
        )
    return table


@dataclass(frozen=True, slots=True)
class ProbabilityCalibration:
    """Out-of-sample scores of the calibrated, the raw and the base-rate probabilities on the same points."""

    method: str
    scored_points: int
    brier: float
    brier_uncalibrated: float
    brier_base_rate: float
    log_loss: float
    log_loss_uncalibrated: float
    log_loss_base_rate: float
    reliability: list[ReliabilityBin]
    scaler: PlattScaler


def probabilities_calibrate(
    probabilities: list[FloatArray], outcomes: list[IntArray], base_rates: list[float]
) -> ProbabilityCalibration:
    """Calibrate each fold on the folds before it and score it; the shipped scaler is fitted on every fold.

    `base_rates[k]` is the share of up outcomes in fold k's training period: the forecast a user could make
    without the model, known at the time.
    """
    import numpy as np

    if len(probabilities) < 2:
        raise ValueError("Calibration needs at least two walk-forward folds (one to fit, one to score).")
    calibrated, raw, base, scored = [], [], [], []
    for k in range(1, len(probabilities)):
        scaler = platt_fit(np.concatenate(probabilities[:k]), np.concatenate(outcomes[:k]))
        calibrated.append(scaler.apply(probabilities[k]))
        raw.append(probabilities[k])
        base.append(np.full(len(outcomes[k]), min(max(base_rates[k], EPSILON), 1 - EPSILON)))
        scored.append(outcomes[k])
    p_cal, p_raw, p_base, y = (np.concatenate(a) for a in (calibrated, raw, base, scored))
    return ProbabilityCalibration(
        method="platt",
        scored_points=len(y),
        brier=brier(p_cal, y),
        brier_uncalibrated=brier(p_raw, y),
        brier_base_rate=brier(p_base, y),
        log_loss=log_loss(p_cal, y),
        log_loss_uncalibrated=log_loss(p_raw, y),
        log_loss_base_rate=log_loss(p_base, y),
        reliability=reliability_table(p_cal, y),
        scaler=platt_fit(np.concatenate(probabilities), np.concatenate(outcomes)),
    )


def ewma_volatility(log_returns: FloatArray, lam: float = EWMA_LAMBDA) -> FloatArray:
    """RiskMetrics volatility known at each t (uses returns up to and including t); NaN where a return is NaN."""
    import numpy as np

    out = np.full_like(log_returns, np.nan)
    variance = np.nan
    for t, r in enumerate(log_returns):
        if np.isnan(r):
            continue
        variance = r * r if np.isnan(variance) else lam * variance + (1 - lam) * r * r
        out[t] = math.sqrt(variance)
    return out


def conformal_quantile(scores: FloatArray, level: float) -> float:
    """The split-conformal quantile: the ceil((n + 1) * level)-th smallest score (inf when n is too small)."""
    import numpy as np

    n = len(scores)
    rank = math.ceil((n + 1) * level)
    if rank > n:
        return math.inf
    return float(np.sort(scores)[rank - 1])


@dataclass(frozen=True, slots=True)
class IntervalCoverage:
    level: float
    quantile: float  # the shipped band is prediction +/- quantile * sigma
    coverage: float
    rolling_coverage: float
    coverage_by_volatility: list[float]  # low, middle and high third of sigma among the scored points


def intervals_calibrate(
    errors: list[FloatArray],
    scales: list[FloatArray],
    levels: tuple[float, ...] = INTERVAL_LEVELS,
    volatility: list[FloatArray] | None = None,
) -> list[IntervalCoverage]:
    """Volatility-scaled conformal bands: fold k's quantile comes from the scores of folds before it.

    Coverage is also reported per third of `volatility` (default: the scales themselves).
    """
    import numpy as np

    if len(errors) < 2:
        raise ValueError("Conformal coverage needs at least two walk-forward folds (one to fit, one to score).")
    scores = [np.abs(e) / s for e, s in zip(errors, scales, strict=True)]
    scored_scale = np.concatenate((volatility or scales)[1:])
    # Thirds by rank, so each holds a third of the points even when many sigmas are equal.
    regime = np.empty(len(scored_scale), dtype=np.int64)
    regime[np.argsort(scored_scale, kind="stable")] = np.arange(len(scored_scale)) * 3 // len(scored_scale)
    report = []
    for level in levels:
        covered = np.concatenate(
            [scores[k] <= conformal_quantile(np.concatenate(scores[:k]), level) for k in range(1, len(scores))]
        )
        report.append(
            IntervalCoverage(
                level=level,
                quantile=conformal_quantile(np.concatenate(scores), level),
                coverage=float(covered.mean()),
                rolling_coverage=float(covered[-ROLLING_POINTS:].mean()),
                coverage_by_volatility=[float(covered[regime == r].mean()) for r in range(3)],
            )
        )
    return report

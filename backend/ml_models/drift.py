"""Feature drift: the population stability index (PSI) of each feature in the latest bars against the training
window before them. Pure module (numpy; no Django).

PSI = sum over bins of (a - e) x ln(a / e), with e the reference (training) share and a the recent share of a
bin; bins are the reference's deciles, so each holds a tenth of the training rows. It is the symmetric (Jeffreys)
divergence of the binned distributions. Thresholds are the industry's usual reading (Siddiqi, "Credit Risk
Scorecards", 2006): below 0.1 stable, 0.1-0.25 worth watching, above 0.25 a shift the model was not trained on.
Hand-written because no maintained library in our stack computes it (scipy has the KL divergence, not binned PSI).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

BINS = 10
RECENT_BARS = 63  # the latest quarter of trading days is compared with the training rows before it
MIN_REFERENCE_ROWS = 200
SHARE_FLOOR = 1e-4  # an empty bin's share, so ln(a / e) stays finite
WATCH_PSI = 0.1
DRIFT_PSI = 0.25
FLAGS = ("stable", "watch", "drift")
EARLIER_STEP = RECENT_BARS  # earlier windows, back to back, give a feature's usual PSI
MAX_EARLIER_WINDOWS = 40  # the last ten years of quarters: enough for a usual level, bounded in cost
MIN_EARLIER_WINDOWS = 4


def psi(reference: FloatArray, recent: FloatArray, bins: int = BINS) -> float:
    """PSI of `recent` against `reference` (NaNs dropped), on the reference's quantile bins."""
    import numpy as np

    reference = reference[~np.isnan(reference)]
    recent = recent[~np.isnan(recent)]
    if len(reference) == 0 or len(recent) == 0:
        raise ValueError("PSI needs values in both the reference and the recent sample.")
    inner = np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1)[1:-1]))
    expected = np.bincount(np.searchsorted(inner, reference, side="right"), minlength=len(inner) + 1) / len(reference)
    actual = np.bincount(np.searchsorted(inner, recent, side="right"), minlength=len(inner) + 1) / len(recent)
    e, a = np.maximum(expected, SHARE_FLOOR), np.maximum(actual, SHARE_FLOOR)
    return float(np.sum((a - e) * np.log(a / e)))


def flag(value: float) -> str:
    """ "stable" below 0.1, "watch" from 0.1 to 0.25, "drift" above 0.25."""
    return "drift" if value > DRIFT_PSI else "watch" if value >= WATCH_PSI else "stable"


@dataclass(frozen=True, slots=True)
class FeatureDrift:
    feature: str
    psi: float
    usual_psi: float | None  # the highest PSI of the series' earlier windows (None: too few of them)
    flag: str


@dataclass(frozen=True, slots=True)
class DriftReport:
    reference_rows: int
    recent_rows: int
    earlier_windows: int
    features: list[FeatureDrift]

    @property
    def worst(self) -> FeatureDrift:
        order = {name: i for i, name in enumerate(FLAGS)}
        return max(self.features, key=lambda f: (order[f.flag], f.psi))

    @property
    def flag(self) -> str:
        return self.worst.flag

    def as_dict(self) -> dict[str, object]:
        worst = self.worst
        return {
            "reference_rows": self.reference_rows,
            "recent_rows": self.recent_rows,
            "earlier_windows": self.earlier_windows,
            "flag": worst.flag,
            "worst_feature": worst.feature,
            "worst_psi": worst.psi,
            "thresholds": {"watch": WATCH_PSI, "drift": DRIFT_PSI},
            "features": [
                {"feature": f.feature, "psi": f.psi, "usual_psi": f.usual_psi, "flag": f.flag} for f in self.features
            ],
        }


def _window_psi(column: FloatArray, end: int, recent: int) -> float:
    return psi(column[: end - recent], column[end - recent : end])


def feature_drift(x: FloatArray, names: tuple[str, ...], recent: int = RECENT_BARS) -> DriftReport | None:
    """PSI of each column of feature matrix `x` (rows in date order, NaN rows = warm-up) over its last `recent`
    rows against the rows before them; None when fewer than MIN_REFERENCE_ROWS rows come before.

    Features that are rolling windows (a 20-day volatility, the distance to a 200-day average) are strongly
    autocorrelated, so a quarter of them holds few independent values and their PSI passes 0.25 by chance on most
    random walks. A feature is therefore flagged only when its PSI is also above its usual level: the highest PSI
    of the series' own earlier back-to-back windows of the same length (each against the rows before it, at most
    MAX_EARLIER_WINDOWS). Below that it is "stable": no more unusual than its own past, not a new regime.
    """
    import numpy as np

    rows = x[~np.isnan(x).any(axis=1)]
    if len(rows) < recent + MIN_REFERENCE_ROWS:
        return None
    ends = list(range(len(rows) - recent, MIN_REFERENCE_ROWS + recent - 1, -EARLIER_STEP))[:MAX_EARLIER_WINDOWS]
    features = []
    for j, name in enumerate(names):
        column = rows[:, j]
        value = _window_psi(column, len(rows), recent)
        earlier = [_window_psi(column, end, recent) for end in ends]
        usual = max(earlier) if len(earlier) >= MIN_EARLIER_WINDOWS else None
        unusual = usual is None or value > usual
        features.append(FeatureDrift(name, value, usual, flag(value) if unusual else "stable"))
    return DriftReport(
        reference_rows=len(rows) - recent, recent_rows=recent, earlier_windows=len(ends), features=features
    )

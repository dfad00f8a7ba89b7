"""Whether a model's out-of-sample accuracy really beats its baseline: Diebold-Mariano with a Newey-West variance.

Pure module (numpy, scipy, statsmodels; no Django). Overlapping h-day targets make consecutive loss differences
correlated, so a plain t-test overstates the evidence; the Newey-West (HAC) variance of the mean loss difference
accounts for that, and the number of independent test points (test points / horizon) says how much evidence
there can be at all. Benjamini-Hochberg then controls the false-discovery rate across the symbols and models
trained together.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]


ALPHA = 0.05
MIN_INDEPENDENT_POINTS = 30  # test points / horizon; fewer non-overlapping outcomes cannot support a claim


@dataclass(frozen=True, slots=True)
class SkillTest:
    """A one-sided Diebold-Mariano test (H1: the model's expected loss is lower) and the folds' votes."""

    statistic: float | None  # None when the loss difference never varies (no variance to scale by)
    p_value: float
    hac_lag: int
    fold_wins: int
    folds: int
    independent_points: int

    @property
    def evidence_enough(self) -> bool:
        """A majority of folds agree and there are enough independent test points; the p-value is judged apart."""
        return self.fold_wins * 2 > self.folds and self.independent_points >= MIN_INDEPENDENT_POINTS


def hac_lag(horizon: int) -> int:
    """Newey-West truncation lag for h-step forecasts: 2(h - 1), at least the h - 1 the overlap of h-day targets needs.

    Bartlett weights shrink the autocovariances near the truncation lag, so a lag of exactly h - 1 under-counts
    that overlap; twice it is the conservative choice (on 40 random walks both lags gave the same 4 rejections).
    """
    return max(2 * (horizon - 1), 1)


def diebold_mariano(
    model_loss: FloatArray, baseline_loss: FloatArray, fold_sizes: list[int], *, horizon: int
) -> SkillTest:
    """Test equal expected loss against "the model's loss is lower" on pooled out-of-sample losses in fold order."""
    import numpy as np
    import statsmodels.api as sm
    from scipy import stats

    difference = np.asarray(model_loss, dtype=np.float64) - np.asarray(baseline_loss, dtype=np.float64)
    n = len(difference)
    if n != len(baseline_loss) or n != sum(fold_sizes):
        raise ValueError(f"Loss series and folds disagree: {n} model, {len(baseline_loss)} baseline, {fold_sizes}.")
    lag = hac_lag(horizon)
    bounds = np.cumsum([0, *fold_sizes])
    wins = sum(int(difference[start:end].mean() < 0) for start, end in itertools.pairwise(bounds) if end > start)
    mean = float(difference.mean()) if n else 0.0
    statistic: float | None
    if n < 2 or float(np.ptp(difference)) == 0.0:
        # Identical losses everywhere (or no data): no evidence either way unless the model is better on every point.
        statistic = None
        p_value = 0.0 if mean < 0 else 1.0
    else:
        fit = sm.OLS(difference, np.ones(n)).fit(cov_type="HAC", cov_kwds={"maxlags": min(lag, n - 1)})
        statistic = float(fit.tvalues[0])
        p_value = float(stats.t.cdf(statistic, df=n - 1))
    return SkillTest(
        statistic=statistic,
        p_value=p_value,
        hac_lag=lag,
        fold_wins=wins,
        folds=len(fold_sizes),
        independent_points=n // max(horizon, 1),
    )


def benjamini_hochberg(p_values: list[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q-values), in the order given; a claim holds where q <= ALPHA."""
    from statsmodels.stats.multitest import multipletests

    if not p_values:
        return []
    _, adjusted, _, _ = multipletests(p_values, alpha=ALPHA, method="fdr_bh")
    return [float(q) for q in adjusted]

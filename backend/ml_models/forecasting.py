"""Price, trend and risk models over a close/volume history, each scored only on data it was not trained on.

Pure module (numpy, TA-Lib, LightGBM; no Django). Every forecast comes with its walk-forward
out-of-sample accuracy, the same score for a naive baseline and a Diebold-Mariano test of the
difference (`ml_models.significance`), so a user can see whether the model is any better than
"tomorrow looks like today" and whether that could be luck.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ml_models import risk
from ml_models.calibration import ProbabilityCalibration, ewma_volatility, intervals_calibrate, probabilities_calibrate
from ml_models.risk import TRADING_DAYS_PER_YEAR
from ml_models.significance import ALPHA, SkillTest, diebold_mariano

if TYPE_CHECKING:
    import lightgbm as lgb
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IndexArray = npt.NDArray[np.intp]


MIN_HISTORY = 300  # bars needed for 200-day features plus several evaluation folds
MIN_MOVED_OUTCOMES = 60  # trend outcomes where the close moved, so each fold has both directions to learn
FEATURE_NAMES = (
    "ret_1",
    "ret_5",
    "ret_20",
    "vol_20",
    "rsi_14",
    "macd_hist",
    "dist_sma_50",
    "dist_sma_200",
    "volume_z_20",
)


class InsufficientHistoryError(ValueError):
    """Too few bars to train and honestly evaluate a model."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Walk-forward out-of-sample scores of a model and of its naive baseline on the same test points."""

    metric: str
    model: float
    baseline: float
    baseline_name: str
    test_points: int
    folds: int
    test: SkillTest

    @property
    def skill(self) -> float:
        """1 - model/baseline for errors (positive = better than baseline); model - baseline for accuracies."""
        if self.metric == "accuracy":
            return self.model - self.baseline
        return 1.0 - self.model / self.baseline if self.baseline > 0 else 0.0

    def beats_baseline(self, q_value: float) -> bool:
        """The claim: better on average, significantly so after the false-discovery adjustment (`q_value`), in a
        majority of folds, on enough independent test points."""
        return self.skill > 0 and q_value <= ALPHA and self.test.evidence_enough


@dataclass(frozen=True, slots=True)
class PriceInterval:
    """A volatility-scaled conformal band at a nominal `level`, with its out-of-sample coverage."""

    level: float
    lower: float
    upper: float
    coverage: float
    rolling_coverage: float
    coverage_by_volatility: list[float]


@dataclass(frozen=True, slots=True)
class PriceForecast:
    horizon_days: int
    last_close: float
    predicted_price: float
    lower: float  # the 80% band
    upper: float
    intervals: list[PriceInterval]  # 80% and 95%
    evaluation: Evaluation
    model_text: str = ""  # the fitted model in LightGBM's text format (saved as the run's model file)


@dataclass(frozen=True, slots=True)
class TrendForecast:
    horizon_days: int
    probability_up: float  # calibrated, or the base rate where calibrated probabilities did not beat it
    probability_source: str  # "model" | "base_rate"
    probability_up_uncalibrated: float
    base_rate: float  # share of up outcomes in the training data: the forecast without the model
    direction: str  # "up" | "down"
    calibration: ProbabilityCalibration
    evaluation: Evaluation
    model_text: str = ""  # the fitted model in LightGBM's text format (saved as the run's model file)


@dataclass(frozen=True, slots=True)
class RiskFigureLabel:
    """What a risk figure was computed on: its window (None: the whole stored history) and return convention
    (`returns`: one of RETURN_CONVENTIONS; `description` says it in words)."""

    window_days: int | None
    returns: str
    description: str


@dataclass(frozen=True, slots=True)
class VarBacktest:
    """Each day's loss against the one-day 95% VaR estimated from the year before it, and Kupiec's test."""

    days: int
    breaches: int
    expected_rate: float
    breach_rate: float
    kupiec_likelihood_ratio: float
    kupiec_p_value: float
    rejected: bool


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    annual_volatility: float
    var_95_1d: float  # historical one-day value at risk, as a positive fraction of value
    cvar_95_1d: float
    max_drawdown: float  # positive fraction
    sharpe: float | None
    sortino: float | None
    risk_free_rate: float  # annual, the rate Sharpe and Sortino were computed with
    beta: float | None
    beta_points: int  # daily returns on dates shared with the benchmark
    beta_reason: str | None  # why beta is null
    beta_reason_code: str | None  # the same as one of risk.BETA_REASONS
    level: str  # "low" | "medium" | "high"
    backtest_var_breaches: float  # share of out-of-sample days whose loss exceeded the prior year's VaR
    var_backtest: VarBacktest | None  # None when the history is too short to backtest a year-ahead VaR
    labels: dict[str, RiskFigureLabel]  # by figure name


RETURN_CONVENTIONS = ("log", "simple", "simple_excess", "closes")


def history_check(bars: int) -> None:
    """Refuse, naming both counts, a history of `bars` daily bars too short to train and evaluate on."""
    if bars < MIN_HISTORY:
        raise InsufficientHistoryError(f"Need at least {MIN_HISTORY} daily bars to train and evaluate; have {bars}.")


def features(close: FloatArray, volume: FloatArray) -> FloatArray:
    """Feature matrix (rows aligned with `close`; NaN during warm-up), computed only from data up to each row."""
    import numpy as np
    import talib

    log_close = np.log(close)
    ret_1 = np.concatenate([[np.nan], np.diff(log_close)])
    ret_5 = log_close - _shift(log_close, 5)
    ret_20 = log_close - _shift(log_close, 20)
    vol_20 = talib.STDDEV(ret_1, timeperiod=20)
    rsi = talib.RSI(close, timeperiod=14) / 100.0
    _, _, hist = talib.MACD(close, fastperiod=12, slowperiod=26, signalperiod=9)
    dist_50 = close / talib.SMA(close, timeperiod=50) - 1.0
    dist_200 = close / talib.SMA(close, timeperiod=200) - 1.0
    vol_mean = talib.SMA(volume, timeperiod=20)
    vol_std = talib.STDDEV(volume, timeperiod=20)
    with np.errstate(divide="ignore", invalid="ignore"):
        volume_z = np.where(vol_std > 0, (volume - vol_mean) / vol_std, 0.0)
        macd_hist = hist / close
    return np.column_stack([ret_1, ret_5, ret_20, vol_20, rsi, macd_hist, dist_50, dist_200, volume_z])


def _shift(values: FloatArray, periods: int) -> FloatArray:
    import numpy as np

    out = np.full_like(values, np.nan)
    out[periods:] = values[:-periods]
    return out


def _forward_log_return(close: FloatArray, horizon: int) -> FloatArray:
    import numpy as np

    log_close = np.log(close)
    out = np.full_like(log_close, np.nan)
    out[:-horizon] = log_close[horizon:] - log_close[:-horizon]
    return out


def _folds(n_rows: int, n_folds: int, horizon: int) -> list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]:
    """Expanding-window splits; a gap of `horizon` rows keeps training targets from overlapping the test period."""
    import numpy as np

    test_size = n_rows // (n_folds + 2)
    splits = []
    for k in range(n_folds):
        test_start = n_rows - (n_folds - k) * test_size
        train_end = test_start - horizon
        if train_end < test_size:
            continue
        splits.append((np.arange(0, train_end), np.arange(test_start, min(test_start + test_size, n_rows))))
    return splits


def _regressor(seed: int) -> lgb.LGBMRegressor:
    import lightgbm as lgb

    return lgb.LGBMRegressor(
        n_estimators=120, learning_rate=0.05, num_leaves=15, min_child_samples=40, subsample=0.8,
        subsample_freq=1, colsample_bytree=0.8, random_state=seed, verbose=-1, n_jobs=1,
    )  # fmt: skip


def _classifier(seed: int) -> lgb.LGBMClassifier:
    import lightgbm as lgb

    return lgb.LGBMClassifier(
        n_estimators=120, learning_rate=0.05, num_leaves=15, min_child_samples=40, subsample=0.8,
        subsample_freq=1, colsample_bytree=0.8, random_state=seed, verbose=-1, n_jobs=1,
    )  # fmt: skip


def _training_rows(
    close: FloatArray, volume: FloatArray, horizon: int
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    import numpy as np

    history_check(len(close))
    x_all = features(close, volume)
    target = _forward_log_return(close, horizon)
    usable = np.asarray(~np.isnan(x_all).any(axis=1), dtype=np.bool_)
    return x_all, target, usable


@dataclass(frozen=True, slots=True)
class _PriceWalk:
    evaluation: Evaluation
    errors: list[FloatArray]  # per fold: prediction - outcome (log return)
    scales: list[FloatArray]  # per fold: the volatility scale known at each test point


def _price_walk(x: FloatArray, y: FloatArray, scale: FloatArray, *, horizon: int, folds: int, seed: int) -> _PriceWalk:
    """Walk-forward MAE of log returns against a zero-change forecast, with the out-of-sample errors."""
    import numpy as np

    errors: list[FloatArray] = []
    baseline_errors: list[FloatArray] = []
    scales: list[FloatArray] = []
    splits = _folds(len(y), folds, horizon)
    for train, test in splits:
        model = _regressor(seed).fit(x[train], y[train])
        errors.append(model.predict(x[test]) - y[test])
        baseline_errors.append(-y[test])  # random walk: predicted log return 0
        scales.append(scale[test])
    model_loss, baseline_loss = np.abs(np.concatenate(errors)), np.abs(np.concatenate(baseline_errors))
    evaluation = Evaluation(
        metric="mae_log_return",
        model=float(np.mean(model_loss)),
        baseline=float(np.mean(baseline_loss)),
        baseline_name="no change (random walk)",
        test_points=len(model_loss),
        folds=len(splits),
        test=diebold_mariano(model_loss, baseline_loss, [len(e) for e in errors], horizon=horizon),
    )
    return _PriceWalk(evaluation, errors, scales)


def _volatility_scale(x_all: FloatArray, horizon: int) -> FloatArray:
    """sigma_t * sqrt(horizon) from the EWMA of daily log returns up to t; floored so a flat price divides safely."""
    import numpy as np

    daily = ewma_volatility(x_all[:, FEATURE_NAMES.index("ret_1")])
    return np.maximum(daily * np.sqrt(horizon), 1e-12)


def _price_rows(close: FloatArray, volume: FloatArray, horizon: int) -> tuple[FloatArray, FloatArray, IndexArray]:
    import numpy as np

    x_all, target, usable = _training_rows(close, volume, horizon)
    return x_all, target, np.flatnonzero(usable & ~np.isnan(target))


def evaluate_price(
    close: FloatArray, volume: FloatArray, *, horizon: int = 5, folds: int = 4, seed: int = 7
) -> Evaluation:
    """The price model's out-of-sample record alone (no final fit): what `forecast_price` reports."""
    x_all, target, rows = _price_rows(close, volume, horizon)
    scale = _volatility_scale(x_all, horizon)
    return _price_walk(x_all[rows], target[rows], scale[rows], horizon=horizon, folds=folds, seed=seed).evaluation


def forecast_price(
    close: FloatArray, volume: FloatArray, *, horizon: int = 5, folds: int = 4, seed: int = 7
) -> PriceForecast:
    """Predict the close `horizon` trading days ahead with conformal bands; scored by MAE of log returns against a
    zero-change forecast."""

    x_all, target, rows = _price_rows(close, volume, horizon)
    scale = _volatility_scale(x_all, horizon)
    x, y = x_all[rows], target[rows]
    walk = _price_walk(x, y, scale[rows], horizon=horizon, folds=folds, seed=seed)
    final = _regressor(seed).fit(x, y)
    predicted = float(final.predict(x_all[-1:])[0])
    return price_forecast_banded(
        horizon=horizon,
        last_close=float(close[-1]),
        predicted=predicted,
        sigma=float(scale[-1]),
        errors=walk.errors,
        scales=walk.scales,
        evaluation=walk.evaluation,
        model_text=final.booster_.model_to_string(),
    )


def price_forecast_banded(
    *,
    horizon: int,
    last_close: float,
    predicted: float,
    sigma: float,
    errors: list[FloatArray],
    scales: list[FloatArray],
    evaluation: Evaluation,
    model_text: str = "",
) -> PriceForecast:
    """The forecast of `predicted` (a log return) from `last_close`, with volatility-scaled conformal bands from the
    walk-forward `errors` and their `scales`, and `sigma` the volatility scale of the day forecast from."""
    import numpy as np

    all_scores = np.abs(np.concatenate(errors)) / np.concatenate(scales)
    intervals = []
    for band in intervals_calibrate(errors, scales):
        # Too few scores for the finite-sample rank leaves an infinite band; the largest score is shipped instead.
        half = min(band.quantile, float(all_scores.max())) * sigma
        intervals.append(
            PriceInterval(
                level=band.level,
                lower=last_close * float(np.exp(predicted - half)),
                upper=last_close * float(np.exp(predicted + half)),
                coverage=band.coverage,
                rolling_coverage=band.rolling_coverage,
                coverage_by_volatility=band.coverage_by_volatility,
            )
        )
    return PriceForecast(
        horizon_days=horizon,
        last_close=last_close,
        predicted_price=last_close * float(np.exp(predicted)),
        lower=intervals[0].lower,
        upper=intervals[0].upper,
        intervals=intervals,
        evaluation=evaluation,
        model_text=model_text,
    )


@dataclass(frozen=True, slots=True)
class _TrendWalk:
    evaluation: Evaluation
    calibration: ProbabilityCalibration


def _trend_walk(x: FloatArray, y: npt.NDArray[np.int64], *, horizon: int, folds: int, seed: int) -> _TrendWalk:
    """Walk-forward accuracy of the direction against always predicting the training period's majority direction,
    and the calibration of its probabilities on later folds."""
    import numpy as np

    hits: list[npt.NDArray[np.bool_]] = []
    baseline_hits: list[npt.NDArray[np.bool_]] = []
    probabilities: list[FloatArray] = []
    outcomes: list[npt.NDArray[np.int64]] = []
    base_rates: list[float] = []
    splits = _folds(len(y), folds, horizon)
    for train, test in splits:
        model = _classifier(seed).fit(x[train], y[train])
        probability = np.asarray(model.predict_proba(x[test]), dtype=np.float64)[:, 1]
        hits.append(np.asarray((probability >= 0.5) == (y[test] == 1), dtype=np.bool_))
        base_rate = float(y[train].mean())  # the base rate known at training time
        baseline_hits.append(y[test] == int(base_rate >= 0.5))
        probabilities.append(probability)
        outcomes.append(y[test])
        base_rates.append(base_rate)
    model_hits, baseline_all = np.concatenate(hits), np.concatenate(baseline_hits)
    evaluation = Evaluation(
        metric="accuracy",
        model=float(np.mean(model_hits)),
        baseline=float(np.mean(baseline_all)),
        baseline_name="always the majority direction of the training period",
        test_points=len(model_hits),
        folds=len(splits),
        # Loss = a wrong direction (1) or a right one (0).
        test=diebold_mariano(
            (~model_hits).astype(np.float64),
            (~baseline_all).astype(np.float64),
            [len(h) for h in hits],
            horizon=horizon,
        ),
    )
    return _TrendWalk(evaluation, probabilities_calibrate(probabilities, outcomes, base_rates))


def _trend_rows(close: FloatArray, volume: FloatArray, horizon: int) -> tuple[FloatArray, FloatArray, IndexArray]:
    """Rows with features and an outcome that moved: a flat h-day outcome is neither up nor down, so it is left out."""
    import numpy as np

    x_all, target, usable = _training_rows(close, volume, horizon)
    scored = usable & ~np.isnan(target)
    rows = np.flatnonzero(scored & (target != 0))
    if len(rows) < MIN_MOVED_OUTCOMES:
        raise InsufficientHistoryError(
            f"Need at least {MIN_MOVED_OUTCOMES} {horizon}-day outcomes where the close moved; "
            f"have {len(rows)} of {int(scored.sum())}."
        )
    return x_all, target, rows


def evaluate_trend(
    close: FloatArray, volume: FloatArray, *, horizon: int = 20, folds: int = 4, seed: int = 7
) -> Evaluation:
    """The trend model's out-of-sample record alone (no final fit): what `forecast_trend` reports."""
    import numpy as np

    x_all, target, rows = _trend_rows(close, volume, horizon)
    y = (target[rows] > 0).astype(np.int64)
    return _trend_walk(x_all[rows], y, horizon=horizon, folds=folds, seed=seed).evaluation


def forecast_trend(
    close: FloatArray, volume: FloatArray, *, horizon: int = 20, folds: int = 4, seed: int = 7
) -> TrendForecast:
    """Calibrated probability that the close is higher `horizon` days ahead; scored by accuracy against the
    majority class and by Brier score and log loss against the base rate."""
    import numpy as np

    x_all, target, rows = _trend_rows(close, volume, horizon)
    x, y = x_all[rows], (target[rows] > 0).astype(np.int64)
    walk = _trend_walk(x, y, horizon=horizon, folds=folds, seed=seed)
    final = _classifier(seed).fit(x, y)
    raw = np.asarray(final.predict_proba(x_all[-1:]), dtype=np.float64)[:, 1]
    scores = walk.calibration
    if scores.brier < scores.brier_base_rate:
        probability_up, source = float(scores.scaler.apply(raw)[0]), "model"
    else:  # no better than the base rate out of sample: say the base rate, not a model's guess
        probability_up, source = float(y.mean()), "base_rate"
    return TrendForecast(
        horizon_days=horizon,
        probability_up=probability_up,
        probability_source=source,
        probability_up_uncalibrated=float(raw[0]),
        base_rate=float(y.mean()),
        direction="up" if probability_up >= 0.5 else "down",
        calibration=walk.calibration,
        evaluation=walk.evaluation,
        model_text=final.booster_.model_to_string(),
    )


def assess_risk(
    close: FloatArray,
    benchmark_close: FloatArray | None = None,
    *,
    is_benchmark: bool = False,
    risk_free_rate: float = 0.0,
) -> RiskAssessment:
    """Volatility, historical VaR/CVaR, Sharpe, Sortino and beta on the last year; drawdown on all history; a
    backtest of the VaR over every year-ahead day, with Kupiec's test.

    `benchmark_close` is aligned with `close` by date (NaN where the benchmark has no bar); `is_benchmark` says
    `close` is the benchmark itself, whose beta is 1 by definition. `risk_free_rate` is annual.
    """
    import numpy as np

    window = TRADING_DAYS_PER_YEAR
    if len(close) < MIN_HISTORY:
        raise InsufficientHistoryError(f"Need at least {MIN_HISTORY} daily bars to assess risk; have {len(close)}.")
    returns = np.diff(np.log(close))
    last_year = returns[-window:]
    simple_last_year = np.expm1(last_year)
    var_95 = float(-np.quantile(last_year, 0.05))
    cvar_95 = float(-last_year[last_year <= -var_95].mean())
    volatility = float(last_year.std(ddof=1) * np.sqrt(window))
    running_max = np.maximum.accumulate(close)
    max_drawdown = float(np.max(1.0 - close / running_max))
    daily_rf = risk.daily_risk_free(risk_free_rate)
    # VaR backtest: each day's loss against the VaR estimated from the year before it (out of sample).
    breaches = [returns[t] < np.quantile(returns[t - window : t], 0.05) for t in range(window, len(returns))]
    backtest = None
    if breaches:
        kupiec = risk.kupiec_pof(int(np.sum(breaches)), len(breaches), expected_rate=0.05)
        backtest = VarBacktest(
            days=kupiec.days,
            breaches=kupiec.breaches,
            expected_rate=kupiec.expected_rate,
            breach_rate=kupiec.breach_rate,
            kupiec_likelihood_ratio=kupiec.likelihood_ratio,
            kupiec_p_value=kupiec.p_value,
            rejected=kupiec.rejected,
        )
    if is_benchmark:
        beta = risk.Beta(1.0, len(last_year), None)
    elif benchmark_close is None:
        beta = risk.Beta(None, 0, "no benchmark prices are stored", "no_benchmark")
    else:
        beta = risk.beta_on_shared_dates(close[-(window + 1) :], benchmark_close[-(window + 1) :])
    level = "low" if volatility < 0.2 else "medium" if volatility < 0.4 else "high"
    year_log = RiskFigureLabel(window, "log", "daily log returns")
    year_excess = RiskFigureLabel(window, "simple_excess", "daily simple returns less the daily risk-free rate")
    return RiskAssessment(
        annual_volatility=volatility,
        var_95_1d=var_95,
        cvar_95_1d=cvar_95,
        max_drawdown=max_drawdown,
        sharpe=risk.sharpe_ratio(simple_last_year, daily_rf),
        sortino=risk.sortino_ratio(simple_last_year, daily_rf),
        risk_free_rate=risk_free_rate,
        beta=beta.value,
        beta_points=beta.points,
        beta_reason=beta.reason,
        beta_reason_code=beta.reason_code,
        level=level,
        backtest_var_breaches=backtest.breach_rate if backtest else 0.0,
        var_backtest=backtest,
        labels={
            "annual_volatility": year_log,
            "var_95_1d": year_log,
            "cvar_95_1d": year_log,
            "sharpe": year_excess,
            "sortino": year_excess,
            "beta": RiskFigureLabel(window, "simple", "daily simple returns on dates shared with the benchmark"),
            "max_drawdown": RiskFigureLabel(None, "closes", "daily closes (total-return adjusted)"),
            "var_backtest": RiskFigureLabel(
                None, "log", f"daily log returns, each day against the VaR of the {window} days before"
            ),
        },
    )

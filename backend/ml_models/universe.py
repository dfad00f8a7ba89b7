"""A model across the universe (Qlib-like): one LightGBM fitted on every stored symbol's rows at once.

Pure module (numpy, pandas, TA-Lib, LightGBM; no Django). Each row is (symbol, day): features computed from that
symbol's bars up to the day (and fundamentals filed by then), a target of the forward h-day log return. The walk
runs on the calendar of days, not per symbol: training days end an embargo of the horizon before each test fold,
so no training target overlaps a test day. It is scored the way the field scores cross-sectional models (daily
IC, ICIR and rank IC of the out-of-sample predictions across the symbols of each day) and, per symbol, by the
same Diebold-Mariano test, calibration and conformal bands as the per-symbol models (`ml_models.forecasting`),
so its stored predictions carry the same claims.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ml_models.calibration import (
    ProbabilityCalibration,
    ewma_volatility,
    probabilities_calibrate,
)
from ml_models.forecasting import Evaluation, PriceForecast, TrendForecast, price_forecast_banded
from ml_models.significance import diebold_mariano

if TYPE_CHECKING:
    import lightgbm as lgb
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

PRICE_HORIZON = 5
TREND_HORIZON = 20
FOLDS = 4
MIN_BARS = 260  # a symbol needs this many bars before its rows (120-day momentum, 200-day trend) are used
MIN_CROSS_SECTION = 5  # a day's IC needs at least this many symbols
MIN_SYMBOLS = 5
FILING_LAG_DAYS = 45  # a quarter's statement counts as known this many calendar days after its period ends

PRICE_FEATURES = (
    "ret_1", "ret_5", "ret_20", "ret_60", "ret_120",
    "vol_20", "vol_60", "vol_ratio_20_60",
    "volume_ratio_5_60", "volume_z_20",
    "rsi_14", "dist_sma_50", "dist_sma_200",
)  # fmt: skip
CROSS_SECTION_FEATURES = ("ret_5_cs", "ret_20_cs", "vol_20_cs")  # the feature minus that day's universe mean
FUNDAMENTAL_FEATURES = ("roe_q", "liabilities_to_assets")  # NaN where no statement was filed by the day
FEATURE_NAMES = PRICE_FEATURES + CROSS_SECTION_FEATURES + FUNDAMENTAL_FEATURES

LEARNER: dict[str, Any] = {
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 200,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.5,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_bin": 63,
    "verbose": -1,
}
ROUNDS = 150
# Above this many training rows, a fit uses every k-th day (k at most the horizon): neighbouring days' h-day targets
# overlap, so they are close to duplicates, and the retrain of 500 symbols x 20 years stays within minutes.
MAX_TRAIN_ROWS = 400_000
_DATASET = {"max_bin": LEARNER["max_bin"], "verbose": -1}  # binning is done once per model, shared by its folds


class UniverseTooSmallError(ValueError):
    """Too few symbols (or days) to train and evaluate a cross-sectional model."""


@dataclass(frozen=True, slots=True)
class SymbolBars:
    """One symbol's daily bars, oldest first; `fundamentals` (rows aligned with `dates`, columns
    FUNDAMENTAL_FEATURES) hold what had been filed by each day, NaN before."""

    symbol: str
    dates: npt.NDArray[np.datetime64]
    close: FloatArray
    volume: FloatArray
    fundamentals: FloatArray | None = None


@dataclass(frozen=True, slots=True)
class Panel:
    """Every usable (symbol, day) row, symbol-major and date-ordered within a symbol."""

    symbols: list[str]
    days: npt.NDArray[np.datetime64]  # the union calendar; `day` indexes it
    x: npt.NDArray[np.float32]
    sym: IntArray
    day: IntArray
    fwd_price: FloatArray  # forward PRICE_HORIZON-day log return (NaN at the end of each history)
    fwd_trend: FloatArray  # forward TREND_HORIZON-day log return
    scale: FloatArray  # EWMA daily volatility known at the row x sqrt(PRICE_HORIZON)
    last_row: IntArray  # per symbol: the row of its last bar (-1 when its last bar has no features)
    last_close: FloatArray


@dataclass(frozen=True, slots=True)
class UniverseMetrics:
    """Daily cross-sectional scores of out-of-sample predictions, and a test that the mean IC is above zero."""

    ic: float
    icir: float
    rank_ic: float
    rank_icir: float
    days: int
    symbols: int
    p_value: float  # one-sided, Newey-West variance of the daily IC series (overlapping targets)
    fold_ic: list[float]


@dataclass(slots=True)
class SymbolResult:
    """What the universe model says of one symbol: its forecast and its own out-of-sample record."""

    symbol: str
    price: PriceForecast | None = None
    trend: TrendForecast | None = None
    error: str = ""


@dataclass(slots=True)
class UniverseModel:
    """A trained universe model of one kind: its booster, scores and per-symbol results."""

    kind: str  # "price" | "trend"
    horizon: int
    booster: lgb.Booster
    metrics: UniverseMetrics
    rows: int
    data_start: str
    data_end: str
    feature_importance: dict[str, float]
    calibration: ProbabilityCalibration | None = None
    results: dict[str, SymbolResult] = field(default_factory=dict)


def _shift(values: FloatArray, periods: int) -> FloatArray:
    import numpy as np

    out = np.full_like(values, np.nan)
    out[periods:] = values[:-periods]
    return out


def _forward(log_close: FloatArray, horizon: int) -> FloatArray:
    import numpy as np

    out = np.full_like(log_close, np.nan)
    out[:-horizon] = log_close[horizon:] - log_close[:-horizon]
    return out


def symbol_features(close: FloatArray, volume: FloatArray) -> FloatArray:
    """PRICE_FEATURES for one symbol (rows aligned with `close`, NaN in warm-up), each from bars up to its row."""
    import numpy as np
    import talib

    log_close = np.log(close)
    ret_1 = np.concatenate([[np.nan], np.diff(log_close)])
    vol_20 = talib.STDDEV(ret_1, timeperiod=20)
    vol_60 = talib.STDDEV(ret_1, timeperiod=60)
    log_volume = np.log(np.maximum(volume, 1.0))
    vol_mean, vol_std = talib.SMA(volume, timeperiod=20), talib.STDDEV(volume, timeperiod=20)
    with np.errstate(divide="ignore", invalid="ignore"):
        volume_z = np.where(vol_std > 0, (volume - vol_mean) / vol_std, 0.0)
        vol_ratio = np.where(vol_60 > 0, vol_20 / vol_60, 1.0)
    return np.column_stack(
        [
            ret_1,
            log_close - _shift(log_close, 5),
            log_close - _shift(log_close, 20),
            log_close - _shift(log_close, 60),
            log_close - _shift(log_close, 120),
            vol_20,
            vol_60,
            vol_ratio,
            talib.SMA(log_volume, timeperiod=5) - talib.SMA(log_volume, timeperiod=60),
            volume_z,
            talib.RSI(close, timeperiod=14) / 100.0,
            close / talib.SMA(close, timeperiod=50) - 1.0,
            close / talib.SMA(close, timeperiod=200) - 1.0,
        ]
    )


def _day_mean(values: FloatArray, day: IntArray, n_days: int) -> FloatArray:
    """Each row's day mean over the rows of that day where `values` is known (the same-day cross-section)."""
    import numpy as np

    known = ~np.isnan(values)
    total = np.bincount(day[known], weights=values[known], minlength=n_days)
    count = np.bincount(day[known], minlength=n_days)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
    return mean[day]


def panel_build(universe: Sequence[SymbolBars]) -> Panel:
    """Stack every symbol's rows (features known at each day) into one matrix for the universe."""
    import numpy as np

    kept = [s for s in universe if len(s.close) >= MIN_BARS]
    if len(kept) < MIN_SYMBOLS:
        raise UniverseTooSmallError(
            f"Need at least {MIN_SYMBOLS} symbols with {MIN_BARS} daily bars; have {len(kept)}."
        )
    features = [symbol_features(s.close, s.volume) for s in kept]
    usables = [np.asarray(~np.isnan(f).any(axis=1), dtype=np.bool_) for f in features]
    # The calendar is the days on which some symbol has features, so every fold has rows to train and test on.
    days = np.unique(np.concatenate([s.dates.astype("datetime64[D]")[u] for s, u in zip(kept, usables, strict=True)]))
    blocks, syms, day_idx, fwd_p, fwd_t, scales, last_rows, last_close = [], [], [], [], [], [], [], []
    offset = 0
    for i, (s, base, usable) in enumerate(zip(kept, features, usables, strict=True)):
        fundamentals = (
            s.fundamentals if s.fundamentals is not None else np.full((len(s.close), len(FUNDAMENTAL_FEATURES)), np.nan)
        )
        log_close = np.log(s.close)
        rows = np.flatnonzero(usable)
        blocks.append(np.column_stack([base[rows], fundamentals[rows]]))
        syms.append(np.full(len(rows), i, dtype=np.int64))
        day_idx.append(np.searchsorted(days, s.dates.astype("datetime64[D]")[rows]).astype(np.int64))
        fwd_p.append(_forward(log_close, PRICE_HORIZON)[rows])
        fwd_t.append(_forward(log_close, TREND_HORIZON)[rows])
        scales.append(np.maximum(ewma_volatility(base[:, 0]) * np.sqrt(PRICE_HORIZON), 1e-12)[rows])
        last_rows.append(offset + len(rows) - 1 if usable[-1] else -1)
        last_close.append(float(s.close[-1]))
        offset += len(rows)
    x_base = np.concatenate(blocks)
    day = np.concatenate(day_idx)
    n_price = len(PRICE_FEATURES)
    cross = [
        x_base[:, PRICE_FEATURES.index(name)] - _day_mean(x_base[:, PRICE_FEATURES.index(name)], day, len(days))
        for name in ("ret_5", "ret_20", "vol_20")
    ]
    x = np.column_stack([x_base[:, :n_price], *cross, x_base[:, n_price:]]).astype(np.float32)
    return Panel(
        symbols=[s.symbol for s in kept],
        days=days,
        x=x,
        sym=np.concatenate(syms),
        day=day,
        fwd_price=np.concatenate(fwd_p),
        fwd_trend=np.concatenate(fwd_t),
        scale=np.concatenate(scales),
        last_row=np.array(last_rows, dtype=np.int64),
        last_close=np.array(last_close, dtype=np.float64),
    )


def day_folds(n_days: int, horizon: int, folds: int = FOLDS) -> list[tuple[int, int, int]]:
    """(train_end, test_start, test_end) day indices: expanding window, an embargo of `horizon` days between the
    last training day and the first test day (no training target reaches into the test period)."""
    test_size = n_days // (folds + 2)
    splits = []
    for k in range(folds):
        test_start = n_days - (folds - k) * test_size
        train_end = test_start - horizon
        if train_end >= test_size:
            splits.append((train_end, test_start, min(test_start + test_size, n_days)))
    return splits


def _splits(day: IntArray, n_days: int, horizon: int) -> list[tuple[int, int, int]]:
    """The folds of `day_folds` whose training and test periods both hold scored rows; at least two."""
    import numpy as np

    counts = np.bincount(day, minlength=n_days)
    splits = [f for f in day_folds(n_days, horizon) if counts[: f[0]].sum() > 0 and counts[f[1] : f[2]].sum() > 0]
    if len(splits) < 2:
        raise UniverseTooSmallError(f"Need at least 2 walk-forward folds with data; have {len(splits)}.")
    return splits


def daily_ic(predicted: FloatArray, outcome: FloatArray, day: IntArray) -> tuple[FloatArray, FloatArray]:
    """Per day with at least MIN_CROSS_SECTION symbols: Pearson IC and Spearman rank IC across symbols (pandas)."""
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({"day": day, "p": predicted, "y": outcome})
    counts = frame.groupby("day")["y"].transform("size")
    frame = frame[counts >= MIN_CROSS_SECTION]
    grouped = frame.groupby("day")
    ic = grouped[["p", "y"]].corr().xs("p", level=1)["y"]
    ranked = frame.assign(p=grouped["p"].rank(), y=grouped["y"].rank())
    rank_ic = ranked.groupby("day")[["p", "y"]].corr().xs("p", level=1)["y"]
    return np.asarray(ic, dtype=np.float64), np.asarray(rank_ic, dtype=np.float64)


def _metrics(
    predicted: list[FloatArray], outcome: list[FloatArray], days: list[IntArray], horizon: int, symbols: int
) -> UniverseMetrics:
    import numpy as np

    fold_ic, ic_parts, rank_parts = [], [], []
    for p, y, d in zip(predicted, outcome, days, strict=True):
        ic, rank_ic = daily_ic(p, y, d)
        keep = ~np.isnan(ic) & ~np.isnan(rank_ic)  # a day whose predictions or outcomes never vary has no IC
        ic_parts.append(ic[keep])
        rank_parts.append(rank_ic[keep])
        fold_ic.append(float(ic[keep].mean()) if keep.any() else 0.0)
    ic_all, rank_all = np.concatenate(ic_parts), np.concatenate(rank_parts)
    if len(ic_all) < 2:
        raise UniverseTooSmallError(f"Need at least 2 scored days with {MIN_CROSS_SECTION} symbols each.")
    # The IC of day t and day t+1 share h-1 days of their outcomes: the same Newey-West test as the claims.
    test = diebold_mariano(-ic_all, np.zeros(len(ic_all)), [len(a) for a in ic_parts], horizon=horizon)
    std, rank_std = float(ic_all.std(ddof=1)), float(rank_all.std(ddof=1))
    return UniverseMetrics(
        ic=float(ic_all.mean()),
        icir=float(ic_all.mean() / std) if std > 0 else 0.0,
        rank_ic=float(rank_all.mean()),
        rank_icir=float(rank_all.mean() / rank_std) if rank_std > 0 else 0.0,
        days=len(ic_all),
        symbols=symbols,
        p_value=test.p_value,
        fold_ic=fold_ic,
    )


def _thin(rows: IntArray, day: IntArray, horizon: int) -> IntArray:
    """`rows` on every k-th day, the smallest k <= horizon that leaves at most MAX_TRAIN_ROWS (all rows if fewer)."""
    import math

    stride = min(horizon, math.ceil(len(rows) / MAX_TRAIN_ROWS))
    return rows if stride <= 1 else rows[day[rows] % stride == 0]


def _train(dataset: lgb.Dataset, rows: IntArray, objective: str, seed: int, threads: int) -> lgb.Booster:
    import lightgbm as lgb

    params = {**LEARNER, "objective": objective, "seed": seed, "num_threads": threads}
    with warnings.catch_warnings():
        # A fold's subset shares its parent's bins; LightGBM warns that the training parameters are applied to it.
        warnings.filterwarnings("ignore", message="Overriding the parameters from Reference Dataset")
        return lgb.train(params, dataset.subset(rows.tolist()), num_boost_round=ROUNDS)


def _per_symbol_split(values: FloatArray, sym: IntArray, n_symbols: int) -> list[FloatArray]:
    """Rows (symbol-major within each fold) regrouped per symbol; `sym` sorted stably keeps date order."""
    import numpy as np

    order = np.argsort(sym, kind="stable")
    bounds = np.searchsorted(sym[order], np.arange(n_symbols + 1))
    return [values[order[bounds[i] : bounds[i + 1]]] for i in range(n_symbols)]


def price_train(
    panel: Panel,
    *,
    seed: int = 7,
    threads: int = 1,
    progress: Callable[[str], None] | None = None,
) -> UniverseModel:
    """The price model: LightGBM regression of the forward PRICE_HORIZON-day log return in excess of that day's
    universe mean; per symbol, predicted return = that excess (no view on the market), scored by MAE of the log
    return against "no change", with volatility-scaled conformal bands."""
    import lightgbm as lgb
    import numpy as np

    horizon = PRICE_HORIZON
    scored = np.flatnonzero(~np.isnan(panel.fwd_price))
    label = np.full(len(panel.day), np.nan)
    label[scored] = panel.fwd_price[scored] - _day_mean(panel.fwd_price, panel.day, len(panel.days))[scored]
    dataset = lgb.Dataset(
        panel.x[scored], label=label[scored], feature_name=list(FEATURE_NAMES), params=_DATASET, free_raw_data=False
    ).construct()
    day = panel.day[scored]
    splits = _splits(day, len(panel.days), horizon)
    predictions, outcomes, fold_days, fold_syms, fold_scales = [], [], [], [], []
    for k, (train_end, test_start, test_end) in enumerate(splits):
        if progress:
            progress(f"price fold {k + 1}/{len(splits)}")
        booster = _train(dataset, _thin(np.flatnonzero(day < train_end), day, horizon), "regression", seed, threads)
        test = np.flatnonzero((day >= test_start) & (day < test_end))
        predictions.append(np.asarray(booster.predict(panel.x[scored[test]]), dtype=np.float64))
        outcomes.append(panel.fwd_price[scored[test]])
        fold_days.append(day[test])
        fold_syms.append(panel.sym[scored[test]])
        fold_scales.append(panel.scale[scored[test]])
    if progress:
        progress("price final fit")
    final = _train(dataset, _thin(np.arange(len(scored)), day, horizon), "regression", seed, threads)
    metrics = _metrics(predictions, outcomes, fold_days, horizon, len(panel.symbols))
    model = UniverseModel(
        kind="price",
        horizon=horizon,
        booster=final,
        metrics=metrics,
        rows=len(scored),
        data_start=str(panel.days[0]),
        data_end=str(panel.days[-1]),
        feature_importance=_importance(final),
    )
    n = len(panel.symbols)
    errors = [_per_symbol_split(p - y, s, n) for p, y, s in zip(predictions, outcomes, fold_syms, strict=True)]
    truths = [_per_symbol_split(y, s, n) for y, s in zip(outcomes, fold_syms, strict=True)]
    scales = [_per_symbol_split(sc, s, n) for sc, s in zip(fold_scales, fold_syms, strict=True)]
    last = panel.last_row
    final_prediction = np.full(n, np.nan)
    has_last = last >= 0
    final_prediction[has_last] = final.predict(panel.x[last[has_last]])
    for i, symbol in enumerate(panel.symbols):
        model.results[symbol] = _price_result(
            symbol,
            [e[i] for e in errors],
            [t[i] for t in truths],
            [s[i] for s in scales],
            predicted=float(final_prediction[i]),
            last_close=float(panel.last_close[i]),
            sigma=float(panel.scale[last[i]]) if last[i] >= 0 else float("nan"),
        )
    return model


def _price_result(
    symbol: str,
    errors: list[FloatArray],
    truths: list[FloatArray],
    scales: list[FloatArray],
    *,
    predicted: float,
    last_close: float,
    sigma: float,
) -> SymbolResult:
    import math

    import numpy as np

    folds = [k for k in range(len(errors)) if len(errors[k])]
    if math.isnan(predicted) or len(folds) < 2:
        return SymbolResult(symbol, error="Too few out-of-sample points in the universe walk for this symbol.")
    errors, truths, scales = [errors[k] for k in folds], [truths[k] for k in folds], [scales[k] for k in folds]
    model_loss, baseline_loss = np.abs(np.concatenate(errors)), np.abs(np.concatenate(truths))
    evaluation = Evaluation(
        metric="mae_log_return",
        model=float(model_loss.mean()),
        baseline=float(baseline_loss.mean()),
        baseline_name="no change (random walk)",
        test_points=len(model_loss),
        folds=len(errors),
        test=diebold_mariano(model_loss, baseline_loss, [len(e) for e in errors], horizon=PRICE_HORIZON),
    )
    price = price_forecast_banded(
        horizon=PRICE_HORIZON,
        last_close=last_close,
        predicted=predicted,
        sigma=sigma,
        errors=errors,
        scales=scales,
        evaluation=evaluation,
    )
    return SymbolResult(symbol, price=price)


def trend_train(
    panel: Panel,
    *,
    seed: int = 7,
    threads: int = 1,
    progress: Callable[[str], None] | None = None,
) -> UniverseModel:
    """The trend model: LightGBM classification of the TREND_HORIZON-day direction (flat outcomes left out),
    Platt-calibrated on the pooled out-of-sample probabilities; per symbol, accuracy against always the majority
    direction of that symbol's training period."""
    import lightgbm as lgb
    import numpy as np

    horizon = TREND_HORIZON
    scored = np.flatnonzero(~np.isnan(panel.fwd_trend) & (panel.fwd_trend != 0))
    y = (panel.fwd_trend[scored] > 0).astype(np.int64)
    dataset = lgb.Dataset(panel.x[scored], label=y, feature_name=list(FEATURE_NAMES), free_raw_data=False).construct()
    day, sym = panel.day[scored], panel.sym[scored]
    n = len(panel.symbols)
    splits = _splits(day, len(panel.days), horizon)
    probabilities, outcomes, returns, fold_days, fold_syms, base_rates, symbol_majority = [], [], [], [], [], [], []
    for k, (train_end, test_start, test_end) in enumerate(splits):
        if progress:
            progress(f"trend fold {k + 1}/{len(splits)}")
        train = np.flatnonzero(day < train_end)
        booster = _train(dataset, _thin(train, day, horizon), "binary", seed, threads)
        test = np.flatnonzero((day >= test_start) & (day < test_end))
        probabilities.append(np.asarray(booster.predict(panel.x[scored[test]]), dtype=np.float64))
        outcomes.append(y[test])
        returns.append(panel.fwd_trend[scored[test]])
        fold_days.append(day[test])
        fold_syms.append(sym[test])
        base_rates.append(float(y[train].mean()))
        ups = np.bincount(sym[train], weights=y[train], minlength=n)
        seen = np.bincount(sym[train], minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            symbol_majority.append(np.where(seen > 0, ups / seen, base_rates[-1]) >= 0.5)
    if progress:
        progress("trend final fit")
    final = _train(dataset, _thin(np.arange(len(scored)), day, horizon), "binary", seed, threads)
    calibration = probabilities_calibrate(probabilities, outcomes, base_rates)
    model = UniverseModel(
        kind="trend",
        horizon=horizon,
        booster=final,
        metrics=_metrics(probabilities, returns, fold_days, horizon, n),
        rows=len(scored),
        data_start=str(panel.days[0]),
        data_end=str(panel.days[-1]),
        feature_importance=_importance(final),
        calibration=calibration,
    )
    hits = [
        _per_symbol_split(((p >= 0.5) == (o == 1)).astype(np.float64), s, n)
        for p, o, s in zip(probabilities, outcomes, fold_syms, strict=True)
    ]
    baseline_hits = [
        _per_symbol_split((o == majority[s].astype(np.int64)).astype(np.float64), s, n)
        for o, s, majority in zip(outcomes, fold_syms, symbol_majority, strict=True)
    ]
    last = panel.last_row
    raw = np.full(n, np.nan)
    raw[last >= 0] = final.predict(panel.x[last[last >= 0]])
    base_rate = float(y.mean())
    use_model = calibration.brier < calibration.brier_base_rate
    for i, symbol in enumerate(panel.symbols):
        folds = [k for k in range(len(hits)) if len(hits[k][i])]
        if np.isnan(raw[i]) or len(folds) < 2:
            model.results[symbol] = SymbolResult(symbol, error="Too few out-of-sample points for this symbol.")
            continue
        model_hit = np.concatenate([hits[k][i] for k in folds])
        base_hit = np.concatenate([baseline_hits[k][i] for k in folds])
        evaluation = Evaluation(
            metric="accuracy",
            model=float(model_hit.mean()),
            baseline=float(base_hit.mean()),
            baseline_name="always the majority direction of the training period",
            test_points=len(model_hit),
            folds=len(folds),
            test=diebold_mariano(1 - model_hit, 1 - base_hit, [len(hits[k][i]) for k in folds], horizon=horizon),
        )
        probability = float(calibration.scaler.apply(np.array([raw[i]]))[0]) if use_model else base_rate
        model.results[symbol] = SymbolResult(
            symbol,
            trend=TrendForecast(
                horizon_days=horizon,
                probability_up=probability,
                probability_source="model" if use_model else "base_rate",
                probability_up_uncalibrated=float(raw[i]),
                base_rate=base_rate,
                direction="up" if probability >= 0.5 else "down",
                calibration=calibration,
                evaluation=evaluation,
            ),
        )
    return model


def _importance(booster: lgb.Booster) -> dict[str, float]:
    """Share of total split gain per feature."""
    import numpy as np

    gain = np.asarray(booster.feature_importance(importance_type="gain"), dtype=np.float64)
    total = float(gain.sum()) or 1.0
    return {name: round(float(g) / total, 4) for name, g in zip(FEATURE_NAMES, gain, strict=True)}

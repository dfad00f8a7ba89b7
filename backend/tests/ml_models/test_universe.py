"""The universe model on seeded simulated universes: no skill on noise, a planted signal found, no look-ahead.

The planted signal (documented here and in docs/operations.md): each symbol has a hidden state s_t, an AR(1) with
coefficient 0.95 and unit variance; its volume is exp(0.5 s_t + noise) and its next daily log return has mean
0.004 s_t. So the volume features carry information about the coming 5 and 20 days' returns, and a model that
learns it ranks the symbols of a day by their coming returns (IC > 0).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from ml_models import universe
from ml_models.significance import ALPHA, benjamini_hochberg

SYMBOLS, BARS = 20, 1000


def simulated_universe(
    kind: str, *, symbols: int = SYMBOLS, bars: int = BARS, seed: int = 3
) -> list[universe.SymbolBars]:
    rng = np.random.default_rng(seed)
    dates = np.arange(np.datetime64("2000-01-03"), np.datetime64("2000-01-03") + bars)
    out = []
    for i in range(symbols):
        eps = rng.normal(0.0, 0.015, bars)
        volume = 1e6 * np.exp(rng.normal(0.0, 0.2, bars))
        if kind == "random_walk":
            returns = eps
        elif kind == "ar1":  # phi = 0.3 on daily returns, per symbol
            returns = np.empty(bars)
            returns[0] = eps[0]
            for t in range(1, bars):
                returns[t] = 0.3 * returns[t - 1] + eps[t]
        else:  # "planted": the hidden state above
            state, shocks = np.zeros(bars), rng.normal(0.0, 1.0, bars)
            for t in range(1, bars):
                state[t] = 0.95 * state[t - 1] + np.sqrt(1 - 0.95**2) * shocks[t]
            volume = 1e6 * np.exp(0.5 * state + rng.normal(0.0, 0.1, bars))
            returns = np.concatenate([[eps[0]], 0.004 * state[:-1] + eps[1:]])
        out.append(universe.SymbolBars(f"S{i}", dates, 50 * np.exp(np.cumsum(returns)), volume))
    return out


def _claims(*models: universe.UniverseModel) -> list[bool]:
    """Per symbol and model, whether the claim holds, with one Benjamini-Hochberg family (as a training run)."""
    evaluations = [
        (r.price or r.trend).evaluation  # type: ignore[union-attr]
        for model in models
        for r in model.results.values()
        if not r.error
    ]
    q_values = benjamini_hochberg([e.test.p_value for e in evaluations])
    return [e.beats_baseline(q) for e, q in zip(evaluations, q_values, strict=True)]


@pytest.fixture(scope="module")
def noise() -> tuple[universe.UniverseModel, universe.UniverseModel]:
    panel = universe.panel_build(simulated_universe("random_walk"))
    return universe.price_train(panel), universe.trend_train(panel)


@pytest.fixture(scope="module")
def planted() -> tuple[universe.UniverseModel, universe.UniverseModel]:
    panel = universe.panel_build(simulated_universe("planted"))
    return universe.price_train(panel), universe.trend_train(panel)


def test_pure_random_walks_show_no_skill(noise: tuple[universe.UniverseModel, universe.UniverseModel]) -> None:
    for model in noise:
        assert abs(model.metrics.ic) < 0.05
        assert abs(model.metrics.rank_ic) < 0.05
        assert model.metrics.p_value > ALPHA  # the mean IC is not significantly above zero
    claims = _claims(*noise)  # 40 tests: at most the false-discovery rate of them may claim skill
    assert sum(claims) <= ALPHA * len(claims)
    trend = noise[1]
    assert trend.calibration is not None
    assert trend.calibration.brier >= trend.calibration.brier_base_rate - 0.002
    probabilities = [r.trend.probability_up for r in trend.results.values() if r.trend]
    assert all(0.4 < p < 0.6 for p in probabilities)


def test_a_planted_signal_is_detected_and_beats_the_baseline(
    planted: tuple[universe.UniverseModel, universe.UniverseModel],
) -> None:
    price, trend = planted
    for model in planted:
        assert model.metrics.ic > 0.2
        assert model.metrics.rank_ic > 0.2
        assert model.metrics.icir > 1.0
        assert model.metrics.p_value < 1e-6
        assert all(fold > 0.1 for fold in model.metrics.fold_ic)
    # Each symbol's claim is tested on its own ~660 points, so not every one survives; on noise at most 5% do.
    assert sum(_claims(price)) >= SYMBOLS // 4
    skills = [r.price.evaluation.skill for r in price.results.values() if r.price is not None]
    assert sum(skill > 0 for skill in skills) > 0.75 * SYMBOLS
    assert np.mean(skills) > 0.01
    assert trend.calibration is not None
    assert trend.calibration.brier < trend.calibration.brier_base_rate
    # The planted volume signal carries most of the model's split gain.
    volume_gain = sum(price.feature_importance[f] for f in ("volume_ratio_5_60", "volume_z_20"))
    assert volume_gain > 0.3


def test_per_symbol_ar1_returns_are_found_across_the_universe_but_not_claimed_per_symbol() -> None:
    """AR(1) with phi = 0.3 on daily returns: pooled over the universe the pattern is found (IC > 0), but the
    5-day MAE gain it allows (about 1%) is too small for any single symbol's Diebold-Mariano test on ~660 points."""
    price = universe.price_train(universe.panel_build(simulated_universe("ar1", seed=5)))
    assert price.metrics.ic > 0.03
    assert price.metrics.p_value < 0.01
    assert price.feature_importance["ret_1"] == max(price.feature_importance.values())
    assert sum(_claims(price)) <= SYMBOLS // 4


def test_features_use_no_future_bars() -> None:
    full = simulated_universe("planted", symbols=5, bars=600)
    cut = [universe.SymbolBars(s.symbol, s.dates[:450], s.close[:450], s.volume[:450]) for s in full]
    a, b = universe.panel_build(full), universe.panel_build(cut)
    cut_day = full[0].dates[450]
    for i in range(5):
        rows_a = np.flatnonzero((a.sym == i) & (a.days[a.day] < cut_day))
        rows_b = np.flatnonzero(b.sym == i)
        np.testing.assert_array_equal(a.x[rows_a], b.x[rows_b])


def test_training_days_end_an_embargo_of_the_horizon_before_each_test_fold() -> None:
    for horizon in (universe.PRICE_HORIZON, universe.TREND_HORIZON):
        folds = universe.day_folds(1200, horizon)
        assert len(folds) == universe.FOLDS
        for train_end, test_start, _ in folds:
            # the last training day is train_end - 1; its target ends at train_end - 1 + horizon < test_start + 1
            assert test_start - train_end == horizon


def test_daily_ic_is_pearson_and_spearman_across_each_days_symbols() -> None:
    rng = np.random.default_rng(0)
    day = np.repeat(np.arange(4), 12)
    predicted, outcome = rng.normal(size=48), rng.normal(size=48)
    outcome[12:24] = predicted[12:24] + 0.1 * outcome[12:24]
    ic, rank_ic = universe.daily_ic(predicted, outcome, day)
    for d in range(4):
        part = day == d
        assert ic[d] == pytest.approx(stats.pearsonr(predicted[part], outcome[part]).statistic)
        assert rank_ic[d] == pytest.approx(stats.spearmanr(predicted[part], outcome[part]).statistic)
    assert ic[1] > 0.9


def test_too_small_a_universe_is_refused_with_the_counts() -> None:
    with pytest.raises(universe.UniverseTooSmallError, match="at least 5 symbols"):
        universe.panel_build(simulated_universe("random_walk", symbols=4, bars=300))

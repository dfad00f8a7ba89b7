"""A claimed edge over the baseline survives a Diebold-Mariano test: noise claims none, a planted pattern is found."""

from __future__ import annotations

import numpy as np
import pytest

from ml_models import forecasting, significance

WALKS = 40
WALK_BARS = 1500  # 42 independent 20-day outcomes per walk: above the minimum, so the p-value decides


def _random_walk(seed: int, n: int = WALK_BARS) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return 100 * np.exp(np.cumsum(rng.normal(0.0002, 0.015, n))), rng.uniform(1e6, 2e6, n)


def _momentum(seed: int, n: int = 3000) -> tuple[np.ndarray, np.ndarray]:
    """A planted pattern: each day's return leans 0.4% toward the sign of the last 20 days' return."""
    rng = np.random.default_rng(seed)
    returns = rng.normal(0, 0.01, n)
    for t in range(20, n):
        returns[t] += 0.004 * np.sign(returns[t - 20 : t].sum())
    return 100 * np.exp(np.cumsum(returns)), rng.uniform(1e6, 2e6, n)


def _claims(evaluations: list[forecasting.Evaluation]) -> tuple[int, int, int]:
    """Skill claimed under the old rule (skill > 0), under the test alone and after Benjamini-Hochberg."""
    q_values = significance.benjamini_hochberg([e.test.p_value for e in evaluations])
    return (
        sum(e.skill > 0 for e in evaluations),
        sum(e.beats_baseline(e.test.p_value) for e in evaluations),
        sum(e.beats_baseline(q) for e, q in zip(evaluations, q_values, strict=True)),
    )


@pytest.mark.parametrize("evaluate", [forecasting.evaluate_trend, forecasting.evaluate_price])
def test_pure_random_walks_claim_skill_no_more_often_than_the_tests_false_positive_rate(evaluate) -> None:
    evaluations = [evaluate(*_random_walk(1000 + i)) for i in range(WALKS)]
    naive, tested, adjusted = _claims(evaluations)
    # 5% of 40 is 2; 5 leaves binomial slack (P(X >= 6) < 2% at p = 0.05).
    assert tested <= 5, f"{tested} of {WALKS} random walks beat the baseline (naive rule: {naive})"
    assert adjusted <= tested
    assert all(e.test.independent_points >= significance.MIN_INDEPENDENT_POINTS for e in evaluations)


@pytest.mark.parametrize("evaluate", [forecasting.evaluate_trend, forecasting.evaluate_price])
def test_a_planted_pattern_is_detected_by_every_fold_majority_and_the_test(evaluate) -> None:
    evaluations = [evaluate(*_momentum(5 + i)) for i in range(3)]
    for e in evaluations:
        assert e.skill > 0.1
        assert e.test.p_value < 0.001
        assert e.test.fold_wins * 2 > e.test.folds
    assert _claims(evaluations)[2] == len(evaluations)


def test_too_few_independent_points_never_support_a_claim() -> None:
    # 800 bars leave about 19 independent 20-day outcomes: the trend model may not claim, whatever the p-value.
    evaluation = forecasting.evaluate_trend(*_momentum(5, n=800))
    assert evaluation.test.independent_points < significance.MIN_INDEPENDENT_POINTS
    assert not evaluation.beats_baseline(0.0)


def test_overlapping_targets_widen_the_variance() -> None:
    # The same loss differences read as 20-day forecasts carry less evidence than as independent 1-day ones.
    rng = np.random.default_rng(1)
    shared = np.repeat(rng.normal(-0.02, 0.3, 100), 20)  # each outcome counted 20 times, as overlapping labels are
    model_loss, baseline_loss = 1.0 + shared, np.ones_like(shared)
    daily = significance.diebold_mariano(model_loss, baseline_loss, [len(shared)], horizon=1)
    monthly = significance.diebold_mariano(model_loss, baseline_loss, [len(shared)], horizon=20)
    assert monthly.p_value > daily.p_value
    assert (monthly.hac_lag, monthly.independent_points) == (38, 100)


def test_benjamini_hochberg_adjusts_in_the_order_given() -> None:
    q = significance.benjamini_hochberg([0.04, 0.01, 0.03, 0.5])
    assert q == pytest.approx([0.0533, 0.04, 0.0533, 0.5], abs=1e-3)
    assert significance.benjamini_hochberg([]) == []


def test_losses_and_folds_that_disagree_are_refused() -> None:
    with pytest.raises(ValueError, match="disagree"):
        significance.diebold_mariano(np.ones(10), np.ones(10), [4, 4], horizon=5)

import itertools

import numpy as np
import pytest

from business_logic.columns import empty_deals_frame
from business_logic.metrics import forecast, revenue_quantiles
from tests.metrics.frames import D, day, deals


def brute_force_quantiles(amounts, probabilities, qs):
    """Exact inverse CDF by enumerating every win/loss combination (small n only)."""
    outcomes = []
    for wins in itertools.product((0, 1), repeat=len(amounts)):
        value = sum(a for a, w in zip(amounts, wins, strict=True) if w)
        weight = np.prod([p if w else 1 - p for p, w in zip(probabilities, wins, strict=True)])
        outcomes.append((value, weight))
    outcomes.sort()
    values = np.array([v for v, _ in outcomes])
    cdf = np.cumsum([w for _, w in outcomes])
    return [values[min(np.searchsorted(cdf, q - 1e-9), len(values) - 1)] for q in qs]


def test_windows_are_cumulative_and_bounded():
    frame = deals(
        {"expected_close_date": day(0), "amount": 100, "probability": 0.5},  # D: in all
        {"expected_close_date": day(30), "amount": 200, "probability": 0.5},  # D+30: in 30
        {"expected_close_date": day(31), "amount": 400, "probability": 0.5},  # 60 and 90
        {"expected_close_date": day(90), "amount": 800, "probability": 0.5},  # 90 only
        {"expected_close_date": day(91), "amount": 1600, "probability": 0.5},  # none
        {"expected_close_date": day(-1), "amount": 3200, "probability": 0.5},  # overdue
        {"status": "won", "expected_close_date": day(5), "amount": 6400},  # closed
    )
    result = forecast(frame, D)
    assert [result[n].deals for n in (30, 60, 90)] == [2, 3, 4]
    assert result[30].expected == pytest.approx(150.0)
    assert result[60].expected == pytest.approx(350.0)
    assert result[90].expected == pytest.approx(750.0)


def test_expected_counts_missing_amount_as_zero():
    frame = deals(
        {"expected_close_date": day(3), "amount": None, "probability": 0.9},
        {"expected_close_date": day(3), "amount": 1000, "probability": 0.3},
    )
    window = forecast(frame, D)[30]
    assert window.deals == 2
    assert window.expected == pytest.approx(300.0)


def test_two_even_deals_hand_computed():
    # Outcomes 0, 1000, 2000, 3000 with probability 1/4 each.
    frame = deals(
        {"expected_close_date": day(1), "amount": 1000, "probability": 0.5},
        {"expected_close_date": day(2), "amount": 2000, "probability": 0.5},
    )
    window = forecast(frame, D)[30]
    assert (window.p10, window.expected, window.p90) == (0.0, 1500.0, 3000.0)
    assert window.method == "exact"


def test_percentile_above_mean_is_clamped_to_expected():
    # One deal at 95 %: P(0) = 5 % < 10 %, so the raw p10 is 1000 > expected 950.
    frame = deals({"expected_close_date": day(1), "amount": 1000, "probability": 0.95})
    window = forecast(frame, D)[30]
    assert window.raw_p10 == 1000.0
    assert window.p10 == pytest.approx(950.0)
    assert window.p90 == 1000.0


def test_certain_deals_are_a_constant():
    result = revenue_quantiles(np.array([100.0, 50.0]), np.array([1.0, 0.0]), (0.1, 0.9))
    assert result.values == (100.0, 100.0)
    assert result.method == "certain"


def test_empty_window():
    window = forecast(empty_deals_frame(), D)[90]
    assert (window.deals, window.expected, window.p10, window.p90) == (0, 0.0, 0.0, 0.0)


def test_to_dict_keys_are_strings():
    assert list(forecast(empty_deals_frame(), D).to_dict()) == ["30", "60", "90"]


def _within(value, truth, tolerance=0.02):
    return abs(value - truth) <= tolerance * abs(truth) + 1e-6


@pytest.mark.parametrize("seed", range(12))
def test_exact_method_matches_enumeration(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 13))
    amounts = np.round(rng.lognormal(8, 1, n), 2)
    probabilities = rng.uniform(0.02, 0.98, n)
    result = revenue_quantiles(amounts, probabilities, (0.1, 0.9))
    truth = brute_force_quantiles(amounts, probabilities, (0.1, 0.9))
    assert result.method == "exact"
    assert result.values == pytest.approx(truth, rel=1e-9, abs=0.01)


@pytest.mark.parametrize("seed", range(12))
def test_lattice_method_within_2_percent_of_enumeration(seed):
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(2, 13))
    amounts = np.round(rng.lognormal(8, 0.7, n), 2)
    probabilities = rng.uniform(0.02, 0.98, n)
    result = revenue_quantiles(amounts, probabilities, (0.1, 0.9), exact_max_deals=0)
    truth = brute_force_quantiles(amounts, probabilities, (0.1, 0.9))
    assert result.method == "lattice"
    assert all(_within(v, t) for v, t in zip(result.values, truth, strict=True))


@pytest.mark.parametrize("seed", range(3))
def test_normal_mixture_within_2_percent_on_enumerable_window(seed):
    # 16 deals: the 10 largest exactly, 6 through the normal law — its hardest regime.
    rng = np.random.default_rng(200 + seed)
    amounts = np.round(rng.lognormal(8, 0.5, 16), 2)
    probabilities = rng.uniform(0.3, 0.7, 16)
    result = revenue_quantiles(
        amounts, probabilities, (0.1, 0.9), exact_max_deals=0, lattice_max_work=0
    )
    truth = brute_force_quantiles(amounts, probabilities, (0.1, 0.9))
    assert result.method == "normal_mixture"
    assert all(_within(v, t) for v, t in zip(result.values, truth, strict=True))


@pytest.mark.parametrize(("n", "low", "high"), [(200, 0.05, 0.95), (400, 0.02, 0.3)])
def test_normal_mixture_within_2_percent_of_lattice_on_large_windows(n, low, high):
    rng = np.random.default_rng(n)
    amounts = np.round(rng.lognormal(9, 0.8, n), 0)
    probabilities = rng.uniform(low, high, n)
    truth = revenue_quantiles(
        amounts, probabilities, (0.1, 0.9), exact_max_deals=0, lattice_max_work=10**9
    )
    approx = revenue_quantiles(
        amounts, probabilities, (0.1, 0.9), exact_max_deals=0, lattice_max_work=0
    )
    assert truth.method == "lattice"  # itself within 0.5 % of the true percentile
    assert all(_within(v, t) for v, t in zip(approx.values, truth.values, strict=True))


def test_identical_amounts_use_exact_binomial():
    # 40 deals of 1000 at 10 %: Binomial(40, 0.1) → p10 = 2 wins, p90 = 6 wins.
    result = revenue_quantiles(np.full(40, 1000.0), np.full(40, 0.1), (0.1, 0.9))
    assert result.values == (2000.0, 6000.0)


def test_large_window_agrees_with_the_central_limit_theorem():
    # 100,000 independent deals: the revenue is normal to well under 1 % — an oracle that
    # shares no code with revenue_quantiles (mean Σap, variance Σa²p(1−p), z(0.9) = 1.2816).
    rng = np.random.default_rng(0)
    amounts = rng.lognormal(9, 1, 100_000)
    probabilities = rng.uniform(0.05, 0.95, 100_000)
    result = revenue_quantiles(amounts, probabilities, (0.1, 0.9))
    assert result.method == "normal_mixture"
    mean = float((amounts * probabilities).sum())
    sigma = float(np.sqrt((amounts**2 * probabilities * (1 - probabilities)).sum()))
    truth = (mean - 1.2815516 * sigma, mean + 1.2815516 * sigma)
    assert all(_within(v, t) for v, t in zip(result.values, truth, strict=True))


def test_percentile_below_probability_of_no_win_is_zero():
    # P(no win) = 0.9**20 ≈ 0.12 >= 0.10, so p10 is exactly 0 whatever the method.
    amounts = np.r_[np.full(19, 8000.0), 20.0]
    result = revenue_quantiles(amounts, np.full(20, 0.1), (0.1, 0.9), lattice_max_work=0)
    assert result.values[0] == 0.0


@pytest.mark.parametrize("seed", range(8))
def test_low_probabilities_with_a_tiny_amount_within_2_percent(seed):
    # The hardest regime for approximations: few wins expected, amounts 3 orders apart.
    rng = np.random.default_rng(300 + seed)
    amounts = np.r_[np.round(rng.lognormal(9, 1, 13), 2), round(rng.uniform(1, 30), 2)]
    probabilities = rng.uniform(0.01, 0.25, 14)
    truth = brute_force_quantiles(amounts, probabilities, (0.1, 0.9))
    lattice = revenue_quantiles(amounts, probabilities, (0.1, 0.9), exact_max_deals=0)
    assert all(_within(v, t) for v, t in zip(lattice.values, truth, strict=True))

"""The pipeline waterfall on a hand-built pair (docs/history.md, « La cascade du pipeline »)."""

from business_logic.history import diff_snapshots
from tests.history.helpers import pair
from tests.metrics.frames import day

ROWS_A = [
    {"deal_id": "stay", "stage": "proposal", "amount": 1000, "probability": 0.5,
     "expected_close_date": day(5)},
    {"deal_id": "win", "stage": "negotiation", "amount": 400, "expected_close_date": day(40)},
    {"deal_id": "lose", "stage": "prospect", "amount": 300},
    {"deal_id": "gone", "stage": "qualified", "amount": 200, "expected_close_date": day(-1)},
    {"deal_id": "back", "status": "lost", "amount": 50},
    {"deal_id": "push", "stage": "proposal", "amount": 80, "expected_close_date": day(-2)},
]  # fmt: skip
ROWS_B = [
    {"deal_id": "stay", "stage": "negotiation", "amount": 1200, "probability": 0.6,
     "expected_close_date": day(5)},
    {"deal_id": "win", "status": "won", "amount": 400},
    {"deal_id": "lose", "status": "lost", "amount": 300},
    {"deal_id": "back", "stage": "qualified", "amount": 50, "expected_close_date": day(10)},
    {"deal_id": "new", "stage": "prospect", "amount": 70, "expected_close_date": day(20),
     "created_date": day(-2)},
    {"deal_id": "push", "stage": "proposal", "amount": 80, "expected_close_date": day(45)},
]  # fmt: skip


def test_gross_waterfall_terms():
    diff = diff_snapshots(*pair(ROWS_A, ROWS_B))
    assert diff.gross.to_dict() == {
        "start": 1980.0, "nouvelles": 70.0, "rouvertes": 50.0, "montant_hausse": 200.0,
        "montant_baisse": 0.0, "gagnees": 400.0, "perdues": 300.0, "disparues": 200.0,
        "non_comparables_sortie": 0.0, "non_comparables_entree": 0.0, "end": 1400.0,
    }  # fmt: skip


def test_weighted_waterfall_counts_the_probability_change_with_the_amount():
    w = diff_snapshots(*pair(ROWS_A, ROWS_B)).weighted
    # stay: 1000 × 0.5 → 1200 × 0.6 = +220; win 400 × 0.7, lose 300 × 0.1, gone 200 × 0.3
    assert (w.start, w.montant_hausse, w.gagnees, w.perdues, w.disparues) == (
        500 + 280 + 30 + 60 + 40, 220.0, 280.0, 30.0, 60.0)
    assert (w.nouvelles, w.rouvertes, w.end) == (7.0, 15.0, 720 + 15 + 7 + 40)
    assert abs(w.identity_gap()) < 1e-9


def test_next_30_days_waterfall_has_deals_coming_in_and_going_out():
    # A's window: D-7..D+23 (stay, gone, push); B's window: D..D+30 (stay, back, new)
    g = diff_snapshots(*pair(ROWS_A, ROWS_B)).gross_30
    assert (g.start, g.end) == (1000 + 200 + 80, 1200 + 50 + 70)
    assert (g.montant_hausse, g.disparues, g.sorties, g.rouvertes, g.nouvelles) == (
        200.0, 200.0, 80.0, 50.0, 70.0)
    assert (g.gagnees, g.entrees) == (0.0, 0.0)  # win closed at D+40: outside A's window
    assert abs(g.identity_gap()) < 1e-9


def test_a_deal_open_in_both_coming_into_the_window_is_an_entry():
    g = diff_snapshots(*pair(
        [{"deal_id": "X", "stage": "proposal", "amount": 90, "expected_close_date": day(60)}],
        [{"deal_id": "X", "stage": "proposal", "amount": 90, "expected_close_date": day(12)}],
    )).gross_30
    assert (g.start, g.entrees, g.end) == (0.0, 90.0, 90.0)


def test_non_comparable_deals_keep_start_and_end_equal_to_the_pipelines():
    a, b = pair([{"name": "Dupont", "amount": 10}, {"name": "Dupont", "amount": 20},
                 {"name": "Martin", "amount": 5}],
                [{"name": "Dupont", "amount": 40}, {"name": "Martin", "amount": 5}],
                ids_from_file=False)
    g = diff_snapshots(a, b).gross
    assert (g.start, g.non_comparables_sortie, g.non_comparables_entree, g.end) == (
        35.0, 30.0, 40.0, 45.0)
    assert g.identity_gap() == 0.0

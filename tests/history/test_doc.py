"""docs/history.md stays true to the code and to the repository."""

from pathlib import Path

from business_logic.history import CHANGES, diff_payload, diff_snapshots
from business_logic.history.anomalies import BASELINE_WEEKS, RECENT_WEEKS, STUCK_DAYS
from business_logic.history.trends import MIN_SEASONALITY_MONTHS
from business_logic.history.waterfall import WINDOW_DAYS
from tests.history.helpers import pair

DOC = (Path(__file__).resolve().parents[2] / "docs" / "history.md").read_text(encoding="utf-8")
FLAT = " ".join(DOC.split())


def test_the_doc_stays_inside_the_repository():
    assert "../shared" not in DOC and "shared/spec" not in DOC


def test_the_doc_names_every_change_and_json_key():
    payload = diff_payload(diff_snapshots(*pair([{"deal_id": "X"}], [{"deal_id": "X"}])))
    for key in (*CHANGES, "apparue", *payload, *payload["waterfall"]["next_30_days"]["gross"]):
        assert f"`{key}`" in DOC or f"`waterfall.{key}`" in DOC or key in (
            "waterfall", "deals"), key


def test_the_doc_states_the_thresholds_in_force():
    assert f"plus de {STUCK_DAYS} jours" in FLAT
    assert f"des {RECENT_WEEKS} dernières semaines ISO" in FLAT
    assert f"des {BASELINE_WEEKS} semaines précédentes" in FLAT
    assert f"**au moins {MIN_SEASONALITY_MONTHS} mois**" in FLAT
    assert f"et {WINDOW_DAYS} jours plus tard" in FLAT

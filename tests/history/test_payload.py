"""The JSON of `cli.py diff --json` and `cli.py history --json` (docs/history.md)."""

import json

from business_logic.history import diff_payload, diff_snapshots, history_payload
from tests.history.helpers import pair
from tests.metrics.frames import day

CLI_COUNT_KEYS = ["nouvelle", "disparue", "gagnee", "perdue", "rouverte", "avancee", "reculee",
                  "montant_hausse", "montant_baisse", "glissee", "date_avancee", "inchangee"]
CLI_WATERFALL_KEYS = {"start", "nouvelles", "rouvertes", "montant_hausse", "montant_baisse",
                      "gagnees", "perdues", "disparues", "end"}


def _payload():
    return diff_payload(diff_snapshots(*pair(
        [{"deal_id": "X", "stage": "proposal", "amount": 10}, {"deal_id": "Y", "amount": 5}],
        [{"deal_id": "X", "status": "won", "amount": 10}, {"deal_id": "Z", "amount": 7}])))


def test_diff_payload_has_the_cli_keys_first():
    payload = _payload()
    assert list(payload)[:6] == ["from_import", "to_import", "matched_by", "unmatched",
                                 "counts", "waterfall"]
    assert list(payload["counts"])[:12] == CLI_COUNT_KEYS
    assert set(payload["waterfall"]["gross"]) >= CLI_WATERFALL_KEYS
    assert set(payload["waterfall"]["weighted"]) >= CLI_WATERFALL_KEYS
    assert set(payload["deals"]) >= set(CLI_COUNT_KEYS)


def test_diff_payload_values():
    payload = _payload()
    assert (payload["from_import"], payload["to_import"], payload["matched_by"],
            payload["unmatched"]) == (1, 2, "id", 0)
    assert payload["deals"]["gagnee"] == ["X"]
    assert payload["deals"]["disparue"] == ["Y"]
    assert payload["deals"]["nouvelle"] == ["Z"]
    assert payload["waterfall"]["gross"]["gagnees"] == 10.0
    assert json.loads(json.dumps(payload, allow_nan=False)) == payload


def test_history_payload_keys_are_ascii_snake_case_and_json():
    a, b = pair([{"deal_id": "X", "stage": "proposal", "amount": 10,
                  "expected_close_date": day(3)}],
                [{"deal_id": "X", "status": "won", "amount": 10, "closed_date": day(-1)}])
    payload = history_payload([b, a])
    text = json.dumps(payload, allow_nan=False)
    assert list(payload) == ["import_id", "exported_on", "snapshots", "trend", "weekly",
                             "seasonality", "time_in_stage", "anomalies"]
    assert [p["import_id"] for p in payload["trend"]] == [1, 2]
    assert payload["trend"][1]["won_value"] == 10.0
    assert payload["seasonality"]["available"] is False
    assert set(payload["anomalies"]) == {"stuck", "slipping", "performance_drop"}

    def keys(value):
        if isinstance(value, dict):
            return set(value) | set().union(*(keys(v) for v in value.values()))
        if isinstance(value, list):
            return set().union(*(keys(v) for v in value)) if value else set()
        return set()

    assert all(k.isascii() and k == k.lower() and " " not in k for k in keys(payload)), text


def test_history_payload_stops_at_the_selected_import():
    a, b = pair([{"deal_id": "X"}], [{"deal_id": "X"}])
    payload = history_payload([a, b], selected_import_id=1)
    assert (payload["import_id"], payload["snapshots"]) == (1, 1)
    assert payload["time_in_stage"]["method"] is None


def test_two_empty_snapshots_give_zero_counts_and_waterfalls():
    payload = diff_payload(diff_snapshots(*pair([], [])))
    assert set(payload["counts"].values()) == {0}
    assert set(payload["waterfall"]["gross"].values()) == {0.0}

"""Matching deals across two snapshots (docs/history.md, « Rapprocher les affaires de
deux imports »)."""

import pandas as pd

from business_logic.history import deal_keys, diff_snapshots, match_snapshots
from tests.history.helpers import pair
from tests.metrics.frames import deals


def test_keys_ignore_case_accents_punctuation_and_spaces():
    frame = deals({"name": "Café  Été", "company": "ACME, S.A."},
                  {"name": "cafe-ete", "company": "acme sa"},
                  {"name": "« Dupont » – l’Atelier", "company": None},
                  {"name": "dupont latelier"})
    keys = deal_keys(frame).to_pylist()
    assert keys[0] == keys[1] == "cafeete\x1facmesa"
    assert keys[2] == keys[3] == "dupontlatelier\x1f"


def test_name_and_company_stay_apart_in_the_key():
    frame = deals({"name": "ab", "company": "c"}, {"name": "a", "company": "bc"})
    keys = deal_keys(frame).to_pylist()
    assert keys[0] != keys[1]


def test_letters_of_other_scripts_are_kept():
    frame = deals({"name": "Иван"}, {"name": "Пётр"}, {"name": "東京"})
    assert deal_keys(frame).to_pylist() == ["иван\x1f", "петр\x1f", "東京\x1f"]


def test_a_deal_without_name_and_company_has_no_key():
    assert deal_keys(deals({"name": None, "company": " - "})).to_pylist() == [None]


def test_ids_from_both_files_match_by_id():
    a, b = pair([{"deal_id": "X1", "name": "A"}], [{"deal_id": "X1", "name": "Autre"}])
    matching = match_snapshots(a.deals, b.deals)
    assert matching.method == "id"
    assert (list(matching.pairs_a), list(matching.pairs_b)) == ([0], [0])


def test_generated_ids_fall_back_to_the_deal_key():
    # the importer writes L{row} when the file has no id column: rows say nothing
    a, b = pair([{"deal_id": "L2", "source_row": 2, "name": "A"},
                 {"deal_id": "L3", "source_row": 3, "name": "B"}],
                [{"deal_id": "L2", "source_row": 2, "name": "B"},
                 {"deal_id": "L3", "source_row": 3, "name": "A"}])
    matching = match_snapshots(a.deals, b.deals)
    assert matching.method == "cle"
    assert sorted(zip(matching.pairs_a, matching.pairs_b, strict=True)) == [(0, 1), (1, 0)]


def test_ids_missing_in_one_file_fall_back_to_the_deal_key():
    a, b = pair([{"deal_id": "X1", "name": "A"}],
                [{"deal_id": "L2", "source_row": 2, "name": "a"}])
    matching = match_snapshots(a.deals, b.deals)
    assert (matching.method, list(matching.pairs_a), list(matching.pairs_b)) == ("cle", [0], [0])


def test_explicit_flag_overrides_the_detection():
    a, b = pair([{"deal_id": "X1", "name": "A"}], [{"deal_id": "X9", "name": "A"}])
    assert match_snapshots(a.deals, b.deals).method == "id"
    by_key = match_snapshots(a.deals, b.deals, ids_from_file_a=False)
    assert (by_key.method, list(by_key.pairs_b)) == ("cle", [0])


def test_in_id_mode_a_row_without_id_is_not_comparable():
    a, b = pair([{"deal_id": "X1", "name": "A"}, {"deal_id": "L3", "source_row": 3}],
                [{"deal_id": "X1", "name": "A"}, {"deal_id": "L3", "source_row": 3}])
    matching = match_snapshots(a.deals, b.deals)
    assert matching.method == "id"
    assert (list(matching.ambiguous_a), list(matching.ambiguous_b)) == ([1], [1])
    assert matching.unmatched == 2


def test_a_key_repeated_in_one_snapshot_is_never_matched():
    a, b = pair([{"name": "Dupont", "company": "SA"}, {"name": "Dupont", "company": "SA"},
                 {"name": "Martin"}],
                [{"name": "Dupont", "company": "SA"}, {"name": "Martin"}],
                ids_from_file=False)
    matching = match_snapshots(a.deals, b.deals, ids_from_file_a=False, ids_from_file_b=False)
    assert list(matching.ambiguous_a) == [0, 1]
    assert list(matching.ambiguous_b) == [0]  # unique in B but repeated in A
    assert (list(matching.pairs_a), list(matching.pairs_b)) == ([2], [1])
    assert len(matching.only_a) == len(matching.only_b) == 0


def test_ambiguous_deals_are_non_comparables_not_new_nor_gone():
    a, b = pair([{"name": "Dupont"}, {"name": "Dupont"}], [{"name": "Dupont"}],
                ids_from_file=False)
    diff = diff_snapshots(a, b)
    counts = diff.counts()
    assert diff.unmatched == 3
    assert counts["nouvelle"] == counts["disparue"] == counts["inchangee"] == 0


def test_a_renamed_deal_with_the_same_id_matches_by_id():
    a, b = pair([{"deal_id": "X1", "name": "Projet A", "amount": 100}],
                [{"deal_id": "X1", "name": "Projet A bis", "amount": 100}])
    counts = diff_snapshots(a, b).counts()
    assert (counts["inchangee"], counts["nouvelle"], counts["disparue"]) == (1, 0, 0)


def test_a_renamed_deal_matched_by_key_is_new_and_gone():
    a, b = pair([{"name": "Projet A", "amount": 100}], [{"name": "Projet A bis", "amount": 100}],
                ids_from_file=False)
    diff = diff_snapshots(a, b)
    assert diff.matched_by == "cle"
    counts = diff.counts()
    assert (counts["inchangee"], counts["nouvelle"], counts["disparue"]) == (0, 1, 1)


def test_matching_does_not_modify_the_frames():
    a, b = pair([{"name": "A"}], [{"name": "A"}])
    before = a.deals.copy()
    diff_snapshots(a, b)
    pd.testing.assert_frame_equal(a.deals, before)

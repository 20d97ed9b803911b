"""Stage labels → canonical stages with thousands of user mappings (issue 7, item 18)."""

from business_logic.stages import map_stage_label, stage_mapper


def test_user_mappings_are_matched_case_and_accent_insensitively():
    mapped = stage_mapper({"Étape Maison": "negotiation"})
    assert mapped("etape maison") == "negotiation"
    assert mapped("ÉTAPE-MAISON") == "negotiation"
    assert mapped("Autre") is None


def test_a_user_mapping_wins_over_the_label_table_and_the_first_duplicate_wins():
    mapped = stage_mapper({"Gagné": "negotiation", "gagne": "lost"})
    assert mapped("Gagné") == "negotiation"
    assert map_stage_label("Gagné") == "won"


def test_ten_thousand_mappings_each_find_their_stage():
    mappings = {f"Étape maison {i}": ("proposal", "qualified")[i % 2] for i in range(10_000)}
    mapped = stage_mapper(mappings)
    assert [mapped(f"etape maison {i}") for i in (0, 1, 9_999)] == [
        "proposal", "qualified", "qualified"
    ]

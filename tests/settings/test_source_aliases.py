"""Source aliases: suggestions and application at read time (issue 12, item 7)."""

from __future__ import annotations

import pandas as pd

from business_logic.sources import apply_source_aliases, clean_aliases, suggest_source_aliases
from tests.metrics.frames import deals


def test_case_accent_and_space_variants_go_to_the_most_frequent_spelling():
    counts = {"LinkedIn": 40, "Linkedin": 3, " linkedin ": 1, "Evenement": 2, "Événement": 9}
    assert suggest_source_aliases(counts) == {
        "Linkedin": "LinkedIn", " linkedin ": "LinkedIn", "Evenement": "Événement",
    }


def test_a_tie_keeps_the_spelling_with_accents_then_capitals():
    assert suggest_source_aliases(["Linkedin", "LinkedIn"]) == {"Linkedin": "LinkedIn"}
    assert suggest_source_aliases(["Evenement", "Événement"]) == {"Evenement": "Événement"}


def test_an_english_name_next_to_its_french_one_goes_to_the_french():
    counts = {"Referral": 5, "Recommandation": 50, "Trade show": 2, "Salon": 8, "Website": 1}
    assert suggest_source_aliases(counts) == {"Referral": "Recommandation",
                                              "Trade show": "Salon"}


def test_an_english_name_alone_is_not_translated():
    assert suggest_source_aliases(["Referral", "LinkedIn"]) == {}


def test_sources_already_aliased_are_not_suggested_again():
    counts = {"Referral": 5, "Recommandation": 50, "Linkedin": 1, "LinkedIn": 9}
    assert suggest_source_aliases(counts, {"referral": "Parrainage"}) == {
        "Linkedin": "LinkedIn"}


def test_aliases_match_whatever_the_case_accents_and_spaces():
    frame = deals({"source": "Referral"}, {"source": "REFERRAL "}, {"source": "Salon"},
                  {"source": None})
    out = apply_source_aliases(frame, {"referral": "Recommandation"})
    assert out["source"].tolist()[:3] == ["Recommandation", "Recommandation", "Salon"]
    assert pd.isna(out["source"].iloc[3])
    assert out["source"].dtype == frame["source"].dtype


def test_the_input_frame_is_never_modified():
    frame = deals({"source": "Referral"})
    apply_source_aliases(frame, {"Referral": "Recommandation"})
    assert frame["source"].tolist() == ["Referral"]


def test_no_alias_found_returns_the_same_frame():
    frame = deals({"source": "Salon"})
    assert apply_source_aliases(frame, {"Referral": "Recommandation"}) is frame


def test_the_saved_table_drops_empty_and_self_aliases_and_trims():
    rows = {" Referral ": " Recommandation ", "": "X", "Salon": "Salon", "Web": " "}
    assert clean_aliases(rows) == {"Referral": "Recommandation"}

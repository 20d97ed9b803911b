"""Définitions: how every figure is computed, from docs/definitions.md (the same text the
repository carries), with the thresholds in force first."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import streamlit as st

from business_logic.labels import (
    cold_phrase,
    quick_win_probability_phrase,
    soon_phrase,
    stale_phrase,
    untreated_phrase,
)
from components import thresholds, ui

DEFINITIONS_FILE: Final = Path(__file__).resolve().parent.parent / "docs" / "definitions.md"


def render() -> None:
    text = DEFINITIONS_FILE.read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    st.title("Définitions")
    st.caption(title.lstrip("# ").strip())
    t = thresholds.current()
    st.info(
        f"Seuils en vigueur (page Réglages) : froide après {cold_phrase(t)}, lead non traité "
        f"après {untreated_phrase(t)}, ancienne après {stale_phrase(t)}, gains rapides et "
        f"échéances sur {soon_phrase(t)}, gains rapides à partir de "
        f"{quick_win_probability_phrase(t)}.",
        icon=":material/tune:",
    )
    st.markdown(body)


if __name__ == "__main__":
    ui.run_page(render)

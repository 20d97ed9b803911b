"""Définitions: how every figure is computed, from docs/definitions.md (the same text the
repository carries), with the thresholds in force first."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import streamlit as st

from business_logic.labels import thresholds_sentence
from components import thresholds, ui

DEFINITIONS_FILE: Final = Path(__file__).resolve().parent.parent / "docs" / "definitions.md"
OBJECTIVES_FILE: Final = DEFINITIONS_FILE.with_name("objectifs.md")


def render() -> None:
    text = DEFINITIONS_FILE.read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    st.title("Définitions")
    st.caption(title.lstrip("# ").strip())
    st.info(
        f"Seuils en vigueur (page Réglages) : {thresholds_sentence(thresholds.current())}.",
        icon=":material/tune:",
    )
    st.markdown(body)
    objectives = OBJECTIVES_FILE.read_text(encoding="utf-8")
    st.markdown("#" + objectives.replace("\n#", "\n##"))  # one level below the page title


if __name__ == "__main__":
    ui.run_page(render)

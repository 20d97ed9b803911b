"""Unknown stage labels of an import, mapped in bulk (issue 7, item 18).

One editable table (label, number of rows, stage) and one "default stage" for every label
left empty: a file with 10,000 unknown labels is one table and one choice, not 10,000
select boxes. The answers are remembered only once the import succeeds
(database.import_flow.run_import's `stage_overrides`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from business_logic.importing import RawTable
from business_logic.stages import STAGE_ORDER
from utils.escaping import markdown_text
from utils.formatting import format_count
from utils.labels import stage_label

EDITOR_KEY, DEFAULT_KEY, SAVE_KEY = "stage_map_editor", "stage_map_default", "stage_map_save"
LABEL, ROWS, STAGE = "Étape du fichier", "Lignes", "Correspond à"
STAGE_BY_LABEL = {stage_label(stage): stage for stage in STAGE_ORDER}
MISSING_SHOWN = 20


def label_counts(raw: RawTable, mapping: Mapping[str, str], labels: list[str]) -> pd.Series:
    """How many rows of the file carry each unknown label (most frequent first): the
    labels that matter most come first in the table."""
    headers = [header for header, field in mapping.items() if field == "stage_label"]
    cells = pd.concat([raw.cells[h].astype(str).str.strip() for h in headers],
                      ignore_index=True) if headers else pd.Series([], dtype=str)
    counts = cells[cells.isin(labels)].value_counts().reindex(labels, fill_value=0)
    return counts.sort_values(ascending=False, kind="stable")


def _table(counts: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({LABEL: counts.index.astype(str), ROWS: counts.to_numpy(),
                         STAGE: pd.Series([None] * len(counts), dtype=object)})


def stage_mapping_form(counts: pd.Series) -> dict[str, str] | None:
    """Ask which stage each unknown label means; the label → stage answers once the user
    saves a complete set, else None."""
    unknown = format_count(len(counts), "étape du fichier ne correspond",
                           "étapes du fichier ne correspondent")
    st.warning(
        f"{unknown} à aucune étape connue. Indiquez à quoi chacune correspond dans le tableau, ou "
        "choisissez une étape pour toutes celles laissées vides : ce choix sera retenu pour "
        "les prochains imports."
    )
    # One editor per set of labels: answers given for another set are not carried over.
    labels_id = hashlib.sha1("\n".join(counts.index).encode()).hexdigest()[:12]
    edited = st.data_editor(
        _table(counts), key=f"{EDITOR_KEY}_{labels_id}", hide_index=True, width="stretch",
        disabled=[LABEL, ROWS], num_rows="fixed", placeholder="à choisir",
        column_config={
            LABEL: st.column_config.TextColumn(LABEL),
            ROWS: st.column_config.NumberColumn(ROWS, format="%d"),
            STAGE: st.column_config.SelectboxColumn(STAGE, options=list(STAGE_BY_LABEL)),
        },
    )
    default = st.selectbox(
        "Pour les étapes laissées vides", [None, *STAGE_ORDER],
        format_func=lambda s: "Aucune : je les associe une à une" if s is None
        else stage_label(s),
        key=DEFAULT_KEY,
    )
    if not st.button("Enregistrer et importer", key=SAVE_KEY, type="primary"):
        return None
    chosen, missing = chosen_stages(edited, default)
    if missing:
        shown = ", ".join(f"« {markdown_text(label)} »" for label in missing[:MISSING_SHOWN])
        more = len(missing) - MISSING_SHOWN
        st.error(f"Choisissez une étape pour {format_count(len(missing), 'étape')} : {shown}"
                 + (f" et {more} autres." if more > 0 else "."))
        return None
    return chosen


def chosen_stages(edited: pd.DataFrame, default: str | None) -> tuple[dict[str, str], list[str]]:
    """(label → stage of every answered label, the labels still without a stage): a stage
    picked in the table wins over the default."""
    stages = edited[STAGE].map(STAGE_BY_LABEL.get)
    if default is not None:
        stages = stages.fillna(default)
    answered = stages.notna()
    return (dict(zip(edited.loc[answered, LABEL], stages[answered], strict=True)),
            edited.loc[~answered, LABEL].tolist())

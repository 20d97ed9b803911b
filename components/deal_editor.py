"""The deals table of a saisie, editable in place (st.data_editor; docs/saisie.md).

Each edited row is saved through database.manual_entry.edit_deal, so through the same
checks as the form: a refused row keeps its stored values and its errors are listed
under the table, naming the deal, the field and the value.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from business_logic.columns import DATE_COLUMNS
from business_logic.manual_entry import ENTRY_FIELDS
from components import state
from components.saisie import written
from database.manual_entry import ManualEntryError, edit_deal, entry_choices
from utils.escaping import markdown_text
from utils.labels import FIELD_LABELS, STATUS_LABELS

TABLE_LIMIT = 500
VERSION_KEY = "deals_editor_version"
ERRORS_KEY = "deals_editor_errors"


def _editor_frame(deals: pd.DataFrame) -> pd.DataFrame:
    """The typed fields of each deal: status in French, the probability typed or imported
    (in %, empty when it is the stage's)."""
    frame = deals[list(ENTRY_FIELDS)].copy()
    frame["status"] = deals["status"].map(STATUS_LABELS)
    explicit = deals["probability_explicit"].astype(bool)
    frame["probability"] = (deals["probability"] * 100).where(explicit)
    for name in DATE_COLUMNS:
        frame[name] = deals[name].dt.date
    return frame.reset_index(drop=True)


def _changes(edited: dict[str, Any]) -> dict[str, Any]:
    changes = dict(edited)
    if "probability" in changes and changes["probability"] is not None:
        changes["probability"] = float(changes["probability"]) / 100
    return changes


def _save(import_id: int, rows: list[int], ids: list[str], key: str) -> None:
    edits = st.session_state.get(key, {}).get("edited_rows", {})
    errors, saved = [], 0
    for position, edited in edits.items():
        position = int(position)
        try:
            saved += bool(edit_deal(state.engine(), import_id, rows[position],
                                    _changes(edited)))
        except ManualEntryError as error:
            details = [f"{FIELD_LABELS.get(e.field, e.field)} « {e.value} » : {e.message}"
                       for e in error.errors] or [str(error)]
            errors.append(f"{ids[position]} — " + " ; ".join(details))
    st.session_state[ERRORS_KEY] = errors
    st.session_state[VERSION_KEY] = st.session_state.get(VERSION_KEY, 0) + 1
    st.session_state["deal_form_row_reload"] = True
    if saved:
        written(f"{saved} affaire(s) enregistrée(s).")


def render(import_id: int, deals: pd.DataFrame) -> None:
    shown = deals.head(TABLE_LIMIT)
    st.caption("Modifiez une cellule : l'affaire est enregistrée aussitôt, avec les mêmes "
               "contrôles que le formulaire (et reste annulable dans le journal).")
    choices = entry_choices(state.engine(), import_id)
    labels = choices["stage_label"]
    key = f"deals_editor_{st.session_state.get(VERSION_KEY, 0)}"
    rows = shown["source_row"].astype(int).tolist()
    ids = shown["deal_id"].astype(str).tolist()
    config: dict[str, Any] = {name: FIELD_LABELS[name] for name in ENTRY_FIELDS}
    config.update({
        "status": st.column_config.SelectboxColumn(
            FIELD_LABELS["status"], options=list(STATUS_LABELS.values())),
        "stage_label": st.column_config.SelectboxColumn(
            "Étape", options=labels) if labels else "Étape",
        "amount": st.column_config.NumberColumn(FIELD_LABELS["amount"], min_value=0,
                                                format="localized"),
        "probability": st.column_config.NumberColumn("Probabilité (%)", min_value=0,
                                                     max_value=100, format="localized"),
        **{name: st.column_config.DateColumn(FIELD_LABELS[name], format="DD/MM/YYYY")
           for name in DATE_COLUMNS},
    })
    st.data_editor(_editor_frame(shown), key=key, hide_index=True, num_rows="fixed",
                   placeholder="—",
                   column_config=config, on_change=_save, args=(import_id, rows, ids, key))
    if len(deals) > TABLE_LIMIT:
        st.caption(f"Les {TABLE_LIMIT} premières affaires sont affichées ; les autres se "
                   "modifient dans le formulaire.")
    for error in st.session_state.get(ERRORS_KEY, []):
        st.error(markdown_text(error), icon=":material/error:")

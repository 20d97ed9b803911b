"""The deal form of a saisie (docs/saisie.md): add or edit every field, close, delete.

The values are read and checked by business_logic.manual_entry (the import's rules); a
refused value is shown under its field and nothing is written. Callbacks do the writes
(they run before the page is drawn again, so the page shows the new state at once).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from business_logic.columns import DATE_COLUMNS, ENTRY_DATE_FIELDS
from business_logic.manual_entry import ENTRY_FIELDS, entry_fields
from business_logic.stages import STAGE_LABELS_FR, STAGE_ORDER, map_stage_label
from components import state
from components.saisie import ADD_REQUEST_KEY, written
from database.manual_entry import (
    ManualEntryError,
    add_deal,
    close_deal,
    delete_deal,
    edit_deal,
    entry_choices,
)
from utils.escaping import markdown_text
from utils.labels import FIELD_LABELS, STATUS_LABELS

ROW_KEY = "deal_form_row"
ERRORS_KEY = "deal_form_errors"
NEW = 0
_DATES = DATE_COLUMNS  # the per-stage entry dates included
_STATUS_CHOICES = ("", *STATUS_LABELS.values())
_LABELS = {"stage_label": "Étape", "probability": "Probabilité (vide : celle de l'étape)"}
_LIMITS = {"min_value": dt.date(1900, 1, 1), "max_value": dt.date(2100, 12, 31)}


def _key(field: str) -> str:
    return f"deal_f_{field}"


def _shown_value(field: str, value: Any) -> Any:
    """A stored value as its widget holds it (French text for numbers and status)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None if field in _DATES else ""
    if field == "amount":
        return f"{value:.2f}".replace(".", ",").removesuffix(",00")
    if field == "probability":
        return f"{value * 100:g} %".replace(".", ",")
    if field == "status":
        return STATUS_LABELS.get(value, value)
    if field in _DATES:
        return pd.Timestamp(value).date()
    return str(value)


def _record_of(deals: pd.DataFrame, source_row: int) -> dict[str, Any] | None:
    match = deals.loc[deals["source_row"] == source_row]
    if match.empty:
        return None
    row = match.iloc[0].to_dict()
    return {k: (None if not isinstance(v, (str, bool)) and pd.isna(v) else v)
            for k, v in row.items()}


def load_into_form(deals: pd.DataFrame) -> None:
    """Fill the form's widgets with the chosen deal (empty for a new one)."""
    row = st.session_state.get(ROW_KEY, NEW)
    record = _record_of(deals, row) if row != NEW else None
    fields = entry_fields(record) if record else {}
    for field in ENTRY_FIELDS:
        st.session_state[_key(field)] = _shown_value(field, fields.get(field))
    st.session_state[ERRORS_KEY] = {}


def _typed_fields() -> dict[str, Any]:
    return {field: st.session_state.get(_key(field)) for field in ENTRY_FIELDS}


def _save(import_id: int) -> None:
    row = st.session_state.get(ROW_KEY, NEW)
    try:
        if row == NEW:
            new_row = add_deal(state.engine(), import_id, _typed_fields())
        else:
            changed = edit_deal(state.engine(), import_id, row, _typed_fields())
    except ManualEntryError as error:
        st.session_state[ERRORS_KEY] = ({e.field: e.message for e in error.errors}
                                        or {"": str(error)})
        return
    st.session_state[ERRORS_KEY] = {}
    st.session_state[ROW_KEY + "_reload"] = True  # show the values as stored
    if row == NEW:
        st.session_state[ROW_KEY] = new_row
        written(f"Affaire ajoutée (ligne {new_row}).")
    else:
        written("Affaire enregistrée." if changed else "Aucun changement à enregistrer.")


def _close(import_id: int, outcome: str) -> None:
    row = st.session_state.get(ROW_KEY, NEW)
    try:
        close_deal(state.engine(), import_id, row, outcome,
                   st.session_state.get("deal_close_date") or dt.date.today(),
                   st.session_state.get("deal_close_reason") or None)
    except ManualEntryError as error:
        st.session_state[ERRORS_KEY] = {"": str(error)}
        return
    written("Affaire clôturée gagnée." if outcome == "won" else "Affaire clôturée perdue.")
    st.session_state[ROW_KEY + "_reload"] = True


def _delete(import_id: int) -> None:
    try:
        delete_deal(state.engine(), import_id, st.session_state.get(ROW_KEY, NEW))
    except ManualEntryError as error:
        st.session_state[ERRORS_KEY] = {"": str(error)}
        return
    st.session_state[ROW_KEY] = NEW
    written("Affaire supprimée (le journal permet d'annuler).")


def _stage_options(in_use: list[str]) -> list[str]:
    """The labels in use, then each canonical stage not already named by one of them."""
    named = {map_stage_label(label) for label in in_use}
    canonical = [STAGE_LABELS_FR[s] for s in STAGE_ORDER if s not in named]
    return ["", *in_use, *canonical]


def _with_current(options: list[str], field: str) -> list[str]:
    current = st.session_state.get(_key(field))
    return options if not current or current in options else [*options, current]


def _field(container: Any, field: str, errors: dict[str, str], **choices: Any) -> None:
    label, key = _LABELS.get(field, FIELD_LABELS[field]), _key(field)
    if field in _DATES:
        container.date_input(label, key=key, format="DD/MM/YYYY", **_LIMITS)
    elif field in choices:
        container.selectbox(label, _with_current(choices[field], field), key=key,
                            accept_new_options=True, placeholder="Choisir ou saisir…")
    elif field == "status":
        container.selectbox(label, _STATUS_CHOICES, key=key,
                            format_func=lambda s: s or "d'après l'étape")
    elif field == "notes":
        container.text_area(label, key=key, height=80)
    else:
        hint = {"amount": "12 500,50", "probability": "70 %",
                "currency": "EUR", "deal_id": "vide : S<ligne>"}.get(field)
        container.text_input(label, key=key, placeholder=hint)
    if field in errors:
        container.error(markdown_text(errors[field]), icon=":material/error:")


_LAYOUT = (
    ("deal_id", "name", "company"),
    ("stage_label", "status", "amount", "currency"),
    ("probability", "source", "owner", "sector"),
    ("segment", "created_date", "expected_close_date", "closed_date"),
    ("last_activity_date", "lost_reason"),
    ("notes",),
)


def _entry_dates(errors: dict[str, str]) -> None:
    """The per-stage entry dates (docs/history.md, time in stage), folded: rarely typed."""
    with st.expander("Dates d'entrée dans les étapes",
                     expanded=any(field in errors for field in ENTRY_DATE_FIELDS.values())):
        columns = st.columns(3)
        for position, field in enumerate(ENTRY_DATE_FIELDS.values()):
            _field(columns[position % 3], field, errors)


def render(import_id: int, deals: pd.DataFrame) -> None:
    """The chooser, the form and the close/delete buttons of the chosen deal."""
    rows = [NEW, *deals["source_row"].astype(int).tolist()]
    names = dict(zip(rows[1:], deals["deal_id"].astype(str) + " · " +
                     deals["name"].fillna("—").astype(str), strict=True))
    if st.session_state.pop(ADD_REQUEST_KEY, False):
        st.session_state[ROW_KEY] = NEW
        load_into_form(deals)
    if st.session_state.get(ROW_KEY, NEW) not in rows:
        st.session_state[ROW_KEY] = NEW
    if _key("deal_id") not in st.session_state or st.session_state.pop(ROW_KEY + "_reload",
                                                                       False):
        load_into_form(deals)
    st.selectbox("Affaire à modifier", rows, key=ROW_KEY, on_change=load_into_form, args=(deals,),
                 format_func=lambda r: "Nouvelle affaire (à ajouter)" if r == NEW else names[r])
    errors = st.session_state.get(ERRORS_KEY, {})
    choices = entry_choices(state.engine(), import_id)
    choices["stage_label"] = _stage_options(choices["stage_label"])
    choices["source"] = ["", *choices["source"]]
    new = st.session_state.get(ROW_KEY, NEW) == NEW
    with st.form("deal_form", border=True):
        for line in _LAYOUT:
            columns = st.columns(len(line))
            for column, field in zip(columns, line, strict=True):
                _field(column, field, errors, **choices)
        _entry_dates(errors)
        if "" in errors:
            st.error(markdown_text(errors[""]), icon=":material/error:")
        st.form_submit_button("Ajouter l'affaire" if new else "Enregistrer",
                              type="primary", on_click=_save, args=(import_id,),
                              icon=":material/save:")
    if not new:
        _close_and_delete(import_id)


def _close_and_delete(import_id: int) -> None:
    st.session_state.setdefault("deal_close_date", dt.date.today())
    left, middle = st.columns(2)
    left.date_input("Date de clôture", key="deal_close_date", format="DD/MM/YYYY", **_LIMITS)
    middle.text_input("Raison de la perte (si perdue)", key="deal_close_reason")
    buttons = st.columns(3)
    buttons[0].button("Clôturer gagnée", key="deal_close_won", on_click=_close,
                      args=(import_id, "won"), icon=":material/emoji_events:")
    buttons[1].button("Clôturer perdue", key="deal_close_lost", on_click=_close,
                      args=(import_id, "lost"), icon=":material/block:")
    buttons[2].button("Supprimer", key="deal_delete", on_click=_delete, args=(import_id,),
                      icon=":material/delete:")

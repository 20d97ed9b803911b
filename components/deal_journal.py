"""The journal of a saisie (docs/saisie.md): each change with its date, the fields before →
after, and an "Annuler" button while it can be undone (database.manual_entry.undo)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import state
from components.saisie import written
from database.deal_journal import JournalEntry
from database.manual_entry import ManualEntryError, journal, undo
from utils.escaping import markdown_text
from utils.formatting import format_date, format_number, format_percent
from utils.labels import FIELD_LABELS, stage_label, status_label

ACTION_LABELS = {"add": "Ajout", "edit": "Modification", "close": "Clôture",
                 "delete": "Suppression", "undo": "Annulation"}
ERROR_KEY = "deal_journal_error"
#: derived columns that follow a visible change; listed only when nothing else changed
_DERIVED = ("stage", "stage_reached", "probability_explicit")


def _value(field: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if field == "amount":
        return format_number(value, 2).removesuffix(",00")
    if field == "probability":
        return format_percent(value, 0)
    if field in ("stage", "stage_reached"):
        return stage_label(value)
    if field == "status":
        return status_label(value)
    if field.endswith("_date"):
        return format_date(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    return markdown_text(str(value))


def describe(entry: JournalEntry) -> list[str]:
    """One line per changed field: « Montant : 8 000 → 9 000 »."""
    if entry.action in ("add", "delete"):
        row = entry.after if entry.action == "add" else entry.before
        row = row or {}
        return [f"{_value('name', row.get('name'))} · {_value('stage', row.get('stage'))}"
                f" · {_value('amount', row.get('amount'))}"]
    if entry.before is None or entry.after is None:  # an addition or deletion undone
        return ["affaire rétablie" if entry.after else "affaire retirée"]
    before, after = entry.before, entry.after
    shown = [f for f in entry.fields if f not in _DERIVED] or list(entry.fields)
    return [f"{FIELD_LABELS.get(f, f)} : {_value(f, before.get(f))} → "
            f"{_value(f, after.get(f))}" for f in shown]


def _undo(import_id: int, entry_id: int | None) -> None:
    try:
        done = undo(state.engine(), import_id, entry_id)
    except ManualEntryError as error:
        st.session_state[ERROR_KEY] = str(error)
        return
    st.session_state["deal_form_row_reload"] = True
    written(f"{ACTION_LABELS[done.entry.action]} annulée ({done.entry.deal_id}).")


def _when(entry: JournalEntry) -> str:
    local = entry.changed_at.astimezone()
    return f"{format_date(local.date())} {local:%H:%M}"


def render(import_id: int, source_row: int | None = None, *, key: str,
           limit: int = 20) -> None:
    """The entries (of one deal when `source_row` is given), newest first."""
    error = st.session_state.pop(ERROR_KEY, None)
    if error:
        st.error(markdown_text(error), icon=":material/error:")
    entries = journal(state.engine(), import_id, source_row)
    if not entries:
        st.caption("Aucun changement pour l'instant.")
        return
    for entry in entries[:limit]:
        text, button = st.columns([6, 1], vertical_alignment="center")
        status = " *(annulé)*" if entry.undone_by else ""
        title = (f"**{ACTION_LABELS[entry.action]}**{status} · "
                 f"{markdown_text(entry.deal_id or '')} · {_when(entry)}")
        text.markdown(title + "  \n" + "  \n".join(describe(entry)))
        if entry.undoable:
            button.button("Annuler", key=f"{key}_undo_{entry.entry_id}", on_click=_undo,
                          args=(import_id, entry.entry_id), icon=":material/undo:")
    if len(entries) > limit:
        st.caption(f"… et {len(entries) - limit} changement(s) plus ancien(s).")


def undo_last_button(import_id: int) -> None:
    st.button("Annuler le dernier changement", key="journal_undo_last", on_click=_undo,
              args=(import_id, None), icon=":material/undo:")

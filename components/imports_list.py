"""Import › Imports précédents: every snapshot with its date and time of import (Paris
time), its name and export date editable, and deletion (the picker on the newest import)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import database
from components import notices, state
from utils.formatting import format_date, format_datetime

DELETE_KEY = "import_delete_choice"
REPORT_KEY = "_import_last_report"


def _label(summary: database.ImportSummary) -> str:
    return f"n° {summary.import_id} · {summary.name or summary.file_name}"


def newest_first(imports: list[database.ImportSummary]) -> list[database.ImportSummary]:
    """The most recently imported first (what one deletes after a wrong import)."""
    return sorted(imports, key=lambda s: (s.imported_at, s.import_id), reverse=True)


def pick_newest_for_deletion(import_id: int | None = None) -> None:
    """After an import, the delete picker moves to it (a key set before it is drawn)."""
    if import_id is None:
        st.session_state.pop(DELETE_KEY, None)
    else:
        st.session_state[DELETE_KEY] = import_id


def previous_imports(engine) -> None:
    imports = state.imports()
    st.subheader("Imports précédents")
    if not imports:
        st.caption("Aucun import pour l'instant.")
        return
    table = pd.DataFrame(
        {
            "N°": [i.import_id for i in imports],
            "Nom": [i.name or "" for i in imports],
            "Importé le": [format_datetime(i.imported_at) for i in imports],
            "Date d'export": [format_date(i.exported_on) for i in imports],
            "Fichier": [i.file_name for i in imports],
            "Lignes lues": [i.rows_read for i in imports],
            "Importées": [i.rows_imported for i in imports],
            "Rejetées": [i.rows_rejected for i in imports],
        }
    )
    st.dataframe(table, key="import_list", hide_index=True)
    st.caption("Heures de Paris.")
    _edit_import(engine, imports)
    _delete_import(engine, imports)


def _edit_import(engine, imports: list[database.ImportSummary]) -> None:
    """Name an import and change its export date (it orders the snapshots:
    docs/history.md)."""
    by_id = {i.import_id: i for i in imports}
    left, name_column, date_column, right = st.columns([2, 2, 1.4, 1.2],
                                                       vertical_alignment="bottom")
    target = left.selectbox("Modifier l'import", list(by_id),
                            format_func=lambda n: _label(by_id[n]), key="import_date_choice")
    summary = by_id[target]
    name = name_column.text_input("Nom", value=summary.name or "", max_chars=120,
                                  key=f"import_name_value_{target}",
                                  placeholder="Facultatif, ex. Revue de novembre")
    chosen = date_column.date_input("Date d'export", value=summary.exported_on,
                                    key=f"import_date_value_{target}", format="DD/MM/YYYY")
    unchanged = chosen == summary.exported_on and name.strip() == (summary.name or "")
    if right.button("Enregistrer", key="import_date_save", icon=":material/save:",
                    disabled=unchanged, width="stretch"):
        database.set_exported_on(engine, target, chosen)
        database.set_import_name(engine, target, name)
        state.clear_snapshot_caches()
        notices.toast_after_rerun(f"Import n° {target} modifié.")
        st.rerun()


def _delete_import(engine, imports: list[database.ImportSummary]) -> None:
    ordered = newest_first(imports)
    ids = [i.import_id for i in ordered]
    by_id = {i.import_id: i for i in ordered}
    if st.session_state.get(DELETE_KEY) not in ids:
        st.session_state[DELETE_KEY] = ids[0]
    left, middle, right = st.columns([2, 1, 1], vertical_alignment="bottom")
    target = left.selectbox(
        "Supprimer l'import", ids, key=DELETE_KEY,
        format_func=lambda n: f"{_label(by_id[n])} · {format_datetime(by_id[n].imported_at)}",
    )
    confirmed = middle.checkbox("Je confirme", key="import_delete_confirm",
                                help="La suppression est définitive.")
    if right.button("Supprimer", key="import_delete", icon=":material/delete:",
                    disabled=not confirmed):
        database.delete_import(engine, target)
        state.clear_snapshot_caches()
        st.session_state.pop(REPORT_KEY, None)
        notices.toast_after_rerun(f"Import n° {target} supprimé.")
        st.rerun()

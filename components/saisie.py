"""Manual entry on the Affaires page (docs/saisie.md): what the selected snapshot allows.

An import is never edited: the page offers to start a saisie from it, or an empty one. A
saisie shows the editable table (components/deal_editor.py), the deal form with its close
and delete buttons (components/deal_form.py) and the journal (components/deal_journal.py).
Every write goes through database.manual_entry, then `written` forgets the cached frames
so each page reads the new state.
"""

from __future__ import annotations

import streamlit as st

from components import state
from components.state import DashboardContext
from database import ImportSummary
from database.manual_entry import ManualEntryError, create_saisie

#: set by Accueil's "Ajouter une affaire": the Affaires page opens its form
ADD_REQUEST_KEY = "saisie_add_request"
MESSAGE_KEY = "saisie_message"


def selected_summary(context: DashboardContext) -> ImportSummary | None:
    return next((s for s in state.imports() if s.import_id == context.import_id), None)


def latest_saisie() -> ImportSummary | None:
    return next((s for s in state.imports() if s.is_saisie), None)


def written(message: str, *, select: int | None = None) -> None:
    """After a write: forget cached snapshots, say what was done on the next run."""
    state.clear_snapshot_caches()
    st.session_state[MESSAGE_KEY] = message
    if select is not None:
        state.select_import_on_next_run(select)


def show_message() -> None:
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def _create(copy_of: int | None) -> None:
    try:
        new_id = create_saisie(state.engine(), copy_of=copy_of)
    except ManualEntryError as error:
        st.session_state["saisie_error"] = str(error)
        return
    source = "vide" if copy_of is None else f"copiée de l'import n° {copy_of}"
    written(f"Saisie n° {new_id} créée ({source}) : ses affaires se modifient ici ; "
            "l'import d'origine reste tel quel.", select=new_id)


def creation_buttons(summary: ImportSummary | None, *, key: str) -> None:
    """"Créer une saisie à partir de cet import" and "Nouvelle saisie vide"."""
    error = st.session_state.pop("saisie_error", None)
    if error:
        st.error(error)
    left, right = st.columns(2)
    if summary is not None and not summary.is_saisie:
        left.button("Créer une saisie à partir de cet import", key=f"{key}_copy",
                    icon=":material/edit_note:", on_click=_create,
                    args=(summary.import_id,), type="primary")
    right.button("Nouvelle saisie vide", key=f"{key}_empty", icon=":material/add:",
                 on_click=_create, args=(None,))


def import_notice(summary: ImportSummary | None) -> None:
    """Under the table of an import: imports are read-only, a saisie is where to edit."""
    st.subheader("Modifier des affaires")
    st.caption("Un import reste tel que le fichier l'a donné. Pour ajouter, corriger ou "
               "clôturer des affaires, travaillez dans une saisie : une copie de cet import "
               "(ou une saisie vide) que vous modifiez ici, chaque changement étant "
               "journalisé et annulable.")
    creation_buttons(summary, key="saisie_create")


def add_deal_button(context: DashboardContext, *, key: str) -> None:
    """Accueil's "Ajouter une affaire": opens the Affaires form on the selected saisie, else
    on the latest one; without any, the Affaires page offers to create one."""
    if not st.button("Ajouter une affaire", key=key, icon=":material/add:"):
        return
    summary = selected_summary(context)
    target = summary if summary is not None and summary.is_saisie else latest_saisie()
    if target is not None:
        state.select_import_on_next_run(target.import_id)
    st.session_state[ADD_REQUEST_KEY] = True
    st.switch_page("components/deals.py")

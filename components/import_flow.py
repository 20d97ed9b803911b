"""Storing an import: shared by the Import page and the empty state's demo button.

Both go through `business_logic.importing` then `database.save_import`, so the demo data
takes exactly the path of a real export.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from business_logic import importing
from business_logic.demo import DEMO_FILE_NAME, demo_export
from components import state
from database.import_flow import run_import, store_result


def store_import(
    data: bytes,
    file_name: str,
    result: importing.ImportResult,
    name: str | None = None,
    column_overrides: dict[str, str] | None = None,
) -> int:
    """Save a parsed import as a new snapshot and make the sidebar select it."""
    stored = store_result(state.engine(), data, file_name, result, name=name,
                          column_overrides=column_overrides)
    state.select_import_on_next_run(stored.import_id)
    return stored.import_id


def load_demo_data(as_of: dt.date) -> int:
    """Import the demo export (dates relative to `as_of`) through the normal import path."""
    stored = run_import(state.engine(), demo_export(as_of), DEMO_FILE_NAME,
                        name="Données de démonstration")
    state.select_import_on_next_run(stored.import_id)
    return stored.import_id


def demo_button(as_of: dt.date, key: str = "load_demo") -> None:
    """The "Charger des données de démonstration" button; reruns on the new snapshot."""
    if st.button("Charger des données de démonstration", key=key, type="primary",
                 icon=":material/science:"):
        with st.spinner("Import des données de démonstration…"):
            load_demo_data(as_of)
        st.rerun()

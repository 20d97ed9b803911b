"""The empty state's demo button: the demo export goes through
`database.import_flow.run_import`, the path of the Import page and of the CLI."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from business_logic.demo import DEMO_FILE_NAME, demo_export
from components import state
from database.import_flow import run_import


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

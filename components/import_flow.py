"""The empty state's demo button: the demo history (8 weekly exports of the same CRM,
business_logic.demo_history) goes through `database.import_flow.run_import`, the path of
the Import page and of the CLI, each with its export date."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from business_logic.demo_history import demo_history
from components import state
from database.import_flow import run_import


def load_demo_data(as_of: dt.date) -> int:
    """Import the demo history (the last export dated `as_of`) through the normal import
    path; returns the id of the latest snapshot, which the sidebar then shows."""
    engine = state.engine()
    snapshots = demo_history(as_of)
    for number, snapshot in enumerate(snapshots, start=1):
        stored = run_import(engine, snapshot.data, snapshot.file_name,
                            exported_on=snapshot.exported_on,
                            name=f"Démonstration, semaine {number}/{len(snapshots)}")
    state.select_import_on_next_run(stored.import_id)
    return stored.import_id


def demo_button(as_of: dt.date, key: str = "load_demo") -> None:
    """The "Charger des données de démonstration" button; reruns on the new snapshot."""
    if st.button("Charger des données de démonstration", key=key, type="primary",
                 icon=":material/science:"):
        with st.spinner("Import des données de démonstration…"):
            load_demo_data(as_of)
        st.rerun()

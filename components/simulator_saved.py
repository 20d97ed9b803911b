"""Named scenarios on the Simulateur: save the levers shown, reload or delete one
(database/scenarios.py). Buttons act in callbacks (before the widgets are drawn, so a
loaded scenario can set them); the toast is shown on the rerun that follows."""

from __future__ import annotations

from typing import Final

import streamlit as st

from components import simulator_levers as levers_ui
from components import state
from database.scenarios import delete_scenario, list_scenarios, load_scenario, save_scenario
from utils.escaping import markdown_text

NAME_KEY: Final = "sim_scenario_name"
PICK_KEY: Final = "sim_scenario_pick"
TOAST_KEY: Final = "_sim_toast"


def _toast(message: str, icon: str = ":material/check_circle:") -> None:
    st.session_state[TOAST_KEY] = (message, icon)


def show_toast() -> None:
    pending = st.session_state.pop(TOAST_KEY, None)
    if pending is not None:
        st.toast(markdown_text(pending[0]), icon=pending[1])


def _save() -> None:
    name = st.session_state.get(NAME_KEY, "")
    try:
        with state.engine().begin() as connection:
            replaced = save_scenario(connection, name, levers_ui.current_levers())
    except ValueError as error:
        _toast(f"Scénario non enregistré : {error}", ":material/error:")
        return
    cleaned = " ".join(name.split())
    _toast(f"Scénario « {cleaned} » {'remplacé' if replaced else 'enregistré'}.")
    st.session_state[PICK_KEY] = cleaned


def _load() -> None:
    name = st.session_state.get(PICK_KEY)
    if not name:
        return
    try:
        with state.engine().connect() as connection:
            levers = load_scenario(connection, name)
    except ValueError as error:
        _toast(str(error), ":material/error:")
        return
    if levers is None:
        _toast(f"Le scénario « {name} » n'existe plus.", ":material/error:")
        return
    clipped = levers_ui.set_levers(levers)
    st.session_state[NAME_KEY] = name
    note = f" (ramené aux bornes des curseurs : {', '.join(clipped)})" if clipped else ""
    _toast(f"Scénario « {name} » chargé{note}.")


def _delete() -> None:
    name = st.session_state.get(PICK_KEY)
    if not name:
        return
    with state.engine().begin() as connection:
        deleted = delete_scenario(connection, name)
    st.session_state[PICK_KEY] = None
    _toast(f"Scénario « {name} » supprimé." if deleted
           else f"Le scénario « {name} » n'existait plus.")


def saved_scenarios_section() -> None:
    """Save under a name; pick a saved one to load or delete."""
    with state.engine().connect() as connection:
        names = [saved.name for saved in list_scenarios(connection)]
    if st.session_state.get(PICK_KEY) not in names:
        st.session_state[PICK_KEY] = None
    st.text_input("Nom du scénario", key=NAME_KEY, max_chars=80,
                  placeholder="Par exemple : relance printemps")
    st.button("Enregistrer le scénario", on_click=_save, key="sim_save",
              icon=":material/save:", disabled=not st.session_state.get(NAME_KEY, "").strip())
    if not names:
        st.caption("Aucun scénario enregistré pour l'instant.")
        return
    st.selectbox("Scénarios enregistrés", names, key=PICK_KEY, index=None,
                 placeholder="Choisir un scénario")
    left, right = st.columns(2)
    picked = st.session_state.get(PICK_KEY) is not None
    left.button("Charger", on_click=_load, key="sim_load", disabled=not picked,
                icon=":material/upload:")
    right.button("Supprimer", on_click=_delete, key="sim_delete", disabled=not picked,
                 icon=":material/delete:")

"""Réglages › Noms des sources: the alias table (Referral → Recommandation), editable, and
the suggestions for the current snapshot (business_logic.sources). Saved aliases rename the
sources whenever a snapshot is read (database.load_deals), on every page at once."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import database
from business_logic.sources import suggest_source_aliases
from components import notices, state
from utils.escaping import markdown_text
from utils.formatting import format_count

ALIAS, NAME = "Source dans le fichier", "Nom retenu"
_ROUND_KEY = "_source_aliases_round"


def aliases_from_table(table: pd.DataFrame) -> dict[str, str]:
    """alias → name from the edited table; a row missing either side is left out (the
    database layer then drops blanks and self-aliases: business_logic.sources)."""
    return {str(alias): str(name) for alias, name in zip(table[ALIAS], table[NAME], strict=True)
            if not pd.isna(alias) and not pd.isna(name)}


def _editor_key() -> str:
    """A new key after each save: the editor then starts from the saved table instead of
    replaying its edits on top of it."""
    return f"source_aliases_editor_{st.session_state.get(_ROUND_KEY, 0)}"


def _saved(message: str) -> None:
    st.session_state[_ROUND_KEY] = st.session_state.get(_ROUND_KEY, 0) + 1
    state.clear_snapshot_caches()
    notices.toast_after_rerun(message)
    st.rerun()


def _suggestions(engine, context: state.DashboardContext, saved: dict[str, str]) -> None:
    if not context.has_data:
        return
    counts = context.deals["source"].value_counts(dropna=True).to_dict()
    suggested = suggest_source_aliases(counts, saved)
    if not suggested:
        st.caption("Aucune variante d'écriture à regrouper dans l'import affiché.")
        return
    lines = [f"- {markdown_text(alias)} → **{markdown_text(name)}** "
             f"({format_count(counts.get(alias, 0), 'affaire')})"
             for alias, name in suggested.items()]
    st.markdown("**Suggestions pour l'import affiché**\n" + "\n".join(lines))
    if st.button("Ajouter ces suggestions", key="source_aliases_suggested",
                 icon=":material/playlist_add:"):
        database.add_source_aliases(engine, suggested)
        _saved(f"{format_count(len(suggested), 'alias ajouté', 'alias ajoutés')} : "
               "les sources sont regroupées sur toutes les pages.")


def section(engine, context: state.DashboardContext) -> None:
    """The alias table and its save button, then the suggestions."""
    st.subheader("Noms des sources")
    st.caption(
        "Une même source écrite de plusieurs façons (« Referral » et « Recommandation », "
        "« Linkedin » et « LinkedIn ») compte pour une seule dans les analyses par source. "
        "La casse, les accents et les espaces sont ignorés ; les imports ne sont pas "
        "modifiés : le nom retenu s'applique à la lecture, sur toutes les pages."
    )
    saved = database.get_source_aliases(engine)
    table = pd.DataFrame({ALIAS: list(saved), NAME: list(saved.values())}, dtype="string")
    edited = st.data_editor(
        table, key=_editor_key(), num_rows="dynamic", hide_index=True,
        width="stretch",
        column_config={
            ALIAS: st.column_config.TextColumn(ALIAS, help="La source telle que l'export "
                                               "l'écrit (ex. Referral)."),
            NAME: st.column_config.TextColumn(NAME, help="Le nom affiché à sa place "
                                              "(ex. Recommandation)."),
        },
    )
    if st.button("Enregistrer les noms des sources", key="source_aliases_save",
                 icon=":material/save:"):
        kept = database.set_source_aliases(engine, aliases_from_table(edited))
        _saved(f"Noms des sources enregistrés ({format_count(len(kept), 'alias', 'alias')}).")
    _suggestions(engine, context, saved)

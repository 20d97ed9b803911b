"""The editable grid of monthly targets (Objectifs): this year and the next, saved in one
transaction (database.set_objectives), confirmed by a toast after the rerun."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import streamlit as st

from business_logic.planning.objectives import won_between
from business_logic.planning.periods import month_end
from business_logic.planning.wording import month_name
from database import set_objectives
from utils.formatting import format_eur

MONTH, TARGET, WON = "Mois", "Objectif (€)", "Signé"
SAVED_KEY = "_objectives_saved"
ROW_HEIGHT = 35


def _months(year: int) -> list[dt.date]:
    return [dt.date(y, m, 1) for y in (year, year + 1) for m in range(1, 13)]


def grid_frame(deals, as_of: dt.date, targets: dict[dt.date, float]) -> pd.DataFrame:
    months = _months(as_of.year)
    won = [format_eur(won_between(deals, m, min(month_end(m.year, m.month), as_of)))
           if m <= as_of else "" for m in months]
    return pd.DataFrame({
        MONTH: [month_name(m.month, m.year).capitalize() for m in months],
        TARGET: [targets.get(m, math.nan) for m in months],
        WON: won,
    })


def edited_targets(frame: pd.DataFrame, year: int) -> dict[dt.date, float | None]:
    """Month → amount (None = no target) from the edited grid."""
    out: dict[dt.date, float | None] = {}
    for month, value in zip(_months(year), frame[TARGET], strict=True):
        out[month] = None if pd.isna(value) else float(value)
    return out


def show_saved_toast() -> None:
    if st.session_state.pop(SAVED_KEY, False):
        st.toast("Objectifs enregistrés.", icon=":material/check_circle:")


def targets_grid(engine, deals, as_of: dt.date, targets: dict[dt.date, float],
                 owner: str | None) -> None:
    """The grid in a form: nothing is saved before « Enregistrer »."""
    whose = f"de {owner}" if owner else "de l'entreprise"
    st.subheader(f"Objectifs mensuels {whose}")
    st.caption(f"Montant à signer chaque mois, en euros ({as_of.year} et {as_of.year + 1}). "
               "Un trimestre ou une année a pour objectif la somme de ses mois ; "
               "videz une case pour retirer l'objectif du mois.")
    with st.form(f"objectives_form_{owner or ''}", border=False):
        edited = st.data_editor(
            grid_frame(deals, as_of, targets),
            key=f"objectives_grid_{owner or ''}_{as_of.year}",
            hide_index=True, num_rows="fixed", width="stretch", placeholder="—",
            height=ROW_HEIGHT * 25 + 3, row_height=ROW_HEIGHT,
            disabled=(MONTH, WON),
            column_config={
                MONTH: st.column_config.TextColumn(MONTH),
                TARGET: st.column_config.NumberColumn(
                    TARGET, min_value=0, step=100, format="localized",
                    help="Chiffre d'affaires signé visé pour le mois."),
                WON: st.column_config.TextColumn("Signé à ce jour"),
            },
        )
        if st.form_submit_button("Enregistrer les objectifs", type="primary",
                                 icon=":material/save:"):
            set_objectives(engine, edited_targets(edited, as_of.year), owner=owner)
            st.session_state[SAVED_KEY] = True
            st.rerun()

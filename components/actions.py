"""Actions prioritaires: one ranked to-do list, each deal once with its reasons as tags,
« Fait » and « Reporter d'une semaine » saved in the database (docs/actions.md).

The ranking is business_logic.actions.rank_actions; the states are read and written by
database/action_states.py, keyed by deal id, so they hold for the next import too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Final

import pandas as pd
import streamlit as st

from business_logic.actions import ActionRanking, rank_actions, snooze_until
from business_logic.exporting import frame_to_csv
from business_logic.labels import (
    cold_phrase,
    quick_win_probability_phrase,
    soon_phrase,
    untreated_phrase,
)
from components import history_state, history_views, state, thresholds, ui
from database.action_states import clear_action_state, mark_done, snooze
from utils.action_text import score_explanation
from utils.escaping import markdown_text
from utils.formatting import format_count, format_date, format_eur, format_percent, is_missing
from utils.labels import stage_label

TOP: Final = 10
SHOWN_AT_MOST: Final = 100  # "Voir tout" draws cards up to this; the CSV holds every action
HIDDEN_AT_MOST: Final = 50
DOC: Final = Path(__file__).resolve().parent.parent / "docs" / "actions.md"
TAG_COLORS: Final = {"en retard": "red", "froide": "blue", "lead non traité": "violet",
                     "gain rapide": "green", "bloquée": "orange", "glissement répété": "orange"}


def _anomaly_ids() -> tuple[set[str], set[str]]:
    """deal_id of the stuck and slipping deals of this snapshot (docs/history.md)."""
    payload = history_state.current_history()
    if payload is None:
        return set(), set()
    anomalies = payload["anomalies"]
    return ({row["deal_id"] for row in anomalies["stuck"]},
            {row["deal_id"] for row in anomalies["slipping"]})


def _title(row: pd.Series) -> str:
    for column in ("name", "company", "deal_id"):
        if not is_missing(row[column]):
            return str(row[column])
    return "Affaire sans nom"


def _done(key: str, title: str) -> None:
    with state.engine().begin() as connection:
        mark_done(connection, key)
    st.toast(f"{markdown_text(title)} : marquée comme faite.", icon=":material/check:")


def _snooze(key: str, title: str, until: dt.date) -> None:
    with state.engine().begin() as connection:
        snooze(connection, key, until)
    st.toast(f"{markdown_text(title)} : reportée, elle reviendra le {format_date(until)}.",
             icon=":material/snooze:")


def _undo(key: str, title: str) -> None:
    with state.engine().begin() as connection:
        clear_action_state(connection, key)
    st.toast(f"{markdown_text(title)} : de retour dans la liste.", icon=":material/undo:")


def _tags(tags: tuple[str, ...]) -> str:
    return " ".join(f":{TAG_COLORS.get(tag, 'gray')}-badge[{tag}]" for tag in tags)


def _card(rank: int, row: pd.Series, as_of: dt.date) -> None:
    title, key = _title(row), row["deal_key"]
    with st.container(border=True, key=f"action_card_{rank}"):
        text, buttons = st.columns([3, 2], vertical_alignment="center")
        company = row["company"]
        suffix = "" if is_missing(company) or str(company) in title else \
            f" · {markdown_text(company)}"
        text.markdown(f"**{rank}. {markdown_text(title)}**{suffix} · "
                      f"**{format_eur(row['amount'])}** · "
                      f"{format_percent(row['probability'], 0)}  \n{_tags(row['tags'])}")
        details = [stage_label(row["stage"])]
        if not is_missing(row["owner"]):
            details.append(markdown_text(row["owner"]))
        if not is_missing(row["expected_close_date"]):
            details.append(f"clôture prévue le {format_date(row['expected_close_date'])}")
        text.caption(" · ".join(details) + "  \n" + score_explanation(row))
        disabled = key is None  # no id, no name, no company: nothing to remember it by
        with buttons.container(horizontal=True, gap="small"):
            st.button("Fait", key=f"action_done_{rank}", icon=":material/check:",
                      on_click=_done, args=(key, title), disabled=disabled)
            st.button("Reporter d'une semaine", key=f"action_snooze_{rank}",
                      icon=":material/snooze:", on_click=_snooze,
                      args=(key, title, snooze_until(as_of)), disabled=disabled)


def _hidden_section(ranking: ActionRanking) -> None:
    hidden = ranking.hidden
    with st.expander(f"Faites et reportées · {format_count(len(hidden), 'affaire')}",
                     icon=":material/inventory:"):
        if hidden.empty:
            st.caption("Aucune affaire marquée comme faite ou reportée.")
            return
        if len(hidden) > HIDDEN_AT_MOST:
            st.caption(f"Les {HIDDEN_AT_MOST} premières, par score.")
        for index, row in hidden.head(HIDDEN_AT_MOST).iterrows():
            title = _title(row)
            what = ("faite" if row["state"] == "done"
                    else f"reportée jusqu'au {format_date(row['until'])}")
            left, right = st.columns([5, 2], vertical_alignment="center")
            left.markdown(f"**{markdown_text(title)}** · {format_eur(row['amount'])} · {what}")
            right.button("Annuler", key=f"action_undo_{index}", icon=":material/undo:",
                         on_click=_undo, args=(row["deal_key"], title))


def _export(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Rang": range(1, len(rows) + 1), "Affaire": rows["name"], "Entreprise": rows["company"],
        "Commercial": rows["owner"], "Montant": rows["amount"],
        "Probabilité": rows["probability"], "Raisons": rows["tags"].map(", ".join),
        "Urgence": rows["urgency"].round(2), "Score": rows["score"].round(2),
        "Clôture prévue": rows["expected_close_date"],
    })


def render() -> None:
    st.title("Actions prioritaires")
    context = ui.require_data()
    if context is None:
        return
    as_of, t = context.as_of, thresholds.current()
    stuck, slipping = _anomaly_ids()
    ranking = rank_actions(context.prepared, as_of, t, states=state.action_states(),
                           stuck_ids=stuck, slipping_ids=slipping)
    st.caption("Chaque affaire à traiter une seule fois, la plus importante d'abord : score "
               "= montant × probabilité × urgence. « Fait » la retire de la liste, "
               "« Reporter d'une semaine » la fait revenir 7 jours plus tard ; les deux "
               "restent valables à l'import suivant.")
    st.caption(f"Étiquettes : en retard (clôture prévue dépassée), froide ({cold_phrase(t)}), "
               f"lead non traité (prospect sans activité depuis {untreated_phrase(t)}), gain "
               f"rapide (probabilité d'au moins {quick_win_probability_phrase(t)} et clôture "
               f"sous {soon_phrase(t)}), bloquée et glissement répété (d'un import à "
               "l'autre).")
    with st.expander("Comment la liste est classée", icon=":material/help:"):
        st.markdown(DOC.read_text(encoding="utf-8").partition("\n")[2])

    left, right = st.columns([3, 2], vertical_alignment="bottom")
    owners = ranking.owners()
    owner = left.selectbox("Commercial", [None, *owners], key="actions_owner",
                           format_func=lambda o: "Tous" if o is None else o)
    rows = ranking.for_owner(owner)
    show_all = right.toggle(f"Voir tout ({len(rows)})", key="actions_show_all")

    st.subheader(f"À traiter · {format_count(len(rows), 'affaire')}")
    if rows.empty:
        st.success("Rien à traiter : aucune affaire en retard, froide, non traitée ou à "
                   "sécuriser.", icon=":material/check_circle:")
    limit = SHOWN_AT_MOST if show_all else TOP
    if len(rows) > limit:
        st.caption(f"Les {limit} premières sur {format_count(len(rows), 'affaire')}"
                   + ("." if show_all else " : « Voir tout » pour la suite."))
    for rank, (_, row) in enumerate(rows.head(limit).iterrows(), start=1):
        _card(rank, row, as_of)
    if show_all and not rows.empty:
        st.download_button("Télécharger la liste complète (CSV)",
                           lambda: frame_to_csv(_export(rows)), on_click="ignore",
                           file_name=f"actions-{as_of.isoformat()}.csv", mime="text/csv",
                           key="actions_download", icon=":material/download:")
    _hidden_section(ranking)
    history_views.anomalies_section()


if __name__ == "__main__":
    ui.run_page(render)

"""Affaires: the deals table, sectors, owners and upcoming deadlines."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from business_logic import metrics
from business_logic.exporting import frame_to_csv
from business_logic.labels import soon_phrase
from components import charts, saisie, tables, thresholds, ui
from utils.formatting import format_count
from utils.labels import FIELD_LABELS

TABLE_LIMIT = 500
# The deal and its amount first, pinned (tables.PINNED): a phone shows them both.
TABLE_COLUMNS = (
    "name", "amount", "company", "stage", "status", "probability", "source", "owner",
    "sector", "created_date", "expected_close_date", "last_activity_date",
)
DEFAULT_SORT = "amount"  # the first of SORTS: the select box's default
SORTS = {
    "amount": ("Montant décroissant", False),
    "expected_close_date": ("Date de clôture prévue", True),
    "created_date": ("Création la plus récente", False),
    "last_activity_date": ("Activité la plus ancienne", True),
    "name": ("Nom de l'affaire", True),
}


def _order(deals, sort: str):
    """Row labels of `deals` sorted by `sort` (SORTS: ascending or not, missing last)."""
    return deals[sort].sort_values(ascending=SORTS[sort][1], na_position="last",
                                   kind="stable").index


def table_top(deals, memo, sort: str = DEFAULT_SORT):
    """The labels of the first TABLE_LIMIT rows under `sort`, kept in `memo` (the warm-up
    fills the default sort's at server start)."""
    return memo(("deals_table_top", sort), lambda: _order(deals, sort)[:TABLE_LIMIT])


def _deals_table(deals, memo, as_of) -> None:
    """`memo`: the view's memo (PreparedDeals.memo of the same snapshot and filters), where
    the first rows of each sort are kept: sorting a million-row column costs 0.15–1.4 s,
    once per view instead of on every rerun (issue 8)."""
    sort = st.selectbox("Trier par", list(SORTS), format_func=lambda k: SORTS[k][0],
                        key="deals_sort")
    # Sort the one key column, then take only the rows shown: moving every column of a
    # million-row frame costs more than the rest of the page.
    top = table_top(deals, memo, sort)
    shown = deals.loc[top, list(TABLE_COLUMNS)]
    note = f"{format_count(len(deals), 'affaire')} après filtres"
    if len(deals) > TABLE_LIMIT:
        note += f" ; les {TABLE_LIMIT} premières sont affichées (téléchargez le reste)"
    st.caption(note + ". Dates de clôture dépassées en rouge.")
    st.dataframe(tables.styled(shown, as_of), key="deals_table", hide_index=True,
                 placeholder="—", column_config=tables.PINNED)
    # A callable: the CSV of up to a million rows is built only when the button is clicked.
    st.download_button(
        "Télécharger ces affaires (CSV)",
        lambda: frame_to_csv(
            deals.loc[_order(deals, sort), list(TABLE_COLUMNS)].rename(columns=FIELD_LABELS)),
        file_name="affaires.csv", mime="text/csv", key="deals_download",
        icon=":material/download:",
    )


def _sector_section(deals) -> None:
    sectors = metrics.by_dimension(deals, "sector").to_frame()
    if sectors.empty:
        return
    left, right = st.columns(2)
    with left:
        by_value = sectors.sort_values("won_value", ascending=True)
        figure = go.Figure(go.Bar(x=by_value["won_value"], y=by_value["value"],
                                  orientation="h", hovertemplate="%{x:,.0f}\u00a0€"))
        figure.update_layout(title="Chiffre signé par secteur", xaxis_ticksuffix="\u00a0€",
                             xaxis_rangemode="nonnegative")
        charts.show(figure, key="deals_sectors")
    with right:
        st.markdown("**Top 5 des secteurs par panier moyen gagné**")
        top = sectors.dropna(subset=["average_won_deal_size"]).nlargest(
            5, "average_won_deal_size"
        )[["value", "average_won_deal_size", "win_rate"]]
        if top.empty:
            st.caption("Aucune affaire gagnée avec un montant : pas encore de panier moyen.")
            return
        st.dataframe(tables.styled_summary(top, first_label="Secteur"),
                     key="deals_top_sectors", hide_index=True, placeholder="—")


def render() -> None:
    st.title("Affaires")
    saisie.show_message()
    context = ui.require_data()
    if context is None:
        saisie.creation_buttons(None, key="saisie_first")  # or keep deals by hand
        return
    deals, as_of = context.prepared, context.as_of

    summary = saisie.selected_summary(context)
    if summary is not None and summary.is_saisie:  # editable (docs/saisie.md)
        from components import saisie_page

        saisie_page.render(context, summary)
    else:
        _deals_table(context.filtered, context.prepared.memo, as_of)
        saisie.import_notice(summary)

    st.subheader("Analyse par secteur")
    if not ui.column_missing(context, "sector", "L'analyse par secteur"):
        _sector_section(deals)

    st.subheader("Performance par commercial")
    owners = metrics.by_dimension(deals, "owner").to_frame()
    if not ui.column_missing(context, "owner", "La performance par commercial") \
            and not owners.empty:
        st.dataframe(
            tables.styled_summary(
                owners[["value", "deals", "won", "lost", "win_rate", "won_value",
                        "average_won_deal_size", "median_days_to_win"]],
                first_label="Commercial",
            ),
            key="deals_owners", hide_index=True, placeholder="—",
        )

    t = thresholds.current()
    st.subheader(f"Échéances : en retard et dans les {soon_phrase(t)} à venir")
    tables.deal_list(metrics.deadline_list(deals, as_of, t), as_of, key="deals_deadlines",
                     empty=f"Aucune échéance en retard ni dans les {soon_phrase(t)} à venir.",
                     limit=50, order="par date de clôture prévue")


if __name__ == "__main__":
    ui.run_page(render)

"""Évolutions: what changed between two imports (docs/history.md) — the pipeline
waterfalls, one list per change, the trends over every import and the seasonality."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from business_logic.history import SnapshotDiff
from components import history_charts, history_state, state, ui
from database import ImportSummary
from utils.escaping import markdown_text
from utils.formatting import format_count, format_date, format_days, format_eur, format_number
from utils.formatting import format_import_label as import_label
from utils.history_text import (
    CHANGE_LABELS,
    counts_sentence,
    matching_sentence,
    signed_eur,
    waterfall_summary,
)
from utils.labels import stage_label, status_label

SECOND_IMPORT_HINT = (
    "Un seul import pour l'instant. Importez un second export du même CRM (par exemple "
    "celui de la semaine prochaine) : cette page montrera alors les affaires nouvelles, "
    "gagnées, perdues, avancées ou reculées d'étape, les montants et dates de clôture "
    "modifiés, les affaires disparues de l'export, et comment le pipeline est passé d'un "
    "import à l'autre. Les tendances semaine par semaine se rempliront à chaque import."
)


def _picker(imports: list[ImportSummary], selected: int) -> tuple[ImportSummary, ImportSummary]:
    """Two selectboxes; default: the sidebar's import and the one before it."""
    by_id = {s.import_id: s for s in imports}
    ids = [s.import_id for s in imports][::-1]  # newest first
    later_default = ids.index(selected)
    earlier_default = min(later_default + 1, len(ids) - 1)
    left, right = st.columns(2)
    earlier = left.selectbox("Import de départ", ids, index=earlier_default,
                             format_func=lambda i: import_label(by_id[i]),
                             key=f"evolutions_from_{selected}")
    later = right.selectbox("Import d'arrivée", ids, index=later_default,
                            format_func=lambda i: import_label(by_id[i]),
                            key=f"evolutions_to_{selected}")
    return by_id[earlier], by_id[later]


def _stage(value: object) -> str:
    return stage_label(value) if isinstance(value, str) else "—"


def _before_after(change: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The deals of one change with what changed, before → after, in French."""
    rows = rows.astype({c: object for c in ("stage_a", "stage_b", "status_a", "status_b")})
    if change in ("montant_hausse", "montant_baisse"):
        before, after = rows["amount_a"].map(format_eur), rows["amount_b"].map(format_eur)
        detail = rows["amount_change"].map(signed_eur)
    elif change in ("glissee", "date_avancee"):
        before = rows["expected_close_date_a"].map(format_date)
        after = rows["expected_close_date_b"].map(format_date)
        detail = rows["close_days_change"].map(
            lambda d: ("+" if d > 0 else "−") + format_days(abs(d)))
    elif change == "nouvelle":
        before = pd.Series("—", index=rows.index)
        after = rows["stage_b"].map(_stage) + " · " + rows["amount_b"].map(format_eur)
        detail = rows["apparue"].map(lambda a: "apparue dans l'export" if a else "créée")
    elif change == "disparue":
        before = rows["stage_a"].map(_stage) + " · " + rows["amount_a"].map(format_eur)
        after = pd.Series("absente de l'export", index=rows.index)
        detail = pd.Series("supprimée ou hors export (jamais comptée perdue)", index=rows.index)
    else:
        before = rows["stage_a"].map(_stage) + " · " + rows["status_a"].map(status_label)
        after = rows["stage_b"].map(_stage) + " · " + rows["status_b"].map(status_label)
        amount = rows["amount_b"].where(rows["in_b"], rows["amount_a"])
        detail = amount.map(format_eur)
    return pd.DataFrame({"Identifiant": rows["deal_id"], "Affaire": rows["name"],
                         "Entreprise": rows["company"], "Avant": before, "Après": after,
                         "Écart": detail})


def _changes(diff: SnapshotDiff) -> None:
    st.subheader("Affaire par affaire")
    counts = diff.counts()
    for change, (title, _singular, _plural) in CHANGE_LABELS.items():
        if change == "inchangee":
            continue
        count = counts[change]
        with st.expander(f"{title} · {format_number(count)}", expanded=False):
            if not count:
                st.caption("Aucune affaire.")
                continue
            st.dataframe(_before_after(change, diff.deals(change)), hide_index=True,
                         key=f"evolutions_list_{change}")
    st.caption(f"{format_count(counts['inchangee'], 'affaire inchangée', 'affaires inchangées')}.")


def _waterfalls(diff: SnapshotDiff, a: ImportSummary, b: ImportSummary) -> None:
    st.subheader("Du pipeline de départ au pipeline d'arrivée")
    start, end = f"Au {format_date(a.exported_on)}", f"Au {format_date(b.exported_on)}"
    gross, weighted, soon = st.tabs(["Pipeline brut", "Pipeline pondéré",
                                     "Clôtures à 30 jours"])
    for tab, waterfall, title, key in (
        (gross, diff.gross, "Pipeline brut (affaires en cours)", "evolutions_gross"),
        (weighted, diff.weighted, "Pipeline pondéré (montant × probabilité)",
         "evolutions_weighted"),
        (soon, diff.gross_30, "Pipeline brut à clôturer dans les 30 jours",
         "evolutions_next_30"),
    ):
        with tab:
            history_charts.waterfall_chart(waterfall, title=title, start_label=start,
                                           end_label=end, key=key)
            st.caption(markdown_text(waterfall_summary(waterfall)) +
                       " — l'égalité départ + hausses − baisses = arrivée tombe juste au "
                       "centime.")
    st.caption("Fenêtre des 30 jours : date de clôture prévue dans les 30 jours suivant la "
               "date d'export de chaque import ; « entrées » et « sorties » sont les dates "
               "rapprochées ou repoussées.")


def _trends(payload: dict) -> None:
    st.subheader("Tendances")
    points = payload["weekly"]
    if len(points) < 2:
        st.caption("Les tendances demandent des imports d'au moins deux semaines différentes.")
    else:
        left, right = st.columns(2)
        with left:
            history_charts.trend_chart(points, key="evolutions_trend")
        with right:
            history_charts.open_deals_chart(points, key="evolutions_open_deals")
        st.caption("Une valeur par semaine ISO (le dernier export de la semaine) ; chiffre "
                   "signé à date = somme des affaires gagnées de chaque import.")
    st.subheader("Saisonnalité")
    season = payload["seasonality"]
    if season["available"]:
        history_charts.seasonality_chart(season["months"], key="evolutions_seasonality")
        best = max(season["month_of_year"], key=lambda r: r["mean_won_value"], default=None)
        if best is not None:
            st.caption(f"Mois le plus fort en moyenne : "
                       f"{history_charts.MONTHS_FR[best['month'] - 1]} "
                       f"({format_eur(best['mean_won_value'])} signés en moyenne).")
    else:
        st.info(markdown_text(season["reason"]), icon=":material/info:")


def render() -> None:
    st.title("Évolutions")
    context = ui.require_data()
    if context is None:
        return
    imports = history_state.ordered_imports()
    if len(imports) < 2:
        st.info(SECOND_IMPORT_HINT, icon=":material/compare_arrows:")
        st.page_link("components/importer.py", label="Importer un second export",
                     icon=":material/upload_file:")
        return
    a, b = _picker(imports, context.import_id)
    if a.import_id == b.import_id:
        st.info("Les deux imports choisis sont le même : toutes les affaires sont inchangées.")
    diff = history_state.comparison(a, b, state.stage_probabilities(), context.filters)
    st.markdown(f"**{markdown_text(counts_sentence(diff))}**")
    st.caption(matching_sentence(diff) + " Les filtres de la barre latérale s'appliquent.")
    _waterfalls(diff, a, b)
    _changes(diff)
    payload = history_state.current_history()
    if payload is not None:
        _trends(payload)


if __name__ == "__main__":
    ui.run_page(render)

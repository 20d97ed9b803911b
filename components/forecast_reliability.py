"""Prévisions: the layers of the calibrated forecast and "Fiabilité de la prévision"
(docs/forecast.md). Words only here; every number comes from business_logic.forecast."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import streamlit as st

from business_logic.forecast import CalibratedForecast
from business_logic.forecast.backtest import Backtest, backtest
from business_logic.forecast.snapshot_backtest import choose_backtest, needs_snapshots
from business_logic.metrics import DealFilters, split_by_currency
from components import charts, history_state, state
from database import ImportSummary
from database.history import load_snapshots
from utils.formatting import format_count, format_date, format_percent

LAYER_LABELS = {
    "in_window": "Affaires prévues dans la période",
    "late": "Affaires en retard ou sans date",
    "new_business": "Affaires pas encore créées",
}
LAYER_COLORS = {"in_window": "#2563eb", "late": "#f59e0b", "new_business": "#10b981"}


def method_sentence(result: CalibratedForecast) -> str:
    """The method in one French sentence."""
    closed = format_count(result.closed_deals, "affaire clôturée", "affaires clôturées")
    if result.method == "simple":
        return (
            f"Prévision simple : montant × probabilité des affaires dont la clôture est "
            f"prévue dans la période ; il faut au moins 30 affaires clôturées avec dates de "
            f"création et de clôture pour apprendre de votre historique "
            f"({closed} aujourd'hui)."
        )
    return (
        f"Prévision apprise sur vos {closed} : "
        "délais de signature selon l'âge des affaires (affaires en cours comprises), "
        "affaires en retard ou sans date avec leur chance de signer dans la période, "
        "et nouvelles affaires au rythme de création des 90 derniers jours ; la fourchette "
        "est réglée sur les erreurs passées de la prévision."
    )


def layers_chart(result: CalibratedForecast) -> None:
    days = [f"{d} jours" for d in result]
    figure = go.Figure(
        [
            go.Bar(x=days, y=[result[d].layers[name].expected for d in result],
                   name=label, marker_color=LAYER_COLORS[name],
                   hovertemplate=charts.EUR_HOVER)
            for name, label in LAYER_LABELS.items()
        ]
    )
    figure.update_layout(barmode="stack", title="Le plus probable, par origine",
                         yaxis_ticksuffix="\u00a0€")
    charts.show(figure, key="forecast_layers")


@st.cache_data(show_spinner="Vérification de la prévision sur vos imports…", max_entries=4)
def _from_snapshots(series: tuple[ImportSummary, ...],
                    probabilities: tuple[tuple[str, float], ...],
                    filters: DealFilters | None, as_of: dt.date, days: int) -> Backtest:
    """docs/forecast.md's backtest over the stored imports, each under the sidebar filters
    and in its main currency (as the page's own figures)."""
    imported_at = {s.import_id: s.imported_at for s in series}
    snapshots = []
    for snapshot in load_snapshots(state.engine(), list(series), dict(probabilities)):
        frame = state.filtered_deals(snapshot.deals, filters or DealFilters())
        currency = state.snapshot_currency(snapshot.import_id, imported_at[snapshot.import_id],
                                           probabilities)
        snapshots.append((snapshot.exported_on, split_by_currency(frame, currency)[0]))
    return choose_backtest(snapshots, as_of, (days,))[days]


def reliability_backtest(context: state.DashboardContext, days: int) -> Backtest:
    """From the stored imports up to the sidebar's one when two are >= `days` apart (by the
    reference date), else reconstructed from the sidebar's import alone."""
    imports = history_state.ordered_imports()
    current = history_state.summary_of(context.import_id)
    series = tuple(s for s in imports if current is not None and
                   (s.exported_on, s.import_id) <= (current.exported_on, current.import_id))
    if not needs_snapshots([s.exported_on for s in series], context.as_of, (days,)):
        return backtest(context.prepared, context.as_of, (days,))[days]
    return _from_snapshots(series, state.stage_probabilities(), context.filters,
                           context.as_of, days)


def source_sentence(result: Backtest) -> str:
    """Where the past windows come from, in one French sentence (docs/forecast.md)."""
    if result.source == "snapshots":
        first = result.windows[0].as_of if result.windows else None
        since = f" depuis le {format_date(first)}" if first is not None else ""
        return (f"Vérifiée sur vos imports successifs{since} : à chaque import, la prévision "
                "qu'il affichait est comparée à ce que le dernier import montre signé ensuite.")
    return ("Reconstituée à partir de cet import seul : à chaque semaine passée, la "
            "prévision refaite avec ce qui était connu ce jour-là. Avec deux imports à au "
            f"moins {result.horizon} jours d'écart, elle sera vérifiée sur vos imports réels.")


def coverage_sentence(result: Backtest) -> str:
    scored = [w for w in result.windows if w.band_checked] or list(result.windows)
    inside = sum(w.covered for w in scored)
    out_of_ten = round(10 * inside / len(scored)) if scored else 0
    if len(scored) == 1:
        last = "le dernier import" if result.source == "snapshots" else "la dernière semaine"
    else:
        unit = "derniers imports" if result.source == "snapshots" else "dernières semaines"
        last = f"les {len(scored)} {unit}"
    return (
        f"La fourchette a contenu le réalisé {out_of_ten} fois sur 10 sur {last} "
        f"({inside} sur {len(scored)})."
    )


def reliability_section(result: Backtest, checked: bool) -> None:
    st.subheader("Fiabilité de la prévision")
    if not result.windows:
        st.info("Pas encore vérifiée : l'historique est trop court pour rejouer la prévision "
                "sur des semaines passées.")
        return
    if not checked:
        st.warning("Fourchette pas encore vérifiée : moins de 8 semaines passées pour la "
                   "régler ; elle suppose les affaires indépendantes.")
    st.markdown(coverage_sentence(result))
    st.caption(source_sentence(result))
    row = st.columns(3)
    row[0].metric("Écart moyen de la prévision", format_percent(result.mape), border=True,
                  help="Erreur moyenne du « plus probable » face au réalisé, en %.")
    row[1].metric("Prévision simple", format_percent(result.mape_simple), border=True,
                  help="Même erreur pour montant × probabilité des affaires datées "
                  "dans la période.")
    row[2].metric(f"Rythme des {result.horizon} derniers jours",
                  format_percent(result.mape_run_rate),
                  border=True, help="Même erreur si l'on prévoyait ce qui a été signé "
                  "les N jours précédents.")
    dates = [w.as_of.isoformat() for w in result.windows]
    past = "Imports passés" if result.source == "snapshots" else "Semaines passées"
    figure = go.Figure(
        [
            go.Scatter(x=dates, y=[w.p90 for w in result.windows], mode="lines",
                       line={"width": 0}, showlegend=False, name="Optimiste (P90)",
                       hovertemplate=charts.EUR_HOVER),
            go.Scatter(x=dates, y=[w.p10 for w in result.windows], mode="lines",
                       line={"width": 0}, fill="tonexty", name="Fourchette P10 – P90",
                       fillcolor="rgba(37, 99, 235, 0.18)", hovertemplate=charts.EUR_HOVER),
            go.Scatter(x=dates, y=[w.expected for w in result.windows], mode="lines",
                       name="Prévu (le plus probable)", line={"color": "#2563eb"},
                       hovertemplate=charts.EUR_HOVER),
            go.Scatter(x=dates, y=[w.realised for w in result.windows],
                       mode="lines+markers", name="Réellement signé",
                       line={"color": "#111827"}, hovertemplate=charts.EUR_HOVER),
        ]
    )
    figure.update_layout(
        title=f"{past} : prévu à {result.horizon} jours et réellement signé",
        yaxis_ticksuffix="\u00a0€", hovermode="x unified")
    charts.show(figure, key="forecast_backtest")

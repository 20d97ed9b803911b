"""Accueil: the week's headline numbers, what needs attention, and the quick forecast."""

from __future__ import annotations

import streamlit as st

from business_logic import metrics
from business_logic.forecast import calibrated_forecast
from business_logic.labels import cold_phrase, currency_notice, untreated_phrase
from components import home_history, objectives, saisie, state, thresholds, ui
from components.state import DashboardContext
from utils.escaping import markdown_text
from utils.formatting import (
    delta_options,
    format_change,
    format_count,
    format_eur,
    format_number,
    format_percent,
)

PERIODS = {7: "7 jours", 30: "30 jours", 90: "90 jours"}


def _delta(change: metrics.period.Change) -> str | None:
    """Percent change, or the absolute one on a base under 10 (utils.formatting)."""
    return format_change(change.current, change.previous, relative=change.change_relative,
                         amount=change.metric in ("won_value", "pipeline_created"))


def _pdf(*args, **kwargs) -> bytes:  # noqa: ANN002, ANN003 - build_weekly_review's
    """The weekly review as PDF bytes. fpdf and openpyxl are imported on click, not on
    Accueil's first paint (~1 s, issue 8)."""
    from business_logic.weekly_review import build_weekly_review
    from utils.pdf_review import render_weekly_review

    return render_weekly_review(build_weekly_review(*args, **kwargs))


def _xlsx(*args, **kwargs) -> bytes:  # noqa: ANN002, ANN003 - workbook_sheets'
    from business_logic.exporting import frames_to_xlsx
    from business_logic.workbook import workbook_sheets

    return frames_to_xlsx(workbook_sheets(*args, **kwargs))


def _csv(deals) -> bytes:  # noqa: ANN001 - the filtered frame
    from business_logic.exporting import frame_to_csv
    from business_logic.workbook import deals_export_frame

    return frame_to_csv(deals_export_frame(deals))


def _exports(context: DashboardContext) -> None:
    """The weekly review, the workbook and the deals, built only when a button is clicked
    (Streamlit runs a callable `data` on click, in another thread: it gets the read-only
    filtered frame, not this run's PreparedDeals)."""
    deals, as_of, label = context.filtered, context.as_of, context.import_label
    currency = context.currencies.main if context.currencies is not None else None
    t = thresholds.current()
    history = home_history.review_history()
    done_or_snoozed = state.action_states()
    targets = objectives.targets_for(context)
    st.subheader("Exporter")
    st.caption(f"Affaires après filtres, situation au {ui.long_date(as_of)}.")
    row = st.columns(3)
    row[0].download_button(
        "Revue hebdomadaire (PDF)",
        lambda: _pdf(deals, as_of, label, t, currency=currency, filters=context.filters,
                     history=history(), targets=targets, action_states=done_or_snoozed),
        file_name=f"revue-hebdomadaire-{as_of.isoformat()}.pdf", mime="application/pdf",
        key="export_pdf", icon=":material/picture_as_pdf:", on_click="ignore",
    )
    row[1].download_button(
        "Classeur Excel (XLSX)",
        lambda: _xlsx(deals, as_of, t, currency=currency, filters=context.filters,
                      action_states=done_or_snoozed),
        file_name=f"crm-{as_of.isoformat()}.xlsx", key="export_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:", on_click="ignore",
    )
    row[2].download_button(
        "Affaires filtrées (CSV)",
        lambda: _csv(deals),
        file_name=f"affaires-{as_of.isoformat()}.csv", mime="text/csv", key="export_csv",
        icon=":material/download:", on_click="ignore",
    )


def render() -> None:
    st.title("Accueil")
    context = ui.require_data()
    if context is None:
        return
    deals, as_of = context.prepared, context.as_of
    st.caption(f"{markdown_text(context.import_label)} · situation au {ui.long_date(as_of)}")
    saisie.add_deal_button(context, key="home_add_deal")  # docs/saisie.md
    if context.currencies is not None and context.currencies.excluded:
        st.info(markdown_text(currency_notice(context.currencies)),
                icon=":material/currency_exchange:")

    t = thresholds.current()
    kpis = metrics.headline_kpis(deals, as_of, t)
    days = st.segmented_control(
        "Comparer avec la période précédente de", list(PERIODS), format_func=PERIODS.get,
        default=30, key="home_period",
    ) or 30
    changes = {c.metric: c for c in metrics.period_comparison(deals, as_of, days).changes}

    deltas, since = home_history.kpi_deltas(kpis)
    amount = "amount"
    cards = (
        ("Pipeline brut", "pipeline_gross", amount, kpis.pipeline_gross,
         "Somme des montants des affaires en cours."),
        ("Pipeline pondéré", "pipeline_weighted", amount, kpis.pipeline_weighted,
         "Somme des montants × probabilité de l'étape, affaires en cours."),
        ("Chiffre signé", "won_value", amount, kpis.won_value,
         "Somme des montants des affaires gagnées."),
        ("Taux de réussite", "win_rate", format_percent(kpis.win_rate), None,
         "Gagnées ÷ (gagnées + perdues)."),
        ("Affaires", "deals_total", format_number(kpis.deals_total), None,
         f"{kpis.deals_open} en cours, {kpis.deals_won} gagnées, {kpis.deals_lost} perdues."),
        ("Taux de conversion", "conversion_rate", format_percent(kpis.conversion_rate), None,
         "Gagnées ÷ toutes les affaires."),
        ("Panier moyen", "average_deal_size", amount, kpis.average_deal_size,
         "Montant moyen des affaires dont le montant est connu."),
        ("Affaires en cours", "deals_open", format_number(kpis.deals_open), None, None),
    )
    # On a phone the second row, the deltas and the period sit below the alerts and the
    # forecast (assets/responsive.css orders the keyed containers; issue 12, item 9).
    area = st
    for start in (0, 4):  # two rows of four cards
        if start:
            area = details = st.container(key="home_details")
        for column, (label, name, shown, value, help_text) in zip(
                area.columns(4), cards[start:start + 4], strict=True):
            options = {"border": True, "delta": deltas.get(name), "delta_description": since}
            if shown is amount:  # compact French units past 10 M€, exact value in the tooltip
                ui.eur_metric(column, label, value, help=help_text, **options)
            else:
                column.metric(label, shown, help=help_text, **options)

    with details:
        home_history.since_last_import()

    details.subheader(f"Sur les {PERIODS[days]} écoulés")
    row = details.columns(4)
    for column, (label, change, fmt) in zip(
        row,
        (
            ("Affaires créées", changes["deals_created"], format_number),
            ("Affaires gagnées", changes["deals_won"], format_number),
            ("Chiffre signé", changes["won_value"], format_eur),
            ("Pipeline créé", changes["pipeline_created"], format_eur),
        ),
        strict=True,
    ):
        column.metric(label, fmt(change.current), delta=_delta(change),
                      delta_description=f"vs {PERIODS[days]} précédents",
                      **delta_options(change.current, change.previous))

    st.subheader("À traiter cette semaine")
    alerts = [
        (kpis.overdue_deals, "affaire en retard de clôture", "affaires en retard de clôture"),
        (kpis.cold_deals, f"affaire froide ({cold_phrase(t)})",
         f"affaires froides ({cold_phrase(t)})"),
        (kpis.untreated_leads, f"lead non traité depuis {untreated_phrase(t)}",
         f"leads non traités depuis {untreated_phrase(t)}"),
    ]
    shown = False
    for count, singular, plural in alerts:
        if count:
            st.warning(format_count(count, singular, plural), icon=":material/warning:")
            shown = True
    if kpis.no_activity_data:
        st.info(f"{format_count(kpis.no_activity_data, 'affaire')} sans aucune date "
                "d'activité : impossible de savoir si elles sont froides.")
    if shown:
        st.page_link("components/actions.py", label="Voir les actions prioritaires",
                     icon=":material/arrow_forward:")
    else:
        st.success("Rien d'urgent : aucune affaire en retard, froide ou non traitée.")

    st.subheader("Prévision de signature")
    windows = calibrated_forecast(deals, as_of)
    row = st.columns(len(windows))
    for column, (days_ahead, window) in zip(row, windows.items(), strict=True):
        ui.eur_metric(
            column, f"D'ici {days_ahead} jours (le plus probable)", window.expected,
            border=True,
            help=f"Fourchette : {format_eur(window.p10)} (pessimiste) à "
            f"{format_eur(window.p90)} (optimiste).",
        )
    first = next(iter(windows.items()), None)
    if first:
        st.caption(ui.nine_in_ten_sentence(first[0], first[1].p10))
    objectives.home_section(context)

    with st.container(key="home_exports"):
        _exports(context)


if __name__ == "__main__":
    ui.run_page(render)

"""The month / quarter / year cards of Objectifs, and Accueil's line for the month
(docs/objectifs.md). Render only: every figure comes from business_logic.planning."""

from __future__ import annotations

import streamlit as st

from business_logic.planning import PeriodProgress
from business_logic.planning.wording import chances_in_ten, period_name
from utils.formatting import format_count, format_eur, format_percent


def progress_text(item: PeriodProgress) -> str:
    """"12 300 € signés sur 50 000 € (25 %)"."""
    return (f"{format_eur(item.won_to_date)} signés sur {format_eur(item.target)} "
            f"({format_percent(item.progress, 0)})")


def chances_text(item: PeriodProgress) -> str:
    """"7 chances sur 10"; "déjà atteint" once the target is met."""
    if item.remaining is not None and item.remaining <= 0:
        return "déjà atteint"
    return chances_in_ten(item.probability or 0.0)


def chances_markdown(item: PeriodProgress) -> str:
    if item.remaining is not None and item.remaining <= 0:
        return "**Objectif déjà atteint**"
    return f"**{chances_text(item).capitalize()}** d'atteindre l'objectif"


def pipeline_sentence(item: PeriodProgress) -> str:
    """What to create, in total and per week left, or why it cannot be said."""
    pipeline = item.pipeline
    if pipeline is None:
        return ""
    if pipeline.total == 0.0:
        return "Aucun pipeline supplémentaire nécessaire : la prévision couvre l'objectif."
    weeks = format_count(pipeline.weeks_left, "semaine restante", "semaines restantes")
    if pipeline.total is None:
        return ("Pipeline à créer : impossible à chiffrer, aucune affaire gagnée ne s'est "
                f"conclue dans le temps qui reste ({weeks}).")
    return (f"Pipeline à créer : {format_eur(pipeline.total)}, soit "
            f"{format_eur(pipeline.per_week)} par semaine ({weeks}), au taux de réussite "
            f"et au délai de signature habituels.")


def out_of_reach_sentence(item: PeriodProgress) -> str:
    best = item.won_to_date + item.forecast.p90
    return (f"Hors de portée même dans le scénario optimiste (P90) : au mieux "
            f"{format_eur(best)} signés d'ici la fin de {period_name(item.period)}, "
            f"{format_eur(item.target - best)} de moins que l'objectif.")


def period_card(item: PeriodProgress, key: str) -> None:
    """One bordered card: progress bar, remaining, chances, pipeline to create."""
    with st.container(border=True, key=key):
        st.markdown(f"**{period_name(item.period).capitalize()}**")
        if item.target is None:
            st.caption("Pas d'objectif fixé pour cette période.")
            return
        st.progress(min(1.0, max(0.0, item.progress or 0.0)), text=progress_text(item))
        months = len(item.period.months)
        if item.target_months < months:
            st.caption(f"{item.target_months} mois sur {months} ont un objectif ; les autres "
                       "comptent 0.")
        remaining = item.remaining or 0.0
        if remaining > 0:
            st.metric("Reste à signer", format_eur(remaining))
        else:
            st.metric("Objectif dépassé de", format_eur(-remaining))
        st.markdown(chances_markdown(item),
                    help=f"Probabilité : {format_percent(item.probability, 0)}, d'après la "
                    "prévision et sa fourchette (voir Définitions).")
        if item.out_of_reach:
            st.warning(out_of_reach_sentence(item), icon=":material/block:")
        elif remaining > 0:
            st.caption(pipeline_sentence(item))


def progress_cards(progress: list[PeriodProgress]) -> None:
    for column, item in zip(st.columns(len(progress)), progress, strict=True):
        with column:
            period_card(item, key=f"objective_card_{item.period.kind}")


def home_line(item: PeriodProgress | None) -> None:
    """Accueil: the month's objective in one line, with a link to Objectifs."""
    if item is None or item.target is None:
        st.caption("Aucun objectif pour ce mois : fixez-en un dans la page Objectifs.")
    else:
        reached = item.remaining is not None and item.remaining <= 0
        chances = "objectif atteint" if reached else f"{chances_text(item)} de l'atteindre"
        st.markdown(f"**Objectif de {period_name(item.period)}** : {progress_text(item)} · "
                    f"{chances}")
    st.page_link("components/objectives.py", label="Voir les objectifs",
                 icon=":material/arrow_forward:")

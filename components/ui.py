"""Small pieces every page uses: the error edge, the empty state, shared sentences."""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st
from babel.dates import format_date as babel_format_date

from business_logic.importing import ImportFailure
from components import filter_bar, state
from components.import_flow import demo_button
from database import EmbeddedDatabaseError
from utils.escaping import markdown_text
from utils.formatting import format_eur, format_eur_card
from utils.labels import CRM_EXPORT_HINTS, FIELD_LABELS

logger = logging.getLogger("crm_dashboard")


def run_page(render: Callable[[], None]) -> None:
    """Run a page's `render`, turning any failure into a plain French message (never a
    traceback on screen; the details go to the server log)."""
    try:
        render()
    except (ImportFailure, EmbeddedDatabaseError) as error:  # already a French sentence
        st.error(markdown_text(str(error)))
    except Exception as error:
        logger.exception("page failed")
        st.error(
            "Cette page n'a pas pu s'afficher à cause d'une erreur inattendue. Rechargez la "
            "page ; si le problème continue, transmettez le détail ci-dessous."
        )
        st.caption(f"Détail technique : {error.__class__.__name__} — {markdown_text(error)}")


def empty_state(key: str = "load_demo") -> None:
    """What to do when nothing is imported yet: where to export from, or try the demo."""
    context = state.current()
    st.info(
        "Aucune donnée pour l'instant. Exportez vos affaires (deals / opportunités) depuis "
        "votre CRM au format CSV ou Excel, puis déposez le fichier dans la page **Import**. "
        "Vous pouvez aussi essayer le tableau de bord avec des données de démonstration.",
        icon=":material/info:",
    )
    with st.expander("Comment exporter depuis mon CRM ?"):
        for crm, hint in CRM_EXPORT_HINTS.items():
            st.markdown(f"- **{crm}** : {hint}")
    demo_button(context.as_of, key=key)


def require_data() -> state.DashboardContext | None:
    """The current context when a snapshot is loaded, after drawing the filter bar (the
    filters in force as removable chips, under the page title); otherwise draws the empty
    state."""
    context = state.current()
    if not context.has_data:
        empty_state()
        return None
    filter_bar.draw(context.filters)
    return context


def long_date(value: object) -> str:
    """"26 novembre 2026" for captions."""
    return babel_format_date(value, format="long", locale="fr_FR")


def nine_in_ten_sentence(days: int, p10: float) -> str:
    """The worst case said in words (docs/definitions.md: the UI says what the scenarios mean)."""
    return (
        f"9 chances sur 10 de signer au moins {format_eur(p10)} d'ici {days} jours "
        "(scénario pessimiste) ; le scénario optimiste n'est dépassé qu'une fois sur 10."
    )


def eur_metric(column, label: str, amount: object, *, help: str | None = None,
               **options: object) -> None:
    """`st.metric` of an amount: compact French units past 10 M€ so the card never cuts
    the figure, the exact amount then in the tooltip."""
    shown, exact = format_eur_card(amount)
    if exact is not None:
        help = f"Valeur exacte : {exact}." + (f" {help}" if help else "")
    column.metric(label, shown, help=help, **options)


def column_missing(context: state.DashboardContext, field: str, section: str) -> bool:
    """True, with one line saying so, when the import has no value at all in `field`: the
    export lacks that column, and a section of one "(non renseigné)" bar would mislead
    (issue 12, item 5). Decided on the whole import, not the filtered deals."""
    deals = context.deals
    if deals is None or field not in deals or deals[field].notna().any():
        return False
    st.caption(f"{section} est masquée : l'export n'a pas de colonne "
               f"« {FIELD_LABELS.get(field, field)} ».")
    return True

"""The filter bar at the top of every data page: the sidebar filters in force as chips;
clicking a chip clears that filter (issue 12, item 2).

The chips are buttons whose callback assigns the filter widget's key its empty value
before the next run draws the sidebar (the same mechanism as « Réinitialiser les
filtres »: assigning, not deleting, so the browser does not send the old choice back).
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from business_logic.labels import DATE_FIELD_LABELS, filter_lines
from business_logic.metrics import DealFilters
from utils.escaping import markdown_text

#: Each filter widget's key and its "no filter" value (app.py draws the widgets).
FILTER_DEFAULTS: Final[dict[str, object]] = {
    "filter_status": [],
    "filter_source": [],
    "filter_sector": [],
    "filter_owner": [],
    "filter_date_field": next(iter(DATE_FIELD_LABELS)),
    "filter_date_range": (),
    "filter_text": "",
}
# filter_lines' name → the widget key a chip clears (any other name is the date range's,
# named after its date field).
_KEYS: Final = {"Statut": "filter_status", "Source": "filter_source",
                "Secteur": "filter_sector", "Commercial": "filter_owner",
                "Recherche": "filter_text"}
#: Pages the sidebar filters do not affect: they are not drawn there.
UNFILTERED_PAGES: Final = frozenset({"import", "reglages", "definitions"})


def clear(*keys: str) -> None:
    """A chip's callback: those filters back to "no filter"."""
    for key in keys:
        value = FILTER_DEFAULTS[key]
        st.session_state[key] = list(value) if isinstance(value, list) else value


def keep_filters() -> None:
    """Keep the filters' values while a page without them is shown: Streamlit forgets the
    state of a widget not drawn in a run unless the value is assigned through the Session
    State API (once per run, before the widgets)."""
    for key in FILTER_DEFAULTS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def chips(filters: DealFilters | None) -> list[tuple[str, str]]:
    """(widget key, chip label) of each filter in force, in the sidebar's order."""
    out = []
    for name, values in filter_lines(filters):
        if name == "Segment":  # no sidebar widget (the CLI's filter)
            continue
        out.append((_KEYS.get(name, "filter_date_range"), f"{name} : {values}"))
    return out


def draw(filters: DealFilters | None) -> None:
    """The chips under the page title (nothing when no filter is in force)."""
    active = chips(filters)
    if not active:
        return
    with st.container(horizontal=True, key="filter_bar", gap="small",
                      vertical_alignment="center"):
        st.caption("Filtres :", width="content")
        for key, label in active:
            st.button(markdown_text(label), key=f"chip_{key}", on_click=clear, args=(key,),
                      icon=":material/close:", help="Retirer ce filtre", type="secondary")
        if len(active) > 1:
            st.button("Tout effacer", key="chip_all", type="tertiary", on_click=clear,
                      args=tuple(key for key, _ in active))

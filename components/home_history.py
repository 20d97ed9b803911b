"""Accueil's history parts (docs/history.md): each headline card's change since the
previous import, and the short "Depuis le dernier import" block linking to Évolutions."""

from __future__ import annotations

import math
from collections.abc import Callable

import streamlit as st

from business_logic.metrics import HeadlineKpis
from business_logic.review_history import ReviewHistory
from business_logic.review_history import review_history as gather_review_history
from components import history_state
from utils.escaping import markdown_text
from utils.formatting import format_date, format_number
from utils.history_text import counts_sentence, matching_sentence, signed_eur, waterfall_summary

AMOUNTS = ("pipeline_gross", "pipeline_weighted", "won_value", "average_deal_size")
RATES = ("win_rate", "conversion_rate")
COUNTS = ("deals_total", "deals_open")


def _points(value: float) -> str:
    """A rate change in percentage points: `0.021` -> "+2,1 pts"."""
    shown = format_number(abs(value) * 100, 1)
    return f"{'+' if value >= 0 else '−'}{shown}\u00a0pt{'s' if abs(value) * 100 >= 2 else ''}"


def _delta(name: str, now: object, before: object) -> str | None:
    """The signed change, with an ASCII "-" for a fall: st.metric colours a delta red
    only when its text starts with one."""
    shown = _signed(name, now, before)
    return None if shown is None else shown.replace("−", "-", 1)


def _signed(name: str, now: object, before: object) -> str | None:
    if now is None or before is None:
        return None
    change = float(now) - float(before)
    if not math.isfinite(change):
        return None
    if name in AMOUNTS:
        return signed_eur(change)
    if name in RATES:
        return _points(change)
    return f"{'+' if change >= 0 else '−'}{format_number(abs(change))}"


def kpi_deltas(kpis: HeadlineKpis) -> tuple[dict[str, str | None], str | None]:
    """Each headline figure's change since the previous import (None without one), and
    the description shown under the deltas."""
    previous = history_state.previous_kpis()
    if previous is None:
        return {}, None
    deltas = {name: _delta(name, getattr(kpis, name), getattr(previous.kpis, name))
              for name in (*AMOUNTS, *RATES, *COUNTS)}
    return deltas, f"vs import du {previous.summary.exported_on:%d/%m}"


def since_last_import() -> None:
    """Counts of changes and the gross waterfall in one line, then a link to Évolutions."""
    diff = history_state.diff_with_previous()
    st.subheader("Depuis le dernier import")
    if diff is None:
        st.caption("Un seul import : à partir du prochain, vous verrez ici ce qui a changé "
                   "(affaires nouvelles, gagnées, perdues, glissées…).")
        return
    st.markdown(f"Du {format_date(diff.exported_a)} au {format_date(diff.exported_b)} : "
                f"{markdown_text(counts_sentence(diff))}")
    st.markdown(f"Pipeline brut : {markdown_text(waterfall_summary(diff.gross))}")
    st.caption(markdown_text(matching_sentence(diff)))
    st.page_link("components/evolutions.py", label="Voir toutes les évolutions",
                 icon=":material/compare_arrows:")


def review_history() -> Callable[[], ReviewHistory]:
    """The weekly PDF's history part (since the previous import, and the anomalies), to be
    computed when the PDF is: the comparison is already on Accueil, the history of every
    import is not (history_state.deferred_history)."""
    diff, history = history_state.diff_with_previous(), history_state.deferred_history()
    return lambda: gather_review_history(diff, history())

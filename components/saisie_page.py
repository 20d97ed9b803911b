"""The Affaires page of a saisie (docs/saisie.md): the editable table, the deal form, the
journal. components/deals.py calls `render` instead of its read-only table."""

from __future__ import annotations

import streamlit as st

from components import deal_editor, deal_form, deal_journal
from components.state import DashboardContext
from database import ImportSummary
from utils.escaping import markdown_text
from utils.formatting import format_import_label


def render(context: DashboardContext, summary: ImportSummary) -> None:
    import_id = summary.import_id
    st.caption(f"Saisie {markdown_text(format_import_label(summary))} : ses affaires se "
               "modifient ici ; chaque changement est journalisé et peut être annulé. Les "
               "imports, eux, ne changent jamais.")
    deal_editor.render(import_id, context.filtered)
    st.subheader("Ajouter ou modifier une affaire")
    deal_form.render(import_id, context.deals)
    st.subheader("Journal des changements")
    row = st.session_state.get(deal_form.ROW_KEY, deal_form.NEW)
    if row != deal_form.NEW:
        st.caption("Changements de l'affaire choisie ci-dessus.")
        deal_journal.render(import_id, row, key="journal_deal")
    deal_journal.undo_last_button(import_id)
    with st.expander("Tous les changements de la saisie", expanded=row == deal_form.NEW):
        deal_journal.render(import_id, key="journal_all")

"""CRM Dashboard — entry point: page config, the shared sidebar, then the page router.

Run with `streamlit run app.py`. The sidebar lives here so its widgets persist across pages
(style.md); each page is one module of `components/` with one `render()`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from business_logic.metrics import DealFilters, without_full_choices
from components import auth, filter_bar, french_ui, state
from utils.formatting import format_count, format_import_label, format_number
from utils.labels import DATE_FIELD_LABELS, field_label, status_label

HERE = Path(__file__).resolve().parent
PAGES_DIR = HERE / "components"

PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("home.py", "Accueil", ":material/home:", "accueil"),
    ("evolutions.py", "Évolutions", ":material/compare_arrows:", "evolutions"),
    ("pipeline.py", "Pipeline", ":material/filter_alt:", "pipeline"),
    ("marketing.py", "Marketing", ":material/campaign:", "marketing"),
    ("forecast.py", "Prévisions", ":material/trending_up:", "previsions"),
    ("objectives.py", "Objectifs", ":material/flag:", "objectifs"),
    ("simulator.py", "Simulateur", ":material/science:", "simulateur"),
    ("deals.py", "Affaires", ":material/table:", "affaires"),
    ("actions.py", "Actions prioritaires", ":material/task_alt:", "actions"),
    ("importer.py", "Import", ":material/upload_file:", "import"),
    ("settings.py", "Réglages", ":material/tune:", "reglages"),
    ("definitions.py", "Définitions", ":material/help:", "definitions"),
)

def reset_filters() -> None:
    """Put every filter widget back to "no filter" (a button callback, so before the widgets
    are drawn). Assigning the values, not deleting the keys: a deleted key leaves the
    browser showing the old choice, which it sends back on the next run."""
    filter_bar.clear(*filter_bar.FILTER_DEFAULTS)


def _import_choice(imports: list) -> tuple[int, object, str]:
    """The import selector; returns (id, imported_at, label) of the chosen snapshot."""
    by_id = {summary.import_id: summary for summary in imports}
    pending = st.session_state.pop(state.SELECT_IMPORT_KEY, None)
    if pending in by_id:
        st.session_state["import_id"] = pending
    elif st.session_state.get("import_id") not in by_id:
        st.session_state.pop("import_id", None)

    def label(import_id: int) -> str:
        return format_import_label(by_id[import_id])

    chosen = st.selectbox("Import", list(by_id), format_func=label, key="import_id",
                          help="Chaque import est un instantané : les anciens restent "
                          "consultables.")
    return chosen, by_id[chosen].imported_at, label(chosen)


def _filter_widgets(options) -> DealFilters:
    """The sidebar's filters (drawn only on the pages they affect)."""
    st.subheader("Filtres")
    statuses = st.multiselect(
        "Statut", options.statuses, format_func=status_label, key="filter_status",
        placeholder="Tous",
    )
    sources = st.multiselect("Source", options.sources, key="filter_source",
                             placeholder="Toutes")
    sectors = st.multiselect("Secteur", options.sectors, key="filter_sector",
                             placeholder="Tous")
    owners = st.multiselect("Commercial", options.owners, key="filter_owner",
                            placeholder="Tous")
    date_field = st.selectbox(
        "Période sur", list(DATE_FIELD_LABELS), format_func=field_label,
        key="filter_date_field",
    )
    date_range = st.date_input(
        "Période", value=(), key="filter_date_range", format="DD/MM/YYYY"
    )
    text = st.text_input(
        "Recherche", key="filter_text", placeholder="Affaire, entreprise, notes…"
    )
    st.button("Réinitialiser les filtres", on_click=reset_filters, key="reset_filters")
    start, end = (tuple(date_range) + (None, None))[:2] if date_range else (None, None)
    return without_full_choices(DealFilters(
        statuses=tuple(statuses),
        sources=tuple(sources),
        sectors=tuple(sectors),
        owners=tuple(owners),
        date_field=date_field,
        date_from=start,
        date_to=end,
        text=text.strip(),
    ), options)


def sidebar_context(page: str = "accueil") -> state.DashboardContext:
    """Draw the shared sidebar and compute the filtered frame every page receives; the
    filters only on the pages they affect (`page`: the url path of the page shown)."""
    filter_bar.keep_filters()
    imports = state.imports()
    with st.sidebar:
        as_of = st.date_input(
            "Date de référence", value=dt.date.today(), key="as_of", format="DD/MM/YYYY"
        )
        if not imports:
            st.caption("Aucun import pour l'instant : commencez par la page Import.")
            return state.DashboardContext(as_of=as_of)
        import_id, imported_at, import_label = _import_choice(imports)
        probabilities = state.stage_probabilities()
        deals = state.snapshot_frame(import_id, imported_at, probabilities)
        options = state.filter_options(import_id, imported_at, probabilities)

        filtered_page = page not in filter_bar.UNFILTERED_PAGES
        filters = _filter_widgets(options) if filtered_page else DealFilters()

    view = state.snapshot_view(import_id, imported_at, probabilities, filters)
    filtered = view.filtered
    if filtered_page and len(filtered) != len(deals):
        st.sidebar.caption(
            f"{format_count(len(filtered), 'affaire')} sur {format_number(len(deals))} "
            "après filtres."
        )
    return state.DashboardContext(
        as_of=as_of,
        import_id=import_id,
        import_label=import_label,
        deals=deals,
        filters=filters,
        filtered=filtered,
        prepared=view.prepared,
        currencies=view.currencies,
    )


def main() -> None:
    # An emoji favicon is drawn in the browser; a ":material/…:" one is fetched from
    # fonts.gstatic.com, and a local-first app sends nothing out.
    st.set_page_config(page_title="CRM Dashboard", page_icon="📊",
                       layout="wide")
    french_ui.install()
    if not auth.require_login():  # a deployed copy shows nothing before its password
        return
    if not state.database_ready():  # one French screen instead of pages (issue 7, item 14)
        return
    pages = [
        st.Page(PAGES_DIR / file, title=title, icon=icon, url_path=url, default=(i == 0))
        for i, (file, title, icon, url) in enumerate(PAGES)
    ]
    navigation = st.navigation(pages)
    try:
        context = sidebar_context(navigation.url_path)
    except Exception as error:  # the database is unreachable or a snapshot cannot be read
        st.sidebar.error(f"Impossible de charger les données : {error}")
        context = state.DashboardContext(as_of=dt.date.today())
    state.publish(context)
    navigation.run()


main()

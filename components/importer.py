"""Import: drop an export, check the preview and the column mapping, map unknown stages,
import, read the report; list and delete previous imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

import database
from business_logic import importing
from business_logic.columns import IGNORE, MAPPABLE_FIELDS
from components import notices, state, ui
from components.import_report import rejections, report_payload, show_report
from components.imports_list import REPORT_KEY, pick_newest_for_deletion, previous_imports
from components.stage_mapping import label_counts, stage_mapping_form
from database.import_flow import default_export_date, run_import
from utils.escaping import markdown_text
from utils.formatting import format_count
from utils.labels import field_label

FIELD_CHOICES = (IGNORE, *MAPPABLE_FIELDS)
DELIMITERS = {";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre verticale"}
RAW_KEY, UNKNOWN_KEY, UPLOADER_KEY = (
    "_import_raw", "_import_unknown_labels", "_import_uploader_round"
)


def _sheet_choice(uploaded) -> str | None:
    """For a workbook with several sheets, which one to read (default: the first)."""
    if not uploaded.name.lower().endswith(".xlsx"):
        return None
    names = importing.xlsx_sheet_names(uploaded.getvalue(), uploaded.name)
    if len(names) < 2:
        return None
    return st.selectbox("Feuille à importer", names, key=f"import_sheet_{uploaded.file_id}")


def _raw_table(uploaded, sheet: str | None) -> importing.RawTable:
    """Read the uploaded file once per (upload, sheet): kept in the session, not re-parsed
    on reruns."""
    cached = st.session_state.get(RAW_KEY)
    if cached and cached[0] == (uploaded.file_id, sheet):
        return cached[1]
    for key in [k for k in st.session_state if str(k).startswith(("import_map_", "stage_map_"))]:
        del st.session_state[key]
    st.session_state.pop(UNKNOWN_KEY, None)
    raw = importing.read_table(uploaded.getvalue(), uploaded.name, sheet=sheet)
    st.session_state[RAW_KEY] = ((uploaded.file_id, sheet), raw)
    return raw


def _detected_format(raw: importing.RawTable) -> None:
    parts = [f"{format_count(len(raw), 'ligne')} de données",
             f"{len(raw.headers)} colonnes"]
    if raw.encoding:
        parts.append(f"encodage {raw.encoding}")
    if raw.delimiter:
        parts.append(f"séparateur {DELIMITERS.get(raw.delimiter, repr(raw.delimiter))}")
    st.caption("Format détecté : " + " · ".join(parts))
    for warning in raw.warnings:
        st.warning(markdown_text(warning))


def _column_mapping(raw: importing.RawTable, engine) -> tuple[dict[str, str], dict[str, str]]:
    """One selectbox per file column; returns (mapping, the choices that differ from the
    suggestion — remembered for the next import)."""
    suggested = importing.suggest_mapping(raw.headers, database.get_column_mappings(engine))
    mapping: dict[str, str] = {}
    columns = st.columns(3)
    for i, header in enumerate(raw.headers):
        with columns[i % 3]:
            mapping[header] = st.selectbox(
                markdown_text(header), FIELD_CHOICES, index=FIELD_CHOICES.index(suggested[header]),
                format_func=field_label, key=f"import_map_{i}",
            )
    changed = {h: f for h, f in mapping.items() if f != suggested[h]}
    return mapping, changed


def _export_date(uploaded) -> dt.date:
    """The export date of the file (docs/history.md): from its name, else today; editable."""
    return st.date_input(
        "Date d'export du fichier", value=default_export_date(uploaded.name),
        key=f"import_exported_on_{uploaded.file_id}", format="DD/MM/YYYY",
        help="Le jour où le CRM a produit cet export (lue dans le nom du fichier quand il "
        "en contient une, sinon aujourd'hui). Les imports sont comparés dans l'ordre de "
        "cette date (page Évolutions).",
    )


def _import_name(uploaded) -> str | None:
    """The optional name of the import (shown in the import picker and the reports)."""
    name = st.text_input("Nom de l'import (facultatif)", max_chars=120,
                         key=f"import_name_{uploaded.file_id}",
                         placeholder="ex. Revue de novembre",
                         help="Remplace le nom du fichier dans la liste des imports ; "
                         "modifiable ensuite dans « Imports précédents ».")
    return name.strip() or None


def _run_import(uploaded, sheet: str | None, changed: dict[str, str],
                stage_overrides: dict[str, str] | None, engine,
                exported_on: dt.date | None = None, name: str | None = None) -> None:
    """The CLI's import flow (database.import_flow.run_import), its progress drawn live."""
    bar = st.progress(0.0, text="Préparation de l'import…")
    try:
        stored = run_import(
            engine, uploaded.getvalue(), uploaded.name, column_overrides=changed,
            stage_overrides=stage_overrides, sheet=sheet, exported_on=exported_on, name=name,
            progress=lambda fraction, message: bar.progress(fraction, text=message),
        )
    except importing.UnknownStageLabels as unknown:
        bar.empty()
        st.session_state[UNKNOWN_KEY] = unknown.labels
        st.rerun()
    except importing.ImportFailure as failure:
        bar.empty()
        st.error(markdown_text(str(failure)))
        if isinstance(failure, importing.NothingImported):
            rejections([e.to_dict() for e in failure.report.errors],
                        Path(uploaded.name).stem)
        return
    state.select_import_on_next_run(stored.import_id)
    pick_newest_for_deletion(stored.import_id)
    st.session_state.pop(UNKNOWN_KEY, None)
    st.session_state[REPORT_KEY] = report_payload(stored, name)  # every rejection listed
    notices.toast_after_rerun(f"Import n° {stored.import_id} enregistré : "
                              f"{format_count(stored.result.report.rows_imported, 'affaire')}.")
    st.session_state[UPLOADER_KEY] = st.session_state.get(UPLOADER_KEY, 0) + 1
    st.session_state.pop(RAW_KEY, None)
    st.rerun()


def render() -> None:
    notices.show_pending_toasts()
    st.title("Import")
    engine = state.engine()
    if not state.current().has_data:
        ui.empty_state()
    uploaded = st.file_uploader(
        "Déposez votre export CSV ou Excel (HubSpot, Pipedrive, Salesforce, Odoo, Zoho…)",
        type=["csv", "xlsx"], key=f"import_file_{st.session_state.get(UPLOADER_KEY, 0)}",
    )
    if uploaded is not None:
        sheet = _sheet_choice(uploaded)
        try:
            raw = _raw_table(uploaded, sheet)
        except importing.ImportFailure as failure:
            st.error(markdown_text(str(failure)))
        else:
            st.subheader("Aperçu des 10 premières lignes")
            _detected_format(raw)
            st.dataframe(raw.preview(10), key="import_preview")
            st.subheader("Correspondance des colonnes")
            mapping, changed = _column_mapping(raw, engine)
            unknown = st.session_state.get(UNKNOWN_KEY)
            stage_overrides = None
            exported_on = _export_date(uploaded)
            name = _import_name(uploaded)
            if unknown:
                stage_overrides = stage_mapping_form(label_counts(raw, mapping, unknown))
                run = stage_overrides is not None
            else:
                run = st.button("Importer", key="import_run", type="primary",
                                icon=":material/upload:")
            if run:
                _run_import(uploaded, sheet, changed, stage_overrides, engine, exported_on,
                            name)
    report = st.session_state.get(REPORT_KEY)
    if report:
        show_report(report)
    previous_imports(engine)


if __name__ == "__main__":
    ui.run_page(render)

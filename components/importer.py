"""Import: drop an export, check the preview and the column mapping, map unknown stages,
import, read the report; list and delete previous imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

import database
from business_logic import importing
from business_logic.columns import IGNORE, MAPPABLE_FIELDS
from business_logic.exporting import errors_frame, frame_to_csv
from components import state, ui
from components.stage_mapping import label_counts, stage_mapping_form
from database.import_flow import default_export_date, run_import
from utils.escaping import markdown_text
from utils.formatting import format_count, format_date
from utils.labels import field_label

FIELD_CHOICES = (IGNORE, *MAPPABLE_FIELDS)
DELIMITERS = {";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre verticale"}
RAW_KEY, UNKNOWN_KEY, REPORT_KEY, UPLOADER_KEY = (
    "_import_raw", "_import_unknown_labels", "_import_last_report", "_import_uploader_round"
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


def _run_import(uploaded, sheet: str | None, changed: dict[str, str],
                stage_overrides: dict[str, str] | None, engine,
                exported_on: dt.date | None = None) -> None:
    """The CLI's import flow (database.import_flow.run_import), its progress drawn live."""
    bar = st.progress(0.0, text="Préparation de l'import…")
    try:
        stored = run_import(
            engine, uploaded.getvalue(), uploaded.name, column_overrides=changed,
            stage_overrides=stage_overrides, sheet=sheet, exported_on=exported_on,
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
            _rejections([e.to_dict() for e in failure.report.errors],
                        Path(uploaded.name).stem)
        return
    state.select_import_on_next_run(stored.import_id)
    st.session_state.pop(UNKNOWN_KEY, None)
    st.session_state[REPORT_KEY] = stored.to_dict(error_limit=None)  # the page lists them all
    st.session_state[UPLOADER_KEY] = st.session_state.get(UPLOADER_KEY, 0) + 1
    st.session_state.pop(RAW_KEY, None)
    st.rerun()


def _report(report: dict) -> None:
    st.subheader(f"Rapport de l'import n° {report['import_id']} — "
                 f"{markdown_text(report['file_name'])}")
    row = st.columns(3)
    row[0].metric("Lignes lues", report["rows_read"], border=True)
    row[1].metric("Affaires importées", report["rows_imported"], border=True)
    row[2].metric("Lignes rejetées", report["rows_rejected"], border=True)
    st.page_link("components/home.py", label="Voir le tableau de bord",
                 icon=":material/arrow_forward:")
    for warning in report["warnings"]:
        st.warning(markdown_text(warning))
    if report["errors"]:
        _rejections(report["errors"], f"import_{report['import_id']}")


def _rejections(errors: list[dict], name: str) -> None:
    """Every rejected row (line, column, value, reason), shown and downloadable."""
    frame = errors_frame(errors)
    st.dataframe(frame, key="import_errors", hide_index=True)
    st.download_button("Télécharger les lignes rejetées (CSV)", frame_to_csv(frame),
                       file_name=f"rejets_{name}.csv", mime="text/csv",
                       key="import_errors_download", icon=":material/download:")


def _previous_imports(engine) -> None:
    imports = state.imports()
    st.subheader("Imports précédents")
    if not imports:
        st.caption("Aucun import pour l'instant.")
        return
    table = pd.DataFrame(
        {
            "N°": [i.import_id for i in imports],
            "Fichier": [i.file_name for i in imports],
            "Nom": [i.name or "" for i in imports],
            "Date d'export": [format_date(i.exported_on) for i in imports],
            "Importé le": [format_date(i.imported_at) for i in imports],
            "Lignes lues": [i.rows_read for i in imports],
            "Importées": [i.rows_imported for i in imports],
            "Rejetées": [i.rows_rejected for i in imports],
        }
    )
    st.dataframe(table, key="import_list", hide_index=True)
    _edit_export_date(engine, imports)
    left, middle, right = st.columns([2, 1, 1], vertical_alignment="bottom")
    target = left.selectbox("Supprimer l'import", [i.import_id for i in imports],
                            format_func=lambda n: f"n° {n}", key="import_delete_choice")
    confirmed = middle.checkbox("Je confirme", key="import_delete_confirm",
                                help="La suppression est définitive.")
    if right.button("Supprimer", key="import_delete", icon=":material/delete:",
                    disabled=not confirmed):
        database.delete_import(engine, target)
        state.clear_snapshot_caches()
        st.session_state.pop(REPORT_KEY, None)
        st.rerun()


def _edit_export_date(engine, imports: list) -> None:
    """Change an import's export date (it orders the snapshots: docs/history.md)."""
    by_id = {i.import_id: i for i in imports}
    left, middle, right = st.columns([2, 1, 1], vertical_alignment="bottom")
    target = left.selectbox("Changer la date d'export de l'import", list(by_id),
                            format_func=lambda n: f"n° {n}", key="import_date_choice")
    chosen = middle.date_input("Nouvelle date d'export", value=by_id[target].exported_on,
                               key=f"import_date_value_{target}", format="DD/MM/YYYY")
    if right.button("Enregistrer la date", key="import_date_save", icon=":material/event:",
                    disabled=chosen == by_id[target].exported_on):
        database.set_exported_on(engine, target, chosen)
        state.clear_snapshot_caches()
        st.rerun()


def render() -> None:
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
            if unknown:
                stage_overrides = stage_mapping_form(label_counts(raw, mapping, unknown))
                run = stage_overrides is not None
            else:
                run = st.button("Importer", key="import_run", type="primary",
                                icon=":material/upload:")
            if run:
                _run_import(uploaded, sheet, changed, stage_overrides, engine, exported_on)
    report = st.session_state.get(REPORT_KEY)
    if report:
        _report(report)
    _previous_imports(engine)


if __name__ == "__main__":
    ui.run_page(render)

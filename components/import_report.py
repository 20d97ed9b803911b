"""Import › the report of the import just made (issue 12, item 8): rows read, imported,
rejected; the open / won / lost split with counts and amounts in the main currency; how
each stage label of the file was mapped; warnings and every rejected row."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from business_logic.exporting import errors_frame, frame_to_csv
from business_logic.importing.contents import import_contents
from components import state
from database.import_flow import StoredImport
from utils.escaping import markdown_text
from utils.formatting import format_count, format_date, format_datetime, format_eur, format_number
from utils.labels import stage_label

STATUS_TITLES = {"open": "En cours", "won": "Gagnées", "lost": "Perdues"}
NO_LABEL = "(sans étape)"


def report_payload(stored: StoredImport, name: str | None) -> dict[str, Any]:
    """What the page keeps in the session to draw the report after its rerun."""
    return {**stored.to_dict(error_limit=None), "name": name,
            "contents": import_contents(stored.result.deals).to_dict()}


def _amount(value: float, currency: str | None) -> str:
    if currency in (None, "EUR"):
        return format_eur(value)
    return f"{format_number(value)}\u00a0{currency}"


def _split(contents: dict[str, Any]) -> None:
    currency = contents["currency"]
    columns = st.columns(len(contents["by_status"]))
    for column, total in zip(columns, contents["by_status"], strict=True):
        column.metric(f"{STATUS_TITLES[total['status']]} · "
                      f"{format_count(total['deals'], 'affaire')}",
                      _amount(total["amount"], currency), border=True)
    others = contents["other_currency_deals"]
    if others:
        st.caption(f"Montants en {currency} ; {format_count(others, 'affaire')} dans une "
                   "autre devise n'y sont pas ajoutées (elles sont bien importées).")


def _stage_mapping(contents: dict[str, Any]) -> None:
    st.markdown("**Correspondance des étapes**")
    table = pd.DataFrame({
        "Libellé dans le fichier": [use["label"] if use["label"] is not None else NO_LABEL
                                    for use in contents["stage_labels"]],
        "Étape retenue": [stage_label(use["stage"]) for use in contents["stage_labels"]],
        "Affaires": [use["deals"] for use in contents["stage_labels"]],
    })
    st.dataframe(table, key="import_stage_mapping", hide_index=True)


def _when(import_id: int) -> str | None:
    summary = next((s for s in state.imports() if s.import_id == import_id), None)
    if summary is None:
        return None
    return (f"importé le {format_datetime(summary.imported_at)} · date d'export "
            f"{format_date(summary.exported_on)}")


def show_report(report: dict[str, Any]) -> None:
    title = report.get("name") or report["file_name"]
    st.subheader(f"Rapport de l'import n° {report['import_id']} — {markdown_text(title)}")
    details = [f"fichier {markdown_text(report['file_name'])}"] if report.get("name") else []
    details += [when] if (when := _when(report["import_id"])) else []
    if details:
        text = " · ".join(details)
        st.caption(text[0].upper() + text[1:])
    row = st.columns(3)
    row[0].metric("Lignes lues", report["rows_read"], border=True)
    row[1].metric("Affaires importées", report["rows_imported"], border=True)
    row[2].metric("Lignes rejetées", report["rows_rejected"], border=True)
    contents = report.get("contents")
    if contents:
        _split(contents)
        _stage_mapping(contents)
    st.page_link("components/home.py", label="Voir le tableau de bord",
                 icon=":material/arrow_forward:")
    for warning in report["warnings"]:
        st.warning(markdown_text(warning))
    if report["errors"]:
        rejections(report["errors"], f"import_{report['import_id']}")


def rejections(errors: list[dict], name: str) -> None:
    """Every rejected row (line, column, value, reason), shown and downloadable."""
    frame = errors_frame(errors)
    st.dataframe(frame, key="import_errors", hide_index=True)
    st.download_button("Télécharger les lignes rejetées (CSV)", frame_to_csv(frame),
                       file_name=f"rejets_{name}.csv", mime="text/csv",
                       key="import_errors_download", icon=":material/download:")


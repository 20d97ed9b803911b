"""The workbook as a board reads it (issue 12, item 3): real euro, percent and date formats,
fitted widths, frozen header, autofilter, and the filters in force on "Synthèse"."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from business_logic import metrics
from business_logic.exporting import frames_to_xlsx
from business_logic.workbook import workbook_sheets
from business_logic.xlsx_layout import DATE_FORMAT, EURO_FORMAT, PERCENT_FORMAT
from tests.reporting.frames import WEEK, D

FILTERS = metrics.DealFilters(statuses=("won", "open"), sources=("Salon",),
                              date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 6, 30))


@pytest.fixture(scope="module")
def workbook() -> openpyxl.Workbook:
    data = frames_to_xlsx(workbook_sheets(WEEK, D, filters=FILTERS))
    return openpyxl.load_workbook(io.BytesIO(data))


def _column(sheet, header: str) -> int:
    return [c.value for c in sheet[1]].index(header) + 1


def test_amounts_are_in_euro_format(workbook) -> None:
    deals = workbook["Affaires"]
    cell = deals.cell(row=2, column=_column(deals, "Montant"))
    assert isinstance(cell.value, int | float)
    assert cell.number_format == EURO_FORMAT


def test_rates_are_percentages_not_raw_fractions(workbook) -> None:
    sources = workbook["Par source"]
    cell = sources.cell(row=2, column=_column(sources, "Taux de réussite"))
    assert cell.number_format == PERCENT_FORMAT == "0.0%"


def test_dates_are_real_dates_in_french_order(workbook) -> None:
    deals = workbook["Affaires"]
    cell = deals.cell(row=2, column=_column(deals, "Date de création"))
    assert isinstance(cell.value, dt.datetime | dt.date)
    assert cell.number_format == DATE_FORMAT


def test_header_frozen_and_filterable_on_every_table(workbook) -> None:
    for name in ("Affaires", "Par étape", "Par source", "Actions"):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref == sheet.dimensions, name


def test_columns_are_wider_than_the_default(workbook) -> None:
    deals = workbook["Affaires"]
    width = deals.column_dimensions["B"].width  # "Affaire": names like "Alpha"
    assert width is not None and width > 8.43


def test_summary_lists_kpis_in_their_formats_and_the_filters(workbook) -> None:
    summary = workbook["Synthèse"]
    rows = {label.value: value for label, value in summary.iter_rows(min_row=2, max_col=2)}
    assert rows["Chiffre signé (€)"].number_format == EURO_FORMAT
    assert rows["Taux de réussite"].number_format == PERCENT_FORMAT
    assert rows["Filtre : Statut"].value == "Gagnée, En cours"
    assert rows["Filtre : Source"].value == "Salon"
    assert rows["Filtre : Date de création"].value == "du 01/01/2026 au 30/06/2026"


def test_summary_says_when_no_filter_is_in_force() -> None:
    summary = workbook_sheets(WEEK, D)["Synthèse"].set_index("Indicateur")["Valeur"]
    assert summary["Filtres"] == "aucun (toutes les affaires)"

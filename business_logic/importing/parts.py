"""The rows start..stop of a planned build, and the report of all of them (docs/definitions.md).

`build_deals` builds a file as one part; `chunked.ChunkedBuild` as consecutive parts, each
stored while the next is checked. The steps make their whole-column choices (decimal mark,
date order, scale of the probabilities) from the part's own values and record the votes;
`finish` makes each choice from the votes of every part — what one part over the whole file
would choose — and raises `PartsDisagree` if a part chose otherwise (its rows would not be
what the whole file gives: the caller builds it again whole). Warnings are worded here,
once, from the rows every part flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from business_logic.columns import IGNORE, STATUSES, coerce_canonical_dtypes
from business_logic.importing.dates import day_month_order
from business_logic.importing.derive import derive_status_and_stage, names
from business_logic.importing.errors import ImportFailure, RowError
from business_logic.importing.field_steps import (
    Build,
    Errors,
    convert_amount,
    convert_currency,
    convert_dates,
    convert_deal_id,
    convert_probability,
    convert_status,
    copy_text_fields,
    reject_oversized_cells,
    text,
    warn_derived_stages,
)
from business_logic.importing.numbers import decimal_of
from business_logic.importing.report import ImportReport
from business_logic.importing.stage_dates import convert_entry_dates, unknown_stage_date_warnings
from business_logic.importing.table import RawTable, footer_warning
from business_logic.stages import STAGE_LABELS_FR, STAGE_ORDER

if TYPE_CHECKING:
    from business_logic.importing.building import Plan


class PartsDisagree(Exception):  # noqa: N818 — a signal to the caller, never shown
    """A part chose a decimal mark, date order or scale the whole file does not: build the
    file again as one part."""


@dataclass
class Part:
    """What `build_part` made of rows start..stop."""

    deals: pd.DataFrame  # canonical, the part's kept rows
    rows: int
    errors: list[tuple[int, int, RowError]]
    rejected: np.ndarray
    footers: np.ndarray
    choices: list
    flagged: dict[str, np.ndarray]


def build_part(plan: Plan, start: int, stop: int) -> Part:
    """Validate and convert rows start..stop of `plan.raw` (the footer candidates, if any,
    must all be in the last part)."""
    raw = _raw_rows(plan.raw, start, stop)
    columns = {name: column.rows(start, stop) for name, column in plan.columns.items()}
    candidates = plan.candidates[start:stop]
    labels = plan.labels.iloc[start:stop].reset_index(drop=True)
    reached = plan.reached[start:stop]
    build = Build(raw=raw, columns=columns, errors=Errors(raw), warnings=[], detected={})
    refused = _refused_at_reading(raw)
    build.errors.rejected |= refused | (candidates & plan.unknown_label[start:stop])
    reject_oversized_cells(build)
    symbol_currency = convert_amount(build)
    convert_dates(build)
    convert_entry_dates(build)
    explicit_status = convert_status(build, labels)
    convert_deal_id(build, None if plan.first_rows is None else plan.first_rows[start:stop])
    derived = derive_status_and_stage(reached, explicit_status)
    warn_derived_stages(build, derived)
    convert_probability(build, derived, plan.stage_probabilities)
    convert_currency(build, symbol_currency)
    copy_text_fields(build)
    footers = _settle_read_errors_and_footers(build, refused, candidates)

    out = build.out
    if "closed_date" not in columns and "expected_close_date" in columns:
        # docs/definitions.md: closed_date falls back to expected_close_date for closed deals.
        out["closed_date"] = np.where(derived.closed, out["expected_close_date"],
                                      np.datetime64("NaT"))
    out["stage_label"] = text(labels)
    out["stage"] = names(derived.stage, STAGE_ORDER)
    out["stage_reached"] = names(reached, STAGE_ORDER)
    out["status"] = names(derived.status, STATUSES)
    out["source_row"] = raw.row_numbers
    keep = ~build.errors.rejected
    frame = pd.DataFrame({name: _kept(values, keep) for name, values in out.items()})
    return Part(deals=coerce_canonical_dtypes(frame), rows=len(raw), errors=build.errors.items,
                rejected=build.errors.rejected, footers=footers, choices=build.choices,
                flagged=build.flagged)


def finish(plan: Plan, parts: list[Part]) -> ImportReport:
    """The report of the whole file from its parts (in order); raises PartsDisagree."""
    raw = plan.raw
    footers = np.concatenate([part.footers for part in parts])
    if footers.all():
        raise ImportFailure(f"« {raw.file_name} » ne contient aucune ligne de données.")
    rejected = np.concatenate([part.rejected for part in parts])
    detected, date_warnings = _choices(raw, [part.choices for part in parts])
    detected = {"encoding": raw.encoding, "delimiter": raw.delimiter, **detected,
                "columns": {h: plan.mapping.get(h, IGNORE) for h in raw.headers}}
    warnings = list(raw.warnings)
    footer_rows = raw.row_numbers[footers].tolist()
    if footer_rows or raw.footer_blank_rows:
        warnings.append(footer_warning([*footer_rows, *raw.footer_blank_rows]))
    warnings += date_warnings
    warnings += unknown_stage_date_warnings(raw.headers, plan.mapping)
    warnings += _flag_warnings(raw, parts)
    items = [item for part in parts for item in part.errors]
    return ImportReport(
        detected=detected,
        rows_read=len(raw) - int(footers.sum()),
        rows_imported=sum(len(part.deals) for part in parts),
        rows_rejected=int((rejected & ~footers).sum()),
        errors=[error for _, _, error in sorted(items, key=lambda item: item[:2])],
        warnings=warnings,
    )


def _choices(raw: RawTable, per_part: list[list]) -> tuple[dict[str, object], list[str]]:
    """decimal, date_order and date_orders of the whole file, and its date warnings."""
    default = "." if raw.delimiter == "," else ","
    finals: dict[tuple[str, tuple[str, ...]], object] = {}
    ambiguous: list[tuple[str, ...]] = []
    for index, (what, headers, _, _) in enumerate(per_part[0]):
        made = [choices[index] for choices in per_part]
        votes = [m[2] for m in made if m[2] is not None]
        summed = (sum(v[0] for v in votes), sum(v[1] for v in votes))
        used = [m[3] for m in made if m[3] is not None]
        if what == "date":
            final = (day_month_order(summed) if votes else "ISO" if used else None)
            if votes and summed == (0, 0):
                ambiguous.append(headers)
        elif what == "scale":
            final = any(used)
        elif votes:
            final = decimal_of(summed, default)
            used = [m[3] for m in made if m[2] is not None]  # a part with no mark chose none
        else:  # no cell voted: the default, or "." for numbers typed in a spreadsheet
            final = made[0][3]
        if any(choice != final for choice in used):
            raise PartsDisagree(f"{what} {headers}")
        finals[(what, headers)] = final
    decimals = [v for (what, _), v in finals.items() if what == "decimal"] + [
        v for (what, _), v in finals.items() if what == "probability_decimal"]
    date_orders = {header: order for (what, headers), order in finals.items()
                   if what == "date" and order for header in headers}
    orders = [o for o in date_orders.values() if o != "ISO"]
    detected = {"decimal": decimals[0] if decimals else None,
                "date_order": orders[0] if orders else ("ISO" if date_orders else None),
                "date_orders": date_orders}
    warnings = [f"Colonne « {', '.join(headers)} » : aucune date ne distingue le jour du "
                "mois ; ordre JJ/MM/AAAA (français) retenu." for headers in ambiguous]
    return detected, warnings


def _flag_warnings(raw: RawTable, parts: list[Part]) -> list[str]:
    def flagged(name: str) -> np.ndarray | None:
        if name not in parts[0].flagged:
            return None
        rows = np.concatenate([part.flagged[name] for part in parts])
        return rows if rows.any() else None

    warnings = []
    if (rows := flagged("contradicted")) is not None:
        warnings.append(
            f"{int(rows.sum())} affaire(s) au statut ouvert dont l'étape indique "
            f"gagné/perdu, classée(s) en « {STAGE_LABELS_FR['negotiation']} » : "
            f"{rows_text(raw, rows)}.")
    if (rows := flagged("without_stage")) is not None:
        warnings.append(
            f"{int(rows.sum())} affaire(s) ouverte(s) sans étape, classée(s) en "
            f"« {STAGE_LABELS_FR['prospect']} » : {rows_text(raw, rows)}.")
    if (rows := flagged("probability")) is not None:
        warnings.append(
            f"Probabilité illisible ou hors de 0–100 % pour {int(rows.sum())} affaire(s), "
            f"probabilité de l'étape utilisée : {rows_text(raw, rows)}.")
    return warnings


def rows_text(raw: RawTable, mask: np.ndarray, limit: int = 10) -> str:
    rows = raw.row_numbers[mask]
    shown = ", ".join(str(int(r)) for r in rows[:limit])
    more = f" et {len(rows) - limit} autre(s)" if len(rows) > limit else ""
    return f"ligne(s) {shown}{more}"


def _raw_rows(raw: RawTable, start: int, stop: int) -> RawTable:
    if start == 0 and stop == len(raw):
        return raw
    last = stop == len(raw)
    first_row, stop_row = raw.row_numbers[start], (
        raw.row_numbers[stop] if stop < len(raw) else np.iinfo(np.int64).max)
    return replace(
        raw,
        cells=raw.cells.iloc[start:stop].reset_index(drop=True),
        row_numbers=raw.row_numbers[start:stop],
        warnings=[],
        footer_candidates=raw.footer_candidates if last else 0,
        footer_blank_rows=raw.footer_blank_rows if last else [],
        cell_errors=[e for e in raw.cell_errors if first_row <= e.row < stop_row],
        cell_kinds={h: kinds[start:stop] for h, kinds in raw.cell_kinds.items()},
    )


def _refused_at_reading(raw: RawTable) -> np.ndarray:
    refused = np.zeros(len(raw), dtype=bool)
    if raw.cell_errors:
        refused[np.searchsorted(raw.row_numbers, [e.row for e in raw.cell_errors])] = True
    return refused


def _settle_read_errors_and_footers(build: Build, refused: np.ndarray, candidates: np.ndarray
                                    ) -> np.ndarray:
    """Report the cells refused at reading (their rows' other errors are consequences of
    the emptied cell, so only the reading error is kept), then drop as footers the trailing
    candidates that are not valid deals (docs/definitions.md). Returns the footer mask."""
    raw, errors = build.raw, build.errors
    if raw.cell_errors:
        order = {h: i for i, h in enumerate(raw.headers)}
        refused_rows = set(raw.row_numbers[refused].tolist())
        errors.items = [item for item in errors.items if item[0] not in refused_rows]
        errors.items += [(e.row, order[e.column], e) for e in raw.cell_errors]
    footers = candidates & errors.rejected & ~refused
    if footers.any():
        footer_rows = set(raw.row_numbers[footers].tolist())
        errors.items = [item for item in errors.items if item[0] not in footer_rows]
    return footers


def _kept(values: pd.Series | np.ndarray, keep: np.ndarray) -> pd.Series | np.ndarray:
    if isinstance(values, pd.Series):
        return values.reset_index(drop=True) if keep.all() else values[keep].reset_index(drop=True)
    return values if keep.all() else np.asarray(values)[keep]

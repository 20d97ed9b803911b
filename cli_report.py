"""`cli.py report` (docs/cli.md): the weekly review (PDF), the workbook (XLSX) or the
filtered deals (CSV) of an import, with the filters, thresholds and action states in force."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def _import_label(engine: Any, import_id: int) -> str:
    from database import list_imports
    from utils.formatting import format_import_label

    summary = next((s for s in list_imports(engine) if s.import_id == import_id), None)
    return f"n° {import_id}" if summary is None else format_import_label(summary)


def cmd_report(args: argparse.Namespace) -> int:
    from business_logic.exporting import frame_to_csv, frames_to_xlsx
    from business_logic.metrics import apply_filters, main_currency
    from business_logic.weekly_review import build_weekly_review
    from business_logic.workbook import deals_export_frame, workbook_sheets
    from cli import EXIT_OK, CliError, _as_of, _chosen_import, _filters
    from database import get_engine, get_thresholds, load_deals
    from database.action_states import get_action_states

    as_of = _as_of(args.as_of)
    filters = _filters(args)
    output = Path(args.output)
    if output.is_dir() or not output.parent.is_dir():
        raise CliError(f"Impossible d'écrire {output} : dossier introuvable ou chemin "
                       "occupé par un dossier.")
    engine = get_engine()
    import_id = _chosen_import(engine, args.import_id)
    snapshot = load_deals(engine, import_id)
    deals = apply_filters(snapshot, filters)
    currency = main_currency(snapshot)  # totals in the file's main currency, whatever the filters
    thresholds = get_thresholds(engine)
    if args.format == "csv":
        data = frame_to_csv(deals_export_frame(deals))
    elif args.format == "xlsx":
        data = frames_to_xlsx(workbook_sheets(deals, as_of, thresholds, currency=currency,
                                              filters=filters,
                                              action_states=get_action_states(engine)))
    else:
        from cli_history import report_history
        from cli_planning import review_targets
        from utils.pdf_review import render_weekly_review

        label = _import_label(engine, import_id)
        review = build_weekly_review(deals, as_of, label, thresholds, currency=currency,
                                     filters=filters, action_states=get_action_states(engine),
                                     targets=review_targets(engine, filters),
                                     history=report_history(engine, import_id, filters))
        data = render_weekly_review(review)
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise CliError(f"Impossible d'écrire {output} : {exc.strerror or exc}") from exc
    print(f"{output} écrit ({len(deals)} affaires, import n°{import_id}, au {as_of}).")
    return EXIT_OK

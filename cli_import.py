"""`cli.py import` (docs/cli.md): the file becomes a snapshot through the same flow as the
Import page (database.import_flow.run_import); rejections printed, capped, or written in
full with `--errors-file`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from business_logic.columns import IGNORE, MAPPABLE_FIELDS
from business_logic.stages import STAGE_ORDER
from cli import EXIT_OK, CliError, _pairs, _print_json
from services import parse_date

ERRORS_PRINTED = 20


def _writable_path(value: str | None, option: str) -> Path | None:
    if value is None:
        return None
    path = Path(value)
    if path.is_dir() or not path.parent.is_dir():
        raise CliError(f"{option} : impossible d'écrire {path} (dossier introuvable ou chemin "
                       "occupé par un dossier).")
    return path


def _write_rejections(path: Path | None, report: Any) -> None:
    """Every rejected row (line, column, value, reason) as a CSV for French Excel."""
    if path is None:
        return
    from business_logic.exporting import errors_frame, frame_to_csv

    try:
        path.write_bytes(frame_to_csv(errors_frame(e.to_dict() for e in report.errors)))
    except OSError as exc:
        raise CliError(f"Impossible d'écrire {path} : {exc.strerror or exc}") from exc


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def import_command(args: argparse.Namespace) -> int:
    """`import PATH`: one snapshot, or exit 2 with one French line (docs/cli.md)."""
    from business_logic.importing import NothingImported
    from business_logic.importing.errors import excerpt
    from database import get_engine
    from database.import_flow import run_import

    path = Path(args.path)
    if not path.is_file():
        raise CliError(f"Fichier introuvable : {path}")
    errors_file = _writable_path(args.errors_file, "--errors-file")
    column_overrides = _pairs(args.map, "--map", (*MAPPABLE_FIELDS, IGNORE))
    stage_overrides = _pairs(args.stage, "--stage", STAGE_ORDER)
    try:
        stored = run_import(
            get_engine(),
            path.read_bytes(),
            path.name,
            column_overrides=column_overrides,
            stage_overrides=stage_overrides,
            name=args.name,
            sheet=args.sheet,
            exported_on=parse_date(args.exported_on, "--exported-on"),
        )
    except NothingImported as nothing:
        _write_rejections(errors_file, nothing.report)
        hint = (f" Liste des rejets écrite dans {errors_file}." if errors_file else
                " Liste complète des rejets : --errors-file FICHIER.csv.")
        raise CliError(f"{nothing}{hint}") from None
    report = stored.result.report
    try:
        _write_rejections(errors_file, report)
    except CliError as failure:  # the import is stored: say so, but it succeeded
        print(f"Attention : {failure}", file=sys.stderr)
        errors_file = None
    payload = stored.to_dict()
    total = len(report.errors)
    if args.json:
        _print_json(payload)
        if total > len(payload["errors"]) and errors_file is None:
            print(f"Attention : {_count(total)} lignes rejetées, les {len(payload['errors'])} "
                  "premières seulement dans le JSON ; liste complète : --errors-file "
                  "FICHIER.csv.", file=sys.stderr)
        return EXIT_OK
    print(
        f"Import n°{payload['import_id']} : {payload['rows_imported']} affaires importées, "
        f"{payload['rows_rejected']} rejetées sur {payload['rows_read']} lignes lues."
    )
    for error in report.errors[:ERRORS_PRINTED]:
        print(f"  ligne {error.row}, colonne {excerpt(error.column, 60)!r}, "
              f"valeur {excerpt(error.value, 60)!r} : {error.message}")
    if total > ERRORS_PRINTED:
        where = (f"liste complète dans {errors_file}" if errors_file
                 else "liste complète : --errors-file FICHIER.csv")
        print(f"  … et {_count(total - ERRORS_PRINTED)} autre(s) rejet(s) ({where}).")
    elif errors_file is not None and total:
        print(f"  Rejets écrits dans {errors_file}.")
    for warning in payload["warnings"]:
        print(f"  attention : {warning}")
    return EXIT_OK

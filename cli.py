"""CRM Dashboard without a browser: import, imports, delete-import, kpis, report
(shared/spec/cli.md).

Thin over the library: it parses arguments, calls `database` and `business_logic`, prints.
Exit codes: 0 success, 2 nothing done (unreadable file, unknown labels, no import…), with
a one-line reason on stderr — never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from business_logic.columns import IGNORE, MAPPABLE_FIELDS
from business_logic.stages import STAGE_ORDER

EXIT_OK = 0
EXIT_FAILED = 2


class CliError(Exception):
    """A failure to report on one line, then exit 2."""


def _pairs(values: Sequence[str] | None, option: str, allowed: Sequence[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values or ():
        key, sep, target = value.rpartition("=")
        if not sep or not key.strip():
            raise CliError(f"{option} attend LIBELLÉ=VALEUR, reçu {value!r}")
        if target.strip() not in allowed:
            raise CliError(
                f"{option} {value!r} : {target.strip()!r} n'est pas parmi {', '.join(allowed)}"
            )
        pairs[key.strip()] = target.strip()
    return pairs


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CliError(f"--as-of attend une date AAAA-MM-JJ, reçu {value!r}") from exc


def _print_json(payload: Any) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_import(args: argparse.Namespace) -> int:
    from database import get_engine
    from database.import_flow import run_import

    path = Path(args.path)
    if not path.is_file():
        raise CliError(f"Fichier introuvable : {path}")
    column_overrides = _pairs(args.map, "--map", (*MAPPABLE_FIELDS, IGNORE))
    stage_overrides = _pairs(args.stage, "--stage", STAGE_ORDER)
    stored = run_import(
        get_engine(),
        path.read_bytes(),
        path.name,
        column_overrides=column_overrides,
        stage_overrides=stage_overrides,
        name=args.name,
        sheet=args.sheet,
    )
    payload = stored.to_dict()
    if args.json:
        _print_json(payload)
    else:
        print(
            f"Import n°{payload['import_id']} : {payload['rows_imported']} affaires importées, "
            f"{payload['rows_rejected']} rejetées sur {payload['rows_read']} lignes lues."
        )
        for error in payload["errors"][:20]:
            print(f"  ligne {error['row']}, colonne {error['column']!r}, "
                  f"valeur {error['value']!r} : {error['message']}")
        for warning in payload["warnings"]:
            print(f"  attention : {warning}")
    return EXIT_OK


def cmd_imports(args: argparse.Namespace) -> int:
    from database import get_engine, list_imports

    summaries = list_imports(get_engine())
    if args.json:
        _print_json([summary.to_dict() for summary in summaries])
    elif not summaries:
        print("Aucun import pour l'instant.")
    else:
        for s in summaries:
            print(f"{s.import_id:>5}  {s.imported_at:%Y-%m-%d %H:%M}  {s.file_name}  "
                  f"{s.rows_imported} affaires, {s.rows_rejected} rejetées")
    return EXIT_OK


def cmd_delete_import(args: argparse.Namespace) -> int:
    from database import delete_import, get_engine

    if not delete_import(get_engine(), args.import_id):
        raise CliError(f"Import n°{args.import_id} introuvable.")
    print(f"Import n°{args.import_id} supprimé.")
    return EXIT_OK


def _chosen_import(engine: Any, import_id: int | None) -> int:
    from database import import_exists, latest_import_id

    if import_id is None:
        latest = latest_import_id(engine)
        if latest is None:
            raise CliError("Aucun import : lancez d'abord `python cli.py import FICHIER`.")
        return latest
    if not import_exists(engine, import_id):
        raise CliError(f"Import n°{import_id} introuvable.")
    return import_id


def cmd_kpis(args: argparse.Namespace) -> int:
    from business_logic.metrics import apply_filters, kpis_payload
    from database import get_engine, load_deals

    as_of = _as_of(args.as_of)
    engine = get_engine()
    import_id = _chosen_import(engine, args.import_id)
    deals = apply_filters(load_deals(engine, import_id), _filters(args))
    payload = kpis_payload(deals, as_of, import_id)
    if args.json:
        _print_json(payload)
    else:
        for key, value in payload.items():
            if not isinstance(value, (dict, list)):
                print(f"{key:>20} : {value}")
    return EXIT_OK


def _filters(args: argparse.Namespace) -> Any:
    """--status/--source/--sector/--owner, as `kpis` reads them."""
    from business_logic.metrics import DealFilters

    return DealFilters(
        statuses=tuple(args.status or ()),
        sources=tuple(args.source or ()),
        sectors=tuple(args.sector or ()),
        owners=tuple(args.owner or ()),
    )


REPORT_FORMATS = ("pdf", "xlsx", "csv")


def _import_label(engine: Any, import_id: int) -> str:
    from database import list_imports
    from utils.formatting import format_import_label

    summary = next((s for s in list_imports(engine) if s.import_id == import_id), None)
    return f"n° {import_id}" if summary is None else format_import_label(summary)


def cmd_report(args: argparse.Namespace) -> int:
    from business_logic.exporting import frame_to_csv, frames_to_xlsx
    from business_logic.metrics import apply_filters
    from business_logic.weekly_review import (
        build_weekly_review,
        deals_export_frame,
        workbook_sheets,
    )
    from database import get_engine, load_deals

    as_of = _as_of(args.as_of)
    output = Path(args.output)
    if output.is_dir() or not output.parent.is_dir():
        raise CliError(f"Impossible d'écrire {output} : dossier introuvable ou chemin "
                       "occupé par un dossier.")
    engine = get_engine()
    import_id = _chosen_import(engine, args.import_id)
    deals = apply_filters(load_deals(engine, import_id), _filters(args))
    if args.format == "csv":
        data = frame_to_csv(deals_export_frame(deals))
    elif args.format == "xlsx":
        data = frames_to_xlsx(workbook_sheets(deals, as_of))
    else:
        from utils.pdf_review import render_weekly_review

        review = build_weekly_review(deals, as_of, _import_label(engine, import_id))
        data = render_weekly_review(review)
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise CliError(f"Impossible d'écrire {output} : {exc.strerror or exc}") from exc
    print(f"{output} écrit ({len(deals)} affaires, import n°{import_id}, au {as_of}).")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python cli.py",
        description="CRM Dashboard en ligne de commande (voir shared/spec/cli.md).",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("import", help="importer un export CSV/XLSX comme nouvel import")
    p.add_argument("path", help="fichier CSV ou XLSX")
    p.add_argument("--json", action="store_true", help="rapport JSON sur la sortie standard")
    p.add_argument("--map", action="append", metavar="COLUMN=FIELD",
                   help="forcer le champ d'une colonne (champ canonique ou 'ignore')")
    p.add_argument("--stage", action="append", metavar="LABEL=STAGE",
                   help=f"associer un libellé d'étape à une étape ({', '.join(STAGE_ORDER)})")
    p.add_argument("--name", help="nom de l'import")
    p.add_argument("--sheet", help="feuille XLSX à lire (défaut : la première)")
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser("imports", help="lister les imports")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_imports)

    p = commands.add_parser("delete-import", help="supprimer un import")
    p.add_argument("import_id", type=int)
    p.set_defaults(handler=cmd_delete_import)

    p = commands.add_parser("kpis", help="indicateurs clés d'un import")
    p.add_argument("--import-id", type=int, help="défaut : le dernier import")
    p.add_argument("--as-of", help="date de référence AAAA-MM-JJ (défaut : aujourd'hui)")
    p.add_argument("--json", action="store_true")
    for option in ("status", "source", "sector", "owner"):
        p.add_argument(f"--{option}", action="append", help="filtre (répétable)")
    p.set_defaults(handler=cmd_kpis)

    p = commands.add_parser(
        "report",
        help="revue hebdomadaire (PDF), classeur (XLSX) ou affaires filtrées (CSV)",
    )
    p.add_argument("--import-id", type=int, help="défaut : le dernier import")
    p.add_argument("--as-of", help="date de référence AAAA-MM-JJ (défaut : aujourd'hui)")
    p.add_argument("--format", required=True, choices=REPORT_FORMATS)
    p.add_argument("--output", required=True, metavar="PATH", help="fichier à écrire")
    for option in ("status", "source", "sector", "owner"):
        p.add_argument(f"--{option}", action="append", help="filtre (répétable)")
    p.set_defaults(handler=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # The driver's own warnings (e.g. a COPY cut by a dying server) would add English lines
    # to the one French line of cli.md.
    logging.getLogger("psycopg").setLevel(logging.ERROR)
    from psycopg import Error as DriverError
    from sqlalchemy.exc import OperationalError

    from business_logic.exporting import ExportTooLarge
    from business_logic.importing import ImportFailure
    from database import DatabaseUnavailable, StorageError
    from database.errors import describe_database_error

    try:
        return args.handler(args)
    except (CliError, ImportFailure, DatabaseUnavailable, StorageError,
            ExportTooLarge) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (OperationalError, DriverError) as exc:
        # cli.md: database unreachable → exit 2, one French line, no traceback.
        print(f"Erreur : {describe_database_error(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())

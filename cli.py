"""CRM Dashboard without a browser: import, imports, delete-import, kpis, report, and
diff / history (cli_history.py), objectives (cli_planning.py) (docs/cli.md).

Thin over the library (parse, call, print). Each command imports what it uses: `imports`
and `delete-import` load neither pandas nor Alembic (issue 8, benchmarks/cli_startup.py).
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
from typing import Any

from business_logic.choices import DEFAULT_PERIOD_DAYS, PERIOD_CHOICES, STAGE_ORDER
from services import DATE_FIELDS, FilterArguments, RequestError, parse_date

EXIT_OK = 0
EXIT_FAILED = 2

if __name__ == "__main__":  # cli_forecast imports `cli`: let it find this module, not a copy
    sys.modules.setdefault("cli", sys.modules[__name__])


class CliError(RequestError):
    """A failure to report on one line, then exit 2 (as every `services.RequestError`)."""


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
    return parse_date(value, "--as-of") or dt.date.today()


def _print_json(payload: Any) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_import(args: argparse.Namespace) -> int:
    from cli_import import import_command

    return import_command(args)


def cmd_imports(args: argparse.Namespace) -> int:
    from database import get_engine, list_imports
    from services import imports_payload

    if args.json:
        _print_json(imports_payload(get_engine()))
        return EXIT_OK
    summaries = list_imports(get_engine())
    if not summaries:
        print("Aucun import pour l'instant.")
    else:
        for s in summaries:
            print(f"{s.import_id:>5}  export du {s.exported_on:%Y-%m-%d}  "
                  f"importé le {s.imported_at:%Y-%m-%d %H:%M}  {s.file_name}  "
                  f"{s.rows_imported} affaires, {s.rows_rejected} rejetées")
    return EXIT_OK


def cmd_delete_import(args: argparse.Namespace) -> int:
    from database.config import resolve_url
    from database.import_removal import delete_import_light

    # psycopg alone, without SQLAlchemy (≤ 1 s at 1M deals); through the Engine — which
    # migrates first — only when the schema is not at the scripts' head.
    deleted = delete_import_light(resolve_url(), args.import_id)
    if deleted is None:
        from database import delete_import, get_engine

        deleted = delete_import(get_engine(), args.import_id)
    if not deleted:
        raise CliError(f"Import n°{args.import_id} introuvable.")
    print(f"Import n°{args.import_id} supprimé.")
    return EXIT_OK


def _chosen_import(engine: Any, import_id: int | None) -> int:
    from services import chosen_import

    return chosen_import(engine, import_id)


def cmd_kpis(args: argparse.Namespace) -> int:
    from cli_forecast import check_rewind
    from database import get_engine
    from services import kpis_result

    check_rewind(args)
    result = kpis_result(get_engine(), import_id=args.import_id, as_of=_as_of(args.as_of),
                         period=args.period, filters=_filters(args),
                         rewind=getattr(args, "rewind", False))
    payload, thresholds = result.payload, result.thresholds
    if args.json:
        _print_json(payload)
    else:
        for key, value in payload.items():
            if not isinstance(value, (dict, list)):
                print(f"{key:>20} : {value}")
        if result.excluded_currencies:
            left_out = ", ".join(f"{code} {count}"
                                 for code, count in result.excluded_currencies.items())
            print(f"{'hors totaux':>20} : {left_out} (affaires dans une autre devise)")
        from business_logic.labels import thresholds_sentence

        print(f"Seuils en vigueur : {thresholds_sentence(thresholds)}.")
    return EXIT_OK


def _filters(args: argparse.Namespace) -> Any:
    """The filters of docs/cli.md (`--status/--source/--sector/--owner/--segment`, `--search`,
    `--date-field` with `--from/--to`), as `kpis` and `report` read them."""
    from services import deal_filters

    return deal_filters(FilterArguments(
        status=args.status or (), source=args.source or (), sector=args.sector or (),
        owner=args.owner or (), segment=args.segment or (), search=args.search,
        date_field=args.date_field, date_from=args.date_from, date_to=args.date_to,
        option_names=CLI_OPTION_NAMES,
    ))


CLI_OPTION_NAMES = {"from": "--from", "to": "--to", "date_field": "--date-field"}


def _add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    for option in ("status", "source", "sector", "owner", "segment"):
        parser.add_argument(f"--{option}", action="append", help="filtre (répétable)")
    parser.add_argument("--search", metavar="TEXTE",
                        help="recherche dans le nom, l'entreprise et les notes")
    parser.add_argument("--date-field", choices=tuple(DATE_FIELDS), default="created",
                        help="date que --from/--to bornent (défaut : created)")
    parser.add_argument("--from", dest="date_from", metavar="AAAA-MM-JJ",
                        help="date minimale incluse")
    parser.add_argument("--to", dest="date_to", metavar="AAAA-MM-JJ",
                        help="date maximale incluse")


def _report(args: argparse.Namespace) -> int:
    from cli_report import cmd_report

    return cmd_report(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python cli.py",
        description="CRM Dashboard en ligne de commande (voir docs/cli.md).",
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
    p.add_argument("--exported-on", metavar="AAAA-MM-JJ",
                   help="date d'export du fichier (défaut : la date du nom de fichier, "
                        "sinon aujourd'hui)")
    p.add_argument("--errors-file", metavar="PATH",
                   help="écrire toutes les lignes rejetées (ligne, colonne, valeur, raison) "
                        "dans ce fichier CSV")
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
    p.add_argument("--period", type=int, choices=PERIOD_CHOICES, default=DEFAULT_PERIOD_DAYS,
                   help="durée en jours de la comparaison de périodes (défaut : 30)")
    p.add_argument("--rewind", action="store_true",
                   help="l'import tel qu'il était à la date --as-of (docs/forecast.md)")
    _add_filter_arguments(p)
    p.set_defaults(handler=cmd_kpis)

    p = commands.add_parser(
        "report",
        help="revue hebdomadaire (PDF), classeur (XLSX) ou affaires filtrées (CSV)",
    )
    p.add_argument("--import-id", type=int, help="défaut : le dernier import")
    p.add_argument("--as-of", help="date de référence AAAA-MM-JJ (défaut : aujourd'hui)")
    p.add_argument("--format", required=True, choices=("pdf", "xlsx", "csv"))
    p.add_argument("--output", required=True, metavar="PATH", help="fichier à écrire")
    _add_filter_arguments(p)
    p.set_defaults(handler=_report)
    from cli_forecast import add_forecast_commands
    from cli_history import register
    from cli_planning import register as register_planning

    add_forecast_commands(commands)
    register(commands, _add_filter_arguments)
    register_planning(commands, _add_filter_arguments)
    return parser


def _loaded_failures() -> tuple[type[BaseException], ...]:
    """One-line failures, of the modules the command imported (no other can have raised)."""
    pairs = (("business_logic.importing.errors", "ImportFailure"),
             ("business_logic.exporting", "ExportTooLarge"), ("database.snapshots", "StorageError"))
    return tuple(getattr(sys.modules[m], n) for m, n in pairs if m in sys.modules)


def _driver_errors() -> tuple[type[BaseException], ...]:
    """psycopg's errors and SQLAlchemy's OperationalError when the command imported it
    (`delete-import` does not: an except clause is evaluated only when something raised)."""
    from psycopg import Error as DriverError

    loaded = sys.modules.get("sqlalchemy.exc")
    return (DriverError,) if loaded is None else (DriverError, loaded.OperationalError)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # The driver's own warnings (e.g. a COPY cut by a dying server) would add English lines
    # to the one French line of docs/cli.md.
    logging.getLogger("psycopg").setLevel(logging.ERROR)
    from database.errors import DatabaseUnavailable, describe_database_error

    try:
        return args.handler(args)
    except (RequestError, DatabaseUnavailable, *_loaded_failures()) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_FAILED
    except _driver_errors() as exc:
        # docs/cli.md: database unreachable → exit 2, one French line, no traceback.
        print(f"Erreur : {describe_database_error(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())

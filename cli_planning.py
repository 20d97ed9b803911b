"""The objectives commands of the CLI (docs/cli.md, "Additions"; definitions:
docs/objectifs.md): `objectives set YYYY-MM AMOUNT [--owner NAME]`,
`objectives delete YYYY-MM [--owner NAME]` and `objectives [--json] [--as-of DATE]`.
Thin: parse, call `database` / `services`, print."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any


def parse_amount(text: str) -> float:
    """"50000", "50 000", "50000,50" → float; French `CliError` otherwise."""
    from cli import CliError

    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text).replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        value = float("nan")
    if not value >= 0 or value == float("inf"):
        raise CliError(f"montant invalide « {text} » : attendu un nombre positif, "
                       "par exemple 50000")
    return value


def _month(text: str) -> Any:
    from business_logic.planning.periods import parse_month
    from cli import CliError

    try:
        return parse_month(text)
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _who(owner: str | None) -> str:
    return f" pour {owner}" if owner else " (entreprise)"


def cmd_objectives_set(args: argparse.Namespace) -> int:
    from cli import EXIT_OK
    from database import get_engine, set_objective

    month, amount = _month(args.month), parse_amount(args.amount)
    set_objective(get_engine(), month, amount, owner=args.owner)
    print(f"Objectif de {month:%Y-%m}{_who(args.owner)} : {amount:,.2f}".replace(",", " "))
    return EXIT_OK


def cmd_objectives_delete(args: argparse.Namespace) -> int:
    from cli import EXIT_OK, CliError
    from database import delete_objective, get_engine

    month = _month(args.month)
    if not delete_objective(get_engine(), month, owner=args.owner):
        raise CliError(f"Aucun objectif pour {month:%Y-%m}{_who(args.owner)}.")
    print(f"Objectif de {month:%Y-%m}{_who(args.owner)} supprimé.")
    return EXIT_OK


def cmd_objectives(args: argparse.Namespace) -> int:
    from cli import EXIT_OK, _as_of, _filters, _print_json
    from database import get_engine
    from services import objectives_payload

    payload = objectives_payload(get_engine(), import_id=args.import_id,
                                 as_of=_as_of(args.as_of), filters=_filters(args))
    if args.json:
        _print_json(payload)
        return EXIT_OK
    print(f"Objectifs au {payload['as_of']}{_who(payload['owner'])} :")
    for period in payload["periods"]:
        if period["target"] is None:
            print(f"{period['period']:>8} : pas d'objectif")
            continue
        pipeline = period["pipeline_to_create"]
        print(f"{period['period']:>8} : gagné {period['won_to_date']:,.0f} sur "
              f"{period['target']:,.0f}, reste {period['remaining']:,.0f}, "
              f"probabilité {period['probability']:.0%}, pipeline à créer "
              f"{'—' if pipeline is None else f'{pipeline:,.0f}'}".replace(",", " "))
    return EXIT_OK


def review_targets(engine: Any, filters: Any) -> dict:
    """The monthly targets in force for `filters` (the weekly review's "Objectifs")."""
    from business_logic.planning import targets_in_force
    from database import get_objectives

    return targets_in_force(get_objectives(engine), filters.owners)[0]


def register(commands: Any, add_filter_arguments: Callable[[argparse.ArgumentParser], None],
             ) -> None:
    """Register `objectives` (with its `set` and `delete` actions) on the CLI."""
    p = commands.add_parser("objectives", help="objectifs mensuels : fixer, suivre")
    p.add_argument("--import-id", type=int, help="défaut : le dernier import")
    p.add_argument("--as-of", help="date de référence AAAA-MM-JJ (défaut : aujourd'hui)")
    p.add_argument("--json", action="store_true")
    add_filter_arguments(p)
    p.set_defaults(handler=cmd_objectives)
    actions = p.add_subparsers(dest="objectives_action", required=False)
    s = actions.add_parser("set", help="fixer l'objectif de gain d'un mois")
    s.add_argument("month", metavar="AAAA-MM")
    s.add_argument("amount", metavar="MONTANT")
    s.add_argument("--owner", help="commercial (défaut : objectif de l'entreprise)")
    s.set_defaults(handler=cmd_objectives_set)
    d = actions.add_parser("delete", help="supprimer l'objectif d'un mois")
    d.add_argument("month", metavar="AAAA-MM")
    d.add_argument("--owner", help="commercial (défaut : objectif de l'entreprise)")
    d.set_defaults(handler=cmd_objectives_delete)

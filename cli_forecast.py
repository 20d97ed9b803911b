"""The forecast commands of the CLI: `backtest`, `probabilities`, and `kpis --rewind`
(docs/cli.md, "Additions"; method: docs/forecast.md). Thin: parse, call, print."""

from __future__ import annotations

import argparse
from typing import Any

from services import BACKTEST_HORIZONS as HORIZONS


def check_rewind(args: argparse.Namespace) -> None:
    """Refuse `--rewind` without `--as-of` before touching the database (exit 2)."""
    from cli import CliError

    if getattr(args, "rewind", False) and args.as_of is None:
        raise CliError("--rewind demande une date : --as-of AAAA-MM-JJ.")


SOURCE_LINES = {
    "snapshots": "Source : vos imports successifs (la prévision de chaque import comparée à "
                 "ce que le dernier import montre signé ensuite).",
    "export": "Source : reconstitution à partir du seul import choisi (pas deux imports "
              "assez espacés pour cet horizon).",
}


def cmd_backtest(args: argparse.Namespace) -> int:
    from cli import EXIT_OK, _as_of, _print_json
    from database import get_engine
    from services import backtest_result

    as_of = _as_of(args.as_of) if args.as_of else None
    result = backtest_result(get_engine(), import_id=args.import_id, as_of=as_of,
                             horizon=args.horizon)
    if args.json:
        _print_json(result.to_dict())
        return EXIT_OK
    print(f"Horizon {result.horizon} jours, méthode {result.method}, "
          f"{len(result.windows)} fenêtres ({result.scored} notées).")
    print(SOURCE_LINES[result.source])
    for key in ("coverage", "mape", "mape_simple", "mape_run_rate"):
        value = getattr(result, key)
        print(f"{key:>14} : {'—' if value is None else f'{value:.1%}'}")
    return EXIT_OK


def cmd_probabilities(args: argparse.Namespace) -> int:
    from business_logic.forecast.suggestions import suggest_probabilities
    from cli import EXIT_OK, _as_of, _chosen_import, _print_json
    from database import get_engine, load_deals, set_stage_probability
    from database.settings import get_stage_probabilities

    engine = get_engine()
    current = get_stage_probabilities(engine)
    payload: dict[str, Any] = {"current": current, "suggested": [], "applied": {}}
    if args.suggest or args.apply:
        import_id = _chosen_import(engine, args.import_id)
        deals = load_deals(engine, import_id)
        suggestions = suggest_probabilities(deals, _as_of(args.as_of), current)
        payload["import_id"] = import_id
        payload["suggested"] = [s.to_dict() for s in suggestions]
        if args.apply:
            for s in (s for s in suggestions if s.reliable):
                set_stage_probability(engine, s.stage, round(s.suggested, 4))
                payload["applied"][s.stage] = {"from": s.current, "to": round(s.suggested, 4)}
    if args.json:
        _print_json(payload)
        return EXIT_OK
    for stage, value in current.items():
        print(f"{stage:>12} : {value:.0%}")
    for s in payload["suggested"]:
        if not s["reliable"]:
            print(f"{s['stage']:>12} : pas de suggestion (étape des affaires perdues inconnue)")
            continue
        print(f"{s['stage']:>12} → {s['suggested']:.0%} ({s['evidence']}, "
              f"intervalle 80 % : {s['low']:.0%}–{s['high']:.0%})")
    if payload["applied"]:
        print("Probabilités suggérées appliquées.")
    return EXIT_OK


def add_forecast_commands(commands: Any) -> None:
    """Register `backtest` and `probabilities` on the CLI's subparsers."""
    p = commands.add_parser("backtest", help="fiabilité de la prévision sur le passé")
    p.add_argument("--import-id", type=int, help="défaut : le dernier import")
    p.add_argument("--as-of", help="dernière date rejouée (défaut : la fin de l'historique)")
    p.add_argument("--horizon", type=int, choices=HORIZONS, default=30)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backtest)

    p = commands.add_parser("probabilities",
                            help="probabilités par étape : actuelles, suggérées, appliquées")
    p.add_argument("--import-id", type=int, help="défaut : le dernier import")
    p.add_argument("--as-of", help="date de référence AAAA-MM-JJ (défaut : aujourd'hui)")
    p.add_argument("--suggest", action="store_true",
                   help="suggérer des probabilités d'après les affaires clôturées")
    p.add_argument("--apply", action="store_true", help="appliquer les suggestions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_probabilities)

"""`cli.py diff` and `cli.py history` (docs/cli.md, "Additions"; definitions docs/history.md).

Registered from cli.py's parser (`register`); the comparison itself is
business_logic.history (diff_payload, history_payload), the loading database.history.
"""

from __future__ import annotations

import argparse
from typing import Any


def _engine_and_imports() -> tuple[Any, list]:
    from database import get_engine, list_imports

    engine = get_engine()
    return engine, list_imports(engine)


def cmd_diff(args: argparse.Namespace) -> int:
    from business_logic.history import diff_payload
    from cli import EXIT_OK, _filters, _print_json
    from database import get_engine
    from services import comparison
    from utils.formatting import format_date

    compared = comparison(get_engine(), from_import=args.a, to_import=args.b,
                          filters=_filters(args))
    earlier, later, diff = compared.earlier, compared.later, compared.diff
    if args.json:
        _print_json(diff_payload(diff))
        return EXIT_OK
    from utils.history_text import (
        CHANGE_LABELS,
        counts_sentence,
        matching_sentence,
        waterfall_summary,
    )

    print(f"Du n°{earlier.import_id} (export du {format_date(earlier.exported_on)}) au "
          f"n°{later.import_id} (export du {format_date(later.exported_on)}) :")
    print(f"  {counts_sentence(diff)}")
    print(f"  {matching_sentence(diff)}")
    print(f"  Pipeline brut : {waterfall_summary(diff.gross)}")
    print(f"  Pipeline pondéré : {waterfall_summary(diff.weighted)}")
    print(f"  Clôtures à 30 jours (brut) : {waterfall_summary(diff.gross_30)}")
    for name, (title, _singular, _plural) in CHANGE_LABELS.items():
        if name == "inchangee":
            continue
        rows = diff.deals(name)
        if rows.empty:
            continue
        print(f"{title} ({len(rows)}) :")
        for row in rows.head(args.limit).itertuples():
            print(f"  {row.deal_id}  {row.name if isinstance(row.name, str) else ''}"
                  f"  {_before_after(name, row)}")
        if len(rows) > args.limit:
            print(f"  … et {len(rows) - args.limit} autre(s) (--limit N pour en voir plus).")
    return EXIT_OK


def _before_after(change: str, row: Any) -> str:
    """What changed for one deal, before → after."""
    from utils.formatting import format_date, format_days, format_eur
    from utils.labels import stage_label

    def stage(value: Any) -> str:
        return stage_label(value) if isinstance(value, str) else "—"

    if change in ("montant_hausse", "montant_baisse"):
        return f"{format_eur(row.amount_a)} → {format_eur(row.amount_b)}"
    if change in ("glissee", "date_avancee"):
        return (f"{format_date(row.expected_close_date_a)} → "
                f"{format_date(row.expected_close_date_b)} "
                f"({format_days(abs(row.close_days_change))})")
    if change == "nouvelle":
        return f"{stage(row.stage_b)}, {format_eur(row.amount_b)}"
    if change == "disparue":
        return f"était {stage(row.stage_a)}, {format_eur(row.amount_a)}"
    return f"{stage(row.stage_a)} → {stage(row.stage_b)}"


def cmd_history(args: argparse.Namespace) -> int:
    from business_logic.history import history_payload
    from cli import EXIT_OK, CliError, _filters, _print_json
    from database.history import load_snapshots

    engine, imports = _engine_and_imports()
    if not imports:
        raise CliError("Aucun import : lancez d'abord `python cli.py import FICHIER`.")
    if args.import_id is not None and args.import_id not in {s.import_id for s in imports}:
        raise CliError(f"Import n°{args.import_id} introuvable.")
    snapshots = load_snapshots(engine, imports)
    try:
        payload = history_payload(snapshots, args.import_id, filters=_filters(args))
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        _print_json(payload)
        return EXIT_OK
    _print_history(payload)
    return EXIT_OK


def _print_history(payload: dict[str, Any]) -> None:
    from utils.formatting import format_count, format_days, format_eur

    print(f"Historique jusqu'à l'import n°{payload['import_id']} (export du "
          f"{payload['exported_on']}, {format_count(payload['snapshots'], 'import')}) :")
    print("  semaine    affaires en cours   pipeline brut   pipeline pondéré   signé à date")
    for point in payload["weekly"]:
        print(f"  {point['week']}  {point['open_deals']:>17}   "
              f"{format_eur(point['pipeline_gross']):>13}   "
              f"{format_eur(point['pipeline_weighted']):>16}   "
              f"{format_eur(point['won_value']):>12}")
    season = payload["seasonality"]
    if season["available"]:
        print("Saisonnalité (chiffre signé moyen par mois de l'année) :")
        for row in season["month_of_year"]:
            print(f"  mois {row['month']:>2} : {format_eur(row['mean_won_value'])}")
    else:
        print(season["reason"])
    stage_time = payload["time_in_stage"]
    if stage_time["by_stage"]:
        from utils.labels import stage_label

        estimated = (f"estimé d'après les imports, à {format_days(stage_time['precision_days'])}"
                     " près")
        exact = "dates d'entrée de l'export, au jour près"
        print("Temps médian par étape :")
        for row in stage_time["by_stage"]:
            precision = exact if row.get("method") == "entry_dates" else estimated
            print(f"  {stage_label(row['stage'])} : {format_days(row['median_days'])} "
                  f"({format_count(row['deals'], 'affaire')} ; {precision})")
    else:
        print("Temps par étape : il faut deux imports au moins, ou des dates d'entrée par "
              "étape dans l'export.")
    anomalies = payload["anomalies"]
    stuck = format_count(len(anomalies["stuck"]), "affaire bloquée", "affaires bloquées")
    slipping = format_count(len(anomalies["slipping"]), "glissement répété",
                            "glissements répétés")
    print(f"Anomalies : {stuck}, {slipping}.")
    for drop in anomalies["performance_drop"]:
        if drop["drop"]:
            what = "chiffre signé" if drop["measure"] == "won_value" else "affaires créées"
            print(f"  Baisse de performance : {what} des 4 dernières semaines sous la normale.")


def report_history(engine: Any, import_id: int, filters: Any) -> Any:
    """The weekly PDF's history part for `import_id` (docs/history.md): the comparison with
    the import before it and the anomalies over the imports up to it."""
    from business_logic.history import diff_snapshots, history_payload
    from business_logic.review_history import review_history
    from database import get_stage_probabilities, list_imports
    from database.history import load_snapshots, previous_import

    imports = list_imports(engine)
    current = next(s for s in imports if s.import_id == import_id)
    series = [s for s in imports if (s.exported_on, s.import_id)
              <= (current.exported_on, current.import_id)]
    snapshots = load_snapshots(engine, series, get_stage_probabilities(engine))
    payload = history_payload(snapshots, import_id, filters=filters)
    earlier = previous_import(imports, import_id)
    diff = None
    if earlier is not None:
        by_id = {s.import_id: s for s in snapshots}
        diff = diff_snapshots(by_id[earlier.import_id], by_id[import_id], filters)
    return review_history(diff, payload)


def register(commands: Any, add_filter_arguments: Any) -> None:
    """Add `diff` and `history` to cli.py's subparsers."""
    p = commands.add_parser("diff", help="changements d'un import à l'autre (défaut : les "
                            "deux derniers)")
    p.add_argument("a", nargs="?", type=int, metavar="A",
                   help="import de départ (seul : l'import comparé au précédent)")
    p.add_argument("b", nargs="?", type=int, metavar="B", help="import d'arrivée")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=20,
                   help="affaires listées par changement (texte seulement, défaut 20)")
    add_filter_arguments(p)
    p.set_defaults(handler=cmd_diff)

    p = commands.add_parser("history", help="tendances, saisonnalité, temps par étape et "
                            "anomalies sur l'ensemble des imports")
    p.add_argument("--import-id", type=int, help="import de référence (défaut : le dernier)")
    p.add_argument("--json", action="store_true")
    add_filter_arguments(p)
    p.set_defaults(handler=cmd_history)

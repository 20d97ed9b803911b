"""The JSON of the read commands, built once for the CLI (`cli.py`) and the REST API
(`api.py`): one code path, so `python cli.py kpis --json` and `GET /kpis` cannot drift.

Each payload function takes the engine and already-parsed arguments and returns plain
JSON-ready data (the shapes of docs/cli.md). Arguments arrive as text from both edges
(command-line options, query parameters) and are parsed here, with French messages that
name the option as the caller spells it. A `RequestError` is the caller's mistake (the
CLI exits 2, the API answers 400); `NotFound`, a missing import (exit 2, HTTP 404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

#: docs/cli.md, "Additions": `--date-field created|expected_close|closed`.
DATE_FIELDS = {"created": "created_date", "expected_close": "expected_close_date",
               "closed": "closed_date"}  # fmt: skip


class RequestError(Exception):
    """A bad argument or a request that cannot be served, said in one French line."""


class NotFound(RequestError):
    """The requested import does not exist."""


def parse_date(value: str | None, option: str) -> dt.date | None:
    """`value` as an ISO date (AAAA-MM-JJ), None when absent."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise RequestError(f"{option} attend une date AAAA-MM-JJ, reçu {value!r}") from exc


@dataclass(frozen=True)
class FilterArguments:
    """The filters of docs/cli.md as both edges receive them (text, repeatable lists)."""

    status: Sequence[str] = ()
    source: Sequence[str] = ()
    sector: Sequence[str] = ()
    owner: Sequence[str] = ()
    segment: Sequence[str] = ()
    search: str | None = None
    date_field: str = "created"
    date_from: str | None = None
    date_to: str | None = None
    #: how each edge names the options in its messages ("--from" or "from")
    option_names: dict[str, str] = field(default_factory=dict)

    def _name(self, key: str) -> str:
        return self.option_names.get(key, key)


def deal_filters(arguments: FilterArguments) -> Any:
    """The `DealFilters` of the arguments, or a French `RequestError`."""
    from business_logic.metrics import DealFilters

    if arguments.date_field not in DATE_FIELDS:
        raise RequestError(
            f"{arguments._name('date_field')} attend {' | '.join(DATE_FIELDS)}, "
            f"reçu {arguments.date_field!r}")
    date_from = parse_date(arguments.date_from, arguments._name("from"))
    date_to = parse_date(arguments.date_to, arguments._name("to"))
    if date_from and date_to and date_to < date_from:
        raise RequestError(f"{arguments._name('to')} ({date_to}) précède "
                           f"{arguments._name('from')} ({date_from})")
    return DealFilters(
        statuses=tuple(arguments.status or ()),
        sources=tuple(arguments.source or ()),
        sectors=tuple(arguments.sector or ()),
        owners=tuple(arguments.owner or ()),
        segments=tuple(arguments.segment or ()),
        date_field=DATE_FIELDS[arguments.date_field],
        date_from=date_from,
        date_to=date_to,
        text=arguments.search or "",
    )


def chosen_import(engine: Any, import_id: int | None) -> int:
    """The import asked for, or the latest one; `NotFound` when there is none."""
    from database import import_exists, latest_import_id

    if import_id is None:
        latest = latest_import_id(engine)
        if latest is None:
            raise NotFound("Aucun import : lancez d'abord `python cli.py import FICHIER`.")
        return latest
    if not import_exists(engine, import_id):
        raise NotFound(f"Import n°{import_id} introuvable.")
    return import_id


def imports_payload(engine: Any) -> list[dict[str, Any]]:
    """`imports --json`: every snapshot, as `ImportSummary.to_dict`."""
    from database import list_imports

    return [summary.to_dict() for summary in list_imports(engine)]


@dataclass(frozen=True)
class KpisResult:
    """`kpis` of docs/cli.md: the JSON, plus what the CLI's text output also prints."""

    payload: dict[str, Any]
    thresholds: Any
    excluded_currencies: dict[str, int]


def kpis_result(engine: Any, *, import_id: int | None, as_of: dt.date, period: int,
                filters: Any, rewind: bool = False) -> KpisResult:
    """The `kpis --json` object of docs/cli.md for one import, date, period and filters;
    with `rewind`, the import as it stood at `as_of` (docs/forecast.md)."""
    from business_logic.metrics import (
        apply_filters,
        kpis_payload,
        main_currency,
        split_by_currency,
    )
    from business_logic.metrics.payload import PERIOD_CHOICES
    from database import get_thresholds, load_deals

    if period not in PERIOD_CHOICES:
        raise RequestError(f"period attend {' | '.join(map(str, PERIOD_CHOICES))}, "
                           f"reçu {period!r}")
    import_id = chosen_import(engine, import_id)
    snapshot = load_deals(engine, import_id)
    if rewind:
        from business_logic.forecast.backtest import rewind as rewound

        snapshot = rewound(snapshot, as_of)
    deals, currencies = split_by_currency(apply_filters(snapshot, filters),
                                          main_currency(snapshot))
    thresholds = get_thresholds(engine)
    payload = kpis_payload(deals, as_of, import_id, thresholds=thresholds,
                           period_days=period) | currencies.to_dict()
    return KpisResult(payload, thresholds, dict(currencies.excluded))


def objectives_payload(engine: Any, *, import_id: int | None, as_of: dt.date,
                       filters: Any) -> dict[str, Any]:
    """`objectives --json` of docs/cli.md: the month, quarter and year containing `as_of`
    (docs/objectifs.md). One selected owner (`--owner`) → that owner's targets against that
    owner's deals; otherwise the company targets against the filtered deals."""
    from business_logic.metrics import apply_filters, main_currency, split_by_currency
    from business_logic.planning import objectives_payload as progress_payload
    from business_logic.planning import targets_in_force
    from database import get_objectives, load_deals

    import_id = chosen_import(engine, import_id)
    snapshot = load_deals(engine, import_id)
    deals, currencies = split_by_currency(apply_filters(snapshot, filters),
                                          main_currency(snapshot))
    targets, owner = targets_in_force(get_objectives(engine), filters.owners)
    payload = progress_payload(deals, as_of, targets)
    months = [{"month": f"{month:%Y-%m}", "amount": amount}
              for month, amount in sorted(targets.items()) if month.year == as_of.year]
    return payload | {"import_id": import_id, "owner": owner, "targets": months} \
        | currencies.to_dict()

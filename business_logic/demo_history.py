"""A short demo history: the same French CRM exported once a week for 8 weeks, so a
first-time user sees Évolutions, trends and anomalies filled (docs/history.md).

The first export is `demo.demo_export` as it stood 7 weeks before `as_of`; each following
week the pipeline evolves the way a real one does — deals created, moved forward or back,
won, lost, re-estimated, close dates pushed out (a few of them every week: "glissement
répété"), one or two left out of the export. Every snapshot is the same bytes format as the
demo export and goes through the normal import path. Pure: same arguments → same bytes.

The last export alone adds one column per stage, « Date d'entrée dans l'étape … »: the day
each stage change of the simulated weeks happened (and a new deal's creation day for its
first stage), so Pipeline's time in stage shows exact days where they are known and the
estimate from the imports elsewhere. These dates draw nothing from the random stream:
every other figure of every export is the same as without them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Final

import numpy as np

from business_logic.demo import (
    HEADERS,
    LOST_REASONS,
    OPEN_STAGE_LABELS,
    OWNERS,
    PRODUCTS,
    SECTORS,
    SIZES,
    SOURCES,
    _day,
    _eur,
    demo_export,
)

DEMO_WEEKS: Final = 8
NEW_DEALS_PER_WEEK: Final = 9
REPEATED_SLIPPERS: Final = 4  # deals whose close date is pushed out every week

_COL = {name: i for i, name in enumerate(HEADERS)}
_CLOSED_LABELS: Final = ("Gagné", "Perdu")


@dataclass(frozen=True)
class DemoSnapshot:
    """One weekly export of the demo history."""

    file_name: str
    exported_on: dt.date
    data: bytes


def _parse_day(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _parse_eur(text: str) -> float | None:
    if not text:
        return None
    return float(text.replace("€", "").replace("\u00a0", "").replace(" ", "").replace(",", "."))


def _rows(data: bytes) -> list[list[str]]:
    reader = csv.reader(io.StringIO(data.decode("cp1252")), delimiter=";")
    return [row for i, row in enumerate(reader) if i > 0]


def _to_bytes(rows: list[list[str]], headers: tuple[str, ...] = HEADERS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("cp1252")


def _with_entry_dates(rows: list[list[str]], entered: dict[str, dict[str, dt.date]]
                      ) -> bytes:
    """The export with one « Date d'entrée dans l'étape … » column per stage (importing
    reads them as `entered_<stage>`, docs/history.md)."""
    labels = (*OPEN_STAGE_LABELS, *_CLOSED_LABELS)
    headers = (*HEADERS, *(f"Date d'entrée dans l'étape {label}" for label in labels))
    dated = []
    for row in rows:
        known = entered.get(row[_COL["ID"]], {})
        dated.append([*row, *(_day(known[label]) if label in known else "" for label in labels)])
    return _to_bytes(dated, headers)


def _change_day(deal_id: str, today: dt.date) -> dt.date:
    """A day of the week before `today` for a stage change, varied by deal, no random draw."""
    return today - dt.timedelta(days=1 + sum(map(ord, deal_id)) % 6)


def _new_deal(number: int, created: dt.date, rng: np.random.Generator) -> list[str]:
    source = SOURCES[int(rng.integers(0, len(SOURCES)))][0]
    company = f"Nouvelle piste {number}"
    product = PRODUCTS[int(rng.integers(0, len(PRODUCTS)))]
    amount = round(float(rng.lognormal(np.log(9000), 0.7)), -1)
    return [
        f"AFF-{number:06d}", f"{company} – {product}", company,
        OPEN_STAGE_LABELS[int(rng.integers(0, 2))], _eur(amount), source,
        OWNERS[int(rng.integers(0, len(OWNERS)))],
        SECTORS[int(rng.integers(0, len(SECTORS)))][0], SIZES[int(rng.integers(0, len(SIZES)))],
        _day(created), _day(created + dt.timedelta(days=int(rng.integers(30, 120)))), "",
        _day(created), "", "",
    ]


def _evolve(row: list[str], today: dt.date, rng: np.random.Generator,
            slipper: bool) -> list[str]:
    """One week of life for one open deal (the row is copied, never changed in place)."""
    row = list(row)
    stage = row[_COL["Étape"]]
    position = OPEN_STAGE_LABELS.index(stage)
    draw = rng.random()
    late = position >= 2
    if draw < (0.07 if late else 0.01):
        row[_COL["Étape"]] = "Gagné"
    elif draw < (0.11 if late else 0.04):
        row[_COL["Étape"]] = "Perdu"
        row[_COL["Raison de la perte"]] = LOST_REASONS[int(rng.integers(0, len(LOST_REASONS)))]
    elif draw < 0.22 and position < len(OPEN_STAGE_LABELS) - 1:
        row[_COL["Étape"]] = OPEN_STAGE_LABELS[position + 1]
    elif draw < 0.24 and position > 0:
        row[_COL["Étape"]] = OPEN_STAGE_LABELS[position - 1]
    if row[_COL["Étape"]] in _CLOSED_LABELS:
        closed_on = _day(today - dt.timedelta(days=int(rng.integers(0, 7))))
        row[_COL["Date de clôture réelle"]] = closed_on
        row[_COL["Date de clôture prévue"]] = closed_on
        row[_COL["Dernière activité"]] = closed_on
        return row
    expected = _parse_day(row[_COL["Date de clôture prévue"]])
    if expected is not None and (slipper or (expected < today and rng.random() < 0.5)
                                 or rng.random() < 0.06):
        push = int(rng.integers(7, 31))
        row[_COL["Date de clôture prévue"]] = _day(max(expected, today) + dt.timedelta(days=push))
    amount = _parse_eur(row[_COL["Montant"]])
    if amount is not None and rng.random() < 0.05:
        row[_COL["Montant"]] = _eur(round(amount * float(rng.uniform(0.7, 1.35)), -1))
    if rng.random() < 0.5:
        row[_COL["Dernière activité"]] = _day(today - dt.timedelta(days=int(rng.integers(0, 6))))
    return row


def demo_history(as_of: dt.date, weeks: int = DEMO_WEEKS, n_deals: int = 300,
                 seed: int = 42) -> list[DemoSnapshot]:
    """`weeks` weekly exports, oldest first, the last one exported on `as_of`."""
    rng = np.random.default_rng(seed + 1)
    first = as_of - dt.timedelta(days=7 * (weeks - 1))
    rows = _rows(demo_export(first, n_deals, seed))
    open_ids = [r[_COL["ID"]] for r in rows if r[_COL["Étape"]] not in _CLOSED_LABELS]
    slippers = set(open_ids[:REPEATED_SLIPPERS])
    next_number = len(rows) + 1
    snapshots = [DemoSnapshot(f"export_crm_demo_{first.isoformat()}.csv", first, _to_bytes(rows))]
    entered: dict[str, dict[str, dt.date]] = {}  # deal id -> stage label -> first entry
    for week in range(1, weeks):  # one step per weekly export, not per deal
        today = first + dt.timedelta(days=7 * week)
        evolved = []
        for row in rows:
            if row[_COL["Étape"]] in _CLOSED_LABELS:
                evolved.append(row)
            elif rng.random() < 0.004:
                continue  # deleted in the CRM: "disparue", never "perdue"
            else:
                evolved.append(_evolve(row, today, rng, row[_COL["ID"]] in slippers))
                stage = evolved[-1][_COL["Étape"]]
                if stage != row[_COL["Étape"]]:
                    deal_id = row[_COL["ID"]]
                    day = (_parse_day(evolved[-1][_COL["Date de clôture réelle"]])
                           if stage in _CLOSED_LABELS else _change_day(deal_id, today))
                    entered.setdefault(deal_id, {}).setdefault(stage, day)
        for _ in range(NEW_DEALS_PER_WEEK + int(rng.integers(-3, 4))):
            created = today - dt.timedelta(days=int(rng.integers(0, 7)))
            evolved.append(_new_deal(next_number, created, rng))
            entered[evolved[-1][_COL["ID"]]] = {evolved[-1][_COL["Étape"]]: created}
            next_number += 1
        rows = evolved
        data = _with_entry_dates(rows, entered) if week == weeks - 1 else _to_bytes(rows)
        snapshots.append(DemoSnapshot(f"export_crm_demo_{today.isoformat()}.csv", today, data))
    return snapshots

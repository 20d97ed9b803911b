"""A short demo history: the same French CRM exported once a week for 8 weeks, so a
first-time user sees Évolutions, trends and anomalies filled (docs/history.md).

The first export is `demo.demo_export` as it stood 7 weeks before `as_of`; each following
week the pipeline evolves the way a real one does — deals created, moved forward or back,
won, lost, re-estimated, close dates pushed out (a few of them every week: "glissement
répété"), one or two left out of the export. A deal is won or lost on the day its fate
says (`demo.demo_fates`; new deals draw theirs the same way), so the weeks after the first
export sign as much as the year before it (docs/forecast.md backtests on these exports).
Every snapshot is the same bytes format as the demo export and goes through the normal
import path. Pure: same arguments → same bytes.

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
    SIZE_MULTIPLIERS,
    SIZE_SHARES,
    SIZES,
    SOURCES,
    STALE_SHARE,
    _day,
    _eur,
    demo_export,
    demo_fates,
)

DEMO_WEEKS: Final = 8
DAYS_OF_DEALS: Final = 365  # demo_export spreads its deals over one year of creations
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


Fate = tuple[dt.date, str]  # the day a deal closes, and "won", "lost" or "stale" (never)


def _new_fate(created: dt.date, source: int, rng: np.random.Generator) -> Fate:
    """As demo_export draws them: time to close ~ lognormal (median 40 days), win chance by
    source, a share of deals nobody ever closes."""
    cycle = int(np.clip(rng.lognormal(np.log(40), 0.6), 3, 300))
    if rng.random() < STALE_SHARE:
        return created + dt.timedelta(days=cycle), "stale"
    won = rng.random() < min(0.9, max(0.05, 0.4 * SOURCES[source][2]))
    return created + dt.timedelta(days=cycle), "won" if won else "lost"


def _new_deal(number: int, created: dt.date, rng: np.random.Generator) -> list[str]:
    """A deal created this week, drawn like demo_export's (same amounts by sector, source and
    company size: the pipeline's value does not change nature after the first export)."""
    source = int(rng.integers(0, len(SOURCES)))
    sector = int(rng.integers(0, len(SECTORS)))
    size = int(rng.choice(len(SIZES), p=SIZE_SHARES))
    company = f"Nouvelle piste {number}"
    product = PRODUCTS[int(rng.integers(0, len(PRODUCTS)))]
    amount = round(float(rng.lognormal(np.log(7500), 0.8)) * SECTORS[sector][1]
                   * SOURCES[source][3] * SIZE_MULTIPLIERS[size], -1)
    return [
        f"AFF-{number:06d}", f"{company} – {product}", company,
        OPEN_STAGE_LABELS[int(rng.integers(0, 2))], _eur(amount), SOURCES[source][0],
        OWNERS[int(rng.integers(0, len(OWNERS)))], SECTORS[sector][0], SIZES[size],
        _day(created), _day(created + dt.timedelta(days=int(rng.integers(30, 120)))), "",
        _day(created), "", "",
    ]


def _evolve(row: list[str], today: dt.date, rng: np.random.Generator,
            slipper: bool, fate: Fate) -> list[str]:
    """One week of life for one open deal (the row is copied, never changed in place)."""
    row = list(row)
    stage = row[_COL["Étape"]]
    position = OPEN_STAGE_LABELS.index(stage)
    draw = rng.random()
    close_on, outcome = fate
    if outcome != "stale" and close_on <= today:
        row[_COL["Étape"]] = "Gagné" if outcome == "won" else "Perdu"
        if outcome == "lost":
            row[_COL["Raison de la perte"]] = LOST_REASONS[
                int(rng.integers(0, len(LOST_REASONS)))]
    elif draw < 0.18 and position < len(OPEN_STAGE_LABELS) - 1:
        row[_COL["Étape"]] = OPEN_STAGE_LABELS[position + 1]
    elif draw < 0.20 and position > 0:
        row[_COL["Étape"]] = OPEN_STAGE_LABELS[position - 1]
    if row[_COL["Étape"]] in _CLOSED_LABELS:
        closed_on = _day(max(close_on, today - dt.timedelta(days=6)))
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
    fates = {r[_COL["ID"]]: fate for r, fate in zip(rows, demo_fates(first, n_deals, seed),
                                                    strict=True)}
    open_ids = [r[_COL["ID"]] for r in rows if r[_COL["Étape"]] not in _CLOSED_LABELS]
    slippers = set(open_ids[:REPEATED_SLIPPERS])
    next_number = len(rows) + 1
    # as many new deals a week as the year of the first export had: no jump in the rate
    new_per_week = max(1, round(n_deals * 7 / DAYS_OF_DEALS))
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
                deal_id = row[_COL["ID"]]
                evolved.append(_evolve(row, today, rng, deal_id in slippers, fates[deal_id]))
                stage = evolved[-1][_COL["Étape"]]
                if stage != row[_COL["Étape"]]:
                    day = (_parse_day(evolved[-1][_COL["Date de clôture réelle"]])
                           if stage in _CLOSED_LABELS else _change_day(deal_id, today))
                    entered.setdefault(deal_id, {}).setdefault(stage, day)
        for _ in range(max(0, new_per_week + int(rng.integers(-2, 3)))):
            created = today - dt.timedelta(days=int(rng.integers(0, 7)))
            deal = _new_deal(next_number, created, rng)
            source = [name for name, *_ in SOURCES].index(deal[_COL["Source"]])
            fates[deal[_COL["ID"]]] = _new_fate(created, source, rng)
            evolved.append(deal)
            entered[deal[_COL["ID"]]] = {deal[_COL["Étape"]]: created}
            next_number += 1
        rows = evolved
        data = _with_entry_dates(rows, entered) if week == weeks - 1 else _to_bytes(rows)
        snapshots.append(DemoSnapshot(f"export_crm_demo_{today.isoformat()}.csv", today, data))
    return snapshots

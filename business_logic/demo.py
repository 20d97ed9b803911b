"""A seeded, realistic French CRM deals export for the demo and the benchmarks.

The bytes look like what a French founder gets from "Exporter" then opens in Excel:
semicolon-separated, Windows-1252, amounts such as `12 500,50 €`, dates `26/11/2026`,
French stage labels. The demo button feeds them through the normal import path, so the
demo exercises the same parser as a real file. Pure: same (as_of, n_deals, seed) → same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from types import SimpleNamespace
from typing import Final

import numpy as np

DEMO_FILE_NAME: Final = "export_crm_demo.csv"

HEADERS: Final[tuple[str, ...]] = (
    "ID",
    "Affaire",
    "Entreprise",
    "Étape",
    "Montant",
    "Source",
    "Commercial",
    "Secteur",
    "Taille",
    "Date de création",
    "Date de clôture prévue",
    "Date de clôture réelle",
    "Dernière activité",
    "Raison de la perte",
    "Notes",
)

# name, share of leads, relative chance of winning, typical deal size multiplier
SOURCES: Final[tuple[tuple[str, float, float, float], ...]] = (
    ("LinkedIn", 0.24, 0.9, 1.0),
    ("Site web", 0.22, 0.8, 0.7),
    ("Salon", 0.12, 1.0, 1.3),
    ("Recommandation", 0.12, 1.8, 1.4),
    ("Emailing", 0.12, 0.6, 0.6),
    ("Partenaire", 0.10, 1.3, 1.6),
    ("Appel sortant", 0.08, 0.7, 0.9),
)
SECTORS: Final[tuple[tuple[str, float], ...]] = (
    ("Industrie", 1.6),
    ("Santé", 1.3),
    ("Commerce de détail", 0.7),
    ("BTP", 1.1),
    ("Services financiers", 1.8),
    ("Logiciels", 1.0),
    ("Transport et logistique", 1.2),
    ("Agroalimentaire", 0.9),
    ("Éducation", 0.6),
    ("Immobilier", 1.4),
)
OWNERS: Final[tuple[str, ...]] = (
    "Camille Martin",
    "Julien Bernard",
    "Sophie Dubois",
    "Thomas Petit",
    "Léa Moreau",
)
SIZES: Final[tuple[str, ...]] = ("TPE", "PME", "ETI", "Grand compte")
SIZE_SHARES: Final[tuple[float, ...]] = (0.3, 0.4, 0.2, 0.1)
SIZE_MULTIPLIERS: Final[tuple[float, ...]] = (0.5, 1.0, 2.2, 4.5)  # of the deal amount
OPEN_STAGE_LABELS: Final[tuple[str, ...]] = ("Prospect", "Qualifié", "Proposition", "Négociation")
OPEN_STAGE_SHARES: Final[tuple[float, ...]] = (0.34, 0.28, 0.22, 0.16)
LOST_REASONS: Final[tuple[str, ...]] = (
    "Prix trop élevé",
    "Concurrent retenu",
    "Pas de budget",
    "Projet reporté",
    "Sans réponse",
)
PRODUCTS: Final[tuple[str, ...]] = (
    "Licence annuelle",
    "Déploiement",
    "Accompagnement",
    "Formation équipe",
    "Audit",
    "Contrat de maintenance",
)
_NAME_ROOTS: Final[tuple[str, ...]] = (
    "Dupont", "Lefèvre", "Garnier", "Roux", "Fontaine", "Chevalier", "Mercier", "Blanc",
    "Guérin", "Faure", "Rousseau", "Lambert", "Bonnet", "Girard", "Morel", "Laurent",
    "Simon", "Michel", "Leroy", "Fournier", "Vincent", "Muller", "Perrin", "Clément",
)
_NAME_SUFFIXES: Final[tuple[str, ...]] = (
    "SAS", "SARL", "Groupe", "& Fils", "Industries", "Conseil", "Services", "Solutions",
)
_NOTES: Final[tuple[str, ...]] = (
    "",
    "",
    "",
    "Relancer après le comité de direction",
    "Demande une démo ; décideur : DAF",
    'Client "historique", budget validé',
    "Appel prévu la semaine prochaine",
    "Attend le devis révisé",
)


def _eur(amount: float) -> str:
    """`12500.5` -> "12 500,50 €" (no-break space between thousands, as Excel writes it)."""
    text = f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",")
    return f"{text} €"


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


# Relative rate of new deals by calendar month (French B2B: a quiet August and Christmas,
# busy September and January), times a mild growth of GROWTH_PER_YEAR.
MONTH_SEASON: Final[tuple[float, ...]] = (1.15, 1.05, 1.05, 1.0, 0.95, 0.95,
                                         0.8, 0.5, 1.2, 1.1, 1.05, 0.75)
GROWTH_PER_YEAR: Final = 0.15
STALE_SHARE: Final = 0.15  # deals nobody closes: they stay open, older and older


def _creation_ages(as_of: dt.date, n: int, rng: np.random.Generator) -> np.ndarray:
    """Days since creation (0..365), drawn from a seasonal, slowly growing creation rate."""
    ages = np.arange(366)
    months = np.array([(as_of - dt.timedelta(days=int(a))).month for a in ages])
    weight = np.array(MONTH_SEASON)[months - 1] * (1 + GROWTH_PER_YEAR) ** (-ages / 365)
    return rng.choice(ages, size=n, p=weight / weight.sum())


def _draws(as_of: dt.date, n: int, seed: int) -> SimpleNamespace:
    """Every random draw of the demo CRM, in one fixed order (same arguments → same deals)."""
    rng = np.random.default_rng(seed)

    src_idx = rng.choice(len(SOURCES), size=n, p=[s[1] for s in SOURCES])
    sector_idx = rng.integers(0, len(SECTORS), size=n)
    owner_idx = rng.choice(len(OWNERS), size=n, p=[0.26, 0.22, 0.2, 0.18, 0.14])
    size_idx = rng.choice(len(SIZES), size=n, p=SIZE_SHARES)
    age = _creation_ages(as_of, n, rng)  # days since creation

    # Recommended leads win more often; bigger companies take longer to sign.
    win_bias = np.array([s[2] for s in SOURCES])[src_idx]
    stale = rng.random(n) < STALE_SHARE
    wins = rng.random(n) < np.clip(0.4 * win_bias, 0.05, 0.9)
    cycle = np.clip(rng.lognormal(np.log(40), 0.6, size=n)
                    * np.array([0.8, 1.0, 1.3, 1.6])[size_idx], 3, 300).astype(int)
    closed = ~stale & (cycle <= age)
    won = closed & wins
    lost = closed & ~wins

    size_mult = np.array(SIZE_MULTIPLIERS)[size_idx]
    amount = (
        rng.lognormal(mean=np.log(7500), sigma=0.8, size=n)
        * np.array([s[1] for s in SECTORS])[sector_idx]
        * np.array([s[3] for s in SOURCES])[src_idx]
        * size_mult
    ).round(-1)
    amount[rng.random(n) < 0.25] += 0.5  # some amounts carry cents
    amount_missing = rng.random(n) < 0.02

    # Open deals: the stage follows the share of the cycle elapsed; the close date the
    # founder typed is the real one give or take (optimistic more often than not), and
    # a forgotten deal keeps a date long past.
    elapsed = np.clip(age / np.maximum(cycle, 1), 0, 0.999)
    open_stage = np.where(stale, rng.choice(len(OPEN_STAGE_LABELS), size=n,
                                            p=OPEN_STAGE_SHARES),
                          (elapsed * len(OPEN_STAGE_LABELS)).astype(int))
    close_offset = np.where(stale, rng.integers(-60, 60, size=n),
                            cycle - age + rng.integers(-20, 11, size=n))
    activity_lag = rng.exponential(9.0, size=n).astype(int)
    no_activity = rng.random(n) < 0.12
    reason_idx = rng.integers(0, len(LOST_REASONS), size=n)
    product_idx = rng.integers(0, len(PRODUCTS), size=n)
    name_a = rng.integers(0, len(_NAME_ROOTS), size=n)
    name_b = rng.integers(0, len(_NAME_SUFFIXES), size=n)
    note_idx = rng.integers(0, len(_NOTES), size=n)
    return SimpleNamespace(**{k: v for k, v in locals().items() if k not in ("as_of", "seed")})


def demo_fates(as_of: dt.date, n_deals: int = 300, seed: int = 42) -> list[tuple[dt.date, str]]:
    """Per deal of `demo_export(as_of, n_deals, seed)`, in row order: the day it closes (or
    closed) and how — "won", "lost", or "stale" (never). demo_history lets the open deals
    close on that day, so the weeks after the first export behave like the year before it."""
    d = _draws(as_of, int(n_deals), seed)
    fates = np.where(d.stale, "stale", np.where(d.wins, "won", "lost"))
    return [(as_of + dt.timedelta(days=int(d.cycle[i] - d.age[i])), str(fates[i]))
            for i in range(d.n)]


def demo_export(as_of: dt.date, n_deals: int = 300, seed: int = 42) -> bytes:
    """CSV bytes (cp1252, `;`) of `n_deals` deals whose dates are relative to `as_of`.

    The CRM behaves the same way all year (a real one does): a deal's fate (won, lost, or
    left open for ever) and its time to close are drawn when it is created, and it shows as
    closed only once that time has passed by `as_of`. Exporting the same CRM at an earlier
    date therefore shows the same past, and the won value per month is stationary apart from
    the seasonality of new deals (docs/forecast.md measures the forecast on it).
    """
    d = _draws(as_of, int(n_deals), seed)
    n, age, won, lost, amount, cycle = d.n, d.age, d.won, d.lost, d.amount, d.cycle
    src_idx, sector_idx, size_idx, owner_idx = d.src_idx, d.sector_idx, d.size_idx, d.owner_idx
    open_stage, close_offset, amount_missing = d.open_stage, d.close_offset, d.amount_missing
    activity_lag, no_activity, reason_idx = d.activity_lag, d.no_activity, d.reason_idx
    product_idx, name_a, name_b, note_idx = d.product_idx, d.name_a, d.name_b, d.note_idx

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    one_day = dt.timedelta(days=1)
    for i in range(n):
        created = as_of - int(age[i]) * one_day
        company = f"{_NAME_ROOTS[name_a[i]]} {_NAME_SUFFIXES[name_b[i]]}"
        if won[i] or lost[i]:
            closed_on = created + int(cycle[i]) * one_day
            stage, expected = ("Gagné" if won[i] else "Perdu"), closed_on
            activity: dt.date | None = closed_on
            reason = LOST_REASONS[reason_idx[i]] if lost[i] else ""
        else:
            closed_on, reason = None, ""
            stage = OPEN_STAGE_LABELS[open_stage[i]]
            expected = max(as_of + int(close_offset[i]) * one_day, created + 7 * one_day)
            lag = min(int(activity_lag[i]), int(age[i]))
            activity = as_of - lag * one_day
            if no_activity[i] and stage == "Prospect":
                activity = None
        writer.writerow(
            (
                f"AFF-{i + 1:06d}",
                f"{company} – {PRODUCTS[product_idx[i]]}",
                company,
                stage,
                "" if amount_missing[i] else _eur(float(amount[i])),
                SOURCES[src_idx[i]][0],
                OWNERS[owner_idx[i]],
                SECTORS[sector_idx[i]][0],
                SIZES[size_idx[i]],
                _day(created),
                _day(expected),
                _day(closed_on),
                _day(activity),
                reason,
                _NOTES[note_idx[i]],
            )
        )
    return buffer.getvalue().encode("cp1252")

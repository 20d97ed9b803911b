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


def demo_export(as_of: dt.date, n_deals: int = 300, seed: int = 42) -> bytes:
    """CSV bytes (cp1252, `;`) of `n_deals` deals whose dates are relative to `as_of`."""
    rng = np.random.default_rng(seed)
    n = int(n_deals)

    src_idx = rng.choice(len(SOURCES), size=n, p=[s[1] for s in SOURCES])
    sector_idx = rng.integers(0, len(SECTORS), size=n)
    owner_idx = rng.choice(len(OWNERS), size=n, p=[0.26, 0.22, 0.2, 0.18, 0.14])
    size_idx = rng.choice(len(SIZES), size=n, p=[0.3, 0.4, 0.2, 0.1])
    age = rng.integers(0, 366, size=n)  # days since creation

    # Older deals are more often closed; recommended leads win more often.
    win_bias = np.array([s[2] for s in SOURCES])[src_idx]
    p_closed = np.clip(0.02 + age / 240, 0, 0.96)
    closed = rng.random(n) < p_closed
    won = closed & (rng.random(n) < np.clip(0.4 * win_bias, 0.05, 0.9))
    lost = closed & ~won

    size_mult = np.array([0.5, 1.0, 2.2, 4.5])[size_idx]
    amount = (
        rng.lognormal(mean=np.log(7500), sigma=0.8, size=n)
        * np.array([s[1] for s in SECTORS])[sector_idx]
        * np.array([s[3] for s in SOURCES])[src_idx]
        * size_mult
    ).round(-1)
    amount[rng.random(n) < 0.25] += 0.5  # some amounts carry cents
    amount_missing = rng.random(n) < 0.02

    cycle = np.clip(rng.lognormal(np.log(40), 0.6, size=n).astype(int), 3, 300)
    open_stage = rng.choice(len(OPEN_STAGE_LABELS), size=n, p=OPEN_STAGE_SHARES)
    close_offset = rng.integers(-25, 121, size=n)  # open deals: some already overdue
    activity_lag = rng.exponential(9.0, size=n).astype(int)
    no_activity = rng.random(n) < 0.12
    reason_idx = rng.integers(0, len(LOST_REASONS), size=n)
    product_idx = rng.integers(0, len(PRODUCTS), size=n)
    name_a = rng.integers(0, len(_NAME_ROOTS), size=n)
    name_b = rng.integers(0, len(_NAME_SUFFIXES), size=n)
    note_idx = rng.integers(0, len(_NOTES), size=n)

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    one_day = dt.timedelta(days=1)
    for i in range(n):
        created = as_of - int(age[i]) * one_day
        company = f"{_NAME_ROOTS[name_a[i]]} {_NAME_SUFFIXES[name_b[i]]}"
        if won[i] or lost[i]:
            closed_on = min(created + int(cycle[i]) * one_day, as_of)
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

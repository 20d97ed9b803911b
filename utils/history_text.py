"""French words and sentences for the comparison of two imports (docs/history.md), shared
by the Évolutions page, the Accueil block, the PDF review and `cli.py diff`."""

from __future__ import annotations

from typing import Final

from business_logic.history import SnapshotDiff, Waterfall
from utils.formatting import format_count, format_eur

#: Each change of docs/history.md: (title of its list, singular, plural for counts).
CHANGE_LABELS: Final[dict[str, tuple[str, str, str]]] = {
    "nouvelle": ("Nouvelles affaires", "nouvelle", "nouvelles"),
    "gagnee": ("Gagnées", "gagnée", "gagnées"),
    "perdue": ("Perdues", "perdue", "perdues"),
    "avancee": ("Avancées d'étape", "avancée", "avancées"),
    "reculee": ("Reculées d'étape", "reculée", "reculées"),
    "montant_hausse": ("Montant en hausse", "montant ↑", "montants ↑"),
    "montant_baisse": ("Montant en baisse", "montant ↓", "montants ↓"),
    "glissee": ("Date de clôture repoussée (glissées)", "glissée", "glissées"),
    "date_avancee": ("Date de clôture avancée", "date avancée", "dates avancées"),
    "disparue": ("Disparues de l'export", "disparue", "disparues"),
    "rouverte": ("Rouvertes", "rouverte", "rouvertes"),
    "inchangee": ("Inchangées", "inchangée", "inchangées"),
}

MATCHED_BY: Final[dict[str, str]] = {
    "id": "par identifiant CRM",
    "cle": "par nom d'affaire + entreprise (le fichier n'a pas d'identifiant commun)",
}

#: Waterfall terms in the order of the identity, with their sign and French label.
WATERFALL_TERMS: Final[tuple[tuple[str, int, str], ...]] = (
    ("nouvelles", 1, "Nouvelles"),
    ("rouvertes", 1, "Rouvertes"),
    ("montant_hausse", 1, "Montants ↑"),
    ("entrees", 1, "Entrées dans les 30 jours"),
    ("montant_baisse", -1, "Montants ↓"),
    ("gagnees", -1, "Gagnées"),
    ("perdues", -1, "Perdues"),
    ("disparues", -1, "Disparues"),
    ("sorties", -1, "Sorties des 30 jours"),
    ("non_comparables_sortie", -1, "Non comparables (avant)"),
    ("non_comparables_entree", 1, "Non comparables (après)"),
)


def waterfall_steps(waterfall: Waterfall) -> list[tuple[str, float]]:
    """The non-zero signed terms between start and end, in the identity's order."""
    steps = []
    for name, sign, label in WATERFALL_TERMS:
        value = float(getattr(waterfall, name))
        if round(value, 2) != 0:
            steps.append((label, sign * value))
    return steps


def signed_eur(value: float) -> str:
    """`+12 500 €` / `−3 000 €` (a true minus sign)."""
    text = format_eur(abs(value))
    return f"+{text}" if value >= 0 else f"−{text}"


def waterfall_summary(waterfall: Waterfall) -> str:
    """One line: "Pipeline : 120 000 € → 135 000 € (+15 000 €) : nouvelles +20 000 €, …"."""
    change = waterfall.end - waterfall.start
    parts = [f"{label.lower()} {signed_eur(value)}" for label, value in
             waterfall_steps(waterfall)]
    head = (f"{format_eur(waterfall.start)} → {format_eur(waterfall.end)} "
            f"({signed_eur(change)})")
    return head + (" : " + ", ".join(parts) if parts else " : aucun mouvement")


def counts_sentence(diff: SnapshotDiff) -> str:
    """"3 nouvelles, 1 gagnée, 2 glissées…" — the changes that happened, in CHANGES order."""
    counts = diff.counts()
    parts = [format_count(counts[name], singular, plural)
             for name, (_title, singular, plural) in CHANGE_LABELS.items()
             if name != "inchangee" and counts.get(name)]
    if not parts:
        return "Aucun changement entre les deux imports."
    return ", ".join(parts) + "."


def matching_sentence(diff: SnapshotDiff) -> str:
    """How the deals were matched and how many could not be (docs/history.md)."""
    text = f"Affaires rapprochées {MATCHED_BY.get(diff.matched_by, diff.matched_by)}"
    if diff.unmatched:
        count = format_count(diff.unmatched, "affaire non comparable",
                             "affaires non comparables")
        return (f"{text} ; {count} (identifiant ou nom + entreprise en double : jamais "
                "rapprochées au hasard).")
    return text + " ; toutes les affaires ont pu être comparées."

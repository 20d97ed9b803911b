"""Source aliases: one name per lead source ("Referral" and "Recommandation" counted once).

The user keeps a table alias → name on Réglages (database/source_aliases.py); it is applied
when a snapshot is read (`apply_source_aliases`), like the stage probabilities, so a stored
snapshot never changes and an edit shows on every page at once (docs/definitions.md,
"Sources"). Aliases match whatever the case, accents and spaces (`source_key`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Final

import pandas as pd

from business_logic.stages import normalize_label

# Common English names of a lead source and their usual French names (normalised keys).
_ENGLISH_TO_FRENCH: Final[dict[str, tuple[str, ...]]] = {
    "referral": ("Recommandation", "Parrainage", "Bouche-à-oreille"),
    "referrals": ("Recommandation", "Parrainage"),
    "wordofmouth": ("Bouche-à-oreille", "Recommandation"),
    "website": ("Site web", "Site internet", "Site"),
    "web": ("Site web", "Site internet"),
    "tradeshow": ("Salon", "Salon professionnel"),
    "tradeshows": ("Salon", "Salon professionnel"),
    "event": ("Événement", "Salon"),
    "events": ("Événement", "Salon"),
    "partner": ("Partenaire", "Partenaires"),
    "partners": ("Partenaire", "Partenaires"),
    "partnership": ("Partenaire", "Partenariat"),
    "coldcall": ("Appel sortant", "Prospection téléphonique", "Appel à froid"),
    "coldcalling": ("Appel sortant", "Prospection téléphonique", "Appel à froid"),
    "outboundcall": ("Appel sortant",),
    "outbound": ("Appel sortant", "Prospection"),
    "email": ("Emailing", "E-mailing", "Courriel", "E-mail"),
    "emailcampaign": ("Emailing", "E-mailing", "Campagne e-mail"),
    "advertising": ("Publicité",),
    "ads": ("Publicité",),
    "paidads": ("Publicité",),
    "socialmedia": ("Réseaux sociaux",),
    "organicsearch": ("Référencement naturel", "SEO"),
    "paidsearch": ("Référencement payant", "SEA"),
    "webinar": ("Webinaire",),
    "other": ("Autre", "Autres"),
}


def source_key(name: str) -> str:
    """Case-, accent- and separator-insensitive key of a source name."""
    return normalize_label(name)


def clean_aliases(aliases: Mapping[str, str]) -> dict[str, str]:
    """The table as saved: both sides trimmed, empty rows and self-aliases (same key)
    dropped; for one alias key the last row wins."""
    by_key: dict[str, tuple[str, str]] = {}
    for alias, name in aliases.items():
        alias, name = str(alias or "").strip(), str(name or "").strip()
        if not source_key(alias) or not source_key(name) or alias == name:
            continue
        by_key[source_key(alias)] = (alias, name)
    return dict(by_key.values())


def apply_source_aliases(deals: pd.DataFrame, aliases: Mapping[str, str]) -> pd.DataFrame:
    """`deals` with every source named by an alias replaced by its name (one pass, no
    chains). Returns `deals` itself when nothing changes (no alias, or none found), else a
    new frame: the input is never modified."""
    if not aliases or "source" not in deals.columns:
        return deals
    by_key = {source_key(alias): name for alias, name in aliases.items() if source_key(alias)}
    sources = deals["source"]
    replacements = {
        value: by_key[source_key(value)]
        for value in sources.dropna().unique()
        if source_key(value) in by_key and by_key[source_key(value)] != value
    }
    if not replacements:
        return deals
    out = deals.copy(deep=False)
    renamed = sources.map(replacements)
    out["source"] = renamed.where(renamed.notna(), sources).astype(sources.dtype)
    return out


def _preferred(spellings: Counter[str]) -> str:
    """The spelling a group keeps: the most frequent, then the one with accents, then
    capitals ("LinkedIn" over "Linkedin"), then alphabetical."""
    def rank(name: str) -> tuple[int, int, int, str]:
        accents = sum(not ch.isascii() for ch in name)
        capitals = sum(ch.isupper() for ch in name)
        return (-spellings[name], -accents, -capitals, name)

    return min(spellings, key=rank)


def suggest_source_aliases(
    sources: Iterable[str] | Mapping[str, int],
    existing: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Aliases worth adding, alias → name, for the sources of a snapshot (each value once,
    or a mapping value → number of deals):
    - spellings differing only by case, accents or spaces ("Linkedin", "LinkedIn ") → the
      group's preferred spelling (`_preferred`);
    - a common English name next to its French one in the same data ("Referral" and
      "Recommandation") → the French one.
    Sources already covered by `existing` (by key) are left out."""
    counts: Counter[str] = Counter()
    if isinstance(sources, Mapping):
        counts.update({str(k): int(v) for k, v in sources.items()})
    else:
        counts.update(str(s) for s in sources)
    known = {source_key(alias) for alias in (existing or {})}
    groups: dict[str, Counter[str]] = {}
    for name, count in counts.items():
        key = source_key(name)
        if key:
            groups.setdefault(key, Counter())[name] += count
    preferred = {key: _preferred(spellings) for key, spellings in groups.items()}
    suggestions: dict[str, str] = {}
    for key, spellings in groups.items():
        french = next((preferred[source_key(f)] for f in _ENGLISH_TO_FRENCH.get(key, ())
                       if source_key(f) in groups), None)
        target = french or preferred[key]
        for name in spellings:
            if name != target and key not in known:
                suggestions[name] = target
    return suggestions

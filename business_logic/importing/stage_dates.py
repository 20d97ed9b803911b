"""Per-stage entry-date columns → `entered_<stage>` fields (docs/history.md, « Temps par
étape »).

CRMs name these columns after the stage, so no fixed alias list can hold them: HubSpot
writes `Date entered "Appointment Scheduled (Sales Pipeline)"` (internal name
`hs_date_entered_appointmentscheduled`, `hs_v2_date_entered_…`), its lifecycle stages
`Became a Lead Date`; French exports and hand-made files say `Date d'entrée dans l'étape
Proposition`, `Date entrée Proposition`, `Entré en négociation le`, `Date de passage en
Proposition`. The header's pattern gives the stage part, which `stages.map_stage_label`
maps like any stage label (a trailing "(Pipeline)" is dropped when the label with it maps
to nothing). A column whose stage maps to nothing is ignored with a warning, never an error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Final

import numpy as np

from business_logic.columns import ENTRY_DATE_FIELDS, IGNORE
from business_logic.importing.errors import excerpt
from business_logic.importing.field_steps import Build, Column, parse_date_column
from business_logic.stages import map_stage_label

_APOSTROPHE = r"(?:' ?| )"
_STAGE_WORD = (rf"(?:l{_APOSTROPHE}etape |la phase (?:de (?:la )?transaction )?|le stade "
               rf"|l{_APOSTROPHE}etat )")
_PATTERNS: Final[tuple[re.Pattern[str], ...]] = tuple(re.compile(p) for p in (
    # English (HubSpot labels and internal names, generic names)
    r"^(?:hs (?:v2 )?)?date entered (?:stage |into )?(?P<stage>.+)$",
    r"^(?:date )?entered (?:stage )?(?P<stage>.+?) (?:date|on|at)$",
    r"^(?P<stage>.+?) (?:stage )?(?:entered|entry) date$",
    r"^became an? (?P<stage>.+?) date$",
    # French
    rf"^date d?{_APOSTROPHE}?entree (?:(?:dans|en|a) )?{_STAGE_WORD}?(?P<stage>.+)$",
    rf"^(?:date de )?passage (?:(?:dans|en|a) )?{_STAGE_WORD}?(?P<stage>.+?)(?: le)?$",
    rf"^entree? (?:(?:dans|en|a) )?{_STAGE_WORD}?(?P<stage>.+?) le$",
    r"^passee? (?:dans|en|a) (?P<stage>.+?) le$",
    r"^date de conversion en (?P<stage>.+)$",
))
_QUOTES = str.maketrans({c: " " for c in "«»\"“”„[]:"} | {"’": "'", "_": " ", "-": " "})
_TRAILING_GROUP = re.compile(r"^(?P<stage>.+?)\s*\([^()]*\)$")


def _plain(header: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(header))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(ascii_only.lower().translate(_QUOTES).split())


def stage_parts(header: str) -> list[str]:
    """The stage each matching pattern reads in an entry-date header, as written (empty:
    not such a header)."""
    plain = _plain(header)
    parts = (pattern.match(plain) for pattern in _PATTERNS)
    return [p for p in dict.fromkeys(m.group("stage").strip(" '") for m in parts if m) if p]


def _stage_of(part: str, stage_mappings: Mapping[str, str] | None) -> str | None:
    stage = map_stage_label(part, stage_mappings)
    if stage is None:
        trimmed = _TRAILING_GROUP.match(part)  # "closed won (sales pipeline)"
        if trimmed:
            stage = map_stage_label(trimmed.group("stage"), stage_mappings)
    return stage


def stage_date_field(header: str, stage_mappings: Mapping[str, str] | None = None
                     ) -> str | None:
    """`entered_<stage>` for an entry-date header whose stage maps, else None."""
    for part in stage_parts(header):
        stage = _stage_of(part, stage_mappings)
        if stage:
            return ENTRY_DATE_FIELDS[stage]
    return None


def unknown_stage_date_warnings(headers: list[str], mapping: Mapping[str, str]) -> list[str]:
    """One French warning per entry-date column left out because its stage maps to nothing
    (a column the user mapped, or whose stage maps, is not named)."""
    warnings = []
    for header in headers:
        if mapping.get(header, IGNORE) != IGNORE:
            continue
        parts = stage_parts(header)
        if parts and stage_date_field(header) is None:
            part = _TRAILING_GROUP.sub(r"\g<stage>", parts[0])
            warnings.append(
                f"Colonne « {excerpt(header, 80)} » ignorée : l'étape « {excerpt(part, 60)} » "
                "ne correspond à aucune étape connue (pour l'utiliser, indiquez son champ, "
                'par exemple --map "COLONNE=entered_proposal").'
            )
    return warnings


def convert_entry_dates(build: Build) -> None:
    """The `entered_<stage>` fields: each mapped column parsed on its own (its own date
    order, errors naming it), and the earliest date kept when several columns enter the
    same stage (HubSpot: "Decision Maker Bought-In" and "Contract Sent"; several pipelines)."""
    for name in ENTRY_DATE_FIELDS.values():
        if name not in build.columns:
            continue
        earliest = None
        for header in build.columns[name].headers:
            values = parse_date_column(build, Column(build.raw, [header]))
            earliest = values if earliest is None else np.fmin(earliest, values)
        build.out[name] = earliest

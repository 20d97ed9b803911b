"""File header → canonical field (docs/definitions.md "La fiche affaire").

Headers compare case-, accent- and separator-insensitively (`stages.normalize_label`).
Each alias names its fields with a priority (0 strongest): `client` is the deal name in the
seed schema but the company in an Odoo export that also has `Opportunité`, so it asks for
`name` first and settles for `company` when a stronger header already holds the name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from business_logic.columns import ENTRY_DATE_FIELDS, IGNORE, MAPPABLE_FIELDS
from business_logic.importing.errors import ImportFailure
from business_logic.importing.stage_dates import stage_date_field
from business_logic.stages import normalize_label

# alias -> ((field, priority), ...). Pipedrive's "Deal - " / "Affaire - " prefix is dropped
# before the lookup when the full header is not itself an alias.
_ALIASES: dict[str, tuple[tuple[str, int], ...]] = {}


def _add(field: str, priority: int, *aliases: str) -> None:
    for alias in aliases:
        _ALIASES.setdefault(normalize_label(alias), ())
        _ALIASES[normalize_label(alias)] += ((field, priority),)


_add("deal_id", 0, "deal id", "record id", "id", "opportunity id", "opportunity_id",
     "id affaire", "identifiant", "deal_id", "id opportunité", "mql_id", "référence")
_add("name", 0, "deal name", "title", "titre", "opportunity name", "opportunity",
     "opportunité", "nom de l'affaire", "nom", "name", "affaire", "deal", "intitulé",
     "nom de l'opportunité", "deal title")
_add("name", 1, "client")
_add("company", 0, "organization", "organisation", "company", "account name", "account",
     "customer", "entreprise", "société", "compte", "company name", "nom de l'entreprise",
     "organization name", "associated company")
_add("company", 2, "client")
_add("stage_label", 0, "deal stage", "stage", "étape", "etape", "deal_stage", "stade",
     "étape de l'affaire", "étape de vente", "phase", "pipeline stage", "stage name")
_add("stage_label", 1, "statut", "status")
_add("status", 2, "statut", "status")
_add("status", 0, "dealstatus", "affairestatut", "deal status", "statut de l'affaire")
_add("amount", 0, "amount", "value", "valeur", "montant", "montant_brut", "close_value",
     "montant ht", "amount (eur)", "montant (€)", "deal value", "deal amount", "chiffre d'affaires",
     "ca", "revenue", "prix")
_add("amount", 1, "expected revenue", "revenu attendu", "revenu espéré", "montant brut")
_add("currency", 0, "currency", "devise", "monnaie", "amount currency")
_add("probability", 0, "probability", "probabilité", "probability (%)", "deal probability",
     "probabilité (%)", "chance de succès")
_add("source", 0, "source", "lead source", "origine", "original source type",
     "original source", "original traffic source", "source origin", "canal", "channel",
     "source du lead", "origin", "source de l'affaire")
_add("source", 1, "source channel", "medium", "support")
_add("owner", 0, "owner", "deal owner", "opportunity owner", "propriétaire", "assignee",
     "sales_agent", "sales agent", "salesperson", "vendeur", "commercial", "responsable",
     "assigned to", "assigné à", "user", "utilisateur", "sales rep", "chargé d'affaires")
_add("sector", 0, "secteur", "sector", "industry", "industrie", "secteur d'activité")
_add("segment", 0, "segment", "taille", "company size", "type", "deal type", "lead_type",
     "business_segment", "product", "produit", "type d'affaire")
_add("created_date", 0, "create date", "created date", "created", "created on",
     "created time", "deal created", "affaire créée", "date de création", "créé le",
     "creation date", "date created", "engage_date", "first_contact_date", "date_creation",
     "date de creation", "créée le", "add time", "date d'ajout")
_add("expected_close_date", 0, "expected close date", "date de clôture prévue",
     "expected closing", "clôture prévue", "date_echeance", "échéance", "date d'échéance",
     "expected close", "expected closing date")
# A bare "close date" is the expected one in most CRMs (HubSpot, Salesforce), but next to an
# expected-close column it is the real close date: the product's own export writes both
# "Date de clôture prévue" and "Date de clôture" (utils/labels.py), and a re-import must
# keep both.
_add("expected_close_date", 1, "close date", "closing date", "close_date", "closedate",
     "date de clôture", "date de cloture")
_add("closed_date", 3, "close date", "closing date", "close_date", "closedate",
     "date de clôture", "date de cloture")
_add("closed_date", 0, "won time", "lost time", "closed date", "date de clôture réelle",
     "won date", "won_date", "date de gain", "date de perte", "closed on", "date gagné",
     "date perdu", "close time", "closed time", "date de fermeture", "date fermée",
     "affaire gagnée le", "affaire perdue le", "won_time", "lost_time")
_add("last_activity_date", 0, "last activity date", "last activity", "last activity time",
     "date de dernière activité", "dernière activité", "last modified date",
     "dernier contact", "date du dernier contact", "last contacted", "last_activity",
     "date de la dernière activité", "last activity date (eur)")
_add("lost_reason", 0, "lost reason", "raison de la perte", "motif de perte",
     "closed lost reason", "loss reason", "raison perte", "motif de la perte")
_add("notes", 0, "notes", "note", "description", "commentaire", "commentaires",
     "comments", "comment", "remarques", "next step", "prochaine étape")

_PREFIX = re.compile(r"^(deal|affaire|opportunity|opportunite|opportunité)\s*-\s*", re.IGNORECASE)
# Fields several columns may fill together (Pipedrive: "Won time" and "Lost time"; HubSpot:
# "Decision Maker Bought-In" and "Contract Sent" both enter Négociation, or one column per
# pipeline — the earliest date wins, field_steps.convert_entry_dates).
MULTI_COLUMN_FIELDS = frozenset({"closed_date", *ENTRY_DATE_FIELDS.values()})


def _candidates(header: str) -> tuple[tuple[str, int], ...]:
    key = normalize_label(header)
    if key in _ALIASES:
        return _ALIASES[key]
    stripped = _PREFIX.sub("", header.strip())
    if stripped != header.strip() and normalize_label(stripped) in _ALIASES:
        return _ALIASES[normalize_label(stripped)]
    entered = stage_date_field(stripped)  # "Date entered <stage> (<pipeline>)" and the like
    return ((entered, 0),) if entered else ()


def suggest_mapping(
    headers: list[str], remembered: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Header → field of MAPPABLE_FIELDS or "ignore"; each field taken at most once.

    Remembered mappings (from earlier imports) win over the automatic ones; a header they
    do not name is matched against the known CRM exports (HubSpot, Pipedrive, Salesforce,
    Odoo, Zoho, the seed schema, Maven, Olist) and generic French/English names.
    """
    remembered_by_key = {normalize_label(h): f for h, f in (remembered or {}).items()}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        field = remembered_by_key.get(normalize_label(header))
        if field is not None:
            check_field(field, header)
            mapping[header] = field
            if field != IGNORE:
                taken.add(field)
    offers = sorted(
        (priority, position, field, header)
        for position, header in enumerate(headers)
        if header not in mapping
        for field, priority in _candidates(header)
    )
    for _, _, field, header in offers:
        if header in mapping or (field in taken and field not in MULTI_COLUMN_FIELDS):
            continue
        mapping[header] = field
        taken.add(field)
    return {header: mapping.get(header, IGNORE) for header in headers}


def apply_overrides(mapping: Mapping[str, str], overrides: Mapping[str, str]) -> dict[str, str]:
    """User overrides win; a field they assign is taken away from any other header."""
    result = dict(mapping)
    by_key = {normalize_label(h): h for h in result}
    for header, field in overrides.items():
        target = header if header in result else by_key.get(normalize_label(header))
        if target is None:
            columns = ", ".join(f"« {h} »" for h in result)
            raise ImportFailure(f"Colonne « {header} » absente du fichier (colonnes : {columns}).")
        check_field(field, header)
        if field != IGNORE and field not in MULTI_COLUMN_FIELDS:
            for other, other_field in result.items():
                if other_field == field and other != target and other not in overrides:
                    result[other] = IGNORE
        result[target] = field
    return result


def check_field(field: str, header: str) -> None:
    if field != IGNORE and field not in MAPPABLE_FIELDS:
        allowed = ", ".join((*MAPPABLE_FIELDS, IGNORE))
        raise ImportFailure(
            f"Champ « {field} » inconnu pour la colonne « {header} » (champs : {allowed})."
        )

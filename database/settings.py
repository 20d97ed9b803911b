"""Stage probabilities and the mappings the user made by hand, persisted in PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.dialects.postgresql import insert

from business_logic.stages import STAGE_ORDER, StageSetting, normalize_label
from database.models import ColumnMappingRecord, StageMappingRecord, StageSettingRecord


def get_stage_settings(engine: Engine | Connection) -> list[StageSetting]:
    """Stage settings in pipeline order (seeded with docs/definitions.md's defaults)."""
    query = select(StageSettingRecord).order_by(StageSettingRecord.position)
    if isinstance(engine, Connection):
        rows = engine.execute(query).all()
    else:
        with engine.connect() as connection:
            rows = connection.execute(query).all()
    return [
        StageSetting(row.stage, row.label_fr, row.position, float(row.probability))
        for row in rows
    ]


def get_stage_probabilities(engine: Engine | Connection) -> dict[str, float]:
    return {setting.stage: setting.probability for setting in get_stage_settings(engine)}


def set_stage_probability(engine: Engine, stage: str, probability: float) -> None:
    """Change an open stage's probability. Stored snapshots are never touched: deals
    read afterwards take it (`load_deals` applies `stages.effective_probability`).

    docs/definitions.md: an open deal without an explicit probability takes its stage's
    probability "unless the user changed it in the settings". Won/lost stay 1/0.
    """
    if stage not in STAGE_ORDER or stage in ("won", "lost"):
        raise ValueError(f"Étape non modifiable : {stage!r}")
    if not 0.0 <= probability <= 1.0:
        raise ValueError(f"Probabilité hors de [0 ; 1] : {probability}")
    with engine.begin() as connection:
        connection.execute(
            update(StageSettingRecord)
            .where(StageSettingRecord.stage == stage)
            .values(probability=probability)
        )


def get_stage_mappings(engine: Engine) -> dict[str, str]:
    """Labels mapped by hand: file label -> canonical stage."""
    with engine.connect() as connection:
        rows = connection.execute(select(StageMappingRecord)).all()
    return {row.label: row.stage for row in rows}


def remember_stage_mappings(engine: Engine, mappings: Mapping[str, str]) -> None:
    unknown = {stage for stage in mappings.values() if stage not in STAGE_ORDER}
    if unknown:
        raise ValueError(f"Étape inconnue : {', '.join(sorted(unknown))}")
    _upsert(engine, StageMappingRecord, "label_key", "label", "stage", mappings)


def get_column_mappings(engine: Engine) -> dict[str, str]:
    """Headers mapped by hand: file header -> canonical field (or `ignore`)."""
    with engine.connect() as connection:
        rows = connection.execute(select(ColumnMappingRecord)).all()
    return {row.header: row.field for row in rows}


def remember_column_mappings(engine: Engine, mappings: Mapping[str, str]) -> None:
    _upsert(engine, ColumnMappingRecord, "header_key", "header", "field", mappings)


def _upsert(engine: Engine, model, key_column: str, text_column: str, value_column: str,
            mappings: Mapping[str, str]) -> None:
    if not mappings:
        return
    # One row per key: two spellings of a label in one call must not conflict twice.
    by_key = {
        normalize_label(text): {key_column: normalize_label(text), text_column: text,
                                value_column: value}
        for text, value in mappings.items()
    }
    rows = list(by_key.values())
    statement = insert(model).values(rows)
    statement = statement.on_conflict_do_update(
        index_elements=[key_column],
        set_={text_column: statement.excluded[text_column],
              value_column: statement.excluded[value_column]},
    )
    with engine.begin() as connection:
        connection.execute(statement)

"""The app's Engine cache is keyed by the URL actually used (issue 7, item 24)."""

from __future__ import annotations

import functools
from pathlib import Path

import dotenv
import pytest

import database.config
from components import state


def test_a_url_set_only_in_dotenv_gets_one_engine(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"DATABASE_URL={database_url}\n", encoding="utf-8")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(database.config, "load_dotenv",
                        functools.partial(dotenv.load_dotenv, env_file, override=False))
    made: list[str] = []
    real_make_engine = database.make_engine

    def counting_make_engine(url: str):
        made.append(url)
        return real_make_engine(url)

    monkeypatch.setattr(database, "make_engine", counting_make_engine)
    state._engine_for.clear()
    try:
        first, second = state.engine(), state.engine()
        assert first is second
        assert len(made) == 1
    finally:
        first.dispose()
        state._engine_for.clear()

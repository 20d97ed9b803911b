"""What the pages read is shared by every session, and warmed up at server start
(components/state.py `snapshot_view`, components/warmup.py; issue 8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from business_logic.metrics import DealFilters
from components import state
from components.warmup import warm_up

CONTEXT = "_dashboard_context"


def test_two_sessions_share_the_prepared_views_of_a_snapshot(
    make_app: Callable[..., AppTest], demo_import: int,
) -> None:
    first, second = make_app(), make_app()
    assert first.session_state[CONTEXT].prepared is second.session_state[CONTEXT].prepared


def test_a_filtered_session_gets_views_of_its_own(
    make_app: Callable[..., AppTest], demo_import: int,
) -> None:
    plain, filtered = make_app(), make_app()
    filtered.multiselect(key="filter_status").set_value(["won"]).run()
    mine = filtered.session_state[CONTEXT]
    assert mine.prepared is not plain.session_state[CONTEXT].prepared
    assert set(mine.filtered["status"]) == {"won"}


def test_choosing_every_source_reads_the_views_of_the_whole_snapshot(
    make_app: Callable[..., AppTest], demo_import: int,
) -> None:
    plain, every = make_app(), make_app()
    sources = every.multiselect(key="filter_source")
    sources.set_value(list(sources.options)).run()
    assert every.session_state[CONTEXT].prepared is plain.session_state[CONTEXT].prepared


def test_a_filter_keeping_every_deal_reads_the_views_of_the_whole_snapshot(
    make_app: Callable[..., AppTest], demo_import: int,
) -> None:
    newest = state.imports()[0]
    key = (newest.import_id, newest.imported_at, state.stage_probabilities())
    everyone = DealFilters(statuses=("open", "won", "lost"))
    assert state.snapshot_view(*key, everyone) is state.snapshot_view(*key, DealFilters())


def test_the_warm_up_fills_what_the_first_session_reads(
    make_app: Callable[..., AppTest], demo_import: int,
) -> None:
    assert warm_up(dt.date.today()) == [
        "first run", "database", "snapshot", "forecast", "history"]
    newest = state.imports()[0]
    warmed = state.snapshot_view(newest.import_id, newest.imported_at,
                                 state.stage_probabilities(), DealFilters())
    assert make_app().session_state[CONTEXT].prepared is warmed.prepared


def test_the_warm_up_marks_streamlits_not_started_warning_as_shown(
    app_env: Engine, monkeypatch,  # noqa: ANN001 - pytest's MonkeyPatch
) -> None:
    """The first element of the first page run no longer walks the call stack (~0.1–0.3 s);
    a Streamlit upgrade that renames the flag fails here instead of slowing that run."""
    from streamlit import delta_generator

    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    warm_up(dt.date.today())
    assert delta_generator._use_warning_has_been_displayed is True


def test_a_streamlit_without_those_internals_still_gets_the_data_warmed_up(
    demo_import: int, monkeypatch,  # noqa: ANN001 - pytest's MonkeyPatch
) -> None:
    from streamlit import string_util

    monkeypatch.delattr(string_util, "is_emoji")
    assert warm_up(dt.date.today()) == ["database", "snapshot", "forecast", "history"]


def test_the_warm_up_of_an_empty_database_stops_after_connecting(app_env: Engine) -> None:
    assert warm_up(dt.date.today()) == ["first run", "database"]


def test_the_warm_up_never_raises_when_the_database_is_down(
    app_env: Engine, monkeypatch,  # noqa: ANN001 - pytest's MonkeyPatch
) -> None:
    from tests.ui.app_server import free_port

    monkeypatch.setenv("DATABASE_URL", f"postgresql://crm@127.0.0.1:{free_port()}/crm")
    assert warm_up(dt.date.today()) == ["first run"]


def test_the_history_reuses_the_cached_frame_and_reads_no_later_import(app_env: Engine) -> None:
    from components import history_state
    from tests.ui.conftest import import_demo_history

    ids = import_demo_history(app_env, weeks=3)
    imports = tuple(history_state.ordered_imports())
    probabilities = state.stage_probabilities()
    snapshots = history_state._snapshots_up_to(imports, ids[1], probabilities)
    assert [s.import_id for s in snapshots] == ids[:2]
    middle = imports[1]
    assert snapshots[-1].deals is state.snapshot_frame(middle.import_id, middle.imported_at,
                                                        probabilities)


@pytest.mark.parametrize("name", [
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.caching.cache_data_api",
])
def test_streamlit_context_warnings_of_the_warm_up_thread_are_dropped(name: str) -> None:
    import logging

    from components.warmup import THREAD_NAME, quiet_context_warnings

    quiet_context_warnings()
    logger = logging.getLogger(name)

    def record(thread: str) -> logging.LogRecord:
        made = logger.makeRecord(logger.name, logging.WARNING, __file__, 1, "missing", (), None)
        made.threadName = thread
        return made

    assert logger.filter(record(THREAD_NAME)) is False
    assert logger.filter(record("ScriptRunner.scriptThread")) is True


def test_with_an_earlier_import_the_warm_up_compares_the_two_as_accueil_does(
    make_app: Callable[..., AppTest], app_env: Engine,
    monkeypatch,  # noqa: ANN001 - pytest's MonkeyPatch
) -> None:
    from components import history_state
    from tests.ui.conftest import assert_clean, import_demo_history

    import_demo_history(app_env, weeks=2)
    assert warm_up(dt.date.today()) == [
        "first run", "database", "snapshot", "forecast", "comparison", "history"]

    def no_second_diff(*args: object) -> None:
        raise AssertionError("Accueil compared the imports again")

    monkeypatch.setattr(history_state, "diff_snapshots", no_second_diff)
    at = make_app()
    assert_clean(at)
    assert any("Depuis le dernier import" in s.value for s in at.subheader)

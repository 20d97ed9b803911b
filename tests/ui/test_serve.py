"""`serve.py` opens the server once its warm-up is over, and never waits longer than
`READY_WAIT_S` (issue 8: the first visitor must not wait behind the warm-up)."""

from __future__ import annotations

import threading

import pytest

import serve


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What happened, in order: the fake warm-up's end and the server's start."""
    from streamlit.web import cli as streamlit_cli

    happened: list[str] = []
    monkeypatch.setattr(streamlit_cli, "main", lambda: happened.append("server"))
    return happened


def test_the_server_opens_after_the_warm_up(events: list[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from components import warmup

    def slow_warm_up(done_event: threading.Event) -> list[str]:
        threading.Event().wait(0.2)
        events.append("warmed")
        done_event.set()
        return []

    monkeypatch.setattr(warmup, "warm_up", slow_warm_up)
    serve.main([])
    assert events == ["warmed", "server"]


def test_a_warm_up_that_never_ends_does_not_keep_the_server_closed(
    events: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    from components import warmup

    stuck = threading.Event()
    monkeypatch.setattr(warmup, "warm_up", lambda done_event: stuck.wait(5))
    monkeypatch.setattr(serve, "READY_WAIT_S", 0.1)
    serve.main([])
    assert events == ["server"]
    stuck.set()


def test_a_failing_warm_up_still_says_it_is_over(monkeypatch: pytest.MonkeyPatch) -> None:
    """The database is down: the warm-up stops, and the server must not wait its 15 s."""
    import datetime as dt

    from components import warmup

    def database_down(today: dt.date, done: list[str]) -> None:
        raise OSError("connection refused")

    monkeypatch.setattr(warmup, "_accueil_steps", database_down)
    over = threading.Event()
    assert warmup.warm_up(dt.date(2026, 11, 30), done_event=over) == ["first run"]
    assert over.is_set()


def test_the_malloc_arenas_are_limited_before_the_warm_up_thread_starts(
    events: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Threads started before the limit would keep heaps of their own."""
    from components import warmup
    from utils import process_memory

    monkeypatch.setattr(process_memory, "limit_malloc_arenas", lambda: events.append("arenas"))

    def warm_up(done_event: threading.Event) -> list[str]:
        events.append("warm-up")
        done_event.set()
        return []

    monkeypatch.setattr(warmup, "warm_up", warm_up)
    serve.main([])
    assert events == ["arenas", "warm-up", "server"]

"""The Streamlit process's allocators (utils/process_memory.py, issue 8: ≤ 1 GB at 1M)."""

from __future__ import annotations

import sys

import pyarrow as pa
import pytest

from utils import process_memory


def test_the_pages_state_module_routes_arrow_through_malloc() -> None:
    """Importing what every page and the warm-up import is enough, however the app starts
    (`python run.py` or `streamlit run app.py`)."""
    import components.state  # noqa: F401 - the import is the behaviour under test

    assert pa.default_memory_pool().backend_name == "system"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_the_arena_limit_is_applied_on_linux() -> None:
    assert process_memory.limit_malloc_arenas() is True


def test_the_arena_limit_is_a_no_op_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert process_memory.limit_malloc_arenas() is False

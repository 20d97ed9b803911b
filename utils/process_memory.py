"""How the Streamlit process allocates memory (issue 8: peak RSS ≤ 1 GB at 1M deals).

- pyarrow allocates through its bundled jemalloc by default, which keeps freed pages for a
  while; the snapshot file, pandas' `str` columns (Arrow arrays) and every string operation
  allocate there, while numpy allocates through `malloc`: the two heaps then hold their
  peaks side by side. Arrow through `malloc` instead: the warm-up's peak at 1M (demo
  export) 1,054 → 925 MB, same time.
- glibc gives each new thread its own heap ("arena"), up to 8 per core, and Streamlit runs
  every script run in a new thread: memory freed in one arena is not reused by the next
  run. Two arenas: −70 to −80 MB after ten page loads at 1M (benchmarks/RESULTS.md, "Day 2").
"""

from __future__ import annotations

import ctypes
import sys

M_ARENA_MAX = -8  # glibc's <malloc.h>
ARENAS = 2


def use_system_allocator() -> None:
    """Route Arrow's later allocations through `malloc`; idempotent (arrays already
    allocated stay where they are)."""
    import pyarrow as pa

    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """At most `arenas` glibc heaps for the threads started after this call; True when
    applied (Linux with glibc), False elsewhere (macOS, Windows, musl: nothing to do)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter runs on
    except (OSError, AttributeError):
        return False
    return mallopt(M_ARENA_MAX, arenas) == 1

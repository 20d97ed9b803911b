"""The settings the embedded PostgreSQL runs with (issue 8, docs/architecture.md).

`wal_level = minimal`: an import COPYs into a table created in its own transaction
(`partitions`); with minimal WAL, PostgreSQL writes those pages once and syncs them at
commit, instead of also copying every row into the write-ahead log. Storing 1M deals:
7.9 s → 5.2 s on this machine (benchmarks/RESULTS.md). What minimal gives up — streaming
replicas and WAL archiving — the embedded server never has; crash safety is unchanged.
A server reached through `DATABASE_URL` is never touched.

The settings go into `postgresql.conf` once, under a marker line, and PostgreSQL reads them
at its next start: before a start, or right after the first one (the data folder was just
created, so the caller restarts the server it alone uses).
"""

from __future__ import annotations

from pathlib import Path

SETTINGS: dict[str, str] = {"wal_level": "minimal", "max_wal_senders": "0"}
MARKER = "# CRM Dashboard: imports write their rows once (database/embedded_settings.py)"


def settings_block() -> str:
    lines = [MARKER, *(f"{name} = {value}" for name, value in SETTINGS.items())]
    return "\n".join(lines) + "\n"


def ensure_settings(pgdata: Path) -> bool:
    """Append the settings to `pgdata/postgresql.conf` unless they are there; True when
    the file changed (they apply at the server's next start). Later lines win in
    postgresql.conf, so appending overrides initdb's commented defaults."""
    conf = Path(pgdata) / "postgresql.conf"
    current = conf.read_text(encoding="utf-8", errors="replace")
    if MARKER in current:
        return False
    separator = "" if current.endswith("\n") or not current else "\n"
    with conf.open("a", encoding="utf-8") as handle:
        handle.write(separator + settings_block())
    return True

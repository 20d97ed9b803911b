"""One French state for every way the database can fail the user (issue 7, items 12–15).

`DatabaseUnavailable` is what the database layer raises when it cannot serve a request: no
server, wrong kind of URL, a server that does not answer, a full disk, a server that stopped
mid-operation. The app shows its message on one screen, the CLI prints it and exits 2
(docs/cli.md, "Codes de sortie"). `describe_database_error` turns a driver error into that message.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STATEMENT_TIMEOUT_ENV = "CRM_STATEMENT_TIMEOUT"
DEFAULT_STATEMENT_TIMEOUT_S = 60
CONNECT_TIMEOUT_S = 10

# SQLSTATE classes of psycopg errors that mean "the database cannot serve us now".
_DISK_FULL = ("53100",)
_OUT_OF_RESOURCES = ("53000", "53200", "53300")
_SHUTDOWN = ("57P01", "57P02", "57P03")
_QUERY_CANCELED = "57014"

# libpq's reasons, in French (the English detail is kept only for the unforeseen ones).
_CAUSES = (
    ("connection refused", "connexion refusée (serveur arrêté ou mauvais port)"),
    ("no such file or directory", "serveur arrêté (pas de socket local)"),
    ("could not translate host name", "nom d'hôte inconnu"),
    ("name or service not known", "nom d'hôte inconnu"),
    ("network is unreachable", "réseau injoignable"),
    ("no route to host", "hôte injoignable"),
    ("the connection is lost", "connexion perdue"),
    ("connection is bad", "connexion perdue"),
    ("ssl", "échec de la connexion chiffrée (SSL)"),
)
_NO_SPACE_MARKERS = ("no space left on device", "disk full", "espace disponible")


# Server logs this process may read to name a cause the driver cannot see (the embedded
# server's log): path -> size when registered, so only this run's lines count.
_SERVER_LOGS: dict[Path, int] = {}


def register_server_log(path: Path) -> None:
    try:
        _SERVER_LOGS[path] = path.stat().st_size
    except OSError:
        _SERVER_LOGS[path] = 0


def _server_log_mentions_full_disk() -> bool:
    for path, start in _SERVER_LOGS.items():
        try:
            with path.open("rb") as log:
                log.seek(max(start, path.stat().st_size - 65_536))
                if mentions_full_disk(log.read().decode("utf-8", "replace")):
                    return True
        except OSError:
            continue
    return False


class DatabaseUnavailable(RuntimeError):
    """The database cannot be used; `str(error)` is one French line naming the cause."""


class NotPostgresUrl(DatabaseUnavailable):
    """`DATABASE_URL` does not name a PostgreSQL database."""


def statement_timeout_seconds() -> int:
    """`CRM_STATEMENT_TIMEOUT` (seconds, 0 = none), default 60: bounds every read of the
    app and the CLI so an unresponsive server ends in a message, not a hang."""
    raw = os.environ.get(STATEMENT_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_STATEMENT_TIMEOUT_S
    try:
        value = int(float(raw.replace(",", ".")))
    except ValueError as exc:
        raise DatabaseUnavailable(
            f"{STATEMENT_TIMEOUT_ENV} doit être un nombre de secondes, reçu {raw!r}."
        ) from exc
    return max(value, 0)


def mentions_full_disk(text: str) -> bool:
    lowered = text.lower()
    return any(marker in lowered for marker in _NO_SPACE_MARKERS)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


def describe_database_error(error: BaseException) -> str:
    """One French line for a driver error (psycopg or SQLAlchemy wrapping it)."""
    original = getattr(error, "orig", None) or error
    sqlstate = getattr(original, "sqlstate", None)
    detail = _first_line(str(original))
    if sqlstate in _DISK_FULL or mentions_full_disk(str(original)) \
            or _server_log_mentions_full_disk():
        return ("Base de données indisponible : disque plein, libérez de l'espace puis "
                "relancez.")
    if sqlstate == _QUERY_CANCELED:
        return (f"La base de données n'a pas répondu en {statement_timeout_seconds()} s "
                f"(réglable par {STATEMENT_TIMEOUT_ENV}) : réessayez plus tard.")
    if sqlstate in _SHUTDOWN:
        return ("Le serveur PostgreSQL s'est arrêté pendant l'opération : rien n'a été "
                "enregistré, relancez la commande.")
    if sqlstate in _OUT_OF_RESOURCES:
        return f"Base de données saturée (mémoire ou connexions) : {detail}"
    lowered = detail.lower()
    if "timeout expired" in lowered or "timed out" in lowered:
        return (f"Base de données injoignable : pas de réponse en {CONNECT_TIMEOUT_S} s — "
                "vérifiez DATABASE_URL ou le réseau.")
    if "closed the connection unexpectedly" in lowered or "consuming input failed" in lowered \
            or "terminating connection" in lowered or "server closed" in lowered:
        return ("Le serveur PostgreSQL s'est arrêté pendant l'opération : rien n'a été "
                "enregistré, relancez la commande.")
    if "password authentication failed" in lowered:
        return "Base de données refusée : identifiant ou mot de passe incorrect (DATABASE_URL)."
    if "does not exist" in lowered and "database" in lowered:
        return f"Base de données introuvable sur le serveur : {detail}"
    cause = next((french for marker, french in _CAUSES if marker in lowered), detail)
    reason = f" : {cause}" if cause else ""
    return f"Base de données injoignable{reason} — vérifiez DATABASE_URL ou relancez."


def is_unavailability(error: BaseException) -> bool:
    """Whether a driver error means the database cannot serve us (vs. a bug in a query)."""
    import psycopg

    original = getattr(error, "orig", None) or error
    if not isinstance(original, psycopg.Error):
        return False
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate is None:  # connection-level failure: no server answer at all
        return isinstance(original, psycopg.OperationalError)
    return (sqlstate.startswith("08") or sqlstate in _DISK_FULL or sqlstate in _SHUTDOWN
            or sqlstate in _OUT_OF_RESOURCES or sqlstate == _QUERY_CANCELED)


@contextmanager
def unavailability_in_french() -> Iterator[None]:
    """For driver calls SQLAlchemy does not see (COPY on the raw psycopg cursor)."""
    try:
        yield
    except DatabaseUnavailable:
        raise
    except Exception as exc:
        if is_unavailability(exc):
            raise DatabaseUnavailable(describe_database_error(exc)) from exc
        raise

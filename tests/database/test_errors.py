"""French messages for driver failures (issue 7, items 13 and 15)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from database import errors


def test_a_connection_lost_after_a_full_disk_in_the_server_log_says_disque_plein(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(errors, "_SERVER_LOGS", {})
    log = tmp_path / "log"
    log.write_text("LOG: old run: No space left on device\n", encoding="utf-8")
    errors.register_server_log(log)  # lines already there belong to another run
    lost = psycopg.OperationalError("the connection is lost")
    assert "disque plein" not in errors.describe_database_error(lost)
    with log.open("a", encoding="utf-8") as append:
        append.write('PANIC: could not write to file "pg_wal/x": No space left on device\n')
    assert errors.describe_database_error(lost) == (
        "Base de données indisponible : disque plein, libérez de l'espace puis relancez."
    )


def test_a_statement_timeout_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_STATEMENT_TIMEOUT", "5")
    cancelled = psycopg.errors.QueryCanceled("canceling statement due to statement timeout")
    assert errors.describe_database_error(cancelled) == (
        "La base de données n'a pas répondu en 5 s (réglable par CRM_STATEMENT_TIMEOUT) : "
        "réessayez plus tard."
    )


def test_a_bad_statement_timeout_setting_is_refused_in_french(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CRM_STATEMENT_TIMEOUT", "soixante")
    with pytest.raises(errors.DatabaseUnavailable, match="CRM_STATEMENT_TIMEOUT doit"):
        errors.statement_timeout_seconds()


def test_a_refused_connection_is_explained_in_french() -> None:
    refused = psycopg.OperationalError(
        'connection failed: connection to server at "127.0.0.1", port 1 failed: '
        "Connection refused\n\tIs the server running on that host?"
    )
    assert errors.describe_database_error(refused) == (
        "Base de données injoignable : connexion refusée (serveur arrêté ou mauvais port) — "
        "vérifiez DATABASE_URL ou relancez."
    )

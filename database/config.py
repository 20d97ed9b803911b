"""Where the data lives: `DATABASE_URL` (env or `.env`) or the embedded server's folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dotenv import load_dotenv

from database.errors import NotPostgresUrl

APP_DIR_NAME = "crm-dashboard"


def database_url_from_env() -> str | None:
    """`DATABASE_URL` from the environment, else from `.env`; None means "use embedded"."""
    load_dotenv(override=False)
    url = os.environ.get("DATABASE_URL", "").strip()
    return url or None


def data_dir() -> Path:
    """`CRM_DATA_DIR`, else the per-user data folder of the platform (docs/cli.md)."""
    load_dotenv(override=False)
    configured = os.environ.get("CRM_DATA_DIR", "").strip()
    if configured:
        return Path(configured).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / APP_DIR_NAME


POSTGRES_SCHEMES = ("postgresql+psycopg://", "postgresql://", "postgres://")


def sqlalchemy_url(url: str) -> str:
    """Force the psycopg 3 driver whatever scheme the user pasted (Neon gives `postgres://`).

    Only PostgreSQL is accepted (docs/cli.md): any other scheme raises `NotPostgresUrl`, so a
    `mysql://` or `sqlite://` URL fails at once with one French line, not later.
    """
    cleaned = url.strip()
    for prefix in POSTGRES_SCHEMES:
        if cleaned.lower().startswith(prefix):
            return "postgresql+psycopg://" + cleaned[len(prefix):]
    scheme, sep, _ = cleaned.partition("://")
    shown = f"« {scheme}:// »" if sep and scheme and len(scheme) < 40 else "illisible"
    raise NotPostgresUrl(
        f"DATABASE_URL doit désigner une base PostgreSQL (postgresql://utilisateur@hôte/base) ;"
        f" adresse reçue : {shown}."
    )


def resolve_url() -> str:
    """`DATABASE_URL` when set (docs/cli.md "Quelle base de données ?"), else the embedded
    server."""
    configured = database_url_from_env()
    if configured:
        return sqlalchemy_url(configured)
    from database.embedded import embedded_url  # psutil, the server package: only if used

    return embedded_url()

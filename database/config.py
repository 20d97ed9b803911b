"""Where the data lives: `DATABASE_URL` (env or `.env`) or the embedded server's folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dotenv import load_dotenv

APP_DIR_NAME = "crm-dashboard"


def database_url_from_env() -> str | None:
    """`DATABASE_URL` from the environment, else from `.env`; None means "use embedded"."""
    load_dotenv(override=False)
    url = os.environ.get("DATABASE_URL", "").strip()
    return url or None


def data_dir() -> Path:
    """`CRM_DATA_DIR`, else the per-user data folder of the platform (cli.md)."""
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


def sqlalchemy_url(url: str) -> str:
    """Force the psycopg 3 driver whatever scheme the user pasted (Neon gives `postgres://`)."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url

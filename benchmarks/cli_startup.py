"""Whole-process time of the light CLI commands (issue 8: `delete-import` ≤ 1 s). By hand:

    .venv/bin/python benchmarks/cli_startup.py [--deals 100000] [--runs 3]

Imports an N-deal export (`business_logic.demo.demo_export`) with `cli.py import` — the
real import path — `--runs` times, then times as fresh processes, median of `--runs`:
`cli.py imports --json` and `cli.py delete-import ID` (one snapshot deleted per run).
Uses DATABASE_URL when set, otherwise an embedded PostgreSQL in a temporary CRM_DATA_DIR,
started and held by this process (as the running app would) and handed to the commands as
their DATABASE_URL, so they time the command and not a server start. Prints the load
average next to the figures: the time is mostly the interpreter importing modules, which a
busy machine inflates.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AS_OF = dt.date(2026, 11, 26)


def _cli(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """`cli.py ARGS` in a fresh process: (wall seconds, CPU seconds, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args], env=env,
                                 stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"cli.py {' '.join(args)}: {err.read().decode()}")
        return elapsed, usage.ru_utime + usage.ru_stime, out.read().decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from business_logic.demo import demo_export

    work = Path(tempfile.mkdtemp(prefix="cli-startup-"))
    atexit.register(shutil.rmtree, work, True)  # registered first: runs after the server stop
    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        from database.embedded import embedded_url

        env["DATABASE_URL"] = embedded_url(work / "data")  # stopped by this process's exit
    try:
        export = work / "export.csv"
        export.write_bytes(demo_export(AS_OF, n_deals=args.deals, seed=7))
        ids = []
        for _ in range(args.runs):
            report = json.loads(_cli(env, "import", str(export), "--json")[2])
            ids.append(int(report["import_id"]))
        _cli(env, "imports", "--json")  # untimed: server started, page cache warm
        listing, deleting = [], []
        for import_id in ids:
            listing.append(_cli(env, "imports", "--json")[:2])
            deleting.append(_cli(env, "delete-import", str(import_id))[:2])
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare = time.perf_counter() - started
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"{args.deals:,} deals per import, median of {args.runs}, load average {load}")
        print(f"{'command':<32} {'wall':>8} {'CPU':>8}")
        for name, runs in (("cli.py imports --json", listing),
                           ("cli.py delete-import ID", deleting)):
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            print(f"{name:<32} {wall:>7.2f}s {cpu:>7.2f}s")
        print(f"{'python -c pass (interpreter)':<32} {bare:>7.2f}s")
    finally:
        (work / "export.csv").unlink(missing_ok=True)


if __name__ == "__main__":
    main()

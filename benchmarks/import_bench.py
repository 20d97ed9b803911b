"""Storage benchmark (issues "Foundation" item 7 and 8). Run by hand, never in the tests.

    .venv/bin/python benchmarks/import_bench.py [--rows 1000000] [--runs 3]

1. Generates an N-deal export in the French Excel style (`;`, cp1252, `12 500,50 €`,
   `26/11/2026`) with `business_logic.demo.demo_export`.
2. Times `cli.py import FILE --json` as a whole process (interpreter start included), and
   its peak RSS (os.wait4).
3. Times, in the same run and on the same server, `psql \\copy` of the same stored rows into
   a bare table (no key, no index): the physical floor of issue 8.
4. Times `cli.py kpis --json` on that snapshot (whole process) against `COPY (SELECT …) TO
   STDOUT` + `pandas.read_csv` of the same rows in this process.
5. Times `cli.py delete-import` of the snapshot (whole process).
Prints the medians and ratios (targets: import ≤ 2× the floor, peak RSS ≤ 1.5 GB, kpis
≤ 1.5× COPY + read_csv, delete ≤ 1 s). Uses DATABASE_URL when set, otherwise a throwaway
embedded PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
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

import pandas as pd  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from business_logic.columns import CANONICAL_COLUMNS, DATE_COLUMNS  # noqa: E402

AS_OF = dt.date(2026, 11, 26)


CPU_SECONDS: dict[str, list[float]] = {}


def _cli(url: str, *args: str) -> tuple[float, float, str]:
    """Run `cli.py ARGS` in a fresh process: (wall seconds, peak RSS MB, stdout). Its CPU
    seconds (user + sys: what a loaded machine does not inflate) go to CPU_SECONDS."""
    env = {**os.environ, "DATABASE_URL": url}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args], env=env,
                                 stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise RuntimeError(f"cli.py {' '.join(args)}: {err.read().decode()}")
        CPU_SECONDS.setdefault(args[0], []).append(usage.ru_utime + usage.ru_stime)
        return elapsed, usage.ru_maxrss / 1024, out.read().decode()


def _libpq_url(url: str) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


PSQL_IMPORT_ID = 999_999
BARE_TABLE = "bench_bare_deals"


def _export_canonical_rows(engine, import_id: int, sink_path: Path) -> None:
    """The rows the import stored, as the CSV `psql \\copy` will load (untimed)."""
    cols = ", ".join(CANONICAL_COLUMNS)
    with engine.connect() as connection, sink_path.open("wb") as sink:
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(
            f"COPY (SELECT {PSQL_IMPORT_ID}, {cols} FROM deals WHERE import_id = {import_id})"
            " TO STDOUT (FORMAT csv)"
        ) as copy:
            for block in copy:
                sink.write(block)


def _empty_tables(engine) -> None:
    """No snapshot, no partition, no bare table: what a fresh database holds."""
    with engine.begin() as connection:
        names = connection.execute(text(
            "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
            " AND relkind = 'r' AND relname ~ '^deals_import_[0-9]+$'")).scalars().all()
        for name in [*names, BARE_TABLE]:
            connection.execute(text(f"DROP TABLE IF EXISTS {name}"))
        connection.execute(text("TRUNCATE imports, deal_journal"))
        connection.execute(text("CHECKPOINT"))


def _time_psql_copy(engine, url: str, canonical_csv: Path) -> float:
    """Same rows into a bare table with the columns of `deals` (no key, no index)."""
    with engine.begin() as connection:
        connection.execute(text(f"CREATE TABLE {BARE_TABLE} (LIKE deals INCLUDING DEFAULTS)"))
        connection.execute(text("CHECKPOINT"))
    columns = ", ".join(("import_id", *CANONICAL_COLUMNS))
    started = time.perf_counter()
    subprocess.run(
        ["psql", _libpq_url(url), "-q", "-v", "ON_ERROR_STOP=1", "-c",
         f"\\copy {BARE_TABLE} ({columns}) FROM '{canonical_csv}' WITH (FORMAT csv)"],
        check=True,
    )
    elapsed = time.perf_counter() - started
    with engine.begin() as connection:
        connection.execute(text(f"DROP TABLE {BARE_TABLE}"))
    return elapsed


def _time_copy_read_csv(engine, import_id: int) -> float:
    """The read floor of issue 8: COPY (SELECT …) TO STDOUT + pandas.read_csv, in process."""
    columns = list(CANONICAL_COLUMNS)
    started = time.perf_counter()
    buffer = io.BytesIO()
    with engine.connect() as connection:
        cursor = connection.connection.driver_connection.cursor()
        query = (f"COPY (SELECT {', '.join(columns)} FROM deals WHERE import_id = {import_id}"
                 ") TO STDOUT (FORMAT csv)")
        with cursor.copy(query) as copy:
            for block in copy:
                buffer.write(block)
    buffer.seek(0)
    pd.read_csv(buffer, header=None, names=columns, parse_dates=list(DATE_COLUMNS))
    return time.perf_counter() - started


def _median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from business_logic.demo import demo_export
    from database import make_engine
    from database.embedded import embedded_url

    workdir = Path(tempfile.mkdtemp(prefix="crm-import-bench-"))
    url = os.environ.get("DATABASE_URL") or embedded_url(workdir / "pg")
    engine = make_engine(url)

    print(f"Generating {args.rows:,} deals…", flush=True)
    export = workdir / "export_fr.csv"
    export.write_bytes(demo_export(AS_OF, n_deals=args.rows, seed=7))
    print(f"  {export.stat().st_size / 1e6:.1f} MB, cp1252, ';'")

    timings: dict[str, list[float]] = {k: [] for k in ("import", "copy", "kpis", "read",
                                                       "delete")}
    peaks = []
    canonical_csv = workdir / "canonical.csv"
    for run in range(args.runs):
        _empty_tables(engine)
        elapsed, peak, out = _cli(url, "import", str(export), "--json")
        import_id = json.loads(out)["import_id"]
        timings["import"].append(elapsed)
        peaks.append(peak)
        _cli(url, "kpis", "--json", "--import-id", str(import_id))  # warm the page cache
        timings["kpis"].append(_cli(url, "kpis", "--json", "--import-id", str(import_id),
                                    "--as-of", AS_OF.isoformat())[0])
        timings["read"].append(_time_copy_read_csv(engine, import_id))
        _export_canonical_rows(engine, import_id, canonical_csv)
        timings["delete"].append(_cli(url, "delete-import", str(import_id))[0])
        timings["copy"].append(_time_psql_copy(engine, url, canonical_csv))
        print(f"  run {run + 1}: import {elapsed:.2f} s (peak {peak:.0f} MB) | psql \\copy bare"
              f" {timings['copy'][-1]:.2f} s | kpis {timings['kpis'][-1]:.2f} s | COPY TO +"
              f" read_csv {timings['read'][-1]:.2f} s | delete {timings['delete'][-1]:.2f} s"
              f" | load {os.getloadavg()[0]:.1f}", flush=True)
    _empty_tables(engine)

    m = {name: _median(values) for name, values in timings.items()}
    print()
    print(f"| {args.rows:,} deals (median of {args.runs}) | ours | floor | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| `cli.py import` vs `psql \\copy` into a bare table | {m['import']:.2f} s |"
          f" {m['copy']:.2f} s | {m['import'] / m['copy']:.2f}x | ≤ 2x |")
    print(f"| `cli.py kpis --json` vs COPY TO + read_csv | {m['kpis']:.2f} s |"
          f" {m['read']:.2f} s | {m['kpis'] / m['read']:.2f}x | ≤ 1.5x |")
    print(f"| `cli.py delete-import` | {m['delete']:.2f} s | | | ≤ 1 s |")
    print(f"| peak RSS of `cli.py import` | {max(peaks):.0f} MB | | | ≤ 1,536 MB |")
    print("client CPU seconds (user+sys) per command, median:",
          {name: round(_median(values), 2) for name, values in CPU_SECONDS.items()})
    print(f"load average at the end: {os.getloadavg()} on {os.cpu_count()} CPUs")
    engine.dispose()
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

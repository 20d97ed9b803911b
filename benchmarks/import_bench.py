"""Import benchmark (issue "Foundation", item 7). Run by hand, never in the tests.

    .venv/bin/python benchmarks/import_bench.py [--rows 1000000] [--runs 3]

1. Generates an N-deal export in the French Excel style (`;`, cp1252, `12 500,50 €`,
   `26/11/2026`) with `business_logic.demo.demo_export`.
2. Times the full import (read + detect + validate + COPY in one transaction) in a fresh
   child process per run, and its peak RSS.
3. Times, in the same run and on the same server, `psql \\copy` of the same canonical rows
   into the same `deals` table (same indexes), the physical floor.
Prints the medians, the ratio (target ≤ 1.5×) and the peak RSS (target ≤ 2 GB).
Uses DATABASE_URL when set, otherwise a throwaway embedded PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from business_logic.columns import CANONICAL_COLUMNS  # noqa: E402

AS_OF = dt.date(2026, 11, 26)


def _child_import(url: str, path: str) -> None:
    """Runs in a fresh process: the timed, end-to-end import."""
    from database import make_engine
    from database.import_flow import run_import

    engine = make_engine(url)
    data = Path(path).read_bytes()
    started = time.perf_counter()
    stored = run_import(engine, data, Path(path).name)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.3f} {peak_mb:.0f} {stored.import_id} {stored.result.report.rows_imported}")


def _libpq_url(url: str) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def _time_import(url: str, path: Path) -> tuple[float, float, int, int]:
    out = subprocess.run(
        [sys.executable, __file__, "--child-import", url, str(path)],
        check=True, capture_output=True, text=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), int(out[3])


PSQL_IMPORT_ID = 999_999


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
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE imports, deals"))
        connection.execute(text("CHECKPOINT"))


def _time_psql_copy(engine, url: str, canonical_csv: Path) -> float:
    """Same rows, same table, same indexes, empty like the import found it."""
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO imports (id, file_name, sha256, detected, rows_read, rows_imported,"
            " rows_rejected, warnings, errors)"
            f" VALUES ({PSQL_IMPORT_ID}, 'psql', '', '{{}}', 0, 0, 0, '[]', '[]')"
        ))
    columns = ", ".join(("import_id", *CANONICAL_COLUMNS))
    started = time.perf_counter()
    subprocess.run(
        ["psql", _libpq_url(url), "-q", "-v", "ON_ERROR_STOP=1", "-c",
         f"\\copy deals ({columns}) FROM '{canonical_csv}' WITH (FORMAT csv)"],
        check=True,
    )
    return time.perf_counter() - started


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

    imports, peaks, copies = [], [], []
    canonical_csv = workdir / "canonical.csv"
    for run in range(args.runs):
        _empty_tables(engine)
        elapsed, peak, import_id, imported = _time_import(url, export)
        imports.append(elapsed)
        peaks.append(peak)
        _export_canonical_rows(engine, import_id, canonical_csv)
        _empty_tables(engine)
        copies.append(_time_psql_copy(engine, url, canonical_csv))
        print(f"  run {run + 1}: import {elapsed:.2f} s ({imported:,} deals, peak {peak:.0f} MB)"
              f" | psql \\copy {copies[-1]:.2f} s", flush=True)
    _empty_tables(engine)

    median_import, median_copy = statistics.median(imports), statistics.median(copies)
    print()
    print("| rows | full import (median) | psql \\copy (median) | ratio | peak RSS |")
    print("|---|---|---|---|---|")
    print(f"| {args.rows:,} | {median_import:.2f} s | {median_copy:.2f} s |"
          f" {median_import / median_copy:.2f}x | {max(peaks):.0f} MB |")
    print("targets: ratio <= 1.5x, peak RSS <= 2048 MB")
    engine.dispose()
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child-import":
        _child_import(sys.argv[2], sys.argv[3])
    else:
        main()

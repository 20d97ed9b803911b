"""The storage layer alone, in one process (issue 8): no interpreter start, no file parsing.

    .venv/bin/python benchmarks/partition_bench.py [--deals 1000000] [--runs 3]

On DATABASE_URL's server, else a throwaway embedded PostgreSQL (where `load_deals` also
keeps its Arrow file), median of `--runs`:
- `save_import` of a generated canonical frame (bare partition, COPY FREEZE, ATTACH) vs
  `psql \\copy` of the same rows into a bare table;
- `load_deals` through COPY (first read) and again (the Arrow file, embedded only) vs
  `COPY (SELECT …) TO STDOUT` + `pandas.read_csv`;
- `delete_import` (DROP of the partition).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.import_bench import (  # noqa: E402
    _empty_tables,
    _export_canonical_rows,
    _time_copy_read_csv,
    _time_psql_copy,
)
from benchmarks.kpis_bench import generate_deals  # noqa: E402


def _timed(action, *args, **kwargs) -> tuple[float, object]:  # noqa: ANN001
    started = time.perf_counter()
    result = action(*args, **kwargs)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from database import delete_import, load_deals, make_engine, save_import
    from database.embedded import embedded_url
    from database.snapshot_cache import cache_dir

    workdir = Path(tempfile.mkdtemp(prefix="crm-partition-bench-"))
    url = os.environ.get("DATABASE_URL") or embedded_url(workdir)
    engine = make_engine(url)
    frame = generate_deals(args.deals)
    cached = cache_dir(engine) is not None
    figures: dict[str, list[float]] = {}
    for _ in range(args.runs):
        _empty_tables(engine)
        save_s, import_id = _timed(save_import, engine, file_name="bench.csv", sha256="",
                                   report={}, deals=frame)
        first_s, _ = _timed(load_deals, engine, import_id)
        again_s, _ = _timed(load_deals, engine, import_id)
        plain_s = _time_copy_read_csv(engine, import_id)
        csv_path = workdir / "canonical.csv"
        _export_canonical_rows(engine, import_id, csv_path)
        delete_s, _ = _timed(delete_import, engine, import_id)
        copy_s = _time_psql_copy(engine, url, csv_path)
        for name, value in (("save_import", save_s), ("psql \\copy bare", copy_s),
                            ("load_deals (COPY)", first_s), ("load_deals (again)", again_s),
                            ("COPY TO + read_csv", plain_s), ("delete_import", delete_s)):
            figures.setdefault(name, []).append(value)
        print({k: round(v[-1], 2) for k, v in figures.items()}, flush=True)
    _empty_tables(engine)
    print(f"\n{args.deals:,} deals, median of {args.runs}"
          f" ({'embedded, Arrow cache' if cached else 'no cache: remote server'}):")
    for name, values in figures.items():
        print(f"  {name:<22} {statistics.median(values):7.3f} s")
    print(f"load average: {os.getloadavg()} on {os.cpu_count()} CPUs")
    engine.dispose()


if __name__ == "__main__":
    main()

"""Run the benchmarks on demand: `make bench BENCH_ARGS="cases_pages 100"`.

Without arguments it lists them. Each benchmark is a module of this package run in its own
process (each sets Django up on the PostgreSQL database it names) and prints its results as JSON;
the measured runs are kept in bench/results/<name>.json with their write-ups in
bench/results/*.md.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = {
    "scoping": "cost of tenant scoping, ORM and pages (database gt_bench_core)",
    "cases_pages": "case list, filters, search and detail at 500k cases (database gt_bench)",
    "cases_import": "10,000-row import vs django-import-export (database gt_bench_import)",
    "reports_perf": "dashboards, annual report PDFs, WeasyPrint ratio, memory (database gt_bench)",
    "rad_perf": "RAD evaluation (200 activities) and comparison over 553 plans (gt_bench_rad)",
    "meetings_perf": "national recommendations board, 20,000 sent down to 552 task forces "
                     "(database gt_bench_meetings)",
    "case_form_weight": "entry form and case list: HTML bytes, gzip, time to usable on emulated "
                        "3G in Chromium (database gt_bench_form)",
    "load_test": "the whole site under load with writes: gunicorn (production settings), Celery, "
                 "locust officers/verifiers/coordinators/secretariats (database gt_bench)",
    "monitoring_perf": "national Pemantauan page over 552 task forces below, its map and "
                       ".xlsx (database gt_bench_monitoring)",
    "warm_figures": "dashboards and Pemantauan right after a change: computed in the request "
                    "vs the last figures + one refresh task (database gt_bench, a worker beside)",
    "smallcells_attack": "published figures attacked by LP: small cells hidden naively, by the "
                         "pre-fix code and by reports.smallcells (no database)",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHMARKS:
        print("make bench BENCH_ARGS=\"NAME [ARGS]\"; the scale data first:\n"
              "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench "
              ".venv/bin/python manage.py generate_scale_data --cases 500000\n")
        for name, what in BENCHMARKS.items():
            print(f"  {name:14} {what}")
        return 0 if not argv else 2
    return subprocess.call([sys.executable, "-m", f"bench.{argv[0]}", *argv[1:]],
                           cwd=HERE.parent)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Published figures attacked before and after the small-cell rule (issue 10, finding 3).

    nice -n 19 .venv/bin/python -m bench.smallcells_attack 2000 --k 5 [--knowing]
    make bench BENCH_ARGS="smallcells_attack 2000"

No database: N generated publications (seeds FIRST..FIRST+N-1, `--first-seed`, default 0), each
drawn as the suite's audit draws them (`tests/reports/synthetic.py`: 1-15 districts, 2-90 cases
of 1-3 victims, so many small counts; the province's figures, every district row with its
breakdowns, and the relations a reader can rely on: victims = female + male = children + adults
= the age groups, each column of the rows = the province's figure, legal stages = cases, by-year
and nationality totals, served <= cases, ...). Seed s gives the table of the audit's seed s
(its draw of k is made and set aside: k is `--k` here, the site's SMALL_CELL_K by default).

Each table is published three ways:
- `naive`: every cell of 1..k-1 shown as "< k", everything else exact (the rule as finding 3
  describes it: totals published beside the hidden cells);
- `pre_fix`: the code before commit 3280e44 (`suppress`/`suppress_counts`, `_apply_small_cells`,
  `_suppress_below`, copied below): the pairs and breakdowns of the province and each table of
  the district rows get a second hidden cell per row/column, marked "< k" too; the province's
  headline counts are not protected at all;
- `after`: `reports.smallcells.publish_figures` as on main.

Then the suite's attacker (`synthetic.attack`: for every hidden cell, min and max by HiGHS LP
over every published number and relation, hidden cells >= 0) is run on each, and counted:
hidden cells pinned to one value (max - min < 1: recovered; `pinned_exactly`: max = min),
primary cells (1..k-1) whose feasible range is narrower than [1, k-1], cells marked "< k" that
are 0 or >= k, zeros hidden, cells of 1..k-1 left published. With `--knowing` (about twice the
time of `naive` and `after`), also the reader who takes "< k" as 1..k-1 (`marks=k`) on `naive`
and `after`, and how many of the cells it pins the marks alone pin (as if every cell were
hidden: no suppression can help; the audit's exception); not on `pre_fix`, whose "< k" marks on
0 and on cells >= k make that reader's LP infeasible. About 2 s a table on a busy 2-core
machine (3.5 s with `--knowing`); one process, one thread.
`--max-minutes M`: stop after the table that passes M minutes (the results give the N done).
Results: bench/results/smallcells_attack.json (`--output`), write-up smallcells_attack.md.
"""

import argparse
import copy
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: the machine is shared
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# no database is touched: Django is set up only for the choices synthetic.py imports
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gugus_tugas.settings.test")

import django  # noqa: E402

django.setup()

import scipy  # noqa: E402

from reports.smallcells import publish_figures  # noqa: E402
from tests.reports import synthetic  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "smallcells_attack.json"
EPS = 1e-6
VARIANTS = ("naive", "pre_fix", "after")


def table(seed: int) -> dict:
    """The true figures of the audit's seed (test_no_hidden_cell_of_generated_figures_...)."""
    rng = random.Random(seed)
    units = rng.choice([1, 2, 4, 9, 15])
    rng.choice([3, 5, 5, 10])  # the audit's k: drawn to keep the same tables, not used
    data = synthetic.microdata(rng, units=units, cases=rng.choice([2, 6, 15, 40, 90]))
    return synthetic.figures(data, units=units, awaiting=rng.randrange(7),
                             earlier=[rng.randrange(12) for _ in range(4)])


def _set(node, path, value):
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def naive(true: dict, k: int) -> dict:
    published = copy.deepcopy(true)
    for path, value in synthetic.cells(true).items():
        if 0 < value < k:
            _set(published, path, f"< {k}")
    return published


# --- the code before 3280e44 (reports/smallcells.py and reports/selectors.py at 3280e44^) ----

def _suppress(table, k):
    rows, cols = len(table), len(table[0]) if table else 0
    hidden = [[0 < v < k for v in row] for row in table]

    def pick(cells):
        visible = [(table[r][c] == 0, table[r][c], r, c) for r, c in cells if not hidden[r][c]]
        best = min(visible) if visible else None
        return (best[1], best[2], best[3]) if best else None

    changed = True
    while changed:
        changed = False
        for r in range(rows):
            if sum(hidden[r]) == 1:
                choice = pick([(r, c) for c in range(cols)])
                if choice:
                    hidden[choice[1]][choice[2]] = True
                    changed = True
        for c in range(cols):
            if sum(hidden[r][c] for r in range(rows)) == 1:
                choice = pick([(r, c) for r in range(rows)])
                if choice:
                    hidden[choice[1]][choice[2]] = True
                    changed = True
    return [[f"< {k}" if hidden[r][c] else table[r][c] for c in range(cols)] for r in range(rows)]


def _suppress_counts(counts, k):
    keys = list(counts)
    return dict(zip(keys, _suppress([[counts[key] for key in keys]], k)[0], strict=True))


SUMMARY_KEYS = ("cases", "served", "victims", "children", "adults", "female", "male")
ANNEX_PARTS = ("by_age_group", "by_exploitation", "services")


def pre_fix(true: dict, k: int) -> dict:
    f = copy.deepcopy(true)
    v = f["victims"]  # _apply_small_cells
    v["children"], v["adults"] = _suppress([[v["children"], v["adults"]]], k)[0]
    v["female"], v["male"] = _suppress([[v["female"], v["male"]]], k)[0]
    for key in ("by_age_group", "by_exploitation", "by_nationality", "by_year"):
        v[key] = _suppress_counts(v[key], k)
    f["services"] = _suppress_counts(f["services"], k)
    f["legal"]["by_stage"] = _suppress_counts(f["legal"]["by_stage"], k)
    f["flows"] = [{**fl, "cases": f"< {k}" if 0 < fl["cases"] < k else fl["cases"]}
                  for fl in f["flows"]]
    rows = f["below"]  # _suppress_below
    if rows:
        shown = [dict(r) for r in rows]
        summary = _suppress([[r[key] for key in SUMMARY_KEYS] for r in rows], k)
        for out, values in zip(shown, summary, strict=True):
            out.update(zip(SUMMARY_KEYS, values, strict=True))
        for part in ANNEX_PARTS:
            keys = list(rows[0][part])
            part_table = _suppress([[r[part][key] for key in keys] for r in rows], k)
            for out, values in zip(shown, part_table, strict=True):
                out[part] = dict(zip(keys, values, strict=True))
        f["below"] = shown
    return f


# --- the attack ------------------------------------------------------------------------------

def measure(published: dict, true: dict, k: int, *, knowing: bool) -> tuple[dict, list]:
    """The counts of one published table, and the cells the plain attacker recovered."""
    mark = f"< {k}"
    truth = synthetic.cells(synthetic.aligned(true, published))
    shown = synthetic.cells(published)
    ranges = synthetic.attack(published, true)
    small = {p for p, v in truth.items() if 0 < v < k}
    pinned = [p for p, (lo, hi, *_) in ranges.items() if hi - lo < 1 - EPS]
    for p in pinned:  # recovered means the true value
        lo, hi, value, _ = ranges[p]
        assert lo - EPS <= value <= hi + EPS, (p, ranges[p])
    out = {
        "cells": len(truth),
        "small_cells": len(small),
        "hidden": len(ranges),
        "marked_primary": sum(shown[p] == mark for p in ranges),
        "marked_secondary": sum(shown[p] == "×" for p in ranges),
        "small_published": sum(isinstance(shown[p], int) for p in small),
        "pinned": len(pinned),
        "pinned_small": sum(p in small for p in pinned),
        "pinned_exactly": sum(hi - lo < EPS for p, (lo, hi, *_) in ranges.items()),
        "primary_narrower": sum(lo > 1 + EPS or hi < k - 1 - EPS
                                for p, (lo, hi, *_) in ranges.items() if p in small),
        "marked_lt_k_untrue": sum(shown[p] == mark and not 0 < truth[p] < k for p in ranges),
        "marked_lt_k_zero": sum(shown[p] == mark and truth[p] == 0 for p in ranges),
        "marked_lt_k_at_least_k": sum(shown[p] == mark and truth[p] >= k for p in ranges),
        "zeros_hidden": sum(truth[p] == 0 for p in ranges),
    }
    if knowing:
        start = time.perf_counter()
        reader = synthetic.attack(published, true, marks=k)
        pinned_k = {p for p, (lo, hi, *_) in reader.items() if hi - lo < 1 - EPS}
        alone = synthetic.attack(published, true, marks=k, everything=True,
                                 only=pinned_k) if pinned_k else {}
        out["knowing_pinned"] = len(pinned_k)
        out["knowing_pinned_by_marks_alone"] = sum(hi - lo < 1 - EPS
                                                   for lo, hi, *_ in alone.values())
        out["seconds_knowing"] = time.perf_counter() - start
    examples = [{"cell": "/".join(map(str, p)), "value": truth[p],
                 "shown": shown[p], "range": [ranges[p][0], ranges[p][1]]} for p in pinned]
    return out, examples


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench.smallcells_attack")
    parser.add_argument("n", type=int, nargs="?", default=2000, help="tables (default 2000)")
    parser.add_argument("--k", type=int, default=5, help="the threshold (default 5)")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--knowing", action="store_true",
                        help="also the reader who takes '< k' as 1..k-1 (naive, after)")
    parser.add_argument("--max-minutes", type=float, default=None,
                        help="stop after the table that passes this time (N = the tables done)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    k, seeds = args.k, range(args.first_seed, args.first_seed + args.n)
    publish = {"naive": naive, "pre_fix": pre_fix,
               "after": lambda true, k: publish_figures(copy.deepcopy(true), k)}
    totals = {v: {} for v in VARIANTS}
    tables_with_pinned = dict.fromkeys(VARIANTS, 0)
    seconds = {f"{v}_{step}": 0.0 for v in VARIANTS for step in ("publish", "attack")}
    examples = {v: [] for v in VARIANTS}
    shapes = {"districts": {}, "cases": {}}
    load_start, start = os.getloadavg(), time.perf_counter()
    done = 0
    for n, seed in enumerate(seeds, 1):
        if args.max_minutes and time.perf_counter() - start > 60 * args.max_minutes:
            print(f"stopped after {done} tables: --max-minutes {args.max_minutes:g}",
                  file=sys.stderr)
            break
        done = n
        true = table(seed)
        units = len(true["below"])
        shapes["districts"][units] = shapes["districts"].get(units, 0) + 1
        cases = true["cases"]["reported"]
        bucket = next(b for b in ("2", "6", "15", "40", "90") if cases <= int(b))
        shapes["cases"][f"<={bucket}"] = shapes["cases"].get(f"<={bucket}", 0) + 1
        for variant in VARIANTS:
            t = time.perf_counter()
            published = publish[variant](true, k)
            seconds[f"{variant}_publish"] += time.perf_counter() - t
            t = time.perf_counter()
            counts, found = measure(published, true, k,
                                    knowing=args.knowing and variant != "pre_fix")
            knowing_seconds = counts.pop("seconds_knowing", 0.0)
            seconds[f"{variant}_attack"] += time.perf_counter() - t - knowing_seconds
            if knowing_seconds:
                seconds[f"{variant}_knowing"] = seconds.get(f"{variant}_knowing", 0) + knowing_seconds
            for key, value in counts.items():
                totals[variant][key] = totals[variant].get(key, 0) + value
            tables_with_pinned[variant] += bool(counts["pinned"])
            if len(examples[variant]) < 5 and found:
                examples[variant].append({"seed": seed, **found[0]})
        if n % 50 == 0 or n == len(seeds):
            print(f"{n}/{len(seeds)} tables, {time.perf_counter() - start:.0f} s, pinned "
                  + ", ".join(f"{v} {totals[v]['pinned']}" for v in VARIANTS),
                  file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - start
    seeds = range(seeds.start, seeds.start + done)
    for variant in VARIANTS:
        totals[variant]["tables_with_pinned"] = tables_with_pinned[variant]
    result = {
        "benchmark": "smallcells_attack",
        "command": " ".join(["python -m bench.smallcells_attack", *argv]),
        "n": len(seeds), "n_asked": args.n, "k": k, "seeds": [seeds.start, seeds.stop - 1],
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "scipy": scipy.__version__, "platform": platform.platform(),
                    "loadavg_start": [round(x, 2) for x in load_start],
                    "loadavg_end": [round(x, 2) for x in os.getloadavg()]},
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "seconds": round(elapsed, 1),
        "seconds_by_step": {key: round(value, 1) for key, value in seconds.items()},
        "table_shapes": {key: dict(sorted(value.items(), key=lambda kv: int(str(kv[0]).strip("<="))))
                         for key, value in shapes.items()},
        "totals": totals,
        "recovered_examples": examples,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The small-cell rule for published figures (the public report, publication API tokens).

Internal figures (dashboards, the internal report, JSON and .xlsx for members of a task force and
of those above it) are exact and never pass through here.

A published output is a set of cells (every number it shows, totals included) and the linear
relations a reader can rely on (`Publication`): victims = female + male = children + adults,
children and adults = the sum of their age groups, the task force's figure = the sum of the rows
of the task forces below it, the last year of the trend = the year's total, legal stages = cases,
and inequalities such as served <= cases or a service's victims <= victims. A relation is used in
the form that holds in the data: a sum that is not exact (a case referred between two districts
counts in both rows) becomes "each part <= the total" or "the parts <= the total".

The rule, as statistics offices apply it (tau-Argus, sdcTable):
- **Primary**: a cell of 1..k-1 is hidden and shown as "< k".
- **Secondary**: further cells are hidden, shown as "×" (never "< k": they are 0 or at least k),
  until the published numbers and relations give nothing away. Zero cells stay 0 unless hiding
  one is the cheapest protection left.
- **Protection levels.** The attacker's model is the linear program of tau-Argus: hidden cells
  are unknowns >= 0, published cells are constants, the relations are constraints. For a primary
  cell of value v the feasible interval [lo, hi] must cover the whole range its mark stands for,
  [1, k-1]: lower protection level v - 1, upper protection level k - 1 - v, so the other numbers
  narrow a "< k" cell no further than the mark itself does. Every other hidden cell must keep a
  feasible interval at least 1 wide (it cannot be pinned to one number).
- **The marks.** A reader may also take "< k" as 1..k-1. Against that reader (the same LP with
  those bounds) no hidden cell may be pinned either, wherever hiding more can prevent it; where
  the marks alone pin a cell (four "< 5" age groups under a "< 5" total are 1 each) no
  suppression can help, and the rule's distinct marks are what tells.

`protect` first makes sure no equality has exactly one hidden cell (the cheap classic pass), then
checks each connected group of hidden cells with HiGHS (feasible points that prove each bound,
from a few LPs that push many cells at once, then one cell at a time for the rest) and, for a
cell that is not protected, solves one more LP over the whole publication for the cheapest
published cells to hide so that it is (`_Release`), until every cell is protected.
README.md ("Published figures") has a worked example; tests/reports/test_smallcells.py attacks
generated publications with its own LP.
"""

from collections import deque
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array, lil_array, vstack

SECONDARY_MARK = "×"
EPS = 1e-6


def primary_mark(k: int) -> str:
    return f"< {k}"


@dataclass
class Publication:
    """The cells of one published output and the relations between them (coefficients over cell
    indices): each equality is sum(c * x) == 0, each inequality sum(c * x) <= 0."""

    values: list[int] = field(default_factory=list)
    keys: list[tuple] = field(default_factory=list)
    equalities: list[dict[int, int]] = field(default_factory=list)
    inequalities: list[dict[int, int]] = field(default_factory=list)

    def cell(self, key: tuple, value: int) -> int:
        self.keys.append(key)
        self.values.append(int(value))
        return len(self.values) - 1

    def total(self, whole: int, parts: list[int]) -> None:
        """`whole` is the sum of `parts` where that holds; else the parts <= the whole; else each
        part <= the whole (what a reader can still rely on)."""
        parts = [p for p in parts if p != whole]
        if not parts:
            return
        s = sum(self.values[p] for p in parts)
        if s == self.values[whole]:
            self.equalities.append({whole: 1, **{p: -1 for p in parts}})
        elif s < self.values[whole]:
            self.inequalities.append({whole: -1, **{p: 1 for p in parts}})
        else:
            for p in parts:
                self.at_most([p], whole)

    def at_most(self, parts: list[int], whole: int) -> None:
        """sum(parts) <= whole, if it holds in the data."""
        if sum(self.values[p] for p in parts) <= self.values[whole]:
            coef = {whole: -1}
            for p in parts:
                coef[p] = coef.get(p, 0) + 1
            self.inequalities.append(coef)


def protect(pub: Publication, k: int) -> tuple[set[int], set[int]]:
    """(primary, secondary): the cells to hide so that the rule above holds."""
    primary = {i for i, v in enumerate(pub.values) if 0 < v < k}
    hidden = set(primary)
    relations = pub.equalities + pub.inequalities
    touching: dict[int, list[int]] = {}
    for r, rel in enumerate(relations):
        for i in rel:
            touching.setdefault(i, []).append(r)

    def cost(i):
        v = pub.values[i]
        return (v == 0, len(touching.get(i, ())), v, i)

    # the classic pass: an equality with one hidden cell gives it away
    changed = True
    while changed:
        changed = False
        for rel in pub.equalities:
            inside = [i for i in rel if i in hidden]
            if len(inside) == 1:
                free = [i for i in rel if i not in hidden]
                if free:
                    hidden.add(min(free, key=cost))
                    changed = True

    release = _Release(pub)
    # the LP pass, one connected group of hidden cells at a time; every unprotected cell of a
    # group gets a neighbour hidden, then the group is checked again
    done: set[frozenset] = set()
    hopeless: set[int] = set()  # pinned by the marks alone: nothing to hide would help
    while True:
        added = False
        for group in _groups(hidden, relations, touching):
            if group in done:
                continue
            bad = _unprotected(pub, hidden, group, primary, k)
            for i, low, high in bad:
                extra = set()
                for side, lacking in (("low", low and i in primary), ("high", high)):
                    if lacking:
                        extra |= release.cells(i, side, hidden, primary=i in primary, k=k)
                if not extra - hidden:  # the LP found nothing: the nearest cheapest cell
                    extra = {_next_to(i, hidden, relations, touching, key=cost)} - {None}
                new = extra - hidden
                hidden |= new
                added = added or bool(new)
            if bad:
                continue
            pinned = [i for i, *_ in _unprotected(pub, hidden, group, primary, k, marks=True)
                      if i not in hopeless]
            for i in pinned:
                new = release.unpin(i, hidden, primary=primary, k=k) - hidden
                if not new:
                    hopeless.add(i)
                hidden |= new
                added = added or bool(new)
            if not pinned:
                done.add(group)
        if not added:  # protected, or nothing related is left to hide
            return primary, hidden - primary


def _unprotected(pub, hidden, group, primary, k, *, marks=False) -> list[tuple[int, bool, bool]]:
    """The cells of `group` whose protection fails: (cell, too high a floor, too low a ceiling).

    `marks`: the second reader, who also knows that a "< k" cell holds 1..k-1; against them every
    hidden cell must only not be pinned (covering [1, k-1] cannot always be had: four "< 5" age
    groups under a "< 5" total are 1 each, whatever else is hidden).

    Instead of min and max of every cell, a pool of feasible points (the true figures first):
    a cell is protected once some point puts it at <= 1 and some at >= k - 1 (a primary cell),
    or two points differ on it by >= 1 (any other). LPs push many cells at once first, then
    one cell at a time for those still unproven; a bound is only ever proven, never assumed."""
    cells = sorted(group)
    lp = _Lp(pub, hidden, cells, marks=(primary, k) if marks else None)
    truth = np.array([pub.values[c] for c in cells], dtype=float)
    points = [truth]
    primary_at = np.array([c in primary for c in cells]) & (not marks)

    def lacking():
        pts = np.array(points)
        low, high = pts.min(axis=0), pts.max(axis=0)
        spread = high - low >= 1 - EPS
        return (np.where(primary_at, low > 1 + EPS, ~spread),
                np.where(primary_at, high < k - 1 - EPS, ~spread))

    # LPs pushing every unproven cell down, then up, at once, while that proves more
    for side in (0, 1):
        while True:
            before = lacking()[side]
            if not before.any():
                break
            point = lp.solve(np.where(before, 1.0 if side == 0 else -1.0, 0.0))
            if point is None:
                break
            points.append(point)
            if lacking()[side].sum() == before.sum():
                break

    def needs(n):
        low, high = lacking()
        return (low[n], high[n])

    bad = []
    for n in range(len(cells)):
        for side in (0, 1):  # 0: how low, 1: how high
            if not needs(n)[side]:
                continue
            objective = np.zeros(len(cells))
            objective[n] = 1 if side == 0 else -1
            point = lp.solve(objective)
            if point is not None:
                points.append(point)
        low, high = needs(n)
        if low or high:
            bad.append((cells[n], low, high))
    return bad


class _Release:
    """Which published cells to hide so that one hidden cell reaches its protection bound: an LP
    over the whole publication where each published cell may move away from its value at a cost
    per unit (a zero costs more: hiding zeros protects little and says so little), subject to
    every relation; the cells that had to move are the ones to hide (after Fischetti and
    Salazar's cell suppression models, with a linear cost instead of a count)."""

    ZERO_COST = 4.0

    def __init__(self, pub):
        n = len(pub.values)
        self.n, self.values = n, np.array(pub.values, dtype=float)

        def matrix(rels):
            a = lil_array((len(rels), 3 * n))
            for r, rel in enumerate(rels):
                for c, coef in rel.items():
                    a[r, c] += coef
            return a

        self.a_rel_eq, self.a_ub = matrix(pub.equalities), matrix(pub.inequalities)
        self.cost = np.concatenate([np.zeros(n), *(2 * [np.where(
            self.values == 0, self.ZERO_COST, 1 + self.values / (self.values.max() + 1))])])

    def unpin(self, cell, hidden, *, primary, k) -> set[int]:
        """Cells to hide so that `cell` can move by 1 for the reader who knows what "< k"
        means (hidden "< k" cells in [1, k-1]); empty when the marks alone pin it."""
        value = self.values[cell]
        top = k - 1 if cell in primary else np.inf
        for target in ((value + 1, top), (0 if cell not in primary else 1, value - 1)):
            if target[0] <= target[1]:
                moved = self._solve(cell, target, hidden,
                                    {c: (1, k - 1) for c in primary if c in hidden})
                if moved is not None:
                    return moved
        return set()

    def cells(self, cell, side, hidden, *, primary, k) -> set[int]:
        value = self.values[cell]
        low, high = (1, k - 1) if primary else (value - 1, value + 1)
        target = (0, max(low, 0)) if side == "low" else (high, np.inf)
        return self._solve(cell, target, hidden, {}) or set()

    def _solve(self, cell, target, hidden, fixed_bounds):
        n = self.n
        published = [c for c in range(n) if c not in hidden]
        # x_c - up_c + down_c = value_c for every published cell
        link = lil_array((len(published), 3 * n))
        for r, c in enumerate(published):
            link[r, c], link[r, n + c], link[r, 2 * n + c] = 1, -1, 1
        a_eq = vstack([self.a_rel_eq, link]) if self.a_rel_eq.shape[0] else link.tocsr()
        b_eq = np.concatenate([np.zeros(self.a_rel_eq.shape[0]), self.values[published]])
        bounds = [fixed_bounds.get(c, (0, None)) for c in range(n)] + [
            (0, None) if c not in hidden else (0, 0) for c in range(n)] * 2
        low, high = bounds[cell]
        bounds[cell] = (max(low, target[0]), min(high if high is not None else np.inf,
                                                  target[1]))
        bounds[cell] = tuple(None if b == np.inf else b for b in bounds[cell])
        if bounds[cell][1] is not None and bounds[cell][0] > bounds[cell][1]:
            return None
        res = linprog(self.cost, A_ub=self.a_ub.tocsr() if self.a_ub.shape[0] else None,
                      b_ub=np.zeros(self.a_ub.shape[0]) if self.a_ub.shape[0] else None,
                      A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if res.status != 0:
            return None
        moved = res.x[n:2 * n] + res.x[2 * n:]
        return {c for c in published if moved[c] > EPS}


class _Lp:
    """The attacker's linear program over one group of hidden cells: published cells are
    constants, hidden ones are unknowns in [0, cap] (a cap only shrinks what the attacker could
    consider, so a bound proven within it holds without it)."""

    def __init__(self, pub, hidden, cells, *, marks=None):
        """`marks`: (primary cells, k) for the reader who also takes "< k" as 1..k-1."""
        index = {c: n for n, c in enumerate(cells)}
        rows = {"eq": ([], []), "ub": ([], [])}
        for kind, rels in (("eq", pub.equalities), ("ub", pub.inequalities)):
            for rel in rels:
                if not any(c in index for c in rel):
                    continue
                row, const = np.zeros(len(cells)), 0.0
                for c, coef in rel.items():
                    if c in index:
                        row[index[c]] += coef
                    else:  # a relation reaching a group holds only its cells and published ones
                        const -= coef * pub.values[c]
                rows[kind][0].append(row)
                rows[kind][1].append(const)
        self.a_eq = csr_array(np.array(rows["eq"][0])) if rows["eq"][0] else None
        self.b_eq = np.array(rows["eq"][1]) if rows["eq"][1] else None
        self.a_ub = csr_array(np.array(rows["ub"][0])) if rows["ub"][0] else None
        self.b_ub = np.array(rows["ub"][1]) if rows["ub"][1] else None
        self.cap = 10 * (max(pub.values, default=0) + 10)
        self.bounds = (0, self.cap)
        if marks:
            self.bounds = [(1, marks[1] - 1) if c in marks[0] else (0, self.cap) for c in cells]

    def solve(self, objective):
        res = linprog(objective, A_ub=self.a_ub, b_ub=self.b_ub, A_eq=self.a_eq, b_eq=self.b_eq,
                      bounds=self.bounds, method="highs")
        return res.x if res.status == 0 else None


def _next_to(cell, hidden, relations, touching, *, key):
    """The published cell to hide next for `cell`: one in a relation of `cell` or of the hidden
    cells linked to it; a non-zero cell however far before a zero (hiding a 0 protects little),
    then the nearest, then the cheapest by `key`."""
    seen, frontier, level, best = {cell}, [cell], 0, None
    while frontier:
        following = []
        for c in frontier:
            for r in touching.get(c, ()):
                for j in relations[r]:
                    if j not in hidden:
                        rank = (key(j)[0], level, key(j))
                        best = min(best, (rank, j)) if best else (rank, j)
                    elif j not in seen:
                        seen.add(j)
                        following.append(j)
        if best and not best[0][0]:  # a non-zero cell: nothing further can rank before it
            break
        frontier, level = following, level + 1
    return best[1] if best else None


def _group_of(cell, hidden, relations, touching) -> frozenset:
    seen, queue = {cell}, deque([cell])
    while queue:
        c = queue.popleft()
        for r in touching.get(c, ()):
            for j in relations[r]:
                if j in hidden and j not in seen:
                    seen.add(j)
                    queue.append(j)
    return frozenset(seen)


def _groups(hidden, relations, touching):
    left = set(hidden)
    while left:
        group = _group_of(min(left), hidden, relations, touching)
        left -= group
        yield group


# --- the annual figures as one publication -------------------------------------------------------

CHILD_GROUPS = ("0-5", "6-12", "13-17")
ADULT_GROUPS = ("18-24", "25-44", "45-59", "60+")
# a unit is the task force itself or one row below it: where each measure sits in it
PARENT_PATHS = {"cases": ("cases", "reported"), "served": ("cases", "served"),
                "victims": ("victims", "total"), "children": ("victims", "children"),
                "adults": ("victims", "adults"), "female": ("victims", "female"),
                "male": ("victims", "male"), "by_age_group": ("victims", "by_age_group"),
                "by_exploitation": ("victims", "by_exploitation"), "services": ("services",)}
UNIT_MEASURES = ("cases", "served", "victims", "children", "adults", "female", "male")
UNIT_PARTS = ("by_age_group", "by_exploitation", "services")


def _get(figures, path):
    for step in path:
        figures = figures[step]
    return figures


def _set(figures, path, value):
    for step in path[:-1]:
        figures = figures[step]
    figures[path[-1]] = value


def figures_publication(figures: dict) -> Publication:
    """Every number the public figures show, with every relation between them."""
    pub = Publication()

    def cell(path):
        return pub.cell(path, _get(figures, path))

    def unit(paths):
        """The cells of one unit and its own relations; {measure: cell, part: {key: cell}}."""
        ids = {m: cell(paths[m]) for m in UNIT_MEASURES}
        for part in UNIT_PARTS:
            base = paths[part]
            ids[part] = {key: cell((*base, key)) for key in _get(figures, base)}
        pub.at_most([ids["served"]], ids["cases"])
        pub.total(ids["victims"], [ids["female"], ids["male"]])
        pub.total(ids["victims"], [ids["children"], ids["adults"]])
        ages = ids["by_age_group"]
        pub.total(ids["children"], [ages[g] for g in CHILD_GROUPS if g in ages])
        pub.total(ids["adults"], [ages[g] for g in ADULT_GROUPS if g in ages])
        pub.total(ids["victims"], list(ages.values()))
        for part in ("by_exploitation", "services"):
            for c in ids[part].values():
                pub.at_most([c], ids["victims"])
        return ids

    top = unit(PARENT_PATHS)
    cell(("cases", "awaiting_verification"))  # a count of its own, in no relation
    v = figures["victims"]
    pub.total(top["victims"], [cell(("victims", "by_nationality", n)) for n in v["by_nationality"]])
    years = {y: cell(("victims", "by_year", y)) for y in v["by_year"]}
    if str(figures["year"]) in years:
        pub.total(top["victims"], [years[str(figures["year"])]])
    legal = figures["legal"]
    stages = {s: cell(("legal", "by_stage", s)) for s in legal["by_stage"]}
    pub.total(top["cases"], list(stages.values()))
    decided = [cell(("legal", "convicted")), cell(("legal", "acquitted"))]
    pub.at_most(decided, stages["verdict"] if "verdict" in stages else top["cases"])
    pub.at_most(decided, top["cases"])
    for n in range(len(figures["flows"])):
        pub.at_most([cell(("flows", n, "cases"))], top["cases"])
    if "previous" in figures:  # last year's headline: its victims are the trend's column
        prev = {m: cell(("previous", m)) for m in ("reported", "served", "victims", "children",
                                                   "female")}
        pub.at_most([prev["served"]], prev["reported"])
        pub.at_most([prev["children"]], prev["victims"])
        pub.at_most([prev["female"]], prev["victims"])
        last = str(figures["previous"]["year"])
        if last in years:
            pub.total(prev["victims"], [years[last]])
    if "perpetrators" in figures:
        for kind in ("individual", "corporation"):
            stages = figures["perpetrators"]["by_stage"][kind]
            pub.total(cell(("perpetrators", kind)),
                      [cell(("perpetrators", "by_stage", kind, s)) for s in stages])
    if "restitution" in figures:
        for part in ("requested_cases", "ordered_cases", "paid_cases"):
            if part in figures["restitution"]:
                pub.at_most([cell(("restitution", part))], top["cases"])
    if "referrals" in figures:
        ref = {m: cell(("referrals", m)) for m in ("sent", "received", "accepted", "declined")}
        pub.at_most([ref["accepted"], ref["declined"]], ref["received"])
    for service, ages in figures.get("services_by_age", {}).items():
        parts = {g: cell(("services_by_age", service, g)) for g in ages}
        if service in top["services"]:
            pub.total(top["services"][service], list(parts.values()))
        for g, c in parts.items():
            if g in top["by_age_group"]:
                pub.at_most([c], top["by_age_group"][g])
    rows = [unit({**{m: ("below", n, m) for m in UNIT_MEASURES},
                  **{p: ("below", n, p) for p in UNIT_PARTS}})
            for n, row in enumerate(figures["below"]) if "by_age_group" in row]
    if rows:  # the task force's figure and those of the task forces below it
        for m in UNIT_MEASURES:
            pub.total(top[m], [r[m] for r in rows])
        for part in UNIT_PARTS:
            for key, c in top[part].items():
                pub.total(c, [r[part][key] for r in rows if key in r[part]])
    return pub


def publish_figures(figures: dict, k: int) -> dict:
    """The figures for publication: the rule above applied over the whole output, in place.
    Nationalities and flows are listed by name, so their order tells nothing of hidden counts."""
    v = figures["victims"]
    v["by_nationality"] = dict(sorted(v["by_nationality"].items(),
                                      key=lambda kv: (kv[0] != "WNI", kv[0])))
    figures["flows"] = sorted(figures["flows"], key=lambda f: (f["origin"], f.get("transit", ""),
                                                  f["destination"]))
    pub = figures_publication(figures)
    primary, secondary = protect(pub, k)
    for i in primary:
        _set(figures, pub.keys[i], primary_mark(k))
    for i in secondary:
        _set(figures, pub.keys[i], SECONDARY_MARK)
    if "restitution" in figures:  # an amount in Rp follows its count of cases
        r = figures["restitution"]
        for count, amount in (("requested_cases", "requested_rp"), ("ordered_cases", "ordered_rp"),
                              ("paid_cases", "paid_rp")):
            if count in r and not isinstance(r[count], int):
                r[amount] = r[count]
    figures["small_cells"] = {
        "k": k, "primary": primary_mark(k), "secondary": SECONDARY_MARK,
        "note": (f"“{primary_mark(k)}”: 1–{k - 1} korban/kasus. “{SECONDARY_MARK}”: disamarkan "
                 "agar sel kecil lain tidak dapat dihitung dari angka yang ditampilkan "
                 f"(nilainya 0 atau paling sedikit {k})."),
    }
    return figures

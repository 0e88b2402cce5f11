"""Generated microdata (many districts, small counts) aggregated into the shape of
`annual_figures`, and the attacker's audit of a published version: written here, apart from
`reports.smallcells`, so the audit does not reuse the relations the rule itself builds."""

import random
from collections import Counter

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from cases.models import AGE_GROUPS, Case, Exploitation, Service

CHILD = ("0-5", "6-12", "13-17")
NATIONS = ("WNI", "Malaysia", "Kamboja", "Myanmar")
PLACES = ("Lampung", "Jawa Barat", "Malaysia", "Kamboja", "Riau")
YEAR = 2023


def microdata(rng: random.Random, *, units: int, cases: int) -> list[dict]:
    """Cases with their victims, each held by one of `units` task forces below (no referral and
    nothing held by the parent itself, so every sum over the rows is exact)."""
    out = []
    for n in range(cases):
        stage = rng.choice(Case.LegalStage.values)
        out.append({
            "unit": rng.randrange(units), "id": n,
            "stage": stage,
            "verdict": rng.choice(["convicted", "acquitted", ""]) if stage == "verdict" else "",
            "exploitation": set(rng.sample(Exploitation.Type.values, rng.choice([1, 1, 2]))),
            "flow": (rng.choice(PLACES[:2]), rng.choice(PLACES)),
            "victims": [{
                "sex": rng.choice("PPPL"),
                "age_group": rng.choice(AGE_GROUPS),
                "nationality": rng.choice(NATIONS[:1] * 6 + NATIONS[1:]),
                "services": set(rng.sample(Service.Type.values, rng.choice([0, 1, 1, 2, 3]))),
            } for _ in range(rng.choice([1, 1, 1, 2, 3]))],
        })
    return out


def _unit_figures(cases):
    victims = [v for c in cases for v in c["victims"]]
    ages = Counter(v["age_group"] for v in victims)
    children = sum(ages[g] for g in CHILD)
    return {
        "cases": len(cases), "served": sum(1 for c in cases if any(v["services"] for v in c["victims"])),
        "victims": len(victims), "children": children, "adults": len(victims) - children,
        "female": sum(v["sex"] == "P" for v in victims), "male": sum(v["sex"] == "L" for v in victims),
        "by_age_group": {g: ages[g] for g in AGE_GROUPS},
        "by_exploitation": {t: sum(len(c["victims"]) for c in cases if t in c["exploitation"])
                            for t in Exploitation.Type.values},
        "services": {t: sum(t in v["services"] for v in victims) for t in Service.Type.values},
    }


def figures(data: list[dict], *, units: int, awaiting: int = 0, earlier=(0, 3, 7, 12)) -> dict:
    top = _unit_figures(data)
    victims = [v for c in data for v in c["victims"]]
    nations = Counter(v["nationality"] for v in victims)
    flows = Counter(c["flow"] for c in data)
    return {
        "task_force": "18", "task_force_name": "Provinsi", "level": "province", "year": YEAR,
        "public": False,
        "cases": {"reported": top["cases"], "served": top["served"],
                  "awaiting_verification": awaiting},
        "victims": {
            "total": top["victims"], "children": top["children"], "adults": top["adults"],
            "female": top["female"], "male": top["male"], "by_age_group": top["by_age_group"],
            "by_exploitation": top["by_exploitation"],
            "by_nationality": dict(nations.most_common()),
            "by_year": {**{str(YEAR - 4 + n): e for n, e in enumerate(earlier)},
                        str(YEAR): top["victims"]},
        },
        "services": top["services"],
        "legal": {"by_stage": {s: sum(c["stage"] == s for c in data)
                               for s in Case.LegalStage.values},
                  "convicted": sum(c["verdict"] == "convicted" for c in data),
                  "acquitted": sum(c["verdict"] == "acquitted" for c in data)},
        "flows": [{"origin": o, "destination": d, "cases": n}
                  for (o, d), n in flows.most_common(15)],
        "below": [{"code": f"18.{u:02d}", "name": f"Kabupaten {u}", "level": "district",
                   **_unit_figures([c for c in data if c["unit"] == u])} for u in range(units)],
    }


def cells(f: dict) -> dict:
    """Every number of a figures dict, by path."""
    out = {}

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, (*path, n))
        elif not isinstance(node, bool) and (isinstance(node, int) or node in ("×",)
                                             or str(node).startswith("< ")):
            out[path] = node
    walk(f, ())
    for skip in ("year", "small_cells", "meetings", "recommendations", "rad"):
        for path in [p for p in out if p[0] == skip or (len(p) > 1 and p[-1] == "code")]:
            out.pop(path, None)
    return out


def relations(true: dict, *, rows_add_up: bool = True) -> tuple[list, list]:
    """What a reader of the published figures may rely on, as (equalities, inequalities) of
    {path: coefficient}: sum == 0 and sum <= 0. `rows_add_up=False`: referrals and the parent's
    own cases, so only each row <= the parent's figure."""
    eq, le = [], []

    def total(whole, parts):
        eq.append({whole: 1, **{p: -1 for p in parts}})

    def column(whole, parts):
        if rows_add_up:
            total(whole, parts)
        else:
            for p in parts:
                at_most(p, whole)

    def at_most(part, whole):
        le.append({part: 1, whole: -1})

    def unit(p):
        total(p["victims"], [p["female"], p["male"]])
        total(p["victims"], [p["children"], p["adults"]])
        total(p["children"], [(*p["ages"], g) for g in CHILD])
        total(p["adults"], [(*p["ages"], g) for g in AGE_GROUPS if g not in CHILD])
        at_most(p["served"], p["cases"])
        for t in Exploitation.Type.values:
            at_most((*p["exploitation"], t), p["victims"])
        for t in Service.Type.values:
            at_most((*p["services"], t), p["victims"])

    def row(n):
        return {"cases": ("below", n, "cases"), "served": ("below", n, "served"),
                **{m: ("below", n, m) for m in ("victims", "children", "adults", "female", "male")},
                "ages": ("below", n, "by_age_group"), "exploitation": ("below", n, "by_exploitation"),
                "services": ("below", n, "services")}

    top = {"cases": ("cases", "reported"), "served": ("cases", "served"),
           **{m: ("victims", "total" if m == "victims" else m)
              for m in ("victims", "children", "adults", "female", "male")},
           "ages": ("victims", "by_age_group"), "exploitation": ("victims", "by_exploitation"),
           "services": ("services",)}
    unit(top)
    rows = [row(n) for n in range(len(true["below"]))]
    for r in rows:
        unit(r)
    for m in ("cases", "served", "victims", "children", "adults", "female", "male"):
        if rows:
            column(top[m], [r[m] for r in rows])
    for part, keys in (("ages", AGE_GROUPS), ("exploitation", Exploitation.Type.values),
                       ("services", Service.Type.values)):
        for key in keys:
            if rows:
                column((*top[part], key), [(*r[part], key) for r in rows])
    v = true["victims"]
    total(top["victims"], [("victims", "by_nationality", n) for n in v["by_nationality"]])
    total(top["victims"], [("victims", "by_year", str(true["year"]))])
    total(top["cases"], [("legal", "by_stage", s) for s in true["legal"]["by_stage"]])
    le.append({("legal", "convicted"): 1, ("legal", "acquitted"): 1,
               ("legal", "by_stage", "verdict"): -1})
    for n in range(len(true["flows"])):
        at_most(("flows", n, "cases"), top["cases"])
    return eq, le


def aligned(true: dict, published: dict) -> dict:
    """`true` with its flows in the published order (the published output lists them by name)."""
    return {**true, "flows": [next(f for f in true["flows"] if (f["origin"], f["destination"])
                                   == (g["origin"], g["destination"])) for g in published["flows"]]}


def attack(published: dict, true: dict, *, marks: int | None = None,
           everything: bool = False, only=None, rows_add_up: bool = True) -> dict:
    """For every hidden cell of `published`, the least and greatest value consistent with every
    published number and relation (hidden cells >= 0): {path: (lo, hi, true value, mark)}.

    `marks=k`: the reader also takes a "< k" cell to hold 1..k-1. `everything`: as if every
    cell were hidden (small ones as "< k", the rest as "×"): what the marks alone give away.
    `only`: the paths to bound (default: every hidden cell).

    The published output lists flows in its own order: they are matched to the true figures by
    name."""
    true = aligned(true, published)
    truth, shown = cells(true), cells(published)
    assert set(shown) == set(truth), set(shown) ^ set(truth)
    if everything:
        shown = {p: f"< {marks}" if 0 < v < marks else "×" for p, v in truth.items()}
    hidden = sorted(p for p, value in shown.items() if not isinstance(value, int))
    index = {p: n for n, p in enumerate(hidden)}
    for p, value in shown.items():
        if isinstance(value, int):
            assert value == truth[p], (p, value, truth[p])  # published means exact
    bounds = [(1, marks - 1) if marks and shown[p] == f"< {marks}" else (0, None) for p in hidden]

    def matrix(rels):
        a, b = [], []
        for rel in rels:
            row, const = np.zeros(len(hidden)), 0.0
            for p, coef in rel.items():
                if p in index:
                    row[index[p]] += coef
                else:
                    const -= coef * shown[p]
            if row.any():
                a.append(row)
                b.append(const)
            else:
                assert const >= 0 if rel in le else const == 0, rel  # the figures are coherent
        return (csr_array(np.array(a)), np.array(b)) if a else (None, None)

    eq, le = relations(true, rows_add_up=rows_add_up)
    a_eq, b_eq = matrix(eq)
    a_ub, b_ub = matrix(le)
    out = {}
    for p, n in index.items():
        if only is not None and p not in only:
            continue
        ends = []
        for sign in (1, -1):
            c = np.zeros(len(hidden))
            c[n] = sign
            res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds,
                          method="highs")
            assert res.status in (0, 3), res.message
            ends.append(np.inf if res.status == 3 else sign * res.fun)
        out[p] = (ends[0], ends[1], truth[p], shown[p])
    return out

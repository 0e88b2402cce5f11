"""The small-cell audit: published figures attacked as a statistician would, with a linear
program over every published number and relation (scipy's HiGHS), on generated data."""

import copy
import json
import random
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports.models import ApiToken
from reports.selectors import annual_figures
from reports.smallcells import publish_figures
from tests.cases.factories import CaseFactory, ExploitationFactory, ServiceFactory, VictimFactory
from tests.factories import task_force

from . import synthetic

YEAR = synthetic.YEAR


def assert_protected(published, true, k):
    """What the rule promises, checked against the attacker's exact LP bounds."""
    ranges = synthetic.attack(published, true)
    for path, (lo, hi, value, mark) in ranges.items():
        if mark == f"< {k}":  # primary: the mark tells the truth, the rest tells nothing more
            assert 0 < value < k, (path, value)
            assert lo <= 1 + 1e-6 and hi >= k - 1 - 1e-6, (path, value, lo, hi)
        else:  # secondary: its own mark, never "< k"; a 0 or a cell of at least k
            assert mark == "×" and (value == 0 or value >= k), (path, value, mark)
        assert hi - lo >= 1 - 1e-6, (path, value, lo, hi)  # never pinned to one number
    # a reader who also takes "< k" as 1..k-1 pins no hidden cell, unless the marks alone do
    # (a "< 5" total over four "< 5" age groups: each is 1, whatever else were hidden)
    knowing = synthetic.attack(published, true, marks=k)
    pinned = [p for p, (lo, hi, *_) in knowing.items() if hi - lo < 1 - 1e-6]
    if pinned:
        alone = synthetic.attack(published, true, marks=k, everything=True, only=set(pinned))
        for path in pinned:
            lo, hi, *_ = alone[path]
            assert hi - lo < 1 - 1e-6, (path, knowing[path])
    shown = synthetic.cells(published)
    for path, value in synthetic.cells(synthetic.aligned(true, published)).items():
        if 0 < value < k:
            assert shown[path] == f"< {k}", path
        if value == 0 and shown[path] != 0:
            assert shown[path] == "×", path  # a 0 stays 0 unless hidden for protection
    return ranges


@pytest.mark.parametrize("seed", range(20))
def test_no_hidden_cell_of_generated_figures_can_be_recovered(seed):
    rng = random.Random(seed)
    units = rng.choice([1, 2, 4, 9, 15])
    k = rng.choice([3, 5, 5, 10])
    data = synthetic.microdata(rng, units=units, cases=rng.choice([2, 6, 15, 40, 90]))
    true = synthetic.figures(data, units=units, awaiting=rng.randrange(7),
                             earlier=[rng.randrange(12) for _ in range(4)])
    published = publish_figures(copy.deepcopy(true), k)
    ranges = assert_protected(published, true, k)
    assert ranges  # every generated table has small cells to protect


def test_a_province_with_many_small_districts_stays_protected():
    rng = random.Random(2026)
    true = synthetic.figures(synthetic.microdata(rng, units=38, cases=90), units=38)
    published = publish_figures(copy.deepcopy(true), 5)
    ranges = assert_protected(published, true, 5)
    secondary = [p for p, r in ranges.items() if r[3] == "×"]
    assert secondary and len(secondary) < len(ranges) / 4  # protection, not a blackout


def test_cells_that_hide_nothing_small_stay_published():
    # 40 victims, none of them in a small cell: nothing is hidden
    true = synthetic.figures([{
        "unit": 0, "id": n, "stage": "none", "verdict": "", "exploitation": {"kerja_paksa"},
        "flow": ("Lampung", "Malaysia"),
        "victims": [{"sex": "P", "age_group": "25-44", "nationality": "WNI",
                     "services": {"pengaduan"}}] * 5} for n in range(8)], units=1,
        earlier=(0, 0, 9, 12))
    published = publish_figures(copy.deepcopy(true), 5)
    assert published.pop("small_cells")["k"] == 5
    assert published == true


def test_the_readme_example():
    """README.md, "Published figures": three districts, A with one child aged 0-5."""
    def victim(sex, group):
        return {"sex": sex, "age_group": group, "nationality": "WNI", "services": {"pengaduan"}}

    def case(unit, victims):
        return {"unit": unit, "id": unit, "stage": "none", "verdict": "",
                "exploitation": {"kerja_paksa"}, "flow": ("Lampung", "Malaysia"),
                "victims": victims}

    true = synthetic.figures([
        case(0, [victim("P", "0-5")] + [victim("P", "13-17")] * 5 + [victim("L", "25-44")] * 5),
        case(1, [victim("P", "13-17")] * 2 + [victim("P", "25-44")] * 7),
        case(2, [victim("L", "13-17")] * 6 + [victim("P", "25-44")] * 8),
    ], units=3, earlier=(10, 20, 30, 40))
    published = publish_figures(copy.deepcopy(true), 5)

    def table(f):
        units = [*f["below"], {**f["victims"], "victims": f["victims"]["total"]}]
        return [[u[m] for m in ("victims", "children", "adults")]
                + [u["by_age_group"][g] for g in ("0-5", "6-12", "13-17")] for u in units]

    assert table(true) == [[11, 6, 5, 1, 0, 5], [9, 2, 7, 0, 0, 2], [14, 6, 8, 0, 0, 6],
                           [34, 14, 20, 1, 0, 13]]
    assert table(published) == [[11, "×", "×", "< 5", 0, "×"], [9, "< 5", "×", 0, 0, "< 5"],
                                [14, 6, 8, 0, 0, 6], [34, 14, 20, "< 5", 0, "×"]]
    ranges = assert_protected(published, true, 5)
    assert ranges[("below", 0, "by_age_group", "0-5")][:2] == (0, 8)
    assert ranges[("below", 1, "by_age_group", "13-17")][:2] == (0, 8)


def _victims(case, groups):
    for group, n in groups.items():
        for _ in range(n):
            child = group in ("0-5", "6-12", "13-17")
            v = VictimFactory(case=case, age_group=group, is_child=child, sex="P",
                              age_at_incident=int(group.split("-")[0].rstrip("+")) + 1)
            ServiceFactory(victim=v, type="pengaduan")


@pytest.mark.django_db
def test_the_finding_children_six_cannot_give_the_youngest_away(client, tf_a):
    """Issue 10, finding 3: the district's API showed children 6, 13-17 = 5, 6-12 = 0 and
    0-5 "< 5", so 0-5 = 1."""
    case = CaseFactory(task_force=tf_a, verified=True, report_date=date(YEAR, 5, 17))
    ExploitationFactory(case=case, type="kerja_paksa")
    _victims(case, {"0-5": 1, "13-17": 5, "25-44": 5})
    raw = ApiToken.new_raw()
    ApiToken.objects.create(task_force=tf_a, name="portal", kind="publication", prefix=raw[3:11],
                            digest=ApiToken.digest_of(raw))
    published = client.get(reverse("reports:api_figures", args=[tf_a.code, YEAR]),
                           HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    true = annual_figures(tf_a, YEAR)
    assert true["victims"]["children"] == 6 and true["victims"]["by_age_group"]["0-5"] == 1
    ages = published["victims"]["by_age_group"]
    assert ages["0-5"] == "< 5" and ages["6-12"] == 0
    # the attack of the finding no longer works: 13-17 or the children's total is hidden too
    assert ages["13-17"] == "×" or published["victims"]["children"] == "×"
    ranges = assert_protected(published, true, 5)
    lo, hi, *_ = ranges[("victims", "by_age_group", "0-5")]
    assert lo <= 1 and hi >= 4


@pytest.mark.django_db
def test_the_public_report_of_a_province_with_many_small_districts_is_protected(tmp_path):
    """The public variant of the annual report (`annual_report --public`), attacked with the
    province's exact figures: every district row, its annex and the province's own figures."""
    rng = random.Random(7)
    province = task_force("18")
    districts = list(province.children.order_by("code"))
    for _ in range(25):
        case = CaseFactory(task_force=rng.choice(districts), verified=True,
                           report_date=date(YEAR, rng.randint(1, 12), rng.randint(1, 28)))
        ExploitationFactory(case=case, type=rng.choice(["kerja_paksa", "eksploitasi_seksual"]))
        _victims(case, {rng.choice(["0-5", "13-17", "18-24", "25-44"]): rng.randint(1, 3)})
    call_command("annual_report", "--task-force", "18", "--year", str(YEAR), "--public",
                 "--output", str(tmp_path / "r.json"))
    published = json.loads((tmp_path / "r.json").read_text())
    true = annual_figures(province, YEAR)
    true.pop("monitoring")  # an internal annex: the public variant leaves it out, unpublished
    assert published["public"] and len(published["below"]) == len(districts)
    assert_protected(published, true, 5)


@pytest.mark.django_db
def test_sums_that_are_not_exact_are_protected_as_inequalities(tf_a, tf_a_province):
    """A case referred between two districts counts in both rows, and the province holds cases
    of its own: the rows do not add up to the province, and the rule still holds."""
    from cases.models import CaseAccess

    held = CaseFactory(task_force=tf_a_province, verified=True, report_date=date(YEAR, 3, 1))
    _victims(held, {"25-44": 2})
    referred = CaseFactory(task_force=tf_a, verified=True, report_date=date(YEAR, 4, 1))
    _victims(referred, {"13-17": 1, "25-44": 6})
    CaseAccess.objects.create(case=referred, task_force=task_force("18.04"), kind="receiver")
    true = annual_figures(tf_a_province, YEAR)
    true.pop("monitoring")  # an internal annex: the public variant leaves it out, unpublished
    published = annual_figures(tf_a_province, YEAR, public=True)
    rows = {r["code"]: r for r in true["below"]}
    assert sum(r["victims"] for r in rows.values()) == 14 and true["victims"]["total"] == 9
    ranges = synthetic.attack(published, true, rows_add_up=False)
    for path, (lo, hi, value, mark) in ranges.items():
        assert (mark == "< 5") == (0 < value < 5), path
        if mark == "< 5":
            assert lo <= 1 + 1e-6 and hi >= 4 - 1e-6, (path, lo, hi)
        assert hi - lo >= 1 - 1e-6, (path, lo, hi)
    assert published_row(published, tf_a.code)["by_age_group"]["13-17"] == "< 5"


def published_row(figures, code):
    return next(r for r in figures["below"] if r["code"] == code)

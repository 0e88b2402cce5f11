"""A visible lock on the escape hatch: `scopes_disabled()` in application code only where this list
says why. A new use fails here until someone writes down why it cannot leak another task force's
rows (like zulip's semgrep rule against tenant-less queries)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["gugus_tugas", "cases", "reports", "rad", "meetings"]

ALLOWED = {
    # file: (number of uses, why)
    "gugus_tugas/middleware.py": (1, "reads the person's own membership to pick the scope"),
    "gugus_tugas/selectors.py": (1, "lists the person's own memberships (filtered by user)"),
    "gugus_tugas/services/people.py": (1, "checks whether an invitee is already a member"),
    "gugus_tugas/views.py": (1, "looks up an invitation by its secret token from the email link"),
    "gugus_tugas/demo.py": (1, "demo data for several task forces"),
    "cases/management/commands/generate_scale_data.py": (1, "benchmark data for every task force"),
    "reports/selectors.py": (1, "roll-up figures: an explicit EXISTS on the descendants' "
                                "CaseAccess rows, counts only, never identities"),
    "reports/tasks.py": (1, "a worker loads a report job by id, then enters its scope"),
    "cases/tasks.py": (1, "a worker loads an import job by id, then enters its scope"),
    "cases/models.py": (1, "a case copies its list fields onto its own CaseAccess rows, by id"),
    "cases/versioning.py": (1, "the changed case's holders' codes, to bump their versions"),
    "rad/selectors.py": (4, "the annual report reads the task force's own plan by its id; the "
                            "RAN's activity titles are read by every region; a province's or "
                            "the nation's comparison and the RAN support list read plans and "
                            "figures of the regions below (no personal data in action plans)"),
    "cases/services.py": (2, "duplicate check returns other task forces' names only; a "
                             "referral checks whether the receiver already holds our own case"),
}
USE = re.compile(r"scopes_disabled\(\)")


def uses():
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            n = len(USE.findall(path.read_text(encoding="utf-8")))
            if n:
                found[str(path.relative_to(ROOT))] = n
    return found


def test_scopes_are_disabled_only_where_written_down():
    found = uses()
    unexplained = {f: n for f, n in found.items() if f not in ALLOWED or n > ALLOWED[f][0]}
    assert not unexplained, f"scopes_disabled() without a reason in ALLOWED: {unexplained}"

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
    "gugus_tugas/services/people.py": (2, "checks whether an invitee is already a member; the "
                                          "secretariat admins of the task force and its province "
                                          "to tell of an identity role given (emails only)"),
    "gugus_tugas/services/accounts.py": (1, "an operator's change to someone's login is audited "
                                            "in each task force of that person's own memberships"),
    "gugus_tugas/views.py": (1, "looks up an invitation by its secret token from the email link"),
    "gugus_tugas/demo.py": (1, "demo data for several task forces"),
    "cases/management/commands/generate_scale_data.py": (1, "benchmark data for every task force"),
    "reports/selectors.py": (1, "roll-up figures: an explicit EXISTS on the descendants' "
                                "CaseAccess rows, counts only, never identities"),
    "reports/tasks.py": (1, "a worker loads a report job by id, then enters its scope"),
    "cases/tasks.py": (1, "a worker loads an import job by id, then enters its scope"),
    "gugus_tugas/jobs.py": (4, "job rows by primary key (claim, heartbeat, sent) and the sweeper "
                               "over every task force's jobs: status fields only, no content"),
    "cases/models.py": (1, "a case copies its list fields onto its own CaseAccess rows, by id"),
    "cases/versioning.py": (1, "the changed case's holders' codes, to bump their versions"),
    "cases/import_jobs.py": (1, "the hourly purge deletes import files older than a day "
                                "(files only, no row data read)"),
    "cases/management/commands/rotate_field_keys.py": (1, "key rotation re-encrypts every "
                                                          "stored file token to token"),
    "rad/selectors.py": (4, "the annual report reads the task force's own plan by its id; the "
                            "RAN's activity titles are read by every region; a province's or "
                            "the nation's comparison and the RAN support list read plans and "
                            "figures of the regions below (no personal data in action plans)"),
    "reports/monitoring.py": (1, "the Pemantauan page and annex: SKs, plans, case-access and "
                                 "membership rows of the task forces below, each read filtered "
                                 "by their ids; counts and dates only, never identities"),
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


DOOR = re.compile(r"(from\s+(cases)?\.crypto\s+import\s[^\n]*\bdecrypt|crypto\.decrypt|"
                  r"fernet\(\)\.decrypt)")


def test_identities_are_decrypted_only_behind_the_one_door():
    """Only cases/identity.py (which logs each read) may call the decrypting functions."""
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            rel = str(path.relative_to(ROOT))
            if rel in ("cases/identity.py", "cases/crypto.py") or "migrations" in path.parts:
                continue
            if DOOR.search(path.read_text(encoding="utf-8")):
                found.append(rel)
    assert not found, f"decrypt outside cases/identity.py: {found}"

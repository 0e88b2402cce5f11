"""A visible lock on the escape hatch: `rls_bypass(reason=...)` (no scope, and PostgreSQL's
row-level security lifted) in application code only where this list says why. A new use fails here
until someone writes down why it cannot leak another task force's rows (like zulip's semgrep rule
against tenant-less queries). A bare `scopes_disabled()` is not allowed at all: on PostgreSQL the
database would still filter by the scope, so the code would read nothing it meant to."""

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
    "gugus_tugas/services/notifications.py": (3, "an event's recipients by their memberships (a "
                                                 "referral concerns two task forces); the email "
                                                 "tasks read a person's own notifications by id"),
    "gugus_tugas/views.py": (1, "looks up an invitation by its secret token from the email link"),
    "gugus_tugas/demo.py": (1, "demo data for several task forces"),
    "cases/management/commands/generate_scale_data.py": (1, "benchmark data for every task force"),
    "reports/selectors.py": (4, "roll-up figures: an explicit EXISTS on the descendants' "
                                "CaseAccess rows, counts only, never identities; the national "
                                "legal-basis list every report cites (no personal data); the "
                                "changes to a finalised year's cases held below: register "
                                "numbers, task force names, kinds and times only"),
    "reports/tasks.py": (3, "a worker loads a report or finalise job by id, or the task force "
                            "whose figures it refreshes by code, then enters its scope"),
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
    "cases/services.py": (3, "duplicate check returns other task forces' names only; a "
                             "referral checks whether the receiver already holds our own case; "
                             "a service's writer checks it received the case (its access row)"),
    "cases/selectors.py": (1, "a pending referral's de-identified facts (sex, age group, "
                              "exploitation, places) for the receiver to decide, by case id"),
    "reports/monitoring.py": (1, "the Pemantauan page and annex: SKs, plans, case-access and "
                                 "membership rows of the task forces below, each read filtered "
                                 "by their ids; counts and dates only, never identities"),
}
USE = re.compile(r"\brls_bypass\(reason=")
BARE = re.compile(r"scopes_disabled\(\)")
DEFINED_IN = "gugus_tugas/scoping.py"


def uses(pattern=USE):
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or str(path.relative_to(ROOT)) == DEFINED_IN:
                continue
            n = len(pattern.findall(path.read_text(encoding="utf-8")))
            if n:
                found[str(path.relative_to(ROOT))] = n
    return found


def test_scopes_are_disabled_only_where_written_down():
    found = uses()
    unexplained = {f: n for f, n in found.items() if f not in ALLOWED or n > ALLOWED[f][0]}
    assert not unexplained, f"rls_bypass() without a reason in ALLOWED: {unexplained}"


def test_the_scope_is_never_disabled_without_the_database_bypass():
    assert not uses(BARE), "use rls_bypass(reason=...) (and list it above), not scopes_disabled()"


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

"""Roles a person holds in one task force, and what each role may do.

Role codes are the same everywhere (command line, data, API). A role at a province or the national
task force gives aggregate figures of the task forces below it, never their victims' identities.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT_ADMIN = "secretariat_admin", _("Admin sekretariat")
    DATA_OFFICER = "data_officer", _("Petugas data")
    DATA_VERIFIER = "data_verifier", _("Verifikator data (PIC data)")
    COORDINATOR = "coordinator", _("Koordinator")
    VIEWER = "viewer", _("Peninjau")
    AGENCY_OFFICER = "agency_officer", _("Petugas instansi (laporan RAD)")


class Perm(StrEnum):
    VIEW_TASK_FORCE = "view_task_force"  # home, SK, structure
    MANAGE_PEOPLE = "manage_people"  # invitations, roles
    MANAGE_DECREES = "manage_decrees"  # SK, sub task forces, members
    MANAGE_MEETINGS = "manage_meetings"
    MANAGE_RAD = "manage_rad"
    REPORT_RAD_PROGRESS = "report_rad_progress"  # an agency officer: its own activities only
    VIEW_CASES = "view_cases"  # de-identified case records
    ENTER_CASES = "enter_cases"
    VERIFY_CASES = "verify_cases"
    VIEW_IDENTITY = "view_identity"  # victims' names, NIK, contacts, narratives
    VIEW_DASHBOARD = "view_dashboard"
    EXPORT_REPORTS = "export_reports"
    MANAGE_API_TOKENS = "manage_api_tokens"
    VIEW_AUDIT = "view_audit"
    ANSWER_REFERRALS = "answer_referrals"  # accept or decline a referral sent to the task force


_ALL_READ = {Perm.VIEW_TASK_FORCE, Perm.VIEW_CASES, Perm.VIEW_DASHBOARD}

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.SECRETARIAT_ADMIN: frozenset(
        _ALL_READ
        | {Perm.MANAGE_PEOPLE, Perm.MANAGE_DECREES, Perm.MANAGE_MEETINGS, Perm.MANAGE_RAD,
           Perm.REPORT_RAD_PROGRESS, Perm.MANAGE_API_TOKENS, Perm.VIEW_AUDIT,
           Perm.ANSWER_REFERRALS}
    ),
    Role.DATA_OFFICER: frozenset(
        _ALL_READ | {Perm.ENTER_CASES, Perm.VIEW_IDENTITY, Perm.ANSWER_REFERRALS}),
    Role.DATA_VERIFIER: frozenset(
        _ALL_READ | {Perm.ENTER_CASES, Perm.VERIFY_CASES, Perm.VIEW_IDENTITY, Perm.VIEW_AUDIT,
                     Perm.ANSWER_REFERRALS}
    ),
    Role.COORDINATOR: frozenset(_ALL_READ | {Perm.EXPORT_REPORTS, Perm.ANSWER_REFERRALS}),
    Role.VIEWER: frozenset(_ALL_READ),
    # the officer of a responsible agency reports the progress of that agency's RAD activities
    # (rad.AgencyOfficer names the agency); no case data
    Role.AGENCY_OFFICER: frozenset({Perm.VIEW_TASK_FORCE, Perm.REPORT_RAD_PROGRESS}),
}

# Roles that can see victims' identities must have two-factor login before they are used.
MFA_REQUIRED_ROLES = frozenset({Role.DATA_OFFICER, Role.DATA_VERIFIER})

# Which roles a holder of a role may grant in the same task force.
GRANTABLE_ROLES: dict[str, frozenset[str]] = {
    Role.SECRETARIAT_ADMIN: frozenset(Role.values),
}


def role_grants(role: str, perm: Perm) -> bool:
    return perm in ROLE_PERMS.get(role, frozenset())

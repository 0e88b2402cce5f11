"""The demo data tells the story: every task force it touches has a login listed in README,
the nation and the demo districts have SKs, and seeding twice changes nothing."""
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from cases.models import Case, Referral
from gugus_tugas.models import Decree, Membership, TaskForce
from gugus_tugas.selectors import decree_current

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_logins():
    table = README.read_text().split("### Demo logins", 1)[1].split("\n\n", 2)[2]
    return set(re.findall(r"^\| `([^`]+@demo\.gugustugas\.id)` \|", table, flags=re.M))


@pytest.fixture
def unscoped():
    with scopes_disabled():
        yield


def test_every_task_force_the_demo_touches_has_a_login_listed_in_readme(unscoped):
    call_command("seed_demo", verbosity=0)
    touched = set(Case.objects.values_list("task_force__code", flat=True))
    touched |= set(Referral.objects.values_list("to_task_force__code", flat=True))
    touched |= set(Referral.objects.values_list("from_task_force__code", flat=True))
    assert "14.71" in touched  # the referral's target
    listed = readme_logins()
    for code in touched:
        emails = set(Membership.objects.filter(task_force__code=code, is_active=True)
                     .values_list("user__email", flat=True))
        assert emails & listed, f"no README login for task force {code}"
    assert listed <= set(Membership.objects.values_list("user__email", flat=True))


def test_the_nation_and_the_demo_districts_have_sks_and_seeding_twice_changes_nothing(unscoped):
    call_command("seed_demo", verbosity=0)
    count = Decree.objects.count()
    call_command("seed_demo", verbosity=0)
    assert Decree.objects.count() == count
    for code, issuers in [("nasional", {"presiden", "menteri"}), ("18.71", {"walikota"}),
                          ("14.71", {"walikota"})]:
        decree = decree_current(task_force=TaskForce.objects.get(code=code))
        assert decree is not None and decree.issuer in issuers, code
        assert decree.members.exists()
    upcoming = Decree.objects.get(number="Kpts.988/X/2026")
    if upcoming.period_start > timezone.localdate().year:
        assert upcoming.state() == Decree.UPCOMING

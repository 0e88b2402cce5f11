"""The case list reads copies of a case's report date, year, status and deletion on each of its
CaseAccess rows: every writer (services, the import, the demo data) must keep them in step."""

from django.core.management import call_command
from django_scopes import scopes_disabled

from cases.models import CaseAccess


def out_of_step():
    with scopes_disabled():
        rows = CaseAccess.objects.select_related("case")
        return [(a.case.register_number, a.task_force_id) for a in rows
                if CaseAccess.listed_fields(a.case) != {f: getattr(a, f) for f in
                                                        ("report_date", "year", "status",
                                                         "case_deleted")}]


def test_the_demo_data_keeps_the_list_copies_in_step(db):
    call_command("seed_demo", verbosity=0)
    with scopes_disabled():
        assert CaseAccess.objects.filter(status="verified").count() > 10
    assert out_of_step() == []

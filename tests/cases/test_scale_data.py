"""`generate_scale_data` (the benchmarks' data): it runs to the end and leaves no stale figures."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case
from reports.selectors import annual_figures
from tests.factories import task_force

pytestmark = pytest.mark.django_db


def test_generated_cases_show_in_figures_cached_before(settings, django_capture_on_commit_callbacks):
    settings.FIGURES_CACHE_SECONDS = 600
    year = timezone.localdate().year - 1
    nation, lampung = task_force("nasional"), task_force("18")
    assert annual_figures(nation, year)["cases"]["reported"] == 0  # now cached
    assert annual_figures(lampung, year)["cases"]["reported"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_scale_data", cases=30, years=1, stdout=io.StringIO())

    official = Case.objects.filter(is_official=True, report_date__year=year)
    assert official.count() > 0
    assert annual_figures(nation, year)["cases"]["reported"] == official.count()
    in_lampung = official.filter(task_force__code__startswith="18").count()
    assert annual_figures(lampung, year)["cases"]["reported"] == in_lampung

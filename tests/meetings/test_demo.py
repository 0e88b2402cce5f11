"""The demo data holds the seeds' meetings, recommendations sent down, followed up, overdue and
done; running it twice changes nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings.models import FollowUp, Meeting, Recommendation
from meetings.selectors import compliance, overdue_q
from tests.factories import task_force

pytestmark = pytest.mark.django_db


def test_the_seeds_meetings_are_in_the_demo_data_once():
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    rakornas = Meeting.objects.get(task_force__code="nasional", kind="rakornas")
    assert (rakornas.start_date.isoformat(), rakornas.end_date.isoformat()) == ("2019-10-14",
                                                                                 "2019-10-17")
    assert rakornas.recommendations.count() == 14
    provinces = task_force("nasional").children.count()
    assert Recommendation.objects.filter(source__meeting=rakornas).count() == 14 * provinces
    riau = Meeting.objects.get(task_force__code="14", start_date__year=2019)
    assert riau.participant_count == 70 and riau.recommendations.count() == 6
    assert Meeting.objects.get(task_force__code="11").participant_count == 30
    lampung = Meeting.objects.get(task_force__code="18", start_date__year=2024)
    assert lampung.participant_count == 45 and lampung.speakers.count() == 3
    today = timezone.localdate()
    assert Recommendation.objects.filter(overdue_q(today)).exists()
    assert Recommendation.objects.filter(status="done").exists()
    assert FollowUp.objects.filter(recommendation__task_force__code="18.71",
                                   recommendation__source__isnull=False).exists()
    assert compliance(task_force=task_force("11"), year=2018)["own"]["required"] == 4

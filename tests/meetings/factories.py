"""Factories of the meetings app. Related rows stay in one task force."""

from datetime import date

import factory

from meetings.models import Agreement, FollowUp, Meeting, Recommendation
from tests.factories import task_force


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    task_force = factory.LazyFunction(lambda: task_force("18.71"))
    kind = Meeting.Kind.RAKOR
    status = Meeting.Status.HELD
    title = factory.Sequence(lambda n: f"Rapat Koordinasi GT PP-TPPO {n}")
    start_date = date(2024, 7, 18)
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    venue = "Ruang Abung, Balai Keratun"
    city = "Bandar Lampung"
    participant_count = 45


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    meeting = factory.SubFactory(MeetingFactory)
    task_force = factory.LazyAttribute(lambda o: o.meeting.task_force)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Meningkatkan koordinasi lintas sektor {n}")
    issued_on = factory.LazyAttribute(lambda o: o.meeting.start_date)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    recommendation = factory.SubFactory(RecommendationFactory)
    task_force = factory.LazyAttribute(lambda o: o.recommendation.task_force)
    date = factory.LazyAttribute(lambda o: o.recommendation.issued_on)
    status = "in_progress"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    task_force = factory.LazyFunction(lambda: task_force("18.71"))
    kind = Agreement.Kind.PKS
    subject = "Kerja sama pemulangan korban TPPO"
    parties = "Pemerintah Provinsi Lampung\nPemerintah Provinsi Riau"
    signed_on = date(2024, 1, 10)

"""Case factories: related rows stay in the case's task force; every case gets its owner access."""

from datetime import date

import factory
from django.utils import timezone

from cases.models import (
    Case,
    CaseAccess,
    Exploitation,
    Referral,
    ReferralParty,
    RoutePoint,
    Service,
    Victim,
    age_group,
)
from tests.factories import task_force


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    task_force = factory.LazyFunction(lambda: task_force("18.71"))
    report_date = factory.LazyFunction(lambda: date(timezone.localdate().year - 1, 5, 17))
    incident_date = factory.LazyAttribute(lambda o: o.report_date.replace(day=1))
    year = factory.LazyAttribute(lambda o: o.report_date.year)
    sequence = factory.Sequence(lambda n: n + 1)
    register_number = factory.LazyAttribute(
        lambda o: f"{o.task_force.code}/{o.year}/{o.sequence:04d}")
    status = Case.Status.SUBMITTED
    narrative = "Korban dijanjikan pekerjaan di luar negeri."

    class Params:
        verified = factory.Trait(status=Case.Status.VERIFIED, is_official=True,
                                 verified_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def access(self, create, extracted, **kwargs):
        if create:
            CaseAccess.objects.get_or_create(case=self, task_force=self.task_force,
                                             defaults={"kind": "owner"})


class VictimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Victim

    case = factory.SubFactory(CaseFactory)
    task_force = factory.LazyAttribute(lambda o: o.case.task_force)
    name = factory.Faker("name", locale="id_ID")
    nik = ""
    initials = factory.LazyAttribute(lambda o: "".join(p[0] for p in o.name.split()[:2]) + ".")
    sex = Victim.Sex.FEMALE
    age_at_incident = 16
    age_group = factory.LazyAttribute(lambda o: age_group(o.age_at_incident))
    is_child = factory.LazyAttribute(lambda o: None if o.age_at_incident is None
                                     else o.age_at_incident < 18)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    victim = factory.SubFactory(VictimFactory)
    case = factory.LazyAttribute(lambda o: o.victim.case)
    task_force = factory.LazyAttribute(lambda o: o.victim.task_force)
    type = Service.Type.COMPLAINT
    status = Service.Status.GIVEN
    date = factory.LazyAttribute(lambda o: o.victim.case.report_date)


class ExploitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exploitation

    case = factory.SubFactory(CaseFactory)
    task_force = factory.LazyAttribute(lambda o: o.case.task_force)
    type = Exploitation.Type.FORCED_LABOUR


class RoutePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutePoint

    case = factory.SubFactory(CaseFactory)
    task_force = factory.LazyAttribute(lambda o: o.case.task_force)
    kind = RoutePoint.Kind.DESTINATION
    country = "MY"


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    task_force = factory.LazyAttribute(lambda o: o.case.task_force)
    from_task_force = factory.LazyAttribute(lambda o: o.case.task_force)
    to_task_force = factory.LazyFunction(lambda: task_force("14.71"))
    reason = "Pemulangan ke daerah asal"

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if create:
            for tf in {self.from_task_force, self.to_task_force}:
                ReferralParty.objects.get_or_create(referral=self, task_force=tf)


def opened():
    """Tests read back identities they wrote through the named maintenance path."""
    from cases.identity import maintenance_access

    return maintenance_access(reason="test reads back what it wrote")

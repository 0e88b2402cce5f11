"""Action plan factories: activities, years and reports stay in their plan's task force."""

from datetime import date
from decimal import Decimal

import factory

from rad.models import ActionPlan, Activity, ActivityYear, ProgressReport
from tests.factories import task_force


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    task_force = factory.LazyFunction(lambda: task_force("18.71"))
    kind = factory.LazyAttribute(lambda o: "ran" if o.task_force.level == "national" else "rad")
    title = factory.LazyAttribute(lambda o: f"RAD PP-TPPO {o.task_force.name} "
                                            f"{o.first_year}-{o.last_year}")
    first_year = 2022
    last_year = 2026
    reporting = ActionPlan.Reporting.QUARTER
    legal_kind = ActionPlan.LegalKind.PERWALI
    legal_number = factory.Sequence(lambda n: f"{n + 10}/2022")
    legal_date = date(2022, 3, 1)
    status = ActionPlan.Status.DRAFT

    class Params:
        in_force = factory.Trait(status=ActionPlan.Status.IN_FORCE, in_force_at=date(2022, 4, 1))


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    plan = factory.SubFactory(PlanFactory)
    task_force = factory.LazyAttribute(lambda o: o.plan.task_force)
    cluster = "Pencegahan"
    number = factory.Sequence(lambda n: f"1.{n + 1}")
    name = "Sosialisasi pencegahan TPPO di desa kantong pekerja migran"
    responsible_agency = "Dinas PPPA"
    indicator = "Desa yang disosialisasi"
    unit = "desa"


class ActivityYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityYear

    activity = factory.SubFactory(ActivityFactory)
    task_force = factory.LazyAttribute(lambda o: o.activity.task_force)
    year = 2023
    target = Decimal(10)
    budget = Decimal(100_000_000)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    activity = factory.SubFactory(ActivityFactory)
    task_force = factory.LazyAttribute(lambda o: o.activity.task_force)
    year = 2023
    period = 1
    achieved = Decimal(2)
    spent = Decimal(20_000_000)
    status = ProgressReport.Status.ACCEPTED

"""Factories of the core app. Related rows stay in one task force."""

import factory
from django.utils import timezone

from gugus_tugas.models import (
    Decree,
    DecreeMember,
    Invitation,
    Membership,
    SubTaskForce,
    TaskForce,
    User,
)
from gugus_tugas.roles import Role

PASSWORD = "sandi-uji-coba-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"orang{n}@contoh.id")
    name = factory.Faker("name", locale="id_ID")
    password = factory.django.Password(PASSWORD)


def task_force(code: str) -> TaskForce:
    return TaskForce.objects.select_related("region", "parent").get(code=code)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    task_force = factory.LazyFunction(lambda: task_force("18.71"))
    role = Role.VIEWER


class DecreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decree

    task_force = factory.LazyFunction(lambda: task_force("18.71"))
    number = factory.Sequence(lambda n: f"188.45/{n:03d}/III.05/HK/2023")
    title = "Pembentukan Gugus Tugas PP-TPPO"
    date_signed = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=2))
    issuer = Decree.Issuer.MAYOR
    period_start = factory.LazyAttribute(lambda o: o.date_signed.year)
    period_end = factory.LazyAttribute(lambda o: o.date_signed.year + 4)


class SubTaskForceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubTaskForce

    decree = factory.SubFactory(DecreeFactory)
    task_force = factory.LazyAttribute(lambda o: o.decree.task_force)
    name = factory.Sequence(lambda n: f"Klaster {n}")


class DecreeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecreeMember

    decree = factory.SubFactory(DecreeFactory)
    task_force = factory.LazyAttribute(lambda o: o.decree.task_force)
    position = factory.Sequence(lambda n: f"Kepala Dinas {n}")
    agency = "Dinas Sosial"
    role = DecreeMember.Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    task_force = factory.LazyFunction(lambda: task_force("18.71"))
    email = factory.Sequence(lambda n: f"undangan{n}@contoh.id")
    role = Role.VIEWER
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=7))

"""Emails of the events people must act on: once per event and person, by their preference."""

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from cases import services as case_services
from gugus_tugas.models import Notification, User
from gugus_tugas.roles import Role
from gugus_tugas.services.notifications import notifications_digest_send, notifications_send
from tests.cases.factories import CaseFactory
from tests.conftest import member

pytestmark = pytest.mark.django_db


def _return(case, tf, verifier, capture):
    with capture(execute=True):
        case_services.case_return(case=case, task_force=tf, acting_user=verifier,
                                  reason="NIK korban belum lengkap", version=case.version)


def _to(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_returned_case_emails_the_officer_once(officer_a, verifier_a, tf_a,
                                                 django_capture_on_commit_callbacks):
    case = CaseFactory(task_force=tf_a, created_by=officer_a)
    _return(case, tf_a, verifier_a, django_capture_on_commit_callbacks)
    emails = _to(officer_a.email)
    assert len(emails) == 1
    assert case.register_number in emails[0].subject
    assert "NIK korban belum lengkap" in emails[0].body
    assert not _to(verifier_a.email)  # the one who returned it is not told
    # the task runs again (a retry, a second worker): nothing more is sent
    with scopes_disabled():
        ids = list(Notification.objects.values_list("pk", flat=True))
    assert notifications_send(ids=ids) == 0
    assert len(_to(officer_a.email)) == 1


def test_a_referral_tells_the_receiver_then_the_sender(officer_a, tf_a, tf_b, admin_b, officer_b,
                                                       django_capture_on_commit_callbacks):
    viewer_b = member(tf_b, Role.VIEWER, "peninjau.b@contoh.id")
    case = CaseFactory(task_force=tf_a, created_by=officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        referral = case_services.referral_create(case=case, task_force=tf_a, to_task_force=tf_b,
                                                 reason="Pemulangan", acting_user=officer_a)
    assert len(_to(admin_b.email)) == 1 and len(_to(officer_b.email)) == 1
    assert tf_a.name in _to(admin_b.email)[0].subject
    assert not _to(viewer_b.email) and not _to(officer_a.email)
    with django_capture_on_commit_callbacks(execute=True):
        case_services.referral_decline(referral=referral, task_force=tf_b, acting_user=admin_b,
                                       note="Korban sudah pindah ke provinsi lain")
    [email] = _to(officer_a.email)
    assert "ditolak" in email.subject and "Korban sudah pindah" in email.body


def test_an_accepted_referral_tells_the_sender(officer_a, tf_a, tf_b, officer_b,
                                               django_capture_on_commit_callbacks):
    case = CaseFactory(task_force=tf_a, created_by=officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        referral = case_services.referral_create(case=case, task_force=tf_a, to_task_force=tf_b,
                                                 reason="Pemulangan", acting_user=officer_a)
        case_services.referral_accept(referral=referral, task_force=tf_b, acting_user=officer_b)
    [email] = _to(officer_a.email)
    assert "diterima" in email.subject


def test_the_daily_digest_groups_the_events_of_a_person(officer_a, verifier_a, tf_a,
                                                        django_capture_on_commit_callbacks):
    User.objects.filter(pk=officer_a.pk).update(notify=User.Notify.DAILY)
    cases = [CaseFactory(task_force=tf_a, created_by=officer_a) for _ in range(3)]
    for case in cases:
        _return(case, tf_a, verifier_a, django_capture_on_commit_callbacks)
    assert not mail.outbox  # nothing at once
    assert notifications_digest_send() == 1
    [email] = mail.outbox
    assert email.to == [officer_a.email]
    assert all(case.register_number in email.body for case in cases)
    assert "3" in email.subject
    assert notifications_digest_send() == 0  # sent once


def test_a_person_who_wants_no_email_gets_none(officer_a, verifier_a, tf_a,
                                               django_capture_on_commit_callbacks):
    User.objects.filter(pk=officer_a.pk).update(notify=User.Notify.NONE)
    _return(CaseFactory(task_force=tf_a, created_by=officer_a), tf_a, verifier_a,
            django_capture_on_commit_callbacks)
    assert notifications_digest_send() == 0
    assert not mail.outbox


def test_the_preference_is_chosen_on_the_profile(login, officer_a):
    from django.urls import reverse

    client = login(officer_a)
    page = client.get(reverse("user_profile")).content.decode()
    assert 'name="notify"' in page
    client.post(reverse("user_profile"), {"name": officer_a.name, "timezone": "",
                                          "notify": "daily"})
    officer_a.refresh_from_db()
    assert officer_a.notify == User.Notify.DAILY

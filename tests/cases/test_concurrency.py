"""Decisions and saves that meet on one case at the same moment, as real concurrent requests:
threads, each with its own client and its own PostgreSQL connection, released together.

Each form and button carries the version of the case its person saw; a change made since refuses
the save or decision (nothing overwritten, the person told who changed what), and a decision is a
compare-and-set on the state it started from, so of two decisions at once exactly one holds."""

import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from cases import services
from cases.models import Case
from gugus_tugas.models import AuditEvent
from gugus_tugas.roles import Role
from gugus_tugas.scoping import rls_bypass
from tests.cases.factories import opened
from tests.conftest import log_in, member

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("concurrency")]

STALE = "setelah Anda membukanya"


def at_once(*calls):
    """Run each call in its own thread (own DB connection), all released by one barrier; the
    results (or exceptions) in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            with rls_bypass(reason="each thread's own connection, as the test body's"):
                results[i] = call()
        except Exception as e:  # noqa: BLE001 - handed back to the test
            results[i] = e
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def client_for(user):
    client = Client()
    log_in(client, user)
    return client


def submitted_case(tf, officer, **kw):
    case = services.case_create(
        task_force=tf, acting_user=officer, report_date=date(2024, 3, 5),
        incident_date=date(2024, 2, 20), narrative="Dijanjikan kerja di Malaysia.", submit=True,
        victims=[services.VictimData(name="Siti Aminah", sex="P", age=16)], **kw)
    case.refresh_from_db()
    return case


def post(client, name, tf, case, **data):
    """POST a case button or form as the page sends it; the page that follows, as text."""
    r = client.post(reverse(f"cases:{name}", args=[tf.code, case.code]), data, follow=True)
    return r.content.decode()


def outcome(page, success):
    return "ok" if success in page else ("stale" if STALE in page else page[-3000:])


@pytest.fixture
def verifier_2(tf_a):
    return member(tf_a, Role.DATA_VERIFIER, "verifikator2.a@contoh.id", mfa=True)


@pytest.fixture
def officer_2(tf_a):
    return member(tf_a, Role.DATA_OFFICER, "petugas2.a@contoh.id", mfa=True)


def test_two_verifiers_at_once_one_verifies_the_other_is_told(tf_a, officer_a, verifier_a,
                                                                verifier_2):
    case = submitted_case(tf_a, officer_a)
    seen = case.version
    a, b = client_for(verifier_a), client_for(verifier_2)
    pages = at_once(lambda: post(a, "verify", tf_a, case, version=seen),
                    lambda: post(b, "verify", tf_a, case, version=seen))
    outcomes = sorted(outcome(p, "terverifikasi.") for p in pages)
    assert outcomes == ["ok", "stale"]
    case.refresh_from_db()
    assert case.status == "verified"
    assert AuditEvent.objects.filter(object_code=str(case.code), action="case.verify").count() == 1
    assert case.history.filter(status="verified").count() == 1
    loser = pages[[outcome(p, "terverifikasi.") for p in pages].index("stale")]
    assert str(case.verified_by) in loser and "terverifikasi" in loser  # who decided, and what


def test_verify_and_return_at_once_exactly_one_decision_holds(tf_a, officer_a, verifier_a,
                                                               verifier_2):
    case = submitted_case(tf_a, officer_a)
    seen = case.version
    a, b = client_for(verifier_a), client_for(verifier_2)
    verified, returned = at_once(
        lambda: post(a, "verify", tf_a, case, version=seen),
        lambda: post(b, "return", tf_a, case, version=seen, reason="Lengkapi nomor LP."))
    results = {"verified": outcome(verified, "terverifikasi."),
               "returned": outcome(returned, "dikembalikan ke petugas data.")}
    assert sorted(results.values()) == ["ok", "stale"], results
    case.refresh_from_db()
    winner = next(k for k, v in results.items() if v == "ok")
    assert case.status == winner
    decisions = AuditEvent.objects.filter(object_code=str(case.code),
                                          action__in=["case.verify", "case.return"])
    assert decisions.count() == 1


def test_two_officers_save_at_once_one_save_holds(tf_a, officer_a, officer_2, verifier_a):
    case = submitted_case(tf_a, officer_a)
    form = {"report_date": "2024-03-05", "incident_date": "2024-02-20",
            "intake_channel": "direct", "legal_stage": "none", "version": case.version}
    a, b = client_for(officer_a), client_for(officer_2)
    pages = at_once(
        lambda: post(a, "edit", tf_a, case, **form, narrative="Versi A."),
        lambda: post(b, "edit", tf_a, case, **form, narrative="Versi B."))
    outcomes = sorted(outcome(p, "diperbarui.") for p in pages)
    assert outcomes == ["ok", "stale"]
    case.refresh_from_db()
    with opened():
        assert case.narrative in ("Versi A.", "Versi B.")
    assert AuditEvent.objects.filter(object_code=str(case.code), action="case.update").count() == 1


def test_concurrent_new_cases_get_distinct_numbers(tf_a, officer_a, officer_2):
    cases = at_once(lambda: submitted_case(tf_a, officer_a), lambda: submitted_case(tf_a, officer_2))
    assert all(isinstance(c, Case) for c in cases), cases
    assert len({c.register_number for c in cases}) == 2


def test_accept_and_decline_of_one_referral_at_once_one_answer_holds(tf_a, tf_b, officer_a,
                                                                      officer_b):
    other = member(tf_b, Role.DATA_VERIFIER, "verifikator.b@contoh.id", mfa=True)
    case = submitted_case(tf_a, officer_a)
    referral = services.referral_create(case=case, task_force=tf_a, to_task_force=tf_b,
                                        reason="Pemulangan", acting_user=officer_a)
    a, b = client_for(officer_b), client_for(other)

    def answer(client, name, **data):
        url = reverse(f"cases:{name}", args=[tf_b.code, referral.code])
        return client.post(url, data, follow=True).content.decode()

    accepted, declined = at_once(lambda: answer(a, "referral_accept"),
                                 lambda: answer(b, "referral_decline", reason="Bukan wilayah kami"))
    told = ["sudah dijawab" in p or "Rujukan ini sudah" in p for p in (accepted, declined)]
    assert sorted(told) == [False, True]
    referral.refresh_from_db()
    assert referral.status == ("declined" if told[0] else "accepted")
    answers = AuditEvent.objects.filter(action__in=["referral.accept", "referral.decline"])
    assert answers.count() == 1


def test_a_decision_without_a_version_is_still_a_compare_and_set_on_its_state(
        tf_a, officer_a, verifier_a, verifier_2):
    """Callers other than the page (tasks, scripts) may not carry a version: the state the
    decision starts from is still checked on the locked row, so two verifications never both
    hold."""
    case = submitted_case(tf_a, officer_a)

    def verify(user):
        mine = Case.objects.get(pk=case.pk)  # each loaded while still submitted
        return services.case_verify(case=mine, task_force=tf_a, acting_user=user)

    results = at_once(lambda: verify(verifier_a), lambda: verify(verifier_2))
    assert sorted(type(r).__name__ for r in results) == ["Case", "ValidationError"], results
    assert AuditEvent.objects.filter(object_code=str(case.code), action="case.verify").count() == 1

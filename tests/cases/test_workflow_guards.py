"""What guards the case workflow: stale forms and decisions refused (optimistic locking), four
eyes on verification, register numbers that never collide, and one table of transitions that
the page offers and the services accept alike."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import services, workflow
from cases.importer import run_import
from cases.models import Case
from gugus_tugas.models import AuditEvent
from gugus_tugas.roles import Role
from tests.cases.factories import opened
from tests.conftest import log_in, member

from .factories import CaseFactory, VictimFactory

pytestmark = pytest.mark.django_db

EDIT = {"report_date": "2024-03-05", "incident_date": "2024-02-20", "intake_channel": "direct",
        "legal_stage": "none"}


def submitted_case(tf, user, **kw):
    case = services.case_create(
        task_force=tf, acting_user=user, report_date=date(2024, 3, 5),
        incident_date=date(2024, 2, 20), narrative="Dijanjikan kerja di Malaysia.", submit=True,
        victims=[services.VictimData(name="Siti Aminah", sex="P", age=16)], **kw)
    case.refresh_from_db()
    return case


def form_version(page: str) -> int:
    return int(re.search(r'name="version" value="(\d+)"', page).group(1))


@pytest.fixture
def officer_2(tf_a):
    return member(tf_a, Role.DATA_OFFICER, "petugas2.a@contoh.id", mfa=True)


# --- optimistic locking ---------------------------------------------------------------------

def test_a_form_opened_before_anothers_save_is_refused_and_keeps_both(
        tf_a, officer_a, officer_2, verifier_a, client, django_user_model):
    from django.test import Client

    case = submitted_case(tf_a, officer_a)
    a, b = Client(), Client()
    log_in(a, officer_a)
    log_in(b, officer_2)
    url = reverse("cases:edit", args=[tf_a.code, case.code])
    seen_a = form_version(a.get(url).content.decode())
    seen_b = form_version(b.get(url).content.decode())  # B opens the form before A saves
    r = a.post(url, {**EDIT, "narrative": "Kronologi lengkap dari A.", "version": seen_a})
    assert r.status_code == 302
    r = b.post(url, {**EDIT, "narrative": "Dijanjikan kerja di Malaysia.",
                     "police_report_number": "LP/B/5/2024", "version": seen_b})
    page = r.content.decode()
    assert r.status_code == 400
    assert f"diubah oleh {officer_a}" in page and "setelah Anda membukanya" in page
    assert "kronologi" in page  # what changed
    # nothing overwritten: A's chronology stays, B's number is not saved
    case.refresh_from_db()
    with opened():
        assert case.narrative == "Kronologi lengkap dari A." and case.police_report_number == ""
    assert AuditEvent.objects.filter(object_code=str(case.code), action="case.update").count() == 1
    # the form comes back with B's input, A's chronology (which B left alone), and the current
    # version: saving again keeps both
    assert "LP/B/5/2024" in page and "Kronologi lengkap dari A." in page
    r = b.post(url, {**EDIT, "narrative": "Kronologi lengkap dari A.",
                     "police_report_number": "LP/B/5/2024", "version": form_version(page)})
    assert r.status_code == 302
    case.refresh_from_db()
    with opened():
        assert (case.narrative, case.police_report_number) == ("Kronologi lengkap dari A.", "LP/B/5/2024")


def test_a_field_changed_by_both_keeps_the_later_persons_input_marked(tf_a, officer_a, officer_2,
                                                                     login):
    case = submitted_case(tf_a, officer_a)
    seen = case.version
    services.case_update(case=case, task_force=tf_a, acting_user=officer_a, version=seen,
                         changes={"narrative": "Versi A."})
    r = login(officer_2).post(reverse("cases:edit", args=[tf_a.code, case.code]),
                              {**EDIT, "narrative": "Versi B.", "version": seen})
    page = r.content.decode()
    assert r.status_code == 400 and "Versi B." in page and "juga diubah orang lain" in page
    case.refresh_from_db()
    with opened():
        assert case.narrative == "Versi A."


def test_a_victim_form_opened_before_a_change_is_refused(tf_a, officer_a, officer_2, login):
    case = submitted_case(tf_a, officer_a)
    victim = case.victims.get()
    url = reverse("cases:victim_edit", args=[tf_a.code, victim.code])
    client = login(officer_2)
    seen = form_version(client.get(url).content.decode())
    services.case_update(case=case, task_force=tf_a, acting_user=officer_a, version=seen,
                         changes={"narrative": "Versi A."})
    r = client.post(url, {"name": "Siti Aminah Putri", "sex": "P", "age": "16",
                          "nationality": "WNI", "version": seen})
    assert r.status_code == 400 and "setelah Anda membukanya" in r.content.decode()
    victim.refresh_from_db()
    with opened():
        assert victim.name == "Siti Aminah"
    assert "Siti Aminah Putri" in r.content.decode()  # the input is still in the form


def test_a_verifier_cannot_verify_content_changed_after_opening_the_case(
        tf_a, officer_a, verifier_a, login):
    case = submitted_case(tf_a, officer_a)
    client = login(verifier_a)
    detail = reverse("cases:detail", args=[tf_a.code, case.code])
    seen = form_version(client.get(detail).content.decode())
    # the officer edits the chronology while the verifier reads
    services.case_update(case=case, task_force=tf_a, acting_user=officer_a, version=seen,
                         changes={"narrative": "Korban juga dipaksa bekerja 18 jam sehari."})
    r = client.post(reverse("cases:verify", args=[tf_a.code, case.code]), {"version": seen},
                    follow=True)
    page = r.content.decode()
    assert "setelah Anda membukanya" in page and str(officer_a) in page and "kronologi" in page
    case.refresh_from_db()
    assert case.status == "submitted" and case.verified_by is None
    # having seen the new version, the verifier can verify it
    r = client.post(reverse("cases:verify", args=[tf_a.code, case.code]),
                    {"version": form_version(page)})
    case.refresh_from_db()
    assert case.status == "verified" and case.verified_by == verifier_a


def test_adding_a_service_also_makes_an_open_verification_stale(tf_a, officer_a, verifier_a,
                                                               login):
    case = submitted_case(tf_a, officer_a)
    seen = case.version
    services.service_add(victim=case.victims.get(), type="rehabilitasi_sosial",
                         date=date(2024, 3, 6), acting_user=officer_a, task_force=tf_a)
    with pytest.raises(services.StaleCase, match="layanan"):
        services.case_verify(case=case, task_force=tf_a, acting_user=verifier_a, version=seen)


def test_a_button_without_the_version_is_refused(tf_a, officer_a, verifier_a, login):
    case = submitted_case(tf_a, officer_a)
    r = login(verifier_a).post(reverse("cases:verify", args=[tf_a.code, case.code]), follow=True)
    assert "muat ulang" in r.content.decode()
    case.refresh_from_db()
    assert case.status == "submitted"


def test_a_referral_answered_twice_is_refused_the_second_time(tf_a, tf_b, officer_a, officer_b):
    case = submitted_case(tf_a, officer_a)
    referral = services.referral_create(case=case, task_force=tf_a, to_task_force=tf_b,
                                        reason="Pemulangan", acting_user=officer_a)
    stale = type(referral).objects.get(pk=referral.pk)  # the page opened before the answer
    services.referral_accept(referral=referral, task_force=tf_b, acting_user=officer_b)
    with pytest.raises(ValidationError, match="sudah diterima"):
        services.referral_decline(referral=stale, task_force=tf_b, acting_user=officer_b,
                                  note="Bukan wilayah kami")
    referral.refresh_from_db()
    assert referral.status == "accepted"


# --- four eyes ------------------------------------------------------------------------------

def test_the_person_who_entered_a_case_cannot_verify_it(tf_a, verifier_a, login):
    case = submitted_case(tf_a, verifier_a)  # a verifier may also enter cases
    client = login(verifier_a)
    page = client.get(reverse("cases:detail", args=[tf_a.code, case.code])).content.decode()
    assert "prinsip empat mata" in page
    assert reverse("cases:verify", args=[tf_a.code, case.code]) not in page
    r = client.post(reverse("cases:verify", args=[tf_a.code, case.code]),
                    {"version": case.version}, follow=True)
    assert "prinsip empat mata" in r.content.decode()
    case.refresh_from_db()
    assert case.status == "submitted"


def test_the_person_who_last_changed_a_case_cannot_verify_it(tf_a, officer_a, verifier_a):
    other = member(tf_a, Role.DATA_VERIFIER, "verifikator2.a@contoh.id", mfa=True)
    case = submitted_case(tf_a, officer_a)
    services.case_update(case=case, task_force=tf_a, acting_user=verifier_a,
                         changes={"police_report_number": "LP/B/1/2024"})
    with pytest.raises(ValidationError, match="empat mata"):
        services.case_verify(case=case, task_force=tf_a, acting_user=verifier_a,
                             version=case.version)
    services.case_verify(case=case, task_force=tf_a, acting_user=other, version=case.version)
    case.refresh_from_db()
    assert case.status == "verified" and not case.self_verified


def test_a_task_force_with_one_identity_person_may_allow_self_verification(
        tf_a, admin_a, verifier_a, login):
    client = login(admin_a)
    r = client.post(reverse("task_force_profile", args=[tf_a.code]),
                    {"meetings_required_per_year": 2, "allow_self_verification": "on"})
    assert r.status_code == 302
    tf_a.refresh_from_db()
    assert tf_a.allow_self_verification
    assert AuditEvent.objects.filter(task_force=tf_a, action="task_force.profile",
                                     details__allow_self_verification=True).exists()
    case = submitted_case(tf_a, verifier_a)
    client = login(verifier_a)
    client.post(reverse("cases:verify", args=[tf_a.code, case.code]), {"version": case.version})
    case.refresh_from_db()
    assert case.status == "verified" and case.self_verified and case.verified_by == verifier_a
    page = client.get(reverse("cases:detail", args=[tf_a.code, case.code])).content.decode()
    assert "diverifikasi oleh pencatatnya sendiri" in page
    event = AuditEvent.objects.get(object_code=str(case.code), action="case.verify")
    assert event.details["self_verified"] is True


# --- register numbers -----------------------------------------------------------------------

def test_an_imported_number_like_ours_is_skipped_by_later_new_cases(tf_a, officer_a):
    year = date.today().year
    for _ in range(4):
        services.case_create(task_force=tf_a, acting_user=officer_a,
                             report_date=date(year, 1, 5),
                             victims=[services.VictimData(name="Ani", sex="P", age=20)])
    sheet = ("no_kasus,tanggal_lapor,nama_korban,jenis_kelamin,usia\n"
             f"{tf_a.code}/{year}/0006,05/01/{year},Budi,L,30\n").encode()
    result = run_import(task_force=tf_a, data=sheet, filename="impor.csv", acting_user=officer_a)
    assert not result.errors, result.errors
    numbers = []
    for _ in range(3):
        case = services.case_create(task_force=tf_a, acting_user=officer_a,
                                    report_date=date(year, 2, 5),
                                    victims=[services.VictimData(name="Ani", sex="P", age=20)])
        numbers.append(case.register_number)
    taken = list(Case.objects.filter(task_force=tf_a).values_list("register_number", flat=True))
    assert len(taken) == len(set(taken)) == 8
    assert f"{tf_a.code}/{year}/0006" not in numbers  # the imported case keeps its number


# --- one table ------------------------------------------------------------------------------

BUTTONS = {"submit": "cases:submit", "verify": "cases:verify", "return": "cases:return",
           "close": "cases:close", "delete": "cases:delete"}


@pytest.mark.parametrize("status", [s.value for s in Case.Status])
def test_the_page_offers_exactly_the_decisions_the_services_accept(status, tf_a, officer_a,
                                                                    verifier_a, login):
    """For each state, a verifier (who did not enter the case) sees a button for an action if
    and only if posting it succeeds."""
    for action, url_name in BUTTONS.items():
        case = CaseFactory(task_force=tf_a, status=status, created_by=officer_a,
                           verified_at=None)
        VictimFactory(case=case)
        client = login(verifier_a)
        page = client.get(reverse("cases:detail", args=[tf_a.code, case.code])).content.decode()
        url = reverse(url_name, args=[tf_a.code, case.code])
        offered = f'action="{url}"' in page
        client.post(url, {"version": case.version, "reason": "Alasan."})
        case.refresh_from_db()
        changed = case.is_deleted or case.status != status
        assert offered == changed, (status, action, offered, changed)
        assert offered == (workflow.transition(Case(status=status), action) is not None)


def test_whoever_changed_a_case_since_its_last_verification_cannot_verify_it(
        tf_a, officer_a, verifier_a):
    """Not only the last editor: a verifier who changed the chronology stays barred after an
    officer records a service; the next verification round starts afresh."""
    other = member(tf_a, Role.DATA_VERIFIER, "verifikator2.a@contoh.id", mfa=True)
    case = submitted_case(tf_a, officer_a)
    services.case_update(case=case, task_force=tf_a, acting_user=verifier_a,
                         changes={"narrative": "Ditulis ulang oleh verifikator."})
    services.service_add(victim=case.victims.get(), type="rehabilitasi_sosial",
                         date=date(2024, 3, 6), acting_user=officer_a, task_force=tf_a)
    with pytest.raises(ValidationError, match="empat mata"):
        services.case_verify(case=case, task_force=tf_a, acting_user=verifier_a)
    services.case_verify(case=case, task_force=tf_a, acting_user=other)
    # a later change by someone else: the first verifier may verify that round
    services.case_update(case=case, task_force=tf_a, acting_user=officer_a,
                         changes={"police_report_number": "LP/B/2/2024"})
    services.case_verify(case=case, task_force=tf_a, acting_user=verifier_a)
    case.refresh_from_db()
    assert case.status == "verified" and case.verified_by == verifier_a


def test_the_edit_pages_warn_only_where_an_edit_sends_the_case_back(tf_a, officer_a, login):
    client = login(officer_a)
    warning = "kasus kembali menunggu verifikasi"
    for status, warned in (("verified", True), ("submitted", False), ("returned", False)):
        case = CaseFactory(task_force=tf_a, status=status)
        victim = VictimFactory(case=case)
        for url in (reverse("cases:edit", args=[tf_a.code, case.code]),
                    reverse("cases:victim_edit", args=[tf_a.code, victim.code])):
            assert (warning in client.get(url).content.decode()) == warned, (status, url)

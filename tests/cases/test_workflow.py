from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from cases import services
from cases.models import Case, CaseAccess, Referral, Victim
from gugus_tugas.models import AuditEvent
from gugus_tugas.scoping import task_force_scope

from .factories import CaseFactory, ReferralFactory, ServiceFactory, VictimFactory, opened

pytestmark = pytest.mark.django_db


def new_case(tf, user, **kw):
    victims = kw.pop("victims", [services.VictimData(
        name="Siti Aminah", sex="P", nik="1871014506070002", birth_date=date(2007, 6, 5),
        services=[("pengaduan", "given", date(2024, 3, 5), "UPTD PPA")])])
    with task_force_scope(tf):
        return services.case_create(task_force=tf, acting_user=user, report_date=date(2024, 3, 5),
                                    incident_date=date(2024, 2, 20), victims=victims,
                                    exploitation=["kerja_paksa"], **kw)


def test_register_numbers_run_per_task_force_and_year(tf_a, tf_b, officer_a):
    a1 = new_case(tf_a, officer_a)
    a2 = new_case(tf_a, officer_a)
    b1 = new_case(tf_b, officer_a)
    assert (a1.register_number, a2.register_number) == ("18.71/2024/0001", "18.71/2024/0002")
    assert b1.register_number == "14.71/2024/0001"


def test_victim_age_group_and_child_are_derived_at_the_incident(tf_a, officer_a):
    case = new_case(tf_a, officer_a)
    v = case.victims.get()
    assert (v.age_at_incident, v.age_group, v.is_child, v.initials) == (16, "13-17", True, "S.A.")


def test_identities_are_encrypted_at_rest_and_nik_is_matched_by_keyed_hash(tf_a, officer_a):
    case = new_case(tf_a, officer_a)
    with connection.cursor() as cur:
        cur.execute("SELECT name, nik, nik_hash FROM cases_victim")
        name, nik, nik_hash = cur.fetchone()
        cur.execute("SELECT narrative FROM cases_historicalcase LIMIT 1")
    assert "Siti" not in name and "1871014506070002" not in nik and nik.startswith("gAAAA")
    assert "1871014506070002" not in nik_hash and len(nik_hash) == 64
    with opened():
        assert Victim.objects.get(case=case).name == "Siti Aminah"


def test_an_identity_read_outside_the_one_door_fails(tf_a, officer_a):
    """Fail closed: a loaded identity is sealed; printing it anywhere but through
    cases.identity (which logs) raises instead of showing it."""
    from django.template import Context, Template

    from cases.crypto import IdentityLocked

    case = new_case(tf_a, officer_a, narrative="Dibawa ke Batam")
    victim = Victim.objects.get(case=case)
    for value in (victim.name, victim.nik, Case.objects.get(pk=case.pk).narrative):
        with pytest.raises(IdentityLocked):
            str(value)
        with pytest.raises(IdentityLocked):
            f"{value}"
    with pytest.raises(IdentityLocked):
        Template("{{ v.name }}").render(Context({"v": victim}))
    with pytest.raises(IdentityLocked):
        Template("{{ v.nik|default:'-' }}").render(Context({"v": victim}))
    # a sealed value is still saved back unchanged (history rows, other fields' edits)
    victim.occupation = "nelayan"
    victim.save()
    with opened():
        assert Victim.objects.get(pk=victim.pk).name == "Siti Aminah"


def test_keys_rotate_and_old_keys_can_then_be_dropped(tf_a, officer_a, settings):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    case = new_case(tf_a, officer_a)
    old = list(settings.FIELD_ENCRYPTION_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *old]
    call_command("rotate_field_keys")
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    with opened():
        assert Victim.objects.get(case=case).nik == "1871014506070002"
    settings.FIELD_ENCRYPTION_KEYS = old
    with opened(), pytest.raises(ValueError, match="cannot decrypt"):
        Victim.objects.get(case=case).name  # noqa: B018


def test_the_workflow_submit_return_fix_verify_close(tf_a, officer_a, verifier_a):
    case = new_case(tf_a, officer_a)
    kw = {"task_force": tf_a}
    assert case.status == "draft" and not case.is_official
    services.case_submit(case=case, acting_user=officer_a, **kw)
    with pytest.raises(ValidationError):
        services.case_return(case=case, acting_user=verifier_a, reason="  ", **kw)
    services.case_return(case=case, acting_user=verifier_a, reason="Tanggal kejadian salah", **kw)
    assert case.status == "returned" and case.status_reason == "Tanggal kejadian salah"
    services.case_update(case=case, acting_user=officer_a, changes={"incident_date": date(2024, 2, 21)}, **kw)
    services.case_submit(case=case, acting_user=officer_a, **kw)
    services.case_verify(case=case, acting_user=verifier_a, **kw)
    assert case.status == "verified" and case.is_official and case.verified_by == verifier_a
    services.case_close(case=case, acting_user=verifier_a, reason="Korban sudah pulang", **kw)
    assert case.status == "closed" and case.is_official
    actions = list(AuditEvent.objects.filter(object_code=str(case.code)).values_list("action", flat=True))
    assert {"case.create", "case.submit", "case.return", "case.update", "case.verify", "case.close"} <= set(actions)


def test_editing_a_verified_case_sends_it_back_and_keeps_the_old_version(tf_a, officer_a, verifier_a):
    case = new_case(tf_a, officer_a)
    services.case_submit(case=case, task_force=tf_a, acting_user=officer_a)
    services.case_verify(case=case, task_force=tf_a, acting_user=verifier_a)
    services.case_update(case=case, task_force=tf_a, acting_user=officer_a,
                         changes={"police_report_number": "LP/B/123/2024"})
    case.refresh_from_db()
    assert case.status == "submitted" and not case.is_official
    old = case.history.filter(status="verified").order_by("-history_date").first()
    assert old is not None and old.police_report_number == ""


def test_bad_dates_and_ages_are_refused_and_nothing_is_written(tf_a, officer_a):
    with pytest.raises(ValidationError, match="sesudah tanggal lapor"):
        with task_force_scope(tf_a):
            services.case_create(task_force=tf_a, acting_user=officer_a,
                                 report_date=date(2024, 1, 1), incident_date=date(2024, 2, 1),
                                 victims=[services.VictimData(name="A", sex="P", age=20)])
    for bad, match in ((dict(birth_date=date(2099, 1, 1)), "masa depan"),
                       (dict(age=121), "antara 0 dan 120"),
                       (dict(nik="123"), "16 digit"),
                       (dict(nik="1871019999990002"), "tidak valid")):
        with pytest.raises(ValidationError, match=match):
            new_case(tf_a, officer_a, victims=[services.VictimData(name="B", sex="L", **bad)])
    assert not Case.objects.exists() and not Victim.objects.exists()


def test_html_in_text_is_stripped(tf_a, officer_a):
    case = new_case(tf_a, officer_a, narrative="<script>alert(1)</script>Dibawa ke <b>Batam</b>")
    assert case.narrative == "alert(1)Dibawa ke Batam"


def test_a_duplicate_victim_names_the_other_task_force_only(tf_a, tf_b, officer_a, officer_b):
    new_case(tf_b, officer_b)
    case = new_case(tf_a, officer_a)
    names = services.duplicates_of(list(case.victims.all()), exclude_case=case)
    assert names == ["GT PP-TPPO Kota Pekanbaru"]


def test_a_referral_shares_the_case_only_after_acceptance(tf_a, tf_b, officer_a, officer_b):
    case = new_case(tf_a, officer_a)
    with task_force_scope(tf_a):
        referral = services.referral_create(case=case, task_force=tf_a, to_task_force=tf_b,
                                            reason="Pemulangan ke Pekanbaru", acting_user=officer_a)
    with task_force_scope(tf_b):
        assert not Case.objects.filter(pk=case.pk).exists()
        assert Referral.objects.filter(pk=referral.pk).exists()  # B sees the request itself
        services.referral_accept(referral=referral, task_force=tf_b, acting_user=officer_b)
        assert Case.objects.get(pk=case.pk).task_force == tf_a
        assert Victim.objects.filter(case=case).count() == 1
    with task_force_scope(tf_a):
        assert Case.objects.filter(pk=case.pk).exists()
    assert set(CaseAccess.objects.filter(case=case).values_list("kind", flat=True)) == {"owner", "receiver"}


def test_a_declined_referral_shares_nothing(tf_a, tf_b, officer_a, officer_b):
    referral = ReferralFactory(case=CaseFactory(task_force=tf_a), to_task_force=tf_b)
    with pytest.raises(ValidationError):
        services.referral_decline(referral=referral, task_force=tf_b, acting_user=officer_b, note="")
    services.referral_decline(referral=referral, task_force=tf_b, acting_user=officer_b,
                              note="Bukan wilayah kami")
    with task_force_scope(tf_b):
        assert not Case.objects.filter(pk=referral.case_id).exists()


def test_a_case_cannot_be_referred_to_itself_or_twice(tf_a, tf_b, officer_a):
    case = CaseFactory(task_force=tf_a)
    with pytest.raises(ValidationError, match="sendiri"):
        services.referral_create(case=case, task_force=tf_a, to_task_force=tf_a, reason="x",
                                 acting_user=officer_a)
    services.referral_create(case=case, task_force=tf_a, to_task_force=tf_b, reason="x",
                             acting_user=officer_a)
    with pytest.raises(ValidationError, match="menunggu jawaban"):
        services.referral_create(case=case, task_force=tf_a, to_task_force=tf_b, reason="y",
                                 acting_user=officer_a)


def test_soft_delete_keeps_the_row_and_hides_it(tf_a, login, verifier_a):
    case = CaseFactory(task_force=tf_a, verified=True)
    VictimFactory(case=case)
    client = login(verifier_a)
    r = client.post(reverse("cases:delete", args=[tf_a.code, case.code]), {"reason": "Ganda", "version": case.version})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.deleted_at and not case.is_official and case.deleted_reason == "Ganda"
    assert client.get(reverse("cases:detail", args=[tf_a.code, case.code])).status_code == 404


def test_only_verifiers_verify(tf_a, login, officer_a):
    case = CaseFactory(task_force=tf_a)
    r = login(officer_a).post(reverse("cases:verify", args=[tf_a.code, case.code]))
    assert r.status_code == 403
    case.refresh_from_db()
    assert case.status == "submitted"


def test_a_receiving_task_force_cannot_change_the_case(tf_a, tf_b, login, officer_b):
    case = CaseFactory(task_force=tf_a)
    CaseAccess.objects.create(case=case, task_force=tf_b, kind="receiver")
    ServiceFactory(victim=VictimFactory(case=case))
    client = login(officer_b)
    assert client.get(reverse("cases:detail", args=[tf_b.code, case.code])).status_code == 200
    assert client.get(reverse("cases:edit", args=[tf_b.code, case.code])).status_code == 403


def test_both_holders_lists_follow_the_case_through_its_workflow(tf_a, tf_b, officer_a, officer_b,
                                                                 verifier_a):
    """The list reads copies of status, year and deletion on each holder's CaseAccess row: the
    receiving task force's list must change when the owner's case does."""
    from cases.selectors import case_filtered

    case = new_case(tf_a, officer_a)
    referral = services.referral_create(case=case, task_force=tf_a, to_task_force=tf_b,
                                        reason="Pemulangan", acting_user=officer_a)
    services.referral_accept(referral=referral, task_force=tf_b, acting_user=officer_b)

    def listed(tf, **filters):
        with task_force_scope(tf):
            return list(case_filtered(task_force=tf, filters=filters)
                        .values_list("case_id", flat=True))

    services.case_submit(case=case, task_force=tf_a, acting_user=officer_a)
    services.case_verify(case=case, task_force=tf_a, acting_user=verifier_a)
    for tf in (tf_a, tf_b):
        assert listed(tf, status="verified", year=2024) == [case.pk]
        assert listed(tf, status="submitted") == [] and listed(tf, year=2023) == []
    services.case_update(case=case, task_force=tf_a, acting_user=officer_a,
                         changes={"police_report_number": "LP/B/9/2024"})
    assert listed(tf_b, status="submitted") == [case.pk]
    services.case_delete(case=case, task_force=tf_a, acting_user=verifier_a, reason="Ganda")
    assert listed(tf_a) == [] and listed(tf_b) == []

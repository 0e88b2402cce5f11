"""Referrals that carry the work (services requested, facts before accepting, services recorded
by the receiver), services corrected and removed with a reason, the return reason after
resubmission, and a history a person can read."""

import re
from datetime import date

import pytest
from django.urls import reverse

from cases import services
from cases.history import display
from cases.models import Case, Referral, Service
from gugus_tugas.roles import Role
from gugus_tugas.scoping import task_force_scope
from tests.conftest import log_in, member

from .test_views import entry

pytestmark = pytest.mark.django_db

PEKANBARU = "14.71"


@pytest.fixture
def coordinator_b(tf_b):
    return member(tf_b, Role.COORDINATOR, "koordinator.b@contoh.id")


@pytest.fixture
def viewer_b(tf_b):
    return member(tf_b, Role.VIEWER, "peninjau.b@contoh.id")


def entered(client, tf, **overrides):
    """A case entered through the form by a victim from Pekanbaru, sent to Malaysia."""
    client.post(reverse("cases:new", args=[tf.code]),
                entry(**{"v-0-origin_region": PEKANBARU, **overrides}))
    return Case.objects.get(task_force=tf)


def refer(client, case, tf, to=PEKANBARU, requested=("pemulangan", "rehabilitasi_sosial")):
    return client.post(reverse("cases:referral_new", args=[tf.code, case.code]),
                       {"to_task_force": to, "services_requested": list(requested),
                        "reason": "Pemulangan ke daerah asal"})


def test_the_target_is_found_by_name_and_the_origin_task_force_is_suggested_first(
        client, officer_a, tf_a, tf_b):
    log_in(client, officer_a)
    case = entered(client, tf_a)
    page = client.get(reverse("cases:detail", args=[tf_a.code, case.code])).content.decode()
    offered = re.findall(r'name="to_task_force" value="([^"]+)"', page)
    assert offered[0] == PEKANBARU  # the victim's home comes first, chosen already
    assert len(offered) < 20  # a few suggestions, not every task force of the country
    found = client.get(reverse("cases:referral_targets", args=[tf_a.code, case.code]),
                       {"tujuan": "Pekanbaru"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'value="14.71"' in found and tf_a.code not in re.findall(r'value="([^"]+)"', found)
    # without script, the search reloads the case page with what it found
    page = client.get(reverse("cases:detail", args=[tf_a.code, case.code]),
                      {"tujuan": "Bandar Lampung"}).content.decode()
    assert "Tidak ada gugus tugas yang cocok" in page  # its own task force is not offered


def test_a_referral_without_services_requested_is_refused(client, officer_a, tf_a, tf_b):
    log_in(client, officer_a)
    case = entered(client, tf_a)
    refer(client, case, tf_a, requested=())
    assert not Referral.objects.exists()
    refer(client, case, tf_a, to="99.99")
    assert not Referral.objects.exists()
    refer(client, case, tf_a)
    assert Referral.objects.get().services_requested == ["pemulangan", "rehabilitasi_sosial"]


def test_the_receiver_sees_the_facts_before_accepting_but_no_identity(
        client, officer_a, coordinator_b, tf_a, tf_b):
    log_in(client, officer_a)
    case = entered(client, tf_a)
    refer(client, case, tf_a)
    log_in(client, coordinator_b)
    page = client.get(reverse("cases:referrals", args=[tf_b.code])).content.decode()
    facts = page[page.find('class="referral-facts"'):]
    for fact in ("perempuan", "13-17", "kerja paksa", "pemulangan", "rehabilitasi sosial",
                 "Malaysia", "Pekanbaru"):
        assert fact in facts, fact
    for identity in ("Siti Aminah", "1871014506070002", "S.A.", "16 tahun"):
        assert identity not in page, identity


def test_a_coordinator_of_the_receiver_accepts_a_viewer_does_not(
        client, officer_a, coordinator_b, viewer_b, tf_a, tf_b):
    log_in(client, officer_a)
    case = entered(client, tf_a)
    refer(client, case, tf_a)
    referral = Referral.objects.get()
    url = reverse("cases:referral_accept", args=[tf_b.code, referral.code])
    log_in(client, viewer_b)
    assert client.post(url).status_code == 403
    log_in(client, coordinator_b)
    r = client.post(url)
    assert r.status_code == 302 and r.url == reverse("cases:detail", args=[tf_b.code, case.code])
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.decided_by == coordinator_b


def test_the_receiver_records_a_service_the_sender_then_sees(
        client, officer_a, officer_b, coordinator_b, tf_a, tf_b):
    log_in(client, officer_a)
    case = entered(client, tf_a)
    refer(client, case, tf_a)
    log_in(client, coordinator_b)
    client.post(reverse("cases:referral_accept", args=[tf_b.code, Referral.objects.get().code]))
    log_in(client, officer_b)
    case.refresh_from_db()
    page = client.get(reverse("cases:detail", args=[tf_b.code, case.code])).content.decode()
    assert "Catat layanan" in page
    victim = case.victims.get()
    client.post(reverse("cases:service_add", args=[tf_b.code, case.code]), {
        "victim": str(victim.code), "type": "pemulangan", "status": "given",
        "date": "2024-04-02", "provider_agency": "Dinas Sosial Kota Pekanbaru",
        "version": case.version})
    given = Service.objects.get(type="pemulangan")
    assert given.task_force == tf_b and given.date == date(2024, 4, 2)
    # the receiver corrects its own services, never the sender's
    owners = Service.objects.filter(task_force=tf_a).first()
    assert client.get(reverse("cases:service_edit", args=[tf_b.code, owners.code])).status_code == 403
    log_in(client, officer_a)
    page = client.get(reverse("cases:detail", args=[tf_a.code, case.code])).content.decode()
    assert "Dinas Sosial Kota Pekanbaru" in page and tf_b.name in page
    assert client.get(reverse("cases:service_edit", args=[tf_a.code, given.code])).status_code == 403


def test_services_ticked_on_the_entry_form_stay_incomplete_until_completed(client, officer_a, tf_a):
    log_in(client, officer_a)
    case = entered(client, tf_a)
    ticked = list(Service.objects.filter(case=case))
    assert ticked and all(s.date is None and s.is_incomplete for s in ticked)
    page = client.get(reverse("cases:detail", args=[tf_a.code, case.code])).content.decode()
    assert page.count("belum lengkap") == len(ticked)
    service = ticked[0]
    client.post(reverse("cases:service_edit", args=[tf_a.code, service.code]), {
        "type": service.type, "status": "given", "date": "2024-03-06",
        "provider_agency": "UPTD PPA Kota Bandar Lampung", "reason": "",
        "version": Case.objects.get().version})
    service.refresh_from_db()
    assert service.date == date(2024, 3, 6) and not service.is_incomplete


def test_each_service_ticked_on_the_entry_form_keeps_its_own_date_and_provider(
        client, officer_a, tf_a):
    log_in(client, officer_a)
    case = entered(client, tf_a, **{
        "v-0-services": ["pengaduan", "rehabilitasi_sosial"],
        "v-0-service_pengaduan_date": "2024-03-05",
        "v-0-service_pengaduan_provider": "UPTD PPA Kota Bandar Lampung",
        "v-0-service_rehabilitasi_sosial_date": "2024-03-12",
        "v-0-service_rehabilitasi_sosial_provider": "Dinas Sosial Kota Bandar Lampung"})
    given = {s.type: s for s in Service.objects.filter(case=case)}
    assert (given["pengaduan"].date, given["pengaduan"].provider_agency) == (
        date(2024, 3, 5), "UPTD PPA Kota Bandar Lampung")
    assert (given["rehabilitasi_sosial"].date, given["rehabilitasi_sosial"].provider_agency) == (
        date(2024, 3, 12), "Dinas Sosial Kota Bandar Lampung")
    assert not any(s.is_incomplete for s in given.values())
    page = client.get(reverse("cases:detail", args=[tf_a.code, case.code])).content.decode()
    assert "Dinas Sosial Kota Bandar Lampung" in page and "belum lengkap" not in page


@pytest.mark.parametrize("fields, message", [
    ({"v-0-service_rumah_aman_date": "2024-03-05"},  # a date for a service not ticked
     "Centang layanannya, atau kosongkan tanggal dan instansinya."),
    ({"v-0-service_pengaduan_date": "2999-01-01"}, "Tanggal layanan tidak boleh di masa depan."),
])
def test_a_service_date_that_cannot_be_right_is_refused_with_the_form_kept(
        client, officer_a, tf_a, fields, message):
    log_in(client, officer_a)
    response = client.post(reverse("cases:new", args=[tf_a.code]),
                           entry(**{"v-0-services": ["pengaduan"], **fields}))
    assert response.status_code == 400 and not Case.objects.exists()
    page = response.content.decode()
    assert message in page and 'id="error-summary"' in page
    assert "Dijanjikan kerja di kebun sawit." in page  # what was typed is shown again


def test_a_service_is_corrected_and_removed_with_a_reason_kept_in_the_history(
        client, officer_a, verifier_a, tf_a):
    log_in(client, officer_a)
    case = entered(client, tf_a, **{"v-0-services": ["pengaduan", "rumah_aman"]})
    service, duplicate = Service.objects.filter(case=case).order_by("type")
    edit = reverse("cases:service_edit", args=[tf_a.code, service.code])
    data = {"type": "pengaduan", "status": "given", "date": "2024-03-05",
            "provider_agency": "UPTD PPA", "version": Case.objects.get().version}
    client.post(edit, {**data, "reason": ""})  # completing it needs no reason
    case.refresh_from_db()
    # a correction of a complete service without a reason is refused, nothing changed
    r = client.post(edit, {**data, "status": "refused", "version": case.version})
    assert r.status_code == 400 and "alasan" in r.content.decode().lower()
    service.refresh_from_db()
    assert service.status == "given"
    # made on an old version: refused
    r = client.post(edit, {**data, "status": "refused", "reason": "x", "version": 1})
    service.refresh_from_db()
    assert r.status_code == 400 and service.status == "given"
    client.post(edit, {**data, "status": "refused", "reason": "Korban menolak visum",
                       "version": case.version})
    service.refresh_from_db()
    assert service.status == "refused"
    case.refresh_from_db()
    remove = reverse("cases:service_remove", args=[tf_a.code, duplicate.code])
    client.post(remove, {"reason": "", "version": case.version})
    assert Service.objects.filter(pk=duplicate.pk).exists()
    client.post(remove, {"reason": "Tercatat dua kali", "version": case.version})
    assert not Service.objects.filter(pk=duplicate.pk).exists()
    page = client.get(reverse("cases:history", args=[tf_a.code, case.code])).content.decode()
    assert "Korban menolak visum" in page and "Tercatat dua kali" in page
    assert "diberikan → ditolak korban" in page and "rumah aman" in page


def test_the_history_names_people_and_labels_and_hides_technical_fields(
        client, officer_a, verifier_a, tf_a):
    log_in(client, officer_a)
    case = entered(client, tf_a)
    log_in(client, verifier_a)
    client.post(reverse("cases:verify", args=[tf_a.code, case.code]), {"version": case.version})
    page = client.get(reverse("cases:history", args=[tf_a.code, case.code])).content.decode()
    assert f"diverifikasi oleh: — → {verifier_a}" in page
    assert "menunggu verifikasi → terverifikasi" in page
    for raw in ("verified_by", "is_official", "editors", "version:", "True", "submitted →"):
        assert raw not in page, raw
    assert display(Case._meta.get_field("self_verified"), True) == "Ya"
    assert display(Case._meta.get_field("self_verified"), False) == "Tidak"


def test_the_identity_log_names_the_victim_and_the_fields_shown(client, officer_a, verifier_a,
                                                                tf_a):
    log_in(client, officer_a)
    case = entered(client, tf_a)
    client.get(reverse("cases:detail", args=[tf_a.code, case.code]))
    log_in(client, verifier_a)
    page = client.get(reverse("cases:history", args=[tf_a.code, case.code])).content.decode()
    log = page[page.find('id="identity-views"'):]
    assert "S.A." in log and "nama korban" in log and "NIK" in log
    assert re.search(r">name<|>nik<|name, nik", log) is None


def test_the_return_reason_no_longer_stands_after_resubmission_and_verification(
        tf_a, officer_a, verifier_a):
    with task_force_scope(tf_a):
        case = services.case_create(
            task_force=tf_a, acting_user=officer_a, report_date=date(2024, 3, 5), submit=True,
            victims=[services.VictimData(name="Siti Aminah", sex="P")])
        services.case_return(case=case, task_force=tf_a, acting_user=verifier_a,
                             reason="Lengkapi tanggal kejadian", version=case.version)
        assert case.status_reason == "Lengkapi tanggal kejadian"
        services.case_update(case=case, task_force=tf_a, acting_user=officer_a,
                             changes={"incident_date": date(2024, 3, 1)}, version=case.version)
        services.case_submit(case=case, task_force=tf_a, acting_user=officer_a,
                             version=case.version)
        case.refresh_from_db()
        assert case.status_reason == ""
        services.case_verify(case=case, task_force=tf_a, acting_user=verifier_a,
                             version=case.version)
        case.refresh_from_db()
        assert case.status == "verified" and case.status_reason == ""
        # the history still holds it, with the return it belonged to
        assert case.history.filter(status="returned",
                                   status_reason="Lengkapi tanggal kejadian").exists()


def test_the_return_reason_is_gone_from_the_status_line(client, officer_a, verifier_a, tf_a):
    log_in(client, officer_a)
    case = entered(client, tf_a)
    log_in(client, verifier_a)
    client.post(reverse("cases:return", args=[tf_a.code, case.code]),
                {"version": case.version, "reason": "Lengkapi tanggal kejadian"})
    case.refresh_from_db()
    log_in(client, officer_a)
    client.post(reverse("cases:submit", args=[tf_a.code, case.code]), {"version": case.version})
    case.refresh_from_db()
    log_in(client, verifier_a)
    client.post(reverse("cases:verify", args=[tf_a.code, case.code]), {"version": case.version})
    page = client.get(reverse("cases:detail", args=[tf_a.code, case.code])).content.decode()
    head = page[page.find("<hgroup"):page.find("</hgroup>")]
    assert "terverifikasi" in head and "Lengkapi tanggal kejadian" not in head

from datetime import date

import pytest
from django.urls import reverse

from cases.models import Case, IdentityView

from .factories import CaseFactory, ExploitationFactory, ServiceFactory, VictimFactory, opened

pytestmark = pytest.mark.django_db


def entry(**overrides):
    data = {
        "report_date": "2024-03-05", "incident_date": "2024-02-20", "intake_channel": "direct",
        "incident_region": "18.71", "exploitation": ["kerja_paksa"],
        "destination_country": "MY", "narrative": "Dijanjikan kerja di kebun sawit.",
        "v-TOTAL_FORMS": "1", "v-INITIAL_FORMS": "0", "v-MIN_NUM_FORMS": "0", "v-MAX_NUM_FORMS": "1000",
        "v-0-name": "Siti Aminah", "v-0-nik": "1871014506070002", "v-0-sex": "P",
        "v-0-birth_date": "2007-06-05", "v-0-nationality": "WNI", "v-0-origin_region": "18.71",
        "v-0-services": ["pengaduan", "rehabilitasi_sosial"], "submit": "1",
    }
    data.update(overrides)
    return data


def test_an_officer_enters_a_case_and_sends_it_for_verification(login, officer_a, tf_a):
    r = login(officer_a).post(reverse("cases:new", args=[tf_a.code]), entry())
    case = Case.objects.get(task_force=tf_a)
    assert r.status_code == 302 and r.url == reverse("cases:detail", args=[tf_a.code, case.code])
    assert case.status == "submitted"
    victim = case.victims.get()
    assert victim.is_child and sorted(victim.services.values_list("type", flat=True)) == [
        "pengaduan", "rehabilitasi_sosial"]
    assert case.route.get(kind="destination").country == "MY"


@pytest.mark.parametrize("overrides,message", [
    ({"incident_date": "2024-04-01"}, "sesudah tanggal lapor"),
    ({"v-0-nik": "12345"}, "16 digit"),
    ({"v-0-birth_date": "2099-01-01"}, "masa depan"),
    ({"v-0-birth_date": "", "v-0-age": "130"}, "120"),
    ({"incident_region": "99.99"}, "tidak dikenal"),
    ({"destination_country": "XX"}, "tidak dikenal"),
    ({"v-0-name": ""}, "tidak boleh kosong"),
])
def test_bad_entries_are_refused_with_a_message_and_keep_what_was_typed(
    login, officer_a, tf_a, overrides, message
):
    r = login(officer_a).post(reverse("cases:new", args=[tf_a.code]), entry(**overrides))
    assert r.status_code == 400
    html = r.content.decode()
    assert message in html
    assert "Dijanjikan kerja di kebun sawit." in html
    assert not Case.objects.exists()


def test_identity_is_shown_to_data_roles_and_each_view_is_logged(login, officer_a, coordinator_a,
                                                                 viewer_a, tf_a):
    case = CaseFactory(task_force=tf_a)
    VictimFactory(case=case, name="Rina Wati", nik="1871014506990002", initials="R.W.")
    url = reverse("cases:detail", args=[tf_a.code, case.code])
    victim = case.victims.get()
    page = login(officer_a).get(url).content.decode()
    assert "Rina Wati" in page and "1871014506990002" in page
    logged = IdentityView.objects.get(case=case, victim=victim, user=officer_a)
    assert logged.page == "cases:detail" and {"name", "nik"} <= set(logged.fields)
    assert IdentityView.objects.get(case=case, victim=None).fields == ["narrative"]
    for who in (coordinator_a, viewer_a):
        page = login(who).get(url).content.decode()
        assert "Rina Wati" not in page and "1871014506990002" not in page and "R.W." in page
    assert IdentityView.objects.filter(case=case).count() == 2  # still only the officer's


def test_lists_show_register_numbers_and_initials_only(login, officer_a, tf_a):
    case = CaseFactory(task_force=tf_a)
    VictimFactory(case=case, name="Rina Wati", initials="R.W.")
    page = login(officer_a).get(reverse("cases:list", args=[tf_a.code])).content.decode()
    assert case.register_number in page and "R.W." in page and "Rina Wati" not in page


def test_filters_and_search(login, viewer_a, tf_a):
    girl = CaseFactory(task_force=tf_a, report_date=date(2023, 5, 1))
    VictimFactory(case=girl, sex="P", age_at_incident=15, is_child=True)
    ExploitationFactory(case=girl, type="eksploitasi_seksual")
    man = CaseFactory(task_force=tf_a, report_date=date(2024, 5, 1), verified=True)
    ServiceFactory(victim=VictimFactory(case=man, sex="L", age_at_incident=30, is_child=False),
                   type="pemulangan")
    client = login(viewer_a)
    url = reverse("cases:list", args=[tf_a.code])

    def shown(**params):
        html = client.get(url, params).content.decode()
        return {c.register_number for c in (girl, man) if c.register_number in html}

    assert shown() == {girl.register_number, man.register_number}
    assert shown(sex="P") == {girl.register_number}
    assert shown(age="adult") == {man.register_number}
    assert shown(exploitation="eksploitasi_seksual") == {girl.register_number}
    assert shown(service="pemulangan") == {man.register_number}
    assert shown(year="2023") == {girl.register_number}
    assert shown(status="verified") == {man.register_number}
    assert shown(q=man.register_number[-4:]) == {man.register_number}


def test_the_list_answers_htmx_with_rows_only(login, viewer_a, tf_a):
    CaseFactory(task_force=tf_a)
    r = login(viewer_a).get(reverse("cases:list", args=[tf_a.code]), HTTP_HX_REQUEST="true")
    assert "<html" not in r.content.decode() and "<table" in r.content.decode()
    assert "HX-Request" in r["Vary"]


def test_list_and_detail_run_a_fixed_number_of_queries(login, officer_a, tf_a,
                                                       django_assert_max_num_queries):
    client = login(officer_a)

    def make(n):
        cases = []
        for _ in range(n):
            c = CaseFactory(task_force=tf_a)
            for _ in range(2):
                ServiceFactory(victim=VictimFactory(case=c))
            ExploitationFactory(case=c)
            cases.append(c)
        return cases

    first = make(2)
    with django_assert_max_num_queries(40) as ctx_list:
        client.get(reverse("cases:list", args=[tf_a.code]))
    with django_assert_max_num_queries(40) as ctx_detail:
        client.get(reverse("cases:detail", args=[tf_a.code, first[0].code]))
    more = make(30)
    big = more[0]
    for _ in range(6):
        ServiceFactory(victim=VictimFactory(case=big))
    with django_assert_max_num_queries(len(ctx_list.captured_queries)):
        client.get(reverse("cases:list", args=[tf_a.code]))
    with django_assert_max_num_queries(len(ctx_detail.captured_queries)):
        client.get(reverse("cases:detail", args=[tf_a.code, big.code]))


def test_the_verification_queue_lists_submitted_cases(login, verifier_a, tf_a):
    waiting = CaseFactory(task_force=tf_a)
    done = CaseFactory(task_force=tf_a, verified=True)
    page = login(verifier_a).get(reverse("cases:queue", args=[tf_a.code])).content.decode()
    assert waiting.register_number in page and done.register_number not in page


def test_history_shows_changes_and_identity_access(login, verifier_a, officer_a, tf_a):
    client = login(officer_a)
    client.post(reverse("cases:new", args=[tf_a.code]), entry())
    case = Case.objects.get()
    client.post(reverse("cases:edit", args=[tf_a.code, case.code]), {
        "report_date": "2024-03-05", "incident_date": "2024-02-21", "intake_channel": "direct",
        "legal_stage": "investigation", "police_report_number": "LP/B/77/2024",
        "version": case.version,
    })
    client.get(reverse("cases:detail", args=[tf_a.code, case.code]))
    page = login(verifier_a).get(reverse("cases:history", args=[tf_a.code, case.code])).content.decode()
    # labels and values as a person reads them, not field names and codes
    assert "LP/B/77/2024" in page and "tahap proses hukum" in page and "penyidikan" in page
    assert "legal_stage" not in page and "investigation" not in page
    assert str(officer_a) in page  # who looked at the identity


def test_attachments_must_be_pdf_or_images_and_download_through_the_case(login, officer_a, tf_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = CaseFactory(task_force=tf_a)
    client = login(officer_a)
    url = reverse("cases:attachment_add", args=[tf_a.code, case.code])
    client.post(url, {"file": SimpleUploadedFile("x.pdf", b"MZ\x90evil", content_type="application/pdf")})
    assert not case.attachments.exists()
    client.post(url, {"file": SimpleUploadedFile("visum.pdf", b"%PDF-1.4 ...", content_type="application/pdf")})
    att = case.attachments.get()
    r = client.get(reverse("cases:attachment", args=[tf_a.code, att.code]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert "no-store" in r["Cache-Control"] and 'filename="visum.pdf"' in r["Content-Disposition"]
    assert IdentityView.objects.get(case=case, page="cases:attachment").fields == [
        "attachment:visum.pdf"]


def test_an_officer_corrects_a_victim_and_a_verified_case_goes_back(login, officer_a, tf_a):
    case = CaseFactory(task_force=tf_a, verified=True, report_date=date(2024, 3, 5),
                       incident_date=date(2024, 2, 20))
    victim = VictimFactory(case=case, name="Siti Aminah", sex="P")
    client = login(officer_a)
    url = reverse("cases:victim_edit", args=[tf_a.code, victim.code])
    r = client.post(url, {"name": "Siti Aminah", "sex": "P", "nik": "123", "age": "15",
                          "nationality": "WNI", "version": case.version})
    assert r.status_code == 400 and "16 digit" in r.content.decode()
    r = client.post(url, {"name": "Siti Aminah Putri", "sex": "P", "age": "15",
                          "nationality": "WNI", "nik": "1871014506990002",
                          "version": case.version})
    assert r.status_code == 302
    victim.refresh_from_db()
    case.refresh_from_db()
    with opened():
        assert victim.name == "Siti Aminah Putri"
    assert victim.initials == "S.A.P." and victim.nik_hash
    assert case.status == "submitted" and not case.is_official


def test_perpetrators_are_recorded_with_a_plausible_age(login, officer_a, tf_a):
    case = CaseFactory(task_force=tf_a)
    client = login(officer_a)
    url = reverse("cases:perpetrator_add", args=[tf_a.code, case.code])
    client.post(url, {"role": "recruiter", "sex": "L", "age": "7", "nationality": "WNI"})
    assert not case.perpetrators.exists()
    client.post(url, {"role": "recruiter", "sex": "L", "age": "41", "nationality": "WNI",
                      "relation": "tetangga"})
    assert case.perpetrators.get().relation == "tetangga"


def _edit(client, tf, case, **fields):
    data = {"report_date": "2024-03-05", "incident_date": "2024-02-20",
            "intake_channel": "direct", "legal_stage": "verdict", "version": case.version}
    return client.post(reverse("cases:edit", args=[tf.code, case.code]), data | fields)


@pytest.mark.parametrize("fields,field,message", [
    ({"restitution_requested": "-1"}, "restitution_requested", "tidak boleh negatif"),
    ({"restitution_ordered": "-25000000"}, "restitution_ordered", "tidak boleh negatif"),
    ({"restitution_ordered": "20000000", "restitution_paid": "25000000"}, "restitution_paid",
     "tidak boleh melebihi"),
    ({"restitution_paid": "5000000"}, "restitution_paid", "belum diisi"),
])
def test_restitution_amounts_that_cannot_be_are_refused_with_a_message(
        login, officer_a, tf_a, fields, field, message):
    client = login(officer_a)
    client.post(reverse("cases:new", args=[tf_a.code]), entry())
    case = Case.objects.get()
    r = _edit(client, tf_a, case, **fields)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert message in " ".join(r.context["form"].errors.get(field, []))
    case.refresh_from_db()
    assert (case.restitution_requested, case.restitution_ordered, case.restitution_paid) == (
        None, None, None)


def test_restitution_requested_granted_and_paid_are_kept_shown_and_in_the_history(
        login, officer_a, verifier_a, tf_a):
    client = login(officer_a)
    client.post(reverse("cases:new", args=[tf_a.code]), entry())
    case = Case.objects.get()
    r = _edit(client, tf_a, case, restitution_requested="60000000",
              restitution_ordered="50000000", restitution_paid="10000000")
    assert r.status_code == 302
    case.refresh_from_db()
    assert (case.restitution_requested, case.restitution_ordered, case.restitution_paid) == (
        60_000_000, 50_000_000, 10_000_000)
    detail = client.get(reverse("cases:detail", args=[tf_a.code, case.code])).content.decode()
    assert "dimohonkan 60.000.000" in detail and "dibayar 10.000.000" in detail
    page = login(verifier_a).get(reverse("cases:history", args=[tf_a.code, case.code])
                                 ).content.decode()
    assert "restitusi dimohonkan (Rp)" in page and "60.000.000" in page
    assert "restitution_requested" not in page

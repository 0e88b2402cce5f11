"""Pages of the meetings app, as a member would use them."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from gugus_tugas.roles import Role
from meetings.models import Meeting, Recommendation
from tests.conftest import member
from tests.factories import DecreeFactory, DecreeMemberFactory, task_force
from tests.isolation.harness import build, tenant_urls
from tests.isolation.objects import PROVIDERS

from .factories import MeetingFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def url(name, tf, *args):
    from django.urls import reverse

    return reverse(f"meetings:{name}", args=[tf.code, *args])


# Sending down exists for a task force with others below it (a district answers 404 there).
WAY_IN_OWNER = {"meetings:send_down": "18"}


@pytest.mark.parametrize("u", [u for u in tenant_urls() if u.name.startswith("meetings:")],
                         ids=str)
def test_a_secretariat_admin_of_the_owning_task_force_gets_through(u, client, tf_a, admin_a):
    """The way in: each meetings URL answers the owner's secretariat with a page or a redirect
    after its work; a POST-only view is posted to (its 405 to a GET says nothing of access)."""
    owner, user = tf_a, admin_a
    if u.name in WAY_IN_OWNER:
        owner = task_force(WAY_IN_OWNER[u.name])
        user = member(owner, Role.SECRETARIAT_ADMIN, "admin.owner@contoh.id")
    values = {k: p(owner) for k, p in PROVIDERS.items()}
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    path = build(u, owner.code, values)
    response = client.get(path)
    if response.status_code == 405:
        response = client.post(path)
    assert response.status_code in (200, 302), (path, response.status_code)


def test_the_report_form_splits_a_pasted_list_into_numbered_recommendations(login, tf_a, admin_a):
    decree = DecreeFactory(task_force=tf_a)
    head = DecreeMemberFactory(decree=decree, position="Kepala Dinas PPPA")
    meeting = MeetingFactory(task_force=tf_a, status=Meeting.Status.PLANNED, participant_count=None)
    response = login(admin_a).post(url("report", tf_a, meeting.code), {
        "kind": "rakor", "title": meeting.title, "start_date": "2024-07-18",
        "participant_count": "45", f"att_{head.pk}": "present",
        "externals_text": "Sely Fitriani | Perkumpulan DAMAR",
        "speakers_text": "Drs. Ikram M.Si | Fisip Unila | Akademisi",
        "recommendations_text": "1. Evaluasi RAD:\n   a) capaian\n2. Optimalisasi GT TPPO\n"
                                "   di kabupaten/kota",
        "due_date": "2024-12-31",
    })
    assert response.status_code == 302, response.content.decode()[-3000:]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    recs = list(meeting.recommendations.order_by("number"))
    assert [r.text for r in recs] == ["Evaluasi RAD:\na) capaian",
                                      "Optimalisasi GT TPPO di kabupaten/kota"]
    assert meeting.attendance.count() == 2 and meeting.speakers.get().topic == "Akademisi"


def test_an_unsplittable_list_is_shown_back_for_correction_and_nothing_is_saved(
        login, tf_a, admin_a):
    meeting = MeetingFactory(task_force=tf_a, minutes="")
    pasted = "1. Evaluasi RAD\n3. Optimalisasi GT"
    response = login(admin_a).post(url("report", tf_a, meeting.code), {
        "kind": "rakor", "title": meeting.title, "start_date": "2024-07-18",
        "minutes": "Dibuka oleh Sekretaris Dinas", "recommendations_text": pasted})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Baris 2" in html and "Optimalisasi GT" in html  # the text stays in the box
    meeting.refresh_from_db()
    assert meeting.minutes == "" and not meeting.recommendations.exists()


def test_the_board_lists_overdue_first_and_filters_by_status(login, tf_a, viewer_a):
    today = timezone.localdate()
    meeting = MeetingFactory(task_force=tf_a, start_date=today - timedelta(days=200))
    later = RecommendationFactory(meeting=meeting, text="Tenggat nanti",
                                  due_date=today + timedelta(days=30))
    late = RecommendationFactory(meeting=meeting, text="Sudah lewat",
                                 due_date=today - timedelta(days=3))
    done = RecommendationFactory(meeting=meeting, text="Selesai", status="done",
                                 due_date=today - timedelta(days=60))
    client = login(viewer_a)
    html = client.get(url("board", tf_a)).content.decode()
    assert html.index(late.text) < html.index(done.text)
    assert html.index(late.text) < html.index(later.text)
    partial = client.get(url("board", tf_a) + "?status=overdue", HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body and late.text in body and later.text not in body
    assert partial["Vary"].count("HX-Request") == 1


@pytest.mark.parametrize("n", [3, 40])
def test_the_board_query_count_does_not_grow_with_recommendations_sent_down(
        n, client, tf_national, national_coordinator, django_assert_num_queries):
    from meetings.services import recommendation_send_down

    meeting = MeetingFactory(task_force=tf_national, kind="rakornas")
    provinces = list(tf_national.children.all()[:5])
    for _ in range(n):
        rec = RecommendationFactory(meeting=meeting, due_date=date(2020, 1, 1))
        recommendation_send_down(recommendation=rec, acting_user=national_coordinator,
                                 to_task_forces=provinces)
    client.force_login(national_coordinator,
                       backend="django.contrib.auth.backends.ModelBackend")
    client.get(url("board", tf_national))  # warm the session and the content types
    # session, user, task force, membership; count, page ids, rows, ids below, sent-down counts;
    # the request's savepoints (the session is not rewritten on every request)
    with django_assert_num_queries(11):
        response = client.get(url("board", tf_national))
    assert response.status_code == 200
    assert "0 / 5" in response.content.decode()


def test_the_sender_sees_who_did_what_and_receivers_track_their_own(
        client, tf_a_province, tf_a, admin_a):
    province_admin = member(tf_a_province, Role.SECRETARIAT_ADMIN, "admin.prov@contoh.id")
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=tf_a_province,
                                                       start_date=date(2024, 7, 18)),
                                text="Revisi SK Gugus Tugas")
    client.force_login(province_admin, backend="django.contrib.auth.backends.ModelBackend")
    other = task_force("18.04")
    response = client.post(url("send_down", tf_a_province, rec.code),
                           {"task_forces": [tf_a.pk, other.pk]})
    assert response.status_code == 302
    copy = Recommendation.objects.get(source=rec, task_force=tf_a)
    # the district follows up its own row
    client.force_login(admin_a, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(url("follow_up_add", tf_a, copy.code),
                           {"date": "2024-08-01", "status": "done", "note": "SK direvisi"})
    assert response.status_code == 302
    assert "Revisi SK Gugus Tugas" in client.get(url("board", tf_a)).content.decode()
    # the province sees statuses by task force, not the district's notes
    client.force_login(province_admin, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(url("recommendation", tf_a_province, rec.code)).content.decode()
    table = html[html.index('id="sent-table"'):]
    assert tf_a.name in table and other.name in table
    assert "selesai" in table and "SK direvisi" not in html


def test_a_viewer_cannot_record_a_meeting(login, tf_a, viewer_a):
    response = login(viewer_a).post(url("new", tf_a), {"kind": "rakor", "title": "X",
                                                       "start_date": "2024-01-01"})
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_an_end_date_before_the_start_is_shown_on_the_form(login, tf_a, admin_a):
    response = login(admin_a).post(url("new", tf_a), {
        "kind": "rakornas", "title": "Rakornas", "start_date": "2019-10-17",
        "end_date": "2019-10-14"})
    assert response.status_code == 400
    assert "sebelum tanggal mulai" in response.content.decode()


def test_the_ics_feed_has_one_all_day_event_per_meeting(login, tf_a, viewer_a):
    MeetingFactory(task_force=tf_a, title="Rakornas, Kupang", start_date=date(2019, 10, 14),
                   end_date=date(2019, 10, 17))
    response = login(viewer_a).get(url("ics", tf_a))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART;VALUE=DATE:20191014" in body and "DTEND;VALUE=DATE:20191018" in body
    assert "SUMMARY:Rakornas\\, Kupang" in body and body.count("BEGIN:VEVENT") == 1


def test_the_calendar_shows_a_multi_day_meeting_on_each_of_its_days(login, tf_a, viewer_a):
    MeetingFactory(task_force=tf_a, title="Rakornas Kupang", start_date=date(2019, 10, 14),
                   end_date=date(2019, 10, 17))
    html = login(viewer_a).get(url("calendar", tf_a) + "?bulan=2019-10").content.decode()
    assert html.count("Rakornas Kupang</a>") == 4


def test_the_minutes_pdf_numbers_the_recommendations_and_has_a_signature_block(
        login, tf_a, viewer_a):
    meeting = MeetingFactory(task_force=tf_a, chaired_by="Dra. Hanita Farial, M.Si")
    RecommendationFactory(meeting=meeting, number=1, text="Evaluasi RAD PP-TPPO")
    RecommendationFactory(meeting=meeting, number=2, text="Optimalisasi GT TPPO")
    response = login(viewer_a).get(url("minutes", tf_a, meeting.code))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "NOTULEN" in text and "1. Evaluasi RAD PP-TPPO" in text
    assert "2. Optimalisasi GT TPPO" in text and "Pimpinan rapat" in text
    assert "Hanita Farial" in text


def test_the_attendance_sheet_lists_the_members_of_the_sk_in_force(login, tf_a, viewer_a):
    decree = DecreeFactory(task_force=tf_a)
    DecreeMemberFactory(decree=decree, position="Kepala Dinas Sosial Kota")
    meeting = MeetingFactory(task_force=tf_a, status=Meeting.Status.PLANNED)
    html = login(viewer_a).get(url("attendance_sheet", tf_a, meeting.code)).content.decode()
    assert "DAFTAR HADIR" in html and "Kepala Dinas Sosial Kota" in html


def test_a_province_sees_the_compliance_of_all_its_districts(
        client, tf_a_province, tf_a, province_coordinator):
    year = 2024
    MeetingFactory(task_force=tf_a, start_date=date(year, 2, 1))
    MeetingFactory(task_force=tf_a, start_date=date(year, 8, 1))
    MeetingFactory(task_force=task_force("18.04"), start_date=date(year, 8, 1))
    client.force_login(province_coordinator, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(url("compliance", tf_a_province) + f"?tahun={year}").content.decode()
    below = html[html.index('id="below-compliance"'):]
    n_districts = tf_a_province.children.count()
    assert below.count("<tr>") == n_districts + 1  # header + one per district
    row = below[below.index(tf_a.name):]
    assert "2/2" in row[:400]


def test_agreements_warn_before_they_expire(login, tf_a, viewer_a):
    from .factories import AgreementFactory

    today = timezone.localdate()
    AgreementFactory(task_force=tf_a, subject="PKS pemulangan", signed_on=today - timedelta(400),
                     valid_until=today + timedelta(days=30))
    AgreementFactory(task_force=tf_a, subject="MoU lama", signed_on=today - timedelta(800),
                     valid_until=today + timedelta(days=300))
    html = login(viewer_a).get(url("agreements", tf_a)).content.decode()
    assert "“PKS pemulangan” berakhir" in html and "“MoU lama” berakhir" not in html


def test_follow_up_dated_before_the_meeting_shows_the_message(login, tf_a, admin_a):
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=tf_a,
                                                       start_date=date(2024, 7, 18)))
    response = login(admin_a).post(url("follow_up_add", tf_a, rec.code),
                                   {"date": "2024-07-01", "status": "done"})
    assert response.status_code == 400
    assert "sebelum tanggal rapat" in response.content.decode()
    assert not rec.follow_ups.exists()


def test_a_planned_meeting_can_be_cancelled_once_and_stays_out_of_the_rule(login, tf_a, admin_a):
    meeting = MeetingFactory(task_force=tf_a, status=Meeting.Status.PLANNED,
                             start_date=date(2024, 5, 2))
    client = login(admin_a)
    assert client.post(url("cancel", tf_a, meeting.code)).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    response = client.post(url("cancel", tf_a, meeting.code), follow=True)
    assert "Hanya rapat yang direncanakan" in response.content.decode()
    from meetings.selectors import compliance

    assert compliance(task_force=tf_a, year=2024)["own"]["held"] == 0


def test_a_past_meeting_lists_the_members_of_the_sk_in_force_on_its_day(login, tf_a, viewer_a,
                                                                       admin_a):
    """A meeting of 2021 recorded now: its attendance sheet and its report form list the members
    of the SK of 2021, not of today's SK."""
    old = DecreeFactory(task_force=tf_a, date_signed=date(2020, 1, 10), period_start=2020,
                        period_end=2022)
    DecreeMemberFactory(decree=old, position="Kepala Dinas Tenaga Kerja (SK lama)")
    new = DecreeFactory(task_force=tf_a, date_signed=date(2023, 1, 10), period_start=2023,
                        period_end=timezone.localdate().year + 2)
    DecreeMemberFactory(decree=new, position="Kepala Dinas Sosial (SK baru)")
    past = MeetingFactory(task_force=tf_a, start_date=date(2021, 6, 3), end_date=date(2021, 6, 3))
    sheet = login(viewer_a).get(url("attendance_sheet", tf_a, past.code)).content.decode()
    assert "Kepala Dinas Tenaga Kerja (SK lama)" in sheet
    assert "Kepala Dinas Sosial (SK baru)" not in sheet
    report = login(admin_a).get(url("report", tf_a, past.code)).content.decode()
    assert "Kepala Dinas Tenaga Kerja (SK lama)" in report
    assert "Kepala Dinas Sosial (SK baru)" not in report
    recent = MeetingFactory(task_force=tf_a, start_date=timezone.localdate(),
                            end_date=timezone.localdate(), status=Meeting.Status.PLANNED)
    sheet = login(viewer_a).get(url("attendance_sheet", tf_a, recent.code)).content.decode()
    assert "Kepala Dinas Sosial (SK baru)" in sheet


def test_the_board_filters_by_agency_and_due_date(login, tf_a, viewer_a):
    meeting = MeetingFactory(task_force=tf_a, start_date=date(2024, 7, 18))
    social = RecommendationFactory(meeting=meeting, text="Rumah aman korban",
                                   responsible_agency="Dinas Sosial", due_date=date(2024, 9, 30))
    RecommendationFactory(meeting=meeting, text="Pengawasan P3MI",
                          responsible_agency="Dinas Tenaga Kerja", due_date=date(2024, 9, 30))
    RecommendationFactory(meeting=meeting, text="Anggaran shelter",
                          responsible_agency="Dinas Sosial", due_date=date(2025, 3, 31))
    member_row = DecreeMemberFactory(decree=DecreeFactory(task_force=tf_a),
                                     position="Kepala Dinas Sosial Kota", agency="Dinas Sosial")
    RecommendationFactory(meeting=meeting, text="Data korban terpadu", responsible_agency="",
                          responsible_member=member_row, due_date=date(2024, 8, 31))
    client = login(viewer_a)

    def listed(query):
        html = client.get(url("board", tf_a) + query, HTTP_HX_REQUEST="true").content.decode()
        return {t for t in ("Rumah aman korban", "Pengawasan P3MI", "Anggaran shelter",
                            "Data korban terpadu") if t in html}

    # the agency of the row, or of the SK member responsible
    assert listed("?agency=sosial") == {"Rumah aman korban", "Anggaran shelter",
                                        "Data korban terpadu"}
    assert listed("?agency=sosial&due_after=2024-09-01&due_before=2024-12-31") == {social.text}
    assert listed("?due_before=2024-09-30") == {"Rumah aman korban", "Pengawasan P3MI",
                                                "Data korban terpadu"}


def test_a_recommendation_is_added_and_edited_on_its_pages_and_a_viewer_cannot(
        login, tf_a, admin_a, viewer_a):
    meeting = MeetingFactory(task_force=tf_a, start_date=date(2024, 7, 18))
    RecommendationFactory(meeting=meeting, number=1)
    response = login(viewer_a).post(url("recommendation_add", tf_a, meeting.code),
                                    {"text": "Sosialisasi di desa"})
    assert response.status_code == 403 and meeting.recommendations.count() == 1
    client = login(admin_a)
    response = client.post(url("recommendation_add", tf_a, meeting.code),
                           {"text": "Sosialisasi di desa", "responsible_agency": "Dinas PPPA",
                            "due_date": "2024-12-31"}, follow=True)
    assert "Rekomendasi ditambahkan." in response.content.decode()
    rec = meeting.recommendations.get(text="Sosialisasi di desa")
    assert rec.number == 2 and rec.due_date == date(2024, 12, 31)
    response = client.post(url("recommendation_add", tf_a, meeting.code), {"text": "  "},
                           follow=True)
    assert "tidak boleh kosong" in response.content.decode()
    assert meeting.recommendations.count() == 2
    response = client.post(url("recommendation_edit", tf_a, rec.code),
                           {"text": "Sosialisasi di desa", "responsible_agency": "Dinas PPPA",
                            "due_date": "2025-03-31"}, follow=True)
    assert "Rekomendasi diperbarui." in response.content.decode()
    rec.refresh_from_db()
    assert rec.due_date == date(2025, 3, 31)
    assert login(viewer_a).post(url("recommendation_edit", tf_a, rec.code),
                                {"text": "Diubah peninjau"}).status_code == 403
    rec.refresh_from_db()
    assert rec.text == "Sosialisasi di desa"


def test_an_attachment_uploaded_on_the_meeting_page_is_listed_and_downloads(
        login, tf_a, admin_a, viewer_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from meetings.models import MeetingAttachment

    meeting = MeetingFactory(task_force=tf_a)
    client = login(admin_a)
    bad = SimpleUploadedFile("undangan.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(url("attachment_add", tf_a, meeting.code),
                           {"kind": "invitation", "file": bad}, follow=True)
    assert "tidak diizinkan" in response.content.decode()
    assert not MeetingAttachment.objects.exists()
    pdf = SimpleUploadedFile("undangan rakor.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    client.post(url("attachment_add", tf_a, meeting.code), {"kind": "invitation", "file": pdf})
    att = MeetingAttachment.objects.get()
    html = login(viewer_a).get(url("detail", tf_a, meeting.code)).content.decode()
    assert "undangan rakor.pdf" in html
    download = client.get(url("attachment", tf_a, att.code))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")


def test_the_pages_show_which_reminders_were_sent(login, tf_a, admin_a, viewer_a):
    from meetings.reminders import reminders_send
    from meetings.services import meeting_rule_set

    meeting_rule_set(task_force=tf_a, acting_user=admin_a, per_year=0)
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=tf_a), number=7,
                                due_date=date(2024, 11, 27))
    assert reminders_send(today=date(2024, 11, 20)) == 1
    client = login(viewer_a)
    html = client.get(url("reminders", tf_a)).content.decode()
    assert "Tenggat rekomendasi 7: 27/11/2024" in html and admin_a.email in html
    assert "tenggat seminggu lagi" in html
    detail = client.get(url("recommendation", tf_a, rec.code)).content.decode()
    assert "Pengingat terkirim" in detail and admin_a.email in detail


def test_a_recommendation_links_to_a_rad_activity_of_the_task_force(login, tf_a, tf_b,
                                                                   admin_a, viewer_a):
    from tests.rad.factories import ActivityFactory, PlanFactory

    plan = PlanFactory(task_force=tf_a, in_force=True)
    own = ActivityFactory(plan=plan, number="3.2", name="Pelatihan penyidik TPPO")
    other = ActivityFactory(plan=PlanFactory(task_force=tf_b, in_force=True))
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=tf_a), text="Pelatihan penyidik")
    client = login(admin_a)
    form = client.get(url("recommendation", tf_a, rec.code)).content.decode()
    assert "3.2 Pelatihan penyidik TPPO (2022–2026)" in form  # the activities offered
    client.post(url("recommendation_edit", tf_a, rec.code),
                {"text": rec.text, "rad_activity": other.pk})  # another task force's: refused
    rec.refresh_from_db()
    assert rec.rad_activity is None
    client.post(url("recommendation_edit", tf_a, rec.code),
                {"text": rec.text, "rad_activity": own.pk})
    rec.refresh_from_db()
    assert rec.rad_activity == own
    html = login(viewer_a).get(url("recommendation", tf_a, rec.code)).content.decode()
    cell = html[html.index('data-testid="rec-rad-activity"'):]
    assert f'href="/gt/{tf_a.code}/rad/{plan.code}/"' in cell[:300]
    assert "3.2 Pelatihan penyidik TPPO" in cell[:400]


def test_an_agreement_recorded_on_its_page_lists_the_rad_activities_it_serves(login, tf_a,
                                                                            admin_a):
    from tests.rad.factories import ActivityFactory, PlanFactory

    own = ActivityFactory(plan=PlanFactory(task_force=tf_a, in_force=True), number="4.1",
                          name="Pemulangan dan reintegrasi korban")
    client = login(admin_a)
    response = client.post(url("agreement_new", tf_a), {
        "kind": "pks", "subject": "Pemulangan korban antarwilayah", "signed_on": "2024-01-10",
        "parties": "Kota Bandar Lampung\nProvinsi Riau", "rad_activities": [own.pk]})
    assert response.status_code == 302, response.content.decode()[-2000:]
    html = client.get(url("agreements", tf_a)).content.decode()
    assert "4.1 Pemulangan dan reintegrasi korban" in html

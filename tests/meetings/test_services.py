"""Services: bad input gets an Indonesian message and changes nothing."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gugus_tugas.models import AuditEvent
from meetings import services
from meetings.models import Attendance, FollowUp, Meeting, MeetingAttachment, Recommendation
from meetings.services import AttendanceRow
from tests.factories import DecreeFactory, DecreeMemberFactory, task_force

from .factories import MeetingFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _messages(err):
    return " ".join(err.value.messages)


def test_meeting_end_before_start_is_refused(tf_a, admin_a):
    with pytest.raises(ValidationError) as err:
        services.meeting_create(task_force=tf_a, acting_user=admin_a, data={
            "title": "Rakor", "kind": "rakor", "start_date": date(2019, 10, 17),
            "end_date": date(2019, 10, 14)})
    assert "sebelum tanggal mulai" in _messages(err)
    assert not Meeting.objects.filter(task_force=tf_a).exists()


def test_a_multi_day_meeting_is_recorded_and_audited(tf_a, admin_a):
    m = services.meeting_create(task_force=tf_a, acting_user=admin_a, data={
        "title": "Rakornas", "kind": "rakornas", "start_date": date(2019, 10, 14),
        "end_date": date(2019, 10, 17), "city": "Kupang"})
    assert m.is_multi_day
    assert AuditEvent.objects.filter(task_force=tf_a, action="meeting.create").count() == 1


@pytest.mark.parametrize(("count", "message"), [(-1, "negatif"), (1, "lebih kecil")])
def test_participant_count_negative_or_below_the_attendance_list_changes_nothing(
        tf_a, admin_a, count, message):
    meeting = MeetingFactory(task_force=tf_a, participant_count=None, minutes="")
    rows = [AttendanceRow(name="Amsir", agency="Dinas PPPA"),
            AttendanceRow(name="Ikram", agency="Unila")]
    with pytest.raises(ValidationError) as err:
        services.meeting_report(meeting=meeting, acting_user=admin_a,
                                data={"participant_count": count, "minutes": "Dibuka pukul 9"},
                                attendance=rows, recommendations_text="1. Rapat berkala")
    assert message in _messages(err)
    meeting.refresh_from_db()
    assert meeting.participant_count is None and meeting.minutes == ""
    assert not Attendance.objects.filter(meeting=meeting).exists()
    assert not Recommendation.objects.filter(meeting=meeting).exists()


def test_a_list_that_cannot_be_split_saves_nothing_of_the_report(tf_a, admin_a):
    meeting = MeetingFactory(task_force=tf_a, minutes="", status=Meeting.Status.PLANNED)
    with pytest.raises(ValidationError) as err:
        services.meeting_report(meeting=meeting, acting_user=admin_a,
                                data={"minutes": "Rapat berjalan lancar"},
                                recommendations_text="1. Satu\n3. Tiga")
    assert "Baris 2" in err.value.message_dict["recommendations_text"][0]
    meeting.refresh_from_db()
    assert meeting.minutes == "" and meeting.status == Meeting.Status.PLANNED
    assert not meeting.recommendations.exists()


def test_the_report_splits_the_pasted_list_after_the_existing_recommendations(tf_a, admin_a):
    meeting = MeetingFactory(task_force=tf_a)
    RecommendationFactory(meeting=meeting, number=1)
    decree = DecreeFactory(task_force=tf_a)
    chair = DecreeMemberFactory(decree=decree, position="Kepala Dinas PPPA")
    services.meeting_report(
        meeting=meeting, acting_user=admin_a, data={"participant_count": 45},
        recommendations_text="1. Revisi SK\n2. Alokasi anggaran", due_date=date(2024, 12, 31),
        attendance=[AttendanceRow(decree_member_id=chair.pk, status="represented",
                                  represented_by="Sekretaris Dinas")])
    rows = list(meeting.recommendations.order_by("number").values_list("number", "text"))
    assert rows[1:] == [(2, "Revisi SK"), (3, "Alokasi anggaran")]
    assert meeting.recommendations.get(number=3).due_date == date(2024, 12, 31)
    assert meeting.attendance.get().status == "represented"


def test_attendance_of_someone_not_in_the_sk_in_force_is_refused(tf_a, tf_b, admin_a):
    meeting = MeetingFactory(task_force=tf_a)
    outsider = DecreeMemberFactory(decree=DecreeFactory(task_force=tf_b))
    with pytest.raises(ValidationError):
        services.attendance_set(meeting=meeting, acting_user=admin_a,
                                rows=[AttendanceRow(decree_member_id=outsider.pk)])
    assert not meeting.attendance.exists()


def test_an_empty_recommendation_is_refused(tf_a, admin_a):
    meeting = MeetingFactory(task_force=tf_a)
    with pytest.raises(ValidationError) as err:
        services.recommendation_create(meeting=meeting, acting_user=admin_a, text="   ")
    assert "kosong" in _messages(err)
    assert not meeting.recommendations.exists()


def test_a_follow_up_dated_before_its_meeting_is_refused(tf_a, admin_a):
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=tf_a,
                                                       start_date=date(2024, 7, 18)))
    with pytest.raises(ValidationError) as err:
        services.recommendation_follow_up_add(recommendation=rec, acting_user=admin_a,
                                              date=date(2024, 7, 1), status="done")
    assert "sebelum tanggal rapat" in _messages(err)
    rec.refresh_from_db()
    assert rec.status == "not_started" and not FollowUp.objects.exists()


def test_cannot_be_done_needs_a_reason(tf_a, admin_a):
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=tf_a))
    with pytest.raises(ValidationError) as err:
        services.recommendation_follow_up_add(recommendation=rec, acting_user=admin_a,
                                              date=date(2024, 8, 1), status="cannot")
    assert "alasan" in _messages(err)


def test_the_latest_follow_up_sets_the_status(tf_a, admin_a):
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=tf_a))
    services.recommendation_follow_up_add(recommendation=rec, acting_user=admin_a,
                                          date=date(2024, 9, 1), status="done")
    services.recommendation_follow_up_add(recommendation=rec, acting_user=admin_a,
                                          date=date(2024, 8, 1), status="in_progress",
                                          note="Rapat persiapan")
    rec.refresh_from_db()
    assert rec.status == "done" and rec.status_date == date(2024, 9, 1)


def test_evidence_of_a_forbidden_type_saves_no_follow_up(tf_a, admin_a):
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=tf_a))
    bad = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError) as err:
        services.recommendation_follow_up_add(recommendation=rec, acting_user=admin_a,
                                              date=date(2024, 8, 1), status="done", evidence=bad)
    assert "tidak diizinkan" in _messages(err)
    rec.refresh_from_db()
    assert rec.status == "not_started" and not FollowUp.objects.exists()


@pytest.mark.parametrize(("upload", "kind", "message"), [
    (SimpleUploadedFile("x.exe", b"MZ\x90\x00"), "presentation", "tidak diizinkan"),
    (SimpleUploadedFile("foto.png", PDF), "photo", "tidak diizinkan"),
    (SimpleUploadedFile("paparan.pptx", b"PK\x03\x04garbage"), "presentation", "tidak diizinkan"),
])
def test_attachments_of_forbidden_types_are_refused(tf_a, admin_a, upload, kind, message):
    meeting = MeetingFactory(task_force=tf_a)
    with pytest.raises(ValidationError) as err:
        services.attachment_add(meeting=meeting, acting_user=admin_a, upload=upload, kind=kind)
    assert message in _messages(err)
    assert not MeetingAttachment.objects.exists()


@override_settings(MAX_UPLOAD_BYTES=1024)
def test_an_attachment_over_the_size_limit_is_refused(tf_a, admin_a):
    meeting = MeetingFactory(task_force=tf_a)
    upload = SimpleUploadedFile("undangan.pdf", PDF + b"0" * 2048)
    with pytest.raises(ValidationError) as err:
        services.attachment_add(meeting=meeting, acting_user=admin_a, upload=upload,
                                kind="invitation")
    assert "terlalu besar" in _messages(err)
    assert not MeetingAttachment.objects.exists()


def test_a_presentation_file_is_accepted_by_its_content(tf_a, admin_a):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("ppt/presentation.xml", "<p/>")
    meeting = MeetingFactory(task_force=tf_a)
    att = services.attachment_add(meeting=meeting, acting_user=admin_a, kind="presentation",
                                  upload=SimpleUploadedFile("paparan.pptx", buf.getvalue()))
    assert att.content_type.endswith("presentationml.presentation")


def test_send_down_gives_each_task_force_below_its_own_row(tf_a_province, admin_a):
    province = tf_a_province
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=province),
                                due_date=date(2024, 12, 31))
    districts = list(province.children.all()[:3])
    assert services.recommendation_send_down(recommendation=rec, acting_user=admin_a,
                                             to_task_forces=districts) == 3
    # twice: nothing new
    assert services.recommendation_send_down(recommendation=rec, acting_user=admin_a,
                                             to_task_forces=districts) == 0
    copies = Recommendation.objects.filter(source=rec)
    assert sorted(copies.values_list("task_force_id", flat=True)) == sorted(d.pk for d in districts)
    assert all(c.text == rec.text and c.due_date == rec.due_date and c.meeting_id is None
               for c in copies)


def test_send_down_refuses_a_task_force_that_is_not_below(tf_a_province, tf_b, admin_a):
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=tf_a_province))
    with pytest.raises(ValidationError) as err:
        services.recommendation_send_down(recommendation=rec, acting_user=admin_a,
                                          to_task_forces=[tf_b])
    assert "di bawahnya" in _messages(err)
    assert not Recommendation.objects.filter(source=rec).exists()


def test_meeting_rule_sets_the_task_forces_yearly_count(tf_a, admin_a):
    services.meeting_rule_set(task_force=tf_a, acting_user=admin_a, per_year=2,
                              interval_months=3, basis="Rekomendasi rakor 2018")
    assert task_force("18.71").meetings_required_per_year == 2
    from meetings.selectors import meeting_rule

    assert meeting_rule(task_force=tf_a).required_per_year == 4  # every 3 months wins


def test_an_agreement_needs_two_parties_and_a_validity_after_signing(tf_a, admin_a):
    data = {"kind": "pks", "subject": "Pemulangan korban", "parties": "Provinsi Lampung",
            "signed_on": date(2024, 1, 10)}
    with pytest.raises(ValidationError):
        services.agreement_create(task_force=tf_a, acting_user=admin_a, data=data)
    data.update(parties="Provinsi Lampung\nProvinsi Riau",
                valid_until=date(2024, 1, 10) - timedelta(days=1))
    with pytest.raises(ValidationError) as err:
        services.agreement_create(task_force=tf_a, acting_user=admin_a, data=data)
    assert "sebelum tanggal penandatanganan" in _messages(err)


def test_a_past_meeting_can_be_recorded_as_held_and_counts_for_the_rule(tf_a, admin_a):
    from meetings.selectors import compliance

    data = {"title": "Rakor", "kind": "rakor", "start_date": date(2024, 3, 5)}
    services.meeting_create(task_force=tf_a, acting_user=admin_a, data=data, held=True)
    services.meeting_create(task_force=tf_a, acting_user=admin_a,
                            data={**data, "start_date": date(2024, 9, 5)})  # planned only
    assert compliance(task_force=tf_a, year=2024)["own"]["held"] == 1


def test_a_future_meeting_cannot_be_marked_held(tf_a, admin_a):
    from django.utils import timezone

    with pytest.raises(ValidationError):
        services.meeting_create(task_force=tf_a, acting_user=admin_a, held=True, data={
            "title": "Rakor", "kind": "rakor",
            "start_date": timezone.localdate() + timedelta(days=3)})
    assert not Meeting.objects.exists()


def test_attendance_of_an_sk_member_keeps_its_position_and_agency(tf_a, admin_a):
    member = DecreeMemberFactory(decree=DecreeFactory(task_force=tf_a),
                                 position="Kepala Dinas Sosial", agency="Dinas Sosial")
    meeting = MeetingFactory(task_force=tf_a)
    services.attendance_set(meeting=meeting, acting_user=admin_a, rows=[
        AttendanceRow(decree_member_id=member.pk, status="absent", represented_by="Kabid")])
    row = meeting.attendance.get()
    assert (row.position, row.agency, row.represented_by) == ("Kepala Dinas Sosial",
                                                              "Dinas Sosial", "")


def test_a_recommendation_and_an_agreement_serve_rad_activities_of_their_own_task_force(
        tf_a, tf_b, admin_a):
    from tests.rad.factories import ActivityFactory, PlanFactory

    own = ActivityFactory(plan=PlanFactory(task_force=tf_a, in_force=True), number="2.1")
    other = ActivityFactory(plan=PlanFactory(task_force=tf_b, in_force=True))
    meeting = MeetingFactory(task_force=tf_a)
    with pytest.raises(ValidationError) as err:
        services.recommendation_create(meeting=meeting, acting_user=admin_a,
                                       text="Pelatihan petugas desa", rad_activity=other)
    assert "bukan dari gugus tugas ini" in _messages(err)
    assert not meeting.recommendations.exists()
    rec = services.recommendation_create(meeting=meeting, acting_user=admin_a,
                                         text="Pelatihan petugas desa", rad_activity=own)
    with pytest.raises(ValidationError):
        services.recommendation_update(recommendation=rec, acting_user=admin_a,
                                       text=rec.text, rad_activity=other)
    rec.refresh_from_db()
    assert rec.rad_activity == own
    data = {"kind": "pks", "subject": "Pemulangan korban", "signed_on": date(2024, 1, 10),
            "parties": "Kota Bandar Lampung\nKabupaten Lampung Selatan"}
    with pytest.raises(ValidationError):
        services.agreement_create(task_force=tf_a, acting_user=admin_a, data=data,
                                  rad_activities=[other])
    agreement = services.agreement_create(task_force=tf_a, acting_user=admin_a, data=data,
                                          recommendations=[rec], rad_activities=[own])
    assert list(agreement.rad_activities.all()) == [own]

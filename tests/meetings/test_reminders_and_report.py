"""Reminders are sent once; the annual report's Koordinasi figures agree in JSON, page and PDF."""

import json
from datetime import date, timedelta

import pytest
from django.core import mail

from meetings.models import Attendance, SentReminder
from meetings.reminders import reminders_send
from meetings.services import meeting_rule_set
from meetings.tasks import send_reminders
from reports.rendering import build_html
from reports.selectors import annual_figures

from .factories import MeetingFactory, RecommendationFactory

pytestmark = pytest.mark.django_db
TODAY = date(2024, 11, 20)


def test_a_recommendation_due_in_a_week_is_reminded_once(tf_a, admin_a):
    rec = RecommendationFactory(meeting=MeetingFactory(task_force=tf_a),
                                due_date=TODAY + timedelta(days=7))
    meeting_rule_set(task_force=tf_a, acting_user=admin_a, per_year=0)
    assert reminders_send(today=TODAY) == 1
    assert reminders_send(today=TODAY) == 0
    assert reminders_send(today=TODAY + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [admin_a.email]
    assert "Tenggat rekomendasi" in mail.outbox[0].subject
    # overdue: a second, different reminder, also once
    assert reminders_send(today=rec.due_date + timedelta(days=1)) == 1
    assert reminders_send(today=rec.due_date + timedelta(days=2)) == 0
    assert "lewat tenggat" in mail.outbox[1].subject
    assert set(SentReminder.objects.values_list("kind", flat=True)) == {"due_soon", "overdue"}


def test_done_recommendations_and_task_forces_without_a_secretariat_get_nothing(tf_a, tf_b):
    RecommendationFactory(meeting=MeetingFactory(task_force=tf_a), status="done",
                          due_date=TODAY - timedelta(days=3))
    RecommendationFactory(meeting=MeetingFactory(task_force=tf_b),
                          due_date=TODAY - timedelta(days=3))
    reminders_send(today=TODAY)
    assert mail.outbox == []


def test_a_failed_send_is_retried_the_next_day(tf_a, admin_a, monkeypatch):
    meeting_rule_set(task_force=tf_a, acting_user=admin_a, per_year=0)
    RecommendationFactory(meeting=MeetingFactory(task_force=tf_a),
                          due_date=TODAY - timedelta(days=1))

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("meetings.reminders.send_mail", broken)
    with pytest.raises(ConnectionError):
        reminders_send(today=TODAY)
    assert not SentReminder.objects.exists()
    monkeypatch.undo()
    assert reminders_send(today=TODAY) == 1


def test_a_task_force_about_to_miss_its_meeting_rule_is_warned_once_per_quarter(tf_a, admin_a):
    meeting_rule_set(task_force=tf_a, acting_user=admin_a, per_year=4)
    MeetingFactory(task_force=tf_a, start_date=date(2024, 2, 1))  # Q1 only
    late_q4 = date(2024, 12, 10)
    assert send_reminders.apply(kwargs={}).get() >= 0  # the beat task runs (today's date)
    mail.outbox.clear()
    SentReminder.objects.all().delete()
    assert reminders_send(today=date(2024, 11, 1)) == 0  # more than 30 days before the end
    assert reminders_send(today=late_q4) == 1
    assert reminders_send(today=late_q4 + timedelta(days=5)) == 0
    assert "1 dari 4 rapat" in mail.outbox[0].subject


def test_the_koordinasi_figures_agree_in_json_and_pdf(tf_a, admin_a, settings):
    settings.FIGURES_CACHE_SECONDS = 600
    year = 2024
    meeting_rule_set(task_force=tf_a, acting_user=admin_a, per_year=2)
    m = MeetingFactory(task_force=tf_a, title="Rakor GT PP TPPO se-Provinsi",
                       start_date=date(year, 7, 18))
    RecommendationFactory(meeting=m, status="done", due_date=date(year, 9, 1))
    RecommendationFactory(meeting=m, text="Evaluasi RAD belum jalan", due_date=date(year, 9, 1))
    RecommendationFactory(meeting=m, status="in_progress")
    for name, status in (("Amsir", "present"), ("Ikram", "present"), ("Sely", "absent")):
        Attendance.objects.create(task_force=tf_a, meeting=m, name=name, status=status)
    before = annual_figures(tf_a, year)  # cached now
    assert before["meetings"]["held"] == 1 and before["meetings"]["rule_met"] is False
    MeetingFactory(task_force=tf_a, start_date=date(year, 11, 1))
    f = annual_figures(tf_a, year)  # a new meeting shows at once, whatever the cache
    assert f["meetings"]["held"] == 2 and f["meetings"]["required"] == 2
    assert f["meetings"]["list"][0]["present"] == 2  # not multiplied by its 3 recommendations
    assert f["meetings"]["rule_met"] is True
    assert f["recommendations"]["total"] == 3 and f["recommendations"]["done"] == 1
    assert [r["text"] for r in f["recommendations"]["overdue_list"]] == ["Evaluasi RAD belum jalan"]
    public = annual_figures(tf_a, year, public=True)
    assert "overdue_list" not in public["recommendations"] and "list" not in public["meetings"]
    html = build_html(tf_a, f)
    section = html[html.index('id="koordinasi"'):html.index('id="rencana-aksi"')]
    assert "Rakor GT PP TPPO se-Provinsi" in section and "Evaluasi RAD belum jalan" in section
    assert "terlaksana <b>2</b> rapat" in section and "<b>terpenuhi</b>" in section
    json.dumps(f)  # the JSON export serialises it


def test_the_dashboard_shows_meetings_held_against_the_rule(login, tf_a, coordinator_a):
    MeetingFactory(task_force=tf_a, start_date=date(2024, 3, 1))
    html = login(coordinator_a).get(f"/gt/{tf_a.code}/laporan/?tahun=2024").content.decode()
    assert 'data-testid="meetings-held">1 / 2<' in html


def test_the_dashboard_the_json_and_the_pdf_read_the_same_meetings(login, tf_a, coordinator_a,
                                                                    admin_a):
    """The figures come from the meetings rows, the same on the three: held meetings only (a
    planned one is not counted), the rule, recommendations done, the overdue one named."""
    import io

    from pypdf import PdfReader

    from reports.rendering import render_report

    year = 2024
    meeting_rule_set(task_force=tf_a, acting_user=admin_a, per_year=3)
    m = MeetingFactory(task_force=tf_a, title="Rakor Evaluasi RAD Kota", start_date=date(year, 3, 12))
    MeetingFactory(task_force=tf_a, title="Rakor triwulan III", start_date=date(year, 9, 3))
    MeetingFactory(task_force=tf_a, title="Rakor yang direncanakan", status="planned",
                   start_date=date(year, 10, 1))
    RecommendationFactory(meeting=m, status="done", due_date=date(year, 6, 30))
    RecommendationFactory(meeting=m, text="Perda perlindungan pekerja migran",
                          due_date=date(year, 6, 30))
    client = login(coordinator_a)
    dashboard = client.get(f"/gt/{tf_a.code}/laporan/?tahun={year}").content.decode()
    assert 'data-testid="meetings-held">2 / 3<' in dashboard
    assert 'data-testid="recommendations-done">1 / 2<' in dashboard
    data = client.get(f"/gt/{tf_a.code}/laporan/angka.json?tahun={year}").json()
    assert (data["meetings"]["held"], data["meetings"]["required"]) == (2, 3)
    assert data["meetings"]["rule_met"] is False
    assert (data["recommendations"]["total"], data["recommendations"]["done"]) == (2, 1)
    pdf = render_report(tf_a, year, formats=("pdf",)).pdf
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    section = " ".join(text[text.rindex("2. Koordinasi"):text.rindex("3. Rencana Aksi")].split())
    assert "terlaksana 2 rapat" in section and "belum terpenuhi" in section
    assert "Rakor Evaluasi RAD Kota" in section and "Rakor triwulan III" in section
    assert "Rakor yang direncanakan" not in section
    assert "Perda perlindungan pekerja migran" in section  # overdue, named

"""The annual report as the document a Ketua Harian signs: its parts, the year's SK, the
previous year beside this one, the draft mark, finalised editions and their SHA-256."""

import hashlib
import io
import json
import re
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases.models import Perpetrator
from gugus_tugas.models import AuditEvent, DecreeMember
from gugus_tugas.scoping import task_force_scope
from reports import charts, services
from reports.models import LegalBasis, ReportJob, ReportSettings, YearFinalisation
from reports.rendering import build_html, numbered_items, render_report
from reports.selectors import annual_figures
from tests.cases.factories import ReferralFactory, RoutePointFactory
from tests.factories import DecreeFactory, DecreeMemberFactory
from tests.reports.test_reports import YEAR, official_case


def pages_of(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def settings_for(tf, year=YEAR, **texts):
    base = dict(document_number="400.7/012/LT/2024", foreword="Puji syukur kami panjatkan.",
                obstacles="", recommendations="", closing="", copies_to="", place="Bandar Lampung",
                signer_position="", signer_name="", signer_nip="")
    return services.report_settings_save(task_force=tf, year=year, acting_user=None,
                                         **{**base, **texts})


def done_job(tf, year=YEAR, user=None):
    """A finished report job, rendered the way the worker renders it."""
    from reports.tasks import annual_report_render

    with task_force_scope(tf):
        job, _ = services.report_job_request(task_force=tf, year=year, variant="internal",
                                             obstacles="", acting_user=user)
    assert annual_report_render.apply(args=[job.pk]).get() == "done"
    job.refresh_from_db()
    return job


def test_the_report_has_the_parts_of_a_government_report(tf_a):
    official_case(tf_a)
    decree = DecreeFactory(task_force=tf_a, date_signed=date(2022, 3, 1), number="188.45/77/2022")
    DecreeMemberFactory(decree=decree, role=DecreeMember.Role.DAILY_CHAIR,
                        position="Kepala Dinas PPPA", person_name="Dra. Siti Aminah")
    settings_for(tf_a, signer_nip="196805121990032004",
                 copies_to="Gubernur Lampung\nKetua Harian GT PP-TPPO Provinsi Lampung",
                 closing="Demikian laporan ini disampaikan.")
    text = "\n".join(pages_of(render_report(tf_a, YEAR).pdf))
    for part in ("Nomor: 400.7/012/LT/2024", "Kata Pengantar", "Puji syukur kami panjatkan.",
                 "Dasar Hukum", "Undang-Undang Nomor 21 Tahun 2007",
                 "Peraturan Presiden Nomor 49 Tahun 2023", "188.45/77/2022", "1. Kelembagaan",
                 "2. Koordinasi", "3. Rencana Aksi", "4. Penanganan Kasus",
                 "5. Kendala dan Rekomendasi", "Penutup", "Demikian laporan ini disampaikan.",
                 "Dra. Siti Aminah", "NIP 196805121990032004", "Bandar Lampung",
                 "Tembusan", "Gubernur Lampung"):
        assert part in text, part
    # the Perpres of 2008 was revoked in 2023: not a basis of the 2023 report
    assert "Nomor 69 Tahun 2008 tentang Gugus" not in text


def test_the_legal_basis_is_the_one_in_force_that_year_and_the_nation_can_change_it(tf_a,
                                                                                    tf_national):
    official_case(tf_a, year=2020)
    html = build_html(tf_a, annual_figures(tf_a, 2020))
    assert "Peraturan Presiden Nomor 69 Tahun 2008" in html
    assert "Nomor 49 Tahun 2023" not in html
    services.legal_basis_seed(task_force=tf_national, acting_user=None)
    services.legal_basis_save(task_force=tf_national, acting_user=None, order=9,
                              title="Peraturan Menteri PPPA Nomor 8 Tahun 2021", valid_from=2021)
    assert "Peraturan Menteri PPPA Nomor 8 Tahun 2021" in build_html(
        tf_a, annual_figures(tf_a, 2023))
    assert "Peraturan Menteri PPPA" not in build_html(tf_a, annual_figures(tf_a, 2020))


def test_a_past_year_names_the_sk_of_that_year_not_todays(tf_a):
    old = DecreeFactory(task_force=tf_a, date_signed=date(2019, 2, 1), number="SK-LAMA/2019",
                        status="replaced")
    DecreeFactory(task_force=tf_a, date_signed=date(2024, 6, 1), number="SK-BARU/2024",
                  replaces=old)
    html = build_html(tf_a, annual_figures(tf_a, YEAR))
    assert "SK-LAMA/2019" in html and "SK-BARU/2024" not in html


def test_the_headline_figures_stand_beside_the_previous_year(tf_a):
    official_case(tf_a, ages=(15, 30), year=YEAR - 1)
    official_case(tf_a, ages=(15, 30, 40), year=YEAR)
    official_case(tf_a, ages=(20,), year=YEAR)
    f = annual_figures(tf_a, YEAR)
    assert f["previous"]["year"] == YEAR - 1
    assert (f["previous"]["reported"], f["previous"]["victims"]) == (1, 2)
    text = "\n".join(pages_of(render_report(tf_a, YEAR).pdf))
    row = next(line for line in text.splitlines() if line.startswith("Korban ") and "+" in line)
    # 2 victims the year before, 4 this year: +2 (+100.0 %)
    assert re.search(r"2\s+4\s+\+2 \(\+100[.,]0 %\)", row), row


def test_perpetrators_restitution_referrals_and_transit_are_counted(tf_a, tf_b):
    case = official_case(tf_a, legal_stage="prosecution", restitution_requested=40_000_000,
                         restitution_ordered=25_000_000, restitution_paid=10_000_000)
    official_case(tf_a, restitution_requested=15_000_000, served=False)  # not decided yet
    Perpetrator.objects.create(case=case, task_force=tf_a, is_corporation=True)
    Perpetrator.objects.create(case=case, task_force=tf_a)
    Perpetrator.objects.create(case=case, task_force=tf_a)
    RoutePointFactory(case=case, kind="origin", country="", region=tf_a.region)
    RoutePointFactory(case=case, kind="transit", country="SG", order=1)
    RoutePointFactory(case=case, kind="destination", country="MY", order=2)
    ReferralFactory(case=case, to_task_force=tf_b, created_at=case.created_at.replace(year=YEAR))
    f = annual_figures(tf_a, YEAR)
    assert f["perpetrators"]["individual"] == 2 and f["perpetrators"]["corporation"] == 1
    assert f["perpetrators"]["by_stage"]["corporation"]["prosecution"] == 1
    assert f["restitution"] == {"requested_cases": 2, "requested_rp": 55_000_000,
                                "ordered_cases": 1, "ordered_rp": 25_000_000, "paid_cases": 1,
                                "paid_rp": 10_000_000}
    assert f["referrals"]["sent"] == 1 and f["referrals"]["received"] == 0
    assert f["flows"][0]["transit"] == "Singapura" and f["flows"][0]["destination"] == "Malaysia"
    assert f["services_by_age"]["pengaduan"]["13-17"] == 1
    assert annual_figures(tf_b, YEAR)["referrals"]["received"] == 1
    # published: the small counts are hidden, and an amount with its count of cases
    pub = annual_figures(tf_a, YEAR, public=True)
    assert pub["perpetrators"]["corporation"] == "< 5"
    assert pub["restitution"]["ordered_rp"] == pub["restitution"]["ordered_cases"] == "< 5"
    assert pub["restitution"]["requested_rp"] == pub["restitution"]["requested_cases"] == "< 5"
    # the report's restitution table: requested, granted, paid, in cases and Rp
    text = " ".join(pages_of(render_report(tf_a, YEAR).pdf)).replace("\n", " ")
    assert re.search(r"Dimohonkan \(oleh korban.*?\) 2 55\.000\.000", text), text[-3000:]
    assert re.search(r"Dikabulkan \(diputus pengadilan\) 1 25\.000\.000", text)


def test_every_page_of_a_draft_is_marked_and_the_final_edition_is_not(tf_a, coordinator_a):
    official_case(tf_a)
    settings_for(tf_a)
    job = done_job(tf_a, user=coordinator_a)
    draft = pages_of(job.pdf.read())
    assert len(draft) > 3 and all("DRAF" in page for page in draft)
    final = services.year_finalise(task_force=tf_a, year=YEAR, job=job, acting_user=coordinator_a)
    pdf = final.pdf.read()
    issued = pages_of(pdf)
    assert not any("DRAF" in page for page in issued)
    assert final.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    # the last page prints the SHA-256 of the JSON data embedded in the PDF
    embedded = PdfReader(io.BytesIO(pdf)).attachments
    data = next(v[0] for k, v in embedded.items() if k.endswith(".json"))
    assert json.loads(data)["year"] == YEAR
    assert hashlib.sha256(data).hexdigest() == final.data_sha256
    assert final.data_sha256 in issued[-1].replace("\n", "")


def test_the_report_page_shows_the_issued_pdf_and_its_sha256(login, coordinator_a, tf_a):
    official_case(tf_a)
    settings_for(tf_a)
    job = done_job(tf_a, user=coordinator_a)
    client = login(coordinator_a)
    client.post(reverse("reports:finalise", args=[tf_a.code, job.code]))
    final = YearFinalisation.objects.get()
    page = client.get(reverse("reports:dashboard", args=[tf_a.code]), {"tahun": YEAR})
    assert final.pdf_sha256 in page.content.decode()
    got = client.get(reverse("reports:final_download", args=[tf_a.code, final.code]))
    assert hashlib.sha256(b"".join(got.streaming_content)).hexdigest() == final.pdf_sha256


def test_finalising_needs_a_document_number(login, coordinator_a, tf_a):
    official_case(tf_a)
    job = done_job(tf_a, user=coordinator_a)
    client = login(coordinator_a)
    r = client.post(reverse("reports:finalise", args=[tf_a.code, job.code]), follow=True)
    assert "Isi nomor dokumen" in r.content.decode()
    assert not YearFinalisation.objects.exists()


def test_a_corrected_edition_has_a_new_number_and_names_the_one_it_replaces(tf_a, coordinator_a):
    official_case(tf_a)
    settings_for(tf_a, document_number="400/001/2024")
    first = services.year_finalise(task_force=tf_a, year=YEAR, job=done_job(tf_a),
                                   acting_user=coordinator_a)
    job = done_job(tf_a)
    with pytest.raises(services.FinaliseRefused, match="bernomor baru"):
        services.year_finalise(task_force=tf_a, year=YEAR, job=job, acting_user=coordinator_a)
    assert YearFinalisation.objects.count() == 1
    settings_for(tf_a, document_number="400/002/2024")
    second = services.year_finalise(task_force=tf_a, year=YEAR, job=job, acting_user=coordinator_a)
    assert (second.edition, second.replaces_id) == (2, first.pk)
    text = " ".join(pages_of(second.pdf.read())).replace("\n", " ")
    assert "400/002/2024" in text and "menggantikan laporan nomor 400/001/2024" in text
    assert first.pdf.read()  # the first edition is kept as issued


def test_typed_numbered_recommendations_become_separate_items(tf_a):
    assert numbered_items("1. Tambah anggaran. 2. Latih petugas; 3) Bentuk rumah aman") == [
        "Tambah anggaran.", "Latih petugas;", "Bentuk rumah aman"]
    assert numbered_items("a. Satu\n- Dua\n\nTiga 2 kali") == ["Satu", "Dua", "Tiga 2 kali"]
    settings_for(tf_a, recommendations="1. Tambah anggaran rumah aman. 2. Latih petugas data.")
    html = build_html(tf_a, annual_figures(tf_a, YEAR))
    assert "<li>Tambah anggaran rumah aman.</li><li>Latih petugas data.</li>" in html


def test_long_chart_labels_wrap_and_text_is_at_least_8pt():
    svg = charts.hbar({"online_scam": 7, "kerja_paksa": 3}, title="Eksploitasi", labels={
        "online_scam": "dipaksa bekerja di penipuan daring", "kerja_paksa": "kerja paksa"})
    spans = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert "dipaksa bekerja di penipuan daring" not in spans  # wrapped
    assert " ".join(spans[:-1]) == "dipaksa bekerja di penipuan daring"
    assert all(len(s) * charts.CHAR_PX <= 200 for s in spans)  # within the label column
    sizes = [int(x) for x in re.findall(r'font-size="(\d+)"', svg)]
    assert min(sizes) * 0.75 >= 8  # px at 96 dpi to pt


def test_the_settings_page_saves_the_texts_with_an_audit_row(login, coordinator_a, viewer_a, tf_a):
    client = login(coordinator_a)
    url = reverse("reports:settings", args=[tf_a.code])
    data = {f: "" for f in services.REPORT_TEXT_FIELDS} | {"document_number": "400/9/2023",
                                                           "recommendations": "1. A. 2. B."}
    r = client.post(f"{url}?tahun={YEAR}", data)
    assert r.status_code == 302
    row = ReportSettings.objects.get(task_force=tf_a, year=YEAR)
    assert row.document_number == "400/9/2023"
    assert AuditEvent.objects.filter(action="report.settings").exists()
    client.logout()
    assert login(viewer_a).post(f"{url}?tahun={YEAR}", data).status_code == 403


def test_only_the_nation_keeps_the_legal_basis_every_task_force_reads_it(login, national_coordinator, tf_national, tf_a,
                                               admin_a):
    from tests.conftest import member

    admin = member(tf_national, "secretariat_admin", "sekretariat@nasional.test")
    client = login(admin)
    url = reverse("reports:legal_basis", args=[tf_national.code])
    r = client.post(url, {"action": "add", "title": "Permen PPPA 8/2021", "valid_from": 2021,
                          "valid_until": 2019, "order": 1})
    assert "Tahun akhir tidak boleh" in r.content.decode()
    assert not LegalBasis.objects.exists()
    client.post(url, {"action": "add", "title": "Permen PPPA 8/2021", "valid_from": 2021,
                      "order": 1})
    assert LegalBasis.objects.get().task_force == tf_national
    client.logout()
    district = login(admin_a)
    url_a = reverse("reports:legal_basis", args=[tf_a.code])
    assert "Permen PPPA 8/2021" in district.get(url_a).content.decode()  # reads the nation's list
    assert district.post(url_a, {"action": "seed"}).status_code == 403
    assert ReportJob.objects.count() == 0


def test_awaiting_verification_counts_the_years_cases_only(tf_a):
    from tests.cases.factories import CaseFactory

    CaseFactory(task_force=tf_a, report_date=date(YEAR, 3, 1))  # submitted, waiting
    CaseFactory(task_force=tf_a, report_date=date(YEAR + 1, 3, 1))
    assert annual_figures(tf_a, YEAR)["cases"]["awaiting_verification"] == 1
    assert annual_figures(tf_a, YEAR - 1)["cases"]["awaiting_verification"] == 0


def test_a_past_years_report_names_the_sk_in_force_that_year(tf_a):
    """A new SK replaces the old one: the report of a year before it names the old SK, the
    report of its first year the new one."""
    old = DecreeFactory(task_force=tf_a, date_signed=date(2017, 2, 1), number="188.45/12/2017",
                        period_start=2017, period_end=2021)
    DecreeFactory(task_force=tf_a, date_signed=date(2021, 11, 20), number="188.45/90/2021",
                  period_start=2022, period_end=2026, replaces=old)
    for year in (2021, 2022):
        official_case(tf_a, year=year)
    html_2021 = build_html(tf_a, annual_figures(tf_a, 2021))
    assert "SK yang berlaku pada tahun 2021: <b>188.45/12/2017</b>" in html_2021
    assert "188.45/90/2021" not in html_2021  # signed in 2021, in force only from 2022
    html_2022 = build_html(tf_a, annual_figures(tf_a, 2022))
    assert "SK yang berlaku pada tahun 2022: <b>188.45/90/2021</b>" in html_2022
    assert "188.45/12/2017" not in html_2022

"""Demo meetings from the seeds, recorded through the services: Riau 2019 (seed 000), Rakornas
Kupang 2019 with its 14 recommendations sent down to the provinces (seed 001), Aceh 2018 (seed
002), Lampung 2024 (seed 003) and the Kemenko PMK assistance of 2018 (seed 004); follow-ups, some
done, some overdue; agreements; meeting rules. Safe to run twice (a meeting already there is
left alone)."""

from datetime import date, timedelta

from django.utils import timezone

from gugus_tugas.models import DecreeMember, TaskForce, User
from gugus_tugas.scoping import task_force_scope

from . import services
from .models import Meeting, Recommendation
from .services import AttendanceRow, SpeakerRow

RIAU_RECOMMENDATIONS = """-
Menyusun rencana aksi Daerah pencegahan dan penanganan TPPO tahun 2020 – 2024 dengan melibatkan seluruh sektor yang terkait sesuai tugas dan fungsi masing-masing, dan ditetapkan melalui peraturan Gubernur Riau;
-
Melakukan Revisi Keputusan Gubernur No. Kpts.712/VIII/2017;
-
Meningkatkan Koordinasi Gugus Tugas TPPO tingkat Provinsi dengan melakukan pertemuan secara berkala minimal 2 kali dalam 1 tahun;
-
Memperkuat sistem data dan informasi tindak kekerasan terhadap perempuan, dan anak termasuk TPPO;
-
Meningkatkan efektifitas layanan korban kekerasan terhadap perempuan dan anak termasuk TPPO, yang mencakup layanan pengaduan, rehabilitasi kesehatan, rehabilitasi sosial, penegakan dan bantuan hukum, serta pemulangan dan reintegrasi sosial;
-
Dukungan pembiayaan alokasi dana untuk mendukung pencegahan dan penanganan TPPO sesuai dengan tugas dan fungsi masing-masing.
"""

RAKORNAS_RECOMMENDATIONS = """  1. Diseminasi panduan Pembentukan dan Penguatan Kapasitas Gugus Tugas melalui Surat Keputusan (SK), Sub. Gugus Tugas, dan Rancangan Anggaran Daerah (RAD).
  2. Manajemen data yang terintegrasi; soft hard and infrastructures, termasuk PIC data dengan peran verifikasi dan clearing data dan layanan berbasis aplikasi.
  3. Penanganan yang melibatkan para pihak yakni, 5K (kampung, kampus, komunitas, korporasi, dan kota).
  4. Mekanisme koordinasi dan tugas fungsi para pihak dengan jelas.
  5. Perlu adanya panduan model pendampingan dan pemulihan korban TPPO sampai paripurna.
  6. Perlu adanya kebijakan tentang pemberian kompensasi pemerintah pada korban TPPO.
  7. Mainstreaming Pencegahan dan Penanganan TPPO dalam perencanaan dan penganggaran yakni; kebijakan, proses, eksekusi dan monitoring evaluasi al. Kemendagri dan Kemendes untuk anggaran di daerah sampai dengan desa/kelurahan.
  8. Perlu adanya monitoring dan evaluasi yang TSM
  9. Perlu adanya panduan model kerjasama antar wilayah dilengkapi dengan alur kerja, pembagian tugas, dan anggaran (PKS).
  10. Mengusulkan revisi Undang-Undang TPPO (UU No. 21 Tahun 2017) terutama di pasal 68 tentang Gugus Tugas yang dinaikan menjadi tingkat Badan Nasional Penanganan TPPO setingkat Kementerian.
  11. Penguatan Kelembagaan Gugus Tugas TPPO yang meliputi struktur, tugas, fungsi, dan DAK Kementerian.
  12. Mengoptimalkan potensi kelembagaan penyediaan layanan yang relevan.
  13. Mendorong keterlibatan dunia usaha dalam pecegahan dan penanganan TPPO.
  14. Kajian pemetaan kerentanan TPPO di daerah asal, transit, dan tujuan.
"""

ACEH_RECOMMENDATIONS = """~ Ada Aksi segera untuk perencanaan untuk gugus tugas trafficking
~ perlu disepakati agenda dan melakukan pertemuan dengan lintas sektor (Asisten II, Kepala Dinas yang terkait)
~ Perlu adanya Sekretariat
~ BPJS pembiayaan lainnya dalam penanganan Rehabilitasi
~ Adanya kegiatan sosialisasi ex buku saku, brosur dan lain-lain
~ MoU lintas Sektor
~ Perlu identifikasi perusahaan serta pengawasan PJTKI
~ Melakukan Identifikasi Pemetaan tempat-tempat terindifikasi trafficking
~ Penelitian korban-korban trafficking di Aceh
~ Pertemuan berkala 3 bulan sekali
~ Melakukan Penguatan-penguatan Pemberdayaan Korban
~ Memperkuat SDM Masyarakat dengan menggunakan Dana Gampong
~ Membentuk Forum Anak disetiap Gampong (Gampong Ramah Anak)
~ Alokasi Anggaran untuk TPPPO instansi terkait
~ Membuat Group WA masing-masing peserta
~ Membuat Laporan Tahunan dalam Penanganan Tindak Pidana Perdagangan Orang
"""

# Seed 003 names the meeting's aims and problems but no numbered list: these follow from them.
LAMPUNG_RECOMMENDATIONS = """1. Mengevaluasi capaian RAD Pemberantasan TPPO Provinsi Lampung 2022-2026 per klaster.
2. Memperkuat kepemimpinan di setiap klaster Gugus Tugas.
3. Menggerakkan pencegahan TPPO di tingkat keluarga, masyarakat dan desa.
4. Mengintegrasikan pencatatan dan pelaporan kasus TPPO kabupaten/kota ke Simfoni PPA.
"""


def _user(email):
    return User.objects.filter(email=email).first()


def _meeting(tf, user, *, title, report, recommendations="", attendance=None, speakers=None,
             due_date=None, **data):
    with task_force_scope(tf):
        existing = Meeting.objects.filter(task_force=tf, title=title).first()
        if existing:
            return existing, False
        meeting = services.meeting_create(task_force=tf, acting_user=user,
                                          data={"title": title, **data})
        if report:
            services.meeting_report(meeting=meeting, acting_user=user, data=report,
                                    recommendations_text=recommendations, attendance=attendance,
                                    speakers=speakers, due_date=due_date)
        return meeting, True


def _follow(tf, user, rec, day, status, note="", reason=""):
    with task_force_scope(tf):
        services.recommendation_follow_up_add(recommendation=rec, acting_user=user, date=day,
                                              status=status, note=note, reason=reason)


def _members_attendance(tf, day, absent_every=4):
    with task_force_scope(tf):
        decree = services.meeting_decree_on(tf, day)
        members = list(DecreeMember.objects.filter(decree=decree)) if decree else []
    return [AttendanceRow(decree_member_id=m.pk,
                          status="absent" if i % absent_every == absent_every - 1 else
                          ("represented" if i % 5 == 1 else "present"),
                          represented_by="Kepala Bidang" if i % 5 == 1 else "")
            for i, m in enumerate(members)]


def seed(stdout) -> None:
    today = timezone.localdate()
    nation = TaskForce.objects.get(code="nasional")
    riau, aceh = TaskForce.objects.get(code="14"), TaskForce.objects.get(code="11")
    lampung, bandar = TaskForce.objects.get(code="18"), TaskForce.objects.get(code="18.71")
    national_user = _user("koordinator.nasional@demo.gugustugas.id")
    riau_user = _user("admin.riau@demo.gugustugas.id")
    lampung_user = _user("admin.lampung@demo.gugustugas.id")
    bandar_user = _user("admin.bandarlampung@demo.gugustugas.id")

    # Seed 000: Riau, 5-6 August 2019
    riau_meeting, new_riau = _meeting(
        riau, riau_user, kind="working", title="Penguatan Gugus Tugas PP-TPPO Provinsi Riau",
        start_date=date(2019, 8, 5), end_date=date(2019, 8, 6), venue="Hotel Premiere",
        city="Pekanbaru",
        opened_by="Sekretaris Daerah Provinsi Riau, diwakili Kepala Dinas PPPA Provinsi Riau "
                  "Dra. T. Hidayati Effiza, MM",
        chaired_by="Dra. T. Hidayati Effiza, MM",
        objectives="1) Meningkatkan pemahaman anggota gugus tugas tentang TPPO; 2) memfasilitasi "
                   "penyusunan RAD PP-TPPO; 3) meningkatkan kapasitas anggota gugus tugas dan "
                   "aparat penegak hukum; 4) memperkuat koordinasi dan kerja sama antaranggota.",
        report={"participant_count": 70, "minutes": "Difasilitasi Kemen PPPA (Deputi Bidang "
                "Perlindungan Hak Perempuan) bersama Dinas PPPA Provinsi Riau. Rekomendasi "
                "dirumuskan dari masukan narasumber, peserta dan diskusi kelompok."},
        recommendations=RIAU_RECOMMENDATIONS, due_date=date(2020, 12, 31),
        attendance=_members_attendance(riau, date(2019, 8, 5)),
        speakers=[SpeakerRow("Ir. Destri Handayani, ME", "Asdep PHP dari TPPO, Kemen PPPA",
                             "Gambaran Umum Perdagangan Orang"),
                  SpeakerRow("Kepala Subdit IV", "Polda Riau", "Penegakan Hukum Perkara TPPO"),
                  SpeakerRow("Kepala Dinas PP dan PA", "Provinsi Riau",
                             "Kebijakan Pencegahan dan Penanganan TPPO di Provinsi"),
                  SpeakerRow("Ciput Eka Purwanti, S.Si, MA", "Fasilitator Pusat",
                             "Peran dan Mekanisme Kerja Gugus Tugas PP-TPPO; draft RAD"),
                  SpeakerRow("Biro Hukum", "Setda Provinsi Riau",
                             "Pembulatan dan Rencana Tindak Lanjut Penyusunan RAD PP-TPPO")],
    )
    if new_riau:
        with task_force_scope(riau):
            services.meeting_rule_set(task_force=riau, acting_user=riau_user, per_year=2,
                                      basis="Rekomendasi pertemuan 5-6 Agustus 2019")
            recs = {r.number: r for r in riau_meeting.recommendations.all()}
        _follow(riau, riau_user, recs[2], date(2019, 11, 4), "done",
                "Keputusan Gubernur No. Kpts.1145/XI/2019 ditetapkan.")
        _follow(riau, riau_user, recs[1], date(2020, 3, 2), "in_progress",
                "Draf RAD dibahas bersama Biro Hukum.")
        _follow(riau, riau_user, recs[3], date(2020, 6, 15), "in_progress",
                "Rapat berkala semester I terlaksana.")

    # Seed 001: Rakornas Kupang, 14-17 October 2019, sent down to every province
    rakornas, new_rakornas = _meeting(
        nation, national_user, kind="rakornas",
        title="Rapat Koordinasi Nasional Gugus Tugas PP-TPPO 2019",
        theme="Bersama Kita Berantas TPPO melalui Peningkatan Kapasitas SDM, Pemberdayaan, "
              "Partisipasi Masyarakat dan Peningkatan Layanan Publik di Pusat dan Daerah",
        start_date=date(2019, 10, 14), end_date=date(2019, 10, 17), city="Kupang",
        opened_by="Prof. dr. Vennetia Ryckerens Danes, M.S., Ph.D., Deputi Bidang Perlindungan "
                  "Hak Perempuan KPPPA",
        chaired_by="Deputi Bidang Perlindungan Hak Perempuan KPPPA",
        objectives="Memperkuat kapasitas GT PP-TPPO di pusat dan daerah serta sinergi pemerintah "
                   "pusat dan daerah.",
        report={"minutes": "Diikuti anggota GT PP-TPPO pusat, provinsi dan kabupaten/kota, "
                "kepala Dinas P3A provinsi, NGO internasional/LSM. Penandatanganan Kesepakatan "
                "Bersama seluruh Gugus Tugas PP-TPPO provinsi."},
        recommendations=RAKORNAS_RECOMMENDATIONS, due_date=date(2020, 12, 31),
        speakers=[SpeakerRow("Ghafur Dharmaputra", "Kemenko PMK",
                             "Sambutan: harmonisasi seluruh pihak")],
    )
    if new_rakornas:
        provinces = list(TaskForce.objects.filter(parent=nation))
        with task_force_scope(nation):
            recs = {r.number: r for r in rakornas.recommendations.all()}
            sent = list(recs.values())  # by id: the receivers cannot read the sender's rows
            for rec in recs.values():
                services.recommendation_send_down(recommendation=rec, acting_user=national_user,
                                                  to_task_forces=provinces)
            services.agreement_create(
                task_force=nation, acting_user=national_user, data={
                    "kind": "joint", "subject": "Kesepakatan Bersama seluruh Gugus Tugas PP-TPPO "
                    "Provinsi dalam pencegahan dan penanganan TPPO",
                    "parties": "Gugus Tugas PP-TPPO Pusat\nGugus Tugas PP-TPPO Provinsi se-Indonesia",
                    "signed_on": date(2019, 10, 16), "valid_until": date(2024, 10, 16),
                    "meeting": rakornas},
                recommendations=[recs[4], recs[9]])
        with task_force_scope(lampung):
            got = {r.number: r for r in Recommendation.objects.filter(task_force=lampung,
                                                                      source__in=sent)}
        _follow(lampung, lampung_user, got[1], date(2020, 2, 10), "done",
                "Panduan disebarkan ke 15 kabupaten/kota.")
        _follow(lampung, lampung_user, got[2], date(2021, 4, 5), "in_progress",
                "PIC data ditunjuk di Dinas PPPA; aplikasi belum terhubung.")
        _follow(lampung, lampung_user, got[9], date(2022, 5, 20), "done",
                "PKS pemulangan korban dengan Provinsi Riau.")
        with task_force_scope(lampung):
            services.recommendation_send_down(recommendation=got[2], acting_user=lampung_user,
                                              to_task_forces=list(lampung.children.all()))
        with task_force_scope(bandar):
            down = Recommendation.objects.get(task_force=bandar, source=got[2])
        _follow(bandar, bandar_user, down, date(2021, 8, 2), "done",
                "PIC data Kota Bandar Lampung ditetapkan dengan SK Kepala Dinas.")
        with task_force_scope(riau):
            got = {r.number: r for r in Recommendation.objects.filter(task_force=riau,
                                                                      source__in=sent)}
        _follow(riau, riau_user, got[1], date(2019, 12, 2), "done", "Disosialisasikan.")
        _follow(riau, riau_user, got[10], date(2020, 1, 20), "cannot",
                reason="Kewenangan revisi undang-undang ada di pemerintah pusat dan DPR.")

    # Seed 002: Aceh, 9 August 2018
    aceh_meeting, new_aceh = _meeting(
        aceh, None, kind="rakor",
        title="Rapat Koordinasi Penguatan Gugus Tugas PP-TPPO Provinsi Aceh Tahun 2018",
        start_date=date(2018, 8, 9), city="Banda Aceh", opened_by="Dinas PPPA Aceh",
        objectives="Membangun kesepahaman penanganan kasus perdagangan orang, khususnya "
                   "perempuan dan anak; membentuk SK Gugus Tugas anti trafficking tingkat provinsi.",
        report={"participant_count": 30}, recommendations=ACEH_RECOMMENDATIONS,
        due_date=date(2019, 6, 30),
    )
    if new_aceh:
        with task_force_scope(aceh):
            services.meeting_rule_set(task_force=aceh, acting_user=None, per_year=4,
                                      interval_months=3,
                                      basis="Rekomendasi rakor 9 Agustus 2018")

    # Seed 003: Lampung, 18 July 2024, and a planned meeting
    lampung_meeting, new_lampung = _meeting(
        lampung, lampung_user, kind="rad_evaluation",
        title="Rakor GT PP TPPO se-Provinsi Lampung Tahun 2024",
        start_date=date(2024, 7, 18), venue="Ruang Abung, Gedung Balai Keratun Pemprov Lampung",
        city="Bandar Lampung",
        opened_by="Sekretaris Dinas PPPA Provinsi Lampung Dra. Hanita Farial, M.Si, mewakili "
                  "Kepala Dinas",
        chaired_by="Kepala Bidang Perlindungan Hak Perempuan dan Anak, Amsir",
        objectives="Mengevaluasi RAD Pemberantasan TPPO dan optimalisasi GT TPPO di Provinsi "
                   "Lampung.",
        report={"participant_count": 45, "minutes": "Peserta dari perangkat daerah provinsi dan "
                "kabupaten/kota serta organisasi non pemerintah di Lampung."},
        recommendations=LAMPUNG_RECOMMENDATIONS, due_date=date(2025, 6, 30),
        attendance=_members_attendance(lampung, date(2024, 7, 18)) + [
            AttendanceRow(name="Sely Fitriani", agency="Perkumpulan DAMAR")],
        speakers=[SpeakerRow("IPTU A. Maria Thelessy, S.Sos", "Subdit 4 Renakta Reskrimum "
                             "Polda Lampung"),
                  SpeakerRow("Drs. Ikram M.Si", "Akademisi Fisip Unila"),
                  SpeakerRow("Sely Fitriani", "Koordinator Program Perkumpulan DAMAR")],
    )
    if new_lampung:
        with task_force_scope(lampung):
            recs = {r.number: r for r in lampung_meeting.recommendations.all()}
            services.recommendation_update(
                recommendation=recs[4], acting_user=lampung_user, text=recs[4].text,
                responsible_agency="Dinas PPPA Provinsi Lampung",
                due_date=today + timedelta(days=6))
            services.recommendation_send_down(recommendation=recs[4], acting_user=lampung_user,
                                              to_task_forces=list(lampung.children.all()))
            services.meeting_rule_set(task_force=lampung, acting_user=lampung_user, per_year=2,
                                      basis="Keputusan Gubernur No G/361/V.09/HK/2022")
            services.agreement_create(
                task_force=lampung, acting_user=lampung_user, data={
                    "kind": "pks", "number": "PKS/05/DPPPA/2022",
                    "subject": "Kerja sama antarwilayah pemulangan dan reintegrasi korban TPPO",
                    "parties": "Pemerintah Provinsi Lampung\nPemerintah Provinsi Riau",
                    "signed_on": date(2022, 5, 20), "valid_until": today + timedelta(days=45)})
        _follow(lampung, lampung_user, recs[1], date(2024, 10, 1), "in_progress",
                "Rekap capaian klaster pencegahan dan penegakan hukum.")
        _follow(lampung, lampung_user, recs[3], date(2025, 2, 14), "done",
                "Sosialisasi di 20 desa bersama PKK dan Karang Taruna.")
        _meeting(lampung, lampung_user, kind="rakor",
                 title="Rakor GT PP TPPO Provinsi Lampung Semester II",
                 start_date=today + timedelta(days=20), venue="Ruang Abung, Balai Keratun",
                 city="Bandar Lampung", report=None)

    # Seed 004: Kemenko PMK assistance, 21 March 2018
    _meeting(nation, national_user, kind="assistance",
             title="Rapat Koordinasi Asistensi GT PP-TPPO (Kemendagri)",
             start_date=date(2018, 3, 21), venue="Hotel Amarossa Grande", city="Bekasi",
             opened_by="Dirjen Bina Administrasi Kewilayahan Kemendagri",
             report={"minutes": "Dihadiri delapan provinsi dan kabupaten/kota terpilih."},
             speakers=[SpeakerRow("Wagiran", "Plt. Asdep Pemenuhan Hak dan Perlindungan "
                                  "Perempuan, Kemenko PMK", "Evaluasi kinerja Gugus Tugas")])
    stdout.write("Demo: meetings of the seeds (Riau 2019, Rakornas 2019, Aceh 2018, "
                 "Lampung 2024, Bekasi 2018) with recommendations and follow-ups")

"""Demo data for the core app: SKs of Riau (seed 000), Lampung (seed 003), the nation and the
demo districts (Kota Bandar Lampung, Kota Pekanbaru), demo logins.

`python manage.py seed_demo` runs this, then each app's `<app>.demo.seed(stdout)` if it has one.
"""

from datetime import date

from .models import Decree, DecreeMember, Membership, SubTaskForce, TaskForce, User
from .roles import Role
from .scoping import rls_bypass
from .totp import totp_enable

DEMO_PASSWORD = "demo-gugus-2026"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

DEMO_USERS = [
    # email, name, task force, role
    ("admin.riau@demo.gugustugas.id", "Rina Marlina", "14", Role.SECRETARIAT_ADMIN),
    ("koordinator.riau@demo.gugustugas.id", "Hidayati", "14", Role.COORDINATOR),
    ("admin.lampung@demo.gugustugas.id", "Yunike", "18", Role.SECRETARIAT_ADMIN),
    ("koordinator.lampung@demo.gugustugas.id", "Fitrianita Damhuri", "18", Role.COORDINATOR),
    ("petugas.bandarlampung@demo.gugustugas.id", "Sutrisno", "18.71", Role.DATA_OFFICER),
    ("verifikator.bandarlampung@demo.gugustugas.id", "Meirince", "18.71", Role.DATA_VERIFIER),
    ("admin.bandarlampung@demo.gugustugas.id", "Agus", "18.71", Role.SECRETARIAT_ADMIN),
    ("petugas.lampung@demo.gugustugas.id", "Dewi", "18", Role.DATA_OFFICER),
    ("verifikator.lampung@demo.gugustugas.id", "Sari", "18", Role.DATA_VERIFIER),
    ("koordinator.nasional@demo.gugustugas.id", "Destri Handayani", "nasional", Role.COORDINATOR),
    ("peninjau.riau@demo.gugustugas.id", "Ciput", "14", Role.VIEWER),
    # Aceh holds the seed's historic cases (2013-2017).
    ("koordinator.aceh@demo.gugustugas.id", "Cut Nyak Fatimah", "11", Role.COORDINATOR),
    # Kota Pekanbaru receives the demo referral from Kota Bandar Lampung.
    ("admin.pekanbaru@demo.gugustugas.id", "Nurhayati", "14.71", Role.SECRETARIAT_ADMIN),
    ("koordinator.pekanbaru@demo.gugustugas.id", "Syafrizal", "14.71", Role.COORDINATOR),
    ("petugas.pekanbaru@demo.gugustugas.id", "Yulia", "14.71", Role.DATA_OFFICER),
    ("verifikator.pekanbaru@demo.gugustugas.id", "Hendra", "14.71", Role.DATA_VERIFIER),
]

# (position, agency, role, sub task force index or None)
RIAU_MEMBERS = [
    ("Gubernur Riau", "Pemerintah Provinsi Riau", "ketua", None),
    ("Wakil Gubernur Riau", "Pemerintah Provinsi Riau", "wakil_ketua", None),
    ("Kepala Dinas Pemberdayaan Perempuan dan Perlindungan Anak Provinsi Riau",
     "DP3A Provinsi Riau", "ketua_harian", None),
    ("Kepala Bidang Perlindungan Perempuan DP3A Provinsi Riau", "DP3A Provinsi Riau",
     "sekretaris", None),
    ("Kepala Dinas Pendidikan Provinsi Riau", "Dinas Pendidikan", "ketua_sub", 0),
    ("Kepala Dinas Komunikasi dan Informatika", "Diskominfo", "anggota", 0),
    ("Kepala Dinas Kesehatan Provinsi Riau", "Dinas Kesehatan", "ketua_sub", 1),
    ("Direktur RSUD Arifin Achmad", "RSUD Arifin Achmad", "anggota", 1),
    ("Kepala Dinas Sosial Provinsi Riau", "Dinas Sosial", "ketua_sub", 2),
    ("Kepala UPT BP2MI Pekanbaru", "BP2MI", "anggota", 2),
    ("Kepala Biro Hukum Setda Provinsi Riau", "Setda Provinsi Riau", "ketua_sub", 3),
    ("Kepala Subdit IV Ditreskrimum Polda Riau", "Polda Riau", "ketua_sub", 4),
    ("Asisten Tindak Pidana Umum Kejaksaan Tinggi Riau", "Kejati Riau", "anggota", 4),
    ("Kepala Kantor Imigrasi Kelas I Pekanbaru", "Imigrasi", "anggota", 4),
    ("Kepala Dinas Tenaga Kerja dan Transmigrasi Provinsi Riau", "Disnakertrans",
     "ketua_sub", 5),
    ("Ketua LSM Pemerhati Perempuan dan Anak", "LSM", "anggota", 5),
]

LAMPUNG_MEMBERS = [
    ("Gubernur Lampung", "Pemerintah Provinsi Lampung", "ketua", None),
    ("Kepala Kepolisian Daerah Lampung", "Polda Lampung", "ketua_harian", None),
    ("Kepala Dinas PPPA Provinsi Lampung", "Dinas PPPA Provinsi Lampung", "sekretaris", None),
    ("Kepala Dinas Pendidikan dan Kebudayaan", "Disdikbud", "ketua_sub", 0),
    ("Kepala Dinas Kesehatan Provinsi Lampung", "Dinas Kesehatan", "ketua_sub", 1),
    ("Kepala Dinas Sosial Provinsi Lampung", "Dinas Sosial", "ketua_sub", 2),
    ("Kepala Biro Hukum Setda Provinsi Lampung", "Setda", "ketua_sub", 3),
    ("Direktur Reserse Kriminal Umum Polda Lampung", "Polda Lampung", "ketua_sub", 4),
    ("Kepala Dinas Tenaga Kerja Provinsi Lampung", "Disnaker", "ketua_sub", 5),
    ("Kepala BP3MI Lampung", "BP3MI", "anggota", 5),
]


NATIONAL_MEMBERS = [
    ("Menteri Koordinator Bidang Pembangunan Manusia dan Kebudayaan", "Kemenko PMK", "ketua",
     None),
    ("Menteri Pemberdayaan Perempuan dan Perlindungan Anak", "KemenPPPA", "ketua_harian", None),
    ("Deputi Bidang Perlindungan Khusus Anak", "KemenPPPA", "sekretaris", None),
    ("Direktur Jenderal Pendidikan Anak Usia Dini, Pendidikan Dasar dan Menengah",
     "Kemendikbudristek", "ketua_sub", 0),
    ("Direktur Jenderal Kesehatan Masyarakat", "Kementerian Kesehatan", "ketua_sub", 1),
    ("Direktur Jenderal Rehabilitasi Sosial", "Kementerian Sosial", "ketua_sub", 2),
    ("Direktur Jenderal Peraturan Perundang-undangan", "Kementerian Hukum dan HAM", "ketua_sub", 3),
    ("Kepala Badan Reserse Kriminal", "Kepolisian Negara Republik Indonesia", "ketua_sub", 4),
    ("Deputi Bidang Koordinasi Politik Luar Negeri", "Kemenko Polhukam", "ketua_sub", 5),
]


def _city_members(city, province):
    return [
        (f"Wali Kota {city}", f"Pemerintah Kota {city}", "ketua", None),
        (f"Kepala Kepolisian Resor Kota {city}", f"Polresta {city}", "ketua_harian", None),
        (f"Kepala Dinas PPPA Kota {city}", f"DP3A Kota {city}", "sekretaris", None),
        (f"Kepala Dinas Pendidikan Kota {city}", "Dinas Pendidikan", "ketua_sub", 0),
        (f"Kepala Dinas Kesehatan Kota {city}", "Dinas Kesehatan", "ketua_sub", 1),
        (f"Kepala Dinas Sosial Kota {city}", "Dinas Sosial", "ketua_sub", 2),
        (f"Kepala Bagian Hukum Setda Kota {city}", "Setda", "ketua_sub", 3),
        (f"Kepala Satuan Reserse Kriminal Polresta {city}", f"Polresta {city}", "ketua_sub", 4),
        (f"Kepala Dinas Tenaga Kerja Kota {city}", "Disnaker", "ketua_sub", 5),
        (f"Kepala Kantor Imigrasi {city}", f"Kanwil Kemenkumham {province}", "anggota", 5),
    ]


def _decree(tf, *, number, title, signed, issuer, start, end, status, members, replaces=None):
    decree, created = Decree.objects.get_or_create(
        task_force=tf, number=number,
        defaults=dict(title=title, date_signed=signed, issuer=issuer, period_start=start,
                      period_end=end, status=status, replaces=replaces),
    )
    if not created:
        return decree
    stfs = [
        SubTaskForce.objects.create(task_force=tf, decree=decree, name=str(n), order=i + 1)
        for i, n in enumerate(SubTaskForce.DEFAULT_NAMES)
    ]
    DecreeMember.objects.bulk_create(
        DecreeMember(task_force=tf, decree=decree, position=p, agency=a, role=r, order=i,
                     sub_task_force=stfs[s] if s is not None else None)
        for i, (p, a, r, s) in enumerate(members)
    )
    return decree


@rls_bypass(reason="demo data for several task forces")
def seed(stdout) -> None:
    riau = TaskForce.objects.get(code="14")
    riau.office = "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Provinsi Riau"
    riau.address = "Jl. Pepaya No. 67, Pekanbaru"
    riau.phone = "(0761) 45006"
    riau.email = "dp3a@riau.go.id"
    riau.save()
    old = _decree(
        riau, number="Kpts.712/VIII/2017",
        title="Pembentukan Gugus Tugas Pencegahan dan Penanganan TPPO Provinsi Riau",
        signed=date(2017, 8, 14), issuer="gubernur", start=2017, end=2019, status="replaced",
        members=RIAU_MEMBERS[:8],
    )
    _decree(
        riau, number="Kpts.1145/XI/2019",
        title="Revisi Keputusan Gubernur No. Kpts.712/VIII/2017 tentang Gugus Tugas PP-TPPO "
              "Provinsi Riau",
        signed=date(2019, 11, 4), issuer="gubernur", start=2019, end=2026, status="in_force",
        members=RIAU_MEMBERS, replaces=old,
    )
    lampung = TaskForce.objects.get(code="18")
    lampung.office = "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Provinsi Lampung"
    lampung.address = "Jl. Basuki Rahmat No. 22, Teluk Betung, Bandar Lampung"
    lampung.save()
    _decree(
        lampung, number="G/361/V.09/HK/2022",
        title="Pembentukan Gugus Tugas Pencegahan dan Penanganan Tindak Pidana Perdagangan "
              "Orang Provinsi Lampung Tahun 2022-2026",
        signed=date(2022, 5, 9), issuer="gubernur", start=2022, end=2026, status="in_force",
        members=LAMPUNG_MEMBERS,
    )
    # The nation and the demo's districts have their SKs too; Riau's next SK is signed and
    # waits for its first day ("akan berlaku") while the revised 2019 one stays in force.
    revised = Decree.objects.get(task_force=riau, number="Kpts.1145/XI/2019")
    _decree(
        riau, number="Kpts.988/X/2026",
        title="Pembentukan Gugus Tugas PP-TPPO Provinsi Riau Tahun 2027-2031",
        signed=date(2026, 10, 12), issuer="gubernur", start=2027, end=2031, status="in_force",
        members=RIAU_MEMBERS, replaces=revised,
    )
    _decree(
        TaskForce.objects.get(code="nasional"), number="Perpres 49/2023",
        title="Peraturan Presiden tentang Gugus Tugas Pencegahan dan Penanganan Tindak Pidana "
              "Perdagangan Orang",
        signed=date(2023, 7, 31), issuer="presiden", start=2023, end=2027, status="in_force",
        members=NATIONAL_MEMBERS,
    )
    _decree(
        TaskForce.objects.get(code="18.71"), number="188.45/361/III.05/HK/2023",
        title="Pembentukan Gugus Tugas PP-TPPO Kota Bandar Lampung Tahun 2023-2027",
        signed=date(2023, 3, 1), issuer="walikota", start=2023, end=2027, status="in_force",
        members=_city_members("Bandar Lampung", "Lampung"),
    )
    _decree(
        TaskForce.objects.get(code="14.71"), number="Kpts.251/IV/2022",
        title="Pembentukan Gugus Tugas PP-TPPO Kota Pekanbaru Tahun 2022-2026",
        signed=date(2022, 4, 18), issuer="walikota", start=2022, end=2026, status="in_force",
        members=_city_members("Pekanbaru", "Riau"),
    )
    for email, name, code, role in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        tf = TaskForce.objects.get(code=code)
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, name=name,
                                            timezone=tf.timezone)
        if role in (Role.DATA_OFFICER, Role.DATA_VERIFIER) and not user.has_mfa():
            totp_enable(user, DEMO_TOTP_SECRET)
        Membership.objects.get_or_create(user=user, task_force=tf, is_active=True,
                                         defaults={"role": role})
    stdout.write(f"Demo: {len(DEMO_USERS)} logins, password {DEMO_PASSWORD!r}")

"""Demo action plans: the Riau RAD 2020-2024 asked for in seed 000 (set by a Governor's
regulation, now finished) and the Lampung RAD 2022-2026 evaluated in seed 003 (in force), with
progress reported and accepted for 2022 to 2024. Activities follow what the seeds ask for: grass-
roots prevention, services to victims, revising the SK, meetings twice a year, SIMFONI PPA data.
Written through the services, like the pages. Safe to run twice."""

import random
from datetime import date
from decimal import Decimal

from gugus_tugas.models import TaskForce, User
from gugus_tugas.scoping import task_force_scope

from . import services
from .models import ActionPlan

# cluster index (of the six national areas), number, name, agency, supporting, indicator, unit,
# yearly target, yearly budget (rupiah), source
ACTIVITIES = [
    (0, "1.1", "Sosialisasi pencegahan TPPO di desa kantong pekerja migran",
     "Dinas PPPA", "Dinas Tenaga Kerja; BP3MI", "Desa yang mendapat sosialisasi", "desa", 12,
     150_000_000, "apbd"),
    (0, "1.2", "Pembentukan desa peduli pencegahan TPPO bersama PKK dan Karang Taruna",
     "Dinas PMD", "Dinas PPPA; LSM", "Desa peduli yang terbentuk", "desa", 4, 60_000_000,
     "dana_desa"),
    (1, "2.1", "Layanan rehabilitasi kesehatan bagi korban TPPO", "Dinas Kesehatan",
     "RSUD", "Korban yang mendapat layanan kesehatan", "orang", 10, 80_000_000, "apbd"),
    (2, "3.1", "Pemulangan dan reintegrasi sosial korban TPPO", "Dinas Sosial",
     "BP3MI; Dinas PPPA", "Korban yang dipulangkan dan didampingi", "orang", 10, 120_000_000,
     "apbn"),
    (3, "4.1", "Revisi Keputusan Gubernur tentang Gugus Tugas PP-TPPO", "Biro Hukum Setda",
     "Dinas PPPA", "Keputusan yang direvisi", "dokumen", 1, 25_000_000, "apbd"),
    (4, "5.1", "Pelatihan aparat penegak hukum tentang penanganan perkara TPPO",
     "Polda", "Kejaksaan Tinggi; Pengadilan Tinggi", "Penyidik dan jaksa terlatih", "orang", 30,
     90_000_000, "apbn"),
    (5, "6.1", "Rapat koordinasi Gugus Tugas PP-TPPO minimal 2 kali setahun", "Dinas PPPA",
     "Seluruh anggota Gugus Tugas", "Rapat koordinasi", "kali", 2, 40_000_000, "apbd"),
    (5, "6.2", "Pencatatan dan pelaporan kasus TPPO melalui SIMFONI PPA", "Dinas PPPA",
     "Dinas Sosial; Polda", "Laporan data kasus terverifikasi", "laporan", 4, 30_000_000,
     "dak"),
]


def _plan(tf, user, *, title, first, last, legal_kind, legal_number, legal_date, finish, rng,
          report_years, ran=None):
    existing = ActionPlan.objects.filter(task_force=tf, first_year=first, last_year=last).first()
    if existing is not None:
        return existing
    plan = services.plan_create(task_force=tf, acting_user=user, data={
        "title": title, "first_year": first, "last_year": last, "reporting": "quarter",
        "legal_kind": legal_kind, "legal_number": legal_number, "legal_date": legal_date})
    names = [name for _stf, name in services.cluster_choices(tf)]
    stfs = {name: stf for stf, name in services.cluster_choices(tf)}
    activities = []
    for cluster, number, name, agency, supporting, indicator, unit, target, budget, source in (
            ACTIVITIES):
        years = {y: {"target": Decimal(target), "budget": Decimal(budget) + (y - first) * 5_000_000,
                     "budget_source": source} for y in plan.years}
        activities.append(services.activity_create(
            plan=plan, acting_user=user, sub_task_force=stfs.get(names[cluster]),
            ran_activity=(ran or {}).get(number),
            years=years, data={"cluster": names[cluster], "number": number, "name": name,
                               "responsible_agency": agency, "supporting_agencies": supporting,
                               "indicator": indicator, "unit": unit, "baseline": 0}))
    for step, on in zip(("legal_review", "enacted", "in_force"),
                        (date(first - 1, 9, 1), legal_date, max(legal_date, date(first, 1, 2))),
                        strict=True):
        plan = services.plan_advance(plan=plan, on=on, acting_user=user)
        assert plan.status == step
    for year in report_years:
        for activity, spec in zip(activities, ACTIVITIES, strict=True):
            target, budget = spec[7], spec[8] + (year - first) * 5_000_000
            for period in range(1, 5):
                if rng.random() < 0.12:  # some quarters go unreported
                    continue
                share = Decimal(str(round(rng.uniform(0.12, 0.32), 2)))
                achieved = (Decimal(target) * share).quantize(Decimal("0.1"))
                spent = (Decimal(budget) * Decimal(str(round(rng.uniform(0.15, 0.3), 2)))
                         ).quantize(Decimal(1))
                report = services.progress_report_save(
                    activity=activity, year=year, period=period, acting_user=user, submit=True,
                    today=date(year, 12, 31),
                    data={"achieved": achieved, "spent": spent,
                          "narrative": f"Pelaksanaan {activity.name.lower()} triwulan {period}.",
                          "obstacles": rng.choice(["", "", "Anggaran baru cair akhir triwulan.",
                                                   "Komitmen anggota belum merata."])})
                services.progress_report_accept(report=report, acting_user=user)
    if finish:
        plan = services.plan_advance(plan=plan, on=date(last, 12, 31), acting_user=user)
    return plan


def _ran(rng):
    """The national RAN 2020-2024 (Perpres 19/2023), finished; its activities by number."""
    nation = TaskForce.objects.get(code=TaskForce.NATIONAL_CODE)
    user = User.objects.filter(email="koordinator.nasional@demo.gugustugas.id").first()
    with task_force_scope(nation):
        plan = _plan(nation, user, rng=rng, title="Rencana Aksi Nasional Pencegahan dan "
                     "Penanganan TPPO 2020-2024", first=2020, last=2024, legal_kind="perpres",
                     legal_number="19 Tahun 2023", legal_date=date(2023, 3, 1), finish=True,
                     report_years=())
        return {a.number: a for a in plan.activities.select_related("plan")}


def seed(stdout) -> None:
    rng = random.Random(2024)
    ran = _ran(rng)
    specs = [
        ("14", "admin.riau@demo.gugustugas.id",
         dict(title="Rencana Aksi Daerah Pencegahan dan Penanganan TPPO Provinsi Riau 2020-2024",
              first=2020, last=2024, legal_kind="pergub", legal_number="21 "
              "Tahun 2020", legal_date=date(2020, 6, 15), finish=True,
              report_years=range(2020, 2025))),
        ("18", "admin.lampung@demo.gugustugas.id",
         dict(title="Rencana Aksi Daerah Pemberantasan TPPO Provinsi Lampung 2022-2026",
              first=2022, last=2026, legal_kind="pergub", legal_number="33 "
              "Tahun 2022", legal_date=date(2022, 7, 4), finish=False,
              report_years=range(2022, 2025))),
    ]
    for code, email, spec in specs:
        tf = TaskForce.objects.select_related("region").get(code=code)
        user = User.objects.filter(email=email).first()
        with task_force_scope(tf):
            plan = _plan(tf, user, rng=rng, ran=ran, **spec)
        stdout.write(f"Demo: {plan.title} ({plan.get_status_display()})")

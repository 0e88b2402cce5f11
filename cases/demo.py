"""Demo cases reproducing the seeds' figures: Lampung 2023-2024 (seed 003: 6 children and 5
adults, 11 cases, all served), Aceh victims by year 2013-2017 (seed 002: 29, 51, 4, 2, 2), and a
few cases in Kota Bandar Lampung at every step of the workflow, one of them referred."""

import random
from datetime import date

from django.utils import timezone

from gugus_tugas.models import TaskForce, User
from gugus_tugas.scoping import task_force_scope

from . import services
from .models import Case

NAMES = ["Siti Aminah", "Dewi Lestari", "Rina Wati", "Nur Aisyah", "Putri Handayani",
         "Sri Wahyuni", "Ayu Lestari", "Budi Santoso", "Agus Salim", "Rudi Hartono",
         "Yanti Susanti", "Wulan Sari", "Intan Permata", "Fitri Yani", "Joko Susilo"]
EXPLOITATION = ["kerja_paksa", "eksploitasi_seksual", "pekerja_rumah_tangga", "penipuan_daring",
                "kawin_paksa"]
COUNTRIES = ["MY", "SA", "KH", "AE", "", "", "SG"]


def _verified(case, verifier):
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(status="verified", is_official=True, verified_at=now,
                                           verified_by=verifier)
    case.refresh_from_db()
    case.sync_access()  # update() bypasses Case.save(), which keeps the list's copies in step


def _make(tf, user, rng, *, report, ages, verify, verifier=None, submit=True):
    victims = [services.VictimData(
        name=rng.choice(NAMES), sex="P" if rng.random() < 0.8 else "L", age=age,
        origin_region_id=tf.code if tf.level == "district" else None,
        services=[("pengaduan", "given", report, "UPTD PPA"), (rng.choice(
            ["rehabilitasi_sosial", "pemulangan", "rehabilitasi_kesehatan"]), "given", report,
            "Dinas Sosial")],
    ) for age in ages]
    country = rng.choice(COUNTRIES)
    case = services.case_create(
        task_force=tf, acting_user=user, report_date=report,
        incident_date=report.replace(day=1), victims=victims,
        incident_region_id=tf.region_id if not country else None, incident_country=country,
        exploitation=[rng.choice(EXPLOITATION)],
        destination=(None, country) if country else None, submit=submit,
        narrative="Korban direkrut dengan janji pekerjaan bergaji tinggi.",
    )
    if verify:
        _verified(case, verifier)
    return case


def seed(stdout) -> None:
    rng = random.Random(2024)
    lampung = TaskForce.objects.get(code="18")
    officer = User.objects.get(email="petugas.lampung@demo.gugustugas.id")
    verifier = User.objects.get(email="verifikator.lampung@demo.gugustugas.id")
    with task_force_scope(lampung):
        if not Case.objects.filter(task_force=lampung).exists():
            ages = [9, 12, 14, 15, 16, 17, 19, 23, 27, 31, 40]  # 6 children, 5 adults
            for i, age in enumerate(ages):
                year = 2023 if i < 5 else 2024
                _make(lampung, officer, rng, report=date(year, 1 + i, 10), ages=[age],
                      verify=True, verifier=verifier)
    aceh = TaskForce.objects.get(code="11")
    with task_force_scope(aceh):
        if not Case.objects.filter(task_force=aceh).exists():
            for year, victims in zip(range(2013, 2018), (29, 51, 4, 2, 2), strict=True):
                left, month = victims, 1
                while left:
                    n = min(left, rng.choice([1, 1, 2, 3]))
                    _make(aceh, None, rng, report=date(year, month, 15),
                          ages=[rng.randint(12, 45) for _ in range(n)], verify=True)
                    left -= n
                    month = month % 12 + 1
    city = TaskForce.objects.get(code="18.71")
    officer = User.objects.get(email="petugas.bandarlampung@demo.gugustugas.id")
    verifier = User.objects.get(email="verifikator.bandarlampung@demo.gugustugas.id")
    with task_force_scope(city):
        if not Case.objects.filter(task_force=city).exists():
            year = timezone.localdate().year
            _make(city, officer, rng, report=date(year, 2, 3), ages=[16, 19], verify=True,
                  verifier=verifier)
            _make(city, officer, rng, report=date(year, 3, 7), ages=[15], verify=False)
            _make(city, officer, rng, report=date(year, 4, 9), ages=[22], verify=False,
                  submit=False)
            referred = _make(city, officer, rng, report=date(year, 5, 11), ages=[17],
                             verify=True, verifier=verifier)
            services.referral_create(case=referred, task_force=city,
                                     to_task_force=TaskForce.objects.get(code="14.71"),
                                     reason="Korban berasal dari Pekanbaru: pemulangan dan "
                                            "reintegrasi sosial.", acting_user=officer)
    stdout.write("Demo: cases for Lampung (11), Aceh (88 victims 2013-2017), Bandar Lampung (4)")

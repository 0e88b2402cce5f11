"""Generate realistic case data at scale for benchmarks (PostgreSQL), e.g. --cases 500000.

Spread over all 553 task forces (provinces known as sending areas weigh more, districts inherit
their province's weight) and the 10 years up to last year; 1-3 victims per case, 1-3 services
per victim, 85 % verified. Bulk inserts; history tables are left empty (not needed to measure).
"""

import random
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from cases.crypto import keyed_hash
from cases.models import (
    Case,
    CaseAccess,
    Exploitation,
    RoutePoint,
    Service,
    Victim,
    age_group,
)
from cases.versioning import all_cases_changed
from gugus_tugas.models import Region, TaskForce
from gugus_tugas.rls import as_table_owner
from gugus_tugas.scoping import rls_bypass

HEAVY = {"53": 6, "52": 5, "61": 4, "32": 4, "35": 4, "33": 3, "21": 3, "18": 3, "12": 2,
         "73": 2, "36": 2, "31": 2, "64": 2, "14": 2, "11": 1.5}
NAMES = ["Siti", "Dewi", "Rina", "Nur", "Putri", "Sri", "Ayu", "Budi", "Agus", "Rudi", "Yanti",
         "Wulan", "Intan", "Fitri", "Joko", "Maria", "Yohana", "Fransiska", "Lestari", "Aminah"]
COUNTRIES = ["MY", "MY", "MY", "SA", "KH", "AE", "SG", "HK", "TW", "MM", ""]


class Command(BaseCommand):
    help = "Generate scale data for benchmarks: --cases N spread over every task force."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=500_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=20_000)

    def handle(self, *args, cases, years, seed, batch, **options):
        rng = random.Random(seed)
        start = time.perf_counter()
        with rls_bypass(reason="benchmark data for every task force"):
            tfs = list(TaskForce.objects.exclude(level="national").select_related("region"))
            regions = list(Region.objects.filter(level="district").values_list("code", flat=True))
            weights = [HEAVY.get(tf.region.code[:2], 1) * (3 if tf.level == "province" else 1)
                       for tf in tfs]
            last_year = timezone.localdate().year - 1
            seq: dict[tuple[int, int], int] = {}
            for tf_id, year, m in Case.objects.values_list("task_force", "year").annotate(
                    m=__import__("django").db.models.Max("sequence")).values_list(
                    "task_force", "year", "m"):
                seq[(tf_id, year)] = m
            done = 0
            while done < cases:
                n = min(batch, cases - done)
                self._batch(rng, n, tfs, weights, regions, last_year, years, seq)
                done += n
                self.stdout.write(f"{done} cases ({time.perf_counter() - start:.0f} s)")
        with as_table_owner(), connection.cursor() as cur:  # the application role owns no table
            cur.execute("ANALYZE")
        all_cases_changed()  # cached figures must not outlive the new cases
        self.stdout.write(self.style.SUCCESS(f"{cases} cases in {time.perf_counter() - start:.0f} s"))

    @transaction.atomic
    def _batch(self, rng, n, tfs, weights, regions, last_year, years, seq):
        now = timezone.now()
        chosen = rng.choices(tfs, weights=weights, k=n)
        batch = []
        for tf in chosen:
            year = rng.randint(last_year - years + 1, last_year)
            key = (tf.pk, year)
            seq[key] = seq.get(key, 0) + 1
            report = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
            r = rng.random()
            status = ("verified" if r < 0.85 else "submitted" if r < 0.9 else "draft" if r < 0.95
                      else "closed")
            official = status == "verified" or (status == "closed" and rng.random() < 0.7)
            stage = rng.choice(["none", "none", "investigation", "prosecution", "verdict"])
            batch.append(Case(
                task_force=tf, register_number=f"{tf.code}/{year}/{seq[key]:05d}", year=year,
                sequence=seq[key], report_date=report,
                incident_date=report - timedelta(days=rng.randint(0, 60)),
                intake_channel=rng.choice(["direct", "referral", "hotline", "police",
                                           "migrant_agency"]),
                incident_region_id=tf.region_id if rng.random() < 0.6 else rng.choice(regions),
                status=status, is_official=official,
                verified_at=now if official else None, legal_stage=stage,
                verdict="convicted" if stage == "verdict" and rng.random() < 0.8 else
                ("acquitted" if stage == "verdict" else ""),
                created_at=now, updated_at=now,
            ))
        Case.objects.bulk_create(batch, batch_size=5000)
        access, exploitation, route, victims = [], [], [], []
        for c in batch:
            access.append(CaseAccess.for_case(c, task_force=c.task_force, kind="owner"))
            exploitation.append(Exploitation(case=c, task_force_id=c.task_force_id, type=rng.choice(
                ["kerja_paksa", "eksploitasi_seksual", "pekerja_rumah_tangga", "penipuan_daring",
                 "kawin_paksa", "mengemis", "lainnya"])))
            route.append(RoutePoint(case=c, task_force_id=c.task_force_id, kind="origin",
                                    region_id=rng.choice(regions), order=0))
            country = rng.choice(COUNTRIES)
            route.append(RoutePoint(case=c, task_force_id=c.task_force_id, kind="destination",
                                    country=country, region_id=None if country else
                                    rng.choice(regions), order=1))
            for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
                age = rng.choice([rng.randint(8, 17), rng.randint(18, 45), rng.randint(18, 30)])
                name = f"{rng.choice(NAMES)} {rng.choice(NAMES)}"
                nik = f"{rng.randint(1101, 9671)}{rng.randint(10, 99)}{rng.randint(1, 28):02d}" \
                      f"{rng.randint(1, 12):02d}{rng.randint(60, 99)}{rng.randint(1, 9999):04d}"
                victims.append(Victim(
                    case=c, task_force_id=c.task_force_id, name=name, nik=nik,
                    initials=".".join(p[0] for p in name.split()) + ".",
                    nik_hash=keyed_hash("nik", nik),
                    sex="P" if rng.random() < 0.7 else "L", age_at_incident=age,
                    age_group=age_group(age), is_child=age < 18,
                    nationality="WNI" if rng.random() < 0.97 else "TL",
                    origin_region_id=rng.choice(regions)))
        CaseAccess.objects.bulk_create(access, batch_size=10000)
        Exploitation.objects.bulk_create(exploitation, batch_size=10000)
        RoutePoint.objects.bulk_create(route, batch_size=10000)
        Victim.objects.bulk_create(victims, batch_size=10000)
        services = []
        for v in victims:
            for t in rng.sample(["pengaduan", "rehabilitasi_kesehatan", "rehabilitasi_sosial",
                                 "bantuan_hukum", "pemulangan", "reintegrasi_sosial"],
                                k=rng.choice([1, 2, 2, 3])):
                services.append(Service(victim=v, case_id=v.case_id, task_force_id=v.task_force_id,
                                        type=t, date=v.case.report_date,
                                        status="given" if rng.random() < 0.9 else "planned"))
        Service.objects.bulk_create(services, batch_size=10000)

"""10,000-row import: ours (check everything, then bulk insert in one transaction) against
django-import-export's default row-by-row import of the same file, side by side on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench_import .venv/bin/python -m bench.cases_import 10000

The row-by-row side is a plain django-import-export ModelResource for Victim whose
`before_save_instance` creates the case (first row of a `no_kasus`) and whose `after_save_instance`
adds the services: what a team gets by following the library's defaults. Each run imports into its
own task force, and both write the same rows (checked at the end).
"""

import csv
import io
import json
import random
import sys
import time
from datetime import date, timedelta

from bench._setup import django_on_postgres

django_on_postgres("gt_bench_import")

import tablib  # noqa: E402
from django.db import transaction  # noqa: E402
from import_export import fields, resources  # noqa: E402

from cases import services  # noqa: E402
from cases.importer import COLUMNS, run_import  # noqa: E402
from cases.models import Case, CaseAccess, Service, Victim  # noqa: E402
from gugus_tugas.models import TaskForce  # noqa: E402
from gugus_tugas.scoping import rls_bypass, task_force_scope  # noqa: E402


def make_file(rows: int, prefix: str) -> bytes:
    rng = random.Random(5)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(COLUMNS)
    n, case = 0, 0
    while n < rows:
        case += 1
        report = date(2023, 1, 1) + timedelta(days=rng.randint(0, 364))
        for _ in range(min(rng.choice([1, 1, 2, 3]), rows - n)):
            age = rng.randint(10, 50)
            w.writerow([f"{prefix}/{case:05d}", report.isoformat(), "", "18.71",
                        f"Korban {n}", "", rng.choice("LP"), "", age, "18.71", "", "MY",
                        "kerja_paksa", "pengaduan;rehabilitasi_sosial"])
            n += 1
    return out.getvalue().encode()


class RowByRowVictimResource(resources.ModelResource):
    no_kasus = fields.Field(column_name="no_kasus")
    nama_korban = fields.Field(attribute="name", column_name="nama_korban")
    jenis_kelamin = fields.Field(attribute="sex", column_name="jenis_kelamin")
    usia = fields.Field(attribute="age_at_incident", column_name="usia")

    class Meta:
        model = Victim
        fields = ("nama_korban", "jenis_kelamin", "usia")
        import_id_fields = ()

    def __init__(self, task_force):
        super().__init__()
        self.task_force = task_force

    def before_save_instance(self, instance, row, **kwargs):
        number = row["no_kasus"]
        case = Case.objects.filter(task_force=self.task_force, register_number=number).first()
        if case is None:
            report = date.fromisoformat(row["tanggal_lapor"])
            seq, _ = services.next_register_number(self.task_force, report.year)
            case = Case.objects.create(task_force=self.task_force, register_number=number,
                                       year=report.year, sequence=seq, report_date=report,
                                       incident_region_id=row["kode_wilayah_kejadian"],
                                       status="submitted")
            CaseAccess.objects.create(case=case, task_force=self.task_force, kind="owner")
        instance.case = case
        instance.task_force = self.task_force
        instance.initials = instance.name[:1] + "."
        instance.age_at_incident = int(row["usia"])
        instance.is_child = instance.age_at_incident < 18

    def after_save_instance(self, instance, row, **kwargs):
        for code in row["layanan"].split(";"):
            Service.objects.create(victim=instance, case=instance.case, task_force=self.task_force,
                                   type=code, date=instance.case.report_date)


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with rls_bypass(reason="benchmark data across task forces"):
        tf_ours = TaskForce.objects.get(code="18.71")
        tf_lib = TaskForce.objects.get(code="18.72")
        for tf in (tf_ours, tf_lib):  # start clean
            Case.objects.filter(task_force=tf).delete()
    data_ours = make_file(rows, "A")
    data_lib = make_file(rows, "B")
    with task_force_scope(tf_ours):
        t0 = time.perf_counter()
        result = run_import(task_force=tf_ours, data=data_ours, filename="bench.csv")
        ours = time.perf_counter() - t0
    assert result.ok, result.errors[:5]
    with task_force_scope(tf_lib):
        dataset = tablib.Dataset().load(data_lib.decode(), format="csv")
        t0 = time.perf_counter()
        with transaction.atomic():
            res = RowByRowVictimResource(tf_lib).import_data(dataset, raise_errors=True)
        lib = time.perf_counter() - t0
    assert not res.has_errors()
    with rls_bypass(reason="benchmark data across task forces"):
        counts = {tf.code: (Case.objects.filter(task_force=tf).count(),
                            Victim.objects.filter(task_force=tf).count(),
                            Service.objects.filter(task_force=tf).count())
                  for tf in (tf_ours, tf_lib)}
    print(json.dumps({"rows": rows, "ours_s": round(ours, 2), "import_export_row_by_row_s":
                      round(lib, 2), "speedup": round(lib / ours, 1),
                      "written (cases, victims, services)": counts}, indent=2))


if __name__ == "__main__":
    main()

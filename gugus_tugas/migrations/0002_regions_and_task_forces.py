"""Load the 38 provinces and 514 kabupaten/kota (gugus_tugas/data/regions.csv, see
scripts/build_regions.py for its source) and create one task force per region plus the national
one: 553 in all."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "regions.csv"


def region_display(row):
    return row["name"] if row["level"] == "district" else f"Provinsi {row['name']}"


def load(apps, schema_editor):
    Region = apps.get_model("gugus_tugas", "Region")
    TaskForce = apps.get_model("gugus_tugas", "TaskForce")
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    provinces = [r for r in rows if r["level"] == "province"]
    districts = [r for r in rows if r["level"] == "district"]
    Region.objects.bulk_create(
        Region(code=r["code"], name=r["name"], level="province", kind="provinsi",
               timezone=r["timezone"])
        for r in provinces
    )
    Region.objects.bulk_create(
        Region(code=r["code"], name=r["name"], level="district", kind=r["kind"],
               parent_id=r["parent"], timezone=r["timezone"])
        for r in districts
    )
    national = TaskForce.objects.create(
        code="nasional", name="Gugus Tugas PP-TPPO Nasional", level="national"
    )
    TaskForce.objects.bulk_create(
        TaskForce(code=r["code"], name=f"GT PP-TPPO {region_display(r)}", level="province",
                  region_id=r["code"], parent=national)
        for r in provinces
    )
    parents = {tf.code: tf for tf in TaskForce.objects.filter(level="province")}
    TaskForce.objects.bulk_create(
        TaskForce(code=r["code"], name=f"GT PP-TPPO {region_display(r)}", level="district",
                  region_id=r["code"], parent=parents[r["parent"]])
        for r in districts
    )


def unload(apps, schema_editor):
    apps.get_model("gugus_tugas", "TaskForce").objects.all().delete()
    apps.get_model("gugus_tugas", "Region").objects.filter(level="district").delete()
    apps.get_model("gugus_tugas", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("gugus_tugas", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

"""The 38 provinces and 514 kabupaten/kota (data/regions.csv; source in scripts/build_regions.py)."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "regions.csv"


def region_display(row):
    return row["name"] if row["level"] == "district" else f"Provinsi {row['name']}"


def load_regions(Region, TaskForce):
    """Regions and the 553 task forces; the migration calls it (and tests after a flush)."""
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

"""Load the 38 provinces and 514 kabupaten/kota (gugus_tugas/data/regions.csv, see
scripts/build_regions.py for its source) and create one task force per region plus the national
one: 553 in all."""

from django.db import migrations

def load(apps, schema_editor):
    from gugus_tugas.regions import load_regions

    load_regions(apps.get_model("gugus_tugas", "Region"), apps.get_model("gugus_tugas", "TaskForce"))


def unload(apps, schema_editor):
    apps.get_model("gugus_tugas", "TaskForce").objects.all().delete()
    apps.get_model("gugus_tugas", "Region").objects.filter(level="district").delete()
    apps.get_model("gugus_tugas", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("gugus_tugas", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

"""Copy the fields the case list sorts, filters and counts on onto CaseAccess (see the model)."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Subquery


def backfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE cases_caseaccess a SET report_date = c.report_date, year = c.year, "
            "status = c.status, case_deleted = (c.deleted_at IS NOT NULL) "
            "FROM cases_case c WHERE c.id = a.case_id")
        return
    Case = apps.get_model("cases", "Case")
    CaseAccess = apps.get_model("cases", "CaseAccess")
    case = Case.objects.filter(pk=OuterRef("case_id"))
    CaseAccess.objects.update(
        report_date=Subquery(case.values("report_date")[:1]),
        year=Subquery(case.values("year")[:1]),
        status=Subquery(case.values("status")[:1]),
        case_deleted=Exists(case.filter(deleted_at__isnull=False)),
    )


STATUSES = [("draft", "draf"), ("submitted", "menunggu verifikasi"), ("returned", "dikembalikan"),
            ("verified", "terverifikasi"), ("closed", "ditutup")]


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_register_number_trigram")]

    operations = [
        migrations.AddField("caseaccess", "report_date", models.DateField(null=True)),
        migrations.AddField("caseaccess", "year", models.PositiveSmallIntegerField(null=True)),
        migrations.AddField("caseaccess", "status",
                            models.CharField(max_length=10, default="draft", choices=STATUSES)),
        migrations.AddField("caseaccess", "case_deleted", models.BooleanField(default=False)),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField("caseaccess", "report_date", models.DateField()),
        migrations.AlterField("caseaccess", "year", models.PositiveSmallIntegerField()),
        migrations.AlterField("caseaccess", "status",
                              models.CharField(max_length=10, choices=STATUSES)),
        migrations.AddIndex("caseaccess", models.Index(
            fields=["task_force", "-report_date", "-case"], name="caseaccess_list_order")),
    ]

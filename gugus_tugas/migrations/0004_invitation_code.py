import uuid

from django.db import migrations, models


def give_codes(apps, schema_editor):
    Invitation = apps.get_model("gugus_tugas", "Invitation")
    for invitation in Invitation.objects.all().only("pk"):
        Invitation.objects.filter(pk=invitation.pk).update(code=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("gugus_tugas", "0003_user_timezone_help")]

    operations = [
        migrations.AddField(
            model_name="invitation", name="code",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="invitation", name="code",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]

# Versions of the case data per province tree and for the nation (cases.versioning).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_caseaccess_listed_fields'),
    ]

    operations = [
        migrations.CreateModel(
            name='DataVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(max_length=10, unique=True)),
                ('version', models.BigIntegerField(default=0)),
            ],
        ),
    ]

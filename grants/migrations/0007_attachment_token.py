"""Documents get a random token for their download URLs; existing ones get theirs here."""

import uuid

from django.db import migrations, models


def give_tokens(apps, schema_editor):
    Attachment = apps.get_model("grants", "Attachment")
    for attachment in Attachment.objects.filter(token__isnull=True).only("pk").iterator():
        Attachment.objects.filter(pk=attachment.pk).update(token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0006_application_serves_application_workshop"),
    ]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="token",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="attachment",
            name="token",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]

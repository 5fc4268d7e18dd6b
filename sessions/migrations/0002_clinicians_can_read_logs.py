"""Let the "Clinicians" group read what their patients logged (never change it)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = ("patient", "safetycheck", "workoutsession", "setlog")


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Clinicians")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="workout_sessions",
            codename__in=[f"view_{model}" for model in READ],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workout_sessions", "0001_initial"),
        ("exercises", "0002_clinicians_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

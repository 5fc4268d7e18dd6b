"""Let clinicians create patient accounts in the admin and look after their profiles."""

from django.db import migrations

GRANTS = {
    ("auth", "user"): ("add",),
    ("workout_sessions", "patient"): ("add", "change"),
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Clinicians")
    for (app_label, model), actions in GRANTS.items():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )


class Migration(migrations.Migration):
    dependencies = [("workout_sessions", "0003_progression_decision")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

"""Create the "Clinicians" group with exactly what a clinician needs in the admin.

They edit the catalog and routines, and read (never change) what patients logged.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDIT = ("add", "change", "delete", "view")
PERMISSIONS = {
    "exercises": {
        "cause": ("add", "change", "view"),
        "exercise": EDIT,
        "exercisestep": EDIT,
        "suitability": EDIT,
        "routine": EDIT,
        "routineitem": EDIT,
    },
}


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Clinicians")
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Clinicians").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

from django.apps import AppConfig


class ClinicConfig(AppConfig):
    """The clinician's side: their patients, one patient's care, and the routine editor."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "clinic"
    verbose_name = "Clinic"

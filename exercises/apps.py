from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    """The exercise catalog, causes, and the routines prescribed from it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "exercises"
    verbose_name = "Exercise catalog"

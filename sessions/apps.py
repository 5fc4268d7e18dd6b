from django.apps import AppConfig


class SessionsConfig(AppConfig):
    """Doing and logging exercise sessions.

    The label is ``workout_sessions`` because ``sessions`` belongs to django.contrib.sessions.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "sessions"
    label = "workout_sessions"
    verbose_name = "Sessions and logs"

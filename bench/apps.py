from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's references. Installed only when BENCH is on (``make bench``)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "bench"
    verbose_name = "Benchmark references"

from django.apps import AppConfig


class LimitsConfig(AppConfig):
    name = "sciatica.limits"
    label = "limits"
    verbose_name = "Rate limits"

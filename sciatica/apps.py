from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class StaticFilesConfig(BaseStaticFilesConfig):
    """collectstatic leaves out django-htmx's extensions: the app uses none, and their JSDoc
    ``import("../htmx")`` comments read as module imports of a missing file to the manifest
    storage that rewrites the player's module imports (sciatica/storage.py)."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "django_htmx/ext/*"]


class AdminConfig(DjangoAdminConfig):
    """Django's admin on GuardedAdminSite (sciatica.admin_site)."""

    default_site = "sciatica.admin_site.GuardedAdminSite"

    def ready(self) -> None:
        super().ready()
        from sciatica import middleware  # noqa: F401  (connects the staff login signal)

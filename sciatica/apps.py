from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin on GuardedAdminSite (sciatica.admin_site)."""

    default_site = "sciatica.admin_site.GuardedAdminSite"

    def ready(self) -> None:
        super().ready()
        from sciatica import middleware  # noqa: F401  (connects the staff login signal)

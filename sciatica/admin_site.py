"""The admin site, with two guards every registered admin gets (the project's and third parties'):

- A date drill-down (``date_hierarchy``) whose year, month or day is not a date a database can
  hold answers 400 with a message, instead of failing inside Django's changelist.
- A model whose every field is read-only in its admin offers no "Add": such a form could only
  save an empty row.

The guards are mixed into each ModelAdmin as it is registered, so an admin added later gets
them without doing anything.
"""

from datetime import datetime, timedelta

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse

DRILLDOWN_BOUNDS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31)}


def date_drilldown_problem(field: str, query: QueryDict) -> str:
    """Why this date drill-down cannot be shown ("" when it can)."""
    parts = {}
    for part, (low, high) in DRILLDOWN_BOUNDS.items():
        raw = query.get(f"{field}__{part}")
        if raw is None:
            continue
        if not raw.isdigit() or not low <= int(raw) <= high:
            return f"The {part} must be a whole number from {low} to {high}."
        parts[part] = int(raw)
    if not parts:
        return ""
    if "year" not in parts:
        return "Choose a year first."
    try:
        start = datetime(parts["year"], parts.get("month", 1), parts.get("day", 1))
        if "day" in parts:
            start + timedelta(days=1)
        elif "month" in parts:
            (start + timedelta(days=32)).replace(day=1)
        else:
            start.replace(year=start.year + 1)
    except (ValueError, OverflowError):
        return "That date does not exist, or is past the last date the log can hold."
    return ""


class GuardedModelAdmin:
    """Mixed in front of every registered ModelAdmin by GuardedAdminSite.register."""

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        problem = self.date_hierarchy and date_drilldown_problem(self.date_hierarchy, request.GET)
        if problem:
            context = {
                **self.admin_site.each_context(request),
                "title": "That date cannot be shown",
                "message": problem,
                "opts": self.model._meta,
                "changelist_url": request.path,
            }
            return TemplateResponse(request, "admin/bad_drilldown.html", context, status=400)
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not self.all_read_only(request)

    def all_read_only(self, request: HttpRequest) -> bool:
        editable = {
            field.name
            for field in self.model._meta.get_fields()
            if field.concrete and getattr(field, "editable", False) and not field.auto_created
        }
        return editable <= set(self.get_readonly_fields(request))


class GuardedAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, GuardedModelAdmin):
            admin_class = type(
                admin_class.__name__,
                (GuardedModelAdmin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

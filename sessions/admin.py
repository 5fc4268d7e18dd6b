"""Admin views of what patients did. Logs are history: they are read-only here."""

from django.contrib import admin

from sessions.models import Patient, SafetyCheck, SetLog, WorkoutSession


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ("__str__", "cause", "affected_side", "clinician", "time_zone")
    list_filter = ("cause", "clinician")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    list_select_related = ("user", "cause", "clinician")
    raw_id_fields = ("user",)


@admin.register(SafetyCheck)
class SafetyCheckAdmin(admin.ModelAdmin):
    list_display = ("patient", "answered_at", "red_flag", "cleared_at", "clearance")
    list_filter = ("red_flag", "clearance")
    list_select_related = ("patient__user",)
    readonly_fields = [f.name for f in SafetyCheck._meta.fields]


class SetLogInline(admin.TabularInline):
    model = SetLog
    extra = 0
    can_delete = False
    fields = ("exercise", "set_number", "side", "outcome", "held_seconds", "reps_done", "pain")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WorkoutSession)
class WorkoutSessionAdmin(admin.ModelAdmin):
    list_display = ("patient", "local_date", "status", "pain_before", "pain_after")
    list_filter = ("status",)
    date_hierarchy = "started_at"
    list_select_related = ("patient__user",)
    readonly_fields = [f.name for f in WorkoutSession._meta.fields]
    inlines = (SetLogInline,)


@admin.register(SetLog)
class SetLogAdmin(admin.ModelAdmin):
    list_display = (
        "logged_at",
        "patient",
        "exercise",
        "set_number",
        "side",
        "outcome",
        "target_seconds",
        "held_seconds",
        "target_reps",
        "reps_done",
        "effort",
        "pain",
    )
    list_filter = ("outcome", "effort", "exercise")
    date_hierarchy = "logged_at"
    list_select_related = ("session__patient__user", "exercise")
    search_fields = ("session__patient__user__username", "exercise__name")
    readonly_fields = [f.name for f in SetLog._meta.fields]

    @admin.display(ordering="session__patient")
    def patient(self, obj: SetLog):
        return obj.session.patient

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

"""Admin views of what patients did. Logs are history: they are read-only here."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from exercises.services import assign_template_routine
from sessions.audit import RecordsAccessAdmin
from sessions.models import (
    AccessRecord,
    DeletedAccount,
    Patient,
    SafetyCheck,
    SetLog,
    WorkoutSession,
)


class OnboardingOutsideAdmin:
    """Only a superuser adds here. A clinician adds patients from My patients (/clinician/),
    so the admin shows them no picker of existing accounts and no usernames by id."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser and super().has_add_permission(request)

    def add_view(self, request: HttpRequest, form_url="", extra_context=None) -> HttpResponse:
        if not request.user.is_superuser:
            messages.info(
                request,
                "Patients are added from My patients, not in the admin: use “Add a patient” there.",
            )
            return redirect("clinician_patients")
        return super().add_view(request, form_url, extra_context)


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class UserAdmin(OnboardingOutsideAdmin, DjangoUserAdmin):
    pass


class OwnPatientsAdmin(RecordsAccessAdmin, admin.ModelAdmin):
    """A clinician who is not a superuser sees only rows of the patients assigned to them.

    Opening one row writes an access record for its patient."""

    patient_path = "patient__"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.patient_path}clinician": request.user})


@admin.register(Patient)
class PatientAdmin(OnboardingOutsideAdmin, OwnPatientsAdmin):
    """Creating a patient here (superusers only) gives them their cause's template routine, as
    sign-up does. A clinician can neither change which account a patient is nor hand the
    patient to someone else, and the clinician filter lists only clinicians they can see."""

    patient_path = ""

    list_display = ("__str__", "cause", "affected_side", "clinician", "time_zone")
    list_filter = ("cause", ("clinician", admin.RelatedOnlyFieldListFilter))
    search_fields = ("user__username", "user__first_name", "user__last_name")
    list_select_related = ("user", "cause", "clinician")
    raw_id_fields = ("user",)

    def patient_of(self, obj: Patient) -> Patient:
        return obj

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return (*fields, "user", "clinician")

    def save_model(self, request, obj: Patient, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        assign_template_routine(patient_user=obj.user, cause=obj.cause)


@admin.register(SafetyCheck)
class SafetyCheckAdmin(OwnPatientsAdmin):
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
class WorkoutSessionAdmin(OwnPatientsAdmin):
    list_display = ("patient", "local_date", "status", "pain_before", "pain_after")
    list_filter = ("status",)
    date_hierarchy = "started_at"
    list_select_related = ("patient__user",)
    readonly_fields = [f.name for f in WorkoutSession._meta.fields]
    inlines = (SetLogInline,)


@admin.register(SetLog)
class SetLogAdmin(OwnPatientsAdmin):
    patient_path = "session__patient__"

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

    def patient_of(self, obj: SetLog) -> Patient:
        return obj.session.patient

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Superusers read these rows; nobody adds, changes or deletes them here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser


@admin.register(AccessRecord)
class AccessRecordAdmin(ReadOnlyAdmin):
    list_display = ("accessed_at", "actor_username", "actor_role", "patient_username", "what")
    list_filter = ("actor_role",)
    search_fields = ("actor_username", "patient_username", "what")
    readonly_fields = [f.name for f in AccessRecord._meta.fields]


@admin.register(DeletedAccount)
class DeletedAccountAdmin(ReadOnlyAdmin):
    list_display = ("deleted_at", "username", "clinician")
    list_select_related = ("clinician",)
    readonly_fields = [f.name for f in DeletedAccount._meta.fields]

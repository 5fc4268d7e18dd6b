"""The clinician's workbench: the catalog and routines, edited in the admin."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from exercises.forms import ExerciseAdminForm
from exercises.models import Cause, Exercise, ExerciseStep, Routine, RoutineItem, Suitability
from exercises.services import record_change
from sessions.audit import RecordsAccessAdmin
from sessions.models import Patient

DOSE_FIELDSETS = (
    (
        "Dose",
        {
            "fields": (
                "dose_kind",
                ("hold_seconds", "reps", "sets", "rest_seconds"),
                "duration_minutes",
                "dose_is_default",
            ),
            "description": (
                "A hold uses seconds × reps; plain reps use reps; a duration uses minutes."
            ),
        },
    ),
    (
        "Progression",
        {
            "fields": (("progression_start", "progression_target", "progression_step"),),
            "description": "Leave all three empty for a dose that does not progress.",
        },
    ),
)


class ExerciseStepInline(admin.TabularInline):
    model = ExerciseStep
    extra = 1
    fields = ("order", "text")


class SuitabilityInline(admin.TabularInline):
    model = Suitability
    extra = 0
    fields = ("cause", "level", "note")


@admin.register(Cause)
class CauseAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "exercise_count")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exercise_total=Count("suitabilities"))

    @admin.display(description="Exercises rated", ordering="exercise_total")
    def exercise_count(self, obj: Cause) -> int:
        return obj.exercise_total


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    form = ExerciseAdminForm
    list_display = ("name", "category", "position", "sidedness", "dose", "dose_is_default")
    list_filter = ("category", "suitabilities__cause", "position", "sidedness", "dose_is_default")
    search_fields = ("name", "summary", "steps__text")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("next_stage",)
    inlines = (ExerciseStepInline, SuitabilityInline)
    readonly_fields = ("figure_preview",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "category", "position", "sidedness")}),
        *DOSE_FIELDSETS,
        (None, {"fields": ("next_stage", "cautions")}),
        (
            "Figure",
            {
                "fields": ("figure", "figure_preview"),
                "description": (
                    'JSON: "view" ("side" or "above"), a "description" (the text alternative), '
                    '"moving" (parts to highlight), "arrow" (the joint it follows) and at least '
                    'two "poses" (start, then the hold or end). Angles are degrees: 0 points '
                    "right along the mat, 90 straight up. The preview redraws as you type."
                ),
            },
        ),
        (
            "Your own picture or video",
            {
                "fields": ("own_image", "own_video", "own_media_use"),
                "description": (
                    "Optional. Pictures are re-encoded without their location data; a video "
                    "plays muted and looped, with your picture (or the figure) as its poster."
                ),
            },
        ),
    )

    class Media:
        css = {"all": ("css/figures.css",)}
        js = ("js/figure-admin.js",)

    @admin.display(description="Preview")
    def figure_preview(self, obj: Exercise | None) -> str:
        saved = obj.drawn_figure if obj is not None else None
        return format_html(
            '<div id="figure-preview" class="figure-preview" data-url="{}">{}</div>'
            '<p><a href="{}">Every exercise\'s figure, side by side</a></p>',
            reverse("figure_preview"),
            render_to_string("exercises/_figure_preview.html", {"figure": saved})
            if saved
            else "No figure yet: type the poses above.",
            reverse("figure_sheet"),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()

    @admin.display(description="Default dose")
    def dose(self, obj: Exercise) -> str:
        return str(obj.default_dose)


class RoutineItemInline(admin.StackedInline):
    """A template's items are edited here. A patient's are read-only: they change in the
    clinician's editor, which records every change in the patient's timeline."""

    model = RoutineItem
    extra = 0
    autocomplete_fields = ("exercise",)
    ordering = ("order", "id")
    fieldsets = (
        (None, {"fields": (("order", "exercise"), "current_target")}),
        *DOSE_FIELDSETS,
    )

    def _is_patients(self, obj) -> bool:
        return obj is not None and obj.patient_id is not None

    def has_add_permission(self, request, obj=None) -> bool:
        return not self._is_patients(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return not self._is_patients(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self._is_patients(obj) and super().has_delete_permission(request, obj)


@admin.register(Routine)
class RoutineAdmin(RecordsAccessAdmin, admin.ModelAdmin):
    list_display = ("name", "cause", "patient", "sessions_per_day", "item_count")
    list_filter = ("cause", ("patient", admin.EmptyFieldListFilter))
    search_fields = ("name", "patient__username", "patient__first_name", "patient__last_name")
    list_select_related = ("cause", "patient")
    raw_id_fields = ("patient",)
    inlines = (RoutineItemInline,)
    readonly_fields = ("exercises_editor",)

    @admin.display(description="Exercises")
    def exercises_editor(self, obj: Routine) -> str:
        if obj.pk is None or obj.patient_id is None:
            return "A template's exercises are edited below."
        patient = getattr(obj.patient, "patient", None)
        if patient is None:
            return "-"
        return format_html(
            "<a href=\"{}\">Change this patient's exercises in the clinician's editor</a> "
            "(every change there is recorded in the patient's timeline; they are read-only "
            "here).",
            reverse("clinician_patient", args=[patient.pk]),
        )

    def save_model(self, request, obj: Routine, form, change: bool) -> None:
        """A patient's routine changed here is recorded in their timeline, before → after."""
        super().save_model(request, obj, form, change)
        if change and obj.patient_id is not None and form.changed_data:
            parts = ", ".join(
                f"{form.fields[name].label.lower()} {_shown(form, name, form.initial.get(name))}"
                f" → {_shown(form, name, form.cleaned_data[name])}"
                for name in form.changed_data
            )
            record_change(obj, request.user, f"Changed in the admin: {parts}.")

    def get_queryset(self, request):
        """Templates, plus (for a clinician) only the routines of their own patients."""
        queryset = (
            super()
            .get_queryset(request)
            .annotate(item_total=Count("items", filter=Q(items__retired_at__isnull=True)))
        )
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            Q(patient__isnull=True) | Q(patient__patient__clinician=request.user)
        )

    def patient_of(self, obj: Routine) -> Patient | None:
        """A patient's own routine is their data (opening it is recorded); a template is not."""
        if obj.patient_id is None:
            return None
        return Patient.objects.select_related("user").filter(user_id=obj.patient_id).first()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """A clinician picks the patient among their own patients, never any account by id."""
        if db_field.name == "patient" and not request.user.is_superuser:
            kwargs["queryset"] = get_user_model().objects.filter(patient__clinician=request.user)
            kwargs["widget"] = forms.Select
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Exercises", ordering="item_total")
    def item_count(self, obj: Routine) -> int:
        return obj.item_total


def _shown(form, name: str, value) -> str:
    """A form value as a person reads it: a chosen row by its name, not its id."""
    field = form.fields[name]
    if isinstance(field, forms.ModelChoiceField) and not isinstance(value, models.Model):
        value = field.queryset.filter(pk=value).first()
    return "–" if value in (None, "") else str(value)


@admin.register(Suitability)
class SuitabilityAdmin(admin.ModelAdmin):
    list_display = ("exercise", "cause", "level", "note")
    list_filter = ("cause", "level", "exercise__category")
    list_editable = ("level",)
    search_fields = ("exercise__name", "note")
    list_select_related = ("exercise", "cause")

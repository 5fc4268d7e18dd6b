"""Every input a clinician sends from their own pages goes through one of these forms."""

from __future__ import annotations

import zoneinfo

from django import forms

from clinic.codes import normalize_code
from clinic.models import ClinicianProfile
from exercises.models import Cause, DoseKind, Exercise, Routine, RoutineItem
from sessions.models import AffectedSide, SetLog


class RoutineItemForm(forms.ModelForm):
    """A clinician's change to one item's dose, progression and current target."""

    class Meta:
        model = RoutineItem
        fields = [
            "hold_seconds",
            "reps",
            "sets",
            "rest_seconds",
            "duration_minutes",
            "progression_start",
            "progression_target",
            "progression_step",
            "current_target",
        ]

    def clean(self):
        data = super().clean()
        needed = {DoseKind.HOLD: "hold_seconds", DoseKind.DURATION: "duration_minutes"}
        field = needed.get(self.instance.dose_kind)
        if field and data.get(field) is None and field not in self.errors:
            self.add_error(field, "This dose needs it.")
        target = data.get("current_target")
        start, end = data.get("progression_start"), data.get("progression_target")
        if (
            target is not None
            and start is not None
            and end is not None
            and not start <= target <= end
        ):
            self.add_error(
                "current_target", "The current target must lie between start and target."
            )
        return data

    def changes(self) -> dict[str, tuple[object, object]]:
        return {
            name: (self.initial.get(name), self.cleaned_data[name]) for name in self.changed_data
        }


class AddItemForm(forms.Form):
    exercise = forms.ModelChoiceField(
        queryset=Exercise.objects.all(), empty_label="Choose an exercise"
    )


class SetLogFilterForm(forms.Form):
    """Filters on a clinician's view of one patient's set log."""

    exercise = forms.ModelChoiceField(queryset=Exercise.objects.all(), required=False)
    outcome = forms.ChoiceField(choices=[("", "Any"), *SetLog.Outcome.choices], required=False)
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def filter(self, logs):
        data = self.cleaned_data
        if data.get("exercise"):
            logs = logs.filter(exercise=data["exercise"])
        if data.get("outcome"):
            logs = logs.filter(outcome=data["outcome"])
        if data.get("since"):
            logs = logs.filter(session__local_date__gte=data["since"])
        if data.get("until"):
            logs = logs.filter(session__local_date__lte=data["until"])
        return logs


# Bringing patients in: adding one, the clinician's own settings, and clinic codes.


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class AddPatientForm(forms.Form):
    """A clinician adds a patient: who they are, their cause and side, zone and sessions."""

    first_name = forms.CharField(
        max_length=150,
        label="First name",
        error_messages={"required": "Enter the patient's first name."},
    )
    last_name = forms.CharField(max_length=150, label="Last name", required=False)
    email = forms.EmailField(
        required=False,
        label="Email (optional)",
        help_text="If given, the invitation link is emailed too.",
    )
    cause = forms.ModelChoiceField(
        queryset=Cause.objects.filter(pk__in=Routine.objects.templates().values("cause")),
        empty_label="Choose the cause",
        label="Cause",
        error_messages={"required": "Choose the cause of the patient's sciatica."},
        help_text="The patient gets their own copy of this cause's template routine.",
    )
    affected_side = forms.ChoiceField(
        choices=AffectedSide.choices, initial=AffectedSide.BOTH, label="Painful side"
    )
    time_zone = forms.ChoiceField(choices=time_zone_choices, label="Time zone")
    sessions_per_day = forms.IntegerField(
        min_value=1,
        max_value=12,
        initial=2,
        label="Sessions per day",
        error_messages={"required": "Enter how many sessions a day, from 1 to 12."},
    )

    def clean_first_name(self):
        value = self.cleaned_data["first_name"].strip()
        if not value:
            raise forms.ValidationError("Enter the patient's first name.")
        return value

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()


class ClinicianSettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        label="Your time zone",
        help_text="New patients start in this zone, and invitation times are shown in it.",
    )

    class Meta:
        model = ClinicianProfile
        fields = ["time_zone"]


class ClinicCodeField(forms.CharField):
    """A clinic code as a patient types it; cleans to the clinician it belongs to (or None)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", "Clinic code")
        kwargs.setdefault(
            "help_text", "The 8-character code your clinician gave you, e.g. K7QM-3XRT."
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        profile = (
            ClinicianProfile.objects.select_related("user")
            .filter(
                clinic_code=normalize_code(value),
                user__is_active=True,
                user__is_staff=True,
                user__groups__name="Clinicians",
            )
            .first()
        )
        if profile is None:
            raise forms.ValidationError(
                "No clinic has this code. Check it with your clinician: codes look like K7QM-3XRT."
            )
        return profile.user


class ClinicCodeForm(forms.Form):
    code = ClinicCodeField()


class LinkDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])

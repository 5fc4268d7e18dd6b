"""Every input a clinician sends from their own pages goes through one of these forms."""

from __future__ import annotations

import zoneinfo

from django import forms

from clinic.codes import normalize_code
from clinic.models import ClinicianNote, ClinicianProfile
from exercises.models import Cause, DoseKind, Exercise, Routine, RoutineItem
from sciatica.widgets import PlainDateInput, PlainLabelsMixin, PlainNumberInput, PlainSelect
from sessions.models import AffectedSide, SetLog

# The dose fields each kind of item shows (progression fields come after, for every kind).
DOSE_FIELDS = {
    DoseKind.HOLD: ["sets", "reps", "hold_seconds", "rest_seconds"],
    DoseKind.REPS: ["sets", "reps"],
    DoseKind.DURATION: ["duration_minutes"],
}
# The dose field that progresses for each kind: for an item with a progression, "next time"
# (current_target) stands in its place, as that is the number the patient does next.
PROGRESSING_FIELD = {
    DoseKind.HOLD: "hold_seconds",
    DoseKind.REPS: "reps",
    DoseKind.DURATION: "duration_minutes",
}
PROGRESSION_FIELDS = ["progression_start", "progression_target", "progression_step"]


class RoutineItemForm(PlainLabelsMixin, forms.ModelForm):
    """A clinician's change to one item's dose, progression and current target.

    It shows only the fields of the item's dose kind: a hold has sets, reps, hold and rest;
    plain reps have sets and reps; a duration has minutes. For an item that progresses, the
    progressing number is edited as "next time" (the current target), beside its start,
    target and step.
    """

    class Meta:
        model = RoutineItem
        fields = [
            "sets",
            "reps",
            "hold_seconds",
            "rest_seconds",
            "duration_minutes",
            "current_target",
            *PROGRESSION_FIELDS,
        ]
        labels = {
            "sets": "Sets",
            "reps": "Reps per set",
            "hold_seconds": "Hold, seconds",
            "rest_seconds": "Rest, seconds",
            "duration_minutes": "Minutes",
            "progression_start": "Start",
            "progression_target": "Target",
            "progression_step": "Step",
        }
        help_texts = dict.fromkeys(fields, "")
        widgets = dict.fromkeys(fields, PlainNumberInput)

    NEXT_TIME_LABELS = {
        DoseKind.HOLD: "Hold next time, seconds",
        DoseKind.REPS: "Reps next time",
        DoseKind.DURATION: "Minutes next time",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.instance.dose_kind
        keep = list(DOSE_FIELDS[kind])
        if self.instance.has_progression:
            keep[keep.index(PROGRESSING_FIELD[kind])] = "current_target"
            self.fields["current_target"].label = self.NEXT_TIME_LABELS[kind]
            self.fields["current_target"].required = True
        keep += PROGRESSION_FIELDS
        self.fields = {name: self.fields[name] for name in keep}
        for name in keep:
            self.fields[name].widget.attrs.setdefault("inputmode", "numeric")

    @property
    def dose_fields(self):
        return [self[name] for name in self.fields if name not in PROGRESSION_FIELDS]

    @property
    def progression_fields(self):
        return [self[name] for name in PROGRESSION_FIELDS]

    def clean(self):
        data = super().clean()
        needed = {DoseKind.HOLD: "hold_seconds", DoseKind.DURATION: "duration_minutes"}
        field = needed.get(self.instance.dose_kind)
        if field in self.fields and data.get(field) is None and field not in self.errors:
            self.add_error(field, "This dose needs it.")
        target = data.get("current_target")
        start, end = data.get("progression_start"), data.get("progression_target")
        if (
            target is not None
            and start is not None
            and end is not None
            and not start <= target <= end
            and "current_target" in self.fields
        ):
            self.add_error(
                "current_target",
                f"Next time must lie between the start ({start}) and the target ({end}).",
            )
        return data

    def changes(self) -> dict[str, tuple[object, object]]:
        return {
            name: (self.initial.get(name), self.cleaned_data[name]) for name in self.changed_data
        }


class AddItemForm(forms.Form):
    exercise = forms.ModelChoiceField(
        queryset=Exercise.objects.all(), empty_label="Choose an exercise", widget=PlainSelect
    )


class SetLogFilterForm(PlainLabelsMixin, forms.Form):
    """Filters on a clinician's view of one patient's set log."""

    exercise = forms.ModelChoiceField(
        queryset=Exercise.objects.all(), required=False, widget=PlainSelect, empty_label="Any"
    )
    outcome = forms.ChoiceField(
        choices=[("", "Any"), *SetLog.Outcome.choices], required=False, widget=PlainSelect
    )
    since = forms.DateField(required=False, widget=PlainDateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=PlainDateInput(attrs={"type": "date"}))

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


# What happened, and what the clinician did about it: notes, and where an action returns to.


class NoteForm(forms.ModelForm):
    """A private note on a patient, seen only by clinicians."""

    class Meta:
        model = ClinicianNote
        fields = ["text"]
        labels = {"text": "Add a private note"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": "Write something before saving the note."}}


class BackForm(forms.Form):
    """Where an action returns to: the patient's page (default), the inbox, all alerts, or one
    session's page (``session``, checked against the patient by the view)."""

    to = forms.ChoiceField(
        choices=[("", "Patient"), ("inbox", "Inbox"), ("alerts", "Alerts"), ("session", "Session")],
        required=False,
    )
    session = forms.IntegerField(min_value=1, required=False)


class TimelineForm(forms.Form):
    """The timeline page: ``before`` starts it before a moment (the next, older page)."""

    before = forms.DateTimeField(required=False)

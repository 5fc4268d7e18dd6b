"""Every input a clinician sends from their own pages goes through one of these forms."""

from __future__ import annotations

from django import forms

from clinic.models import ClinicianNote
from exercises.models import DoseKind, Exercise, RoutineItem
from sessions.models import SetLog

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


class RoutineItemForm(forms.ModelForm):
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

"""Every input a clinician sends from their own pages goes through one of these forms."""

from __future__ import annotations

from django import forms

from exercises.models import DoseKind, Exercise, RoutineItem
from sessions.models import SetLog


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

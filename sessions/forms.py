"""Every input a patient or clinician sends goes through one of these forms."""

from __future__ import annotations

from datetime import time, timedelta

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils import timezone

from clinic.forms import ClinicCodeField
from exercises.models import Cause, Routine, RoutineItem
from sciatica.widgets import PlainRadioSelect
from sessions import reminders, steps
from sessions.models import (
    AffectedSide,
    Effort,
    PainReach,
    SafetyCheck,
    SetLog,
    Side,
    WorkoutSession,
    validate_time_zone,
)


class SignupForm(UserCreationForm):
    cause = forms.ModelChoiceField(
        queryset=Cause.objects.filter(pk__in=Routine.objects.templates().values("cause")),
        empty_label=None,
        label="What did your clinician say is causing your sciatica?",
        help_text="Choose “Not yet diagnosed” if nobody has told you yet.",
        widget=PlainRadioSelect,
    )
    affected_side = forms.ChoiceField(
        choices=AffectedSide.choices,
        label="Which leg hurts?",
        help_text="Pain in both legs at once can be a warning sign: the safety check asks.",
        widget=PlainRadioSelect,
        error_messages={"required": "Choose the leg that hurts, or “Both legs, or not sure”."},
    )
    time_zone = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
        validators=[validate_time_zone],
    )
    clinic_code = ClinicCodeField(
        required=False,
        label="Clinic code (optional)",
        help_text="If a clinician gave you a code, enter it to ask them to follow your progress.",
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")
        labels = {"email": "Email (optional)"}
        help_texts = {"email": "Only used to send you a link if you forget your password."}


YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=PlainRadioSelect,
        error_messages={"required": "Please answer yes or no."},
    )


class SafetyCheckForm(forms.Form):
    """The red-flag questions. Any yes stops the patient and advises urgent care."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in SafetyCheck.QUESTIONS.items():
            self.fields[name] = _yes_no(label)


class DoctorClearedForm(forms.Form):
    confirm = forms.BooleanField(
        label="A doctor has examined me since I answered yes, and said I can exercise.",
        error_messages={"required": "Tick the box to confirm a doctor has cleared you."},
    )


PAIN_SCALE = [(n, str(n)) for n in range(11)]


class StartForm(forms.Form):
    """Pain now and how far it reaches, before a session starts."""

    pain = forms.TypedChoiceField(
        label="Pain now (0 = none, 10 = worst)",
        choices=PAIN_SCALE,
        coerce=int,
        widget=PlainRadioSelect,
        error_messages={"required": "Choose how much it hurts now, from 0 to 10."},
    )
    reach = forms.TypedChoiceField(
        label="Where does the pain reach?",
        choices=PainReach.choices,
        coerce=int,
        widget=PlainRadioSelect,
        error_messages={"required": "Choose how far down the leg the pain reaches."},
    )
    flare_up = forms.BooleanField(
        required=False, label="I'm in a flare-up: much worse than usual today."
    )
    start_anyway = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FinishForm(forms.Form):
    pain = StartForm.base_fields["pain"]
    reach = StartForm.base_fields["reach"]


class SetLogForm(forms.Form):
    """One set as the outbox POSTs it, checked against its own item's slots only: the item is
    an active item of the session's routine, the set number one of its sets and the side one
    it is done on for this patient. So the session is not planned to check one set."""

    client_id = forms.UUIDField(error_messages={"invalid": "The set id is not a valid UUID."})
    item = forms.IntegerField(min_value=1)
    set_number = forms.IntegerField(min_value=1, max_value=100)
    side = forms.ChoiceField(choices=Side.choices, required=False)
    outcome = forms.ChoiceField(
        choices=[(SetLog.Outcome.COMPLETED, "Completed"), (SetLog.Outcome.STOPPED, "Stopped")]
    )
    held_seconds = forms.IntegerField(min_value=0, max_value=36000, required=False)
    reps_done = forms.IntegerField(min_value=0, max_value=100, required=False)
    effort = forms.ChoiceField(choices=Effort.choices, required=False)
    pain = forms.IntegerField(min_value=0, max_value=10, required=False)
    pain_reach = forms.TypedChoiceField(
        choices=PainReach.choices, coerce=int, required=False, empty_value=None
    )
    stop_reason = forms.ChoiceField(choices=SetLog.StopReason.choices, required=False)
    started_at = forms.DateTimeField(required=False)
    finished_at = forms.DateTimeField(required=False)

    def __init__(self, *args, session: WorkoutSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session

    def _near_now(self, name: str):
        value = self.cleaned_data[name]
        if value is not None and abs(timezone.now() - value) > timedelta(days=2):
            raise forms.ValidationError("The set's time is not within two days of now.")
        return value

    def clean_started_at(self):
        return self._near_now("started_at")

    def clean_finished_at(self):
        return self._near_now("finished_at")

    def clean_item(self) -> RoutineItem:
        """The routine item itself, for ``log_set``, with its exercise's sidedness (the
        exercise itself, with its figure, is not needed)."""
        item = RoutineItem.objects.active_in_routine(
            self.cleaned_data["item"], self.session.routine_id
        )
        if item is None:
            raise forms.ValidationError("This exercise was taken out of your routine meanwhile.")
        return item

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        item = data["item"]
        sides = steps.sides_for(item.sidedness, self.session.patient.affected_side)
        if data["set_number"] > item.sets or data["side"] not in sides:
            raise forms.ValidationError("That set is not part of this session.")
        if data["outcome"] == SetLog.Outcome.STOPPED and not data["stop_reason"]:
            data["stop_reason"] = SetLog.StopReason.HURTS
        return data

    def message(self) -> str:
        """Every error in one sentence or more, for the outbox to show."""
        return " ".join(str(error) for errors in self.errors.values() for error in errors)


class SkipItemForm(forms.Form):
    item = forms.IntegerField(min_value=1)


class PasswordAgainForm(forms.Form):
    """The account's password, typed again before an export or a deletion."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Type your password to confirm it is you."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password


class TimeInputs(forms.Widget):
    """Several <input type="time" name="times">: the template draws them, this reads them all."""

    def value_from_datadict(self, data, files, name):
        return [value.strip() for value in data.getlist(name) if value.strip()]


class ReminderTimesField(forms.Field):
    widget = TimeInputs

    def to_python(self, value):
        times = []
        for text in value or []:
            try:
                times.append(time.fromisoformat(text).replace(second=0, microsecond=0))
            except ValueError:
                raise forms.ValidationError(
                    f"“{text[:20]}” is not a time: use hours and minutes, e.g. 08:00."
                ) from None
        return times

    def validate(self, value):
        if not value:
            raise forms.ValidationError("Choose at least one reminder time.")
        if problems := reminders.check_times(value):
            raise forms.ValidationError(problems)


class ReminderForm(forms.Form):
    """Reminder times in the patient's own zone, quiet hours, and the zone itself."""

    times = ReminderTimesField(label="Remind me at")
    quiet_start = forms.TimeField(required=False, label="Quiet from")
    quiet_end = forms.TimeField(required=False, label="until")
    time_zone = forms.CharField(
        max_length=64,
        label="Your time zone",
        help_text="Reminders keep their local times when you travel and change it.",
        validators=[validate_time_zone],
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("quiet_start"), data.get("quiet_end")
        if (start is None) != (end is None):
            raise forms.ValidationError("Give quiet hours a start and an end, or leave both empty.")
        if start is not None and start == end:
            raise forms.ValidationError("Quiet hours need to start and end at different times.")
        for at in data.get("times") or []:
            if reminders.in_quiet_hours(at, start, end):
                self.add_error(
                    "times",
                    f"{at:%H:%M} is inside your quiet hours ({start:%H:%M}–{end:%H:%M}): "
                    "move it, or change the quiet hours.",
                )
        return data


class PauseRemindersForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Pause reminders for",
        choices=[(1, "1 day"), (2, "2 days"), (3, "3 days"), (7, "a week"), (14, "2 weeks")],
        coerce=int,
        error_messages={"required": "Choose how long to pause for."},
    )


class PushSubscriptionForm(forms.Form):
    """What PushManager.subscribe() gives the page, posted by static/js/push.js."""

    endpoint = forms.URLField(max_length=2000, assume_scheme="https")
    p256dh = forms.RegexField(regex=r"^[A-Za-z0-9_-]{80,100}$", max_length=200)
    auth = forms.RegexField(regex=r"^[A-Za-z0-9_-]{16,30}$", max_length=100)
    device = forms.CharField(max_length=200, required=False)

    def clean_endpoint(self):
        endpoint = self.cleaned_data["endpoint"]
        if not endpoint.startswith("https://"):
            raise forms.ValidationError("A push endpoint must use https.")
        return endpoint


class PushEndpointForm(forms.Form):
    endpoint = forms.URLField(max_length=2000, assume_scheme="https")

"""Every input a patient or clinician sends goes through one of these forms."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm

from exercises.models import Cause
from sessions.models import AffectedSide, validate_time_zone


class SignupForm(UserCreationForm):
    cause = forms.ModelChoiceField(
        queryset=Cause.objects.all(),
        empty_label=None,
        label="What did your clinician say is causing your sciatica?",
        help_text="Choose “Not yet diagnosed” if nobody has told you yet.",
        widget=forms.RadioSelect,
    )
    affected_side = forms.ChoiceField(
        choices=AffectedSide.choices,
        initial=AffectedSide.BOTH,
        label="Which leg hurts?",
        widget=forms.RadioSelect,
    )
    time_zone = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
        validators=[validate_time_zone],
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username",)

import json
import re

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms.fields import InvalidJSONInput

from exercises import media
from exercises.models import Category, Exercise, validate_figure

# A list of plain numbers or short strings, to be put on one line.
_FLAT_LIST = re.compile(r"\[\s*((?:-?[\d.]+|\"[^\"\n]*\")(?:,\s*(?:-?[\d.]+|\"[^\"\n]*\"))*)\s*\]")


class CategoryFilterForm(forms.Form):
    """The category filter on a cause's page; empty means every category."""

    category = forms.ChoiceField(
        choices=[("", "All"), *Category.choices],
        required=False,
        error_messages={"invalid_choice": "There is no category called %(value)s."},
    )


class FigurePreviewForm(forms.Form):
    """A figure's data as typed in the admin, to draw before it is saved."""

    figure = forms.JSONField(
        validators=[validate_figure],
        error_messages={"invalid": "This is not valid JSON: check the commas and brackets."},
    )


class FigureJSONField(forms.JSONField):
    """The figure as indented JSON, with each list of numbers on one line (one pose per block)."""

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):
            return value
        text = json.dumps(value, indent=2, ensure_ascii=False)
        return _FLAT_LIST.sub(lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text)


class ExerciseAdminForm(forms.ModelForm):
    figure = FigureJSONField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 80, "class": "figure-json"}),
        error_messages={"invalid": "This is not valid JSON: check the commas and brackets."},
        help_text=Exercise._meta.get_field("figure").help_text,
    )

    class Meta:
        model = Exercise
        fields = ["figure"]  # the admin adds the rest from its fieldsets

    def clean_figure(self):
        return self.cleaned_data["figure"] or {}

    def clean_own_image(self):
        return self._clean_upload("own_image", media.clean_image)

    def clean_own_video(self):
        return self._clean_upload("own_video", media.clean_video)

    def _clean_upload(self, name, clean):
        """A new upload is checked from its bytes (and a picture re-encoded); else as it is."""
        value = self.cleaned_data.get(name)
        if not isinstance(value, UploadedFile):
            return value
        try:
            return clean(value)
        except media.MediaError as error:
            raise forms.ValidationError(str(error)) from None

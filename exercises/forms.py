from django import forms

from exercises.models import Category


class CategoryFilterForm(forms.Form):
    """The category filter on a cause's page; empty means every category."""

    category = forms.ChoiceField(
        choices=[("", "All"), *Category.choices],
        required=False,
        error_messages={"invalid_choice": "There is no category called %(value)s."},
    )

"""The plain widgets write Django's own HTML, byte for byte, without its templates."""

import datetime

import pytest
from django import forms

from sciatica.widgets import (
    PlainDateInput,
    PlainLabelsMixin,
    PlainNumberInput,
    PlainRadioSelect,
    PlainSelect,
)

TRICKY = 'a "quoted" <b> & more'


@pytest.mark.parametrize(
    ("plain", "django", "value", "attrs"),
    [
        (PlainNumberInput, forms.NumberInput, 30, {"min": 0, "required": True}),
        (PlainNumberInput, forms.NumberInput, None, {"id": "id_sets", "disabled": False}),
        (PlainDateInput, forms.DateInput, datetime.date(2026, 12, 2), {"type": "date"}),
        (PlainDateInput, forms.DateInput, TRICKY, {"aria-describedby": TRICKY}),
    ],
)
def test_an_input_is_written_as_djangos(plain, django, value, attrs):
    assert plain().render("f", value, attrs) == django().render("f", value, attrs)


def test_a_select_is_written_as_djangos():
    choices = [("", "Any"), ("1", TRICKY), ("Group", [("2", "Two"), ("3", "Three")])]
    for value in ("", "1", "3", None):
        attrs = {"id": "id_f", "required": True}
        assert PlainSelect(choices=choices).render("f", value, attrs) == forms.Select(
            choices=choices
        ).render("f", value, attrs)


def radios(widget):
    class Form(forms.Form):
        pain = forms.TypedChoiceField(
            choices=[(n, str(n)) for n in range(3)] + [(TRICKY, TRICKY)],
            coerce=str,
            widget=widget,
        )

    return Form(initial={"pain": 1})


def test_each_radio_button_is_written_as_djangos():
    plain, django = radios(PlainRadioSelect)["pain"], radios(forms.RadioSelect)["pain"]
    plain_tags = [radio.tag() for radio in plain]
    assert plain_tags == [radio.tag() for radio in django]
    assert 'value="1" id="id_pain_1" required checked>' in plain_tags[1]
    # Whole lists and wrapped labels are still Django's templates, and so the same.
    assert str(plain) == str(django)
    assert [str(radio) for radio in plain] == [str(radio) for radio in django]


def test_labels_are_written_as_djangos():
    class Django(forms.Form):
        when = forms.DateField(label=TRICKY)

    class Plain(PlainLabelsMixin, Django):
        pass

    for form in (Plain(), Django()):
        assert form["when"].label_tag() == Django()["when"].label_tag()
        assert form["when"].legend_tag() == Django()["when"].legend_tag()
        assert form["when"].label_tag(label_suffix="") == Django()["when"].label_tag(
            label_suffix=""
        )

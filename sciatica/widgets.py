"""Widgets and labels that write Django's own HTML in Python, without its templates.

Django renders every widget, every radio button and every label through a template of its
own (``django/forms/widgets/*.html``). On a page of many fields that cost most of the time:
the clinician's patient page draws a dose form per routine item and two catalog selects, the
player draws the finish form's sixteen radio buttons twice. These write the same HTML, byte
for byte (``tests/test_widgets.py`` compares them with Django's), so the templates that use
them, and what a person sees, do not change.
"""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: in order, True as a bare name, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainInputMixin:
    """An ``<input>`` written as ``django/forms/widgets/input.html`` writes it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
        return mark_safe(
            f'<input type="{widget["type"]}" name="{escape(widget["name"])}"{shown}'
            f"{_attrs(widget['attrs'])}>"
        )


class PlainNumberInput(PlainInputMixin, forms.NumberInput):
    pass


class PlainDateInput(PlainInputMixin, forms.DateInput):
    pass


class PlainSelect(forms.Select):
    """A ``<select>`` written as ``django/forms/widgets/select.html`` writes it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{escape(group_name)}">')
            parts += [
                f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{escape(option['label'])}</option>\n"  # the option template's last line
                for option in options
            ]
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class PlainLabelsMixin:
    """Labels written as ``django/forms/label.html`` writes them, without its template."""

    def render(self, template_name=None, context=None, renderer=None):
        if template_name == self.template_name_label and context is not None:
            if not context["use_tag"]:
                return conditional_escape(context["label"])
            tag = context["tag"]
            return mark_safe(
                f"<{tag}{_attrs(context['attrs'] or {})}>"
                f"{conditional_escape(context['label'])}</{tag}>"
            )
        return super().render(template_name, context, renderer)


class PlainRadioSelect(forms.RadioSelect):
    """Radio buttons whose each ``<input>`` (``{{ radio.tag }}`` in a template) is written as
    ``django/forms/widgets/input.html`` writes it. Anything else (the whole list, a label
    wrapped around its input) is left to Django's templates."""

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if template_name != self.option_template_name or widget.get("wrap_label"):
            return super()._render(template_name, context, renderer)
        shown = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
        return mark_safe(
            f'<input type="{widget["type"]}" name="{escape(widget["name"])}"{shown}'
            f"{_attrs(widget['attrs'])}>"
        )

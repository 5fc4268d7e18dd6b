"""The clinician's set log: its order, its CSV export, and the forms drawn beside it."""

import csv
import io
import re
import uuid
from datetime import timedelta

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from clinic.forms import AddItemForm, RoutineItemForm, SetLogFilterForm
from sessions.models import SetLog
from tests.factories import ExerciseFactory, RoutineItemFactory, finished_session, stored_set

pytestmark = pytest.mark.django_db


def log_table(html: str) -> list[list[str]]:
    """The set log's rows as a person reads them: the text of each cell."""
    body = html.split('id="log"')[1].split("<tbody>")[1].split("</tbody>")[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


def test_the_set_log_shows_the_newest_session_first_and_a_late_set_with_its_own(
    clinician_client, my_patient
):
    press_up, stretch, _ = my_patient.user.routine.items.all()
    older = finished_session(my_patient, days_ago=2)
    newer = finished_session(my_patient, days_ago=1)
    stored_set(newer, press_up, set_number=1, logged_at=newer.started_at)
    stored_set(newer, press_up, set_number=2, logged_at=newer.started_at + timedelta(minutes=1))
    stored_set(older, stretch, set_number=1, logged_at=older.started_at)
    # Sent from the offline queue after the newer session: it stays with its own session.
    stored_set(older, stretch, set_number=2, logged_at=timezone.now())

    html = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content
    rows = log_table(html.decode())

    day = f"{newer.local_date.day} {newer.local_date:%b %Y}"
    older_day = f"{older.local_date.day} {older.local_date:%b %Y}"
    assert [(row[0], row[1], row[2]) for row in rows] == [
        (day, "Press-up on elbows", "2"),
        (day, "Press-up on elbows", "1"),
        (older_day, "Crossed-leg stretch", "2"),
        (older_day, "Crossed-leg stretch", "1"),
    ]


def test_the_csv_has_every_set_in_the_order_logged_with_every_column(clinician_client, my_patient):
    press_up, stretch, walking = my_patient.user.routine.items.all()
    formula = RoutineItemFactory(
        routine=my_patient.user.routine, exercise=ExerciseFactory(name="=HYPERLINK(1)")
    )
    session = finished_session(my_patient, days_ago=1)
    start = session.started_at
    logs = [
        stored_set(session, press_up, logged_at=start, target_seconds=5, held_seconds=5,
                 target_reps=1, reps_done=1, effort="easy", pain=3, pain_reach=2),
        stored_set(session, stretch, side="left", outcome="stopped", stop_reason="hurts",
                 logged_at=start + timedelta(minutes=2), target_seconds=10, held_seconds=4,
                 pain=6, pain_reach=3),
        stored_set(session, walking, outcome="skipped", logged_at=start + timedelta(minutes=3),
                 target_seconds=600),
        stored_set(session, formula, logged_at=start + timedelta(minutes=1)),
    ]  # fmt: skip

    response = clinician_client.get(reverse("clinician_export", args=[my_patient.pk]))

    assert response["Content-Type"] == "text/csv"
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    day = session.local_date.isoformat()
    assert rows == [
        ["logged_at", "day", "exercise", "set_number", "side", "outcome", "target_seconds",
         "held_seconds", "target_reps", "reps_done", "effort", "pain", "pain_reach",
         "stop_reason"],
        [logs[0].logged_at.isoformat(), day, "Press-up on elbows", "1", "", "completed", "5",
         "5", "1", "1", "easy", "3", "2", ""],
        [logs[3].logged_at.isoformat(), day, "'=HYPERLINK(1)", "1", "", "completed", "", "",
         "", "", "", "", "", ""],
        [logs[1].logged_at.isoformat(), day, "Crossed-leg stretch", "1", "left", "stopped",
         "10", "4", "", "", "", "6", "3", "hurts"],
        [logs[2].logged_at.isoformat(), day, "Walking", "1", "", "skipped", "600", "", "", "",
         "", "", "", ""],
    ]  # fmt: skip
    assert text.startswith('"logged_at","day","exercise"')  # every cell quoted


def test_the_csv_streams_a_history_longer_than_one_chunk_whole(
    clinician_client, my_patient, monkeypatch
):
    monkeypatch.setattr("clinic.views.patients.CSV_CHUNK_ROWS", 50)
    press_up = my_patient.user.routine.items.first()
    sessions = [finished_session(my_patient, days_ago=n) for n in range(1, 4)]
    SetLog.objects.bulk_create(
        SetLog(
            client_id=uuid.uuid4(),
            session=session,
            routine_item=press_up,
            exercise=press_up.exercise,
            set_number=n,
            outcome="completed",
            logged_at=session.started_at + timedelta(seconds=n),
        )
        for session in sessions
        for n in range(1, 100)
    )

    response = clinician_client.get(
        reverse("clinician_export", args=[my_patient.pk]), {"since": sessions[1].local_date}
    )

    chunks = list(response.streaming_content)
    assert len(chunks) == 4  # the header and rows 1-50, 51-100, 101-150, then the last 48
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode())))
    assert len(rows) == 1 + 2 * 99
    assert [row[3] for row in rows[1:4]] == ["1", "2", "3"]
    assert rows[1][1] == sessions[1].local_date.isoformat()
    assert rows[-1][1] == sessions[0].local_date.isoformat()


# The patient page writes its inputs, selects and labels in Python (clinic.forms): the HTML is
# the one Django's own widget templates write.


def same_html(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_the_dose_forms_inputs_and_labels_are_djangos_own(my_patient):
    for item in my_patient.user.routine.items.all():
        plain = RoutineItemForm(instance=item, prefix=f"item-{item.pk}")
        django = RoutineItemForm(instance=item, prefix=f"item-{item.pk}")
        for field in django.fields.values():
            field.widget = forms.NumberInput(attrs=field.widget.attrs)
        django.render = forms.Form.render.__get__(django)  # Django's template for labels
        assert plain.fields  # the item's fields
        for name in plain.fields:
            assert str(plain[name]) == str(django[name])
            assert plain[name].label_tag() == django[name].label_tag()


def test_a_refused_dose_form_marks_its_field_as_django_does(my_patient):
    item = my_patient.user.routine.items.get(exercise__name="Crossed-leg stretch")
    prefix = f"item-{item.pk}"
    form = RoutineItemForm({f"{prefix}-sets": "x"}, instance=item, prefix=prefix)

    assert not form.is_valid()
    html = str(form["sets"])
    assert 'aria-invalid="true"' in html
    assert f'name="{prefix}-sets" value="x"' in html


def test_the_selects_are_djangos_own(my_patient):
    for form_class in (AddItemForm, SetLogFilterForm):
        plain = form_class(initial={"outcome": "stopped"})
        django = form_class(initial={"outcome": "stopped"})
        for field in django.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                field.widget = forms.Select(attrs=widget.attrs, choices=widget.choices)
            else:
                field.widget = forms.DateInput(attrs={**widget.attrs, "type": widget.input_type})
        for name in plain.fields:
            assert same_html(str(plain[name])) == same_html(str(django[name]))
    assert '<option value="stopped" selected>Stopped early</option>' in str(plain["outcome"])


def test_the_set_log_filters_say_any_rather_than_dashes(clinician_client, my_patient):
    html = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content
    filters = html.decode().split('name="exercise"', 2)[-1].split("</select>")[0]
    assert '<option value="" selected>Any</option>' in filters
    assert "---------" not in filters


def test_the_patient_page_has_no_two_elements_with_one_id(clinician_client, my_patient):
    html = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content
    ids = re.findall(r'\sid="([^"]+)"', html.decode())
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


# The loop the patient page used before ``LogPage.table_rows`` wrote the rows in Python.
LOG_LOOP = """{% for log in logs %}
    <tr>
      <td><a href="{% url 'clinician_session' patient.pk log.session_id %}">{{ log.session.local_date|date:"j M Y" }}</a></td>
      <td>{{ log.exercise.name }}</td>
      <td>{{ log.set_number }}{% if log.side %} {{ log.side }}{% endif %}</td>
      <td>{{ log.get_outcome_display }}{% if log.stop_reason %}: {{ log.get_stop_reason_display }}{% endif %}</td>
      <td>{% if log.target_seconds is not None %}{{ log.held_seconds|default_if_none:"–" }} / {{ log.target_seconds }} s{% endif %}</td>
      <td>{% if log.target_reps is not None %}{{ log.reps_done|default_if_none:"–" }} / {{ log.target_reps }}{% endif %}</td>
      <td>{{ log.get_effort_display }}</td>
      <td>{{ log.pain|default_if_none:"" }}</td>
      <td>{{ log.get_pain_reach_display|default_if_none:"" }}</td>
    </tr>
  {% empty %}
    <tr><td colspan="9" class="muted">No sets match.</td></tr>
  {% endfor %}"""  # noqa: E501


def test_the_log_rows_are_what_the_template_loop_wrote(my_patient):
    from django.template import Context, Template

    from clinic.views.patients import LogPage

    press_up, stretch, walking = my_patient.user.routine.items.all()
    stretch.exercise.name = "Stretch <both> & 'hold'"
    stretch.exercise.save()
    session = finished_session(my_patient, days_ago=3)
    stored_set(session, press_up, target_seconds=10, held_seconds=8, effort="hard", pain=2)
    stored_set(
        session,
        stretch,
        side="left",
        outcome="stopped",
        stop_reason="hurts",
        target_seconds=30,
        pain=6,
        pain_reach=3,
    )
    stored_set(session, walking, outcome="skipped", target_reps=12, reps_done=None)
    stored_set(session, press_up, set_number=2, target_reps=8, reps_done=8, effort="easy")
    logs = SetLog.objects.select_related("exercise", "session").order_by("id")
    empty = LogPage(logs.none(), None, patient_pk=my_patient.pk)
    page = LogPage(logs, None, patient_pk=my_patient.pk)

    def squeezed(html: str) -> str:
        return re.sub(r">\s+<", "><", html.strip())

    for shown in (page, empty):
        looped = Template(LOG_LOOP).render(Context({"logs": shown, "patient": my_patient}))
        assert squeezed(shown.table_rows) == squeezed(looped)
    assert "<td>Stretch &lt;both&gt; &amp; &#x27;hold&#x27;</td>" in page.table_rows
    assert "<td>Stopped early: It hurts</td>" in page.table_rows
    assert "<td>– / 12</td>" in page.table_rows

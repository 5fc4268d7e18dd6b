"""The inbox, acknowledging, one session's page, the timeline, notes and confirmations."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import Alert, AlertKind, ClinicianNote
from clinic.services import raise_alert, write_note
from exercises.models import RoutineChange, RoutineItem
from exercises.services import update_item
from sessions.models import SafetyCheck
from sessions.services import record_safety_check
from tests.clinic.helpers import do_session
from tests.factories import ClinicianFactory, ExerciseFactory, PatientFactory, RoutineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def painful(my_patient, routine):
    """A session where the pain rose from 3 to 6 and the press-up (at 15 s) stepped back."""
    press_up = routine.items.get(exercise__name="Press-up on elbows")
    press_up.current_target = 15
    press_up.save()
    return do_session(my_patient, pain_before=3, pain_after=6, reach_before=2, reach_after=3)


def pages(patient, session, alert, item):
    return [
        ("get", reverse("clinician_alerts")),
        ("post", reverse("clinician_alert_acknowledge", args=[alert.pk])),
        ("get", reverse("clinician_session", args=[patient.pk, session.pk])),
        ("get", reverse("clinician_timeline", args=[patient.pk])),
        ("post", reverse("clinician_note_add", args=[patient.pk])),
        ("get", reverse("clinician_item_remove", args=[patient.pk, item.pk])),
    ]


def test_another_clinicians_patient_is_a_404_on_every_new_page(client, painful, my_patient):
    client.force_login(ClinicianFactory(username="other-clinician"))
    alert = Alert.objects.get()
    item = my_patient.user.routine.items.first()
    for method, url in pages(my_patient, painful, alert, item):
        if url == reverse("clinician_alerts"):
            html = client.get(url).content.decode()
            assert alert.message not in html  # their own (empty) list
            continue
        assert getattr(client, method)(url, {"text": "x"}).status_code == 404, url
    assert Alert.objects.get().acknowledged_at is None
    assert not ClinicianNote.objects.exists()


def test_a_patient_gets_a_404_on_every_new_page(client, painful, my_patient):
    client.force_login(my_patient.user)
    alert = Alert.objects.get()
    item = my_patient.user.routine.items.first()
    for method, url in pages(my_patient, painful, alert, item):
        assert getattr(client, method)(url, {"text": "x"}).status_code == 404, url


def test_anonymous_visitors_are_sent_to_log_in_from_every_new_page(client, painful, my_patient):
    alert = Alert.objects.get()
    item = my_patient.user.routine.items.first()
    for method, url in pages(my_patient, painful, alert, item):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_the_inbox_shows_open_alerts_most_urgent_first_above_my_patients(
    clinician_client, painful, my_patient
):
    record_safety_check(
        patient=my_patient,
        answers={**dict.fromkeys(SafetyCheck.QUESTIONS, False), "recent_injury": True},
    )
    stranger = PatientFactory(clinician=ClinicianFactory(username="elsewhere"))
    RoutineFactory(cause=stranger.cause, patient=stranger.user)
    record_safety_check(
        patient=stranger,
        answers={**dict.fromkeys(SafetyCheck.QUESTIONS, False), "fever_unwell": True},
    )
    html = clinician_client.get(reverse("clinician_patients")).content.decode()
    red_flag = html.index("a recent fall or injury")
    warning = html.index("Pain rose from 3 to 6 out of 10")
    assert red_flag < warning < html.index("My patients</h2>")
    assert "2 open" in html
    assert "fever or feeling unwell" not in html  # another clinician's patient
    assert reverse("clinician_session", args=[my_patient.pk, painful.pk]) in html


def test_acknowledging_records_who_and_when_and_leaves_the_inbox(
    clinician_client, clinician, painful
):
    alert = Alert.objects.get()
    response = clinician_client.post(
        reverse("clinician_alert_acknowledge", args=[alert.pk]), {"to": "inbox"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("clinician_patients")
    alert.refresh_from_db()
    assert alert.acknowledged_by == clinician
    assert (timezone.now() - alert.acknowledged_at).total_seconds() < 60
    inbox = clinician_client.get(reverse("clinician_patients")).content.decode()
    assert alert.message not in inbox
    assert "No open alerts" in inbox
    listing = clinician_client.get(reverse("clinician_alerts")).content.decode()
    assert "Recently acknowledged" in listing
    assert f"Acknowledged by {clinician.username}" in listing


def test_acknowledging_from_the_session_page_returns_there(clinician_client, painful, my_patient):
    alert = Alert.objects.get()
    response = clinician_client.post(
        reverse("clinician_alert_acknowledge", args=[alert.pk]),
        {"to": "session", "session": painful.pk},
    )
    assert response["Location"] == reverse("clinician_session", args=[my_patient.pk, painful.pk])


def test_the_session_page_shows_every_set_with_its_pain_and_reach(
    clinician_client, painful, my_patient
):
    html = clinician_client.get(
        reverse("clinician_session", args=[my_patient.pk, painful.pk])
    ).content.decode()
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)
    set_rows = [row for row in rows if "Completed" in row]
    assert len(set_rows) == painful.set_logs.count() == 4  # press-up, stretch L+R, walk
    assert all("6/10" in row and "Thigh" in row for row in set_rows)
    assert "Pain rose from 3 to 6 out of 10" in html  # its alert
    assert "Step back" in html and "15 → 10 s" in html  # what the program decided
    assert "Change dose or progression" in html  # and the actions


def test_clearing_a_pause_from_the_session_page_returns_there(
    clinician_client, painful, my_patient
):
    item = my_patient.user.routine.items.get(exercise__name="Walking")
    item.paused = True
    item.save()
    url = reverse("clinician_session", args=[my_patient.pk, painful.pk])
    assert "Clear the pause" in clinician_client.get(url).content.decode()
    response = clinician_client.post(
        reverse("clinician_item_clear_pause", args=[my_patient.pk, item.pk]),
        {"to": "session", "session": painful.pk},
    )
    assert response["Location"] == url
    item.refresh_from_db()
    assert not item.paused


def test_another_patients_session_is_a_404(clinician_client, painful, my_patient, clinician):
    other = PatientFactory(clinician=clinician)
    RoutineFactory(cause=other.cause, patient=other.user)
    url = reverse("clinician_session", args=[other.pk, painful.pk])
    assert clinician_client.get(url).status_code == 404


def test_the_timeline_lists_every_change_with_who_made_it(
    clinician_client, clinician, painful, my_patient
):
    walking = my_patient.user.routine.items.get(exercise__name="Walking")
    walking.duration_minutes = 15
    update_item(item=walking, changed={"duration_minutes": (10, 15)}, by=clinician)
    clinician.first_name, clinician.last_name = "Dana", "Reid"
    clinician.save()
    html = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content.decode()
    timeline = html.split('id="timeline-heading"')[1].split("</section>")[0]
    assert "Dana Reid" in timeline and "Changed Walking: duration minutes 10 → 15." in timeline
    assert "The program" in timeline
    assert "Step back: Press-up on elbows, 15 s → 10 s." in timeline
    assert (
        "Pain rose from 3 to 6 out of 10 and pain spread from the buttock to the thigh" in timeline
    )
    assert timeline.index("Changed Walking") < timeline.index("Step back")  # newest first
    full = clinician_client.get(reverse("clinician_timeline", args=[my_patient.pk]))
    assert "Step back: Press-up on elbows" in full.content.decode()


def test_the_timeline_pages_with_a_bad_cursor_get_a_400(clinician_client, my_patient):
    response = clinician_client.get(
        reverse("clinician_timeline", args=[my_patient.pk]), {"before": "yesterday-ish"}
    )
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_a_note_is_saved_with_its_author_and_never_shown_to_the_patient(
    clinician_client, clinician, my_patient
):
    response = clinician_client.post(
        reverse("clinician_note_add", args=[my_patient.pk]), {"text": "Prefers afternoons."}
    )
    assert response.status_code == 302
    note = ClinicianNote.objects.get()
    assert (note.author, note.patient, note.text) == (clinician, my_patient, "Prefers afternoons.")
    page = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content
    assert "Prefers afternoons." in page.decode()
    clinician_client.force_login(my_patient.user)
    for name in ("today", "history", "account"):
        assert "Prefers afternoons." not in clinician_client.get(reverse(name)).content.decode()


def test_an_empty_note_gets_a_400_with_the_message(clinician_client, my_patient):
    response = clinician_client.post(reverse("clinician_note_add", args=[my_patient.pk]), {})
    assert response.status_code == 400
    assert "Write something before saving the note." in response.content.decode()
    assert not ClinicianNote.objects.exists()


def test_notes_are_listed_newest_first(clinician_client, clinician, my_patient):
    write_note(patient=my_patient, author=clinician, text="First note.")
    write_note(patient=my_patient, author=clinician, text="Second note.")
    html = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content
    html = html.decode()
    assert html.index("Second note.") < html.index("First note.")


def field_names(html: str, prefix: str) -> set[str]:
    return set(re.findall(rf'name="{prefix}-(\w+)"', html))


def test_the_dose_form_shows_only_the_fields_of_each_kind(clinician_client, my_patient, routine):
    reps = ExerciseFactory(name="Cat-cow", dose_kind="reps", hold_seconds=None, reps=10)
    reps_item = RoutineItem.objects.create(
        routine=routine, exercise=reps, dose_kind="reps", reps=10, order=4
    )
    html = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content.decode()
    items = {item.exercise.name: item for item in routine.items.all()}
    progression = {"progression_start", "progression_target", "progression_step"}
    stretch = f"item-{items['Crossed-leg stretch'].pk}"
    assert (
        field_names(html, stretch) == {"sets", "reps", "hold_seconds", "rest_seconds"} | progression
    )
    assert field_names(html, f"item-{reps_item.pk}") == {"sets", "reps"} | progression
    walk = f"item-{items['Walking'].pk}"
    assert field_names(html, walk) == {"duration_minutes"} | progression
    press_up = f"item-{items['Press-up on elbows'].pk}"  # progressing: "next time" is the hold
    assert (
        field_names(html, press_up)
        == {"sets", "reps", "current_target", "rest_seconds"} | progression
    )
    assert "Hold next time, seconds" in html
    assert "<dt>Next time</dt><dd>hold 5 s × 1</dd>" in html
    assert "<dt>Target</dt><dd>30 s</dd>" in html
    assert "+5 s at a time, from 5 s" in html


def test_a_bad_value_keeps_the_form_open_with_what_was_typed(clinician_client, my_patient):
    item = my_patient.user.routine.items.get(exercise__name="Press-up on elbows")
    prefix = f"item-{item.pk}"
    response = clinician_client.post(
        reverse("clinician_item_update", args=[my_patient.pk, item.pk]),
        {
            f"{prefix}-sets": 2,
            f"{prefix}-reps": 1,
            f"{prefix}-current_target": 45,
            f"{prefix}-rest_seconds": 10,
            f"{prefix}-progression_start": 5,
            f"{prefix}-progression_target": 30,
            f"{prefix}-progression_step": 5,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    form = html.split(f'id="item-{item.pk}"')[1].split("</li>")[0]
    assert "<details open>" in form
    assert f'name="{prefix}-current_target" value="45"' in form
    assert f'name="{prefix}-sets" value="2"' in form
    assert "Next time must lie between the start (5) and the target (30)." in form
    item.refresh_from_db()
    assert (item.sets, item.current_target) == (1, 5)


def test_remove_asks_first_then_retires_the_item(clinician_client, painful, my_patient):
    item = my_patient.user.routine.items.get(exercise__name="Press-up on elbows")
    url = reverse("clinician_item_remove", args=[my_patient.pk, item.pk])
    confirm = clinician_client.get(url).content.decode()
    assert "Remove Press-up on elbows from" in confirm
    assert "Its 1 logged set" in confirm
    assert f'action="{url}"' in confirm
    item.refresh_from_db()
    assert item.retired_at is None  # asking changed nothing
    clinician_client.post(url)
    assert RoutineItem.with_retired.get(pk=item.pk).retired_at is not None
    html = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content.decode()
    assert f'id="item-{item.pk}"' not in html
    assert "Removed Press-up on elbows (hold 10 s × 1)." in html  # the timeline
    session = clinician_client.get(
        reverse("clinician_session", args=[my_patient.pk, painful.pk])
    ).content.decode()
    assert "Press-up on elbows" in session  # its sets and decisions are still there


def test_accepting_a_next_stage_asks_first(clinician_client, my_patient):
    item = my_patient.user.routine.items.get(exercise__name="Press-up on elbows")
    item.exercise.next_stage = ExerciseFactory(
        name="Press-up on straight arms", hold_seconds=1, reps=10
    )
    item.exercise.save()
    item.next_stage_offered = True
    item.save()
    url = reverse("clinician_item_next_stage", args=[my_patient.pk, item.pk])
    page = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content
    assert f'href="{url}"' in page.decode()
    confirm = clinician_client.get(url).content.decode()
    assert f"Move {my_patient} on to Press-up on straight arms?" in confirm
    assert "Yes, move on to Press-up on straight arms" in confirm
    item.refresh_from_db()
    assert item.exercise.name == "Press-up on elbows"
    clinician_client.post(url)
    item.refresh_from_db()
    assert item.exercise.name == "Press-up on straight arms"
    assert RoutineChange.objects.filter(description__startswith="Moved from").exists()


def test_confirming_a_stage_that_does_not_exist_is_a_404(clinician_client, my_patient):
    item = my_patient.user.routine.items.get(exercise__name="Walking")
    url = reverse("clinician_item_next_stage", args=[my_patient.pk, item.pk])
    assert clinician_client.get(url).status_code == 404


def test_chart_notes_speak_of_the_patient_on_clinician_pages(clinician_client, painful, my_patient):
    html = clinician_client.get(reverse("clinician_patient", args=[my_patient.pk])).content
    html = html.decode()
    assert "nearer the patient&#x27;s spine" in html
    assert "How long the patient held" in html
    assert "what the patient was aiming for" in html
    assert "your spine" not in html and "you were aiming for" not in html
    clinician_client.force_login(my_patient.user)
    history = clinician_client.get(reverse("history")).content.decode()
    assert "nearer your spine" in history and "How long you held" in history


def test_clinician_pages_carry_no_patient_footer(clinician_client, painful, my_patient):
    footer = "This is not a diagnosis."
    for url in (
        reverse("clinician_patients"),
        reverse("clinician_alerts"),
        reverse("clinician_patient", args=[my_patient.pk]),
        reverse("clinician_session", args=[my_patient.pk, painful.pk]),
        reverse("clinician_timeline", args=[my_patient.pk]),
    ):
        assert footer not in clinician_client.get(url).content.decode(), url
    clinician_client.force_login(my_patient.user)
    assert footer in clinician_client.get(reverse("today")).content.decode()


def test_acting_on_an_alert_acknowledges_it(clinician_client, clinician, my_patient):
    check = record_safety_check(
        patient=my_patient,
        answers={**dict.fromkeys(SafetyCheck.QUESTIONS, False), "bladder_bowel": True},
    )
    clinician_client.post(reverse("clinician_safety_clear", args=[my_patient.pk, check.pk]))
    alert = Alert.objects.get(safety_check=check)
    assert alert.acknowledged_by == clinician


def test_clearing_a_pause_acknowledges_its_pause_alert(clinician_client, clinician, my_patient):
    item = my_patient.user.routine.items.get(exercise__name="Walking")
    item.paused = True
    item.save()
    paused = raise_alert(patient=my_patient, kind=AlertKind.PAUSED, message="Paused.", item=item)
    other = raise_alert(patient=my_patient, kind=AlertKind.WARNING, message="Pain.", item=item)
    clinician_client.post(reverse("clinician_item_clear_pause", args=[my_patient.pk, item.pk]))
    paused.refresh_from_db()
    other.refresh_from_db()
    assert paused.acknowledged_by == clinician
    assert other.acknowledged_at is None  # a warning is read, not resolved, by clearing


def test_the_timeline_pages_back_through_older_changes(clinician_client, clinician, my_patient):
    routine = my_patient.user.routine
    RoutineChange.objects.bulk_create(
        RoutineChange(routine=routine, changed_by=clinician, description=f"Change number {n}.")
        for n in range(105)
    )
    start = timezone.now()
    for n, change in enumerate(RoutineChange.objects.order_by("id")):
        RoutineChange.objects.filter(pk=change.pk).update(
            changed_at=start - timedelta(minutes=105 - n)
        )
    url = reverse("clinician_timeline", args=[my_patient.pk])
    first = clinician_client.get(url).content.decode()
    assert "Change number 104." in first and "Change number 5." in first
    assert "Change number 4." not in first
    older = re.search(r'href="\?before=([^"]+)"', first).group(1)
    second = clinician_client.get(f"{url}?before={older}").content.decode()
    assert "Change number 4." in second and "Change number 0." in second
    assert "Change number 5." not in second
    assert "Older changes" not in second

"""Every URL pattern, the admin's included, tried by seven roles, each against its status.

The table is keyed by the pattern's name (``admin:…`` for the admin), or by its route when it has
no name. It must hold exactly the patterns the URLconf has, so a new URL without an entry fails
``test_every_url_pattern_has_an_entry``. Adding one is one line:

    "clinician_notes": row("GET", CLINIC_A, pk="patient_a"),

``row`` takes the method, the seven statuses in ``ROLES`` order, and the sample kwargs: a world
attribute (its ``slug`` for a ``slug`` kwarg, else its ``pk``), or a literal after ``=``. A
registered admin model is one ``admin_model(...)`` line that expands to its six patterns.

Each request runs in a transaction that is rolled back, so a POST (sent with no data) never
changes what the next request sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clinic.models import Alert, AlertKind, LinkRequest
from exercises.models import Exercise, Routine
from sessions.models import AccessRecord, DeletedAccount, SafetyCheck
from sessions.reminder_services import new_feed_token
from sessions.services import record_safety_check, start_session
from tests.factories import (
    CauseFactory,
    ClinicianFactory,
    ExerciseFactory,
    PatientFactory,
    RoutineFactory,
    RoutineItemFactory,
    SuitabilityFactory,
    UserFactory,
    log_one_set,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "patient_a", "patient_b", "own_clinician", "other_clinician", "staff", "su")

# Statuses in ROLES order.
PUBLIC = (200, 200, 200, 200, 200, 200, 200)
ANY_PATIENT = (302, 200, 200, 404, 404, 404, 404)  # a patient's own page, no object in the URL
A_ONLY = (302, 200, 404, 404, 404, 404, 404)  # an object of patient A's
CLINICIANS = (302, 404, 404, 200, 200, 404, 404)  # any clinician's own list
CLINIC_A = (302, 404, 404, 200, 404, 404, 404)  # patient A's page for their clinician
CLINIC_A_POST = (302, 404, 404, 302, 404, 404, 404)  # a change that redirects back
CLINIC_A_400 = (302, 404, 404, 400, 404, 404, 404)  # a change refused for its empty form
STAFF_ONLY = (302, 302, 302, 200, 200, 200, 200)  # the admin's index and own pages
SU_ONLY = (302, 302, 302, 403, 403, 403, 200)
NOBODY = (302, 302, 302, 403, 403, 403, 403)


@dataclass(frozen=True)
class Row:
    method: str
    statuses: tuple[int, ...]
    kwargs: dict[str, str] = field(default_factory=dict)


def row(method: str, statuses: tuple[int, ...], **kwargs: str) -> Row:
    assert len(statuses) == len(ROLES)
    return Row(method, statuses, kwargs)


def admin_model(label: str, obj: str, **pages: tuple[int, ...]) -> dict[str, Row]:
    """The six admin patterns of one registered model, tried against the world's ``obj``."""
    app, model = label.split(".")
    out = {}
    for page in ("changelist", "add", "history", "delete", "change"):
        kwargs = {} if page in ("changelist", "add") else {"object_id": obj}
        out[f"admin:{app}_{model}_{page}"] = Row("GET", pages[page], kwargs)
    out[f"admin/{app}/{model}/<path:object_id>/"] = Row(
        "GET", pages["redirect"], {"object_id": obj}
    )
    return out


# A clinician reads their own patients' rows (view permission) and is sent away from others'.
# Staff without a patient of their own are sent back to the index from a row's history.
PATIENT_DATA = dict(
    changelist=(302, 302, 302, 200, 200, 403, 200),
    add=SU_ONLY,
    history=(302, 302, 302, 200, 302, 302, 200),
    delete=SU_ONLY,
    change=(302, 302, 302, 200, 302, 403, 200),
    redirect=(302, 302, 302, 302, 302, 302, 302),
)
CATALOG = dict(
    changelist=(302, 302, 302, 200, 200, 403, 200),
    add=(302, 302, 302, 200, 200, 403, 200),
    history=(302, 302, 302, 200, 200, 403, 200),
    delete=(302, 302, 302, 200, 200, 403, 200),
    change=(302, 302, 302, 200, 200, 403, 200),
    redirect=(302, 302, 302, 302, 302, 302, 302),
)
SUPERUSER_MODEL = dict(
    changelist=SU_ONLY,
    add=SU_ONLY,
    history=SU_ONLY,
    delete=SU_ONLY,
    change=SU_ONLY,
    redirect=(302, 302, 302, 302, 302, 302, 302),
)
READ_ONLY_RECORDS = dict(SUPERUSER_MODEL, add=NOBODY, delete=NOBODY)

TABLE: dict[str, Row] = {
    # The public catalog and accounts.
    "home": row("GET", PUBLIC),
    "cause_detail": row("GET", PUBLIC, slug="cause"),
    "exercise_detail": row("GET", PUBLIC, slug="exercise"),
    "login": row("GET", PUBLIC),
    "logout": row("POST", (302, 302, 302, 302, 302, 302, 302)),
    "signup": row("GET", PUBLIC),
    "password_reset": row("GET", PUBLIC),
    "password_reset_done": row("GET", PUBLIC),
    "password_reset_confirm": row("GET", PUBLIC, uidb64="=MQ", token="=set-password"),
    "password_reset_complete": row("GET", PUBLIC),
    # The patient's side.
    "account": row("GET", ANY_PATIENT),
    "account_export": row("POST", (302, 400, 400, 404, 404, 404, 404)),
    "account_delete": row("POST", (302, 400, 400, 404, 404, 404, 404)),
    "today": row("GET", (302, 200, 200, 302, 302, 302, 302)),  # staff go to My patients
    "history": row("GET", ANY_PATIENT),
    "accept_next_stage": row("POST", (302, 302, 404, 404, 404, 404, 404), item_pk="item_a"),
    "safety_check": row("GET", ANY_PATIENT),
    "symptoms_changed": row("POST", (302, 302, 302, 404, 404, 404, 404)),
    "safety_blocked": row("GET", (302, 302, 302, 404, 404, 404, 404)),
    "session_start": row("GET", ANY_PATIENT),
    "session_play": row("GET", A_ONLY, pk="session_a"),
    "session_log_set": row("POST", (302, 400, 404, 404, 404, 404, 404), pk="session_a"),
    "session_skip_item": row("POST", (302, 400, 404, 404, 404, 404, 404), pk="session_a"),
    "session_finish": row("GET", A_ONLY, pk="session_a"),
    "session_summary": row("GET", (302, 302, 404, 404, 404, 404, 404), pk="session_a"),
    # The clinician's side.
    "clinician_patients": row("GET", CLINICIANS),
    "clinician_patient": row("GET", CLINIC_A, pk="patient_a"),
    "clinician_export": row("GET", CLINIC_A, pk="patient_a"),
    "clinician_item_add": row("POST", CLINIC_A_400, pk="patient_a"),
    "clinician_item_update": row("POST", CLINIC_A_400, pk="patient_a", item_pk="item_a"),
    "clinician_item_remove": row("POST", CLINIC_A_POST, pk="patient_a", item_pk="item_a"),
    "clinician_item_move": row(
        "POST", CLINIC_A_POST, pk="patient_a", item_pk="item_a", direction="=down"
    ),
    "clinician_item_next_stage": row("POST", CLINIC_A_400, pk="patient_a", item_pk="item_a"),
    "clinician_item_clear_pause": row("POST", CLINIC_A_POST, pk="patient_a", item_pk="item_a"),
    "clinician_safety_clear": row("POST", CLINIC_A_POST, pk="patient_a", check_pk="red_flag_a"),
    "clinician_patient_add": row("GET", CLINICIANS),
    "clinician_invitation": row("GET", CLINIC_A, pk="patient_a"),
    # Patient A has chosen a password: no new link, and no open invitation to print.
    "clinician_invitation_new": row("POST", CLINIC_A_400, pk="patient_a"),
    "clinician_invitation_sheet": row("GET", (302, 404, 404, 404, 404, 404, 404), pk="patient_a"),
    "clinician_programme": row("GET", CLINIC_A, pk="patient_a"),
    "clinician_settings": row("GET", CLINICIANS),
    "clinician_code_regenerate": row("POST", (302, 404, 404, 302, 302, 404, 404)),
    "clinician_link_request": row(
        "POST", (302, 404, 404, 302, 404, 404, 404), request_pk="link_request"
    ),
    "clinician_alerts": row("GET", CLINICIANS),
    "clinician_alert_acknowledge": row("POST", CLINIC_A_POST, alert_pk="alert_a"),
    "clinician_session": row("GET", CLINIC_A, pk="patient_a", session_pk="session_a"),
    "clinician_timeline": row("GET", CLINIC_A, pk="patient_a"),
    "clinician_note_add": row("POST", CLINIC_A_400, pk="patient_a"),
    "account_clinic_code": row("POST", (302, 400, 400, 404, 404, 404, 404)),
    "account_clinic_code_withdraw": row("POST", (302, 302, 302, 404, 404, 404, 404)),
    # Figures: the staff page and the admin's preview; a figure and an upload are public files
    # (the sample exercise has no figure, and no upload by that name exists).
    "figure_sheet": row("GET", STAFF_ONLY),
    "figure_preview": row("POST", (302, 302, 302, 400, 400, 400, 400)),
    "figure_image": row("GET", (404,) * 7, slug="exercise"),
    "media_file": row("GET", (404,) * 7, path="=exercises/no-such-picture.png"),
    # Reminders and the installable app.
    "save_reminders": row("POST", (302, 400, 400, 404, 404, 404, 404)),
    "pause_reminders": row("POST", (302, 400, 400, 404, 404, 404, 404)),
    "resume_reminders": row("POST", (302, 302, 302, 404, 404, 404, 404)),
    "new_calendar_link": row("POST", (302, 302, 302, 404, 404, 404, 404)),
    "push_subscribe": row("POST", (302, 400, 400, 404, 404, 404, 404)),
    "push_unsubscribe": row("POST", (302, 400, 400, 404, 404, 404, 404)),
    "calendar_feed": row("GET", (200, 200, 200, 200, 200, 200, 200), token="calendar_token_a"),
    "service_worker": row("GET", PUBLIC),
    "manifest": row("GET", PUBLIC),
    "offline": row("GET", PUBLIC),
    "session_state": row("GET", A_ONLY, pk="session_a"),
    "invitation_accept": row("GET", (400, 400, 400, 400, 400, 400, 400), token="=tampered"),
    # The admin's own pages.
    "admin:index": row("GET", STAFF_ONLY),
    "admin:login": row("GET", (200, 200, 200, 302, 302, 302, 302)),
    "admin:logout": row("POST", (302, 302, 302, 302, 302, 302, 302)),
    "admin:password_change": row("GET", STAFF_ONLY),
    "admin:password_change_done": row("GET", STAFF_ONLY),
    "admin:autocomplete": row("GET", (302, 302, 302, 403, 403, 403, 403)),
    "admin:jsi18n": row("GET", STAFF_ONLY),
    "admin:view_on_site": row(
        "GET",
        (302, 302, 302, 302, 302, 302, 302),
        content_type_id="exercise_type",
        object_id="exercise",
    ),
    "admin:app_list": row(
        "GET", (302, 302, 302, 200, 200, 404, 200), app_label="=workout_sessions"
    ),
    "admin/(?P<url>.*)$": row("GET", (302, 302, 302, 404, 404, 404, 404), url="=no-such-page/"),
    "admin:auth_user_password_change": row("GET", SU_ONLY, id="user_a"),
    **admin_model("auth.group", "clinicians_group", **SUPERUSER_MODEL),
    **admin_model(
        "auth.user", "user_a", **dict(SUPERUSER_MODEL, add=(302, 302, 302, 302, 302, 302, 200))
    ),
    **admin_model("exercises.cause", "cause", **dict(CATALOG, delete=SU_ONLY)),
    **admin_model("exercises.exercise", "exercise", **CATALOG),
    # Clinicians edit routines (their own patients') and create patients in the admin.
    **admin_model(
        "exercises.routine",
        "routine_a",
        **dict(
            PATIENT_DATA,
            add=(302, 302, 302, 200, 200, 403, 200),
            delete=(302, 302, 302, 200, 302, 403, 200),
        ),
    ),
    **admin_model("exercises.suitability", "suitability", **CATALOG),
    **admin_model(
        "workout_sessions.patient",
        "patient_a",
        # A clinician adds patients on My patients: the admin's add sends them there.
        **dict(PATIENT_DATA, add=(302, 302, 302, 302, 302, 302, 200)),
    ),
    # Safety checks and sessions are what patients did: no one adds them in the admin.
    **admin_model("workout_sessions.safetycheck", "red_flag_a", **dict(PATIENT_DATA, add=NOBODY)),
    **admin_model("workout_sessions.workoutsession", "session_a", **dict(PATIENT_DATA, add=NOBODY)),
    **admin_model(
        "workout_sessions.setlog", "log_a", **dict(PATIENT_DATA, add=NOBODY, delete=NOBODY)
    ),
    **admin_model("axes.accessattempt", "access_attempt", **dict(SUPERUSER_MODEL, add=NOBODY)),
    # Login logs: a superuser reads and may prune them; nobody adds one by hand.
    **admin_model("axes.accesslog", "access_log", **dict(SUPERUSER_MODEL, add=NOBODY)),
    **admin_model("axes.accessfailurelog", "access_failure", **dict(SUPERUSER_MODEL, add=NOBODY)),
    **admin_model("workout_sessions.accessrecord", "access_record", **READ_ONLY_RECORDS),
    **admin_model("workout_sessions.deletedaccount", "deleted_account", **READ_ONLY_RECORDS),
}


def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(key, pattern name or None) for every pattern the URLconf has, the admin's included."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            inner = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route
            else:
                yield route, route


def test_every_url_pattern_has_an_entry():
    keys = [key for key, _ in url_patterns()]
    assert len(keys) == len(set(keys)), "two patterns share one key"
    missing = sorted(set(keys) - set(TABLE))
    stale = sorted(set(TABLE) - set(keys))
    assert (missing, stale) == ([], []), f"no entry for {missing}; entry but no URL for {stale}"


class World:
    """Two patients (A with Dana, B with Olga), their data, staff, a superuser, the catalog."""

    def __init__(self):
        User = get_user_model()
        self.cause = CauseFactory()
        RoutineFactory(cause=self.cause, patient=None)
        self.exercise = ExerciseFactory()
        self.exercise_type = ContentType.objects.get_for_model(Exercise)
        self.suitability = SuitabilityFactory(exercise=self.exercise, cause=self.cause)
        self.own_clinician = ClinicianFactory(username="dana")
        self.other_clinician = ClinicianFactory(username="olga")
        self.clinicians_group = self.own_clinician.groups.get()
        self.staff = UserFactory(username="stan", is_staff=True)
        self.su = User.objects.create_superuser("root", "root@example.org", "root-pass-2026")
        self.patient_a = PatientFactory(
            user=UserFactory(username="amy"), cause=self.cause, clinician=self.own_clinician
        )
        self.patient_b = PatientFactory(
            user=UserFactory(username="ben"), cause=self.cause, clinician=self.other_clinician
        )
        self.user_a = self.patient_a.user
        for patient in (self.patient_a, self.patient_b):
            routine = RoutineFactory(cause=self.cause, patient=patient.user)
            RoutineItemFactory(routine=routine, exercise=ExerciseFactory())
        self.routine_a = Routine.objects.get(patient=self.user_a)
        self.item_a = self.routine_a.items.get()
        yes = dict.fromkeys(SafetyCheck.QUESTIONS, False)
        self.red_flag_a = record_safety_check(
            patient=self.patient_a, answers=dict(yes, recent_injury=True)
        )
        self.red_flag_a.answered_at -= timedelta(hours=1)
        self.red_flag_a.save()
        for patient in (self.patient_a, self.patient_b):
            record_safety_check(patient=patient, answers=yes)
        self.session_a = start_session(patient=self.patient_a, pain=3, reach=2)
        self.log_a = log_one_set(self.session_a, self.item_a, held_seconds=10)
        self.access_record = AccessRecord.objects.create(
            actor_pk=self.own_clinician.pk,
            actor_username="dana",
            actor_role="clinician",
            patient_pk=self.patient_a.pk,
            patient_username="amy",
            what="patient page",
        )
        self.deleted_account = DeletedAccount.objects.create(patient_pk=999, username="gone")
        self.access_attempt = AccessAttempt.objects.create(
            username="amy", ip_address="10.0.0.1", failures_since_start=1
        )
        self.access_log = AccessLog.objects.create(username="amy", ip_address="10.0.0.1")
        self.access_failure = AccessFailureLog.objects.create(username="amy", ip_address="10.0.0.1")
        self.calendar_token_a = SimpleNamespace(pk=new_feed_token(patient=self.patient_a).token)
        self.alert_a = Alert.objects.get(patient=self.patient_a, kind=AlertKind.RED_FLAG)
        self.link_request = LinkRequest.objects.create(
            patient=PatientFactory(cause=self.cause), clinician=self.own_clinician
        )

    def user(self, role: str):
        if role == "anonymous":
            return None
        value = getattr(self, role)
        return getattr(value, "user", value)

    def value(self, kwarg: str, spec: str) -> str:
        if spec.startswith("="):
            return spec[1:]
        obj = getattr(self, spec)
        return str(obj.slug if kwarg == "slug" else obj.pk)


def _request(client: Client, key: str, entry: Row, world: World, role: str) -> int:
    kwargs = {name: world.value(name, spec) for name, spec in entry.kwargs.items()}
    if key.startswith("admin/"):  # an unnamed admin pattern: its route with the kwargs filled in
        fill = r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)\$?"
        url = "/" + re.sub(fill, lambda m: kwargs[m.group(1) or m.group(2)], key)
    else:
        url = reverse(key, kwargs=kwargs)
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    with transaction.atomic():
        response = getattr(client, entry.method.lower())(url)
        transaction.set_rollback(True)
    client.cookies = SimpleCookie(cookies)  # a logout is rolled back for the next request too
    if role == "anonymous" and response.status_code == 302 and not key.endswith("logout"):
        assert "login" in response["Location"], f"{url} sends a visitor to {response['Location']}"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_its_expected_status_on_every_url(role):
    world = World()
    client = Client()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    index = ROLES.index(role)
    wrong = []
    for key, entry in TABLE.items():
        status = _request(client, key, entry, world, role)
        if status != entry.statuses[index]:
            wrong.append(f"{key}: {status} (expected {entry.statuses[index]})")
    assert wrong == [], f"{role}: " + "; ".join(wrong)

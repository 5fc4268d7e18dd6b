"""Random, missing, oversized and wrong-typed values sent to every form, htmx endpoint and admin
changelist filter (hypothesis).

The form the view uses is the oracle: when it rejects the data, the view answers with its error
status and a message, and no row changes; whatever the data, the answer is never a 5xx. The error
status is 400 everywhere except Django's own log-in and password-reset pages, which re-render the
form with its errors and a 200. Admin changelists answer 200, or Django's own 302 to ``?e=1`` for
a filter they cannot apply. Access records are left out of "no row changes": a clinician's page
re-rendered with an error is still a look at the patient's data, and is recorded.

Each example runs in its own transaction, rolled back after it (hypothesis' Django TestCase).
"""

from __future__ import annotations

import uuid

from axes.utils import reset as axes_reset
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.cache import cache
from django.http import QueryDict
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from clinic.forms import AddItemForm, RoutineItemForm, SetLogFilterForm
from exercises.forms import CategoryFilterForm
from sessions.forms import (
    DoctorClearedForm,
    FinishForm,
    PasswordAgainForm,
    SafetyCheckForm,
    SetLogForm,
    SignupForm,
    SkipItemForm,
    StartForm,
)
from sessions.history import HistoryWindowForm
from sessions.models import AccessRecord, SafetyCheck
from sessions.services import record_safety_check, start_session
from tests.factories import (
    CauseFactory,
    ClinicianFactory,
    ExerciseFactory,
    PatientFactory,
    RoutineFactory,
    RoutineItemFactory,
    UserFactory,
)

FAST = settings(
    max_examples=30,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: it is slow here
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

JUNK = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", " ", "0", "-1", "1e9", "NaN", "null", "true", "[]", "{}", "\x00", "🙂", "2026-13-45"]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True).map(str),
    st.uuids().map(str),
    st.builds(lambda c, n: c * n, st.sampled_from(["9", "x", "é", "<"]), st.integers(300, 5000)),
)


def payload(good: dict[str, list[str]]) -> st.SearchStrategy[QueryDict]:
    """Each field missing, junk, good, or sent several times; plus a stray field now and then."""

    def value(name: str) -> st.SearchStrategy:
        one = st.one_of(JUNK, st.sampled_from(good[name])) if good[name] else JUNK
        return st.one_of(st.none(), one.map(lambda v: [v]), st.lists(one, min_size=2, max_size=3))

    fields = st.fixed_dictionaries({name: value(name) for name in good})
    extra = st.dictionaries(st.sampled_from(["extra", "pk", "id", "csrfmiddlewaretoken"]), JUNK)

    def build(drawn) -> QueryDict:
        values, stray = drawn
        query = QueryDict(mutable=True)
        for name, values_ in values.items():
            if values_ is not None:
                query.setlist(name, values_)
        for name, value_ in stray.items():
            query.setlist(name, [value_])
        return query

    return st.tuples(fields, extra).map(build)


def snapshot() -> dict:
    """Every row of the app's own tables and the accounts (last log-in left out)."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in ("exercises", "workout_sessions") and model is not AccessRecord:
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
    rows["users"] = list(get_user_model().objects.order_by("pk").values(*USER_FIELDS))
    return rows


USER_FIELDS = ["id", "username", "password", "email", "is_active", "is_staff", "is_superuser"]


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class FuzzCase(TestCase):
    """A fast password hasher: the log-in and password forms check a password per example."""

    @classmethod
    def setUpTestData(cls):
        cls.cause = CauseFactory()
        RoutineFactory(cause=cls.cause, patient=None)
        cls.clinician = ClinicianFactory(username="dana")
        cls.patient = PatientFactory(
            user=UserFactory(username="amy"), cause=cls.cause, clinician=cls.clinician
        )
        routine = RoutineFactory(cause=cls.cause, patient=cls.patient.user)
        cls.item = RoutineItemFactory(
            routine=routine,
            exercise=ExerciseFactory(
                hold_seconds=5, progression_start=5, progression_target=30, progression_step=5
            ),
        )
        RoutineItemFactory(routine=routine, exercise=ExerciseFactory(sidedness="each_side"))
        no = dict.fromkeys(SafetyCheck.QUESTIONS, False)
        record_safety_check(patient=cls.patient, answers=no)
        cls.session = start_session(patient=cls.patient, pain=3, reach=2)
        cls.blocked = PatientFactory(user=UserFactory(username="ben"), cause=cls.cause)
        RoutineFactory(cause=cls.cause, patient=cls.blocked.user)
        record_safety_check(patient=cls.blocked, answers=dict(no, recent_injury=True))
        cls.superuser = get_user_model().objects.create_superuser("root", "r@example.org", "pw")

    def setUp(self):
        # A view that raises answers 500 here, as it would in production, and the test says so.
        self.client = Client(raise_request_exception=False)

    def check(self, response, form, *, invalid_status: int = 400):
        self.assertLess(response.status_code, 500, response.content[:500])
        if form.is_valid():
            return
        self.assertEqual(response.status_code, invalid_status, dict(form.errors))
        self.assert_says_why(response, form)

    def assert_says_why(self, response, form):
        """At least one of the form's own error messages is on the page."""
        html = response.content.decode()
        said = [m for errors in form.errors.values() for m in errors if escape(m) in html]
        self.assertTrue(said, f"{dict(form.errors)} not in {html[:3000]}")

    def post(self, url: str, data: QueryDict, user=None):
        if user is not None:
            self.client.force_login(user)
        before = snapshot()
        response = self.client.post(
            url, data.urlencode(), content_type="application/x-www-form-urlencoded"
        )
        return response, before

    def assert_unchanged(self, before, form):
        if not form.is_valid():
            self.assertEqual(snapshot(), before)

    # The patient's forms and the player's htmx endpoints.

    @FAST
    @given(
        payload(
            {
                "pain": [str(n) for n in range(11)],
                "reach": ["0", "3", "5"],
                "flare_up": ["on"],
                "start_anyway": ["on", "1"],
            }
        )
    )
    def test_session_start(self, data):
        response, before = self.post(reverse("session_start"), data, self.patient.user)
        form = StartForm(data)
        self.check(response, form)
        self.assert_unchanged(before, form)

    @FAST
    @given(
        payload(
            {
                "client_id": [str(uuid.uuid4())],
                "item": [],
                "set_number": ["1", "2", "100"],
                "side": ["", "left", "right"],
                "outcome": ["completed", "stopped", "skipped"],
                "held_seconds": ["0", "5", "36000"],
                "reps_done": ["1", "100"],
                "effort": ["easy", "hard"],
                "pain": ["0", "10"],
                "pain_reach": ["0", "5"],
                "stop_reason": ["hurts", "other"],
                "started_at": ["2026-01-01T00:00:00Z"],
                "finished_at": [""],
            }
        )
    )
    def test_log_set(self, data):
        if "item" not in data and len(data) % 2:
            data.setlist("item", [str(self.item.pk)])
        response, before = self.post(
            reverse("session_log_set", args=[self.session.pk]), data, self.patient.user
        )
        form = SetLogForm(data, session=self.session)
        self.assertLess(response.status_code, 500, response.content[:500])
        if not form.is_valid():
            # The outbox's answer is JSON: the form's own words are its error.
            self.assertEqual(response.status_code, 400, dict(form.errors))
            self.assertEqual(response.json(), {"error": form.message()})
        self.assert_unchanged(before, form)

    @FAST
    @given(payload({"item": []}))
    def test_skip_item(self, data):
        response, before = self.post(
            reverse("session_skip_item", args=[self.session.pk]), data, self.patient.user
        )
        form = SkipItemForm(data)
        self.assertLess(response.status_code, 500)
        if not form.is_valid() or form.cleaned_data["item"] != self.item.pk:
            self.assertEqual(response.status_code, 400)
            self.assertIn("That exercise is not in this session.", response.content.decode())
            self.assertEqual(snapshot(), before)

    @FAST
    @given(payload({"pain": ["0", "7", "10"], "reach": ["0", "5"]}))
    def test_finish(self, data):
        response, before = self.post(
            reverse("session_finish", args=[self.session.pk]), data, self.patient.user
        )
        form = FinishForm(data)
        self.check(response, form)
        self.assert_unchanged(before, form)

    @FAST
    @given(payload({key: ["yes", "no"] for key in SafetyCheck.QUESTIONS}))
    def test_safety_check(self, data):
        response, before = self.post(reverse("safety_check"), data, self.patient.user)
        form = SafetyCheckForm(data)
        self.check(response, form)
        self.assert_unchanged(before, form)

    @FAST
    @given(payload({"confirm": ["on", "true"]}))
    def test_doctor_cleared(self, data):
        response, before = self.post(reverse("safety_blocked"), data, self.blocked.user)
        form = DoctorClearedForm(data)
        self.check(response, form)
        self.assert_unchanged(before, form)

    @FAST
    @given(payload({"password": ["wrong"]}), st.sampled_from(["account_export", "account_delete"]))
    def test_export_and_delete(self, data, name):
        prefix = "delete" if name == "account_delete" else None
        if prefix and "password" in data:
            data.setlist("delete-password", data.pop("password"))
        response, before = self.post(reverse(name), data, self.patient.user)
        form = PasswordAgainForm(data, user=self.patient.user, prefix=prefix)
        self.check(response, form)
        self.assert_unchanged(before, form)

    @FAST
    @given(
        payload(
            {
                "username": ["newbie", "amy"],
                "email": ["a@example.org"],
                "password1": ["a-long-passphrase-2026"],
                "password2": ["a-long-passphrase-2026"],
                "cause": [],
                "affected_side": ["left", "both"],
                "time_zone": ["Europe/London", "Mars/Olympus"],
            }
        )
    )
    def test_signup(self, data):
        cache.clear()  # the sign-up rate limit (10 an hour per address) is not under test here
        response, before = self.post(reverse("signup"), data)
        form = SignupForm(data)
        self.check(response, form)
        self.assert_unchanged(before, form)

    @FAST
    @given(payload({"username": ["amy"], "password": ["wrong"]}))
    def test_login(self, data):
        axes_reset()  # the lockout after 5 failures is tested on its own (test_login_throttle)
        response, before = self.post(reverse("login"), data)
        form = AuthenticationForm(RequestFactory().post(reverse("login")), data)
        self.check(response, form, invalid_status=200)
        self.assert_unchanged(before, form)

    @FAST
    @given(payload({"email": ["amy@example.org", "nobody@example.org"]}))
    def test_password_reset(self, data):
        response, before = self.post(reverse("password_reset"), data)
        form = PasswordResetForm(data)
        self.check(response, form, invalid_status=200)
        self.assert_unchanged(before, form)

    # The clinician's forms and filters.

    @FAST
    @given(
        payload(
            {f"item-{name}": ["", "1", "5", "30", "600"] for name in RoutineItemForm.Meta.fields}
        )
    )
    def test_item_update(self, data):
        url = reverse("clinician_item_update", args=[self.patient.pk, self.item.pk])
        response, before = self.post(url, data, self.clinician)
        item = type(self.item).objects.get(pk=self.item.pk)
        form = RoutineItemForm(data, instance=item, prefix=f"item-{item.pk}")
        self.check(response, form)
        self.assert_unchanged(before, form)

    @FAST
    @given(payload({"exercise": []}))
    def test_item_add(self, data):
        url = reverse("clinician_item_add", args=[self.patient.pk])
        response, before = self.post(url, data, self.clinician)
        form = AddItemForm(data)
        self.assertLess(response.status_code, 500)
        if not form.is_valid():
            self.assertEqual(response.status_code, 400)
            self.assertIn("Choose an exercise from the catalog to add.", response.content.decode())
        self.assert_unchanged(before, form)

    @FAST
    @given(
        payload(
            {
                "exercise": [],
                "outcome": ["completed", ""],
                "since": ["2026-01-01"],
                "until": ["2026-12-31"],
                "page": ["1", "2", "99999999999"],
            }
        ),
        st.sampled_from(["clinician_patient", "clinician_export"]),
    )
    def test_set_log_filters(self, data, name):
        self.client.force_login(self.clinician)
        before = snapshot()
        response = self.client.get(reverse(name, args=[self.patient.pk]), data)
        form = SetLogFilterForm(data)
        self.assertLess(response.status_code, 500)
        if not form.is_valid():
            self.assertEqual(response.status_code, 400)
            if name == "clinician_export":
                self.assertIn("The filters are not valid.", response.content.decode())
            else:
                self.assert_says_why(response, form)
        self.assertEqual(snapshot(), before)

    # Public and patient GET forms.

    @FAST
    @given(payload({"days": ["30", "90", "365"]}))
    def test_history_window(self, data):
        self.client.force_login(self.patient.user)
        response = self.client.get(reverse("history"), data)
        form = HistoryWindowForm({"days": data.get("days", 90)})
        self.check(response, form)

    @FAST
    @given(payload({"category": ["", "stretching", "aerobic"]}))
    def test_cause_category_filter(self, data):
        response = self.client.get(reverse("cause_detail", args=[self.cause.slug]), data)
        self.check(response, CategoryFilterForm(data))

    # The admin's changelist filters, for every registered model.

    @FAST
    @given(st.sampled_from(sorted(admin.site._registry, key=str)), st.data())
    def test_admin_changelist_filters(self, model, draw):
        model_admin = admin.site._registry[model]
        lookups = ["q", "o", "p", "e", "all", "_to_field", "_popup"]
        for item in model_admin.list_filter:
            name = item if isinstance(item, str) else item[0] if isinstance(item, tuple) else None
            if name:
                lookups += [f"{name}__exact", f"{name}__id__exact", f"{name}__isnull", name]
        good = {key: [] for key in lookups}
        data = draw.draw(payload(good))
        user = draw.draw(st.sampled_from([self.superuser, self.clinician]))
        self.client.force_login(user)
        before = snapshot()
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = self.client.get(url, data)
        # 400 is Django's answer to a field the admin refuses to follow (``_to_field``).
        self.assertIn(response.status_code, (200, 302, 400, 403), response.content[:500])
        if response.status_code == 302:
            self.assertIn("e=1", response["Location"])
        self.assertEqual(snapshot(), before)

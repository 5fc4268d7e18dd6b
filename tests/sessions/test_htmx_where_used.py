"""htmx is loaded only by the pages that use hx- attributes (the body's hx-headers, which also
gives the player's requests their CSRF token, does not count)."""

import re

import pytest
from django.urls import reverse

from sessions.services import start_session
from tests.factories import CauseFactory, ExerciseFactory, SuitabilityFactory

pytestmark = pytest.mark.django_db

HTMX_SCRIPT = re.compile(r'<script[^>]+src="[^"]*django_htmx/htmx[^"]*\.js"')
HX_ATTRIBUTE = re.compile(r"\shx-(?!headers=)[a-z-]+=")


@pytest.fixture
def pages(safe_patient, routine):
    cause = CauseFactory(name="Spinal stenosis", slug="spinal-stenosis")
    exercise = ExerciseFactory(name="Knee-to-chest stretch", slug="knee-to-chest")
    SuitabilityFactory(cause=cause, exercise=exercise)
    session = start_session(patient=safe_patient, pain=4, reach=3)
    return {
        "catalog": reverse("home"),
        "cause": reverse("cause_detail", args=[cause.slug]),
        "exercise": reverse("exercise_detail", args=[exercise.slug]),
        "today": reverse("today"),
        "player": reverse("session_play", args=[session.pk]),
        "history": reverse("history"),
        "account": reverse("account"),
    }


def test_htmx_is_loaded_exactly_where_hx_attributes_are(patient_client, pages):
    loads = {}
    for name, url in pages.items():
        html = patient_client.get(url).content.decode()
        uses = bool(HX_ATTRIBUTE.search(html))
        loads[name] = bool(HTMX_SCRIPT.search(html))
        assert loads[name] == uses, f"{name}: uses hx- attributes {uses}, loads htmx {loads[name]}"
    assert loads["cause"]  # the category chips swap the lists with hx-get
    assert not loads["today"] and not loads["player"]


def test_the_cause_page_keeps_htmx_and_its_config_for_visitors(client, pages):
    html = client.get(pages["cause"]).content.decode()
    assert HTMX_SCRIPT.search(html)
    assert '"allowEval": false' in html

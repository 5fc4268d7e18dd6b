"""The migration that redraws unclear figures: it replaces only the untouched old drawing."""

import copy
import importlib

import pytest
from django.apps import apps

from exercises import figures
from exercises.models import Exercise
from tests.factories import ExerciseFactory, catalog_figure

redraw = importlib.import_module("exercises.migrations.0007_redraw_unclear_figures")

pytestmark = pytest.mark.django_db


def test_the_new_drawings_are_the_catalog_fixture_s_and_both_draw():
    assert set(redraw.NEW) == set(redraw.OLD)
    assert {"piriformis-stretch", "reclining-twist", "seated-twist", "pigeon"} <= set(redraw.NEW)
    for slug, figure in redraw.NEW.items():
        assert figure == catalog_figure(slug), slug
        assert figure != redraw.OLD[slug], slug
        figures.parse(figure)
        figures.parse(redraw.OLD[slug])


def test_an_old_drawing_is_replaced_and_a_clinician_s_edit_is_kept():
    ExerciseFactory(slug="pigeon", name="Pigeon", figure=redraw.OLD["pigeon"])
    edited = copy.deepcopy(redraw.OLD["seated-twist"])
    edited["description"] = "Our own words for the seated twist"
    ExerciseFactory(slug="seated-twist", name="Seated twist", figure=edited)
    ExerciseFactory(slug="reclining-twist", name="Reclining twist", figure={})
    ExerciseFactory(slug="cobra", name="Cobra", figure=catalog_figure("cobra"))

    redraw.redraw(apps, None)

    assert Exercise.objects.get(slug="pigeon").figure == redraw.NEW["pigeon"]
    assert Exercise.objects.get(slug="seated-twist").figure == edited
    assert Exercise.objects.get(slug="reclining-twist").figure == {}
    assert Exercise.objects.get(slug="cobra").figure == catalog_figure("cobra")


def test_going_back_restores_the_old_drawing_only_where_the_new_one_is_untouched():
    ExerciseFactory(slug="pigeon", name="Pigeon", figure=redraw.NEW["pigeon"])
    ExerciseFactory(slug="sphinx", name="Sphinx", figure=catalog_figure("cobra"))

    redraw.undraw(apps, None)

    assert Exercise.objects.get(slug="pigeon").figure == redraw.OLD["pigeon"]
    assert Exercise.objects.get(slug="sphinx").figure == catalog_figure("cobra")

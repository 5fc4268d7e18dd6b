"""The figure module on its own: the catalog's poses, drawn, checked and mirrored (no database)."""

import copy
import json
import math
import re
import xml.etree.ElementTree as ET
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from exercises import figures

CATALOG = json.loads((Path(__file__).parents[2] / "fixtures" / "catalog.json").read_text())
FIGURES = {
    row["fields"]["slug"]: row["fields"]["figure"]
    for row in CATALOG
    if row["model"] == "exercises.exercise"
}
SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def test_every_catalog_exercise_has_a_figure_with_a_start_and_an_end():
    assert len(FIGURES) == 21
    for slug, data in FIGURES.items():
        figure = figures.parse(data)
        assert len(figure.poses) >= 2, slug
        assert figure.description, slug


@pytest.mark.parametrize("slug", sorted(FIGURES))
@pytest.mark.parametrize("side", ["", "left"])
def test_each_pose_draws_well_formed_svg_inside_its_view_box(slug, side):
    figure = figures.parse(FIGURES[slug])
    for index in range(len(figure.poses)):
        text = figures.svg(figure, index, side=side)
        assert "nan" not in text.lower()
        root = ET.fromstring(text)
        x, y, w, h = (float(v) for v in root.get("viewBox").split())
        assert root.find(f"{SVG}title").text.startswith(figure.description)
        for element in root.iter():
            for name in ("points", "d", "cx", "cy", "x1", "y1", "x", "y"):
                values = [float(v) for v in NUMBER.findall(element.get(name) or "")]
                if name in ("points", "d"):
                    xs, ys = values[0::2], values[1::2]
                elif name.startswith("x") or name == "cx":
                    xs, ys = values, []
                else:
                    xs, ys = [], values
                assert all(x <= v <= x + w for v in xs), (slug, element.tag, name)
                assert all(y <= v <= y + h for v in ys), (slug, element.tag, name)


def _lengths(figure, pose):
    joint = figures.joints(figure, pose)
    pairs = [
        ("hip", "shoulder"),
        ("shoulder_root", "elbow"),
        ("elbow", "wrist"),
        ("far_elbow", "far_wrist"),
        ("hip_root", "knee"),
        ("knee", "ankle"),
        ("ankle", "toe"),
        ("far_knee", "far_ankle"),
        ("neck", "head"),
    ]
    return [round(math.dist(joint[a], joint[b]), 6) for a, b in pairs]


@pytest.mark.parametrize("slug", sorted(FIGURES))
def test_limb_lengths_are_the_same_in_every_pose_and_in_between(slug):
    figure = figures.parse(FIGURES[slug])
    frames, keys = figures.tweens(figure)
    assert len(keys) == len(figure.poses)
    first = _lengths(figure, frames[0])
    for pose in frames[1:]:
        assert _lengths(figure, pose) == first


@pytest.mark.parametrize("slug", sorted(FIGURES))
def test_every_frame_has_the_same_parts_and_number_of_points(slug):
    figure = figures.parse(FIGURES[slug])
    motion = figures.motion(figure)
    sizes = [len(part) for part in motion["frames"][0]]
    assert len(motion["parts"]) == len(sizes)
    assert all([len(part) for part in frame] == sizes for frame in motion["frames"])
    assert motion["keys"][0] == 0 and motion["keys"][-1] == len(motion["frames"]) - 1
    # The key frames are the key poses themselves, as the page draws them first.
    first = ET.fromstring(figures.svg(figure, 0))
    head = first.find(f".//{SVG}circle[@data-part='head']")
    cx, cy = motion["frames"][0][motion["parts"].index("head")]
    assert (float(head.get("cx")), float(head.get("cy"))) == pytest.approx((cx, cy), abs=0.06)


@pytest.mark.parametrize("slug", sorted(FIGURES))
def test_a_mirrored_figure_is_the_reflection_of_the_original(slug):
    figure = figures.parse(FIGURES[slug])
    right, left = figures.motion(figure), figures.motion(figure, "left")
    for frame_r, frame_l in zip(right["frames"], left["frames"], strict=True):
        for part_r, part_l in zip(frame_r, frame_l, strict=True):
            assert part_l[1::2] == part_r[1::2]
            assert part_l[0::2] == pytest.approx(
                [figures.WIDTH - x for x in part_r[0::2]], abs=0.11
            )
    x, _, w, _ = figures.box(figure)
    xl, _, wl, _ = figures.box(figure, "left")
    assert (xl, wl) == pytest.approx((figures.WIDTH - x - w, w))
    assert "(left side)" in figures.svg(figure, side="left")


@pytest.mark.parametrize("slug", sorted(FIGURES))
def test_each_limb_takes_the_short_way_round_between_key_poses(slug):
    """An angle written the long way round (320 for -40) spins the limb in the in-betweens."""
    figure = figures.parse(FIGURES[slug])
    for before, after in pairwise(figure.poses):
        pairs = zip(before.angles()[2:-1], after.angles()[2:-1], strict=True)
        turns = [abs(a - b) for a, b in pairs]
        assert max(turns) <= figures.MAX_TURN, (slug, before.name, after.name)


def test_no_two_exercises_draw_the_same_figure():
    drawn = {slug: figures.motion(figures.parse(data))["frames"] for slug, data in FIGURES.items()}
    for (a, frames_a), (b, frames_b) in combinations(drawn.items(), 2):
        assert frames_a != frames_b, (a, b)
    # Nor the same end pose: the hold is what a patient sees most.
    ends = {slug: json.dumps(frames[-1]) for slug, frames in drawn.items()}
    assert len(set(ends.values())) == len(ends)


def test_the_moving_part_is_highlighted_and_the_far_limbs_set_apart():
    figure = figures.parse(FIGURES["knee-hug"])
    root = ET.fromstring(figures.svg(figure))
    near_leg = root.find(f".//{SVG}*[@data-part='near_leg']")
    far_leg = root.find(f".//{SVG}*[@data-part='far_leg']")
    assert "moving" in near_leg.get("class").split()
    assert "far" in far_leg.get("class").split() and "moving" not in far_leg.get("class")
    assert root.find(f".//{SVG}g[@class='arrow']") is not None
    # Near limbs are drawn after (over) the far ones.
    order = [element.get("data-part") for element in root.iter() if element.get("data-part")]
    assert order.index("far_leg") < order.index("torso") < order.index("near_leg")


def test_twists_and_the_figure_four_are_drawn_from_above():
    assert figures.parse(FIGURES["reclining-twist"]).view == "above"
    assert figures.parse(FIGURES["piriformis-stretch"]).view == "above"
    assert figures.parse(FIGURES["press-up-on-elbows"]).view == "side"


def _errors(data):
    with pytest.raises(figures.FigureError) as raised:
        figures.parse(data)
    return raised.value.messages


def test_a_bad_figure_gets_clear_messages():
    good = FIGURES["press-up-on-elbows"]
    assert _errors([]) == ["The figure must be an object with a view, a description and poses."]

    one_pose = {**good, "poses": good["poses"][:1]}
    assert _errors(one_pose) == ["A figure needs from 2 to 6 poses: at least a start and an end."]

    typo = copy.deepcopy(good)
    typo["poses"][1]["torsoo"] = typo["poses"][1].pop("torso")
    assert _errors(typo) == [
        'Pose 2 ("Hold"): "torsoo" is not a pose setting.',
        'Pose 2 ("Hold") needs "torso".',
    ]

    words = copy.deepcopy(good)
    words["poses"][0]["arm"] = ["up", 0]
    words["view"] = "front"
    assert _errors(words) == [
        '"view" must be "side" or "above".',
        'Pose 1 ("Start"): "arm" must be a number.',
    ]

    outside = copy.deepcopy(good)
    outside["poses"][1]["hip"] = [150, 5.5]
    messages = _errors(outside)
    assert len(messages) == 1
    assert messages[0].startswith('Pose 2 ("Hold") goes outside the frame at: shoulder')

    nan = copy.deepcopy(good)
    nan["poses"][0]["head"] = float("nan")
    assert _errors(nan) == ['Pose 1 ("Start"): "head" must be a number.']

    no_words = {**good, "description": " "}
    assert _errors(no_words) == ['The figure needs a "description": what it shows, in words.']


def test_an_exercise_draws_its_own_figure_as_it_stands_now():
    """drawn_figure parses once per distinct figure: the same value as parse, a changed figure
    draws the change, and a figure that no longer draws is None each time."""
    from exercises.models import Exercise

    data = copy.deepcopy(FIGURES["press-up-on-elbows"])
    assert Exercise(figure=data).drawn_figure == figures.parse(data)
    data["poses"][-1]["head"] += 5
    changed = Exercise(figure=data).drawn_figure
    assert changed == figures.parse(data)
    assert changed != figures.parse(FIGURES["press-up-on-elbows"])
    data["poses"] = data["poses"][:1]
    assert Exercise(figure=data).drawn_figure is None
    assert Exercise(figure=data).drawn_figure is None

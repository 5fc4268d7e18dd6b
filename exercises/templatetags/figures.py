"""Exercise figures in templates: the poses side by side, a small figure, the moving figure.

``figures.svg`` builds its markup from numbers and escapes every text it puts in, so its output
is marked safe here.
"""

import json
from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from exercises import figures
from exercises.models import Exercise, Sidedness

register = template.Library()


def _side(exercise: Exercise, side: str) -> str:
    """The side to draw: the one being worked, or the patient's painful side where only it is."""
    if side not in ("left", "right") or exercise.sidedness == Sidedness.NONE:
        return ""
    return side


@register.inclusion_tag("exercises/_figure_poses.html")
def figure_poses(source: Exercise | figures.Figure | None, side: str = "") -> dict[str, object]:
    """Every key pose of a figure (an exercise's, or one being edited) side by side, named."""
    if isinstance(source, Exercise):
        figure, side = source.drawn_figure, _side(source, side)
    else:
        figure = source
    if figure is None:
        return {"poses": []}
    poses = [
        {
            "name": pose.name,
            "svg": mark_safe(
                figures.svg(figure, index, side=side, title=figures.alt_text(figure, side, pose))
            ),
        }
        for index, pose in enumerate(figure.poses)
    ]
    return {"poses": poses, "description": figures.alt_text(figure, side)}


@register.simple_tag
def figure_small(exercise: Exercise, side: str = "") -> SafeString:
    """The hold (last key) pose, small, for lists: Today, a cause's exercises.

    Where the clinician's own picture replaces the figure, that picture, small.
    """
    if not exercise.shows_figure:
        if not exercise.own_image:
            return mark_safe("")
        return format_html('<img class="own-media small" src="{}" alt="">', exercise.own_image.url)
    figure = exercise.drawn_figure
    if figure is None:
        return mark_safe("")
    side = _side(exercise, side)
    return mark_safe(figures.svg(figure, -1, side=side, css_class="figure small"))


@lru_cache(maxsize=512)
def _motion_json(figure: figures.Figure, side: str) -> str:
    """The frames as JSON, once per figure and side (a figure is a frozen value)."""
    return json.dumps(figures.motion(figure, side), separators=(",", ":"))


@register.simple_tag
def figure_motion(exercise: Exercise, side: str = "") -> SafeString:
    """The figure the player moves (static/js/figure.js), with its frames as data.

    The first key pose is drawn; the start and end poses are also drawn side by side for
    reduced motion (the page marks the current one). Where the clinician's own picture or video
    replaces the figure, that instead (nothing moves with the timer then).
    """
    if not exercise.shows_figure:
        return render_to_string("exercises/_own_media.html", {"exercise": exercise})
    figure = exercise.drawn_figure
    if figure is None:
        return mark_safe("")
    return _moving_figure(figure, _side(exercise, side))


@lru_cache(maxsize=512)
def _moving_figure(figure: figures.Figure, side: str) -> SafeString:
    """The moving figure's markup, once per figure and side (a figure is a frozen value):
    the player draws every item's, for each side, on every visit."""
    moving = figures.svg(figure, 0, side=side, css_class="figure moving-figure")
    pair = "".join(
        format_html(
            '<li data-pose-index="{}">{}<span>{}</span></li>',
            index,
            mark_safe(
                figures.svg(figure, index, side=side, title=figures.alt_text(figure, side, pose))
            ),
            pose.name,
        )
        for index, pose in enumerate(figure.poses)
    )
    return format_html(
        '<div class="move-figure" data-figure data-motion="{}">{}<ol class="figure-pair" '
        'aria-label="Key poses">{}</ol></div>',
        _motion_json(figure, side),
        mark_safe(moving),
        mark_safe(pair),
    )

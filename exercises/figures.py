"""Exercise figures drawn from data: poses → forward kinematics → SVG. Pure: no database.

A figure is a small stick-and-ball person, drawn from the side (``view: "side"``) or from above
(``view: "above"``, for twists and the figure-4 stretch, which the side view cannot show). Its
data is a dict (``Exercise.figure``)::

    {"view": "side", "description": "Lying face down, pushing up onto the elbows, hips on the mat",
     "moving": ["torso", "arms"], "arrow": "shoulder", "props": [], "tempo": 4,
     "poses": [{"name": "Start", "hip": [70, 4], "torso": 0, "head": 0,
                "arm": [-90, 0], "leg": [180, 180, 270]}, ...]}

Every angle is the direction a body segment points in, in degrees: 0 points right, along the
mat; 90 points straight up (counter-clockwise, like a protractor). A pose gives:

- ``hip``: where the hip joint is: [distance from the left edge, height above the mat];
- ``torso``: hip → shoulder; ``bend`` (optional, -1 to 1): bows the back to the left of that
  line (with the head to the right: positive rounds the back up, negative lets it sag);
- ``head``: neck → crown;
- ``arm`` [upper arm, forearm] and ``leg`` [thigh, shin, foot] for the near side, and
  ``far_arm`` / ``far_leg`` for the far side (each defaults to the near one).

Around the poses: ``moving`` names the parts to highlight (see ``MOVING``), ``arrow`` the joint
whose path from the first pose to the second the arrow shows, ``props`` a block, a strap or
water, and ``tempo`` the seconds of one rep there and back when the patient sets the pace (or
one stride of a walk). Poses are placed in a 160 × 120 frame; each figure is shown in the
smallest part of it that holds all its poses.

From above, the feet are short (seen end on), and the shoulders and hips are the width of the
body apart, square to the torso; the near limbs are on the left of the line from hip to head.

Segment lengths are fixed for each view, so every pose of a figure has the same limb lengths.
Each pose is drawn with the same elements and the same number of points, so the page can move
between key poses by interpolating points (``motion``). The in-between frames are made here by
interpolating the angles, so limbs keep their length while they move.

The in-betweens go from one angle to the next as written, so 320 and -40 differ: from 10, one
spins the foot round and the other tips it. The catalog's angles turn at most ``MAX_TURN``
between two key poses (a test checks it).

Figures are drawn for the right side; ``side="left"`` draws the mirror image.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape

WIDTH, HEIGHT = 160, 120
MAT_Y = 110  # the mat's top edge, in SVG units from the top
MARGIN = 1.5  # how close a joint may come to the frame's edge (limbs are drawn round)
VIEWS = ("side", "above")
PROPS = ("block", "strap", "water")
MAX_POSES = 6
FRAMES_BETWEEN = 8  # in-between frames per transition, for the page to step through
MAX_TURN = 200  # the catalog's angles turn at most this far between key poses (no limb spins)

LENGTHS = {
    "side": {
        "torso": 30,
        "neck": 3,
        "head": 7.5,
        "upper_arm": 16,
        "forearm": 16,
        "thigh": 24,
        "shin": 22,
        "foot": 7,
        "shoulder_half": 0,
        "hip_half": 0,
    },
    "above": {
        "torso": 30,
        "neck": 3,
        "head": 7.5,
        "upper_arm": 15,
        "forearm": 14,
        "thigh": 24,
        "shin": 22,
        "foot": 3,
        "shoulder_half": 9,
        "hip_half": 5.5,
    },
}

# What can be highlighted as moving, and the drawn parts each name covers.
MOVING = {
    "torso": ("torso",),
    "head": ("head",),
    "arm": ("near_arm",),
    "far_arm": ("far_arm",),
    "arms": ("near_arm", "far_arm"),
    "leg": ("near_leg",),
    "far_leg": ("far_leg",),
    "legs": ("near_leg", "far_leg"),
}
JOINTS = (
    "hip",
    "shoulder",
    "neck",
    "head",
    "elbow",
    "wrist",
    "knee",
    "ankle",
    "toe",
    "far_elbow",
    "far_wrist",
    "far_knee",
    "far_ankle",
    "far_toe",
    "back",
)
POSE_KEYS = {"name", "hip", "torso", "bend", "head", "arm", "far_arm", "leg", "far_leg"}
FIGURE_KEYS = {"view", "description", "moving", "arrow", "props", "tempo", "poses"}


class FigureError(ValueError):
    """A figure's data cannot be drawn; ``messages`` says why, one line each."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Pose:
    name: str
    hip: tuple[float, float]
    torso: float
    head: float
    arm: tuple[float, float]
    far_arm: tuple[float, float]
    leg: tuple[float, float, float]
    far_leg: tuple[float, float, float]
    bend: float = 0.0

    def angles(self) -> list[float]:
        return [
            *self.hip,
            self.torso,
            self.head,
            *self.arm,
            *self.far_arm,
            *self.leg,
            *self.far_leg,
            self.bend,
        ]

    @classmethod
    def from_angles(cls, name: str, values: list[float]) -> Pose:
        v = values
        return cls(
            name, (v[0], v[1]), v[2], v[3], (v[4], v[5]), (v[6], v[7]), (v[8], v[9], v[10]),
            (v[11], v[12], v[13]), v[14],
        )  # fmt: skip


@dataclass(frozen=True)
class Figure:
    view: str
    poses: tuple[Pose, ...]
    description: str
    moving: tuple[str, ...] = ()
    arrow: str = ""
    props: tuple[str, ...] = ()
    tempo: float = 4.0  # seconds for one rep there and back, when the patient sets the pace

    @property
    def lengths(self) -> dict[str, float]:
        return LENGTHS[self.view]


Point = tuple[float, float]


def _number(value: object, where: str, errors: list[str], low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        errors.append(f"{where} must be a number.")
        return 0.0
    if not low <= value <= high:
        errors.append(f"{where} must be from {low:g} to {high:g}.")
        return 0.0
    return float(value)


def _numbers(value: object, count: int, where: str, errors: list[str], low: float, high: float):
    if not isinstance(value, list | tuple) or len(value) != count:
        errors.append(f"{where} must be a list of {count} numbers.")
        return (0.0,) * count
    return tuple(_number(item, where, errors, low, high) for item in value)


def _pose(data: object, number: int, errors: list[str]) -> Pose:
    label = f"Pose {number}"
    if not isinstance(data, dict):
        errors.append(f"{label} must be an object with the joint angles.")
        return Pose("", (0, 0), 0, 0, (0, 0), (0, 0), (0, 0, 0), (0, 0, 0))
    name = data.get("name")
    if isinstance(name, str) and name.strip():
        label = f'Pose {number} ("{name.strip()[:30]}")'
    else:
        errors.append(f"{label} needs a name, such as Start or Hold.")
    for key in sorted(set(data) - POSE_KEYS):
        errors.append(f'{label}: "{key}" is not a pose setting.')
    for key in ("hip", "torso", "head", "arm", "leg"):
        if key not in data:
            errors.append(f'{label} needs "{key}".')
    angle = (-720, 720)
    hip = _numbers(data.get("hip", (0, 0)), 2, f'{label}: "hip"', errors, -50, 200)
    arm = _numbers(data.get("arm", (0, 0)), 2, f'{label}: "arm"', errors, *angle)
    leg = _numbers(data.get("leg", (0, 0, 0)), 3, f'{label}: "leg"', errors, *angle)
    return Pose(
        name=str(name or "").strip()[:30],
        hip=hip,
        torso=_number(data.get("torso", 0), f'{label}: "torso"', errors, *angle),
        head=_number(data.get("head", 0), f'{label}: "head"', errors, *angle),
        arm=arm,
        far_arm=_numbers(data.get("far_arm", arm), 2, f'{label}: "far_arm"', errors, *angle),
        leg=leg,
        far_leg=_numbers(data.get("far_leg", leg), 3, f'{label}: "far_leg"', errors, *angle),
        bend=_number(data.get("bend", 0), f'{label}: "bend"', errors, -1, 1),
    )


ANGLE_PARTS = (
    "torso", "head", "upper arm", "forearm", "far upper arm", "far forearm",
    "thigh", "shin", "foot", "far thigh", "far shin", "far foot",
)  # fmt: skip


@lru_cache(maxsize=512)
def parse_stored(text: str) -> Figure:
    """``parse`` of a figure as stored, given as JSON text: once per distinct figure and
    process, not on every request that draws it (0.16 ms each). A ``Figure`` is a frozen value,
    so the requests share it safely; a changed figure is a different text. A bad figure's
    ``FigureError`` is raised each time, never kept."""
    return parse(json.loads(text))


def long_turns(figure: Figure) -> list[str]:
    """Messages for each part that turns more than ``MAX_TURN`` between neighbouring key poses.

    Such an angle is almost always written the long way round (320 for -40): the in-betweens
    would spin the limb a full turn. Kept apart from ``parse`` so a figure saved before this
    check still draws; the admin refuses a new one.
    """
    messages = []
    for before, after in zip(figure.poses, figure.poses[1:], strict=False):
        turns = zip(ANGLE_PARTS, before.angles()[2:-1], after.angles()[2:-1], strict=True)
        for part, a, b in turns:
            if abs(a - b) > MAX_TURN:
                messages.append(
                    f'The {part} turns {abs(a - b):g}° from "{before.name}" to "{after.name}": '
                    f"write the angle the short way round (e.g. {b - 360 if b > a else b + 360:g} "
                    f"for {b:g}), or it spins between the poses."
                )
    return messages


def parse(data: object) -> Figure:
    """Check a figure's data and return it as a ``Figure``; raise ``FigureError`` if it is bad."""
    if not isinstance(data, dict):
        raise FigureError(["The figure must be an object with a view, a description and poses."])
    errors: list[str] = []
    for key in sorted(set(data) - FIGURE_KEYS):
        errors.append(f'"{key}" is not a figure setting.')
    view = data.get("view", "side")
    if view not in VIEWS:
        errors.append('"view" must be "side" or "above".')
        view = "side"
    description = data.get("description")
    if not isinstance(description, str) or not description.strip():
        errors.append('The figure needs a "description": what it shows, in words.')
        description = ""
    elif len(description) > 240:
        errors.append('"description" must be 240 characters at most.')
    moving = data.get("moving", [])
    if not isinstance(moving, list) or any(item not in MOVING for item in moving):
        errors.append(f'"moving" must be a list of: {", ".join(MOVING)}.')
        moving = []
    arrow = data.get("arrow", "")
    if arrow not in ("", *JOINTS):
        errors.append(f'"arrow" must be one of the joints: {", ".join(JOINTS)}.')
        arrow = ""
    props = data.get("props", [])
    if not isinstance(props, list) or any(item not in PROPS for item in props):
        errors.append(f'"props" must be a list of: {", ".join(PROPS)}.')
        props = []
    tempo = _number(data.get("tempo", 4), '"tempo"', errors, 0.5, 30)
    poses = data.get("poses")
    if not isinstance(poses, list) or not 2 <= len(poses) <= MAX_POSES:
        errors.append(f"A figure needs from 2 to {MAX_POSES} poses: at least a start and an end.")
        poses = []
    parsed = tuple(_pose(pose, number, errors) for number, pose in enumerate(poses, 1))
    if errors:
        raise FigureError(errors)
    figure = Figure(
        view=view,
        poses=parsed,
        description=description.strip(),
        moving=tuple(moving),
        arrow=arrow,
        props=tuple(props),
        tempo=tempo or 4.0,
    )
    for number, pose in enumerate(parsed, 1):
        outside = [
            name
            for name, (x, y) in joints(figure, pose).items()
            if not (MARGIN <= x <= WIDTH - MARGIN and MARGIN <= y <= HEIGHT - MARGIN)
        ]
        if outside:
            errors.append(
                f'Pose {number} ("{pose.name}") goes outside the frame at: {", ".join(outside)}. '
                f'Move "hip" or change the angles.'
            )
    if errors:
        raise FigureError(errors)
    return figure


def _step(start: Point, angle: float, length: float) -> Point:
    radians = math.radians(angle)
    # Angles count counter-clockwise with y up; SVG's y grows downward.
    return (start[0] + length * math.cos(radians), start[1] - length * math.sin(radians))


def joints(figure: Figure, pose: Pose) -> dict[str, Point]:
    """Forward kinematics: every joint of ``pose``, in SVG units (y down), drawn for the right."""
    size = figure.lengths
    hip = (pose.hip[0], MAT_Y - pose.hip[1])
    shoulder = _step(hip, pose.torso, size["torso"])
    neck = _step(shoulder, pose.torso, size["neck"])
    points = {"hip": hip, "shoulder": shoulder, "neck": neck}
    points["head"] = _step(neck, pose.head, size["head"])
    # The back: a curve from hip to shoulder through a control point off its middle.
    middle = ((hip[0] + shoulder[0]) / 2, (hip[1] + shoulder[1]) / 2)
    points["back"] = _step(middle, pose.torso + 90, pose.bend * size["torso"])
    square = pose.torso + 90  # the near side, square to the torso (from above only)
    for prefix, (upper, fore) in (("", pose.arm), ("far_", pose.far_arm)):
        offset = size["shoulder_half"] * (1 if prefix == "" else -1)
        root = _step(shoulder, square, offset)
        points[f"{prefix}shoulder_root"] = root
        points[f"{prefix}elbow"] = _step(root, upper, size["upper_arm"])
        points[f"{prefix}wrist"] = _step(points[f"{prefix}elbow"], fore, size["forearm"])
    for prefix, (thigh, shin, foot) in (("", pose.leg), ("far_", pose.far_leg)):
        offset = size["hip_half"] * (1 if prefix == "" else -1)
        root = _step(hip, square, offset)
        points[f"{prefix}hip_root"] = root
        points[f"{prefix}knee"] = _step(root, thigh, size["thigh"])
        points[f"{prefix}ankle"] = _step(points[f"{prefix}knee"], shin, size["shin"])
        points[f"{prefix}toe"] = _step(points[f"{prefix}ankle"], foot, size["foot"])
    return points


# The drawn parts, farthest first: each is a list of points (the same count in every pose).
PARTS = ("far_leg", "far_arm", "torso", "head", "near_leg", "near_arm", "strap")


def shapes(figure: Figure, pose: Pose) -> dict[str, list[Point]]:
    """The points of each drawn part of ``pose`` (right side)."""
    p = joints(figure, pose)
    parts = {
        "far_leg": [p["far_hip_root"], p["far_knee"], p["far_ankle"], p["far_toe"]],
        "far_arm": [p["far_shoulder_root"], p["far_elbow"], p["far_wrist"]],
        "torso": [p["hip"], p["back"], p["shoulder"], p["neck"]],
        "head": [p["head"]],
        "near_leg": [p["hip_root"], p["knee"], p["ankle"], p["toe"]],
        "near_arm": [p["shoulder_root"], p["elbow"], p["wrist"]],
    }
    if "strap" in figure.props:
        parts["strap"] = [p["wrist"], p["toe"]]
    if figure.view == "above":
        # Shoulders and hips: a bar across the body.
        parts["shoulders"] = [p["far_shoulder_root"], p["shoulder_root"]]
        parts["hips"] = [p["far_hip_root"], p["hip_root"]]
    return parts


def part_order(figure: Figure) -> tuple[str, ...]:
    order = list(PARTS) if "strap" in figure.props else list(PARTS[:-1])
    if figure.view == "above":
        order[2:2] = ["hips", "shoulders"]
    return tuple(order)


def mirror(points: list[Point]) -> list[Point]:
    """The reflection across the frame's vertical centre line."""
    return [(WIDTH - x, y) for x, y in points]


def pose_shapes(figure: Figure, pose: Pose, side: str = "") -> dict[str, list[Point]]:
    drawn = shapes(figure, pose)
    if side == "left":
        drawn = {name: mirror(points) for name, points in drawn.items()}
    return drawn


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _points(points: list[Point]) -> str:
    return " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)


def _torso_d(points: list[Point]) -> str:
    (hx, hy), (cx, cy), (sx, sy), (nx, ny) = points
    return (
        f"M{_fmt(hx)} {_fmt(hy)} Q{_fmt(cx)} {_fmt(cy)} {_fmt(sx)} {_fmt(sy)} "
        f"L{_fmt(nx)} {_fmt(ny)}"
    )


# From above, the near limbs cross the body; each is drawn over a halo in the mat's colour, so
# a leg across the torso or an arm over a leg stays clear of what lies under it.
HALOED = ("near_leg", "near_arm")


def _part_svg(
    figure: Figure, name: str, points: list[Point], moving: set[str], halo: bool = False
) -> str:
    classes = ["part", name.replace("_", "-")]
    if halo:
        classes = ["halo"]
    elif name.startswith("far_"):
        classes.append("far")
    if name in moving and not halo:
        classes.append("moving")
    attrs = f'class="{" ".join(classes)}" data-part="{name}"'
    if name == "torso":
        return f'<path {attrs} d="{_torso_d(points)}"/>'
    if name == "head":
        x, y = points[0]
        radius = _fmt(figure.lengths["head"])
        return f'<circle {attrs} cx="{_fmt(x)}" cy="{_fmt(y)}" r="{radius}"/>'
    return f'<polyline {attrs} points="{_points(points)}"/>'


def tweens(figure: Figure) -> tuple[list[Pose], list[int]]:
    """Every key pose with the in-between poses before it, and the key poses' indices.

    In-betweens interpolate the angles (not the points), so the limbs keep their lengths.
    """
    frames: list[Pose] = []
    keys: list[int] = []
    for index, pose in enumerate(figure.poses):
        if index:
            before, after = figure.poses[index - 1].angles(), pose.angles()
            for step in range(1, FRAMES_BETWEEN + 1):
                t = step / (FRAMES_BETWEEN + 1)
                values = [b + (a - b) * t for b, a in zip(before, after, strict=True)]
                frames.append(Pose.from_angles("", values))
        keys.append(len(frames))
        frames.append(pose)
    return frames, keys


Box = tuple[float, float, float, float]
PAD = 7  # room round the joints for the limbs' thickness and the head
MAX_ASPECT = 3.2  # wider than this, the frame grows upward (lying figures stay readable)


def box(figure: Figure, side: str = "") -> Box:
    """The figure's own frame (x, y, width, height): every pose and in-between fits inside."""
    frames, _ = tweens(figure)
    points = [point for pose in frames for point in joints(figure, pose).values()]
    x0 = max(0, min(x for x, _ in points) - PAD - 4)
    x1 = min(WIDTH, max(x for x, _ in points) + PAD + 4)
    y0 = max(0, min(y for _, y in points) - PAD - 6)
    on_mat = figure.view == "side" and "water" not in figure.props
    y1 = HEIGHT if on_mat else min(HEIGHT, max(y for _, y in points) + PAD + 12)
    if (x1 - x0) / (y1 - y0) > MAX_ASPECT:
        y0 = max(0, y1 - (x1 - x0) / MAX_ASPECT)
    if side == "left":
        x0, x1 = WIDTH - x1, WIDTH - x0
    return (x0, y0, x1 - x0, y1 - y0)


def _clamp(point: Point, frame: Box) -> Point:
    x, y, w, h = frame
    return (
        min(x + w - MARGIN, max(x + MARGIN, point[0])),
        min(y + h - MARGIN, max(y + MARGIN, point[1])),
    )


def _arrow(figure: Figure, side: str, frame: Box) -> str:
    """A small curved arrow beside the tracked joint, from the start pose toward the next."""
    if not figure.arrow:
        return ""
    first, second = joints(figure, figure.poses[0]), joints(figure, figure.poses[1])
    a, b, hip = first[figure.arrow], second[figure.arrow], first["hip"]
    if side == "left":
        a, b, hip = ((WIDTH - x, y) for x, y in (a, b, hip))
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length < 5:
        return ""
    nx, ny = -dy / length, dx / length
    middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    if (middle[0] - hip[0]) * nx + (middle[1] - hip[1]) * ny < 0:
        nx, ny = -nx, -ny  # bow away from the body
    off, bulge = 9, min(5, length * 0.25)
    start = _clamp((a[0] + dx * 0.1 + nx * off, a[1] + dy * 0.1 + ny * off), frame)
    end = _clamp((a[0] + dx * 0.9 + nx * off, a[1] + dy * 0.9 + ny * off), frame)
    control = _clamp((middle[0] + nx * (off + bulge), middle[1] + ny * (off + bulge)), frame)
    tx, ty = end[0] - control[0], end[1] - control[1]
    tl = math.hypot(tx, ty) or 1
    tx, ty = tx / tl, ty / tl
    head = 5.5
    left = (end[0] - tx * head - ty * head * 0.6, end[1] - ty * head + tx * head * 0.6)
    right = (end[0] - tx * head + ty * head * 0.6, end[1] - ty * head - tx * head * 0.6)
    tip = (end[0] + tx * 1.5, end[1] + ty * 1.5)
    return (
        f'<g class="arrow"><path d="M{_fmt(start[0])} {_fmt(start[1])} '
        f'Q{_fmt(control[0])} {_fmt(control[1])} {_fmt(end[0])} {_fmt(end[1])}"/>'
        f'<polygon points="{_points([tip, left, right])}"/></g>'
    )


def _props_svg(figure: Figure, side: str, frame: Box) -> str:
    out = []
    if "block" in figure.props:
        hip = joints(figure, figure.poses[-1])["hip"]
        x = WIDTH - hip[0] if side == "left" else hip[0]
        top = hip[1] + 4
        out.append(
            f'<rect class="prop" x="{_fmt(x - 8)}" y="{_fmt(top)}" width="16" '
            f'height="{_fmt(max(2, MAT_Y - top))}" rx="2"/>'
        )
    if "water" in figure.props:
        y = min(p[1] for p in joints(figure, figure.poses[0]).values()) - 4
        x, _, w, _ = frame
        left = x + 2
        waves = " ".join(
            f"Q{_fmt(left + 8 * i + 4)} {_fmt(y + (3 if i % 2 else -3))} "
            f"{_fmt(left + 8 * i + 8)} {_fmt(y)}"
            for i in range(int((w - 4) // 8))
        )
        out.append(f'<path class="water" d="M{_fmt(left)} {_fmt(y)} {waves}"/>')
    return "".join(out)


def alt_text(figure: Figure, side: str = "", pose: Pose | None = None) -> str:
    """The text alternative: the description, the pose's name, and the side worked."""
    text = figure.description
    if pose is not None:
        text = f"{pose.name}. {text}"
    if side in ("left", "right"):
        text = f"{text} ({side} side)"
    return text


# For an SVG file on its own (a video's poster), where the page's stylesheet does not reach.
STANDALONE_STYLE = (
    "<style>.part{fill:none;stroke:#2d3a4a;stroke-linecap:round;stroke-linejoin:round;"
    "stroke-width:6}.torso{stroke-width:9}.far{stroke:#8d99a8}.moving{stroke:#1f6f5c}"
    ".far.moving{stroke:#7fb9a8}.head{fill:#2d3a4a;stroke:none}.strap{stroke:#c4561c;"
    "stroke-width:1.5}.mat{stroke:#c9ced6;stroke-width:4;fill:none}.prop{fill:#d9c7a3}"
    ".water{fill:none;stroke:#5d9cc9}.arrow path{fill:none;stroke:#c4561c;stroke-width:2}"
    ".arrow polygon{fill:#c4561c}rect.mat{fill:#eef1f4;stroke-width:2}.halo{fill:none;"
    "stroke:#eef1f4;stroke-linecap:round;stroke-linejoin:round;stroke-width:10}</style>"
)


@lru_cache(maxsize=2048)
def svg(
    figure: Figure,
    pose_index: int = -1,
    *,
    side: str = "",
    css_class: str = "figure",
    title: str | None = None,
    standalone: bool = False,
) -> str:
    """One pose as a standalone SVG (well-formed XML), with a text alternative.

    Every pose of a figure has the same frame and the same elements with the same number of
    points, so the page can move from one to the next (see ``motion``). ``standalone`` adds
    its own colours, for an SVG file shown without the page's stylesheet.

    Memoised: a figure is a frozen value, so the same figure, pose and side always draw the same
    markup, and Today, the player and the catalog draw the same few figures on every request.
    """
    pose = figure.poses[pose_index]
    drawn = pose_shapes(figure, pose, side)
    moving = {part for name in figure.moving for part in MOVING[name]}
    if "strap" in drawn:
        moving.add("strap")
    label = escape(title if title is not None else alt_text(figure, side))
    frame = box(figure, side)
    x, y, w, h = frame
    halos = HALOED if figure.view == "above" else ()
    if figure.view == "above":
        mat = (
            f'<rect class="mat" x="{_fmt(x + 1)}" y="{_fmt(y + 1)}" width="{_fmt(w - 2)}" '
            f'height="{_fmt(h - 2)}" rx="5"/>'
        )
    elif "water" in figure.props:
        mat = ""  # in the pool: the water line is drawn instead
    else:
        mat = (
            f'<line class="mat" x1="{_fmt(x + 2)}" y1="{MAT_Y + 3}" x2="{_fmt(x + w - 2)}" '
            f'y2="{MAT_Y + 3}"/>'
        )
    body = "".join(
        (_part_svg(figure, name, drawn[name], moving, halo=True) if name in halos else "")
        + _part_svg(figure, name, drawn[name], moving)
        for name in part_order(figure)
        if name in drawn
    )
    return (
        f'<svg class="{escape(css_class)}" viewBox="{_fmt(x)} {_fmt(y)} {_fmt(w)} {_fmt(h)}" '
        f'role="img" xmlns="http://www.w3.org/2000/svg" data-view="{figure.view}" '
        f'data-pose="{escape(pose.name)}"><title>{label}</title>'
        f"{STANDALONE_STYLE if standalone else ''}{mat}"
        f"{_props_svg(figure, side, frame)}"
        f'<g class="body">{body}</g>{_arrow(figure, side, frame)}</svg>'
    )


def motion(figure: Figure, side: str = "") -> dict[str, object]:
    """The frames the page steps through, from the first pose to the last, as plain data.

    ``frames[i][j]`` is the flat list of coordinates of part ``parts[j]`` in frame ``i``;
    ``keys`` are the indices of the key poses among the frames.
    """
    order = part_order(figure)
    poses, keys = tweens(figure)
    frames = []
    for pose in poses:
        drawn = pose_shapes(figure, pose, side)
        frames.append([[round(v, 1) for point in drawn[name] for v in point] for name in order])
    return {
        "parts": list(order),
        "frames": frames,
        "keys": keys,
        "names": [pose.name for pose in figure.poses],
        "tempo": figure.tempo,
    }

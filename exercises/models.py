"""The exercise catalog, and the routines clinicians prescribe from it.

Doses share one shape (``Dose``) on the exercise (the catalog default) and on the routine item
(the prescription). Which number progresses depends on the dose kind: the hold in seconds, the
reps, or the minutes. ``progression_start``/``_target``/``_step`` bound and pace that number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property

from exercises import figures


class Category(models.TextChoices):
    STRENGTHENING = "strengthening", "Strengthening"
    STRETCHING = "stretching", "Stretching"
    AEROBIC = "aerobic", "Aerobic"


class Position(models.TextChoices):
    FACE_DOWN = "face_down", "Lying face down"
    ON_BACK = "on_back", "Lying on your back"
    HANDS_KNEES = "hands_knees", "On hands and knees"
    SEATED = "seated", "Sitting"
    STANDING = "standing", "Standing"
    IN_WATER = "in_water", "In the pool"


class Sidedness(models.TextChoices):
    NONE = "none", "Both sides at once"
    EACH_SIDE = "each_side", "Each side in turn"
    AFFECTED_SIDE = "affected_side", "Painful side only"


class DoseKind(models.TextChoices):
    HOLD = "hold", "Hold"
    REPS = "reps", "Repetitions"
    DURATION = "duration", "Duration"


class MediaUse(models.TextChoices):
    BESIDE = "beside", "Beside the figure"
    INSTEAD = "instead", "Instead of the figure"


class SuitabilityLevel(models.TextChoices):
    RECOMMENDED = "recommended", "Recommended"
    CAUTION = "caution", "Use with caution"
    AVOID = "avoid", "Avoid"


@dataclass(frozen=True)
class DoseValues:
    """A dose as plain values, for the pure modules and for display."""

    kind: str
    hold_seconds: int | None
    reps: int
    sets: int
    rest_seconds: int
    duration_minutes: int | None

    def __str__(self) -> str:
        sets = f", {self.sets} sets" if self.sets > 1 else ""
        if self.kind == DoseKind.HOLD:
            return f"hold {self.hold_seconds} s × {self.reps}{sets}"
        if self.kind == DoseKind.REPS:
            return f"{self.reps} reps{sets}"
        return f"{self.duration_minutes} min"


def _range(field: str, low: int, high: int) -> models.CheckConstraint:
    label = field.replace("_", " ").capitalize()
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True})
        | Q(**{f"{field}__gte": low, f"{field}__lte": high}),
        name=f"%(app_label)s_%(class)s_{field}_range",
        violation_error_message=f"{label} must be from {low} to {high}.",
    )


class Dose(models.Model):
    """Dose and progression fields shared by an exercise's default and a routine item."""

    dose_kind = models.CharField(max_length=10, choices=DoseKind.choices, default=DoseKind.HOLD)
    hold_seconds = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Seconds per hold (hold doses only), 1 to 600."
    )
    reps = models.PositiveSmallIntegerField(default=1, help_text="Repetitions per set, 1 to 100.")
    sets = models.PositiveSmallIntegerField(default=1, help_text="Sets per session, 1 to 10.")
    rest_seconds = models.PositiveSmallIntegerField(
        default=10, help_text="Rest between repetitions and sets, 0 to 600 s."
    )
    duration_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Minutes (duration doses only), 1 to 180."
    )
    progression_start = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="First value of the progressing number: seconds held, reps, or minutes.",
    )
    progression_target = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The value to work up to."
    )
    progression_step = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How much one step up adds."
    )
    dose_is_default = models.BooleanField(
        default=False,
        help_text="The source gives no dose: this is a gentle conventional default to adjust.",
    )

    class Meta:
        abstract = True
        constraints = [
            _range("hold_seconds", 1, 600),
            _range("reps", 1, 100),
            _range("sets", 1, 10),
            _range("rest_seconds", 0, 600),
            _range("duration_minutes", 1, 180),
            _range("progression_start", 1, 600),
            _range("progression_target", 1, 600),
            _range("progression_step", 1, 300),
            models.CheckConstraint(
                condition=~Q(dose_kind=DoseKind.HOLD) | Q(hold_seconds__isnull=False),
                name="%(app_label)s_%(class)s_hold_has_seconds",
                violation_error_message="A hold dose needs its hold seconds.",
            ),
            models.CheckConstraint(
                condition=~Q(dose_kind=DoseKind.DURATION) | Q(duration_minutes__isnull=False),
                name="%(app_label)s_%(class)s_duration_has_minutes",
                violation_error_message="A duration dose needs its minutes.",
            ),
            models.CheckConstraint(
                condition=Q(
                    progression_start__isnull=True,
                    progression_target__isnull=True,
                    progression_step__isnull=True,
                )
                | Q(
                    progression_start__isnull=False,
                    progression_target__isnull=False,
                    progression_step__isnull=False,
                    progression_start__lte=F("progression_target"),
                ),
                name="%(app_label)s_%(class)s_progression_complete_and_ordered",
                violation_error_message=(
                    "A progression needs a start, a target and a step, with the start no "
                    "higher than the target (or leave all three empty)."
                ),
            ),
        ]

    @property
    def has_progression(self) -> bool:
        return self.progression_start is not None

    @property
    def progression_unit(self) -> str:
        return {DoseKind.HOLD: "s", DoseKind.REPS: "reps", DoseKind.DURATION: "min"}[self.dose_kind]

    def dose_values(self, progressing_value: int | None = None) -> DoseValues:
        """The dose, with the progressing number replaced by ``progressing_value`` if given."""
        values = {
            "hold_seconds": self.hold_seconds,
            "reps": self.reps,
            "duration_minutes": self.duration_minutes,
        }
        if progressing_value is not None:
            field = {
                DoseKind.HOLD: "hold_seconds",
                DoseKind.REPS: "reps",
                DoseKind.DURATION: "duration_minutes",
            }[self.dose_kind]
            values[field] = progressing_value
        return DoseValues(
            kind=self.dose_kind, sets=self.sets, rest_seconds=self.rest_seconds, **values
        )

    def progression_text(self) -> str:
        if not self.has_progression:
            return ""
        unit = self.progression_unit
        return (
            f"Start at {self.progression_start} {unit}, add {self.progression_step} {unit} "
            f"at a time, up to {self.progression_target} {unit}."
        )


class Cause(models.Model):
    """A condition behind a patient's sciatica, such as a herniated disc."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cause_detail", args=[self.slug])


def validate_figure(value: object) -> None:
    """An empty figure (not drawn yet) is allowed; anything else must draw."""
    if value in ({}, None):
        return
    try:
        figure = figures.parse(value)
    except figures.FigureError as error:
        raise ValidationError(error.messages) from None
    if messages := figures.long_turns(figure):
        raise ValidationError(messages)


class Exercise(Dose):
    """One exercise in the catalog, with its default dose and progression."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    position = models.CharField(max_length=20, choices=Position.choices)
    summary = models.CharField(max_length=240, blank=True, help_text="One line: what it does.")
    cautions = models.TextField(blank=True, help_text="When to stop, and what to avoid.")
    sidedness = models.CharField(max_length=20, choices=Sidedness.choices, default=Sidedness.NONE)
    next_stage = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="previous_stages",
        help_text="The harder variant to offer once this one is easy.",
    )
    figure = models.JSONField(
        default=dict,
        blank=True,
        validators=[validate_figure],
        help_text=(
            "The drawn figure: a view, a description and the key poses (start, then hold or "
            "end). See the preview below, and exercises/figures.py for every setting."
        ),
    )
    own_image = models.FileField(
        upload_to="exercises/pictures/",
        blank=True,
        help_text="Your own picture: JPEG, PNG or WebP, 5 MB at most (location data is removed).",
    )
    own_video = models.FileField(
        upload_to="exercises/videos/",
        blank=True,
        help_text="Your own short video: MP4 or WebM, 30 MB at most. It plays muted and looped.",
    )
    own_media_use = models.CharField(
        "show your picture or video",
        max_length=10,
        choices=MediaUse.choices,
        default=MediaUse.BESIDE,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(Dose.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exercise_detail", args=[self.slug])

    @property
    def default_dose(self) -> DoseValues:
        return self.dose_values(self.progression_start)

    @property
    def has_own_media(self) -> bool:
        return bool(self.own_image or self.own_video)

    @property
    def shows_figure(self) -> bool:
        """The figure is shown unless the clinician's own media replaces it."""
        return not (self.has_own_media and self.own_media_use == MediaUse.INSTEAD)

    @cached_property
    def drawn_figure(self) -> figures.Figure | None:
        """The parsed figure, or None when there is none yet (or it no longer draws)."""
        if not self.figure:
            return None
        try:
            return figures.parse_stored(json.dumps(self.figure, sort_keys=True))
        except figures.FigureError:
            return None


class ExerciseStep(models.Model):
    """One numbered instruction in how to do an exercise."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Suitability(models.Model):
    """How well one exercise suits one cause: recommended, with caution, or avoid."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="suitabilities")
    cause = models.ForeignKey(Cause, on_delete=models.CASCADE, related_name="suitabilities")
    level = models.CharField(max_length=12, choices=SuitabilityLevel.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "suitabilities"
        ordering = ["cause__order", "exercise__name"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "cause"], name="one_suitability_per_cause")
        ]

    def __str__(self) -> str:
        return f"{self.exercise} for {self.cause}: {self.get_level_display()}"


class RoutineQuerySet(models.QuerySet):
    def templates(self) -> RoutineQuerySet:
        return self.filter(patient__isnull=True)


class Routine(models.Model):
    """A cause's template routine, or one patient's own prescribed copy of one."""

    name = models.CharField(max_length=100)
    cause = models.ForeignKey(Cause, on_delete=models.PROTECT, related_name="routines")
    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routine",
        help_text="Empty for a template.",
    )
    sessions_per_day = models.PositiveSmallIntegerField(default=2)
    notes = models.TextField(blank=True, help_text="Advice shown to the patient with the routine.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["cause__order", "name"]
        constraints = [
            _range("sessions_per_day", 1, 12),
            models.UniqueConstraint(
                fields=["cause"], condition=Q(patient__isnull=True), name="one_template_per_cause"
            ),
        ]

    def __str__(self) -> str:
        return self.name if self.patient_id is None else f"{self.name} ({self.patient})"


class RoutineItemQuerySet(models.QuerySet):
    def active(self) -> RoutineItemQuerySet:
        return self.filter(paused=False)

    def listed(self) -> list[RoutineItem]:
        """The items in the routine's order (``Meta.ordering``), sorted here, not by the
        database. A routine holds a handful of items, and for a select as wide as an item with
        its exercise Django's ORDER BY costs more than the query: it hashes every selected
        column to match the ordering against them (``SQLCompiler._order_by_pairs``), 0.8 ms
        of Today's items query."""
        return sorted(self.order_by(), key=lambda item: (item.order, item.pk))


class CurrentItemManager(models.Manager.from_queryset(RoutineItemQuerySet)):
    """Items still in their routine. Being the default manager, it is also what
    ``routine.items`` and the admin use, so a retired item drops out of every plan, page and
    count unless a query asks for ``RoutineItem.with_retired`` by name. (Following a set log or
    a decision to its item uses the base manager, so history still finds a retired item.)"""

    def get_queryset(self) -> RoutineItemQuerySet:
        return super().get_queryset().filter(retired_at__isnull=True)

    def active_in_routine(self, pk: int, routine_id: int) -> RoutineItem | None:
        """One active item of a routine with its exercise's ``sidedness``, or None: the look
        the set-log POST makes, the request a patient makes most.

        Written as SQL (``raw``), as ``WorkoutSessionQuerySet.with_hold`` is: the same query
        through the ORM (``active().annotate(...).get(...)``) cost 1.2 ms to build and run, of
        which 0.8 ms was building it; this costs 0.5 ms. The same rows: current (not retired)
        and not paused, and an id out of the column's range is no item, as the ORM has it
        (SQLite would raise on it)."""
        ops = connections[self.db].ops
        low, high = ops.integer_field_range(self.model._meta.pk.get_internal_type())
        if not low <= pk <= high:
            return None
        items = self.model._meta.db_table
        exercises = Exercise._meta.db_table
        rows = self.raw(
            f'SELECT i.*, e.sidedness AS sidedness FROM "{items}" i '
            f'JOIN "{exercises}" e ON e.id = i.exercise_id '
            "WHERE i.id = %s AND i.routine_id = %s AND NOT i.paused AND i.retired_at IS NULL",
            [pk, routine_id],
        )
        return next(iter(rows), None)


class RoutineItem(Dose):
    """One exercise at its place in a routine, with its prescribed dose and current target."""

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="routine_items")
    order = models.PositiveSmallIntegerField(default=0)
    current_target = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Where the progressing number stands now (set by the progression rules).",
    )
    paused = models.BooleanField(
        default=False,
        help_text="Left out of sessions until a clinician clears it (pain spread twice in a row).",
    )
    next_stage_offered = models.BooleanField(
        default=False, help_text="The patient has been offered this exercise's next stage."
    )
    retired_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it was taken out of the routine. Its sets and decisions are kept.",
    )

    objects = CurrentItemManager()
    with_retired = RoutineItemQuerySet.as_manager()

    class Meta(Dose.Meta):
        ordering = ["order", "id"]
        base_manager_name = "with_retired"
        constraints = [
            *Dose.Meta.constraints,
            _range("current_target", 1, 600),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} in {self.routine}"

    @property
    def next_dose(self) -> DoseValues:
        return self.dose_values(self.current_target if self.has_progression else None)

    @classmethod
    def dose_field_names(cls) -> list[str]:
        return [f.name for f in Dose._meta.get_fields()]


class RoutineChange(models.Model):
    """One change a clinician (or the patient accepting an offer) made to a patient's routine."""

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    description = models.CharField(max_length=300)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["routine", "-changed_at"])]

    def __str__(self) -> str:
        return self.description

"""Public catalog pages: causes, one cause's exercises, and one exercise. No login needed."""

import re

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from exercises import figures, media
from exercises.forms import CategoryFilterForm, FigurePreviewForm
from exercises.models import Cause, Exercise, Suitability, SuitabilityLevel


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def cause_list(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "exercises/cause_list.html", {"causes": Cause.objects.all()})


@require_GET
def cause_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    cause = get_object_or_404(Cause, slug=slug)
    form = CategoryFilterForm(request.GET)
    category = form.cleaned_data["category"] if form.is_valid() else ""
    suitabilities = (
        Suitability.objects.filter(cause=cause)
        .select_related("exercise")
        .order_by("exercise__category", "exercise__name")
    )
    if category:
        suitabilities = suitabilities.filter(exercise__category=category)
    grouped = {level: [] for level in SuitabilityLevel.values}
    for suitability in suitabilities:
        grouped[suitability.level].append(suitability)
    context = {
        "cause": cause,
        "form": form,
        "category": category,
        "recommended": grouped[SuitabilityLevel.RECOMMENDED],
        "caution": grouped[SuitabilityLevel.CAUTION],
        "avoid": grouped[SuitabilityLevel.AVOID],
    }
    template = "exercises/cause_detail.html"
    if request.htmx and not request.htmx.boosted:
        template += "#exercise-lists"
    status = 200 if form.is_valid() else 400
    return render(request, template, context, status=status)


@require_GET
def exercise_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    exercise = get_object_or_404(
        Exercise.objects.select_related("next_stage").prefetch_related(
            "steps",
            Prefetch("suitabilities", queryset=Suitability.objects.select_related("cause")),
            "previous_stages",
        ),
        slug=slug,
    )
    return render(request, "exercises/exercise_detail.html", {"exercise": exercise})


@staff_member_required
@require_GET
def figure_sheet(request: HttpRequest) -> HttpResponse:
    """Staff only: every exercise's poses side by side, to check each figure reads at a glance."""
    exercises = Exercise.objects.only("name", "slug", "figure", "sidedness", "position")
    return render(request, "exercises/figure_sheet.html", {"exercises": exercises})


@staff_member_required
@require_POST
def figure_preview(request: HttpRequest) -> HttpResponse:
    """Staff only: draw figure data typed in the admin, or say what is wrong with it (400)."""
    form = FigurePreviewForm(request.POST)
    if not form.is_valid():
        return render(request, "exercises/_figure_preview.html", {"form": form}, status=400)
    figure = figures.parse(form.cleaned_data["figure"])
    return render(request, "exercises/_figure_preview.html", {"form": form, "figure": figure})


@require_GET
def figure_image(request: HttpRequest, slug: str) -> HttpResponse:
    """An exercise's figure in its hold pose as an SVG file: a video's poster, for instance."""
    exercise = get_object_or_404(Exercise.objects.only("figure", "slug"), slug=slug)
    figure = exercise.drawn_figure
    if figure is None:
        raise Http404("This exercise has no figure yet.")
    return HttpResponse(figures.svg(figure, -1, standalone=True), content_type="image/svg+xml")


RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


@require_GET
def media_file(request: HttpRequest, path: str) -> HttpResponse:
    """A stored upload from MEDIA_ROOT, with its own content type and nothing sniffed or run.

    Only the types the upload checks let in are served. Byte ranges are honoured, as phones
    ask for them to play a video.
    """
    kind = media.content_type(path)
    if not path.startswith("exercises/") or kind is None:
        raise Http404("No such file.")
    try:
        size = default_storage.size(path)
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, SuspiciousFileOperation, OSError):
        raise Http404("No such file.") from None
    match = RANGE.match(request.headers.get("Range", ""))
    if match:
        start = int(match[1])
        end = min(int(match[2]) if match[2] else size - 1, size - 1)
        if start > end:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        handle.seek(start)
        response = HttpResponse(handle.read(end - start + 1), status=206, content_type=kind)
        handle.close()
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(handle, content_type=kind)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response

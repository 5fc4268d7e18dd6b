"""A clinician's own picture or video: checked from its bytes, re-encoded, stored and shown."""

import json
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from exercises import media
from exercises.models import Exercise
from sciatica.media_storage import media_storage
from tests.exercises.test_admin import exercise_form
from tests.factories import ExerciseFactory, ExerciseStepFactory, catalog_figure

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 256
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 512


@pytest.fixture(autouse=True)
def media_root(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


@pytest.fixture
def cobra():
    exercise = ExerciseFactory(name="Cobra", slug="cobra", figure=catalog_figure("cobra"))
    ExerciseStepFactory(exercise=exercise, text="Lie on your front.")
    return exercise


def photo(size=(3000, 2000), kind="JPEG") -> bytes:
    """A picture with EXIF: a camera maker, and "turn 90° to show it" (orientation 6)."""
    picture = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"
    exif[0x0112] = 6
    out = BytesIO()
    picture.save(out, format=kind, exif=exif)
    return out.getvalue()


def upload(client, exercise, **files):
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    data = exercise_form(exercise, figure=json.dumps(exercise.figure), own_media_use="beside")
    data.update(files)
    return client.post(url, data)


def stored_files(root) -> list[str]:
    return sorted(path.name for path in root.rglob("*") if path.is_file())


def test_a_picture_is_re_encoded_without_exif_capped_and_shown(client, clinician, cobra):
    client.force_login(clinician)

    response = upload(client, cobra, own_image=SimpleUploadedFile("me.jpg", photo(), "image/jpeg"))

    assert response.status_code == 302, response.content.decode()[:3000]
    cobra.refresh_from_db()
    assert cobra.own_image.name.startswith("exercises/pictures/")
    assert cobra.own_image.name.endswith(".jpg") and "me" not in cobra.own_image.name
    with Image.open(cobra.own_image.open("rb")) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (1067, 1600)  # turned as its EXIF said, then capped
        assert dict(stored.getexif()) == {}
    page = client.get(reverse("exercise_detail", args=["cobra"])).content.decode()
    assert f'src="/media/{cobra.own_image.name}"' in page
    assert page.count('data-pose="') == 2  # beside the figure

    served = client.get(f"/media/{cobra.own_image.name}")
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(served.streaming_content) == cobra.own_image.open("rb").read()


def test_a_png_named_jpg_is_kept_as_a_png(client, clinician, cobra):
    client.force_login(clinician)
    picture = photo((400, 300), kind="PNG")
    response = upload(client, cobra, own_image=SimpleUploadedFile("me.jpg", picture, "image/jpeg"))
    assert response.status_code == 302
    cobra.refresh_from_db()
    assert cobra.own_image.name.endswith(".png")


def test_a_video_is_typed_from_its_bytes_stored_and_played_muted_looped_inline(
    client, clinician, cobra
):
    client.force_login(clinician)
    clip = SimpleUploadedFile("clip.bin", MP4, "application/octet-stream")

    response = upload(client, cobra, own_video=clip)

    assert response.status_code == 302, response.content.decode()[:3000]
    cobra.refresh_from_db()
    assert cobra.own_video.name.startswith("exercises/videos/")
    assert cobra.own_video.name.endswith(".mp4")
    page = client.get(reverse("exercise_detail", args=["cobra"])).content.decode()
    assert "<video" in page
    for attribute in ("muted", "loop", "playsinline", 'poster="/exercises/cobra/figure.svg"'):
        assert attribute in page
    assert f'<source src="/media/{cobra.own_video.name}">' in page

    part = client.get(f"/media/{cobra.own_video.name}", headers={"Range": "bytes=0-11"})
    assert part.status_code == 206
    assert part["Content-Type"] == "video/mp4"
    assert part["Content-Range"] == f"bytes 0-11/{len(MP4)}"
    assert part.content == MP4[:12]
    poster = client.get(reverse("figure_image", args=["cobra"]))
    assert poster["Content-Type"] == "image/svg+xml"
    assert b"<style>" in poster.content


def test_a_webm_video_is_accepted():
    clip = media.clean_video(SimpleUploadedFile("clip.mp4", WEBM, "video/mp4"))
    assert clip.name.endswith(".webm")


@pytest.mark.parametrize(
    ("field", "name", "content", "message"),
    [
        ("own_video", "exercise.mp4", EXECUTABLE, "This file is not an MP4 or WebM video."),
        ("own_image", "photo.jpg", EXECUTABLE, "This file is not a JPEG, PNG or WebP picture."),
        (
            "own_image",
            "photo.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x13\x37" * 400,
            "This picture could not be read: the file may be damaged.",
        ),
        ("own_image", "photo.gif", b"GIF89a" + b"\x00" * 64, "not a JPEG, PNG or WebP picture."),
        (
            "own_image",
            "huge.jpg",
            b"\xff\xd8\xff" + b"\x00" * (5 * 1024 * 1024),
            "This picture is too big (5.1 MB): the most is 5 MB.",
        ),
        ("own_video", "photo.mp4", photo((40, 30)), "This file is not an MP4 or WebM video."),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_saved(
    client, clinician, cobra, media_root, field, name, content, message
):
    client.force_login(clinician)
    before = Exercise.objects.values().get(pk=cobra.pk)

    response = upload(client, cobra, **{field: SimpleUploadedFile(name, content)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Exercise.objects.values().get(pk=cobra.pk) == before
    assert stored_files(media_root) == []


def test_an_oversized_video_is_refused():
    big = SimpleUploadedFile("big.mp4", MP4 + b"\x00" * (30 * 1024 * 1024))
    with pytest.raises(media.MediaError, match=r"too big \(30.1 MB\): the most is 30 MB"):
        media.clean_video(big)


def test_a_picture_can_replace_the_figure_on_the_exercise_page(client, cobra):
    cobra.own_image.save("x.png", SimpleUploadedFile("x.png", photo((40, 30), "PNG")))
    cobra.own_media_use = "instead"
    cobra.save()
    page = client.get(reverse("exercise_detail", args=["cobra"])).content.decode()
    assert 'data-pose="' not in page
    assert f'src="/media/{cobra.own_image.name}"' in page


def test_only_stored_upload_types_are_served(client, media_root):
    default_storage.save("exercises/pictures/a.jpg", BytesIO(photo((40, 30))))
    default_storage.save("exercises/notes.txt", BytesIO(b"secret"))
    assert client.get("/media/exercises/pictures/a.jpg").status_code == 200
    assert client.get("/media/exercises/notes.txt").status_code == 404
    assert client.get("/media/exercises/pictures/missing.jpg").status_code == 404
    assert client.get("/media/exercises/../../etc/passwd.jpg").status_code == 404


def test_a_bucket_is_one_environment_variable_away_and_the_csp_allows_it():
    assert media_storage({}) == (
        {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        [],
    )
    storage, origins = media_storage(
        {"MEDIA_BUCKET": "clinic-media", "MEDIA_BUCKET_ENDPOINT": "https://s3.example.org/"}
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "clinic-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org/"
    assert origins == ["https://s3.example.org"]
    _, aws = media_storage({"MEDIA_BUCKET": "clinic-media", "MEDIA_BUCKET_REGION": "eu-west-2"})
    assert aws == [
        "https://clinic-media.s3.amazonaws.com",
        "https://clinic-media.s3.eu-west-2.amazonaws.com",
    ]


def test_in_the_player_and_lists_the_picture_stands_in_for_the_figure(cobra):

    player = Template("{% load figures %}{% figure_motion exercise %}|{% figure_small exercise %}")
    assert "data-figure" in player.render(Context({"exercise": cobra}))
    cobra.own_image.save("x.png", SimpleUploadedFile("x.png", photo((40, 30), "PNG")))
    cobra.own_media_use = "instead"
    cobra.save()
    moving, small = player.render(Context({"exercise": cobra})).split("|")
    assert "data-figure" not in moving and f'src="/media/{cobra.own_image.name}"' in moving
    assert small == f'<img class="own-media small" src="/media/{cobra.own_image.name}" alt="">'

"""A clinician's own picture or short video for an exercise: checked from the file's bytes.

Pictures (JPEG, PNG or WebP, 5 MB at most) are decoded and re-encoded with Pillow: that drops
EXIF (location, camera) and anything else riding along in the file, turns the picture the way
its EXIF said, and caps its size. Videos (MP4 or WebM, 30 MB at most) are typed from their
first bytes, never from their name, and stored under a new name with the right extension.
No database here.
"""

from __future__ import annotations

import math
import uuid
from io import BytesIO

from django.core.files.base import ContentFile, File
from PIL import Image, ImageOps, UnidentifiedImageError

MB = 1024 * 1024
IMAGE_MAX_BYTES = 5 * MB
VIDEO_MAX_BYTES = 30 * MB
IMAGE_MAX_SIDE = 1600  # pixels on the longer side, after re-encoding
IMAGE_MAX_PIXELS = 40_000_000  # refuse "decompression bombs" before decoding them
IMAGE_TYPES = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", **VIDEO_TYPES}
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V "}
MP4_BRANDS |= {b"dash", b"MSNV", b"3gp4", b"3gp5", b"qt  "}


class MediaError(ValueError):
    """The file is refused; the message says why, for the clinician."""


def _size(upload: File) -> str:
    return f"{math.ceil(upload.size / MB * 10) / 10:.1f} MB"  # rounded up: 5 MB + 1 byte is 5.1


def image_type(head: bytes) -> str | None:
    """JPEG, PNG or WEBP from a file's first bytes, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def video_type(head: bytes) -> str | None:
    """ "mp4" or "webm" from a file's first bytes, or None."""
    if head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return "webm"
    return None


def _head(upload: File, count: int = 64) -> bytes:
    upload.seek(0)
    head = upload.read(count)
    upload.seek(0)
    return head


def _sniff(upload: File, *, what: str, most: int, sniff, refusal: str) -> str:
    """The file's type from its first bytes, after its size; MediaError if either is wrong."""
    if upload.size > most:
        raise MediaError(f"This {what} is too big ({_size(upload)}): the most is {most // MB} MB.")
    kind = sniff(_head(upload))
    if kind is None:
        raise MediaError(refusal)
    return kind


NOT_A_PICTURE = "This file is not a JPEG, PNG or WebP picture."


def clean_image(upload: File) -> ContentFile:
    """The picture re-encoded (no EXIF, at most IMAGE_MAX_SIDE), under a new name."""
    kind = _sniff(
        upload, what="picture", most=IMAGE_MAX_BYTES, sniff=image_type, refusal=NOT_A_PICTURE
    )
    try:
        with Image.open(upload) as opened:
            if opened.format != kind:
                raise MediaError(NOT_A_PICTURE)
            if opened.width * opened.height > IMAGE_MAX_PIXELS:
                raise MediaError("This picture has too many pixels: please make it smaller.")
            opened.load()
            picture = ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise MediaError("This picture could not be read: the file may be damaged.") from None
    picture.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))
    picture.info = {}  # nothing from the original rides along
    if kind == "JPEG":
        picture = picture.convert("RGB")
    elif picture.mode not in ("RGB", "RGBA", "L", "LA"):
        picture = picture.convert("RGBA")
    out = BytesIO()
    options = {"quality": 85, "optimize": True} if kind in ("JPEG", "WEBP") else {"optimize": True}
    picture.save(out, format=kind, **options)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{IMAGE_TYPES[kind]}")


def clean_video(upload: File) -> File:
    """The same video under a new name whose extension matches its bytes."""
    kind = _sniff(
        upload,
        what="video",
        most=VIDEO_MAX_BYTES,
        sniff=video_type,
        refusal="This file is not an MP4 or WebM video.",
    )
    upload.name = f"{uuid.uuid4().hex}.{kind}"
    return upload


def content_type(name: str) -> str | None:
    """The content type of a stored file, from the extension this module gave it."""
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower()) if "." in name else None

"""Where uploaded media go: the local MEDIA_ROOT, or an S3-compatible bucket by environment."""

from collections.abc import Mapping
from urllib.parse import urlsplit

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def media_storage(env: Mapping[str, str]) -> tuple[dict, list[str]]:
    """The default storage and the origins the CSP must allow for images and video.

    ``MEDIA_BUCKET`` switches to django-storages' S3 backend (credentials come from the usual
    ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``). ``MEDIA_BUCKET_ENDPOINT`` points it at
    an S3-compatible service, ``MEDIA_BUCKET_REGION`` names the region. Files stay private:
    pages link to them with signed, expiring URLs.
    """
    bucket = env.get("MEDIA_BUCKET", "").strip()
    if not bucket:
        return LOCAL, []
    endpoint = env.get("MEDIA_BUCKET_ENDPOINT", "").strip()
    region = env.get("MEDIA_BUCKET_REGION", "").strip()
    options = {
        "bucket_name": bucket,
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    if endpoint:
        options["endpoint_url"] = endpoint
        parts = urlsplit(endpoint)
        origins = [f"{parts.scheme}://{parts.netloc}"]
    else:
        origins = [f"https://{bucket}.s3.amazonaws.com"]
        if region:
            origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    if region:
        options["region_name"] = region
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, origins

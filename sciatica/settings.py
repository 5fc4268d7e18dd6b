"""Settings, read from the environment through small strict helpers.

DEBUG, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, TIME_ZONE, SIGNUP_OPEN, EMERGENCY_NUMBER,
SECURE_SSL, PROXY_COUNT and PATIENT_SESSION_DAYS are the knobs an operator turns (the README
lists them). With none of them set this is production: DEBUG is off and a SECRET_KEY is required.
``make run`` and the tests turn DEBUG on explicitly.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from sciatica.media_storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    """Read a boolean that must be spelled True or False, and refuse anything else."""
    value = os.environ.get(name, default)
    if value not in ("True", "False"):
        raise ImproperlyConfigured(f"{name} must be True or False, not {value!r}")
    return value == "True"


def envlist(name: str, default: str) -> list[str]:
    """Read a comma-separated list, ignoring blanks."""
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = envbool("DEBUG", "False")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off (the default) the app refuses to start "
            "without one. Make one with: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))' and set it in the environment, or set "
            "DEBUG=True for development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# Anyone may create a patient account unless an operator closes sign-up.
SIGNUP_OPEN = envbool("SIGNUP_OPEN", "True")
# The number a patient is told to call with a red-flag symptom: shown as a tap-to-call link.
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "999")
# Behind a proxy, the header that carries the client's address (e.g. X-Forwarded-For) for the
# access record; empty means REMOTE_ADDR.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")

# The local emergency number, shown as a tap-to-call link wherever urgent care is advised.
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "999").strip() or "999"

INSTALLED_APPS = [
    "sciatica.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "sciatica.apps.StaticFilesConfig",
    "django_htmx",
    "csp",
    "axes",
    "sciatica.limits",
    "template_partials",
    "exercises",
    "sessions",
    "clinic",
]
# The benchmark's reference views and their one table (bench/): `make bench` turns BENCH on
# for its own throwaway server and database. Never on in production.
BENCH = envbool("BENCH", "False")
if BENCH:
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise, which sends its own pre-compressed static files: this compresses pages.
    # Django's GZipMiddleware pads each response with random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sciatica.middleware.staff_session_limits",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "sciatica.middleware.private_and_permissions",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sciatica.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sciatica.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "sciatica.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the
    # start of a transaction so two writers queue on the busy timeout instead of failing.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too, not shared-cache memory: two connections then wait on each other
    # on the busy timeout, as they do in production, instead of failing with "table is locked".
    # One file per test run, so two runs side by side never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f"db.sqlite3-test-{os.getpid()}")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# In development (and so in the tests' live server, which runs with DEBUG off) whitenoise serves
# the files straight from the apps' static folders; in production, from collectstatic's output.
WHITENOISE_USE_FINDERS = DEBUG
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "sciatica.storage.StaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Nothing another app server would need lives in process memory, so any number of gunicorn
# workers and app servers can share one database (the README's "Several app servers"):
# - sessions are rows in the database; with REDIS_URL set, the cache is Redis and sessions are
#   read through it (cached_db: Redis answers reads, the database keeps every session, so a
#   Redis restart logs nobody out);
# - the login lockout's attempts are rows (AXES_HANDLER, below), and so are the sign-up counts
#   (sciatica.throttle), with or without Redis;
# - without REDIS_URL the cache is Django's per-process memory, and nothing shared is kept in it.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# HTTPS in production. SECURE_SSL is on by default when DEBUG is off; turn it off only to try
# `make serve` on plain http://127.0.0.1. It brings HSTS (one year, subdomains, preload), the
# redirect to https and cookies that only travel over https.
SECURE_SSL = envbool("SECURE_SSL", "False" if DEBUG else "True")
if SECURE_SSL:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# PROXY_COUNT: how many proxies of yours stand in front of the app (0: none, the default). Only
# then are the proxy's headers believed: X-Forwarded-Proto says the request came over https (so
# the redirect does not loop) and X-Forwarded-For gives the client's address for the login
# lockout. The proxy must set both and overwrite whatever the client sent.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sessions. A patient stays logged in on their own phone (PATIENT_SESSION_DAYS, default 14);
# staff are logged out after 30 minutes without a request, and 12 hours after logging in
# (sciatica.middleware.staff_session_limits).
PATIENT_SESSION_DAYS = int(os.environ.get("PATIENT_SESSION_DAYS", "14"))
SESSION_COOKIE_AGE = PATIENT_SESSION_DAYS * 24 * 60 * 60
STAFF_SESSION_IDLE_SECONDS = 30 * 60
STAFF_SESSION_MAX_SECONDS = 12 * 60 * 60

# Login throttling (django-axes), on the site's and the admin's login alike: 5 failures for one
# username from one address lock that pair out for 15 minutes; more tries while locked do not
# extend it. A superuser unlocks early by deleting the attempt in the admin ("Access attempts").
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The attempts are rows in the database, so a lockout holds across every app server.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "sessions.views.accounts.locked_out"
AXES_USERNAME_CALLABLE = "sciatica.throttle.axes_username"
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if PROXY_COUNT else ("REMOTE_ADDR",)
)
# Sign-up: at most this many attempts from one address in an hour (sessions.throttle).
SIGNUP_ATTEMPTS_PER_HOUR = 10

# Browser features: only the screen wake lock and sound (the player's beeps and voice) are
# allowed, for this site; everything else is off. Vibration has no policy feature to grant.
PERMISSIONS_POLICY = {
    "screen-wake-lock": "(self)",
    "autoplay": "(self)",
    **dict.fromkeys(
        (
            "accelerometer",
            "camera",
            "display-capture",
            "encrypted-media",
            "fullscreen",
            "geolocation",
            "gyroscope",
            "hid",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "picture-in-picture",
            "publickey-credentials-get",
            "serial",
            "usb",
            "xr-spatial-tracking",
        ),
        "()",
    ),
}

# No inline script, no eval, on every page, the admin's included: the player's modules talk to
# htmx through events, and the admin's own scripts are files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Email (invitation links, password reset): printed to the console unless EMAIL_HOST is set,
# then sent by SMTP; EMAIL_BACKEND names any other backend.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "False")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False" if EMAIL_USE_SSL else "True")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Sciatica exercises <noreply@localhost>")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day
# A clinician's own pictures and videos, through Django's storage API: MEDIA_ROOT on this
# machine (served by exercises.views.media_file with nosniff), or a bucket (MEDIA_BUCKET).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES["default"], MEDIA_ORIGINS = media_storage(os.environ)
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += MEDIA_ORIGINS
CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] += MEDIA_ORIGINS

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Web Push reminders. The keys come from the environment (`manage.py generate_vapid_keys` makes
# a pair). In development only, with none set, `make run` keeps a pair in .vapid-dev.json.
VAPID_PUBLIC_KEY = os.environ.get("VAPID_PUBLIC_KEY", "")
VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY", "")
VAPID_SUBJECT = os.environ.get("VAPID_SUBJECT", "mailto:admin@localhost")
VAPID_DEV_FILE = BASE_DIR / ".vapid-dev.json"
if DEBUG and not (VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY) and VAPID_DEV_FILE.exists():
    import json

    _dev_keys = json.loads(VAPID_DEV_FILE.read_text())
    VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY = _dev_keys["public"], _dev_keys["private"]
# A failed push (not a 404/410) is tried this many times, waiting 1 s, 2 s, 4 s… between.
PUSH_ATTEMPTS = 3
PUSH_RETRY_DELAY = 1.0

"""One settings module, switched by environment variables.

Development needs nothing set: SQLite in the working folder and DEBUG on. Production
(``ROTAPLAN_ENV=production``) refuses to start without a real secret key and allowed hosts,
so a missing variable fails at start-up rather than as a security hole later.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

SRC_DIR = Path(__file__).resolve().parent
REPO_DIR = SRC_DIR.parent.parent


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false; got {raw!r}")


def env_int(name: str, default: int, minimum: int = 0, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value: int | None = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum or (maximum is not None and value > maximum):
        bounds = f"from {minimum}" + (f" to {maximum}" if maximum is not None else "")
        raise ImproperlyConfigured(f"{name} must be a whole number {bounds}; got {raw!r}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ROTAPLAN_ENV = env_choice("ROTAPLAN_ENV", ("development", "production"), "development")
PRODUCTION = ROTAPLAN_ENV == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

_DEV_SECRET = "development-only-secret-key-never-used-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the hosts the site is served on")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "rotaplan.web.errors.csrf_failure"
# How many proxies of the trust's own stand in front and add to X-Forwarded-For: the audit
# log and sign-in throttling take the client's address from the header only that far
# (rotaplan.web.client_address). 0: the header is ignored.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", default=0, maximum=5)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves /api/docs with Swagger UI from our static files, not a public CDN
    "auditlog",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rotaplan.organisation",
    "rotaplan.people",
    "rotaplan.rotas",
    "rotaplan.leave",
    "rotaplan.notifications",
    "rotaplan.cover",
    "rotaplan.locums",
    "rotaplan.claims",
    "rotaplan.selfservice",
    "rotaplan.jobplans",
    "rotaplan.clinics",
    "rotaplan.audit",
    "rotaplan.web",
]

MIDDLEWARE = [
    # First: every later reader (the audit log, sign-in throttling) sees one client address.
    "rotaplan.web.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "rotaplan.web.caching.PrivateNoStore",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A NUL or other control character in a query or form answers 422 before any view.
    "rotaplan.web.control_characters.ControlCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "rotaplan.audit.middleware.RefusedWriteAuditMiddleware",
    # The project's own 404 page with DEBUG on too (rotaplan.web.not_found).
    "rotaplan.web.not_found.NotFoundPages",
    # Last, as django-axes asks: it turns a locked-out sign-in into its answer.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Serves the collected, hashed static files; in development runserver serves them.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "rotaplan.urls"

# The areas that add their part to each role's section of the home page, in the order
# their links appear within a section (rotaplan.web.home).
ROTAPLAN_HOME_SECTIONS = [
    # What needs doing today first (answers, decisions, gaps), then the standing links.
    "rotaplan.selfservice.home.sections",
    "rotaplan.leave.home.sections",
    "rotaplan.cover.home.sections",
    "rotaplan.claims.home.sections",
    "rotaplan.locums.home.sections",
    "rotaplan.clinics.home.sections",
    "rotaplan.jobplans.home.sections",
    "rotaplan.rotas.home.sections",
    "rotaplan.organisation.home.sections",
    "rotaplan.people.home.sections",
    "rotaplan.audit.home.sections",
]
WSGI_APPLICATION = "rotaplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "rotaplan.web.jinja.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "rotaplan.web.navigation.navigation",
            ],
        },
    },
    {
        # Django's own admin is written in Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{Path.cwd() / 'db.sqlite3'}",
        # Seconds a connection is kept for the next request (docs/adr/0025): in production
        # a worker reuses its connection, checked before each request that reuses it.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", default=True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock rather than failing at once when the browser test's server and the
    # test itself write at the same time.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

# What is worked out again on every request is kept here, under names that cover all its
# input (compliance reports: rotaplan.rotas.compliance.kept, docs/adr/0025). "locmem" keeps
# it in each worker's memory, "database" in a table that every worker and host shares
# (create it once with `manage.py createcachetable`), "none" keeps nothing.
CACHE_BACKEND = env_choice("CACHE_BACKEND", ("locmem", "database", "none"), "locmem")
CACHES = {
    "default": {
        "BACKEND": {
            "locmem": "django.core.cache.backends.locmem.LocMemCache",
            "database": "django.core.cache.backends.db.DatabaseCache",
            "none": "django.core.cache.backends.dummy.DummyCache",
        }[CACHE_BACKEND],
        "LOCATION": "rotaplan_cache" if CACHE_BACKEND == "database" else "rotaplan",
        "TIMEOUT": env_int("CACHE_TIMEOUT", 24 * 3600, minimum=1),
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 1000, minimum=1)},
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"
LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:sign-in"

# django-axes counts failed sign-ins before Django's own check of the password
# (docs/adr/0022-sign-in-throttling-with-django-axes.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair for 15 minutes:
# enough for someone who mistypes, far too few to guess a password. Whether the username
# exists makes no difference to the count, the lockout or the words shown.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "rotaplan.web.sign_in.locked_out"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Stored in UTC; shown and reasoned about in Europe/London (see rotaplan.engine.clock).
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", REPO_DIR / "staticfiles"))
# The NHS.UK frontend's styles (without its public web font), script and icons, and htmx,
# built from node_modules by `npm run build` (frontend/build.mjs).
STATICFILES_DIRS = [REPO_DIR / "build" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "rotaplan.web.staticfiles.AppStaticFiles",  # the apps' own, less Redoc
]
# Source maps are for a developer's browser tools: hashed, but not compressed ahead.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Uploads (doctor imports) are read in memory; 5 MB is far above a changeover file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

AUDITLOG_INCLUDE_ALL_MODELS = False

# Background work (rota generation) is queued in the database and run by
# `manage.py db_worker` (docs/adr/0013-background-tasks-with-django-tasks.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Generation runs count their time limit on the wall clock, as a coordinator waits. The
# test suite sets this True: the solver then counts CP-SAT's deterministic time on one
# worker, and gives the same rota however busy the machine is.
ROTAPLAN_SOLVER_DETERMINISTIC = False
# Seconds the rota generator looks for a repair of a gap (the gap page's button).
ROTAPLAN_REPAIR_SECONDS = env_int("ROTAPLAN_REPAIR_SECONDS", default=10, minimum=1, maximum=600)

# Notifications (leave decisions, offers, swaps, rota changes) are kept as rows and sent
# after the change commits through each backend named here: the log and email by default.
ROTAPLAN_NOTIFICATION_BACKENDS = env_list(
    "ROTAPLAN_NOTIFICATION_BACKENDS",
    "rotaplan.notifications.backends.ConsoleBackend,rotaplan.notifications.backends.EmailBackend",
)
# Mail through Django's SMTP backend when EMAIL_HOST is set; otherwise to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", default=587, minimum=1, maximum=65535)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rotaplan@localhost")
# The address links in emails and calendar feeds start with, e.g. https://rotaplan.example.nhs.uk
ROTAPLAN_SITE_URL = os.environ.get("ROTAPLAN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
# Scripts, styles, fonts and images from our own static files only: no inline script or
# style, nothing from another host (docs/adr/0024). Images may be data: URLs, which
# Swagger UI's stylesheet uses for its icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes reports every reset of a count; lockouts reach the audit log instead.
    "loggers": {"axes": {"level": "WARNING"}},
}

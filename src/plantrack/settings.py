"""PlanTrack's one settings module, read from the environment.

Variables (all optional for a local demo):

- ``DATABASE_URL``: e.g. ``postgres://user@host:5432/db``; default an SQLite file
  ``plantrack.sqlite3`` in ``PLANTRACK_DATA_DIR`` (WAL mode).
- ``PLANTRACK_DATA_DIR``: the data folder; default ``data/`` beside ``src/``.
- ``SECRET_KEY``: required when ``DEBUG`` is off.
- ``DEBUG``: ``1``/``true``/``yes`` or ``0``/``false``/``no``; default off.
- ``ALLOWED_HOSTS``: comma-separated host names; default ``localhost,127.0.0.1`` with DEBUG.
- ``PLANTRACK_EVIDENCE_MAX_BYTES``: the largest evidence file, in bytes; default 10 MiB.
- ``PLANTRACK_IMPORT_MAX_BYTES``, ``…_MAX_UNPACKED_BYTES``, ``…_MAX_ROWS``, ``…_MAX_COLUMNS``,
  ``…_MAX_CELL_CHARS``, ``…_MAX_PROBLEMS``: the largest import (20 MiB; a workbook
  unpacking to 256 MiB; 1,048,576 rows; 4,096 columns; 32,767 characters in a cell) and the
  problems a report lists (200; the rest counted by kind).
- ``PLANTRACK_DUE_SOON_DAYS``: a task is "due soon" this many days before its deadline;
  default 14.
- ``PLANTRACK_OUTLIER_THRESHOLD``: an imported figure that moves by more than this share of
  the unit's previous figure needs a comment (0.5 = 50 %); default 0.5.
- ``PLANTRACK_OUTLIER_POINTS``: the same for growth rates, in percentage points; default 10.
- ``PLANTRACK_TRUSTED_PROXIES``: how many reverse proxies stand in front of the server
  (each appends the address it saw to ``X-Forwarded-For``); default 0: the header is
  ignored and the client is the connection's address. Login throttling (django-axes), the
  API's throttle (DRF ``NUM_PROXIES``) and the HTTPS header (``X-Forwarded-Proto``) follow it.
- ``PLANTRACK_HSTS_SECONDS``: how long browsers keep to HTTPS (HSTS); default one year
  without DEBUG, 0 with it.
- ``PLANTRACK_SSL_REDIRECT``: redirect plain HTTP to HTTPS; default on without DEBUG.
- ``PLANTRACK_SESSION_HOURS``: a signed-in session ends this many hours after sign-in;
  default 8.
- ``PLANTRACK_LOGIN_FAILURES``: wrong passwords in a row (per user name and address) before
  the login is locked; default 5.
- ``PLANTRACK_LOCKOUT_MINUTES``: how long a locked login stays locked; default 15.
- ``EMAIL_HOST`` (``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``,
  ``EMAIL_USE_TLS``, ``DEFAULT_FROM_EMAIL``): the SMTP server for reminders; without
  ``EMAIL_HOST`` mail is printed on the console.
- ``PLANTRACK_ALLOW_SELF_APPROVAL``: let a user approve a figure they entered or last edited
  (a one-person office); default off (four eyes). Each such approval is marked in the
  figure's history.

Every ``PLANTRACK_*`` setting is declared here with its type; a value that does not read as
that type stops the start with ``ImproperlyConfigured`` naming the variable
(tests/project/test_settings_are_typed.py).
"""

import os
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

# Django's generic classes take type arguments at run time as django-stubs has them
# (``admin.ModelAdmin[Judgement]``), for the modules type-checked strictly.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; refuse anything else rather than guess."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be yes/no (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """Read a whole number (at least ``minimum``); refuse anything else."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_decimal(name: str, default: str, *, minimum: str | None = None) -> Decimal:
    """Read a decimal number written with a dot ("0.5"); refuse anything else."""
    raw = os.environ.get(name)
    text = default if raw is None or raw.strip() == "" else raw.strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name} must be a number such as 0.5, not {raw!r}") from None
    if not value.is_finite() or (minimum is not None and value < Decimal(minimum)):
        raise ImproperlyConfigured(f"{name} must be a finite number ≥ {minimum}, not {raw!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list; blanks are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it, or set DEBUG=1 for a local development run."
        )
    # Development only: DEBUG is on.
    SECRET_KEY = "plantrack-insecure-development-key"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])

DATA_DIR = Path(os.environ.get("PLANTRACK_DATA_DIR") or BASE_DIR / "data")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "axes",
    "auditlog",
    "plantrack.accounts",
    "plantrack.geo",
    "plantrack.plans",
    "plantrack.observations",
    "plantrack.progress",
    "plantrack.extraction",
    "plantrack.workplan",
    "plantrack.investment",
    "plantrack.reports",
    "plantrack.web",
    "plantrack.demo",
    "plantrack.api",
    "plantrack.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after the security headers, before sessions and the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "plantrack.web.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "plantrack.web.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who and from where, for the change log (plantrack.accounts.audit).
    "plantrack.accounts.audit.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "plantrack.web.middleware.FriendlyRefusalMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out answer.
    "axes.middleware.AxesMiddleware",
]

# Backups (plantrack.operations.backup) in JSON lines that keep every microsecond.
SERIALIZATION_MODULES = {"jsonl": "plantrack.operations.serializer"}

ROOT_URLCONF = "plantrack.urls"
WSGI_APPLICATION = "plantrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_from_env() -> dj_database_url.DBConfig:
    """Return the default database: DATABASE_URL, or SQLite in WAL mode in the data folder."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except ValueError as error:
            raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from error
    else:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "plantrack.sqlite3"),
        }
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web server read while an import writes; IMMEDIATE avoids
        # "database is locked" when two writers start a transaction together.
        options = config.setdefault("OPTIONS", {})
        options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        options.setdefault("transaction_mode", "IMMEDIATE")
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Argon2 for new and changed passwords; the others still read passwords stored before
# (upgraded to Argon2 at the next sign-in). The tests use MD5 for speed (tests/conftest.py).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["plantrack.formats"]

# Uploaded evidence files: stored outside the database, under the data folder, and never
# served directly: workplan.views.evidence checks who may see them.
MEDIA_ROOT = DATA_DIR / "media"
PLANTRACK_EVIDENCE_MAX_BYTES: int = env_int(
    "PLANTRACK_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024, minimum=1
)
# The largest import (figures, tasks, projects; web, API and commands alike), refused before
# it is read (tabular.limits): the file, what a workbook unpacks to, rows (Excel's own
# 1,048,576, the header included), columns, characters in a cell (Excel's 32,767), and the
# problems a report lists (the rest are counted by kind).
PLANTRACK_IMPORT_MAX_BYTES: int = env_int("PLANTRACK_IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
PLANTRACK_IMPORT_MAX_UNPACKED_BYTES: int = env_int(
    "PLANTRACK_IMPORT_MAX_UNPACKED_BYTES", 256 * 1024 * 1024, minimum=1
)
PLANTRACK_IMPORT_MAX_ROWS: int = env_int("PLANTRACK_IMPORT_MAX_ROWS", 1_048_576, minimum=2)
PLANTRACK_IMPORT_MAX_COLUMNS: int = env_int("PLANTRACK_IMPORT_MAX_COLUMNS", 4096, minimum=2)
PLANTRACK_IMPORT_MAX_CELL_CHARS: int = env_int(
    "PLANTRACK_IMPORT_MAX_CELL_CHARS", 32_767, minimum=100
)
PLANTRACK_IMPORT_MAX_PROBLEMS: int = env_int("PLANTRACK_IMPORT_MAX_PROBLEMS", 200, minimum=1)
# A file of figures is checked and written this many rows at a time: the rows that passed
# wait on disk (tabular/spool.py), so an import's memory does not grow with its file.
PLANTRACK_IMPORT_CHUNK_ROWS: int = env_int("PLANTRACK_IMPORT_CHUNK_ROWS", 10_000, minimum=1)
# An uploaded file past 2.5 MB is spooled to a temporary file rather than held in memory
# while the request is read; the import then reads at most PLANTRACK_IMPORT_MAX_BYTES of it.
# The rest of a request's body (its form fields, a JSON body) stays within Django's 2.5 MB.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A task is "due soon" within this many days of its deadline (workplan.models.due_soon_days).
PLANTRACK_DUE_SOON_DAYS: int = env_int("PLANTRACK_DUE_SOON_DAYS", 14, minimum=0)
# Imported figures that jump need a comment (observations.validation, "jumps").
PLANTRACK_OUTLIER_THRESHOLD: Decimal = env_decimal(
    "PLANTRACK_OUTLIER_THRESHOLD", "0.5", minimum="0"
)
PLANTRACK_OUTLIER_POINTS: Decimal = env_decimal("PLANTRACK_OUTLIER_POINTS", "10", minimum="0")
# A folder with the office's own copy of the evaluation report's outline.json,
# evaluation.html or evaluation.css, used instead of the shipped ones (docs/report.md).
PLANTRACK_REPORT_TEMPLATE_DIR: str = os.environ.get("PLANTRACK_REPORT_TEMPLATE_DIR", "").strip()
if PLANTRACK_REPORT_TEMPLATE_DIR and not Path(PLANTRACK_REPORT_TEMPLATE_DIR).is_dir():
    raise ImproperlyConfigured(
        f"PLANTRACK_REPORT_TEMPLATE_DIR={PLANTRACK_REPORT_TEMPLATE_DIR!r} is not a folder."
    )
# Generated reports go under MEDIA_ROOT/reports/ (reports.models.report_file_path).
# Deployment (docs/operations.md): proxies, HTTPS, sessions and login throttling.
PLANTRACK_TRUSTED_PROXIES: int = env_int("PLANTRACK_TRUSTED_PROXIES", 0, minimum=0)
PLANTRACK_HSTS_SECONDS: int = env_int(
    "PLANTRACK_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600, minimum=0
)
PLANTRACK_SSL_REDIRECT: bool = env_bool("PLANTRACK_SSL_REDIRECT", not DEBUG)
PLANTRACK_SESSION_HOURS: int = env_int("PLANTRACK_SESSION_HOURS", 8, minimum=1)
PLANTRACK_LOGIN_FAILURES: int = env_int("PLANTRACK_LOGIN_FAILURES", 5, minimum=1)
PLANTRACK_LOCKOUT_MINUTES: int = env_int("PLANTRACK_LOCKOUT_MINUTES", 15, minimum=1)
# Four eyes: no one approves a figure they entered or last edited, unless a one-person office
# turns this on (observations.workflow.approve_observations; the history marks it).
PLANTRACK_ALLOW_SELF_APPROVAL: bool = env_bool("PLANTRACK_ALLOW_SELF_APPROVAL", False)

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# In production WhiteNoise serves the files that ``plantrack collectstatic`` gathered, under
# names carrying their hash (cached for a year) and compressed; with DEBUG, Django's own
# storage serves them from the apps, with no collectstatic needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# With DEBUG (the demo, the tests) WhiteNoise finds the files in the apps, as runserver does.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# The REST API (plantrack/api/, docs/data-collection.md, "REST API"): tokens for scripts,
# the session for the browser; anonymous visitors read what is published.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so an anonymous write gets 401 with "WWW-Authenticate: Token".
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # DRF's three, with a JSON parser that answers 400 to a body nested too deep.
    "DEFAULT_PARSER_CLASSES": [
        "plantrack.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "plantrack.api.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "plantrack.api.exceptions.handle_exception",
    # Only the token view is throttled (ScopedRateThrottle): password guessing.
    "DEFAULT_THROTTLE_RATES": {"token": "20/minute"},
    # The client's address: X-Forwarded-For only as far as our own proxies wrote it.
    "NUM_PROXIES": PLANTRACK_TRUSTED_PROXIES,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PlanTrack API",
    "DESCRIPTION": (
        "Đọc quy hoạch, chỉ tiêu, chỉ số, đơn vị hành chính, số liệu và kết quả đánh giá; "
        "nhập, sửa, gửi và duyệt số liệu trong phạm vi quyền của mình."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the sidecar package's static files: the docs work without internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The error answers every operation may give (plantrack/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "plantrack.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "FigureStatusEnum": "plantrack.observations.choices.FigureStatus",
        "WorkflowStateEnum": "plantrack.observations.choices.WorkflowState",
        "PlanStatusEnum": "plantrack.plans.choices.PlanStatus",
        "PlanKindEnum": "plantrack.plans.choices.PlanKind",
        "SectionKindEnum": "plantrack.plans.choices.SectionKind",
        "TargetKindEnum": "plantrack.plans.choices.TargetKind",
        "AssessmentStatusEnum": "plantrack.progress.choices.Status",
        "AssessmentMethodEnum": "plantrack.progress.choices.Method",
    },
}

# Security of the pages (docs/operations.md, "Security"; `plantrack check --deploy` is clean
# with DEBUG off: tests/project/test_production_settings.py).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_AGE = PLANTRACK_SESSION_HOURS * 3600
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = PLANTRACK_HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = PLANTRACK_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = PLANTRACK_HSTS_SECONDS > 0
SECURE_SSL_REDIRECT = PLANTRACK_SSL_REDIRECT
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PLANTRACK_TRUSTED_PROXIES:
    # The proxy says whether the visitor came over HTTPS; trusted only behind our proxies.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): scripts, style sheets, images and fonts from our own
# static files only; no inline script, no <style> element, no frame, no plug-in. The charts'
# data travel as json_script (type application/json, which CSP does not run). One opening:
# style *attributes* (style-src-attr), which ECharts writes into its tooltips (each series'
# colour marker); an attribute runs no script and loads nothing from elsewhere (img-src and
# font-src stay 'self').
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# What the pages never use, switched off for them and anything they might embed
# (plantrack.web.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Login throttling (django-axes) on every login: the pages' /login/, the admin's and the
# API's /api/token/. Locked per user name and address together, so one office behind one
# address is not locked out by a colleague's typing; the lock-out answer is ours, in the
# request's language (plantrack.accounts.lockout).
AXES_FAILURE_LIMIT = PLANTRACK_LOGIN_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=PLANTRACK_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "plantrack.accounts.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "plantrack.accounts.lockout.lockout_response"
# Every failure is kept (AccessFailureLog), beside every login and logout (AccessLog).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False

# The change log (django-auditlog): which models, in plantrack.accounts.audit.AUDITED.
# Loading a backup (raw saves) is not logged again: the entries are in the backup.
AUDITLOG_DISABLE_ON_RAW_SAVE = True

# Outgoing mail (the reminders, plantrack remind): SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "plantrack@localhost")

# Logs on the standard error (gunicorn or systemd keeps them): warnings and errors of
# Django and PlanTrack, and every login, logout and failed login ("plantrack.security",
# plantrack.accounts.signals).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "plantrack.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

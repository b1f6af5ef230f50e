"""PlanTrack's one settings module, read from the environment.

Variables (all optional for a local demo):

- ``DATABASE_URL``: e.g. ``postgres://user@host:5432/db``; default an SQLite file
  ``plantrack.sqlite3`` in ``PLANTRACK_DATA_DIR`` (WAL mode).
- ``PLANTRACK_DATA_DIR``: the data folder; default ``data/`` beside ``src/``.
- ``SECRET_KEY``: required when ``DEBUG`` is off.
- ``DEBUG``: ``1``/``true``/``yes`` or ``0``/``false``/``no``; default off.
- ``ALLOWED_HOSTS``: comma-separated host names; default ``localhost,127.0.0.1`` with DEBUG.
- ``PLANTRACK_EVIDENCE_MAX_BYTES``: the largest evidence file, in bytes; default 10 MiB.
- ``PLANTRACK_DUE_SOON_DAYS``: a task is "due soon" this many days before its deadline;
  default 14.
- ``PLANTRACK_OUTLIER_THRESHOLD``: an imported figure that moves by more than this share of
  the unit's previous figure needs a comment (0.5 = 50 %); default 0.5.
- ``PLANTRACK_OUTLIER_POINTS``: the same for growth rates, in percentage points; default 10.
- ``PLANTRACK_ALLOW_SELF_APPROVAL``: let a user approve a figure they entered or last edited
  (a one-person office); default off (four eyes). Each such approval is marked in the
  figure's history.

Every ``PLANTRACK_*`` setting is declared here with its type; a value that does not read as
that type stops the start with ``ImproperlyConfigured`` naming the variable
(tests/project/test_settings_are_typed.py).
"""

import os
from decimal import Decimal, InvalidOperation
from pathlib import Path

import dj_database_url
import django_stubs_ext
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
    "plantrack.accounts",
    "plantrack.geo",
    "plantrack.plans",
    "plantrack.observations",
    "plantrack.progress",
    "plantrack.extraction",
    "plantrack.workplan",
    "plantrack.investment",
    "plantrack.web",
    "plantrack.demo",
    "plantrack.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "plantrack.web.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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
# A task is "due soon" within this many days of its deadline (workplan.models.due_soon_days).
PLANTRACK_DUE_SOON_DAYS: int = env_int("PLANTRACK_DUE_SOON_DAYS", 14, minimum=0)
# Imported figures that jump need a comment (observations.validation, "jumps").
PLANTRACK_OUTLIER_THRESHOLD: Decimal = env_decimal(
    "PLANTRACK_OUTLIER_THRESHOLD", "0.5", minimum="0"
)
PLANTRACK_OUTLIER_POINTS: Decimal = env_decimal("PLANTRACK_OUTLIER_POINTS", "10", minimum="0")
# Four eyes: no one approves a figure they entered or last edited, unless a one-person office
# turns this on (observations.workflow.approve_observations; the history marks it).
PLANTRACK_ALLOW_SELF_APPROVAL: bool = env_bool("PLANTRACK_ALLOW_SELF_APPROVAL", False)

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG

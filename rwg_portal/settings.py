"""Settings for the RWG Portal, all read from the environment.

Defaults are safe for production; the set-up script (``bin/setup``) sets the few
variables that the local demo and the tests need (debug, plain HTTP, SQLite).
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from rwg_portal.env import env_bool, env_int, env_list, env_str, redis_database_further, xdist_process_number

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("RWG_DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("RWG_DEBUG", False)
SECRET_KEY = env_str("RWG_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("RWG_SECRET_KEY must be set when RWG_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-" + "x" * 40

ALLOWED_HOSTS = env_list("RWG_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("RWG_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("RWG_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # full-text search types; harmless on the SQLite demo (docs/search.md)
    "django.contrib.sitemaps",
    "django.forms",  # Django's widget templates, for the project's form renderer (FORM_RENDERER)
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "django_filters",
    "django_htmx",
    "rwg_portal",
    "members",
    "meetings",
    "programmes",
    "data_hub",
    "reports",
]

MIDDLEWARE = [
    "rwg_portal.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rwg_portal.page_cache.NotModifiedMiddleware",  # 304s of public pages, before sessions and the rest
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "members.middleware.UserTimezoneMiddleware",
    "rwg_portal.middleware.IdleTimeoutMiddleware",
    "members.middleware.RequireTwoFactorMiddleware",
    # The request that could not queue its task gets a page saying so (503), not the generic error.
    "rwg_portal.middleware.QueueUnavailableMiddleware",
]

ROOT_URLCONF = "rwg_portal.urls"
WSGI_APPLICATION = "rwg_portal.wsgi.application"
ASGI_APPLICATION = "rwg_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rwg_portal.context_processors.portal",
                "rwg_portal.context_processors.seo",
            ],
        },
    }
]
# Form fields render through templates/includes/field.html, with the templates above.
FORM_RENDERER = "rwg_portal.forms.FormRenderer"

# SQLite in a local folder unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'rwg.sqlite3'}"),
        conn_max_age=env_int("RWG_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail login, no open sign-up (the secretariat invites people).
ACCOUNT_ADAPTER = "members.adapters.InviteOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "RWG Portal"

SESSION_COOKIE_AGE = env_int("RWG_SESSION_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
# Secretariat and admin sessions end after this long without a request.
RWG_IDLE_MINUTES = env_int("RWG_IDLE_MINUTES", 30)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Production transport security; RWG_HTTPS=false only for the local demo and tests.
HTTPS = env_bool("RWG_HTTPS", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("RWG_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("RWG_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind the proxy every request comes from the proxy's address. One rule for the client's
# address (allauth's, used by its rate limits, the portal's own limits and the security log,
# rwg_portal/security.py): the last RWG_PROXY_COUNT hop of X-Forwarded-For, which the proxy adds
# itself, or a header the proxy sets (RWG_CLIENT_IP_HEADER, e.g. X-Real-IP). Never trusted otherwise.
if env_bool("RWG_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    ALLAUTH_TRUSTED_PROXY_COUNT = env_int("RWG_PROXY_COUNT", 1)
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("RWG_CLIENT_IP_HEADER") or None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything is served by the portal itself: no outside host, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic")), ("fr", _("French"))]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our formats first, Django's for the rest: Arabic figures with the Arabic separators (rwg_portal/formats/ar).
FORMAT_MODULE_PATH = ["rwg_portal.formats"]
# django-filter's empty choice is "---------" unless a filter names its own: "All" says what it does.
FILTERS_EMPTY_CHOICE_LABEL = _("All")
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# Shown to people who have not chosen a time zone: the secretariat sits in Beirut.
RWG_DEFAULT_TIME_ZONE = env_str("RWG_DEFAULT_TIME_ZONE", "Asia/Beirut")

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("RWG_STATIC_ROOT", str(DATA_DIR / "static")))
# Third-party files come from npm at set-up (package-lock.json), never copied in.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/noto-sans-arabic", NODE_MODULES / "@fontsource" / "noto-sans-arabic"),
    ("vendor/noto-naskh-arabic", NODE_MODULES / "@fontsource" / "noto-naskh-arabic"),
]
# Uploaded and generated files live outside the web root and are served by views
# that check permissions; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = DATA_DIR / "media"
# A parallel test run (pytest-xdist; never in production) gives each test process its own Redis
# databases and media folder: tests clear the cache (FLUSHDB) and remove the files they built, which
# must not empty another process's cache or folder. Process N takes the databases N further on (cache
# and broker); so a run of P processes uses P cache databases from REDIS_URL's and P broker databases
# from CELERY_BROKER_URL's. A Celery worker started by a test process inherits the process's number.
TEST_PROCESS = xdist_process_number()
if TEST_PROCESS is not None:
    MEDIA_ROOT = DATA_DIR / f"media-gw{TEST_PROCESS}"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("RWG_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
RWG_MAX_UPLOAD_BYTES = env_int("RWG_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# Items on a page of a list (rwg_portal.shortcuts.paginate).
RWG_PAGE_SIZE = 25

REDIS_URL = redis_database_further(env_str("REDIS_URL"), TEST_PROCESS or 0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "rwg_portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # Short timeouts: a missing Redis must not hang the pages.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: a Redis broker when one is configured, otherwise tasks run in-process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
if TEST_PROCESS is not None and CELERY_BROKER_URL:
    # Celery reads CELERY_BROKER_URL from the environment before its settings, so the environment must
    # name this test process's broker too; a worker started by the process inherits both variables.
    # The URL before the move is kept aside so that the worker's settings move it once, not twice.
    CELERY_BROKER_URL = redis_database_further(os.environ.setdefault("RWG_TEST_BROKER_BASE", CELERY_BROKER_URL),
                                               TEST_PROCESS)
    os.environ["CELERY_BROKER_URL"] = CELERY_BROKER_URL
CELERY_BROKER_URL = CELERY_BROKER_URL or REDIS_URL
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Keep Django's logging (JSON lines) in the worker too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_DEFAULT_QUEUE = env_str("RWG_CELERY_QUEUE", "default")
# Publishing a task while Redis is away gives up after about two seconds with an error instead of
# hanging the request (the job row stays pending; docs/operations.md, "Faults").
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1.0}
CELERY_BROKER_CONNECTION_TIMEOUT = 2.0
# PDF builds (WeasyPrint) run only in a worker of their own queue, "reports". Production
# runs one worker for it, recycled after a few builds so that its memory does not grow:
#   celery -A rwg_portal worker -Q reports --concurrency=1 --max-tasks-per-child=5
# (docs/reports.md, "Operations"). The test worker listens to RWG_EXTRA_QUEUES as well.
CELERY_TASK_ROUTES = {"reports.tasks.*": {"queue": "reports"}}
RWG_EXTRA_QUEUES = ["reports"]
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "rwg_portal.tasks.heartbeat", "schedule": 60.0},
    # Jobs whose worker was lost (killed mid-task) are failed instead of staying "running"; jobs saved
    # while Redis was away are published again once it is back (each task claims its row).
    "operations-sweep-jobs": {"task": "rwg_portal.tasks.sweep_jobs", "schedule": 300.0},
    # The PDF download counter counts a visitor once a day; the visits of past days are forgotten.
    "reports-prune-download-visits": {"task": "reports.tasks.prune_download_visits", "schedule": 6 * 3600.0},
    # Reminders (each sent once: a Reminder row records it). Invitees are reminded a week and a
    # day before a meeting, so the task runs hourly; action items are checked every morning.
    "meeting-reminders": {"task": "meetings.tasks.send_meeting_reminders", "schedule": crontab(minute=5)},
    "action-item-reminders": {"task": "meetings.tasks.send_action_item_reminders",
                              "schedule": crontab(hour=5, minute=15)},
}

# E-mail (Django 6.1 mailers): printed to the console in the demo, SMTP in production.
EMAIL_BACKEND_NAME = env_str(
    "RWG_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_NAME, "OPTIONS": {}}}
if EMAIL_BACKEND_NAME.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("RWG_EMAIL_HOST", "localhost"),
        "port": env_int("RWG_EMAIL_PORT", 25),
        "username": env_str("RWG_EMAIL_USER") or None,
        "password": env_str("RWG_EMAIL_PASSWORD") or None,
        "use_tls": env_bool("RWG_EMAIL_TLS", False),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = env_str("RWG_FROM_EMAIL", "RWG Portal <no-reply@rwg-portal.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The ORGANIZER of meetings in the calendar invitations: calendar programs send their answers there.
RWG_SECRETARIAT_EMAIL = env_str("RWG_SECRETARIAT_EMAIL", "secretariat@rwg-portal.example")
# How long a guest's signed invitation link works (seconds; default 180 days).
RWG_GUEST_LINK_MAX_AGE = env_int("RWG_GUEST_LINK_MAX_AGE", 180 * 24 * 3600)

# One JSON line per request and per task in production; readable lines in development.
LOG_FORMAT = env_str("RWG_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "rwg_portal.observability.RequestIdFilter"},
                # URL secrets (feed tokens, reset keys) never reach a log line.
                "redact": {"()": "rwg_portal.observability.RedactFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                            "filters": ["request_id", "redact"]}},
    "root": {"handlers": ["console"], "level": env_str("RWG_LOG_LEVEL", "INFO")},
    "loggers": {
        # The request log replaces Django's own per-request lines.
        "django.server": {"level": "WARNING" if LOG_FORMAT == "json" else "INFO"},
        "rwg.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}

SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from rwg_portal.observability import init_sentry

    init_sentry(SENTRY_DSN, env_str("RWG_ENVIRONMENT", "production"))

# Public data pages answer conditional requests from the data version (rwg_portal/page_cache.py);
# how long a browser or proxy may reuse an anonymous answer of the open data API without asking.
RWG_PUBLIC_MAX_AGE = env_int("RWG_PUBLIC_MAX_AGE", 60)

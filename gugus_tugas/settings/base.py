"""Settings shared by every environment, read from the environment with django-environ.

Defaults run on the embedded stack (SQLite, file cache, filesystem Celery broker), so `make run`
needs no server; DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis.
"""

import sys
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
# Runtime files of the embedded default: SQLite database, file cache, Celery queue, uploads.
VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))

# Public development keys: production.py refuses to start with any of them.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me"
DEV_FIELD_ENCRYPTION_KEY = "ZGV2LW9ubHktZmllbGQta2V5LWNoYW5nZS1tZTAwMDA="
DEV_NIK_HASH_KEY = "dev-only-nik-hash-key-change-me"

SECRET_KEY = env("DJANGO_SECRET_KEY", default=DEV_SECRET_KEY)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "gugus_tugas.admin_apps.SecureAdminConfig",  # django.contrib.admin behind allauth's login + TOTP
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, under FORM_RENDERER below
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "import_export",
    "simple_history",
    "csp",
    "gugus_tugas",
    "cases",
    "rad",
    "meetings",
    "reports",
]

MIDDLEWARE = [
    # First: the load balancer's /sehat/ answers before the Host check and the HTTPS redirect.
    "gugus_tugas.health.HealthCheckMiddleware",
    "gugus_tugas.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files: precompressed by collectstatic
    # pages compressed when the browser asks (README, "Compressed responses": BREACH)
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gugus_tugas.middleware.SessionIdleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # the person's chosen language, never the browser's (replaces LocaleMiddleware)
    "gugus_tugas.middleware.PersonLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "gugus_tugas.middleware.UserTimezoneMiddleware",
    "gugus_tugas.middleware.TaskForceScopeMiddleware",
]

ROOT_URLCONF = "gugus_tugas.urls"
WSGI_APPLICATION = "gugus_tugas.wsgi.application"

# Widgets render through the project's templates, so templates/django/forms/ can adjust them
# (the empty choice of a select reads "— pilih —", not "---------").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gugus_tugas.context_processors.task_force",
            ],
        },
    }
]

# This process is a Celery worker (`celery -A gugus_tugas worker`, `python -m celery ... worker`).
RUNNING_AS_CELERY_WORKER = "celery" in (sys.argv[0] if sys.argv else "") and "worker" in sys.argv[1:]
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the Celery worker read while the web process writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    # No JIT compilation: the row-level security policies' sub-plans make PostgreSQL estimate
    # even a one-row lookup above jit_above_cost, and compiling took ~35 ms of a query that
    # runs in under 1 ms (case page 411 -> ~100 ms at 500k cases; bench/results/load.md). The
    # pages' queries are short; the roll-ups do not need it either. (Through PgBouncer, set
    # `jit = off` on the database instead: it does not pass startup options.)
    # Persistent connections: a new PostgreSQL backend per request (fork, authentication, SET
    # ROLE, cold catalog caches) cost more CPU than many pages' own queries under load
    # (bench/results/load.md). The row-level security state is per transaction scope and is
    # back to "no task force" at the end of every request (gugus_tugas.rls).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})
    # A Celery worker (`celery ... worker`) plans its queries without parallel workers: a
    # background roll-up (the nation's figures at 500k cases) otherwise takes every core of the
    # database host for seconds, and each page in that moment waits for one (the load test's
    # uniform ~3.5 s p95, bench/results/load.md). The refresh takes longer on one core; nobody
    # waits for it. WORKER_MAX_PARALLEL_WORKERS_PER_GATHER="" leaves PostgreSQL's setting.
    worker_parallel = env("WORKER_MAX_PARALLEL_WORKERS_PER_GATHER", default="0")
    DATABASES["default"]["OPTIONS"]["options"] = " ".join(filter(None, [
        DATABASES["default"]["OPTIONS"].get("options", ""), "-c jit=off",
        f"-c max_parallel_workers_per_gather={int(worker_parallel)}"
        if RUNNING_AS_CELERY_WORKER and worker_parallel != "" else ""]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# PostgreSQL: the role the application works as (`SET ROLE` on each connection), which owns no
# table, so row-level security holds it to the current task forces (gugus_tugas/rls.py). The
# login role (DATABASE_URL's user) owns the tables and runs migrate. Empty turns the lock off;
# SQLite has none (the application's scoped managers remain the only lock there).
DATABASE_APP_ROLE = env(
    "DATABASE_APP_ROLE",
    default="gugus_app" if DATABASES["default"]["ENGINE"].endswith("postgresql") else "",
)
# A PostgreSQL streaming replica (hot standby) of the primary: the figures' roll-up reads go
# there once it has caught up with the primary, waiting for it at most REPLICA_MAX_WAIT_SECONDS
# (gugus_tugas/routers.py); everything else stays on the primary. Same login role as the primary
# (roles are replicated), which switches to DATABASE_APP_ROLE there too.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
REPLICA_MAX_WAIT_SECONDS = env.float("REPLICA_MAX_WAIT_SECONDS", default=1.0)
if DATABASE_REPLICA_URL:
    if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs a PostgreSQL DATABASE_URL.")
    DATABASES["replica"] = {
        **DATABASES["default"], **env.db("DATABASE_REPLICA_URL"),
        # its reads run in autocommit: no transaction opened on it for every request
        "ATOMIC_REQUESTS": False,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["gugus_tugas.routers.ReplicaRouter"]

REDIS_URL = env("REDIS_URL", default="")
# Every call to Redis (cache, Celery broker and results) gives up after about this long: a Redis
# that accepts connections but does not answer (process stopped, packets dropped) costs a page a
# second, never a hung worker.
REDIS_TIMEOUT_SECONDS = env.float("REDIS_TIMEOUT_SECONDS", default=1.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "gugus_tugas.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="gt"),
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                        "socket_timeout": REDIS_TIMEOUT_SECONDS},
        }
    }
else:
    # Shared by every process of the embedded default (web and worker), unlike locmem.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTH_USER_MODEL = "gugus_tugas.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email login, no open sign-up (people are invited), TOTP + recovery codes.
ACCOUNT_ADAPTER = "gugus_tugas.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a reset never opens a session: log in, with TOTP
# Tell people by email when their password or second factor changes (also their own changes).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
# The client address that login lock-out counts per: behind TRUSTED_PROXY_COUNT reverse proxies
# (the TLS proxy in front of gunicorn: 1), the address that many hops from the right of
# X-Forwarded-For; with 0 (no proxy) the header is ignored, since a client can forge it. A proxy
# that sets its own header instead (X-Real-IP, CF-Connecting-IP): TRUSTED_CLIENT_IP_HEADER.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default=None)
# Failed logins: per address and per account (key = email), counted in the shared cache.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("LOGIN_FAILED_RATE", default="20/15m/ip,5/15m/key"),
    "login": "60/m/ip",
    "reset_password": "10/h/ip,3/h/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "GT PP-TPPO"
MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"

SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
# The age counts from the last request (an idle timeout), refreshed at most once a minute
# (gugus_tugas.middleware.SessionIdleMiddleware) rather than written on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["gugus_tugas.formats"]
USE_I18N = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"

# Uploaded files (scanned decrees, case attachments, report PDFs) are private: stored outside any
# served folder and downloaded only through scoped views.
PRIVATE_STORAGE_ROOT = env.path("PRIVATE_STORAGE_ROOT", default=VAR_DIR / "private")
STORAGES = {
    "default": {
        "BACKEND": "gugus_tugas.storage.PrivateStorage",
        "OPTIONS": {"location": str(PRIVATE_STORAGE_ROOT)},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Uploads up to the limit stay in memory, so an import file or ID scan never touches the disk in
# plain text (it is stored encrypted by cases.crypto.EncryptedFileStorage).
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 512 * 1024

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="GT PP-TPPO <noreply@localhost>")
INVITE_VALID_DAYS = env.int("INVITE_VALID_DAYS", default=7)

# Content-Security-Policy: everything comes from this site (works on an offline LAN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport (no server).
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=10 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=9 * 60)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_KB", default=800_000)
CELERY_RESULT_EXTENDED = True
if REDIS_URL:
    CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
    CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A message whose worker died comes back after this long; a killed render is taken over
        # sooner by the job sweeper (reports.tasks.report_jobs_sweep). Longer than any task runs.
        "visibility_timeout": 20 * 60,
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    }
    CELERY_REDIS_SOCKET_TIMEOUT = REDIS_TIMEOUT_SECONDS  # result backend (default 120 s)
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_TIMEOUT_SECONDS
    CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT_SECONDS
else:
    _broker_dir = VAR_DIR / "celery"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        # kombu's exchange tables: default `control/` in the working directory (the repository)
        "control_folder": str(_broker_dir / "control"),
    }
    CELERY_RESULT_BACKEND = f"file://{_broker_dir / 'results'}"
    # Any process may publish first (seed_demo queues notifications before a worker ever ran):
    # the embedded default's folders exist from the first import of the settings.
    for _folder in ("queue", "processed", "control", "results"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish that fails is tried once more, at once: a page says "try later" instead of waiting.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2,
                                    "interval_max": 0.2}
# Background jobs (gugus_tugas.jobs): a running job beats every JOB_HEARTBEAT_SECONDS; one
# silent for JOB_HEARTBEAT_STALE_SECONDS lost its worker and is taken over; the sweeper runs every
# JOB_SWEEP_SECONDS; a job queued for JOB_QUEUED_EXPIRY_SECONDS without starting expires.
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", default=5)
JOB_HEARTBEAT_STALE_SECONDS = env.float("JOB_HEARTBEAT_STALE_SECONDS", default=30)
JOB_SWEEP_SECONDS = env.float("JOB_SWEEP_SECONDS", default=20)
JOB_REPUBLISH_SECONDS = env.float("JOB_REPUBLISH_SECONDS", default=5 * 60)
JOB_QUEUED_EXPIRY_SECONDS = env.float("JOB_QUEUED_EXPIRY_SECONDS", default=30 * 60)
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {"task": "gugus_tugas.clear_expired_sessions", "schedule": 24 * 3600},
    # uploaded import files (names, NIK) never outlive a day
    "purge-import-files": {"task": "cases.import_files_purge", "schedule": 3600},
    "report-jobs-sweep": {"task": "reports.report_jobs_sweep", "schedule": JOB_SWEEP_SECONDS,
                          "options": {"expires": JOB_SWEEP_SECONDS}},
    "import-jobs-sweep": {"task": "cases.import_jobs_sweep", "schedule": JOB_SWEEP_SECONDS,
                          "options": {"expires": JOB_SWEEP_SECONDS}},
    "meetings-reminders": {"task": "meetings.send_reminders", "schedule": 24 * 3600},
    # the day's notifications to those who chose a daily digest, at the end of the office day
    "notifications-digest": {"task": "gugus_tugas.notifications_digest",
                             "schedule": crontab(hour=17, minute=0)},
    "beat-heartbeat": {"task": "gugus_tugas.beat_heartbeat", "schedule": 60,
                       "options": {"expires": 60}},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Field encryption for victims' identities (cases app). Comma-separated Fernet keys, newest first.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[DEV_FIELD_ENCRYPTION_KEY])
NIK_HASH_KEY = env("NIK_HASH_KEY", default=DEV_NIK_HASH_KEY)

SMALL_CELL_K = env.int("SMALL_CELL_K", default=5)
# Dashboard/report figures are cached until case data changes (and at most this long).
FIGURES_CACHE_SECONDS = env.int("FIGURES_CACHE_SECONDS", default=6 * 3600)
# Dashboards and the Pemantauan page do not recompute in the request after every change
# (reports.warm): they show the last figures at once, say "as of" and that newer ones are being
# computed, and queue one refresh per figures at most every FIGURES_REFRESH_SECONDS. Figures last
# known exact more than FIGURES_STALE_SECONDS ago are computed in the request (as with no worker
# running). 0 turns it off: every dashboard waits for exact figures. Exports, the report and the
# API always read exact figures.
FIGURES_STALE_SECONDS = env.int("FIGURES_STALE_SECONDS", default=10 * 60)
FIGURES_REFRESH_SECONDS = env.int("FIGURES_REFRESH_SECONDS", default=60)
# The Pemantauan rows (SK, RAD, meetings, cases, sign-ins: several apps, no one data version) are
# current for this long, then refreshed the same way; 0: read afresh on every view.
MONITORING_FRESH_SECONDS = env.int("MONITORING_FRESH_SECONDS", default=60)

# Health check (/sehat/, gugus_tugas.health): 503 when more tasks than this wait in the queue or
# the last beat heartbeat (every minute) is older than this.
HEALTH_QUEUE_MAX = env.int("HEALTH_QUEUE_MAX", default=500)
HEALTH_BEAT_STALE_SECONDS = env.int("HEALTH_BEAT_STALE_SECONDS", default=300)

# One line per record on stderr: JSON (`LOG_FORMAT=json`, the production default) or text, with
# request id, user id, task force and path, and never a victim's identity (gugus_tugas.logs).
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "gugus_tugas.logs.ContextFilter"},
                "redact": {"()": "gugus_tugas.logs.IdentityRedactionFilter"}},
    "formatters": {"json": {"()": "gugus_tugas.logs.JsonFormatter"},
                   "text": {"()": "gugus_tugas.logs.TextFormatter",
                            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                             "filters": ["context", "redact"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # `django` through the root handler only: Django's own handlers would print unmasked lines
    # (console, DEBUG) or mail tracebacks with the request's data to ADMINS
    "loggers": {"django": {"handlers": [], "level": "INFO"},
                "django.db.backends": {"level": "WARNING"}, "weasyprint": {"level": "ERROR"},
                "fontTools": {"level": "WARNING"}},
}

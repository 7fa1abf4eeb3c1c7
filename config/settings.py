"""Settings for the Young Cities portal.

One module for every environment: anything that differs between a laptop and production is read
from the environment. Integrations (PostgreSQL, Redis, S3, Stripe, SMTP) stay off until their
variable is set, so `make run` works on a fresh machine with nothing configured.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(int(default))).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
# The test suite sets itself up: pytest imports these settings.
TESTING = env_bool("TESTING", default="pytest" in sys.modules)

_DEV_SECRET = "insecure-local-development-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or DEBUG=1 for local development."
        )
    SECRET_KEY = _DEV_SECRET

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps come first so that their templates override the libraries'.
    "youthcities.audit",
    "youthcities.accounts",
    "youthcities.network",
    "youthcities.reminders",
    "youthcities.privacy",
    "grants",
    "campaigns",
    "cms",
    "hub",
    "training",
    "demo",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work, forms
    "django_tasks",
    "django_tasks_db",
    "django_rq",  # TASKS_BACKEND=rq: `manage.py rqworker`
    "formtools",
    "csp",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Anonymous page cache first: a cached page skips everything below it.
    "youthcities.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Stripe's webhook goes straight to its view from here: a signed machine request needs
    # none of the middleware below (see the module).
    "youthcities.machine_endpoints.MachineEndpointMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "youthcities.uploads.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "youthcities.accounts.middleware.RequireMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # Money and dates in the reader's language, for every template (see the module).
            "libraries": {"yc_format": "youthcities.format_tags"},
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL in production and CI; an embedded SQLite file otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Tests close each connection after its request: the live servers of the browser
        # journeys answer each request in a new thread, whose kept connection would outlive it
        # until PostgreSQL runs out of connections.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if TESTING else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web server and db_worker) share the file: wait for locks, use WAL.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=5,
        # Parameters sent apart from the statement, and a statement run five times on a kept
        # connection prepared once: PostgreSQL then skips parsing and planning it again (a wizard
        # step's draft query spent twice as long being planned as being run). Behind a
        # connection pooler in transaction mode, use one that keeps prepared statements
        # (README, "Production sketch") or set DATABASE_PREPARED_STATEMENTS=0.
        server_side_binding=True,
        prepare_threshold=5 if env_bool("DATABASE_PREPARED_STATEMENTS", default=True) else None,
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------------------------
# "default" is local memory unless REDIS_URL is set. "pages" holds rendered anonymous pages; it must
# be shared by every process (web workers and db_worker, which purges it on publish), so without
# Redis it lives in files rather than in one process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "youthcities.rediscache.KeptClientRedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "youthcities.rediscache.KeptClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
    # Sessions stay in PostgreSQL (the truth, shared by every server); each request reads its
    # session from Redis instead, one database query less on every signed-in request.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "page-cache"),
        },
    }
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# How often each process re-reads the shared generation number: the longest a page published in
# another process can still be served stale. Tests set it to 0 (always re-read).
PAGE_CACHE_GENERATION_CHECK_SECONDS = float(
    os.environ.get("PAGE_CACHE_GENERATION_CHECK_SECONDS", "0" if TESTING else "1")
)

WAGTAILFRONTENDCACHE = {
    "pages": {"BACKEND": "youthcities.pagecache.PageCacheBackend"},
}

# --- Auth ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "youthcities.accounts.backends.RolePermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "youthcities.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    # Refuses the 20 000 most common (breached) passwords; the list ships with Django.
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "youthcities.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "youthcities.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Young Cities] "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# People are told by email when their password, email or second factor changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# One door in: the Wagtail admin and Wagtail's front-end login send people to allauth's login,
# which applies email verification, the MFA step and the rate limits below. Wagtail's own
# password views are off (allauth's are rate limited; Wagtail's sent unlimited emails).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Written out rather than left to allauth's defaults so that they are visible and documented
# (README, "Security"). Counted per visitor address (see TRUSTED_PROXIES) and per key (the email
# typed, or the account for MFA codes); kept in the default cache, so Redis in production.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# MFA: an authenticator app (TOTP) or a passkey, with recovery codes. Privileged roles must enrol
# (youthcities.accounts.mfa). One step of clock drift either side is accepted: phones' clocks drift.
MFA_ADAPTER = "youthcities.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_RECOVERY_CODES_SHOW_ONCE = True
# Passkeys are a second factor; passwordless passkey login would put scripts on the login page,
# which works without JavaScript.
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_TOLERANCE = 1
MFA_TOTP_ISSUER = "Young Cities"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or TESTING  # http://127.0.0.1 in development

# Guardian consent links stay valid this long.
GUARDIAN_LINK_MAX_AGE_DAYS = 7
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "youngcities-demo")

# --- Languages ----------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files and storage -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
PRIVATE_ROOT = VAR_DIR / "private"

S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "")
S3_MEDIA_BUCKET = os.environ.get("S3_MEDIA_BUCKET", "")
S3_PRIVATE_BUCKET = os.environ.get("S3_PRIVATE_BUCKET", "")
S3_MEDIA_DOMAIN = os.environ.get("S3_MEDIA_DOMAIN", "")  # a CDN host for public media


def s3_storage(*, bucket: str, private: bool, endpoint_url: str, access_key: str, secret_key: str):
    """A django-storages S3 backend. Private documents are only ever handed out as short-lived
    presigned URLs; public media have plain URLs."""
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": os.environ.get("S3_REGION", "us-east-1"),
        "file_overwrite": False,
        "addressing_style": "path",
        "signature_version": "s3v4",
    }
    if private:
        options.update(querystring_auth=True, querystring_expire=300, default_acl="private")
    else:
        options.update(querystring_auth=False, custom_domain=S3_MEDIA_DOMAIN or None)
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


_s3_credentials = {
    "endpoint_url": S3_ENDPOINT_URL,
    "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
    "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
}
if S3_MEDIA_BUCKET:
    _media_storage = s3_storage(bucket=S3_MEDIA_BUCKET, private=False, **_s3_credentials)
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_PRIVATE_BUCKET:
    _private_storage = s3_storage(bucket=S3_PRIVATE_BUCKET, private=True, **_s3_credentials)
else:
    # Not under MEDIA_ROOT: private files are never served as static files.
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT)},
    }
STORAGES = {
    "default": _media_storage,
    "private": _private_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Uploads are refused while they arrive (youthcities.uploads): a request announcing more than
# REQUEST_BODY_MAX_BYTES before any of it is read, a file once it grows over
# FILE_UPLOAD_MAX_BYTES (the limit grant documents and Wagtail images have too). The reverse
# proxy must refuse earlier still, so that a too-large body never ties up an app server, e.g.
# nginx `client_max_body_size 32m;` (and a short `client_body_timeout`) on the portal's server.
FILE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
REQUEST_BODY_MAX_BYTES = 32 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "youthcities.uploads.FileSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Background tasks ---------------------------------------------------------------------------
# TASKS_BACKEND chooses the queue: "database" (the default: django-tasks-db, rows in PostgreSQL,
# run by `manage.py db_worker`) or "rq" (RQ on Redis through django-tasks-rq, run by
# `manage.py rqworker --job-class django_tasks_rq.Job default`; needs REDIS_URL). Tests run tasks
# at once unless they choose a backend themselves (tests/youthcities/test_task_backend_rq.py).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND not in {"database", "rq"}:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be database or rq, not {TASKS_BACKEND!r}")
if TASKS_BACKEND == "rq" and not REDIS_URL and not TESTING:
    raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL")
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}
RQ_SHOW_ADMIN_LINK = False
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or env_bool("TASKS_IMMEDIATE")
            else "django_tasks_rq.RQBackend"
            if TASKS_BACKEND == "rq"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# --- Email --------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Young Cities <noreply@youngcities.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    # Locally, emails (verification links, guardian links) are printed by the web server.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Stripe -------------------------------------------------------------------------------------
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")  # tests point the library at a local server

# --- Wagtail ------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Young Cities"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
# Documents live in private storage (cms.LibraryDocument) and are streamed by Wagtail's serve
# view (a presigned redirect on S3, hub.wagtail_hooks) once the members-only check has passed.
WAGTAILDOCS_DOCUMENT_MODEL = "cms.LibraryDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = FILE_UPLOAD_MAX_BYTES
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Image bombs: refused from the header above 40 megapixels (youthcities.images decodes nothing
# bigger, and sets Pillow's own limit to it); the form also refuses what cannot be re-encoded.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "campaigns.images.ReencodedImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_MODERATION_ENABLED = True
# Approving a workflow publishes through campaigns.workflows: the only way a campaign goes live.
WAGTAIL_FINISH_WORKFLOW_ACTION = "campaigns.workflows.publish_approved"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No avatars from Gravatar: they would send a hash of every staff member's email to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Security -----------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# How many reverse proxies stand in front of the portal. Behind them REMOTE_ADDR is the last
# proxy, so the visitor's address is read that many entries from the end of X-Forwarded-For
# (what a visitor writes there themselves stays to the left, ignored). Per-address rate limits
# need it right.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES  # allauth's rate limits count the same visitor
# The header in which the load balancer says when a request arrived (README, "Production
# sketch"), e.g. X-Request-Start: an application sent before the deadline counts as on time even
# if it waited in a queue past it. Empty: the header is ignored (anyone can write it).
REQUEST_START_HEADER = os.environ.get("REQUEST_START_HEADER", "")
# /healthz?deep=1 (it stores and reads back a file and a cache entry) needs this token in an
# X-Healthz-Token header; unset, only the public check (no writes) answers.
HEALTHZ_TOKEN = os.environ.get("HEALTHZ_TOKEN", "")
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True


def csp_img_src(*, s3_endpoint_url: str, s3_media_domain: str) -> list[str]:
    """Where public pages load images from: ourselves, data: URIs, and public media on S3 (the
    endpoint, and the CDN host of S3_MEDIA_DOMAIN, which django-storages serves over https)."""
    sources = [SELF, "data:"]
    if s3_endpoint_url:
        sources.append(f"{s3_endpoint_url.rstrip('/')}/")
    if s3_media_domain:
        sources.append(f"https://{s3_media_domain.strip('/')}/")
    return sources


# A strict policy on public pages: no inline script or style, nothing from other origins but
# privacy-enhanced video embeds. The Wagtail admin needs inline code and is excluded.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": csp_img_src(s3_endpoint_url=S3_ENDPOINT_URL, s3_media_domain=S3_MEDIA_DOMAIN),
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail logs every page edit at INFO; keep seeding and tests readable.
        "wagtail": {"level": "WARNING"},
        # fpdf2 cuts the certificate's font with fontTools, which logs each table at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
BENCH = env_bool("BENCH")

# The ranking's covering index carries extra columns on PostgreSQL; SQLite keeps only its keys.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

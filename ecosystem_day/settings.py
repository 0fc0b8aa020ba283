"""Settings for the event platform, read from the environment.

Safe by default: DEBUG is off unless asked for, and without DEBUG a SECRET_KEY
must be given. Without DATABASE_URL an embedded PostgreSQL inside the checkout
is used (see ecosystem_day/embedded_db.py).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from ecosystem_day.deployment import media_origins, media_storage, per_process_cache_refusal

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "ecosystem_day.event.apps.OrganizersAdminConfig",  # django.contrib.admin, with our default site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "axes",
    "csp",
    "ecosystem_day.accounts",
    "ecosystem_day.event",
    "ecosystem_day.infra",
    "ecosystem_day.registration",
    "django_countries",
    # After ecosystem_day.infra, whose send_queued_mail (claiming in the database) replaces its own.
    "post_office",
    "posters",
    "sessions.apps.BreakoutsConfig",
    "ecosystem_day.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ecosystem_day.event.middleware.VisitorTimeZoneMiddleware",
    "ecosystem_day.event.editions_middleware.EditionMiddleware",
    "ecosystem_day.event.middleware.AdminInEventTimeZoneMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "ecosystem_day.urls"
WSGI_APPLICATION = "ecosystem_day.wsgi.application"

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
                "ecosystem_day.event.context_processors.current_event",
                "ecosystem_day.event.editions_pages.past_editions_in_templates",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config()}
else:
    from ecosystem_day.embedded_db import database_settings

    DATABASES = {"default": database_settings()}
# Persistent connections suit gunicorn's sync workers (one per worker). runserver opens a
# thread per request and never closes their connections: there, close each after its request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", 0 if DEBUG else 60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database that does not answer fails the request in seconds (a 503), not at the proxy.
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
# No JIT compilation: the site's queries are short, and PostgreSQL compiled them whenever a small
# table's estimates (never analyzed below autovacuum's threshold of 50 changes) made a join of
# three one-row tables look costly: 10 ms of compiling for 0.1 ms of work on every cold past
# edition's page.
_options = DATABASES["default"]["OPTIONS"]
_options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_ENGINE = "ecosystem_day.accounts.login_sessions"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_proposals"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: five wrong passwords for one email from one address lock it
# for fifteen minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Our login form posts the email in the field Django names "username"; attempts count per
# address whatever its case, as log-in itself ignores case.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "ecosystem_day.accounts.throttling.attempted_email"

# Sign-up and password reset, per client address (django-ratelimit; with REDIS_URL the
# counts are shared by every worker, else each worker counts its own).
RATELIMIT_VIEW = "ecosystem_day.accounts.throttling.too_many_attempts"
# With the cache down the counts cannot be read: let requests through (the cache logs a
# warning) rather than refuse every sign-up and password reset for the whole outage. Log-in
# stays throttled: axes counts in PostgreSQL.
RATELIMIT_FAIL_OPEN = True
SIGNUP_RATE = os.environ.get("SIGNUP_RATE", "20/h")
PASSWORD_RESET_RATE = os.environ.get("PASSWORD_RESET_RATE", "10/h")
# "Verify your email" links: each works once, for this long; resent at most this often per user.
EMAIL_VERIFICATION_MAX_AGE = timedelta(days=3)
VERIFICATION_EMAIL_RATE = os.environ.get("VERIFICATION_EMAIL_RATE", "5/h")
# Attendees' registrations and sign-in links asked for, per client address; a link works once,
# for this long.
REGISTRATION_RATE = os.environ.get("REGISTRATION_RATE", "20/h")
SIGN_IN_LINK_RATE = os.environ.get("SIGN_IN_LINK_RATE", "10/h")
REGISTRATION_SIGN_IN_MAX_AGE = timedelta(days=2)
# Organizers' announcements to registrants leave the mail queue at most this many a minute
# (ecosystem_day/registration/announcements.py), so a mail server's rate limit is not hit.
ANNOUNCEMENT_EMAILS_PER_MINUTE = int(os.environ.get("ANNOUNCEMENT_EMAILS_PER_MINUTE", "120"))
# A co-presenter's invitation to a poster works once, for this long.
COPRESENTER_INVITATION_MAX_AGE = timedelta(days=14)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Every date and time shown with Django's default format carries its zone's abbreviation.
FORMAT_MODULE_PATH = ["ecosystem_day.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # The local disk, or with MEDIA_S3_BUCKET a bucket every host shares (docs/deploy.md).
    "default": media_storage(os.environ),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}


def redis_cache(url):
    """The shared cache, as a cache the site can lose (ecosystem_day/infra/cache_backend.py): a call
    Redis refuses or leaves unanswered past these timeouts is a miss, logged, and the process
    leaves Redis alone for REDIS_RETRY_AFTER seconds. Nothing lives only there: sessions and
    log-in lockouts are in PostgreSQL; /healthz names the cache when it does not answer."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return {
        "BACKEND": "ecosystem_day.infra.cache_backend.DegradingRedisCache",
        "LOCATION": url,
        "OPTIONS": {  # redis-py's connection options, and ours (retry_after)
            "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")),
            "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
            "retry": Retry(NoBackoff(), 0),  # a retry would double every timeout
            "retry_after": float(os.environ.get("REDIS_RETRY_AFTER", "5")),
        },
    }


# Several workers need the shared cache: refuse to start without it (ecosystem_day/deployment.py).
if refusal := per_process_cache_refusal(os.environ, debug=DEBUG):
    raise ImproperlyConfigured(refusal)
CACHES = {
    "default": redis_cache(os.environ["REDIS_URL"])
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "ecosystem_day.infra.cache_backend.ProcessCache"}
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Every message, Django's password resets included, is stored in post_office's queue in
# the transaction that causes it, as finished text, and delivered by `manage.py deliver_mail`
# (or cron's `send_queued_mail`, the same pass), never inside a request. A failure is
# retried, then kept as failed.
EMAIL_BACKEND = "ecosystem_day.infra.mail.backend.QueueBackend"
POST_OFFICE = {
    "BACKENDS": {
        "default": os.environ.get(
            "MAIL_DELIVERY_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if os.environ.get("EMAIL_HOST")
            else "django.core.mail.backends.console.EmailBackend",
        )
    },
    "DEFAULT_PRIORITY": "medium",
    "MAX_RETRIES": 5,
    "RETRY_INTERVAL": timedelta(minutes=5),
    "THREADS_PER_PROCESS": 2,
    "LOG_LEVEL": 2,
}
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ecosystem Day <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production hardening; `manage.py check --deploy` is clean when DEBUG is off.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

# Every asset is ours and local: scripts and styles only from our own static files, no
# inline code. Poster images imported from a catalogue may be https links.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:", *media_origins(os.environ)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
# The site's public address: every link in an email starts with it. Without DEBUG it must be
# given, so that a development default never reaches anyone's inbox.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set SITE_URL to the site's public address, such as https://ecosystem.example.org: "
            "every link in an email starts with it (or DEBUG=1 for local development)."
        )
    SITE_URL = "http://127.0.0.1:8000"
if urlsplit(SITE_URL).scheme not in ("http", "https") or not urlsplit(SITE_URL).netloc:
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} is not an http(s) address.")

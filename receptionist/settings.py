"""Settings, all read from the environment (django-environ), all optional.

Defaults give the single-machine setup: SQLite, in-memory channel layer and cache,
the database as calendar. ``DATABASE_URL`` and ``REDIS_URL`` grow it to several processes.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from receptionist.secret_key import installation_key
from receptionist.secret_key import weak as weak_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# The key this project once shipped as its default: public, so refused like a placeholder.
DEV_SECRET_KEY = "!!!dev-only-set-SECRET_KEY-in-production!!!"

DEBUG = env.bool("DEBUG", default=False)
# Unset: a random key made on the first start and kept in SECRET_KEY_FILE (one machine); several
# machines share one SECRET_KEY, and REQUIRE_SECRET_KEY=true refuses to start without it.
SECRET_KEY_FILE = Path(env.str("SECRET_KEY_FILE", default=str(BASE_DIR / ".secret_key")))
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if env.bool("REQUIRE_SECRET_KEY", default=False):
        raise ImproperlyConfigured("REQUIRE_SECRET_KEY is set: set SECRET_KEY as well.")
    SECRET_KEY = installation_key(SECRET_KEY_FILE)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Sites that may embed the chat widget (WebSocket origin check); the server's own hosts always may.
WIDGET_ALLOWED_ORIGINS = env.list(
    "WIDGET_ALLOWED_ORIGINS",
    default=[
        "http://127.0.0.1:8000",
        "http://localhost:8000",
        "http://127.0.0.1",
        "http://localhost",
    ],
)
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
REDIS_URL = env.str("REDIS_URL", default="")

# Without DEBUG, refuse the public development key, a placeholder or a short key: sessions,
# password resets and signed values would be forgeable (Django's own check, made fatal).
if not DEBUG and weak_secret_key(SECRET_KEY, public_keys=(DEV_SECRET_KEY,)):
    raise ImproperlyConfigured(
        "SECRET_KEY is the development key, a placeholder or shorter than 50 characters: set "
        'a random one, e.g. python -c "import secrets; print(secrets.token_urlsafe(50))" '
        "(or DEBUG=true on a development machine)."
    )

# The receptionist's own knobs (CONTRACT section 1).
BUSINESS_NAME = env.str("BUSINESS_NAME", default="")
TRANSFER_NUMBER = env.str("TRANSFER_NUMBER", default="")
SESSION_TTL_MINUTES = env.int("SESSION_TTL_MINUTES", default=15)
VOICE_SESSION_TTL_MINUTES = env.int("VOICE_SESSION_TTL_MINUTES", default=30)
MAX_TURNS_ANTI_LOOP = env.int("MAX_TURNS_ANTI_LOOP", default=25)
# Channels where the agent reads a booking back and waits for « oui » before booking it. On
# the others (the web by default) the visitor picks one of the written slots, and that choice
# books; the confirmation then recaps everything and offers to move or cancel.
BOOKING_READ_BACK_CHANNELS = tuple(env.list("BOOKING_READ_BACK_CHANNELS", default=["voice"]))
CONFIRM_RETRY_MAX = env.int("CONFIRM_RETRY_MAX", default=2)
FAQ_MATCH_THRESHOLD = env.int("FAQ_MATCH_THRESHOLD", default=80)
# The FAQ's sentence encoder (faq.sentences): better at paraphrases, ~110 MB and a millisecond
# or two per question. Off, the FAQ reads questions with its word opinions alone.
FAQ_SENTENCE_ENCODER = env.bool("FAQ_SENTENCE_ENCODER", default=True)
# Recovery limits: failures tolerated before handing over to a human.
NAME_FAILURES_MAX = env.int("NAME_FAILURES_MAX", default=2)
SLOT_CHOICE_FAILURES_MAX = env.int("SLOT_CHOICE_FAILURES_MAX", default=2)
PHONE_FAILURES_MAX = env.int("PHONE_FAILURES_MAX", default=3)
FAQ_MISSES_MAX = env.int("FAQ_MISSES_MAX", default=2)
MESSAGE_MAX_CHARS = env.int("MESSAGE_MAX_CHARS", default=500)
# Privacy: conversations silent this many days are deleted by `purge_conversations`.
RETENTION_DAYS = env.int("RETENTION_DAYS", default=90)
# How often a process checks whether business, FAQ and prompts changed in the database.
SNAPSHOT_CHECK_SECONDS = env.float("SNAPSHOT_CHECK_SECONDS", default=2.0)
CHAT_RATE_LIMIT_PER_MINUTE = env.int("CHAT_RATE_LIMIT_PER_MINUTE", default=1200)
CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE = env.int(
    "CHAT_CONVERSATION_RATE_LIMIT_PER_MINUTE", default=30
)
# New web conversations per client address (HTTP and WebSocket together): far below turns.
CHAT_NEW_CONVERSATIONS_PER_MINUTE = env.int("CHAT_NEW_CONVERSATIONS_PER_MINUTE", default=30)
# Addresses that limit does not apply to: the server's own host (probes, scripts, harnesses).
RATE_LIMIT_EXEMPT_NETWORKS = tuple(
    env.list("RATE_LIMIT_EXEMPT_NETWORKS", default=["127.0.0.0/8", "::1/128"])
)
# Voice requests per call id, staff API requests per token (receptionist/lib/rate_limits.py).
VOICE_RATE_LIMIT_PER_MINUTE = env.int("VOICE_RATE_LIMIT_PER_MINUTE", default=120)
STAFF_API_RATE_LIMIT_PER_MINUTE = env.int("STAFF_API_RATE_LIMIT_PER_MINUTE", default=600)
# Proxies in front of the server (load balancer...) whose X-Forwarded-For entries are trusted.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
VAPI_SECRET = env.str("VAPI_SECRET", default="")
VAPI_HMAC_SECRET = env.str("VAPI_HMAC_SECRET", default="")
VAPI_HMAC_TOLERANCE_SECONDS = env.int("VAPI_HMAC_TOLERANCE_SECONDS", default=300)
# Live Call Control: request timeout, and the wait for the last sentence to be spoken.
VAPI_CONTROL_TIMEOUT_SECONDS = env.float("VAPI_CONTROL_TIMEOUT_SECONDS", default=2.0)
VAPI_CONTROL_SECONDS_PER_CHAR = env.float("VAPI_CONTROL_SECONDS_PER_CHAR", default=0.06)
VAPI_CONTROL_MAX_DELAY_SECONDS = env.float("VAPI_CONTROL_MAX_DELAY_SECONDS", default=15.0)
# Without VAPI_SECRET the voice endpoints answer 503, unless this development switch is on.
VAPI_ALLOW_UNAUTHENTICATED = env.bool("VAPI_ALLOW_UNAUTHENTICATED", default=False)
# Live Call Control goes only to these hosts (« *.vapi.ai »: any subdomain), over https, and
# never to a private, loopback or link-local address; the switch allows those (tests only).
VAPI_CONTROL_HOSTS = env.list("VAPI_CONTROL_HOSTS", default=["*.vapi.ai"])
VAPI_CONTROL_ALLOW_PRIVATE = env.bool("VAPI_CONTROL_ALLOW_PRIVATE", default=False)
# Bounds of one voice request: body size, messages read, caller messages run as turns.
VAPI_MAX_BODY_BYTES = env.int("VAPI_MAX_BODY_BYTES", default=1_048_576)
VOICE_MAX_MESSAGES = env.int("VOICE_MAX_MESSAGES", default=500)
VOICE_MAX_TURNS_PER_REQUEST = env.int("VOICE_MAX_TURNS_PER_REQUEST", default=3)
# Webhook deliveries per call id, voice requests per client address (before authentication).
VOICE_WEBHOOK_RATE_LIMIT_PER_MINUTE = env.int("VOICE_WEBHOOK_RATE_LIMIT_PER_MINUTE", default=600)
VOICE_ADDRESS_RATE_LIMIT_PER_MINUTE = env.int("VOICE_ADDRESS_RATE_LIMIT_PER_MINUTE", default=3000)
GOOGLE_SERVICE_ACCOUNT_BASE64 = env.str("GOOGLE_SERVICE_ACCOUNT_BASE64", default="")
GOOGLE_CALENDAR_ID = env.str("GOOGLE_CALENDAR_ID", default="")
GOOGLE_API_ENDPOINT = env.str("GOOGLE_API_ENDPOINT", default="")
CALDAV_URL = env.str("CALDAV_URL", default="")
CALDAV_USERNAME = env.str("CALDAV_USERNAME", default="")
CALDAV_PASSWORD = env.str("CALDAV_PASSWORD", default="")
CALDAV_CALENDAR = env.str("CALDAV_CALENDAR", default="")
# Calendar sync: request timeout and retries per push, the busy-times cache, the outbox back-off.
CALENDAR_TIMEOUT_SECONDS = env.float("CALENDAR_TIMEOUT_SECONDS", default=3.0)
CALENDAR_RETRIES = env.int("CALENDAR_RETRIES", default=3)
CALENDAR_BACKOFF_SECONDS = env.float("CALENDAR_BACKOFF_SECONDS", default=0.2)
CALENDAR_BUSY_CACHE_SECONDS = env.float("CALENDAR_BUSY_CACHE_SECONDS", default=30.0)
CALENDAR_RETRY_BASE_SECONDS = env.float("CALENDAR_RETRY_BASE_SECONDS", default=5.0)
CALENDAR_PUSH_AFTER_COMMIT = env.bool("CALENDAR_PUSH_AFTER_COMMIT", default=True)
SLOT_HOLD_MINUTES = env.int("SLOT_HOLD_MINUTES", default=5)
# Slots one visitor's address may hold at once, across its conversations (each conversation
# holds only the slots of its last proposal): older holds of that address are released first.
SLOT_HOLDS_PER_CLIENT = env.int("SLOT_HOLDS_PER_CLIENT", default=6)
# Who may scrape /metrics: these addresses or networks, the bearer token, or a staff user.
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

# Confirmations and reminders (booking.notifications). E-mail through Django's framework under
# its own names: SMTP by default; any provider with EMAIL_BACKEND (e.g. django-anymail's).
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
# A hanging mail server fails the message (retried later) instead of the worker.
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10.0)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="rendez-vous@localhost")
# SMS: "console" (development: printed, nothing sent), "brevo", or "" (no SMS).
SMS_BACKEND = env.str("SMS_BACKEND", default="console" if DEBUG else "")
SMS_SENDER = env.str("SMS_SENDER", default="")
BREVO_API_KEY = env.str("BREVO_API_KEY", default="")
BREVO_API_URL = env.str("BREVO_API_URL", default="https://api.brevo.com/v3")
SMS_TIMEOUT_SECONDS = env.float("SMS_TIMEOUT_SECONDS", default=10.0)
# The bearer token the provider's inbound webhook (replies: STOP) sends; empty: replies refused.
SMS_INBOUND_TOKEN = env.str("SMS_INBOUND_TOKEN", default="")
# Retries of a message that failed: base × 2^attempt seconds, at most an hour apart.
NOTIFICATION_RETRY_BASE_SECONDS = env.float("NOTIFICATION_RETRY_BASE_SECONDS", default=30.0)
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=12)

# Production hardening. HTTPS (default: PUBLIC_BASE_URL is https://) turns on secure cookies
# and HSTS; plain http://127.0.0.1 for `make run` keeps working. Redirecting to HTTPS and
# trusting a load balancer's X-Forwarded-Proto are opt-in: wrong, they loop or lie.
HTTPS = env.bool("HTTPS", default=PUBLIC_BASE_URL.startswith("https://"))
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^health$"]  # container health checks speak plain http
_proxy_ssl_header = env.list("SECURE_PROXY_SSL_HEADER", default=[])  # HTTP_X_FORWARDED_PROTO,https
if _proxy_ssl_header and len(_proxy_ssl_header) != 2:
    raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER must be HEADER,value.")
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) or None
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

INSTALLED_APPS = [
    "daphne",
    "receptionist.apps.ReceptionistAdminConfig",  # django.contrib.admin, our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "channels",
    "axes",
    "booking",
    "booking.notifications",
    "faq",
    "conversations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files (the widget embedded elsewhere) carry no page policy.
    "receptionist.csp.ContentSecurityPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

# Admin login lockout (django-axes, receptionist/lockout.py): after LOGIN_FAILURE_LIMIT wrong
# passwords for one username from one address, that pair is refused for LOGIN_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = [
    "receptionist.lockout.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "receptionist.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "receptionist.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Log lines name neither the username (often an e-mail) nor the address; no row per login.
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "user_agent"]
AXES_DISABLE_ACCESS_LOG = True

ROOT_URLCONF = "receptionist.urls"
ASGI_APPLICATION = "receptionist.asgi.application"

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
            ],
        },
    },
]

# The widget on the business's site calls the chat API from that origin.
CORS_ALLOWED_ORIGINS = WIDGET_ALLOWED_ORIGINS
CORS_URLS_REGEX = r"^/api/chat(/stream)?$"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Reuse connections between turns (checked before use): a turn should not pay for a connect.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Under ASGI every concurrent request runs in its own thread with its own connection:
    # without a bound, a burst of visitors exhausts PostgreSQL's max_connections. A pool per
    # process bounds them; a request waits for a free connection (up to the timeout) instead.
    pool_size = env.int("DB_POOL_MAX_SIZE", default=10)
    if pool_size > 0:
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": pool_size,
            "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them; Django must not
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several turns may wait on the same file: wait instead of failing with "database is locked".
    # Writers queue for the lock instead of failing; WAL lets readers go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Keys of several deployments (or test runs) sharing one Redis stay apart.
REDIS_PREFIX = env.str("REDIS_PREFIX", default="receptionist")
CHANNEL_LAYER_READ_TIMEOUT = 15.0
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # The layer waits for messages with a blocking pop that Redis ends after 5 s
                # (channels_redis' brpop_timeout); redis-py gives up reading after 5 s too, so a
                # busy process lost that race and closed its sockets (1011). Read for longer.
                "hosts": [{"address": REDIS_URL, "socket_timeout": CHANNEL_LAYER_READ_TIMEOUT}],
                "prefix": f"{REDIS_PREFIX}:asgi",
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_PREFIX,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr-fr"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

REST_FRAMEWORK = {
    "DEFAULT_PARSER_CLASSES": ["receptionist.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Staff, and the model or report permission each view names (as the admin asks).
    "DEFAULT_PERMISSION_CLASSES": ["receptionist.permissions.StaffPermission"],
    "DEFAULT_THROTTLE_CLASSES": ["receptionist.lib.rate_limits.StaffThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "receptionist.api.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "AI receptionist API",
    "DESCRIPTION": "Web chat turns, Vapi voice calls, staff appointments and conversion "
    'statistics. Every error answers `{"error": {"code", "message"}}`.',
    "VERSION": "0.1.0",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    # The endpoints DRF does not serve: /health and Vapi's (a Channels consumer, plain views).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "receptionist.lib.openapi.add_health",
        "conversations.channels.vapi.schemas.add_vapi",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "receptionist.lib.redaction.RedactFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["redact"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Drop Django's own handlers (console when DEBUG, mail_admins otherwise): they write
        # records unredacted. Django's records reach the redacting console through the root.
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
    },
}

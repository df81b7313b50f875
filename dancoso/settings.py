"""dancoso settings: one module, configured by DANCOSO_* environment variables.

Secure by default: DEBUG is off, cookies are secure and HTTPS is assumed unless the operator
says otherwise (``DANCOSO_HTTPS=0`` for the local demo). No secret is committed: the key comes
from ``DANCOSO_SECRET_KEY`` or the file named by ``DANCOSO_SECRET_KEY_FILE``. See
``docs/operator.md`` for every variable.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DANCOSO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if key := os.environ.get("DANCOSO_SECRET_KEY"):
        return key
    path = os.environ.get("DANCOSO_SECRET_KEY_FILE") or VAR_DIR / "secret_key"
    if Path(path).is_file():  # `make demo` writes var/secret_key (mode 600)
        return Path(path).read_text(encoding="utf-8").strip()
    if DEBUG:
        return secrets.token_urlsafe(50)  # development only: sessions end with the process
    raise ImproperlyConfigured(
        "Thiếu khóa bí mật: đặt DANCOSO_SECRET_KEY hoặc DANCOSO_SECRET_KEY_FILE "
        "(missing secret key: set DANCOSO_SECRET_KEY or DANCOSO_SECRET_KEY_FILE)."
    )


DEBUG = env_bool("DANCOSO_DEBUG", False)
SECRET_KEY = _secret_key()
HTTPS = env_bool("DANCOSO_HTTPS", True)
ALLOWED_HOSTS = env_list("DANCOSO_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DANCOSO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "mozilla_django_oidc",
    "ninja",
    "dancoso.core",
    "dancoso.audit",
    "dancoso.places",
    "dancoso.accounts",
    "dancoso.households",
    "dancoso.disclosure",
    "dancoso.decisions",
    "dancoso.feedback",
    "dancoso.consultation",
    "dancoso.oversight",
    "dancoso.conventions",
    "dancoso.resolutions",
    "dancoso.portal",
    "dancoso.api",
    "dancoso.demo",
]

MIDDLEWARE = [
    "dancoso.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dancoso.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dancoso.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "dancoso.urls"
CSRF_FAILURE_VIEW = "dancoso.portal.views.csrf_failure"
RATELIMIT_VIEW = "dancoso.portal.views.rate_limited"
WSGI_APPLICATION = "dancoso.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "dancoso" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dancoso.portal.context_processors.shell",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# The embedded default is SQLite in WAL mode (no server for the demo); production sets
# DATABASE_URL to PostgreSQL.
_sqlite_path = VAR_DIR / "dancoso.sqlite3"
SILENCED_SYSTEM_CHECKS: list[str] = []
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{_sqlite_path}",
        conn_max_age=int(os.environ.get("DANCOSO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # Covering indexes (INCLUDE) are a PostgreSQL speed-up; SQLite keeps the index, not the
    # extra columns, which changes nothing but speed on the demo's small register.
    SILENCED_SYSTEM_CHECKS += ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, background tasks ---------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif cache_dir := os.environ.get("DANCOSO_CACHE_DIR"):
    # Without Redis, a file cache is shared by the worker processes of one machine (the demo).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(cache_dir).resolve()),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    # Rate limits need a cache shared by all workers: Redis or DANCOSO_CACHE_DIR in production.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]

TASKS = {
    "default": {
        "BACKEND": os.environ.get("DANCOSO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "dancoso.accounts.backends.OneTimeCodeBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Lock an account after 5 failures whatever address they come from; never lock by address
# alone, because a whole village may share one mobile-network address (SECURITY.md, test 14).
AXES_FAILURE_LIMIT = int(os.environ.get("DANCOSO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DANCOSO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dancoso.accounts.views.locked_out"
# One-time codes count against their phone or e-mail address (accounts/throttling.py).
AXES_USERNAME_CALLABLE = "dancoso.accounts.throttling.axes_username"
AXES_HANDLER = "dancoso.accounts.throttling.AxesHandler"
AXES_WHITELIST_CALLABLE = "dancoso.accounts.throttling.names_no_one"
AXES_VERBOSE = False
# The client's address behind DANCOSO_TRUSTED_PROXY_COUNT proxies, for axes and rate limits.
DANCOSO_TRUSTED_PROXY_COUNT = int(os.environ.get("DANCOSO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "dancoso.accounts.throttling.client_ip"
RATELIMIT_IP_META_KEY = "dancoso.accounts.throttling.client_ip"

OTP_TOTP_ISSUER = "dancoso"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # administrators never see an official's TOTP secret
OTP_TOTP_THROTTLE_FACTOR = 1  # each failure doubles the wait: 1, 2, 4 … seconds
ONE_TIME_CODE_TTL = timedelta(minutes=10)
ONE_TIME_CODE_MAX_ATTEMPTS = 5
DANCOSO_MESSAGE_BACKEND = os.environ.get(
    "DANCOSO_MESSAGE_BACKEND", "dancoso.accounts.messaging.ConsoleSender"
)
# The production gateway (dancoso.accounts.gateways.SmtpZaloSender): e-mail by SMTP, texts by
# Zalo ZNS. Passwords and tokens are read from files, never from the environment.
EMAIL_HOST = os.environ.get("DANCOSO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DANCOSO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DANCOSO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = (
    Path(os.environ["DANCOSO_EMAIL_PASSWORD_FILE"]).read_text().strip()
    if os.environ.get("DANCOSO_EMAIL_PASSWORD_FILE")
    else ""
)
EMAIL_USE_TLS = env_bool("DANCOSO_EMAIL_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DANCOSO_EMAIL_FROM", "dancoso <no-reply@localhost>")
DANCOSO_ZALO_ZNS = {
    "url": os.environ.get(
        "DANCOSO_ZALO_ZNS_URL", "https://business.openapi.zalo.me/message/template"
    ),
    "token_file": os.environ.get("DANCOSO_ZALO_ZNS_TOKEN_FILE", ""),
    "template_id": os.environ.get("DANCOSO_ZALO_ZNS_TEMPLATE", ""),
    "param": os.environ.get("DANCOSO_ZALO_ZNS_PARAM", "noi_dung"),
}

# OpenID Connect (a provincial SSO or VNeID): on when DANCOSO_OIDC_CLIENT_ID is set.
OIDC_ENABLED = bool(os.environ.get("DANCOSO_OIDC_CLIENT_ID"))
OIDC_PROVIDER_NAME = os.environ.get("DANCOSO_OIDC_PROVIDER_NAME", "VNeID / SSO tỉnh")
OIDC_RP_CLIENT_ID = os.environ.get("DANCOSO_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("DANCOSO_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("DANCOSO_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("DANCOSO_OIDC_SCOPES", "openid email phone profile")
OIDC_OP_ISSUER = os.environ.get("DANCOSO_OIDC_ISSUER", "")  # ID tokens must carry it as `iss`
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("DANCOSO_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("DANCOSO_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("DANCOSO_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("DANCOSO_OIDC_JWKS_ENDPOINT", "")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = False
LOGIN_REDIRECT_URL_FAILURE = "/tai-khoan/dang-nhap-ma/"  # a failed OIDC sign-in: try again
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("dancoso.accounts.oidc.ResidentOIDCBackend")

# --- Security headers and cookies (SECURITY.md test 17) ---------------------------------------
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("DANCOSO_SESSION_SECONDS", str(8 * 3600)))
SECURE_SSL_REDIRECT = HTTPS and env_bool("DANCOSO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DANCOSO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

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
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Uploads ----------------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DANCOSO_IMPORT_MAX_BYTES = int(os.environ.get("DANCOSO_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
DANCOSO_DISCLOSURE_MAX_BYTES = int(
    os.environ.get("DANCOSO_DISCLOSURE_MAX_BYTES", str(10 * 1024 * 1024))
)
# The public address of the site, for links in messages (e.g. https://dancoso.langson.gov.vn).
DANCOSO_SITE_URL = os.environ.get("DANCOSO_SITE_URL", "").rstrip("/")
MEDIA_ROOT = Path(os.environ.get("DANCOSO_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    # Uploaded files are private: there is no MEDIA_URL and nothing serves MEDIA_ROOT.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DANCOSO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "dancoso" / "static"]

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "dancoso" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

# --- The platform -----------------------------------------------------------------------------
# The commune whose public page "/" shows (its official code); empty shows the commune list.
DANCOSO_HOME_COMMUNE = os.environ.get("DANCOSO_HOME_COMMUNE", "")
# Days off or worked that the `holidays` package does not know yet (JSON; see core/workdays.py).
DANCOSO_HOLIDAY_OVERRIDES = os.environ.get("DANCOSO_HOLIDAY_OVERRIDES", "")
# Citizens' cases sent by e-mail: an IMAP mailbox read by `manage.py feedback_read_mailbox`
# (off unless a host is set). The password is read from a file, never from the environment.
DANCOSO_FEEDBACK_IMAP = {
    "host": os.environ.get("DANCOSO_FEEDBACK_IMAP_HOST", ""),
    "port": int(os.environ.get("DANCOSO_FEEDBACK_IMAP_PORT", "993")),
    "user": os.environ.get("DANCOSO_FEEDBACK_IMAP_USER", ""),
    "password_file": os.environ.get("DANCOSO_FEEDBACK_IMAP_PASSWORD_FILE", ""),
    "folder": os.environ.get("DANCOSO_FEEDBACK_IMAP_FOLDER", "INBOX"),
    "commune": int(os.environ.get("DANCOSO_FEEDBACK_IMAP_COMMUNE", "0") or 0),
}
DANCOSO_DEMO = env_bool("DANCOSO_DEMO", False)

# --- Logging: one JSON line per request, never a secret or personal datum -----------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "dancoso.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANCOSO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": [], "propagate": False},
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        # fpdf2 subsets fonts through fontTools, which logs every table it touches.
        "fontTools": {"level": "WARNING"},
    },
}

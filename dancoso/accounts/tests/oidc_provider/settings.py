"""Settings of the test OpenID Connect provider. Everything that varies comes from the
environment the test gives the subprocess: ``OIDC_TEST_DIR`` (SQLite file and ``rsa.pem``)
and ``OIDC_TEST_ISSUER`` (the issuer URL, ``http://127.0.0.1:<port>/o``)."""

import os
from pathlib import Path

SCRATCH = Path(os.environ["OIDC_TEST_DIR"])
SECRET_KEY = "oidc-test-provider-only"  # noqa: S105 - a throw-away test server
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "dancoso.accounts.tests.oidc_provider.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "oauth2_provider",
    "dancoso.accounts.tests.oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": SCRATCH / "op.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; test only
STATIC_URL = "/static/"
USE_TZ = True
LOGIN_URL = "/dang-nhap/"

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": (SCRATCH / "rsa.pem").read_text(encoding="ascii"),
    "OIDC_ISS_ENDPOINT": os.environ["OIDC_TEST_ISSUER"],
    "PKCE_REQUIRED": True,
    "SCOPES": {
        "openid": "Định danh",
        "profile": "Họ và tên",
        "email": "Thư điện tử",
        "phone": "Số điện thoại",
    },
    "OAUTH2_VALIDATOR_CLASS": "dancoso.accounts.tests.oidc_provider.validator.CitizenValidator",
}

"""Suite-wide pytest setup: the personas plugin, audit maintenance for table flushes, and the
rule that in CI a skipped PostgreSQL or browser test is a failure."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

from dancoso.audit import guard

pytest_plugins = ["dancoso.core.testing", "dancoso.core.browser"]

# No wall-clock deadline per example: speed is measured in bench/, never asserted, and a busy
# CI machine must not turn a slow example into a failure.
hypothesis_settings.register_profile("dancoso", deadline=None)
hypothesis_settings.load_profile("dancoso")

# Tests empty every table between transactional tests; the audit trigger would refuse that.
guard.MAINTENANCE_BY_DEFAULT = True


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is the production hasher (tested in accounts); tests hash with MD5 for speed."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _test_files(settings, tmp_path):
    """Uploads go to a throw-away folder; pages render without a collected static manifest."""
    settings.MEDIA_ROOT = tmp_path / "private"
    # Sessions in the database whatever the cache, so pinned query counts hold with Redis too.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL"))


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("DANCOSO_FORBID_SKIPS") != "1" or hasattr(session.config, "workerinput"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(
            f"FAIL: {len(skipped)} skipped tests; CI (DANCOSO_FORBID_SKIPS=1) allows none.",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

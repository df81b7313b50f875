"""Suite-wide pytest setup: the personas plugin, audit maintenance for table flushes, and the
rule that in CI a skipped PostgreSQL or browser test is a failure."""

import os

import pytest

from dancoso.audit import guard

pytest_plugins = ["dancoso.core.testing"]

# Tests empty every table between transactional tests; the audit trigger would refuse that.
guard.MAINTENANCE_BY_DEFAULT = True


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is the production hasher (tested in accounts); tests hash with MD5 for speed."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL"))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if os.environ.get("DANCOSO_FORBID_SKIPS") != "1":
        return
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.write_line(
            f"FAIL: {len(skipped)} tests skipped but DANCOSO_FORBID_SKIPS=1 (CI)", red=True
        )
        terminalreporter._session.exitstatus = 1

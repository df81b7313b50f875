"""Argon2 is the production password hasher: with the production ``PASSWORD_HASHERS`` a new
password is stored as argon2, and an older PBKDF2 hash is upgraded at the next sign-in."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

from dancoso.accounts.models import User
from dancoso.core.testing import PASSWORD


def production_hashers() -> list[str]:
    """``PASSWORD_HASHERS`` as ``dancoso/settings.py`` sets it (conftest swaps in MD5)."""
    path = Path(django_settings.BASE_DIR) / "dancoso" / "settings.py"
    spec = importlib.util.spec_from_file_location("settings_as_written", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Overrides the suite's MD5 fixture: this module hashes as production does."""
    settings.PASSWORD_HASHERS = production_hashers()


def test_production_hashes_with_argon2_first():
    assert production_hashers()[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "MD5" not in " ".join(production_hashers())


def test_a_new_password_is_stored_as_argon2(db):
    user = User.objects.create_user(username="canbo_moi", password=PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD)


def test_an_older_pbkdf2_hash_becomes_argon2_at_sign_in(db):
    user = User.objects.create(
        username="canbo_cu", password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    response = Client().post(
        reverse("accounts:login"), {"username": "canbo_cu", "password": PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


@pytest.mark.parametrize("password", ["ngan", "1234567890123", "password123"])
def test_weak_passwords_are_refused(password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password)

"""Prepare the provider's database: ``python -m dancoso.accounts.tests.oidc_provider.bootstrap
CLIENT_ID CLIENT_SECRET REDIRECT_URI USERNAME PASSWORD EMAIL`` (run once, before serving)."""

import os
import sys

import django


def main(client_id, client_secret, redirect_uri, username, password, email) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.accounts.tests.oidc_provider.settings")
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    User.objects.create_user(
        username=username, password=password, email=email, first_name="Lan", last_name="Nông Thị"
    )
    Application.objects.create(
        name="dancoso",
        client_id=client_id,
        client_secret=client_secret,
        hash_client_secret=False,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=False,
    )


if __name__ == "__main__":
    main(*sys.argv[1:])

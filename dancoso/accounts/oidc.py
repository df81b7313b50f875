"""Sign-in through an OpenID Connect provider: a provincial SSO or VNeID.

Turned on by configuration alone (``DANCOSO_OIDC_*``, see docs/operator.md). A person is found
by the provider's subject id, else by a verified phone number or e-mail address already on an
account; otherwise a resident account is opened. Roles are never taken from the provider: they
are granted in dancoso, over a place.
"""

import secrets

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from dancoso.audit.services import record

from .contact import normalise_email, normalise_phone
from .models import User


class ResidentOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        users = User.objects.filter(oidc_subject=claims["sub"])
        if users.exists():
            return users
        phone, email = _contacts(claims)
        if phone:
            users = User.objects.filter(phone=phone, oidc_subject__isnull=True)
            if users.exists():
                return users
        if email:
            return User.objects.filter(email=email, oidc_subject__isnull=True)
        return User.objects.none()

    def create_user(self, claims) -> User:
        phone, email = _contacts(claims)
        user = User(
            username=f"oidc-{secrets.token_hex(6)}",
            oidc_subject=claims["sub"],
            phone=phone,
            email=email,
            full_name=claims.get("name", "")[:150],
        )
        user.set_unusable_password()
        user.save()
        record("accounts.open_resident_account", actor=user, obj=user, summary={"channel": "oidc"})
        return user

    def update_user(self, user, claims) -> User:
        if user.oidc_subject is None:
            user.oidc_subject = claims["sub"]
            user.save(update_fields=["oidc_subject"])
            record("accounts.link_oidc", actor=user, obj=user, summary={})
        return user


def _contacts(claims) -> tuple[str | None, str | None]:
    phone = (
        normalise_phone(claims["phone_number"])
        if claims.get("phone_number_verified") and claims.get("phone_number")
        else None
    )
    email = (
        normalise_email(claims["email"])
        if claims.get("email_verified") and claims.get("email")
        else None
    )
    return phone, email

"""Sign-in through an OpenID Connect provider: a provincial SSO or VNeID.

Turned on by configuration alone (``DANCOSO_OIDC_*``, see docs/operator.md). A person is found
by the provider's subject id, else by a verified phone number or e-mail address already on an
account; otherwise a resident account is opened. Roles are never taken from the provider: they
are granted in dancoso, over a place.

mozilla-django-oidc checks the ID token's signature and nonce; this backend adds what OpenID
Connect Core §3.1.3.7 also requires and the library leaves out: the token must come from the
configured issuer (``DANCOSO_OIDC_ISSUER``), be meant for this client (``aud``), be in date
(an expired or not-yet-valid token is a refusal, not a server error), and the userinfo answer
must be about the same subject. A provider that cannot be reached or refuses the code fails
the sign-in (back to the sign-in page), not the server.
"""

import logging
import secrets

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from dancoso.audit.services import record

from .contact import normalise_email, normalise_phone
from .models import User

log = logging.getLogger(__name__)


class ResidentOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        """The authorization-code flow; None when the provider fails or refuses."""
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as error:
            status = getattr(error.response, "status_code", None)
            log.warning("OIDC provider failed: %s (HTTP %s)", type(error).__name__, status)
            return None

    def verify_token(self, token, **kwargs):
        """Signature and nonce (the library), then date, issuer and audience."""
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.InvalidTokenError as error:  # expired, not yet valid, malformed
            raise SuspiciousOperation(f"ID token refused: {type(error).__name__}") from error
        if settings.OIDC_OP_ISSUER and payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("ID token meant for another client")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo about another subject than the ID token")
        return claims

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

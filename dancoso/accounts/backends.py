"""Authentication by one-time code: the resident's account is found — or opened — by the phone
number or e-mail address the code was sent to."""

import secrets

from django.contrib.auth.backends import ModelBackend

from dancoso.audit.services import record

from .codes import parse_destination, redeem_code
from .models import OneTimeCode, User


class OneTimeCodeBackend(ModelBackend):
    def authenticate(self, request, destination=None, code=None, **kwargs):
        if destination is None or code is None:
            return None
        target = parse_destination(destination)
        if target is None or not redeem_code(target, code):
            return None
        user = self._user_for(target)
        return user if self.user_can_authenticate(user) else None

    def _user_for(self, target) -> User:
        field = "phone" if target.channel == OneTimeCode.Channel.SMS else "email"
        user = User.objects.filter(**{field: target.value}).first()
        if user is not None:
            return user
        user = User(username=f"nd-{secrets.token_hex(6)}", **{field: target.value})
        user.set_unusable_password()
        user.save()
        record(
            "accounts.open_resident_account",
            actor=user,
            obj=user,
            summary={"channel": target.channel},
        )
        return user

"""One-time sign-in codes for residents (mã đăng nhập một lần).

A 6-digit code goes to a phone (SMS) or an e-mail address; only its salted hash is stored. It
is valid for ``settings.ONE_TIME_CODE_TTL``, for ``ONE_TIME_CODE_MAX_ATTEMPTS`` wrong tries,
and once. Asking for a new code voids the older ones. Whether an account exists for that phone
or address is never revealed: the answers are the same either way.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .contact import normalise_email, normalise_phone
from .messaging import sender
from .models import OneTimeCode

DESTINATION_INVALID = gettext_lazy(
    "Hãy nhập số điện thoại di động (10 chữ số, ví dụ 0912345678) hoặc địa chỉ thư điện tử."
)
CODE_WRONG = gettext_lazy("Mã không đúng hoặc đã hết hạn. Hãy kiểm tra lại, hoặc xin mã mới.")


@dataclass(frozen=True)
class Destination:
    channel: str
    value: str


def parse_destination(raw: str) -> Destination | None:
    """A phone number or e-mail address as typed, made canonical; None if it is neither."""
    raw = (raw or "").strip()
    if "@" in raw:
        email = normalise_email(raw)
        return Destination(OneTimeCode.Channel.EMAIL, email) if email else None
    phone = normalise_phone(raw)
    return Destination(OneTimeCode.Channel.SMS, phone) if phone else None


@transaction.atomic
def send_code(destination: Destination) -> None:
    """Void earlier codes for this destination, store a new one and send it."""
    now = timezone.now()
    OneTimeCode.objects.filter(destination=destination.value, used_at__isnull=True).update(
        used_at=now
    )
    code = f"{secrets.randbelow(1_000_000):06d}"
    OneTimeCode.objects.create(
        channel=destination.channel,
        destination=destination.value,
        code_hash=make_password(code),
        expires_at=now + settings.ONE_TIME_CODE_TTL,
    )
    minutes = int(settings.ONE_TIME_CODE_TTL.total_seconds() // 60)
    text = _(
        "Mã đăng nhập dancoso của bạn: %(code)s (hiệu lực %(minutes)s phút). "
        "Không đưa mã này cho ai."
    ) % {"code": code, "minutes": minutes}
    transaction.on_commit(lambda: _deliver(destination, text))


def _deliver(destination: Destination, text: str) -> None:
    if destination.channel == OneTimeCode.Channel.SMS:
        sender().send_sms(destination.value, text)
    else:
        sender().send_email(destination.value, _("Mã đăng nhập dancoso"), text)


@transaction.atomic
def redeem_code(destination: Destination, code: str) -> bool:
    """True, once, for the right code within its time and attempts; every wrong try counts."""
    entry = (
        OneTimeCode.objects.select_for_update()
        .filter(destination=destination.value, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if entry is None:
        return False
    if not check_password((code or "").strip(), entry.code_hash):
        entry.attempts += 1
        if entry.attempts >= settings.ONE_TIME_CODE_MAX_ATTEMPTS:
            entry.used_at = timezone.now()
        entry.save(update_fields=["attempts", "used_at"])
        return False
    entry.used_at = timezone.now()
    entry.save(update_fields=["used_at"])
    return True

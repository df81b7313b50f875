"""The officials' second factor: TOTP devices (django-otp), enrolment and verification.

django-otp rejects a code already used (``last_t``) and throttles guesses: each failure doubles
the wait (``OTP_TOTP_THROTTLE_FACTOR``); ``verify`` locks the device so both hold under races.
"""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from dancoso.audit.services import record

CODE_WRONG = gettext_lazy(
    "Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã mới trong ứng dụng."
)
THROTTLED = gettext_lazy("Nhập sai nhiều lần. Hãy chờ {seconds} giây rồi thử lại.")


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (made on first visit, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="default", confirmed=False)


@transaction.atomic
def verify(request, device: TOTPDevice, token: str) -> str | None:
    """None when the code is right (the session is then verified), else what to tell.

    The device row is locked for the check: django-otp reads ``last_t`` and the failure count,
    then writes them back, so without the lock the same code sent from several sessions at
    once verified them all, and parallel wrong guesses were counted as one."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    allowed, data = device.verify_is_allowed()
    if not allowed:
        return THROTTLED.format(seconds=_wait_seconds(device, data))
    if not device.verify_token(token):
        return CODE_WRONG
    otp_login(request, device)
    return None


@transaction.atomic
def confirm(request, device: TOTPDevice, token: str) -> str | None:
    """Enrolment: the first right code confirms the device."""
    problem = verify(request, device, token)
    if problem is None:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record("accounts.enrol_totp", actor=request.user, obj=device, summary={})
    return problem


def _wait_seconds(device: TOTPDevice, data) -> int:
    if data and data.get("locked_until"):
        return max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)
    return 1


def base32_secret(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode("ascii")


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URI as an inline SVG (no script, allowed by the page's CSP)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    out = BytesIO()
    image.save(out)
    svg = out.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]

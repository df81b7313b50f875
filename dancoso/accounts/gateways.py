"""A real message gateway for production: e-mail through Django's mail settings (SMTP) and
text messages to a phone through Zalo's notification service (ZNS), the channel most
Vietnamese residents read.

``DANCOSO_MESSAGE_BACKEND=dancoso.accounts.gateways.SmtpZaloSender`` turns it on; the ZNS
settings (``DANCOSO_ZALO_ZNS``) name the endpoint, the file holding the access token, the
template approved for the official account and the template parameter that carries the text.
ZNS sends only approved templates, so the province registers one template whose single
parameter is the whole message ("{{noi_dung}}").

Neither the phone number nor the text is ever logged or put into an error message: a one-time
code or a denouncer's case number travels in them."""

import json
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage

from .messaging import Sender

TIMEOUT_SECONDS = 10


class MessageNotSent(RuntimeError):
    """The gateway refused or did not answer; the message says which, never to whom or what."""


def zalo_phone(phone: str) -> str:
    """ZNS wants the international form without "+": 0912 345 678 → 84912345678."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("0"):
        digits = "84" + digits[1:]
    if not (digits.startswith("84") and 10 <= len(digits) <= 12):
        raise MessageNotSent("số điện thoại không hợp lệ cho Zalo")
    return digits


class SmtpZaloSender(Sender):
    def send_email(self, address: str, subject: str, text: str) -> None:
        EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [address]).send()

    def send_sms(self, phone: str, text: str) -> None:
        config = settings.DANCOSO_ZALO_ZNS
        body = {
            "phone": zalo_phone(phone),
            "template_id": config["template_id"],
            "template_data": {config["param"]: text},
            "tracking_id": uuid.uuid4().hex,
        }
        request = urllib.request.Request(  # noqa: S310 — the URL is the operator's setting
            config["url"],
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json", "access_token": _token(config)},
            method="POST",
        )
        answer = _post(request)
        if answer.get("error") != 0:
            raise MessageNotSent(f"Zalo ZNS từ chối: mã lỗi {answer.get('error')}")


def _token(config: dict) -> str:
    try:
        return Path(config["token_file"]).read_text().strip()
    except OSError:
        raise MessageNotSent("không đọc được tệp access token của Zalo ZNS") from None


def _post(request) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.loads(response.read() or b"{}")
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise MessageNotSent(f"Zalo ZNS không trả lời được ({type(error).__name__})") from None

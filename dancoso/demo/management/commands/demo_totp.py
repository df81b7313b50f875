"""``manage.py demo_totp USERNAME``: the current TOTP code of a demo official.

Only for the demo (``DANCOSO_DEMO=1``), so that someone without an authenticator app can still
sign in as an official; refused everywhere else.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "In mã TOTP hiện tại của một tài khoản trình diễn (chỉ khi DANCOSO_DEMO=1)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DANCOSO_DEMO:
            raise CommandError("Lệnh này chỉ dùng cho bản trình diễn (DANCOSO_DEMO=1).")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"Không có thiết bị TOTP cho tài khoản “{username}”.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")

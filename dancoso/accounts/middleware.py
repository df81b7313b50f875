"""Officials must pass the second factor before anything else (Law 91/2025: security of
personal data; SECURITY.md test 14). A signed-in official whose session is not yet verified is
sent to the TOTP step, or to enrol a device if they have none."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .scope import is_official

ALLOWED_PREFIXES = ("/static/", "/healthz", "/tai-khoan/", "/i18n/")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(ALLOWED_PREFIXES)
            and is_official(user)
        ):
            query = urlencode({"next": request.get_full_path()}, safe="/")
            return redirect(reverse("accounts:second_factor") + "?" + query)
        return self.get_response(request)

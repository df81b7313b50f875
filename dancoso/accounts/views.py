"""Sign-in pages: officials (password, then TOTP), residents (one-time code), sign-out.

Each view parses, calls one service or Django's auth, and renders. Throttling: django-axes
locks an account after repeated password failures (``locked_out``); django-otp throttles TOTP
guesses; django-ratelimit bounds code requests per destination and per address.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from . import codes, throttling, totp
from .forms import CodeRequestForm, PasswordLoginForm, TokenForm
from .scope import is_official

SESSION_DESTINATION = "dancoso_code_destination"
CODE_RATE_PER_DESTINATION = "5/h"
CODE_RATE_PER_IP = "200/h"
VERIFY_RATE_PER_IP = "300/h"


def _then(view: str, next_url: str) -> str:
    """The URL of ``view`` carrying ``next`` (query strings in it kept whole)."""
    return reverse(view) + "?" + urlencode({"next": next_url}, safe="/")


def _next_url(request, default: str = "portal:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


@never_cache
@require_http_methods(["GET", "POST"])
def password_login(request):
    """Đăng nhập cán bộ: username and password, then the second factor."""
    form = PasswordLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is not None:
            login(request, user)  # rotates the session id
            if is_official(user):
                return redirect(
                    _then("accounts:second_factor", _next_url(request, "portal:workspace"))
                )
            return redirect(_next_url(request))
        form.add_error(None, _("Tên đăng nhập hoặc mật khẩu không đúng."))
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "next": _next_url(request, "portal:workspace"),
            "oidc_enabled": settings.OIDC_ENABLED,
            "oidc_name": settings.OIDC_PROVIDER_NAME,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Xác thực hai lớp: the TOTP code, or enrolling a device the first time."""
    if request.user.is_verified():
        return redirect(_next_url(request, "portal:workspace"))
    device = totp.confirmed_device(request.user)
    if device is None:
        return _enrol(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = totp.verify(request, device, form.cleaned_data["token"])
        if problem is None:
            return redirect(_next_url(request, "portal:workspace"))
        form.add_error("token", problem)
    return render(
        request,
        "accounts/second_factor.html",
        {"form": form, "next": _next_url(request, "portal:workspace")},
    )


def _enrol(request):
    device = totp.enrolment_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = totp.confirm(request, device, form.cleaned_data["token"])
        if problem is None:
            return redirect(_next_url(request, "portal:workspace"))
        form.add_error("token", problem)
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "next": _next_url(request, "portal:workspace"),
            "qr_svg": totp.qr_svg(device),
            "secret": totp.base32_secret(device),
        },
    )


def _destination_key(group, request) -> str:
    target = codes.parse_destination(request.POST.get("destination", ""))
    return target.value if target else request.POST.get("destination", "")[:254]


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key=_destination_key, rate=CODE_RATE_PER_DESTINATION, method="POST", block=False)
@ratelimit(key="ip", rate=CODE_RATE_PER_IP, method="POST", block=False)
def code_request(request):
    """Người dân đăng nhập, bước 1: phone number or e-mail address; a code is sent."""
    form = CodeRequestForm(request.POST or None)
    if request.method == "POST" and getattr(request, "limited", False):
        return too_many(request)
    if request.method == "POST" and form.is_valid():
        codes.send_code(form.cleaned_data["destination"])
        request.session[SESSION_DESTINATION] = form.cleaned_data["destination"].value
        return redirect(_then("accounts:code_verify", _next_url(request)))
    return render(
        request,
        "accounts/code_request.html",
        {
            "form": form,
            "next": _next_url(request),
            "oidc_enabled": settings.OIDC_ENABLED,
            "oidc_name": settings.OIDC_PROVIDER_NAME,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=VERIFY_RATE_PER_IP, method="POST", block=False)
def code_verify(request):
    """Người dân đăng nhập, bước 2: the 6-digit code."""
    destination = request.session.get(SESSION_DESTINATION)
    if not destination:
        return redirect("accounts:code_login")
    if request.method == "POST" and getattr(request, "limited", False):
        return too_many(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, destination=destination, code=form.cleaned_data["token"])
        if user is not None:
            login(request, user, backend="dancoso.accounts.backends.OneTimeCodeBackend")
            throttling.forget_code_failures(destination)
            return redirect(_next_url(request))
        form.add_error("token", codes.CODE_WRONG)
    return render(
        request,
        "accounts/code_verify.html",
        {"form": form, "destination": destination, "next": _next_url(request)},
    )


@require_POST
def sign_out(request):
    """Đăng xuất: the session is flushed, its id dead."""
    logout(request)
    return redirect("portal:home")


def too_many(request):
    return render(request, "429.html", {"retry": _("Hãy thử lại sau ít phút.")}, status=429)


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes calls this when an account is locked after repeated failures."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)

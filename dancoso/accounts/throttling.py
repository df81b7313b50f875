"""Who and where sign-in failures and rate limits are counted against (SECURITY.md test 14).

Officials are counted by the username they typed. Residents signing in with a one-time code
type no username: their failures count against the phone number or e-mail address the code
was sent to, so five wrong codes lock that destination from any address — and never lock out
every other resident, as one shared "no username" count would. The destination is kept (and
logged by axes) only as a keyed hash, never as the number or address itself. An attempt that
names no one (an OpenID Connect callback: the provider has already checked the person) is not
counted.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.utils import reset
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from .codes import parse_destination

DESTINATION_PREFIX = "ma:"  # usernames cannot contain ":", so the two never collide
RECORD_TRIES = 3


class AxesHandler(AxesDatabaseHandler):
    """django-axes' database handler, safe when failures race a reset. axes records a failure
    with ``get_or_create`` on (username, address, browser); when a success (or the cool-off
    clean-up) deletes that row while a parallel failure is creating its own, the failure got an
    IntegrityError — a server error, and a guess not counted. It is recorded again instead."""

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        for attempt in range(RECORD_TRIES):
            try:
                with transaction.atomic():
                    return super().user_login_failed(sender, credentials, request, **kwargs)
            except IntegrityError:
                if attempt == RECORD_TRIES - 1:
                    raise
        return None


def destination_key(destination: str) -> str:
    """``ma:`` and a keyed hash of a canonical phone number or e-mail address."""
    digest = salted_hmac("dancoso.accounts.throttling", destination).hexdigest()
    return DESTINATION_PREFIX + digest[:32]


def axes_username(request, credentials=None) -> str | None:
    """The name failures are counted against: the username, else the destination's key."""
    data = credentials if credentials else getattr(request, "POST", {})
    if data.get("username"):
        return data["username"]
    target = parse_destination(data.get("destination") or "")
    return destination_key(target.value) if target else None


def forget_code_failures(destination: str) -> None:
    """After a right code, the destination's earlier wrong ones stop counting (as a right
    password wipes an official's failures, ``AXES_RESET_ON_SUCCESS``)."""
    reset(username=destination_key(destination))


def names_no_one(request, credentials=None) -> bool:
    """True for an attempt with neither username nor destination: axes leaves it alone."""
    return axes_username(request, credentials) is None


NO_ADDRESS = "0.0.0.0"  # noqa: S104 — a bucket name, never bound


def client_ip(request) -> str:
    """The client's address, for django-axes and django-ratelimit alike: ``REMOTE_ADDR``, or —
    with ``DANCOSO_TRUSTED_PROXY_COUNT`` proxies in front — the address ``X-Forwarded-For``
    holds that many entries from the right (what the outermost trusted proxy saw; the entries
    further left are whatever the client wrote). Behind a proxy without this, every person
    would share the proxy's address and its per-address limits. A request with no usable
    address (a unix-socket proxy that sets none) counts as ``0.0.0.0``: such requests share one
    limit instead of failing."""
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    count = settings.DANCOSO_TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [p for p in forwarded if p]
    if len(forwarded) < count:
        return remote
    return _valid(forwarded[-count], fallback=remote)


def _valid(address: str, fallback: str = NO_ADDRESS) -> str:
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return fallback

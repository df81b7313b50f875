"""Helpers shared by the consultation pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django_ratelimit.core import is_ratelimited

from dancoso.core.errors import DomainError, PermissionDeniedError

# A comment, a support: per account (and per address, shared by a whole village on mobile
# networks, so ten times higher) — SECURITY.md test 15.
WRITE_RATE_PER_USER = "20/h"
WRITE_RATE_PER_IP = "200/h"


def throttled(request, group: str) -> bool:
    """Count one write towards the limits and say whether it is over them."""
    over_user = is_ratelimited(
        request, group=group, key="user", rate=WRITE_RATE_PER_USER, method="POST", increment=True
    )
    over_ip = is_ratelimited(
        request, group=group, key="ip", rate=WRITE_RATE_PER_IP, method="POST", increment=True
    )
    return over_user or over_ip


def run(request, call, *, done: str, form=None) -> bool:
    """Call a service; show its refusal as a message (or beside the form) and say whether it
    succeeded. A refused permission looks like a missing page."""
    from .. import forms as app_forms

    try:
        call()
    except PermissionDeniedError as exc:
        raise Http404 from exc
    except ValidationError as exc:
        if form is not None:
            app_forms.show_errors(form, exc)
        else:
            messages.error(request, " ".join(exc.messages))
        return False
    except DomainError as exc:
        if form is not None:
            form.add_error(None, exc.message)
        else:
            messages.error(request, exc.message)
        return False
    messages.success(request, done)
    return True

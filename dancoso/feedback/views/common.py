"""Helpers shared by the feedback views."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from dancoso.accounts.contact import normalise_email, normalise_phone
from dancoso.core.errors import DomainError, PermissionDeniedError

SUBMIT_RATE_PER_IP = "20/h"
SUBMIT_RATE_PER_CONTACT = "5/h"
TRACK_RATE_PER_IP = "60/h"
RATE_RATE_PER_IP = "30/h"


def contact_key(group, request) -> str:
    """The rate-limit key of a submission: its phone number or e-mail address, normalised,
    so that "0912 000 111" and "+84912000111" count together."""
    phone = normalise_phone(request.POST.get("phone", "")) or ""
    email = normalise_email(request.POST.get("email", "")) or ""
    return phone or email or "none"


def show_errors(form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` beside the form's fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def run_action(request, run, target: str, **kwargs):
    """Run one POSTed officer action and go back to ``target``: a field or rule error comes
    back as a message beside the page, a refused permission as 403."""
    try:
        run()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDeniedError as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã lưu."))
    return redirect(target, **kwargs)

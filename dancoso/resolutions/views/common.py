"""Helpers shared by the resolution views: run a service and put its refusal on the form,
turn "village:3" into the unit, serve a stored file as an attachment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404

from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.places.models import Agency, Commune, Province, Village
from dancoso.resolutions.files import EVIDENCE

UNIT_MODELS = {"village": Village, "agency": Agency, "commune": Commune, "province": Province}


def run(request, form, call, done: str):
    """Validate ``form``, run the service, flash ``done``; a refusal goes on the form.
    Returns the service's result, or None when nothing was written."""
    if not form.is_valid():
        return None
    try:
        result = call()
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except DomainError as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, done)
    return result if result is not None else True


def unit_from(value: str):
    """The place named by a form choice such as ``"village:3"`` (404 when it does not exist)."""
    level, _, pk = value.partition(":")
    model = UNIT_MODELS.get(level)
    if model is None or not pk.isdigit():
        raise Http404
    unit = model.objects.filter(pk=int(pk)).first()
    if unit is None:
        raise Http404
    return unit


def uploaded(form, name="evidence"):
    """``(name, bytes)`` of an optional upload, read up to one byte past the size limit."""
    upload = form.cleaned_data.get(name)
    return (upload.name, upload.read(EVIDENCE.max_bytes + 1)) if upload else None


def attachment(field, filename: str, content_type: str):
    """A stored file, always as a download under a server-made name."""
    if not field:
        raise Http404
    response = FileResponse(field.open("rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response

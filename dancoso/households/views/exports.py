"""Xuất sổ hộ: its own page (GET shows the form, linked from the household list), and the
form's POST, answered with the file as an attachment. GET writes nothing; bad input is shown
beside the form."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from dancoso.core.errors import PermissionDeniedError

from .. import services
from ..forms import ExportForm, show_errors
from .common import chosen_commune


@login_required
@require_http_methods(["GET", "POST"])
def register_export(request):
    """Send the register of the chosen commune or village (IDs masked, phones if ticked) and
    write one audit event; refused with 403/404 outside the officer's places. GET shows the
    form, the village of ``?thon=`` chosen."""
    commune, _communes = chosen_commune(request)
    villages = list(commune.villages.filter(is_active=True).order_by("name"))
    data = request.POST if request.method == "POST" else None
    village = next((v.pk for v in villages if str(v.pk) == request.GET.get("thon")), None)
    form = ExportForm.for_user(request.user, commune, villages, data, initial={"village": village})
    if form is None:
        raise PermissionDenied
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            export = services.export_register(
                commune, actor=request.user, village=data["village"], fmt=data["fmt"],
                with_phones=data["with_phones"], purpose=data["purpose"],
                purpose_text=data["purpose_text"],
            )  # fmt: skip
        except ValidationError as exc:
            show_errors(form, exc)
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        else:
            return attachment(export)
    return render(
        request, "households/register_export.html", {"commune": commune, "export_form": form},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


def attachment(export: services.RegisterExport) -> HttpResponse:
    """The file as a download that no browser renders or caches."""
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response

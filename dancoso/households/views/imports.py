"""Register import pages: the upload form, the job page with its progress bar (polled by htmx
every second, refreshed by the browser without JavaScript) and the template file."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from dancoso.core.errors import PermissionDeniedError
from dancoso.core.htmx import is_htmx

from .. import importing, queries, services
from ..forms import ImportForm, show_errors
from ..models import ImportJob
from .common import chosen_commune

RUNNING = {ImportJob.Status.QUEUED, ImportJob.Status.VALIDATING, ImportJob.Status.WRITING}
ERRORS_PER_PAGE = 50
UPLOAD_SLACK = 64 * 1024  # the form's other fields and the multipart boundaries


class LimitedUpload(FileUploadHandler):
    """Stops storing an upload once it passes the import limit: the rest of the body is read
    and dropped, never written to memory or disk (SECURITY.md test 20)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = settings.DANCOSO_IMPORT_MAX_BYTES
        self.too_big = content_length > self.limit + UPLOAD_SLACK

    def receive_data_chunk(self, raw_data, start):
        if self.too_big or start + len(raw_data) > self.limit:
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt  # checked below, once the size-limiting handler is in place
@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    request.upload_handlers.insert(0, LimitedUpload(request))
    return _import_upload(request)


@csrf_protect
def _import_upload(request):
    """Nhập sổ hộ: upload a CSV/XLSX register for a commune the officer manages."""
    commune, _communes = chosen_commune(request)
    if not request.user.has_perm("households.import_households", ImportJob(commune=commune)):
        raise PermissionDenied
    too_big = request.method == "POST" and _too_big(request)
    form = ImportForm(None if too_big else (request.POST or None), request.FILES or None)
    if too_big:
        form.too_big = importing.FILE_TOO_BIG.format(
            size=importing.megabytes(int(request.META["CONTENT_LENGTH"])),
            limit=importing.megabytes(settings.DANCOSO_IMPORT_MAX_BYTES),
        )
    if form.is_bound and form.is_valid():
        try:
            job = services.start_import(
                commune, actor=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            show_errors(form, exc)
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        else:
            return redirect("households:import_job", pk=job.pk)
    return render(request, "households/import_upload.html", {
        "form": form, "commune": commune, "jobs": queries.recent_imports(commune),
        "columns": importing.COLUMNS, "required": importing.REQUIRED_COLUMNS,
        "max_rows": importing.MAX_ROWS,
    })  # fmt: skip


def _too_big(request) -> bool:
    """Refuse an oversized upload from its declared length, before reading it."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    return length.isdecimal() and int(length) > settings.DANCOSO_IMPORT_MAX_BYTES + UPLOAD_SLACK


@never_cache
@login_required
@require_http_methods(["GET"])
def import_job(request, pk: int):
    """The job page: progress while it runs; the result, or every line-numbered error (50 a
    page), when it ends. An htmx poll gets the progress fragment, and a full reload once the
    job has ended."""
    job = queries.get_import_job_for(request.user, pk)
    running = job.status in RUNNING
    if is_htmx(request):
        if not running:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(request, "households/_import_progress.html", {"job": job, "running": running})
    errors = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "households/import_job.html", {"job": job, "running": running, "errors": errors}
    )


@require_http_methods(["GET"])
def import_template(request):
    """The template ``mau-nhap-ho.csv``: column names and two example rows (no real person)."""
    response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho.csv"'
    return response

"""The dashboard of a resolution for a place and a year (read-only for council delegates and
the Front), its XLSX download, and the annual report jobs."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dancoso.places.models import Commune

from .. import charts, dashboard, export, queries, services, snapshots
from ..forms import ReportForm
from ..models import ManualFigure, ReportJob, TaskUpdate
from .common import attachment, run

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILES = {
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("pdf", "application/pdf"),
    "xlsx": ("xlsx", XLSX),
}


def _year(request, resolution) -> int:
    years = snapshots.years_of(resolution, timezone.localdate())
    raw = request.GET.get("nam", "")
    if not raw:
        return years[0] if years else resolution.effective_from.year
    if not raw.isdigit() or int(raw) not in years:
        raise Http404
    return int(raw)


def dashboard_data(request, resolution) -> tuple[dict, object]:
    """The figures to show and when they were computed: the stored snapshot for the
    resolution's own scope, a live computation for a commune of a provincial resolution."""
    year = _year(request, resolution)
    commune_id = request.GET.get("xa", "")
    if commune_id and resolution.province_id:
        if not commune_id.isdigit():
            raise Http404
        commune = get_object_or_404(Commune, pk=int(commune_id), province_id=resolution.province_id)
        computed_at = timezone.now()
        return dashboard.compute(resolution, year, place=commune), computed_at
    if commune_id:
        raise Http404
    snapshot = snapshots.current(resolution, year)
    return snapshot.data, snapshot.computed_at


@login_required
@require_GET
def dashboard_page(request, pk: int):
    resolution = queries.get_resolution_for(request.user, pk)
    data, computed_at = dashboard_data(request, resolution)
    context = {
        "resolution": resolution,
        "data": data,
        "computed_at": computed_at,
        "years": snapshots.years_of(resolution, timezone.localdate()),
        "bars": {t["code"]: charts.bars(t) for t in data["targets"]},
        "drill": resolution.province_id is not None and data["place"]["level"] == "province",
        "can_manage": request.user.has_perm("resolutions.manage_resolution", resolution),
    }
    return render(request, "resolutions/dashboard.html", context)


@login_required
@require_GET
def dashboard_xlsx(request, pk: int):
    resolution = queries.get_resolution_for(request.user, pk)
    data, _computed = dashboard_data(request, resolution)
    response = HttpResponse(export.dashboard_xlsx(data), content_type=XLSX)
    name = f"bang-theo-doi-{resolution.pk}-{data['year']}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def report_new(request, pk: int):
    resolution = queries.get_resolution_for(request.user, pk, "resolutions.generate_report")
    form = ReportForm(request.POST)
    call = lambda: services.request_report(request.user, resolution, **form.cleaned_data)  # noqa: E731
    job = run(request, form, call, _("Đang tạo báo cáo."))
    if job:
        return redirect("resolutions:report", pk=job.pk)
    return render(request, "resolutions/report_new.html", {"form": form, "resolution": resolution})


def _job_for(user, pk: int) -> ReportJob:
    job = ReportJob.objects.select_related("resolution__commune", "resolution__province")
    job = job.filter(pk=pk).first()
    if job is None or not user.has_perm("resolutions.view_dashboard", job.resolution):
        raise Http404
    return job


@login_required
@require_GET
def report_detail(request, pk: int):
    """A report job: its progress while it runs, its three files once done."""
    return render(request, "resolutions/report_detail.html", {"job": _job_for(request.user, pk)})


@login_required
@require_GET
def report_file(request, pk: int, kind: str):
    job = _job_for(request.user, pk)
    if kind not in FILES:
        raise Http404
    extension, content_type = FILES[kind]
    name = f"bao-cao-nghi-quyet-{job.resolution_id}-{job.year}.{extension}"
    return attachment(getattr(job, kind), name, content_type)


@login_required
@require_GET
def evidence(request, kind: str, pk: int):
    """The evidence of a reported figure or a task update, to those who read the dashboard."""
    model = {"so-lieu": ManualFigure, "nhiem-vu": TaskUpdate}.get(kind)
    if model is None:
        raise Http404
    row = model.objects.filter(pk=pk).first()
    if row is None:
        raise Http404
    owner = row.target.resolution if model is ManualFigure else row.task.plan.resolution
    own = row.reported_by_id if model is ManualFigure else row.author_id
    if own != request.user.pk and not request.user.has_perm("resolutions.view_dashboard", owner):
        raise Http404
    extension = row.evidence.name.rsplit(".", 1)[-1] if row.evidence else "bin"
    content_type = {"pdf": "application/pdf", "png": "image/png"}.get(extension, "image/jpeg")
    return attachment(row.evidence, f"minh-chung-{pk}.{extension}", content_type)


@login_required
@require_POST
def figure_audit(request, pk: int):
    figure = ManualFigure.objects.select_related("target__resolution").filter(pk=pk).first()
    if figure is None or not request.user.has_perm("resolutions.view_dashboard", figure):
        raise Http404
    if not request.user.has_perm("resolutions.audit_figure", figure):
        raise PermissionDenied
    services.audit_figure(request.user, figure)
    return redirect("resolutions:figures", pk=figure.target_id)

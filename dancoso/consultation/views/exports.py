"""The synthesis report as a file: built at once for a small consultation, otherwise in the
background (``services.request_export``) with a progress page that polls (htmx) until the file
is ready. Every view asks the same visibility as the synthesis page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import export, queries, services
from .common import run

TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
BUILDERS = {"docx": export.synthesis_docx, "pdf": export.synthesis_pdf}


def _visible(request, pk: int):
    consultation = queries.get_consultation_for(request.user, pk)
    if not queries.synthesis_visible(request.user, consultation):
        raise Http404(queries.NOT_FOUND)
    return consultation


def _download(data, consultation, fmt: str):
    kind = TYPES[fmt]
    response = (
        FileResponse(data, as_attachment=True, content_type=kind)
        if hasattr(data, "read")
        else HttpResponse(data, content_type=kind)
    )
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-tong-hop-{consultation.pk}.{fmt}"'
    )
    return response


@require_GET
def synthesis_file(request, pk: int, fmt: str):
    """The synthesis report as a Word or PDF file: built now when small, else the latest
    background build (or its progress page while it runs)."""
    consultation = _visible(request, pk)
    if consultation.opinions.count() <= export.INLINE_LIMIT:
        return _download(BUILDERS[fmt](consultation), consultation, fmt)
    latest = queries.latest_export(consultation, fmt, done=True)
    if latest is not None:
        return _download(latest.file.open("rb"), consultation, fmt)
    running = queries.latest_export(consultation, fmt)
    if running is not None and running.running:
        return redirect("consultation:export", pk=pk, export_pk=running.pk)
    messages.info(request, _("Báo cáo chưa được dựng; người tổ chức hãy bấm “Xuất báo cáo”."))
    return redirect("consultation:synthesis", pk=pk)


@login_required
@require_POST
def export_request(request, pk: int):
    """Xuất báo cáo (chạy nền): queue a build (``dinh_dang=pdf`` for PDF, else Word) and show
    its progress."""
    consultation = queries.get_consultation_for(request.user, pk)
    fmt = "pdf" if request.POST.get("dinh_dang") == "pdf" else "docx"
    made = {}

    def call():
        made["job"] = services.request_export(consultation, actor=request.user, fmt=fmt)

    if run(request, call, done=_("Đang dựng báo cáo; trang sẽ tự cập nhật tiến độ.")):
        return redirect("consultation:export", pk=pk, export_pk=made["job"].pk)
    return redirect("consultation:synthesis", pk=pk)


@require_GET
def export_progress(request, pk: int, export_pk: int):
    """The progress of one build; htmx asks for the fragment every second while it runs."""
    job = queries.get_export_for(request.user, pk, export_pk)
    context = {"job": job, "consultation": job.consultation}
    if request.headers.get("HX-Request"):
        return render(request, "consultation/_export_progress.html", context)
    return render(request, "consultation/export_progress.html", context)


@require_GET
def export_download(request, pk: int, export_pk: int):
    """The finished file, as a download under a safe name."""
    job = queries.get_export_for(request.user, pk, export_pk)
    if job.status != job.Status.DONE or not job.file:
        raise Http404(queries.NOT_FOUND)
    return _download(job.file.open("rb"), job.consultation, job.format)

"""The synthesis report built in the background (issue 4: 50,000 opinions in under 30 s, with
progress shown): ``request_export`` queues a build once the transaction commits, and
``build_export`` — the task's body — reads the opinions in batches, committing its progress,
then renders and stores the file. A retried task never builds twice; a failure ends the job
with a message, never a half-written file."""

import logging
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dancoso.core.errors import DomainError

from .. import export, queries
from ..models import Consultation, SynthesisExport
from .common import audit, require

logger = logging.getLogger("dancoso.consultation.export")
NOT_VISIBLE = "Báo cáo tổng hợp chưa thể xuất: đợt lấy ý kiến chưa kết thúc."
FAILED = "Lỗi hệ thống khi dựng báo cáo — hãy thử lại hoặc báo quản trị."
RENDERERS = {
    SynthesisExport.Format.DOCX: export.synthesis_docx,
    SynthesisExport.Format.PDF: export.synthesis_pdf,
}


@transaction.atomic
def request_export(
    consultation: Consultation, *, actor, fmt: str = SynthesisExport.Format.DOCX
) -> SynthesisExport:
    """Xuất báo cáo tổng hợp: queue a build of the synthesis report. Who may: the organisers,
    once the consultation has closed (they check the report before publishing it); publishing
    a large consultation queues one in each format (``advance``)."""
    require(actor, "export_synthesis", consultation)
    if not queries.synthesis_visible(actor, consultation):
        raise DomainError("not_visible", NOT_VISIBLE)
    job = SynthesisExport.objects.create(
        consultation=consultation,
        format=fmt,
        requested_by=actor,
        total=consultation.opinions.count(),
    )
    audit("export_synthesis", consultation, actor=actor, obj=job, summary={"format": fmt})
    from ..tasks import build_synthesis_export

    transaction.on_commit(lambda: build_synthesis_export.enqueue(job.pk))
    return job


def _progress(job: SynthesisExport, **fields) -> None:
    """Commit progress at once (autocommit) so the polling page sees it."""
    for name, value in fields.items():
        setattr(job, name, value)
    SynthesisExport.objects.filter(pk=job.pk).update(**fields, updated_at=timezone.now())


def build_export(job_id: int) -> SynthesisExport:
    """The background build: claim the queued job, read the opinions with progress, render,
    store the file under a server-made name. Not atomic on purpose (progress is committed as
    it goes); the file is saved only once complete. Writes no audit event: the request was
    audited, and a file is not a change to the consultation."""
    job = SynthesisExport.objects.select_related("consultation__commune").get(pk=job_id)
    claimed = SynthesisExport.objects.filter(pk=job.pk, status=SynthesisExport.Status.QUEUED)
    if not claimed.update(status=SynthesisExport.Status.READING, updated_at=timezone.now()):
        return job  # already run or running: a retried task must not build twice
    try:
        data = RENDERERS[job.format](job.consultation, _reporter(job))
        name = f"{uuid.uuid4().hex}.{job.format}"
        job.file.save(name, ContentFile(data), save=False)
        _progress(
            job,
            file=job.file.name,
            status=SynthesisExport.Status.DONE,
            processed=job.total,
            finished_at=timezone.now(),
        )
    except Exception as exc:  # noqa: BLE001 - the job must end; the text may hold opinions
        logger.error("consultation.export failed: %s", type(exc).__name__)
        _progress(
            job, status=SynthesisExport.Status.FAILED, error=FAILED, finished_at=timezone.now()
        )
    return job


def _reporter(job: SynthesisExport):
    def report(done: int, total: int) -> None:
        status = SynthesisExport.Status.RENDERING if done >= total else job.status
        _progress(job, processed=min(done, total), total=total, status=status)

    return report

"""The register import: storing the upload and queueing it, then checking every row and
writing the whole file in one transaction (or nothing)."""

import logging
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dancoso.audit.services import record
from dancoso.places.models import Commune

from .. import bulk, importing
from ..models import ImportJob
from .common import acting_role, require

logger = logging.getLogger("dancoso.households.import")

UPLOAD_WRONG_TYPE = "Chỉ nhận tệp .csv (mã UTF-8) hoặc .xlsx."
UPLOAD_FAILED = "Lỗi hệ thống khi nhập — không có gì được ghi. Hãy thử lại hoặc báo quản trị."
IMPORT_NOT_ALLOWED = "Người tải tệp không còn quyền nhập sổ hộ của xã này — không có gì được ghi."


@transaction.atomic
def start_import(commune: Commune, *, actor, upload) -> ImportJob:
    """Nhập sổ hộ, step 1: store the uploaded file privately under a server-made name and queue
    the background import (``tasks.run_import``) once this transaction commits."""
    job = ImportJob(commune=commune, uploaded_by=actor)
    require(actor, "import_households", job)
    name = PurePath(str(upload.name).replace("\\", "/")).name[-200:] or "tep"
    suffix = PurePath(name).suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise ValidationError({"file": UPLOAD_WRONG_TYPE})
    if upload.size > settings.DANCOSO_IMPORT_MAX_BYTES:
        raise ValidationError(
            {
                "file": importing.FILE_TOO_BIG.format(
                    size=importing.megabytes(upload.size),
                    limit=importing.megabytes(settings.DANCOSO_IMPORT_MAX_BYTES),
                )
            }
        )
    job.original_name = name
    job.file.save(f"{uuid.uuid4().hex}{suffix}", upload, save=False)
    job.save()
    record(
        "households.start_import",
        actor=actor,
        obj=job,
        commune_code=commune.code,
        summary={"bytes": upload.size, "type": suffix.lstrip(".")},
        role=acting_role(actor, job),
    )
    from ..tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


def import_households(job: ImportJob | int, *, actor=None) -> ImportJob:
    """Nhập sổ hộ, step 2 (the background task): read and check every row, then write the
    whole register in one transaction — or, on any error, write nothing and keep the
    line-numbered error list on the job. Households in the file are created or updated
    (members matched by national ID, else name and date of birth, so they keep their id and
    account links); households not in the file are untouched; a household whose village
    changed is moved with its residence history. ``actor`` defaults to the uploader.

    Not atomic as a whole on purpose: progress is committed every few hundred rows so the
    page can show it; the write phase alone is one transaction (``bulk.write_plans``)."""
    job = ImportJob.objects.select_related("commune__province", "uploaded_by").get(
        pk=getattr(job, "pk", job)
    )
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.VALIDATING, updated_at=timezone.now()
    )
    if not claimed:
        return job  # already run or running: a retried task must not import twice
    job.status = ImportJob.Status.VALIDATING
    actor = actor or job.uploaded_by
    try:
        _run_import(job, actor)
    except Exception as exc:  # noqa: BLE001 - the job must end; the message may hold personal data
        logger.error("households.import failed: %s", type(exc).__name__)
        _finish(job, ImportJob.Status.FAILED, errors=[importing.Problem(0, UPLOAD_FAILED)])
    return job


def _run_import(job: ImportJob, actor) -> None:
    if not actor.has_perm("households.import_households", job):
        _finish(job, ImportJob.Status.FAILED, errors=[importing.Problem(0, IMPORT_NOT_ALLOWED)])
        return
    try:
        with job.file.open("rb") as handle:
            data = handle.read(settings.DANCOSO_IMPORT_MAX_BYTES + 1)
        table = importing.read_table(
            data, job.original_name, max_bytes=settings.DANCOSO_IMPORT_MAX_BYTES
        )
    except importing.ImportFileError as exc:
        _finish(
            job,
            ImportJob.Status.FAILED,
            errors=[importing.Problem(0, message) for message in exc.messages],
        )
        return
    _progress(job, total_rows=len(table.rows))
    villages = importing.VillageIndex(
        job.commune.villages.values_list("pk", "name"), job.commune.name
    )
    plans, problems = importing.validate(
        table,
        villages,
        today=timezone.localdate(),
        progress=lambda done: _progress(job, processed_rows=done),
    )
    problems += bulk.database_problems(plans, job.commune)
    _progress(job, processed_rows=len(table.rows))
    if problems:
        _finish(job, ImportJob.Status.FAILED, errors=sorted(problems, key=lambda p: p.line))
        return
    _progress(job, status=ImportJob.Status.WRITING)
    try:
        result = bulk.write_plans(
            plans, commune=job.commune, actor=actor, job=job, role=acting_role(actor, job)
        )
    except bulk.ConflictError as exc:
        _finish(job, ImportJob.Status.FAILED, errors=exc.problems)
        return
    _finish(job, ImportJob.Status.DONE, result=result)


def _progress(job: ImportJob, **fields) -> None:
    """Commit progress at once (autocommit) so the polling page sees it."""
    for name, value in fields.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(**fields, updated_at=timezone.now())


def _finish(job: ImportJob, status: str, *, errors=(), result=None) -> None:
    """End the job and delete the uploaded file: the register is written (or not), and the
    copy of the personal data it held is no longer needed (Law 91/2025/QH15, minimisation)."""
    if job.file:
        job.file.delete(save=False)
    _progress(
        job,
        status=status,
        file="",
        result=result or {},
        errors=[{"line": p.line, "message": p.text()} for p in errors],
    )

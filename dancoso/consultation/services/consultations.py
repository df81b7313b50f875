"""Opening a consultation: the draft, its sections (typed or imported from DOCX), its
attachments, and the one-way transitions of its lifecycle."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dancoso.core.errors import DomainError
from dancoso.core.files import check as check_file
from dancoso.places.models import Agency, Commune

from .. import export, files, law, readiness
from ..lifecycle import TRANSITIONS, State
from ..models import Attachment, Consultation, Section
from .common import audit, locked, require, require_state

AUDIENCE_NOT_FOR_AGENCY = (
    "Lấy ý kiến trong cơ quan chỉ dành cho cán bộ, công chức, viên chức, người lao động (hoặc "
    "mọi người trong cơ quan)."
)
AUDIENCE_NOT_FOR_COMMUNE = (
    "Đối tượng “cán bộ của cơ quan” chỉ dùng khi lấy ý kiến trong một cơ quan, đơn vị."
)
VILLAGE_OF_OTHER_COMMUNE = "Thôn, tổ dân phố được chọn không thuộc xã này."
TITLE_REQUIRED = "Hãy nhập tên dự thảo."
NOT_READY = "Chưa thể {label}: {issues}."
SECTION_HEADING_REQUIRED = "Phần thứ {n} chưa có đề mục."
DRAFT_FIELDS = (
    "title",
    "summary",
    "subject",
    "audience",
    "forms",
    "opens_on",
    "closes_on",
    "allow_anonymous",
    "plan_sent_on",
)


def _check(consultation: Consultation, villages) -> None:
    scope = consultation.scope
    errors = {}
    if not consultation.title.strip():
        errors["title"] = TITLE_REQUIRED
    try:
        law.check_subject(consultation.subject, scope)
    except law.Refused as refused:
        errors["subject"] = refused.message
    try:
        consultation.forms = [
            f.value for f in law.check_forms(consultation.forms, consultation.subject)
        ]
    except (law.Refused, ValueError) as exc:
        errors["forms"] = getattr(exc, "message", law.NO_FORM)
    staff = {Consultation.Audience.STAFF, Consultation.Audience.EVERYONE}
    if scope == "agency" and consultation.audience not in staff:
        errors["audience"] = AUDIENCE_NOT_FOR_AGENCY
    if scope == "commune" and consultation.audience == Consultation.Audience.STAFF:
        errors["audience"] = AUDIENCE_NOT_FOR_COMMUNE
    if any(v.commune_id != consultation.commune_id for v in villages):
        errors["villages"] = VILLAGE_OF_OTHER_COMMUNE
    try:
        law.check_window(consultation.opens_on, consultation.closes_on, scope)
    except law.Refused as refused:
        errors["closes_on"] = refused.message
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_consultation(
    place: Commune | Agency, *, actor, villages=(), plan_required: bool = True, **data
) -> Consultation:
    """Lập dự thảo lấy ý kiến for a commune (optionally some of its villages) or an agency.
    Who may: the commune's officers and leaders, or the agency's head. Checks the subject
    (Art. 25 / Art. 53), the forms (Art. 26) and the minimum period (Art. 28(2))."""
    require(actor, "add_consultation", place)
    if isinstance(place, Agency):
        consultation = Consultation(
            agency=place, province_id=place.province_id, commune_id=place.commune_id
        )
    else:
        consultation = Consultation(commune=place, province_id=place.province_id)
    for name in DRAFT_FIELDS:
        if name in data:
            setattr(consultation, name, data[name])
    consultation.created_by = actor
    consultation.plan_required = plan_required
    villages = list(villages)
    _check(consultation, villages)
    consultation.full_clean()
    consultation.save()
    consultation.villages.set(villages)
    audit(
        "create_consultation",
        consultation,
        actor=actor,
        summary={"subject": consultation.subject, "villages": [v.pk for v in villages]},
    )
    return consultation


@transaction.atomic
def update_consultation(
    consultation: Consultation, *, actor, villages=None, **data
) -> Consultation:
    """Sửa dự thảo before it is published (organisers only)."""
    require(actor, "change_consultation", consultation)
    consultation = locked(consultation)
    require_state(consultation, "edit_draft")
    changed = [n for n in DRAFT_FIELDS if n in data and getattr(consultation, n) != data[n]]
    for name in changed:
        setattr(consultation, name, data[name])
    villages = list(consultation.villages.all()) if villages is None else list(villages)
    _check(consultation, villages)
    consultation.full_clean()
    consultation.save()
    consultation.villages.set(villages)
    audit("update_consultation", consultation, actor=actor, summary={"fields": changed})
    return consultation


@transaction.atomic
def set_sections(
    consultation: Consultation, *, actor, sections: list[tuple[str, str]]
) -> list[Section]:
    """Replace the draft's sections (heading, text) while it is still a draft."""
    require(actor, "change_consultation", consultation)
    consultation = locked(consultation)
    require_state(consultation, "edit_draft")
    return _replace_sections(consultation, actor, sections, source="form")


def _replace_sections(consultation, actor, sections, *, source: str) -> list[Section]:
    rows = []
    for n, (heading, body) in enumerate(sections, start=1):
        heading = (heading or "").strip()
        if not heading:
            raise ValidationError({"sections": SECTION_HEADING_REQUIRED.format(n=n)})
        row = Section(
            consultation=consultation, position=n, heading=heading[:300], body=(body or "").strip()
        )
        row.full_clean(exclude=["consultation"])
        rows.append(row)
    consultation.sections.all().delete()
    Section.objects.bulk_create(rows)
    audit(
        "set_sections", consultation, actor=actor, summary={"sections": len(rows), "source": source}
    )
    return rows


@transaction.atomic
def import_draft(consultation: Consultation, *, actor, name: str, data: bytes) -> list[Section]:
    """Nhập dự thảo từ tệp DOCX: split at headings (``files.read_docx_draft``); macros,
    oversized files and drafts that cannot be split are refused with where it stopped."""
    require(actor, "change_consultation", consultation)
    consultation = locked(consultation)
    require_state(consultation, "edit_draft")
    try:
        parts = files.read_docx_draft(name, data)
    except files.FileRefused as refused:
        raise ValidationError({"file": refused.message}) from refused
    return _replace_sections(
        consultation, actor, [(p.heading, p.body) for p in parts], source="docx"
    )


@transaction.atomic
def add_attachment(consultation: Consultation, *, actor, name: str, data: bytes) -> Attachment:
    """Đính kèm tài liệu: type checked by magic bytes, stored under a server-made name."""
    require(actor, "change_consultation", consultation)
    try:
        checked = check_file(data, name, files.ATTACHMENTS)
    except files.FileRefused as refused:
        raise ValidationError({"file": refused.message}) from refused
    kind, data = checked.kind.ext, checked.content
    attachment = Attachment(
        consultation=consultation, original_name=checked.display_name, kind=kind, size=len(data)
    )
    attachment.file.save(checked.stored_name, ContentFile(data), save=False)
    attachment.save()
    audit(
        "add_attachment",
        consultation,
        actor=actor,
        obj=attachment,
        summary={"kind": kind, "bytes": len(data)},
    )
    return attachment


@transaction.atomic
def advance(
    consultation: Consultation, transition: str, *, actor, today: date | None = None
) -> Consultation:
    """Move a consultation along its lifecycle (open, close, synthesise, publish) once the
    readiness checklist for that step is empty. Opening sets the publication date from which
    the period runs (Art. 28(2)); publishing makes the synthesis public (Art. 28(3)) and, once
    committed, tells the followers (``tasks.notify_followers``) and — for a large consultation
    — builds the report file in the background."""
    step = TRANSITIONS[transition]
    permission = (
        "publish_synthesis" if transition in {"synthesise", "publish"} else "change_consultation"
    )
    require(actor, permission, consultation)
    consultation = locked(consultation)
    require_state(consultation, transition)
    today = today or timezone.localdate()
    issues = readiness.CHECKLISTS[transition](consultation, today)
    if issues:
        raise DomainError(
            "not_ready", NOT_READY.format(label=step.label.lower(), issues="; ".join(issues))
        )
    consultation.state = step.target
    if transition == "open":
        consultation.published_on = today
        consultation.opens_on = max(today, consultation.opens_on)
    if transition == "publish":
        consultation.synthesis_published_at = timezone.now()
        from ..tasks import notify_followers

        pk = consultation.pk
        transaction.on_commit(lambda: notify_followers.enqueue(pk))
    consultation.save()
    audit(f"{transition}_consultation", consultation, actor=actor, summary={"state": step.target})
    if transition == "publish" and consultation.opinions.count() > export.INLINE_LIMIT:
        from .exports import request_export

        for fmt in ("docx", "pdf"):  # the public downloads are ready at once
            request_export(consultation, actor=actor, fmt=fmt)
    return consultation


@transaction.atomic
def revise_section(section: Section, *, actor, text: str) -> Section:
    """Sửa dự thảo sau tiếp thu: the section's revised text, compared with the original on
    the public page."""
    consultation = section.consultation
    require(actor, "change_consultation", consultation)
    consultation = locked(consultation)
    require_state(consultation, "revise")
    section.revised_body = (text or "").strip()
    section.is_revised = section.revised_body != section.body
    section.full_clean()
    section.save()
    audit(
        "revise_section",
        consultation,
        actor=actor,
        obj=section,
        summary={"section": section.pk, "revised": section.is_revised},
    )
    return section


@transaction.atomic
def write_synthesis(
    consultation: Consultation, *, actor, text: str, majority_reason: str = ""
) -> Consultation:
    """Báo cáo tổng hợp: the synthesis report's text, and — when the decision goes against the
    majority view — its reasons (Art. 28(4))."""
    require(actor, "publish_synthesis", consultation)
    consultation = locked(consultation)
    if consultation.state not in {State.CLOSED, State.SYNTHESISED}:
        require_state(consultation, "synthesise")
    consultation.synthesis_text = (text or "").strip()
    consultation.majority_reason = (majority_reason or "").strip()
    consultation.full_clean()
    consultation.save()
    audit(
        "write_synthesis",
        consultation,
        actor=actor,
        summary={"majority_reason": bool(consultation.majority_reason)},
    )
    return consultation

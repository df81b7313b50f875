"""Publishing, correcting and withdrawing disclosures (Law 10/2022/QH15 Art. 11–14, 46–48).

A publish is all-or-nothing: the disclosure, its attachments, its search entry and its audit
event are written in one transaction, and the stored files are removed if it rolls back.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dancoso.core.actors import SystemActor
from dancoso.core.errors import DomainError
from dancoso.places.models import Agency, Commune

from .. import content, law
from ..law import Form, Scope
from ..models import Disclosure, DisclosureRevision
from ..obligations import OBLIGATIONS
from .common import (
    MAX_FILES,
    TOO_MANY_FILES,
    audit,
    delete_files,
    index,
    refuse,
    require,
    store_attachment,
)

TITLE_REQUIRED = "Hãy nhập tiêu đề."
TOO_LONG = "Dài quá {limit} ký tự."
ONE_OWNER = "Hãy chọn đúng một nơi công khai: xã, một thôn của xã, hoặc một cơ quan, đơn vị."
STARTS_IN_PAST = "Ngày bắt đầu công khai không được trước hôm nay."
DOCUMENT_IN_FUTURE = "Ngày ban hành văn bản không được ở tương lai."
BAD_FORM = "Hình thức “{form}” không dùng cho nơi công khai này."
BAD_OBLIGATION = "Nghĩa vụ công khai định kỳ này không thuộc nhóm nội dung đã chọn."
BAD_YEAR = "Năm của nghĩa vụ công khai phải từ 2023 đến {last}."
REASON_REQUIRED = "Hãy ghi rõ lý do."
ALREADY_WITHDRAWN = "Thông tin này đã được rút, không thể sửa hoặc rút lại lần nữa."
NOTHING_CHANGED = (
    "Nội dung đính chính giống hệt nội dung hiện tại. Hãy sửa nội dung cần đính chính."
)


def _owner(commune, village, agency) -> Disclosure:
    if sum(x is not None for x in (village, agency)) > 1 or (
        commune is None and village is None and agency is None
    ):
        raise DomainError("one_owner", ONE_OWNER)
    if agency is not None:
        if not isinstance(agency, Agency):
            raise DomainError("one_owner", ONE_OWNER)
        return Disclosure(agency=agency, commune=agency.commune, province_id=agency.province_id)
    if village is not None:
        if commune is not None and village.commune_id != commune.pk:
            raise DomainError("one_owner", ONE_OWNER)
        commune = village.commune
    if not isinstance(commune, Commune):
        raise DomainError("one_owner", ONE_OWNER)
    return Disclosure(commune=commune, village=village, province_id=commune.province_id)


def _text(value: str, field: str, limit: int, *, required: bool = False) -> str:
    value = content.strip_controls(value)
    value = " ".join(value.split()) if field == "title" else value.strip()
    if required and not value:
        raise ValidationError({field: TITLE_REQUIRED})
    if len(value) > limit:
        raise ValidationError({field: TOO_LONG.format(limit=limit)})
    return value


def _forms(scope: Scope, chosen) -> list[str]:
    allowed = law.AGENCY_FORMS if scope is Scope.AGENCY else law.COMMUNE_FORMS
    result = []
    for value in chosen:
        try:
            form = Form(value)
        except ValueError:
            form = None
        if form not in allowed:
            raise ValidationError({"forms": BAD_FORM.format(form=str(value)[:40])})
        result.append(form)
    # This platform is the commune's portal (Art. 13(1)) and the agency's intranet (Art. 48).
    result.append(Form.AGENCY_INTRANET if scope is Scope.AGENCY else Form.PORTAL)
    return sorted(set(result), key=list(Form).index)


def _obligation(scope: Scope, cat: law.Category, key: str, year) -> tuple[str, int | None]:
    if not key:
        return "", None
    found = OBLIGATIONS.get((scope, key))
    if found is None or found.category != cat.code:
        raise ValidationError({"obligation": BAD_OBLIGATION})
    last = timezone.localdate().year + 1
    if not isinstance(year, int) or not 2023 <= year <= last:
        raise ValidationError({"obligation_year": BAD_YEAR.format(last=last)})
    return key, year


def _check_dates(actor, starts_on: date, document_date: date | None) -> None:
    today = timezone.localdate()
    # Commands loading history (the demo, an import of past notices) may date it back.
    if starts_on < today and not isinstance(actor, SystemActor):
        raise ValidationError({"starts_on": STARTS_IN_PAST})
    if document_date is not None and document_date > max(today, starts_on):
        raise ValidationError({"document_date": DOCUMENT_IN_FUTURE})


def publish_disclosure(*, actor, files=(), **data) -> Disclosure:
    """Công khai thông tin: a commune officer or leader publishes a disclosure for the commune
    or one of its villages, an agency head for the agency (internal). The category, its
    required forms and the minimum period are checked against ``law.py`` (Art. 11, 13, 46,
    48); a shorter period is refused quoting the rule. All-or-nothing."""
    stored: list = []
    try:
        return _publish(actor=actor, files=files, stored=stored, **data)
    except BaseException:
        delete_files(stored)
        raise


def _lawful(scope, category, forms, starts_on, ends_on, has_loudspeaker):
    """The category and the forms, checked against Art. 11, 13, 46 and 48."""
    try:
        cat = law.category(category, scope)
        chosen = _forms(scope, forms)
        law.check_forms(cat, chosen, starts_on, has_loudspeaker=has_loudspeaker)
        law.check_period(cat, starts_on, ends_on)
    except law.LawViolation as exc:
        raise refuse(exc) from exc
    return cat, chosen


def _set_text(disclosure, title, summary, body) -> None:
    disclosure.title = _text(title, "title", 300, required=True)
    disclosure.summary = _text(summary, "summary", 2000)
    disclosure.body_html = content.sanitise_html(body)


@transaction.atomic
def _publish(
    *,
    actor,
    files,
    stored,
    category: str,
    title: str,
    commune=None,
    village=None,
    agency=None,
    summary: str = "",
    body: str = "",
    forms=(),
    starts_on: date | None = None,
    ends_on: date | None = None,
    document_date: date | None = None,
    obligation: str = "",
    obligation_year: int | None = None,
    has_loudspeaker: bool = True,
) -> Disclosure:
    disclosure = _owner(commune, village, agency)
    require(actor, "publish_disclosure", disclosure)
    scope = Scope.AGENCY if disclosure.agency_id else Scope.COMMUNE
    starts_on = starts_on or timezone.localdate()
    cat, chosen = _lawful(scope, category, forms, starts_on, ends_on, has_loudspeaker)
    _check_dates(actor, starts_on, document_date)
    if len(files) > MAX_FILES:
        raise DomainError("too_many_files", TOO_MANY_FILES.format(limit=MAX_FILES))
    disclosure.category, disclosure.forms = cat.code, [f.value for f in chosen]
    _set_text(disclosure, title, summary, body)
    disclosure.starts_on, disclosure.ends_on = starts_on, ends_on
    disclosure.document_date = document_date
    disclosure.obligation, disclosure.obligation_year = _obligation(
        scope, cat, obligation, obligation_year
    )
    disclosure.published_by = actor if getattr(actor, "pk", None) else None
    disclosure.full_clean(exclude=["search_text", "published_by"])
    disclosure.save()
    for upload in files:
        stored.append(store_attachment(disclosure, upload))
    index(disclosure)
    audit(
        "publish_disclosure",
        disclosure,
        actor=actor,
        summary={"category": cat.code, "forms": disclosure.forms, "files": len(stored)},
    )
    if not disclosure.is_internal:
        pk = disclosure.pk
        transaction.on_commit(lambda: _enqueue_notices(pk))
    return disclosure


def _enqueue_notices(pk: int) -> None:
    from ..tasks import notify_followers

    notify_followers.enqueue(pk)


def _locked(disclosure: Disclosure) -> Disclosure:
    return (
        Disclosure.objects.select_for_update(of=("self",))
        .select_related("commune", "agency__commune")
        .get(pk=disclosure.pk)
    )


def _reason(reason: str) -> str:
    reason = content.strip_controls(reason).strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    if len(reason) > 1000:
        raise ValidationError({"reason": TOO_LONG.format(limit=1000)})
    return reason


def _corrected_text(disclosure, title, summary, body) -> dict:
    """The text after a correction: each part given replaces the current one."""
    return {
        "title": disclosure.title if title is None else _text(title, "title", 300, required=True),
        "summary": disclosure.summary if summary is None else _text(summary, "summary", 2000),
        "body_html": disclosure.body_html if body is None else content.sanitise_html(body),
    }


@transaction.atomic
def correct_disclosure(
    disclosure: Disclosure,
    *,
    actor,
    reason: str,
    title: str | None = None,
    summary: str | None = None,
    body: str | None = None,
) -> Disclosure:
    """Đính chính: whoever may publish it corrects a disclosure's text; the replaced text is
    kept as a revision and the page shows publicly that, when and why it was corrected
    (changed information must be disclosed again, Art. 14)."""
    require(actor, "correct_disclosure", disclosure)
    disclosure = _locked(disclosure)
    if disclosure.is_withdrawn:
        raise DomainError("withdrawn", ALREADY_WITHDRAWN)
    reason = _reason(reason)
    new = _corrected_text(disclosure, title, summary, body)
    changed = [k for k, v in new.items() if getattr(disclosure, k) != v]
    if not changed:
        raise DomainError("nothing_changed", NOTHING_CHANGED)
    now = timezone.now()
    DisclosureRevision.objects.create(
        disclosure=disclosure,
        number=disclosure.revision,
        title=disclosure.title,
        summary=disclosure.summary,
        body_html=disclosure.body_html,
        reason=reason,
        corrected_at=now,
        corrected_by=actor if getattr(actor, "pk", None) else None,
    )
    for key, value in new.items():
        setattr(disclosure, key, value)
    disclosure.revision += 1
    disclosure.corrected_at = now
    disclosure.full_clean(exclude=["search_text", "published_by"])
    disclosure.save()
    index(disclosure)
    audit(
        "correct_disclosure",
        disclosure,
        actor=actor,
        summary={"revision": disclosure.revision, "changed": changed},
    )
    return disclosure


@transaction.atomic
def withdraw_disclosure(disclosure: Disclosure, *, actor, reason: str) -> Disclosure:
    """Rút thông tin công khai: whoever may publish it withdraws a disclosure with a required
    reason; the title, the date and the reason stay public as a trace, the body and files do
    not."""
    require(actor, "withdraw_disclosure", disclosure)
    disclosure = _locked(disclosure)
    if disclosure.is_withdrawn:
        raise DomainError("withdrawn", ALREADY_WITHDRAWN)
    disclosure.withdrawn_reason = _reason(reason)
    disclosure.status = Disclosure.Status.WITHDRAWN
    disclosure.withdrawn_at = timezone.now()
    disclosure.save(update_fields=["status", "withdrawn_reason", "withdrawn_at", "updated_at"])
    audit("withdraw_disclosure", disclosure, actor=actor, summary={"status": disclosure.status})
    return disclosure

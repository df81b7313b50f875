"""Recording an offline form as done: the notice posted at the commune office or the village
cultural house, the loudspeaker broadcast, the village meeting (Law 10/2022 Art. 12–13, 48)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dancoso.core.errors import DomainError

from .. import content, law
from ..models import Disclosure, FormRecord
from .common import audit, delete_files, require, store_attachment

NOT_OFFLINE = "Hãy chọn một hình thức công khai trực tiếp đã đăng ký cho thông tin này."
IN_FUTURE = "Ngày thực hiện không được ở tương lai."
BEFORE_PUBLISH = "Ngày thực hiện không được trước ngày ban hành văn bản ({day})."
REQUIRED = "Hãy nhập {field}."
WITHDRAWN = "Thông tin này đã được rút, không ghi nhận thêm hình thức công khai."


def record_form(disclosure: Disclosure, **data) -> FormRecord:
    """Ghi nhận đã niêm yết / đã phát loa: the publisher (or the village head of a village's
    disclosure) records one offline form as done — who did it, where, on which day, and an
    optional photo of the notice (PNG/JPEG, metadata stripped)."""
    stored: list = []
    try:
        return _record(disclosure, stored=stored, **data)
    except BaseException:
        delete_files(stored)
        raise


def _required(value: str, field: str, label: str, limit: int) -> str:
    value = " ".join(content.strip_controls(value).split())
    if not value:
        raise ValidationError({field: REQUIRED.format(field=label)})
    return value[:limit]


@transaction.atomic
def _record(
    disclosure: Disclosure,
    *,
    actor,
    stored,
    form: str,
    done_by: str,
    place: str,
    done_on: date,
    photo=None,
) -> FormRecord:
    require(actor, "record_form", disclosure)
    if disclosure.is_withdrawn:
        raise DomainError("withdrawn", WITHDRAWN)
    if form not in disclosure.forms or law.Form(form) not in law.OFFLINE_FORMS:
        raise ValidationError({"form": NOT_OFFLINE})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": IN_FUTURE})
    if disclosure.document_date and done_on < disclosure.document_date:
        day = disclosure.document_date.strftime("%d/%m/%Y")
        raise ValidationError({"done_on": BEFORE_PUBLISH.format(day=day)})
    entry = FormRecord(
        disclosure=disclosure,
        form=form,
        done_by=_required(done_by, "done_by", "người thực hiện", 150),
        place=_required(place, "place", "địa điểm", 200),
        done_on=done_on,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    if photo is not None:
        entry.photo = store_attachment(disclosure, photo, images_only=True)
        stored.append(entry.photo)
    entry.full_clean(exclude=["photo", "recorded_by", "disclosure"])
    entry.save()
    audit(
        "record_form",
        disclosure,
        actor=actor,
        obj=entry,
        summary={"form": form, "photo": entry.photo_id is not None},
    )
    return entry

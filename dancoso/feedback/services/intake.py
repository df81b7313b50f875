"""Intake: a resident sends a case from the portal (signed in or not), or an officer types in
one taken by phone, by letter or at a reception session. The case is committed before the
answer goes back, with its tracking code; the sender gets the code by SMS or e-mail."""

import secrets
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from dancoso.accounts.contact import normalise_email, normalise_phone
from dancoso.core import files as core_files
from dancoso.places.models import Agency, Commune, Village

from .. import files as checks
from ..law import Kind
from ..models import Attachment, Case, CaseSender
from .common import audit, require, step, tell_sender

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud on the phone
SUBJECT_REQUIRED = "Hãy ghi tiêu đề ngắn gọn cho việc bạn muốn gửi."
DESCRIPTION_REQUIRED = "Hãy mô tả sự việc: chuyện gì, ở đâu, từ khi nào."
CONTACT_REQUIRED = (
    "Hãy ghi số điện thoại di động hoặc địa chỉ thư điện tử để nhận mã tra cứu và câu trả lời."
)
BAD_PHONE = "Số điện thoại di động không đúng (10 chữ số, bắt đầu bằng 0)."
BAD_EMAIL = "Địa chỉ thư điện tử không đúng."
BAD_KIND = "Hãy chọn loại: phản ánh, kiến nghị, khiếu nại, tố cáo hoặc góp ý."
VILLAGE_ELSEWHERE = "Thôn, tổ dân phố được chọn không thuộc xã này."
BAD_POINT = "Vị trí trên bản đồ phải nằm trong lãnh thổ Việt Nam (vĩ độ 8–24, kinh độ 102–110)."
FUTURE_LEARNED = "Ngày biết quyết định hoặc hành vi bị khiếu nại không được ở tương lai."
FUTURE_DAY = "Ngày nhận không được ở tương lai."
FILE_NOT_STORED = "Chưa lưu được tệp đính kèm; nội dung đã được tiếp nhận. Hãy gửi lại tệp sau."
RECEIVED_TEXT = (
    "Đã tiếp nhận {kind} của bạn. Mã tra cứu: {code}. Xem tiến độ tại mục “Tra cứu phản ánh, "
    "kiến nghị” trên cổng thông tin của xã."
)


def new_tracking_code() -> str:
    """12 random characters (about 60 bits) in groups of four: unguessable, easy to read."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def clean_text(value, limit: int) -> str:
    return " ".join(str(value or "").split())[:limit] if limit <= 300 else str(value or "")


def clean_contact(phone: str, email: str, *, required: bool) -> tuple[str, str]:
    errors = {}
    clean_phone = normalise_phone(phone) if phone else ""
    clean_email = normalise_email(email) if email else ""
    if phone and not clean_phone:
        errors["phone"] = BAD_PHONE
    if email and not clean_email:
        errors["email"] = BAD_EMAIL
    if required and not (phone or email):
        errors["phone"] = CONTACT_REQUIRED
    if errors:
        raise ValidationError(errors)
    return clean_phone or "", clean_email or ""


def _point(latitude, longitude) -> tuple[Decimal | None, Decimal | None]:
    if latitude in (None, "") and longitude in (None, ""):
        return None, None
    try:
        lat, lon = Decimal(str(latitude)), Decimal(str(longitude))
    except ArithmeticError as exc:
        raise ValidationError({"latitude": BAD_POINT}) from exc
    if not (8 <= lat <= 24 and 102 <= lon <= 110):
        raise ValidationError({"latitude": BAD_POINT})
    return lat.quantize(Decimal("0.00001")), lon.quantize(Decimal("0.00001"))


def _build(commune: Commune, data: dict) -> Case:
    errors = {}
    if data.get("kind") not in set(Kind):
        errors["kind"] = BAD_KIND
    subject, description = clean_text(data.get("subject"), 200), str(data.get("description") or "")
    if not subject:
        errors["subject"] = SUBJECT_REQUIRED
    if not description.strip():
        errors["description"] = DESCRIPTION_REQUIRED
    village: Village | None = data.get("village")
    if village is not None and village.commune_id != commune.pk:
        errors["village"] = VILLAGE_ELSEWHERE
    if errors:
        raise ValidationError(errors)
    lat, lon = _point(data.get("latitude"), data.get("longitude"))
    learned_on = data.get("learned_on") or None
    if learned_on is not None and learned_on > timezone.localdate():
        raise ValidationError({"learned_on": FUTURE_LEARNED})
    return Case(
        learned_on=learned_on if data["kind"] == Kind.COMPLAINT else None,
        commune=commune,
        agency=data.get("agency"),
        kind=data["kind"],
        subject=subject,
        description=description.strip()[:5000],
        village=village,
        place_text=clean_text(data.get("place_text"), 200),
        latitude=lat,
        longitude=lon,
    )


def _store(case: Case, sender: CaseSender, uploads: list[core_files.CheckedFile]) -> None:
    for _attempt in range(5):
        case.tracking_code = new_tracking_code()
        try:
            with transaction.atomic():
                save_new(case)
                break
        except IntegrityError:
            case.pk = None
    sender.case = case
    sender.full_clean(exclude=["case", "user"], validate_unique=False)  # its key is the new case
    sender.save(force_insert=True)
    if not uploads:
        return
    try:
        with transaction.atomic():
            for upload in uploads:
                attachment = Attachment(
                    case=case,
                    original_name=upload.display_name,
                    content_type=upload.content_type,
                    size=len(upload.content),
                )
                attachment.file.save(upload.stored_name, ContentFile(upload.content), save=True)
    except OSError:
        case.intake_note = FILE_NOT_STORED
        case.save(update_fields=["intake_note"])


def save_new(case: Case) -> None:
    from .. import deadlines

    case.next_due = deadlines.next_due(case)
    # Uniqueness and check constraints are the database's: an insert that breaks one raises
    # IntegrityError, which the callers turn into a retry or a clear refusal — asking first
    # would cost a query per constraint on every submission.
    case.full_clean(
        exclude=["commune", "agency", "village", "assigned_to", "duplicate_of", "follows"],
        validate_unique=False,
        validate_constraints=False,
    )
    case.save(force_insert=True)


def check_files(uploads, *, keep_location: bool) -> list[core_files.CheckedFile]:
    """Check every upload first, so a bad file refuses the whole submission."""
    uploads = list(uploads or [])
    if len(uploads) > checks.MAX_FILES:
        raise ValidationError({"files": checks.TOO_MANY})
    try:
        for upload in uploads:  # refuse an oversized file before reading it into memory
            core_files.check_size(getattr(upload, "size", 0) or 0, upload.name, checks.UPLOADS)
        return [
            core_files.check(
                f.read(checks.UPLOADS.max_bytes + 1),
                f.name,
                checks.UPLOADS,
                keep_location=keep_location,
            )
            for f in uploads
        ]
    except core_files.FileRefused as exc:
        raise ValidationError({"files": exc.message}) from exc


@transaction.atomic(durable=True)
def submit_case(commune: Commune, *, actor, files=(), share_location: bool = False, **data) -> Case:
    """Gửi phản ánh, kiến nghị: anyone, signed in or not, sends a case to a commune (or one of
    its agencies) from the portal. A phone or e-mail is required for follow-up; a
    denunciation without a name is kept as anonymous (Law 25/2018 Art. 25). Photos lose
    their metadata unless ``share_location``."""
    require(actor, "submit_case", commune)
    case = _build(commune, data)
    phone, email = clean_contact(data.get("phone", ""), data.get("email", ""), required=True)
    user = actor if getattr(actor, "is_authenticated", False) and actor.pk else None
    full_name = clean_text(data.get("full_name") or (user.full_name if user else ""), 150)
    case.anonymous = case.kind == Kind.DENUNCIATION and not full_name
    case.channel, case.received_on = Case.Channel.PORTAL, timezone.localdate()
    uploads = check_files(files, keep_location=share_location)
    sender = CaseSender(
        full_name=full_name,
        phone=phone,
        email=email,
        user=user,
        address=clean_text(data.get("address"), 255),
    )
    _store(case, sender, uploads)
    step(case, "status", text="")
    audit(
        "submit_case",
        case,
        actor=actor,
        summary={"kind": case.kind, "files": len(uploads), "channel": case.channel},
    )
    tell_sender(
        case, RECEIVED_TEXT.format(kind=case.get_kind_display().lower(), code=case.tracking_code)
    )
    return case


@transaction.atomic
def take_case(
    commune: Commune,
    *,
    actor,
    channel: str,
    received_on: date | None = None,
    agency: Agency | None = None,
    files=(),
    keep_location: bool = True,
    **data,
) -> Case:
    """Nhập hồ sơ: an officer types in a case taken by phone, by letter, by e-mail or at a
    citizen-reception session; the sender's contact is optional there."""
    probe = Case(commune=commune, agency=agency)
    require(actor, "take_case", probe)
    case = _build(commune, {**data, "agency": agency})
    if channel not in Case.Channel.values or channel == Case.Channel.PORTAL:
        raise ValidationError({"channel": "Hãy chọn kênh tiếp nhận."})
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": FUTURE_DAY})
    phone, email = clean_contact(data.get("phone", ""), data.get("email", ""), required=False)
    full_name = clean_text(data.get("full_name"), 150)
    case.anonymous = case.kind == Kind.DENUNCIATION and not full_name
    case.channel, case.received_on = channel, received_on
    uploads = check_files(files, keep_location=keep_location)
    sender = CaseSender(
        full_name=full_name, phone=phone, email=email, address=clean_text(data.get("address"), 255)
    )
    _store(case, sender, uploads)
    step(case, "status", actor=actor)
    audit("take_case", case, actor=actor, summary={"kind": case.kind, "channel": channel})
    tell_sender(
        case, RECEIVED_TEXT.format(kind=case.get_kind_display().lower(), code=case.tracking_code)
    )
    return case

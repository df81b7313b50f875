"""Writes to households and their members: create, edit, move between villages, and the
member list with exactly one head."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from dancoso.core.errors import DomainError
from dancoso.places.models import Commune, Village

from ..law import (
    InvalidValue,
    check_birth_date,
    cross_check_national_id,
    parse_national_id,
    parse_phone,
    tidy,
)
from ..models import Household, Member, Residence
from .common import audit, locked, require, sentence

CODE_TAKEN = "Xã đã có hộ mang mã “{code}”. Hãy dùng mã khác."
CODE_REQUIRED = "Hãy nhập mã hộ."
NAME_REQUIRED = "Hãy nhập họ và tên."
TOO_LONG = "Dài quá {limit} ký tự."
BAD_GENDER = "Giới tính chỉ là Nam, Nữ hoặc để trống."
NATIONAL_ID_TAKEN = "Số định danh này đã được ghi cho một người khác trong sổ hộ. Hãy kiểm tra lại."
HEAD_REQUIRED = (
    "Mỗi hộ phải có đúng một chủ hộ. Muốn đổi chủ hộ, hãy sửa thành viên sẽ làm chủ hộ mới và "
    "đánh dấu “Chủ hộ”."
)
HEAD_NOT_REMOVABLE = "Không thể xóa chủ hộ. Hãy chọn chủ hộ mới trước, rồi xóa người này."
VILLAGE_OF_OTHER_COMMUNE = "Thôn được chọn không thuộc xã của hộ này."
SAME_VILLAGE = "Hộ đã ở thôn này rồi."
MOVE_BEFORE_START = "Ngày chuyển không được trước ngày hộ đến thôn hiện tại ({day})."
MOVE_IN_FUTURE = "Ngày chuyển không được ở tương lai."
MEMBER_FIELDS = ("full_name", "date_of_birth", "gender", "national_id", "phone", "relation",
                 "is_head", "is_representative")  # fmt: skip


def _clean_code(code: str) -> str:
    code = tidy(code)
    if not code:
        raise ValidationError({"code": CODE_REQUIRED})
    if len(code) > 30:
        raise ValidationError({"code": TOO_LONG.format(limit=30)})
    return code


def _save_household(household: Household) -> None:
    try:
        with transaction.atomic():
            household.save()
    except IntegrityError as exc:
        raise ValidationError({"code": CODE_TAKEN.format(code=household.code)}) from exc


@transaction.atomic
def create_household(
    commune: Commune, *, actor, village: Village, code: str, address: str = "", head: dict
) -> Household:
    """Thêm hộ: a commune officer adds a household with its head (``head`` holds the member
    fields). It starts living in ``village`` today."""
    household = Household(
        commune=commune, village=village, code=tidy(code), address=tidy(address)[:255]
    )
    require(actor, "add_household", household)
    if village.commune_id != commune.pk:
        raise ValidationError({"village": VILLAGE_OF_OTHER_COMMUNE})
    household.code = _clean_code(code)
    fields = clean_member_fields(
        {**head, "is_head": True, "relation": head.get("relation") or "Chủ hộ"}
    )
    if Household.objects.filter(commune=commune, code=household.code).exists():
        raise ValidationError({"code": CODE_TAKEN.format(code=household.code)})
    _save_household(household)
    Residence.objects.create(household=household, village=village, started_on=timezone.localdate())
    member = Member(household=household, **fields)
    _save_member(member)
    audit(
        "create_household",
        household,
        actor=actor,
        summary={"code": household.code, "village": village.pk, "head": member.pk},
    )
    return household


@transaction.atomic
def update_household(
    household: Household, *, actor, code: str | None = None, address: str | None = None
) -> Household:
    """Sửa hộ: change the code or the address of a household (its village changes only by
    ``move_household``, which keeps the history)."""
    require(actor, "change_household", household)
    household = locked(household)
    changed = []
    if code is not None and _clean_code(code) != household.code:
        household.code = _clean_code(code)
        changed.append("code")
    if address is not None and tidy(address)[:255] != household.address:
        household.address = tidy(address)[:255]
        changed.append("address")
    if changed:
        _save_household(household)
        audit(
            "update_household",
            household,
            actor=actor,
            summary={"code": household.code, "changed": changed},
        )
    return household


@transaction.atomic
def move_household(
    household: Household, *, actor, village: Village, on: date | None = None
) -> Household:
    """Chuyển hộ sang thôn khác: the current residence ends on ``on`` (today by default), a new
    one starts that day, and the household's village changes. The old residence stays, so the
    village a household belonged to on any past day remains known (who could vote where)."""
    require(actor, "move_household", household)
    household = locked(household)
    on = on or timezone.localdate()
    if village.commune_id != household.commune_id:
        raise ValidationError({"village": VILLAGE_OF_OTHER_COMMUNE})
    if village.pk == household.village_id:
        raise ValidationError({"village": SAME_VILLAGE})
    if on > timezone.localdate():
        raise ValidationError({"on": MOVE_IN_FUTURE})
    current = household.residences.filter(ended_on__isnull=True).first()
    if current is not None:
        if on < current.started_on:
            raise ValidationError(
                {"on": MOVE_BEFORE_START.format(day=current.started_on.strftime("%d/%m/%Y"))}
            )
        current.ended_on = on
        current.save(update_fields=["ended_on"])
    Residence.objects.create(household=household, village=village, started_on=on)
    old_village = household.village_id
    household.village = village
    household.save(update_fields=["village", "updated_at"])
    audit(
        "move_household",
        household,
        actor=actor,
        summary={
            "code": household.code,
            "from_village": old_village,
            "to_village": village.pk,
            "on": on.isoformat(),
        },
    )
    return household


# --- Members ----------------------------------------------------------------------------------


def clean_member_fields(data: dict, *, today: date | None = None) -> dict:
    """The member fields of ``data``, checked by ``law.py`` and normalised; every bad field is
    reported at once as a ``ValidationError`` keyed by field name."""
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    fields = {
        "full_name": tidy(data.get("full_name")),
        "date_of_birth": data.get("date_of_birth") or None,
        "gender": data.get("gender") or "",
        "national_id": None,
        "phone": "",
        "relation": tidy(data.get("relation")),
        "is_head": bool(data.get("is_head")),
        "is_representative": bool(data.get("is_representative")),
    }
    if not fields["full_name"]:
        errors["full_name"] = NAME_REQUIRED
    elif len(fields["full_name"]) > 150:
        errors["full_name"] = TOO_LONG.format(limit=150)
    if len(fields["relation"]) > 50:
        errors["relation"] = TOO_LONG.format(limit=50)
    if fields["gender"] not in Member.Gender.values:
        errors["gender"] = BAD_GENDER
    _law_field(
        errors, fields, "date_of_birth", check_birth_date, fields["date_of_birth"], today=today
    )
    _law_field(
        errors, fields, "national_id", parse_national_id, tidy(data.get("national_id")), today=today
    )
    _law_field(errors, fields, "phone", parse_phone, tidy(data.get("phone")))
    fields["phone"] = fields["phone"] or ""
    if fields["national_id"] and "national_id" not in errors:
        mismatch = cross_check_national_id(
            fields["national_id"], date_of_birth=fields["date_of_birth"], gender=fields["gender"]
        )
        if mismatch:
            errors["national_id"] = sentence(mismatch[0])
    if errors:
        raise ValidationError(errors)
    return fields


def _law_field(errors: dict, fields: dict, name: str, check, value, **kwargs) -> None:
    if not value:
        return
    try:
        fields[name] = check(value, **kwargs)
    except InvalidValue as exc:
        errors[name] = sentence(exc.message)


def _save_member(member: Member) -> None:
    """Save, turning a lost race on a unique national ID into a clear message (the database
    constraint is the final judge; the message never depends on the database's wording)."""
    taken = Member.objects.filter(national_id=member.national_id).exclude(pk=member.pk)
    if member.national_id and taken.exists():
        raise ValidationError({"national_id": NATIONAL_ID_TAKEN})
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:
        if member.national_id and taken.exists():
            raise ValidationError({"national_id": NATIONAL_ID_TAKEN}) from exc
        raise ValidationError({"is_head": HEAD_REQUIRED}) from exc


def _demote_head(household: Household, keep: Member | None = None) -> int | None:
    """Make the current head an ordinary member (the new head is about to be saved)."""
    current = household.members.filter(is_head=True)
    if keep is not None and keep.pk:
        current = current.exclude(pk=keep.pk)
    previous = current.values_list("pk", flat=True).first()
    if previous is not None:
        Member.objects.filter(pk=previous).update(is_head=False, updated_at=timezone.now())
    return previous


@transaction.atomic
def add_member(household: Household, *, actor, **data) -> Member:
    """Thêm thành viên. Adding someone as head (``is_head``) makes the former head an ordinary
    member: a household always has exactly one head."""
    require(actor, "change_household", household)
    household = locked(household)
    fields = clean_member_fields(data)
    member = Member(household=household, **fields)
    previous = _demote_head(household) if member.is_head else None
    if not member.is_head and not household.members.filter(is_head=True).exists():
        raise ValidationError({"is_head": HEAD_REQUIRED})
    _save_member(member)
    audit(
        "add_member",
        household,
        actor=actor,
        summary={"member": member.pk, "is_head": member.is_head, "previous_head": previous},
    )
    return member


@transaction.atomic
def update_member(member: Member, *, actor, **changes) -> Member:
    """Sửa thành viên: ``changes`` holds the fields to change (others are kept). Making a
    member head demotes the former head; un-marking the only head is refused."""
    household = member.household
    require(actor, "change_household", household)
    household = locked(household)
    member = household.members.get(pk=member.pk)
    current = {name: getattr(member, name) for name in MEMBER_FIELDS}
    unknown = set(changes) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"unknown member fields: {sorted(unknown)}")
    fields = clean_member_fields({**current, **changes})
    if current["is_head"] and not fields["is_head"]:
        raise ValidationError({"is_head": HEAD_REQUIRED})
    changed = [name for name in MEMBER_FIELDS if fields[name] != current[name]]
    if not changed:
        return member
    previous = _demote_head(household, keep=member) if fields["is_head"] else None
    for name in changed:
        setattr(member, name, fields[name])
    _save_member(member)
    audit(
        "update_member",
        household,
        actor=actor,
        summary={"member": member.pk, "changed": changed, "previous_head": previous},
    )
    return member


@transaction.atomic
def remove_member(member: Member, *, actor) -> None:
    """Xóa thành viên (moved away, deceased, entered twice). The head cannot be removed until
    another member is made head. Account links to the member end with it."""
    household = member.household
    require(actor, "change_household", household)
    household = locked(household)
    member = household.members.get(pk=member.pk)
    if member.is_head:
        raise DomainError("head_not_removable", HEAD_NOT_REMOVABLE)
    member_id = member.pk
    member.delete()
    audit("remove_member", household, actor=actor, summary={"member": member_id})

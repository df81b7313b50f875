"""Account links: a resident claims a household member; the village head or a commune officer
confirms or rejects the claim."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from dancoso.core.errors import DomainError

from ..law import InvalidValue, parse_national_id, tidy
from ..models import Member, MemberLink
from .common import audit, require, sentence

LINK_NO_MATCH = (
    "Không tìm thấy thành viên nào khớp với mã hộ và số định danh đã nhập. Hãy kiểm tra lại "
    "cả hai, hoặc nhờ trưởng thôn giúp."
)
LINK_PENDING = "Bạn đã gửi yêu cầu này; yêu cầu đang chờ trưởng thôn hoặc cán bộ xã xác nhận."
LINK_ALREADY_YOURS = "Tài khoản của bạn đã được liên kết với thành viên này."
LINK_TAKEN = (
    "Thành viên này đã được liên kết với một tài khoản khác. Nếu đó không phải bạn, hãy báo "
    "trưởng thôn."
)
LINK_DECIDED = "Yêu cầu này đã được xử lý trước đó."
LINK_SELF = "Bạn không thể tự xác nhận yêu cầu liên kết của chính mình."
REASON_REQUIRED = "Hãy ghi lý do từ chối để người dân biết cần làm gì."


@transaction.atomic
def request_member_link(*, actor, household_code: str, national_id: str) -> MemberLink:
    """Liên kết tài khoản: a signed-in resident claims to be the member of the household with
    this code and this national ID number. The answer is the same whether the household does not
    exist or the number does not match, so the form reveals nothing to someone guessing."""
    require(actor, "request_member_link", None)
    try:
        number = parse_national_id(tidy(national_id), today=timezone.localdate())
    except InvalidValue as exc:
        raise ValidationError({"national_id": sentence(exc.message)}) from exc
    member = (
        Member.objects.select_related("household__commune")
        .filter(national_id=number, household__code__iexact=tidy(household_code))
        .first()
    )
    if member is None:
        raise DomainError("link_no_match", LINK_NO_MATCH)
    confirmed = member.links.filter(status=MemberLink.Status.CONFIRMED).first()
    if confirmed is not None:
        mine = confirmed.user_id == actor.pk
        raise DomainError("link_exists", LINK_ALREADY_YOURS if mine else LINK_TAKEN)
    if member.links.filter(user_id=actor.pk, status=MemberLink.Status.PENDING).exists():
        raise DomainError("link_pending", LINK_PENDING)
    try:
        with transaction.atomic():
            link = MemberLink.objects.create(user=actor, member=member)
    except IntegrityError as exc:
        raise DomainError("link_pending", LINK_PENDING) from exc
    audit(
        "request_member_link",
        member.household,
        actor=actor,
        summary={"link": link.pk, "member": member.pk},
    )
    return link


@transaction.atomic
def decide_member_link(link: MemberLink, *, actor, approve: bool, reason: str = "") -> MemberLink:
    """Xác nhận hoặc từ chối liên kết: the village head of the household's village or a commune
    officer confirms a pending claim, or rejects it with a reason the resident will read. Only
    then may the person act for the household (``households.act_for_household``)."""
    link = (
        MemberLink.objects.select_for_update(of=("self",))
        .select_related("member__household__commune")
        .get(pk=link.pk)
    )
    require(actor, "confirm_member_link", link)
    if link.user_id == actor.pk:
        raise DomainError("link_self", LINK_SELF)
    if link.status != MemberLink.Status.PENDING:
        raise DomainError("link_decided", LINK_DECIDED)
    reason = tidy(reason)[:255]
    if not approve and not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    link.status = MemberLink.Status.CONFIRMED if approve else MemberLink.Status.REJECTED
    link.decided_by, link.decided_at, link.reason = actor, timezone.now(), reason
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError as exc:
        raise DomainError("link_exists", LINK_TAKEN) from exc
    audit(
        "decide_member_link",
        link.member.household,
        actor=actor,
        summary={"link": link.pk, "member": link.member_id, "decision": link.status},
    )
    return link


@transaction.atomic
def link_at_desk(member: Member, *, actor, user) -> MemberLink:
    """Liên kết tại chỗ: the resident shows their ID card to the village head or at the commune
    office, who links the account to the member at once (no claim to wait on)."""
    member = Member.objects.select_related("household__commune").get(pk=member.pk)
    require(actor, "confirm_member_link", member.household)
    if user.pk == getattr(actor, "pk", None):
        raise DomainError("link_self", LINK_SELF)
    if member.links.filter(status=MemberLink.Status.CONFIRMED).exists():
        raise DomainError("link_exists", LINK_TAKEN)
    decided_by = actor if getattr(actor, "pk", None) is not None else None
    try:
        with transaction.atomic():
            link = MemberLink.objects.create(
                user=user,
                member=member,
                status=MemberLink.Status.CONFIRMED,
                decided_by=decided_by,
                decided_at=timezone.now(),
            )
    except IntegrityError as exc:
        raise DomainError("link_exists", LINK_TAKEN) from exc
    audit(
        "link_at_desk",
        member.household,
        actor=actor,
        summary={"link": link.pk, "member": member.pk},
    )
    return link

"""Shared reads of the household register, scoped to what the reader may see (DESIGN.md rules
5–6): an officer of another commune gets nothing, a village head only their village, and an
object page answers 404 alike for "absent" and "not yours". Lists are annotated in one query
(member count, head name), never one query per row."""

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from dancoso.accounts.roles import REGISTER_MANAGERS, REGISTER_READERS, Role
from dancoso.accounts.scope import (
    PlacePath,
    commune_ids_with,
    holds_role,
    province_ids_with,
    village_ids_with,
)
from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import history_of
from dancoso.places.models import Commune, Village

from .exporting import Line
from .law import EXPORT_PURPOSES, tidy
from .models import Household, ImportJob, Member, MemberLink, Residence

SEARCH_MAX = 60
MAX_ID = 2**63 - 1  # a larger number in a URL is no row (and must not overflow the database)


def _commune_path(commune: Commune) -> PlacePath:
    return PlacePath(province_id=commune.province_id, commune_id=commune.pk)


def communes_visible_to(user) -> QuerySet[Commune]:
    """Communes whose register list ``user`` may open: where they read registers (directly or
    through their province) or head a village."""
    if getattr(user, "is_superuser", False):
        return Commune.objects.select_related("province").order_by("province__code", "name")
    readers = Q(pk__in=commune_ids_with(user, REGISTER_READERS))
    readers |= Q(province_id__in=province_ids_with(user, REGISTER_READERS))
    villages = village_ids_with(user, {Role.VILLAGE_HEAD})
    if villages:
        readers |= Q(pk__in=Village.objects.filter(pk__in=villages).values("commune_id"))
    return Commune.objects.filter(readers).select_related("province").order_by("name")


def households_visible_to(
    user, commune: Commune, *, village: Village | None = None, search: str | None = None
) -> QuerySet[Household]:
    """The households of ``commune`` that ``user`` may list, with ``member_count``,
    ``head_name`` and ``head_national_id`` (mask it before showing), optionally in one
    village and matching ``search`` (part of the code or of a member's name)."""
    households = _scoped(user, commune, village)
    if search := tidy(search)[:SEARCH_MAX]:
        named = Member.objects.filter(household=OuterRef("pk"), full_name__icontains=search)
        households = households.filter(Q(code__icontains=search) | Exists(named))
    # Ordered by the household code, which the (commune, code) and (commune, village, code)
    # indexes return in order: page 1 reads 25 rows whatever the size of the commune, where
    # ordering by village name sorted every household of the commune first.
    return _annotated(households).order_by("code")


def _scoped(user, commune: Commune, village: Village | None) -> QuerySet[Household]:
    """The households of ``commune`` (and ``village``) within ``user``'s grants: the whole
    commune for its register readers, the villages they head for a village head, else none."""
    households = Household.objects.filter(commune=commune)
    if not (
        getattr(user, "is_superuser", False)
        or holds_role(user, REGISTER_READERS, _commune_path(commune))
    ):
        headed = village_ids_with(user, {Role.VILLAGE_HEAD})
        if not headed:
            return Household.objects.none()
        households = households.filter(village_id__in=headed)
    if village is not None:
        households = households.filter(village=village)
    return households


def register_lines(user, commune: Commune, *, village: Village | None = None) -> Iterator[Line]:
    """Every member of the households ``user`` may list in ``commune`` (or one village), as
    export lines: households in code order, the head first in each. One ordered query, read
    in chunks, whatever the size of the commune (the household list's scoping, reused)."""
    households = _scoped(user, commune, village).values("pk")
    rows = (
        Member.objects.filter(household__in=households)
        .order_by("household__code", "-is_head", "date_of_birth", "pk")
        .values_list(
            "household__code",
            "household__village__name",
            "household__address",
            "full_name",
            "date_of_birth",
            "gender",
            "national_id",
            "phone",
            "relation",
            "is_representative",
        )  # fmt: skip
    )
    return (Line(*row) for row in rows.iterator(chunk_size=2000))


def _annotated(households: QuerySet[Household]) -> QuerySet[Household]:
    # No ordering in the subqueries: Member's default ordering would join every household
    # and village of the province just to sort a single row (one head per household).
    head = Member.objects.filter(household=OuterRef("pk"), is_head=True).order_by()
    count = (
        Member.objects.filter(household=OuterRef("pk"))
        .order_by()
        .values("household")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return households.select_related("village").annotate(
        member_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
        head_name=Subquery(head.values("full_name")[:1]),
        head_national_id=Subquery(head.values("national_id")[:1]),
    )


def get_household_for(user, pk: int) -> Household:
    """One household ``user`` may see; ``Http404`` whether it is absent or not theirs."""
    household = (
        Household.objects.select_related("commune__province", "village").filter(pk=pk).first()
        if 0 < pk <= MAX_ID
        else None
    )
    if household is None or not user.has_perm("households.view_household", household):
        raise Http404("Không tìm thấy hộ gia đình.")
    return household


def get_member_for(user, household: Household, pk: int) -> Member:
    """A member of a household already fetched with ``get_household_for``."""
    member = household.members.filter(pk=pk).first() if 0 < pk <= MAX_ID else None
    if member is None:
        raise Http404("Không tìm thấy thành viên.")
    member.household = household
    return member


def members_of(household: Household) -> QuerySet[Member]:
    """The members, head first, each with ``has_account`` (a confirmed account link)."""
    linked = MemberLink.objects.filter(member=OuterRef("pk"), status=MemberLink.Status.CONFIRMED)
    return household.members.annotate(has_account=Exists(linked)).order_by(
        "-is_head", "date_of_birth", "pk"
    )


def residence_history(household: Household) -> QuerySet[Residence]:
    """Where the household lived, newest first (the open residence is the current one)."""
    return household.residences.select_related("village").order_by("-started_on", "-pk")


def household_history(household: Household) -> QuerySet[AuditEvent]:
    """The audit events about the household (and its members and links), newest first."""
    return history_of("households.household", household.pk).order_by("-chain", "-seq")


def pending_links_for(user) -> QuerySet[MemberLink]:
    """Pending account links ``user`` may decide: in communes they manage, in villages they
    head (a superuser sees all)."""
    links = MemberLink.objects.filter(status=MemberLink.Status.PENDING)
    if not getattr(user, "is_superuser", False):
        scope = Q(member__household__commune_id__in=commune_ids_with(user, REGISTER_MANAGERS))
        scope |= Q(
            member__household__commune__province_id__in=province_ids_with(user, REGISTER_MANAGERS)
        )
        scope |= Q(member__household__village_id__in=village_ids_with(user, {Role.VILLAGE_HEAD}))
        links = links.filter(scope)
    return links.select_related(
        "user", "member__household__village", "member__household__commune"
    ).order_by("created_at", "pk")


def get_link_for_decision(user, pk: int) -> MemberLink:
    """A link ``user`` may confirm or reject; ``Http404`` otherwise."""
    link = (
        MemberLink.objects.select_related("member__household__commune").filter(pk=pk).first()
        if 0 < pk <= MAX_ID
        else None
    )
    if link is None or not user.has_perm("households.confirm_member_link", link):
        raise Http404("Không tìm thấy yêu cầu liên kết.")
    return link


def links_of(user) -> QuerySet[MemberLink]:
    """A resident's own claims and links, newest first, for their page."""
    return (
        MemberLink.objects.filter(user_id=user.pk)
        .select_related("member__household__village", "member__household__commune")
        .order_by("-created_at", "-pk")
    )


def own_households(user) -> QuerySet[Household]:
    """The households a resident has a confirmed link to."""
    linked = MemberLink.objects.filter(
        user_id=user.pk, status=MemberLink.Status.CONFIRMED, member__household=OuterRef("pk")
    )
    return Household.objects.filter(Exists(linked)).select_related("village", "commune")


def get_import_job_for(user, pk: int) -> ImportJob:
    """An import job ``user`` may follow; ``Http404`` otherwise."""
    job = (
        ImportJob.objects.select_related("commune__province").filter(pk=pk).first()
        if 0 < pk <= MAX_ID
        else None
    )
    if job is None or not user.has_perm("households.view_importjob", job):
        raise Http404("Không tìm thấy lần nhập.")
    return job


def recent_imports(commune: Commune, limit: int = 10) -> QuerySet[ImportJob]:
    return (
        ImportJob.objects.filter(commune=commune)
        .select_related("uploaded_by")
        .order_by("-created_at", "-pk")[:limit]
    )


# --- Audit history as people read it -----------------------------------------------------------

ACTIONS = {
    "households.create_household": "Thêm hộ",
    "households.update_household": "Sửa thông tin hộ",
    "households.move_household": "Chuyển thôn",
    "households.add_member": "Thêm thành viên",
    "households.update_member": "Sửa thành viên",
    "households.remove_member": "Xóa thành viên",
    "households.request_member_link": "Yêu cầu liên kết tài khoản",
    "households.decide_member_link": "Xử lý yêu cầu liên kết",
    "households.export_register": "Xuất sổ hộ",
}
FIELDS = {
    "full_name": "họ tên", "date_of_birth": "ngày sinh", "gender": "giới tính",
    "national_id": "số định danh", "phone": "số điện thoại", "relation": "quan hệ",
    "is_head": "chủ hộ", "is_representative": "đại diện hộ", "code": "mã hộ",
    "address": "địa chỉ",
}  # fmt: skip
DECISIONS = {"confirmed": "đã xác nhận", "rejected": "đã từ chối"}


def describe_events(events) -> list[dict]:
    """Each event as the history table shows it: local time (dd/mm/yyyy HH:MM), actor, action
    and a Vietnamese summary. Village names come from one query for the whole page."""
    events = list(events)
    village_ids = {e.summary.get(k) for e in events for k in ("from_village", "to_village",
                                                                "village")} - {None}  # fmt: skip
    names = dict(Village.objects.filter(pk__in=village_ids).values_list("pk", "name"))
    return [
        {
            "time": timezone.localtime(datetime.fromisoformat(e.occurred_at)).strftime(
                "%d/%m/%Y %H:%M"
            ),
            "actor": e.actor_label,
            "action": ACTIONS.get(e.action, e.action),
            "summary": _summary(e.summary, names),
        }
        for e in events
    ]


def _summary(summary: dict, villages: dict) -> str:
    if "purpose" in summary:
        return _export_summary(summary, villages)
    parts = []
    if summary.get("source") == "import":
        parts.append(f"từ tệp nhập #{summary.get('job')}")
    if "member" in summary:
        parts.append(f"thành viên #{summary['member']}")
    if summary.get("changed"):
        parts.append("đổi " + ", ".join(FIELDS.get(f, f) for f in summary["changed"]))
    if "to_village" in summary:
        old, new = summary.get("from_village"), summary["to_village"]
        parts.append(f"từ {villages.get(old, '?')} sang {villages.get(new, '?')}")
    for key, label in (
        ("members_added", "thêm"),
        ("members_updated", "sửa"),
        ("members_removed", "xóa"),
    ):
        if summary.get(key):
            parts.append(f"{label} {summary[key]} thành viên")
    if summary.get("decision"):
        parts.append(DECISIONS.get(summary["decision"], summary["decision"]))
    if summary.get("previous_head"):
        parts.append(f"chủ hộ cũ: thành viên #{summary['previous_head']}")
    return "; ".join(parts)


def _export_summary(summary: dict, villages: dict) -> str:
    """``XLSX Thôn Bản Lải: 12 hộ, 40 người, kèm số điện thoại; mục đích: Gửi trưởng thôn``."""
    place = villages.get(summary.get("village"), "?") if summary.get("village") else "cả xã"
    purpose = summary.get("purpose_text") or EXPORT_PURPOSES.get(summary["purpose"], "?")
    phones = ", kèm số điện thoại" if summary.get("with_phones") else ""
    return (
        f"{str(summary.get('format', '')).upper()} {place}: {summary.get('households')} hộ, "
        f"{summary.get('members')} người{phones}; mục đích: {purpose}"
    )

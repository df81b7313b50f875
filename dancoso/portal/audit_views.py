"""Officer pages of the audit log (nhật ký thay đổi), mounted at /can-bo/nhat-ky/.

Whoever may open a commune's workspace (``places.view_commune_workspace``) and read its audit
history (``households.view_audit_history``) reads the commune's whole hash chain: newest first,
50 events a page (keyset pagination on the position, so a page costs the same on a chain of
millions), filterable by action or by object, with the chain head and a "verify now" button.
A commune the reader may not see answers 404, exactly as one that does not exist (DESIGN.md
rule 5). Reading is not a change, so it writes no audit event.
"""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from dancoso.accounts.roles import REGISTER_READERS, Role
from dancoso.accounts.scope import commune_ids_with, province_ids_with
from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import events_of, head_of, verify_chain
from dancoso.audit.services import chain_for
from dancoso.core.pagination import paginate
from dancoso.households.queries import ACTIONS as HOUSEHOLD_ACTIONS
from dancoso.households.queries import FIELDS as HOUSEHOLD_FIELDS
from dancoso.households.queries import describe_events
from dancoso.places.models import Commune

PER_PAGE = 50
MAX_CODE = 2**31 - 1
MAX_POSITION = 2**63 - 1
VERIFY_RATE = "6/m"  # a whole-chain walk is the costliest read we offer; keep it for humans

ACTIONS = {
    **HOUSEHOLD_ACTIONS,
    "places.load_places": gettext_lazy("Nạp bản đồ hành chính"),
    "places.create_village": gettext_lazy("Thêm thôn, tổ dân phố"),
    "places.rename_village": gettext_lazy("Đổi tên thôn, tổ dân phố"),
    "places.create_agency": gettext_lazy("Thêm cơ quan, đơn vị"),
}
OBJECT_TYPES = {
    "households.household": gettext_lazy("Hộ gia đình"),
    "households.member": gettext_lazy("Thành viên hộ"),
    "households.memberlink": gettext_lazy("Liên kết tài khoản"),
    "households.importjob": gettext_lazy("Lần nhập sổ hộ"),
    "places.village": gettext_lazy("Thôn, tổ dân phố"),
    "places.agency": gettext_lazy("Cơ quan, đơn vị"),
    "places.commune": gettext_lazy("Xã, phường"),
}
OBJECT_PAGES = {"households.household": "households:detail"}
SPECIAL_ROLES = {"superuser": gettext_lazy("Quản trị tối cao"), "system": gettext_lazy("Hệ thống")}
SUMMARY_KEYS = {
    **HOUSEHOLD_FIELDS,
    "from": "từ", "to": "thành", "name": "tên", "kind": "loại", "staff_count": "số người",
    "changed": "đổi", "source": "nguồn", "job": "lần nhập",
}  # fmt: skip


def _readable_commune(user, code: int) -> Commune:
    """The commune whose log ``user`` may read; ``Http404`` for absent and forbidden alike."""
    commune = Commune.objects.filter(code=code).first() if 0 < code <= MAX_CODE else None
    if commune is None or not (
        user.has_perm("places.view_commune_workspace", commune)
        and user.has_perm("households.view_audit_history", commune)
    ):
        raise Http404(_("Không tìm thấy xã."))
    return commune


def _readable_communes(user):
    """Communes whose log ``user`` may read (the same scope as the predicates above)."""
    communes = Commune.objects.select_related("province").order_by("province__code", "name")
    if getattr(user, "is_superuser", False):
        return communes
    scope = Q(pk__in=commune_ids_with(user, REGISTER_READERS))
    scope |= Q(province_id__in=province_ids_with(user, REGISTER_READERS))
    return communes.filter(scope)


@login_required
@require_GET
def audit_index(request):
    """ "/can-bo/nhat-ky/": straight to the reader's commune, or the list when there are
    several (a province officer's)."""
    page = paginate(_readable_communes(request.user), request, per_page=PER_PAGE)
    if page.paginator.count == 1:
        return redirect("audit:commune", code=page[0].code)
    return render(request, "portal/audit_index.html", {"page": page})


def _filters(query) -> dict:
    """The list's filters from the query string (user input: bounded, never trusted)."""
    action = query.get("hanh-dong", "")[:80]
    object_type, object_id = query.get("loai", "")[:80], query.get("ma", "")[:64]
    before = query.get("truoc", "")
    return {
        "action": action,
        "object_type": object_type if object_id else "",
        "object_id": object_id if object_type else "",
        "before": int(before) if before.isdecimal() and 0 < int(before) <= MAX_POSITION else None,
    }


@login_required
@require_GET
def commune_log(request, code: int):
    """ "/can-bo/nhat-ky/xa/<code>/": the commune's audit chain, newest first."""
    commune = _readable_commune(request.user, code)
    chain = chain_for(commune.code)
    filters = _filters(request.GET)
    events = events_of(chain, limit=PER_PAGE + 1, **filters)
    older = events[PER_PAGE - 1].seq if len(events) > PER_PAGE else None
    events = events[:PER_PAGE]
    return render(request, "portal/audit_commune.html", {
        "commune": commune,
        "head": head_of(chain),
        "rows": describe(events),
        "filters": filters,
        "object_label": OBJECT_TYPES.get(filters["object_type"], filters["object_type"]),
        "actions": sorted(ACTIONS.items(), key=lambda item: str(item[1])),
        "older": older,
    })  # fmt: skip


@login_required
@require_POST
@ratelimit(key="user", rate=VERIFY_RATE, method="POST", block=False)
def verify_now(request, code: int):
    """Re-hash the commune's whole chain now and say whether it is intact (POST: it is
    costly; the result comes back as a message on the log page)."""
    commune = _readable_commune(request.user, code)
    if getattr(request, "limited", False):
        messages.error(request, _("Bạn vừa kiểm tra nhiều lần. Hãy đợi một phút rồi thử lại."))
        return redirect("audit:commune", code=commune.code)
    count, problem = verify_chain(chain_for(commune.code))
    now = timezone.localtime().strftime("%d/%m/%Y %H:%M:%S")
    if problem is None:
        messages.success(request, _(
            "Nhật ký toàn vẹn: đã kiểm tra lại %(count)s sự kiện lúc %(now)s, không có sự kiện "
            "nào bị sửa, xóa, chèn, đảo thứ tự hay cắt bớt."
        ) % {"count": count, "now": now})  # fmt: skip
    else:
        where = _("sự kiện #%(id)s") % {"id": problem.event_id} if problem.event_id else _(
            "cuối chuỗi")  # fmt: skip
        messages.error(request, _(
            "Nhật ký KHÔNG toàn vẹn (kiểm tra lúc %(now)s): hỏng tại vị trí %(position)s "
            "(%(where)s): %(reason)s. Đừng sửa gì thêm; hãy báo ngay cho quản trị hệ thống và "
            "đối chiếu với mã kiểm chứng đã công bố."
        ) % {"now": now, "position": problem.position, "where": where,
             "reason": problem.reason})  # fmt: skip
    return redirect("audit:commune", code=commune.code)


# --- Events as people read them -----------------------------------------------------------------


def describe(events: list[AuditEvent]) -> list[dict]:
    """Each event as the page shows it: local time (dd/mm/yyyy HH:MM:SS), who and in which role,
    what, on which object, a Vietnamese summary, its position and hash. Household summaries
    name villages through one query for the whole page."""
    household_summaries = {
        e.pk: line["summary"]
        for e, line in zip(
            [e for e in events if e.action.startswith("households.")],
            describe_events(e for e in events if e.action.startswith("households.")),
            strict=True,
        )
    }
    return [
        {
            "event": e,
            "time": _local_time(e.occurred_at),
            "role": _role_label(e.actor_role),
            "action": ACTIONS.get(e.action, e.action),
            "object": OBJECT_TYPES.get(e.object_type, e.object_type),
            "object_url": _object_url(e),
            "summary": household_summaries.get(e.pk) or _generic_summary(e.summary),
        }
        for e in events
    ]


def _local_time(occurred_at: str) -> str:
    try:
        moment = datetime.fromisoformat(occurred_at)
    except ValueError:
        return occurred_at  # shown as stored; verification reports the tampering
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S")


def _role_label(role: str) -> str:
    if role in SPECIAL_ROLES:
        return str(SPECIAL_ROLES[role])
    try:
        return Role(role).label
    except ValueError:
        return role or "—"


def _object_url(event: AuditEvent) -> str:
    name = OBJECT_PAGES.get(event.object_type)
    if not name or not event.object_id.isdecimal():
        return ""
    try:
        return reverse(name, args=[int(event.object_id)])
    except NoReverseMatch:
        return ""


def _generic_summary(summary) -> str:
    if not isinstance(summary, dict):
        return str(summary)
    parts = []
    order = {key: i for i, key in enumerate(SUMMARY_KEYS)}  # jsonb does not keep key order
    for key, value in sorted(summary.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
        if isinstance(value, list):
            value = ", ".join(SUMMARY_KEYS.get(str(v), str(v)) for v in value)
        elif isinstance(value, dict):
            value = _generic_summary(value)
        parts.append(f"{SUMMARY_KEYS.get(key, key)}: {value}")
    return "; ".join(parts)

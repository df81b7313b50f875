"""The officer workspace navigation, declared as data.

Each capability adds its entries here as it lands; an entry shows only to users who hold its
permission somewhere (``rules`` predicates answer with no object for "anywhere"). Labels are
Vietnamese, wrapped in ``_()`` so that they are translated.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str


ITEMS: list[NavItem] = [
    NavItem(_("Sổ hộ gia đình"), "households:list", "households.view_household_list"),
    NavItem(_("Nhập sổ hộ"), "households:import", "households.import_households"),
    NavItem(
        _("Xác nhận liên kết tài khoản"),
        "households:pending_links",
        "households.confirm_member_link",
    ),
    NavItem(_("Công khai thông tin"), "disclosure:officer_list", "disclosure.use_workspace"),
    NavItem(_("Nhân dân bàn và quyết định"), "decisions:list", "decisions.view_decision_list"),
    NavItem(_("Lấy ý kiến"), "consultation_ws:list", "consultation.view_consultation_list"),
    NavItem(_("Kiểm tra, giám sát"), "oversight_ws:list", "oversight.view_workspace"),
    NavItem(_("Hương ước, quy ước"), "conventions_ws:list", "conventions.manage_convention"),
    NavItem(_("Nhật ký thay đổi"), "audit:index", "places.view_commune_workspace"),
    NavItem(_("Phản ánh, kiến nghị"), "feedback:inbox", "feedback.view_inbox"),
    NavItem(_("Quầy một cửa, mã QR"), "feedback:desks", "feedback.manage_desks"),
    NavItem(_("Tiếp công dân, đối thoại"), "feedback:sessions", "feedback.manage_sessions"),
    NavItem(_("Khảo sát sự hài lòng"), "feedback:surveys", "feedback.manage_surveys"),
    NavItem(_("Nghị quyết, mục tiêu"), "resolutions:list", "resolutions.view_dashboard"),
    NavItem(_("Nhiệm vụ được giao"), "resolutions:my_tasks", "resolutions.update_task"),
]


def items_for(user, path: str = "") -> list[dict]:
    """The entries ``user`` may use, as ``{"label", "url", "current"}``; the entry whose URL is
    the longest prefix of ``path`` is the current one."""
    items = [
        {"label": item.label, "url": reverse(item.url_name), "current": False}
        for item in ITEMS
        if user.has_perm(item.permission)
    ]
    matching = [item for item in items if path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return items

"""Template filters of the feedback pages."""

from django import template
from django.utils.translation import gettext as _

from ..services.common import ALLOWED

register = template.Library()


@register.filter
def deadline_state(deadline, today) -> str:
    """``met``, ``late``, ``overdue`` or ``open`` (``law.Deadline.state``)."""
    return deadline.state(today)


@register.filter
def can(case, action: str) -> bool:
    """Whether the case's status allows ``action`` (the page shows only what may be done)."""
    return action in ALLOWED[case.status]


@register.filter
def text_actions(case, can_extend: bool) -> list[tuple[str, str, bool]]:
    """The actions that take a free text, for the case's status: (slug, label, allowed)."""
    found = [
        ("tra-loi", _("Trả lời người gửi"), "answer"),
        ("bo-sung", _("Đề nghị bổ sung thông tin"), "request_information"),
        ("tu-choi", _("Không thụ lý (ghi lý do)"), "refuse"),
        ("chuyen", _("Chuyển cơ quan có thẩm quyền (ghi lý do)"), "transfer"),
        ("nguon-tin", _("Chuyển thành nguồn tin thanh tra"), "make_inspection_lead"),
        ("gia-han", _("Gia hạn giải quyết tố cáo (ghi lý do)"), "extend"),
    ]
    return [
        (slug, label, True)
        for slug, label, action in found
        if action in ALLOWED[case.status]
        and (action != "extend" or can_extend)
        and (action != "make_inspection_lead" or case.anonymous)
    ]


@register.filter
def percent(value) -> str:
    """A share as "87 %", or "—" when nothing was counted."""
    return "—" if value is None else f"{round(value * 100)} %"

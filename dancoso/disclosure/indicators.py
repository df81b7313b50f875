"""Indicators over disclosures, read by the resolution targets (``core.indicators``).

The count is the yearly obligations checklist (``queries.obligation_checklist``) taken for a
whole level at once: the same obligations (``obligations.obligations_for``), the same due dates
and the same ``state`` rule, with the first publication of every owner's obligations read in
one grouped query instead of one query per commune."""

from datetime import date

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dancoso.core import indicators
from dancoso.core.indicators import Figure
from dancoso.places.models import Agency, Commune

from .law import LAW_IN_FORCE, Scope
from .models import Disclosure
from .obligations import DONE_STATES, State, obligations_for, state

COUNTED = DONE_STATES | {State.OVERDUE}  # due, or done early: what obligation_summary counts


def _first_published(owner: str, owner_ids, years) -> dict[tuple[int, str, int], date]:
    """(owner id, obligation, year) → the first day a standing disclosure fulfilled it."""
    rows = Disclosure.objects.filter(
        status=Disclosure.Status.PUBLISHED,
        obligation_year__in=years,
        **{f"{owner}__in": owner_ids},
    ).exclude(obligation="")
    if owner == "commune_id":
        rows = rows.filter(agency__isnull=True)
    found = (
        rows.order_by()
        .values(owner, "obligation", "obligation_year")
        .annotate(first=Min("starts_on"))
    )
    return {(r[owner], r["obligation"], r["obligation_year"]): r["first"] for r in found}


def _figures(scope: Scope, owners: dict[int, int], start: date, end: date) -> dict[int, Figure]:
    """Sum, per unit, the obligations of each owner (owner id → unit id) due in the period."""
    today = timezone.localdate()
    # An obligation of year Y falls due between the end of Y - 1 and the end of Y + 1.
    years = range(start.year - 1, end.year + 1)
    due_in_period = [
        (obligation.key, year, day)
        for year in years
        for obligation in obligations_for(scope)
        if start <= (day := obligation.due(year)) <= end and day >= LAW_IN_FORCE
    ]
    owner = "agency_id" if scope is Scope.AGENCY else "commune_id"
    first = _first_published(owner, list(owners), years) if due_in_period else {}
    totals: dict[int, Figure] = {}
    for owner_id, unit_id in owners.items():
        states = [
            state(day, first.get((owner_id, key, year)), today) for key, year, day in due_in_period
        ]
        done = sum(found is State.ON_TIME for found in states)
        due = sum(found in COUNTED for found in states)
        totals[unit_id] = totals.get(unit_id, indicators.EMPTY) + Figure(done, due)
    return totals


@indicators.register(
    "disclosure.published_on_time",
    title=_("Nội dung phải công khai được công khai đúng hạn"),
    description=_(
        "Tử số: nội dung phải công khai định kỳ có hạn công khai rơi vào kỳ và đã được công "
        "khai (bản tin đang hiệu lực, không bị rút) chậm nhất vào ngày đến hạn. Mẫu số: các nội "
        "dung đó đã đến hạn (hoặc đã công khai sớm). Nội dung của xã: kế hoạch phát triển kinh "
        "tế – xã hội năm, dự toán, tình hình thực hiện và quyết toán ngân sách, danh mục thông "
        "tin đã công khai hằng quý (Luật Thực hiện dân chủ ở cơ sở 2022 Điều 11, 12, 13); của cơ "
        "quan, đơn vị: kế hoạch công tác và ngân sách (Điều 46, 47); hạn công khai ngân sách "
        "theo Luật Ngân sách nhà nước 2015 Điều 15. Cấp tỉnh cộng các xã và các cơ quan, đơn vị "
        "của tỉnh."
    ),
    levels=[indicators.PROVINCE, indicators.COMMUNE, indicators.AGENCY],
)
def published_on_time(level, unit_ids, start, end):
    if level == indicators.COMMUNE:
        return _figures(Scope.COMMUNE, {i: i for i in unit_ids}, start, end)
    if level == indicators.AGENCY:
        return _figures(Scope.AGENCY, {i: i for i in unit_ids}, start, end)
    communes = dict(
        Commune.objects.filter(province_id__in=unit_ids).values_list("id", "province_id")
    )
    agencies = dict(
        Agency.objects.filter(province_id__in=unit_ids).values_list("id", "province_id")
    )
    totals = _figures(Scope.COMMUNE, communes, start, end)
    for unit_id, figure in _figures(Scope.AGENCY, agencies, start, end).items():
        totals[unit_id] = totals.get(unit_id, indicators.EMPTY) + figure
    return totals

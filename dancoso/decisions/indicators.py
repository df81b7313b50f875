"""Indicators over the matters households decide, read by the resolution targets
(``core.indicators``). They read the stored result sheet (``Decision.result``), never a
recount of today's rows."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dancoso.core import indicators
from dancoso.core.indicator_queries import ratios

from .models import Decision

UNIT_COLUMNS = {
    indicators.PROVINCE: "commune__province_id",
    indicators.COMMUNE: "commune_id",
    indicators.VILLAGE: "village_id",
}
COUNTED_STATES = (Decision.State.COUNTED, Decision.State.PUBLISHED)


@indicators.register(
    "decisions.adopted_by_threshold",
    title=_("Nội dung Nhân dân bàn và quyết định được thông qua đủ tỷ lệ luật định"),
    description=_(
        "Tử số: nội dung đưa ra các hộ gia đình bàn và quyết định (biểu quyết trong kỳ, đã kiểm "
        "phiếu) được thông qua vì số hộ tán thành đạt tỷ lệ trên tổng số hộ của thôn: ít nhất "
        "hai phần ba với nội dung loại 1–2, trên 50% với loại 3–6; nội dung chung của xã tính "
        "theo số thôn thông qua (Luật Thực hiện dân chủ ở cơ sở 2022 Điều 21 khoản 1). Mẫu số: "
        "nội dung đã biểu quyết và kiểm phiếu trong kỳ. Cấp thôn chỉ gồm nội dung của thôn; nội "
        "dung chung của xã tính ở cấp xã và tỉnh."
    ),
    levels=[indicators.PROVINCE, indicators.COMMUNE, indicators.VILLAGE],
)
def adopted_by_threshold(level, unit_ids, start, end):
    counted = Decision.objects.filter(state__in=COUNTED_STATES, voting_on__range=(start, end))
    return ratios(counted, UNIT_COLUMNS[level], unit_ids, Q(result__adopted=True))

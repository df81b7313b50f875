"""Indicators over village conventions, read by the resolution targets (``core.indicators``).

Only recognition is recorded: the platform holds no record of the yearly review (Decree 61
Art. 15(2)), so a target on reviewing conventions is entered by hand (``manual:``) until it
does — an indicator that read "recognised this year" as "reviewed" would mark every village
whose review found nothing to change as failing."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dancoso.core import indicators
from dancoso.core.indicator_queries import ratios
from dancoso.places.models import Village

from .models import Convention

UNIT_COLUMNS = {
    indicators.PROVINCE: "commune__province_id",
    indicators.COMMUNE: "commune_id",
    indicators.VILLAGE: "id",
}


@indicators.register(
    "conventions.recognised",
    title=_("Thôn, tổ dân phố có hương ước, quy ước được công nhận"),
    description=_(
        "Tử số: thôn, tổ dân phố đang hoạt động có hương ước hoặc quy ước đã được Ủy ban nhân "
        "dân cấp xã quyết định công nhận chậm nhất vào ngày cuối kỳ (Nghị định 61/2023/NĐ-CP "
        "Điều 11; hương ước, quy ước có hiệu lực từ ngày được công nhận). Mẫu số: thôn, tổ "
        "dân phố đang hoạt động của địa bàn. Việc rà soát hằng năm (ngày 18 tháng 11, Điều 15 "
        "khoản 2) chưa được ghi nhận trên nền tảng nên không tính ở đây."
    ),
    levels=[indicators.PROVINCE, indicators.COMMUNE, indicators.VILLAGE],
)
def recognised(level, unit_ids, start, end):
    villages = Village.objects.filter(is_active=True)
    met = Q(conventions__state=Convention.State.RECOGNISED, conventions__recognised_on__lte=end)
    return ratios(villages, UNIT_COLUMNS[level], unit_ids, met)

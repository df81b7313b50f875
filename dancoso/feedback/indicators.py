"""Indicators over citizens' cases, read by the resolution targets (``core.indicators``)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dancoso.core import indicators
from dancoso.core.indicator_queries import ratios

from .law import Kind
from .models import Case

UNIT_COLUMNS = {
    indicators.PROVINCE: "commune__province_id",
    indicators.COMMUNE: "commune_id",
    indicators.VILLAGE: "village_id",
    indicators.AGENCY: "agency_id",
}
# Phản ánh and kiến nghị; complaints and denunciations have their own laws and deadlines.
COUNTED_KINDS = (Kind.REPORT, Kind.PROPOSAL)
# A merged case is counted once, under the case it was merged into; a case forwarded to the
# competent body (Law 42/2013 Art. 25–28) is answered there, not by this commune.
NOT_COUNTED = (Case.Status.MERGED, Case.Status.TRANSFERRED)


@indicators.register(
    "feedback.answered_on_time",
    title=_("Phản ánh, kiến nghị được trả lời đúng hạn"),
    description=_(
        "Tử số: phản ánh, kiến nghị tiếp nhận trong kỳ đã được trả lời, với mọi bước đã làm "
        "xong trong thời hạn luật định (thông báo tiếp nhận, thụ lý hay chuyển đơn trong 10 ngày "
        "làm việc — Luật Tiếp công dân số 42/2013/QH13 Điều 28 khoản 1 — và thời hạn trả lời "
        "ghi trong hồ sơ). Mẫu số: phản ánh, kiến nghị tiếp nhận trong kỳ (theo ngày tiếp nhận), "
        "trừ hồ sơ trùng đã gộp và hồ sơ đã chuyển cơ quan có thẩm quyền giải quyết. Hồ sơ chưa "
        "trả lời vẫn nằm ở mẫu số. Khiếu nại, tố cáo và góp ý không tính ở chỉ số này."
    ),
    levels=[indicators.PROVINCE, indicators.COMMUNE, indicators.VILLAGE, indicators.AGENCY],
)
def answered_on_time(level, unit_ids, start, end):
    received = Case.objects.filter(kind__in=COUNTED_KINDS, received_on__range=(start, end)).exclude(
        status__in=NOT_COUNTED
    )
    return ratios(received, UNIT_COLUMNS[level], unit_ids, Q(on_time=True))

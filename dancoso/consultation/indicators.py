"""Indicators over consultations, read by the resolution targets (``core.indicators``)."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dancoso.core import indicators
from dancoso.core.indicator_queries import ratios

from .lifecycle import State
from .models import Consultation, Opinion

UNIT_COLUMNS = {
    indicators.PROVINCE: "province_id",
    indicators.COMMUNE: "commune_id",
    indicators.AGENCY: "agency_id",
}


@indicators.register(
    "consultation.answers_published",
    title=_("Đợt lấy ý kiến đã công khai kết quả tiếp thu, giải trình mọi ý kiến"),
    description=_(
        "Tử số: đợt lấy ý kiến Nhân dân hoặc cán bộ, công chức, viên chức, người lao động kết "
        "thúc trong kỳ đã công khai báo cáo tổng hợp, trong đó mọi ý kiến (trừ ý kiến bị ẩn có "
        "lý do) đều được tiếp thu hoặc giải trình (Luật Thực hiện dân chủ ở cơ sở 2022 Điều 28 "
        "khoản 3, 4 và Điều 55). Mẫu số: đợt lấy ý kiến đã công bố và có ngày kết thúc trong kỳ, "
        "trước hôm nay. Cấp xã gồm các đợt của xã và của thôn; cấp tỉnh gồm cả các đợt của cơ "
        "quan, đơn vị."
    ),
    levels=[indicators.PROVINCE, indicators.COMMUNE, indicators.AGENCY],
)
def answers_published(level, unit_ids, start, end):
    yesterday = timezone.localdate() - timedelta(days=1)
    closed = Consultation.objects.exclude(state=State.DRAFT).filter(
        closes_on__gte=start, closes_on__lte=min(end, yesterday)
    )
    if level == indicators.COMMUNE:
        closed = closed.filter(agency__isnull=True)
    unanswered = Opinion.objects.filter(
        consultation=OuterRef("pk"), hidden_at__isnull=True, group__isnull=True
    )
    met = Q(state=State.PUBLISHED) & ~Exists(unanswered)
    return ratios(closed, UNIT_COLUMNS[level], unit_ids, met)

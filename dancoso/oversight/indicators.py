"""Indicators over the people's inspection and supervision boards, read by the resolution
targets (``core.indicators``). Same counts as ``queries.oversight_summary``, for any period and
for a whole level at once."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dancoso.core import indicators
from dancoso.core.indicator_queries import ratios

from .law import BoardKind
from .models import Board, Plan, Project, Recommendation

UNIT_COLUMNS = {
    indicators.PROVINCE: "commune__province_id",
    indicators.COMMUNE: "commune_id",
    indicators.AGENCY: "agency_id",
}
INSPECTION_BOARDS = (BoardKind.COMMUNE_INSPECTION, BoardKind.AGENCY_INSPECTION)


def in_office(start, end):
    """Boards whose term overlaps the period and that were not dissolved before it began."""
    return Board.objects.filter(term_start__lte=end, term_end__gte=start).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start)
    )


@indicators.register(
    "oversight.inspection_board_plan",
    title=_("Ban Thanh tra nhân dân có kế hoạch hoạt động năm được thông qua"),
    description=_(
        "Tử số: Ban Thanh tra nhân dân (của xã, phường và của cơ quan, đơn vị) có kế hoạch hoạt "
        "động năm trùng với kỳ, được thông qua chậm nhất vào ngày cuối kỳ (Luật Thực hiện dân "
        "chủ ở cơ sở 2022 Điều 39; Nghị định 59/2023/NĐ-CP Điều 14). Mẫu số: Ban Thanh tra nhân "
        "dân đang trong nhiệm kỳ trong kỳ, chưa giải thể trước kỳ."
    ),
    levels=[indicators.PROVINCE, indicators.COMMUNE, indicators.AGENCY],
)
def inspection_board_plan(level, unit_ids, start, end):
    boards = in_office(start, end).filter(kind__in=INSPECTION_BOARDS)
    met = Q(
        plans__period=Plan.Period.YEAR,
        plans__approved_on__lte=end,
        plans__starts_on__lte=end,
        plans__ends_on__gte=start,
    )
    return ratios(boards, UNIT_COLUMNS[level], unit_ids, met)


@indicators.register(
    "oversight.supervision_board_formed",
    title=_("Dự án đầu tư có Ban Giám sát đầu tư của cộng đồng"),
    description=_(
        "Tử số: dự án đầu tư trên địa bàn (vốn ngân sách, đối tác công tư, vốn Nhân dân đóng "
        "góp hoặc tài trợ trực tiếp — Luật Thực hiện dân chủ ở cơ sở 2022 Điều 41 khoản 1) đang "
        "thực hiện trong kỳ đã có Ban Giám sát đầu tư của cộng đồng được thành lập chậm nhất vào "
        "ngày cuối kỳ. Mẫu số: các dự án đó đang thực hiện trong kỳ (khởi công không sau ngày "
        "cuối kỳ, hoàn thành không trước ngày đầu kỳ)."
    ),
    levels=[indicators.PROVINCE, indicators.COMMUNE],
)
def supervision_board_formed(level, unit_ids, start, end):
    projects = Project.objects.filter(starts_on__lte=end, ends_on__gte=start)
    met = Q(board__kind=BoardKind.PROJECT_SUPERVISION, board__term_start__lte=end)
    return ratios(projects, UNIT_COLUMNS[level], unit_ids, met)


@indicators.register(
    "oversight.recommendations_answered",
    title=_("Kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát được trả lời đúng hạn"),
    description=_(
        "Tử số: kiến nghị của Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng mà cơ "
        "quan nhận được trong kỳ và đã trả lời chậm nhất vào hạn trả lời (15 ngày — Luật Thực "
        "hiện dân chủ ở cơ sở 2022 Điều 40 khoản 1, Điều 45 khoản 2, Điều 63). Mẫu số: kiến nghị "
        "nhận được trong kỳ, kể cả kiến nghị chưa trả lời."
    ),
    levels=[indicators.PROVINCE, indicators.COMMUNE, indicators.AGENCY],
)
def recommendations_answered(level, unit_ids, start, end):
    received = Recommendation.objects.filter(received_on__range=(start, end))
    by = {**UNIT_COLUMNS, indicators.AGENCY: "board__agency_id"}[level]
    return ratios(received, by, unit_ids, Q(answered_on__lte=F("due_on")))

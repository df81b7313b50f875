"""Demo village conventions for Xã Cao Lộc, written through the conventions services: the
recognised hương ước of Thôn Bản Lải (consulted among its households, adopted at a meeting,
recognised by UBND xã, then its Điều 4 suspended after a household's complaint) and the quy
ước of Thôn Nà Sla now being consulted."""

from datetime import timedelta

from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.consultation import services as consultation_services
from dancoso.conventions import measures, services
from dancoso.conventions.models import Convention
from dancoso.core.workdays import add_working_days

BAN_LAI = [
    (
        "Điều 1. Việc cưới",
        ("Tổ chức cưới văn minh, tiết kiệm, không quá 2 ngày; không mời quá 300 khách."),
    ),
    (
        "Điều 2. Việc tang",
        ("Không để người chết trong nhà quá 48 giờ; không rải vàng mã trên đường."),
    ),
    ("Điều 3. Giữ gìn vệ sinh", "Mỗi hộ thu gom rác vào nơi quy định, không thả rông gia súc."),
    (
        "Điều 4. Xử lý vi phạm",
        "Hộ vi phạm Điều 3 nộp phạt 500.000 đồng vào quỹ thôn cho mỗi lần vi phạm.",
    ),
]
NA_SLA = [
    (
        "Điều 1. Bảo vệ rừng đầu nguồn",
        "Không chặt cây, đốt nương trong khu rừng đầu nguồn Khuổi Mạ.",
    )
]


def load_conventions(commune, villages) -> None:
    """Build the demo conventions once (nothing happens if the village already has one)."""
    if Convention.objects.filter(village__commune=commune).exists():
        return
    officer = User.objects.get(username="canbo")
    chair = User.objects.get(username="chutich")
    head = User.objects.get(username="truongthon")
    _recognised(villages[0], officer, chair, head)
    draft = services.create_convention(
        villages[1],
        actor=officer,
        kind="quy_uoc",
        title="Quy ước Thôn Nà Sla về bảo vệ rừng",
        drafting_team=["Triệu Văn Lâm", "Hoàng Thị Mai", "Lương Văn Khánh"],
    )
    today = timezone.localdate()
    services.start_consultation(
        draft,
        actor=officer,
        summary="Quy ước mới về bảo vệ rừng đầu nguồn Khuổi Mạ.",
        sections=NA_SLA,
        opens_on=today,
        closes_on=today + timedelta(days=34),
    )


def _recognised(village, officer, chair, head) -> None:
    opens = timezone.localdate() - timedelta(days=90)
    convention = services.create_convention(
        village,
        actor=head,
        kind="huong_uoc",
        title="Hương ước Thôn Bản Lải",
        drafting_team=["Lộc Văn Sơn", "Vi Thị Ngân", "Hoàng Văn Páo (người có uy tín)"],
    )
    c = services.start_consultation(
        convention,
        actor=officer,
        summary="Hương ước về cưới, tang, vệ sinh môi trường của Thôn Bản Lải.",
        sections=BAN_LAI,
        opens_on=opens,
        closes_on=opens + timedelta(days=30),
    )
    consultation_services.enter_offline_opinion(
        c,
        actor=officer,
        source="paper",
        author_label="Phiếu góp ý của hộ ông Lộc Văn Đàm",
        section=c.sections.get(position=1),
        text=("Cưới chỉ nên tổ chức 1 ngày cho đỡ tốn kém."),
    )
    c = consultation_services.advance(c, "close", actor=officer, today=opens + timedelta(days=31))
    consultation_services.answer_opinions(
        c,
        actor=officer,
        numbers=[1],
        title="Thời gian tổ chức cưới",
        verdict="tiep_thu",
        answer="Sửa Điều 1: không quá 1 ngày.",
    )
    consultation_services.write_synthesis(
        c, actor=officer, text=("Nhận 1 ý kiến bằng phiếu; tiếp thu toàn bộ.")
    )
    consultation_services.advance(c, "synthesise", actor=officer)
    consultation_services.revise_section(
        c.sections.get(position=1),
        actor=officer,
        text=("Tổ chức cưới văn minh, tiết kiệm, không quá 1 ngày; không mời quá 300 khách."),
    )
    consultation_services.advance(c, "publish", actor=officer)
    _vote_and_recognise(convention, head, chair, opens)


def _vote_and_recognise(convention, head, chair, opens) -> None:
    services.open_vote(convention, actor=head)
    voted = opens + timedelta(days=40)
    services.record_adoption(
        convention,
        actor=head,
        method="meeting",
        voted_on=voted,
        total_households=124,
        attending=97,
        agreeing=91,
    )
    submitted = add_working_days(voted, 3)
    services.submit_dossier(convention, actor=head, submitted_on=submitted)
    recognised = add_working_days(submitted, 4)
    services.recognise_convention(
        convention, actor=chair, decided_on=recognised, number="128/QĐ-UBND"
    )
    complaint = add_working_days(recognised, 10)
    measures.suspend_convention(
        convention,
        actor=chair,
        ground="content",
        parts=["Điều 4. Xử lý vi phạm"],
        reasons=(
            "Mức phạt tiền 500.000 đồng thay cho xử phạt vi phạm hành chính, trái khoản 5 Điều 5 "
            "Nghị định 61/2023/NĐ-CP (thưởng, phạt không thay thế chế tài của pháp luật)."
        ),
        trigger="complaint",
        received_on=complaint,
        decided_on=add_working_days(complaint, 2),
        number="141/QĐ-UBND",
        redo_by=complaint + timedelta(days=60),
    )

"""Demo boards for Xã Cao Lộc, written through the oversight services: the commune's People's
Inspection Board with its members and approved yearly plan, a Community Investment Supervision
Board for a concrete road part-funded by households, and recommendations — one answered, one
overdue."""

from datetime import date, timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.oversight import services
from dancoso.oversight.law import BoardKind, Candidate
from dancoso.oversight.models import Board

INSPECTORS = [
    ("Chu Văn Long", "head"),
    ("Hoàng Thị Mến", "deputy"),
    ("Lộc Văn Thành", "member"),
    ("Nông Thị Xuân", "member"),
    ("Vi Văn Hậu", "member"),
    ("Lăng Thị Thu", "member"),
    ("Hoàng Văn Khánh", "member"),
    ("Triệu Thị Lụa", "member"),
    ("Dương Văn Tiến", "member"),
    ("Mông Thị Huyền", "member"),
    ("Lành Văn Quân", "member"),
    ("Nông Văn Cường", "member"),
]
SUPERVISORS = ["Lương Văn Bình", "Chu Văn Long", "Hà Thị Dung", "Lý Văn Phúc", "Đàm Thị Nga"]


def _members(actor, board, names_roles, villages, start):
    return [
        services.add_member(
            actor,
            board,
            full_name=name,
            role=role,
            starts_on=start,
            recognised_by="Quyết định số 05/QĐ-MTTQ ngày 10/7/2025 của Ban Thường trực UBMTTQ xã",
            candidate=Candidate(),
            village=villages[i % len(villages)],
        )
        for i, (name, role) in enumerate(names_roles)
    ]


def load_oversight(commune, villages) -> None:
    """Build the demo boards once (nothing happens if the commune already has one)."""
    if Board.objects.filter(commune=commune).exists():
        return
    front = User.objects.get(username="canbomattran")
    inspector = User.objects.get(username="thanhtra")
    chair = User.objects.get(username="chutich")
    today = timezone.localdate()
    year = today.year
    term = (date(2025, 7, 1), date(2030, 6, 30))
    board = services.form_board(
        front,
        commune,
        kind=BoardKind.COMMUNE_INSPECTION,
        name=f"Ban Thanh tra nhân dân {commune.name}",
        term_start=term[0],
        term_end=term[1],
    )
    needed = min(max(len(villages), 5), len(INSPECTORS))
    members = _members(front, board, INSPECTORS[:needed], villages, term[0])
    plan = services.create_plan(
        inspector,
        board,
        period="year",
        title=f"Kế hoạch kiểm tra, giám sát năm {year}",
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
    )
    services.add_activity(
        inspector,
        plan,
        subject="disclosure",
        title="Giám sát việc công khai dự toán ngân sách xã",
        method="Xem bảng niêm yết, đối chiếu với dự toán được HĐND xã thông qua",
        starts_on=date(year, 3, 2),
        ends_on=date(year, 3, 31),
        members=members[:2],
    )
    services.add_activity(
        inspector,
        plan,
        subject="cases",
        title="Kiểm tra việc giải quyết đơn thư của công dân",
        method="Làm việc với công chức tư pháp, xem sổ theo dõi",
        starts_on=date(year, 9, 1),
        ends_on=date(year, 9, 30),
        members=members[2:4],
    )
    services.approve_plan(inspector, plan, on=date(year, 1, 8))
    services.record_supervision(
        inspector,
        plan.activities.order_by("starts_on").first(),
        held_on=date(year, 3, 16),
        checked="Bảng niêm yết dự toán thu, chi ngân sách xã tại trụ sở UBND xã và nhà văn hóa "
        "các thôn; biên bản niêm yết.",
        findings="Dự toán được niêm yết đủ 30 ngày tại trụ sở; thôn Nà Sla chưa niêm yết phần "
        "chi đầu tư xây dựng.",
    )
    services.send_tip(
        board,
        actor=AnonymousUser(),
        content="Đoạn rãnh thoát nước đầu thôn Bản Lải mới làm đã nứt, đề nghị Ban kiểm tra.",
        anonymous=True,
    )
    answered = services.send_recommendation(
        inspector,
        board,
        addressee="commune_committee",
        content="Đề nghị niêm yết dự toán ngân sách năm tại nhà văn hóa các thôn.",
        received_on=today - timedelta(days=40),
    )
    services.answer_recommendation(
        chair,
        answered,
        answer="UBND xã đã chỉ đạo niêm yết tại 100% nhà văn hóa thôn.",
        on=today - timedelta(days=30),
    )
    services.judge_answer(inspector, answered, resolved=True)
    services.send_recommendation(
        inspector,
        board,
        addressee="commune_committee",
        content="Đề nghị trả lời đơn của hộ ông Lộc Văn Sáu về ranh giới đất.",
        received_on=today - timedelta(days=20),
    )
    _project_board(front, commune, villages, today)


def _project_board(front, commune, villages, today) -> None:
    project = services.register_project(
        front,
        commune,
        name="Bê tông hóa đường thôn Bản Lải (1,2 km)",
        investor="UBND xã",
        contractor="Công ty TNHH Xây dựng Hồng Phong",
        funding=["state", "people"],
        budget=1_850_000_000,
        people_contribution=250_000_000,
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=120),
    )
    board = services.form_board(
        front,
        commune,
        kind=BoardKind.PROJECT_SUPERVISION,
        name="Ban Giám sát đầu tư của cộng đồng — đường thôn Bản Lải",
        term_start=project.starts_on,
        term_end=project.ends_on,
        project=project,
    )
    roles = ["head", "deputy", "member", "member", "member"]
    _members(front, board, list(zip(SUPERVISORS, roles, strict=True)), villages, project.starts_on)

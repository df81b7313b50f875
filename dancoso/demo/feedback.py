"""Demo citizens' cases for Xã Cao Lộc: reports, proposals, a complaint, denunciations (one
anonymous, turned into an inspection lead; one to forward), a second complaint, answers (some
published, some rated) and one-stop desks with QR ratings (one deactivated) — all written
through the feedback services."""

import random
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.accounts.roles import Role
from dancoso.accounts.services import grant_role
from dancoso.core.actors import SystemActor
from dancoso.feedback import services
from dancoso.feedback.models import Case
from dancoso.places.models import Agency, Commune

SYSTEM = SystemActor("load_demo")
CASES = [
    (
        "phan_anh",
        "Đèn đường thôn Bản Lải hỏng",
        "Ba bóng đèn trước nhà văn hóa thôn không sáng từ tuần trước, buổi tối đường rất tối.",
        "Đã thay ba bóng đèn LED ngày hôm qua.",
    ),
    (
        "phan_anh",
        "Rác tồn đọng ở đầu cầu Khánh Khê",
        "Rác thải sinh hoạt để ở đầu cầu ba ngày chưa được thu gom.",
        "Tổ vệ sinh môi trường đã thu gom và bố trí lịch thu hai ngày một lần.",
    ),
    (
        "kien_nghi",
        "Lắp biển báo giảm tốc gần trường tiểu học",
        "Xe tải đi nhanh qua cổng trường giờ tan học, đề nghị lắp biển báo và gờ giảm tốc.",
        "UBND xã đã đề nghị đơn vị quản lý đường lắp biển báo; dự kiến hoàn thành trong tháng.",
    ),
    (
        "kien_nghi",
        "Mở lớp tập huấn trồng hồi cho bà con",
        "Nhiều hộ muốn học kỹ thuật chăm sóc cây hồi, đề nghị xã mời cán bộ khuyến nông.",
        "",
    ),
    (
        "gop_y",
        "Bộ phận một cửa nên có ghế chờ",
        "Người cao tuổi phải đứng chờ lâu, đề nghị bố trí thêm ghế.",
        "Cảm ơn góp ý, xã đã bố trí thêm 10 ghế chờ.",
    ),
    (
        "khieu_nai",
        "Khiếu nại quyết định thu hồi đất làm đường",
        "Diện tích bị thu hồi ghi trong quyết định lớn hơn diện tích thực tế đo đạc.",
        "",
    ),
    ("phan_anh", "Nước sinh hoạt bị đục", "Nước máy ở khu Nà Sla bị đục từ ba ngày nay.", ""),
    (
        "kien_nghi",
        "Bê tông hóa đường vào thôn Pò Nghiều",
        "Đường đất lầy lội khi mưa, đề nghị đưa vào kế hoạch bê tông hóa năm tới.",
        "",
    ),
]
CHANNELS = ["phone", "reception", "letter", "email"]


def _people() -> tuple[User, User]:
    return User.objects.get(username="canbo"), User.objects.get(username="chutich")


def _case(commune, index, kind, subject, text, rng) -> Case:
    phone = f"09120{rng.randrange(10000, 99999)}"
    if index % 2 == 0:
        return services.submit_case(
            commune,
            actor=AnonymousUser(),
            kind=kind,
            subject=subject,
            description=text,
            phone=phone,
        )
    day = timezone.localdate() - timedelta(days=rng.randrange(3, 20))
    return services.take_case(
        commune,
        actor=SYSTEM,
        channel=CHANNELS[index % 4],
        kind=kind,
        received_on=day,
        subject=subject,
        description=text,
        phone=phone,
    )


def load_feedback(commune: Commune, *, seed: int = 2026) -> None:
    """Build the demo cases, desks, sessions and survey (idempotent: skipped when the commune
    has cases). Not one transaction: ``submit_case`` is durable, as on the portal."""
    if Case.objects.filter(commune=commune).exists():
        return
    rng = random.Random(seed)
    officer, chair = _people()
    for index, (kind, subject, text, answer) in enumerate(CASES):
        case = _case(commune, index, kind, subject, text, rng)
        services.assign_case(case, actor=SYSTEM, officer=officer)
        if kind == "khieu_nai" or answer:
            case = services.accept_case(case, actor=SYSTEM)
        if answer:
            case = services.answer_case(case, actor=SYSTEM, answer=answer)
            if kind != "khieu_nai":
                services.publish_answer(case, actor=SYSTEM)
            services.rate_answer(
                case, satisfied=index != 1, reason="" if index != 1 else "Lịch thu vẫn chưa đều"
            )
    secret = services.submit_case(
        commune,
        actor=AnonymousUser(),
        kind="to_cao",
        subject="Thu tiền sai quy định",
        description="Cán bộ địa chính thu thêm tiền khi làm thủ tục cấp giấy chứng nhận.",
        full_name="Người tố cáo (trình diễn)",
        phone="0912000999",
        address="Thôn Bản Lải",
    )
    services.assign_case(secret, actor=SYSTEM, officer=officer)
    anonymous = services.submit_case(
        commune,
        actor=AnonymousUser(),
        kind="to_cao",
        subject="Xe chở cát quá tải ban đêm",
        description="Xe chở cát quá tải chạy qua cầu Khánh Khê lúc 23 giờ hằng đêm.",
        phone="0912000888",
    )
    services.make_inspection_lead(anonymous, actor=SYSTEM, reason="Nội dung cụ thể, kiểm tra được")
    _second_level(commune, officer)
    _desks(commune, officer, rng)
    _sessions(commune)
    _survey(commune, rng)


SURVEY = "\n".join(
    [
        "một | Bạn có hài lòng với cách giải quyết thủ tục hành chính của xã? | Hài lòng; "
        "Chưa hài lòng",
        "nhiều | Bạn biết thông tin của xã qua kênh nào? | Loa truyền thanh; Bảng tin thôn; "
        "Trang thông tin điện tử; Zalo của thôn; Họp thôn",
        "thang | Chấm điểm thái độ phục vụ của cán bộ một cửa (1–5)",
        "thang | Chấm điểm việc xã trả lời phản ánh, kiến nghị (1–5)",
        "tự do | Góp ý khác để xã phục vụ tốt hơn",
    ]
)


def _survey(commune: Commune, rng) -> None:
    survey = services.create_survey(
        commune,
        actor=SYSTEM,
        year=timezone.localdate().year,
        title="Khảo sát sự hài lòng của người dân năm nay",
        questions=SURVEY,
    )
    survey = services.open_survey(survey, actor=SYSTEM)
    keys = [str(q.pk) for q in survey.questions.all()]
    for number in range(40):
        answers = {
            keys[0]: str(rng.choice([0, 0, 0, 1])),
            keys[1]: [str(i) for i in sorted(rng.sample(range(5), rng.randint(1, 3)))],
            keys[2]: str(rng.choice([5, 4, 4, 3])),
            keys[3]: str(rng.choice([5, 4, 3, 2])),
        }
        services.enter_paper_answers(
            survey, actor=SYSTEM, paper_number=f"PG-{number + 1:03d}", answers=answers
        )


def _sessions(commune: Commune) -> None:
    from dancoso.feedback.models import ReceptionSession

    upcoming = services.schedule_session(
        commune,
        actor=SYSTEM,
        kind="reception",
        title="Tiếp công dân định kỳ tháng này",
        starts_at=timezone.now() + timedelta(days=5),
        place="Phòng tiếp công dân, UBND xã",
        host="Hoàng Văn Thắng, Chủ tịch UBND xã",
    )
    services.add_item(
        upcoming,
        actor=SYSTEM,
        raised="Nội dung đăng ký trước: cấp giấy chứng nhận quyền sử dụng đất khu Bản Lải",
    )
    held = services.schedule_session(
        commune,
        actor=SYSTEM,
        kind="dialogue",
        title="Đối thoại về đường liên thôn Khánh Khê",
        starts_at=timezone.now() + timedelta(minutes=1),
        place="Nhà văn hóa thôn Khánh Khê",
        host="Hoàng Văn Thắng, Chủ tịch UBND xã",
    )
    ReceptionSession.objects.filter(pk=held.pk).update(starts_at=timezone.now() - timedelta(days=9))
    services.add_attendee(
        held, actor=SYSTEM, full_name="Đại diện các hộ thôn Khánh Khê", represents=35
    )
    item = services.add_item(
        held,
        actor=SYSTEM,
        raised="Đường liên thôn xuống cấp, xe cứu thương khó vào",
        promised="Sửa chữa mặt đường trước mùa mưa",
        responsible="Phòng Kinh tế xã",
        due_on=timezone.localdate() + timedelta(days=60),
    )
    services.mark_held(held, actor=SYSTEM, summary="35 hộ dự, 4 ý kiến, 2 cam kết.")
    services.open_follow_up(item, actor=SYSTEM)


def _upper_body(commune: Commune) -> None:
    """The province's inspectorate as the upper body that receives second complaints and
    follow-up denunciations (``routing_law``); the demo province officer ``canbotinh`` works
    in its inbox."""
    agency, _ = Agency.objects.get_or_create(
        province=commune.province,
        commune=None,
        name=f"Thanh tra tỉnh {commune.province.name.removeprefix('Tỉnh ')}",
        defaults={"kind": Agency.Kind.STATE_AGENCY, "staff_count": 25},
    )
    services.set_upper_body(commune.province, actor=SYSTEM, agency=agency)
    clerk = User.objects.filter(username="canbotinh").first()
    if clerk is not None:
        grant_role(actor=SYSTEM, user=clerk, role=Role.AGENCY_STAFF, place=agency)


def _paper_second_complaint(commune: Commune) -> None:
    """A second complaint brought to the desk on paper against a first decision made before
    the platform (Law 02/2011 Art. 33): typed in, then sent to the upper body."""
    services.take_follow_up(
        commune,
        actor=SYSTEM,
        kind="khieu_nai",
        channel="reception",
        received_on=timezone.localdate() - timedelta(days=2),
        text="Tôi không đồng ý với quyết định giải quyết lần đầu về mức hỗ trợ di dời chuồng trại.",
        first_decision="Quyết định số 45/QĐ-UBND của Chủ tịch UBND xã",
        first_decision_on=timezone.localdate() - timedelta(days=20),
        full_name="Người khiếu nại lần hai (trình diễn)",
        phone="0912000555",
    )


def _second_level(commune: Commune, officer: User) -> None:
    """A complaint answered at the first level and its second complaint (Law 02/2011 Art.
    33), sent to the upper body; a second complaint typed in from paper; and a denunciation
    the commune is not competent for, waiting to be forwarded."""
    _upper_body(commune)
    _paper_second_complaint(commune)
    first = services.submit_case(
        commune,
        actor=AnonymousUser(),
        kind="khieu_nai",
        subject="Khiếu nại việc tính tiền bồi thường cây hồi",
        description="Số cây hồi được bồi thường ít hơn số cây thực tế trên thửa đất bị thu hồi.",
        full_name="Người khiếu nại (trình diễn)",
        phone="0912000777",
    )
    services.assign_case(first, actor=SYSTEM, officer=officer)
    services.accept_case(first, actor=SYSTEM)
    first = services.answer_case(
        first, actor=SYSTEM, answer="Quyết định giải quyết khiếu nại lần đầu: giữ nguyên số cây."
    )
    services.rate_answer(first, satisfied=False, reason="Chưa kiểm đếm lại tại thực địa")
    services.file_follow_up(
        first, text="Tôi không đồng ý với quyết định lần đầu vì chưa kiểm đếm lại tại thực địa."
    )
    outside = services.submit_case(
        commune,
        actor=AnonymousUser(),
        kind="to_cao",
        subject="Sai phạm trong đấu thầu gói thầu của tỉnh",
        description="Nhà thầu trúng thầu gói sửa đường tỉnh lộ có quan hệ với người chấm thầu.",
        full_name="Người tố cáo thứ hai (trình diễn)",
        phone="0912000666",
    )
    services.classify_case(outside, actor=SYSTEM, kind="to_cao", not_competent=True)


def _desks(commune: Commune, officer: User, rng) -> None:
    desks = [
        services.create_desk(
            commune, actor=SYSTEM, name="Quầy 1 — Tư pháp, hộ tịch", officer=officer
        ),
        services.create_desk(commune, actor=SYSTEM, name="Quầy 2 — Đất đai, xây dựng"),
    ]
    spare = services.create_desk(commune, actor=SYSTEM, name="Quầy 3 — Dự phòng")
    services.set_desk_active(spare, actor=SYSTEM, active=False)
    for number in range(60):
        services.rate_desk(
            rng.choice(desks),
            visit_code=f"CL-2026-{number:04d}",
            reception_score=rng.choice([5, 5, 4, 4, 3]),
            procedure_score=rng.choice([5, 4, 4, 3, 2]),
        )

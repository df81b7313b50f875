"""Demo consultations for Xã Cao Lộc, written through the consultation services: the draft
2026–2030 land-use plan open for comment (online and meeting opinions, supports, one hidden
comment), the commune democracy regulation with its published synthesis, and a staff
consultation of the primary school on its internal spending rules."""

from datetime import timedelta

from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.accounts.roles import Role
from dancoso.accounts.services import grant_role
from dancoso.consultation import services
from dancoso.consultation.models import Consultation, Opinion
from dancoso.core.actors import SystemActor

SYSTEM = SystemActor("load_demo")

LAND_USE = [
    (
        "Điều 1. Phạm vi và thời kỳ kế hoạch",
        (
            "Kế hoạch sử dụng đất xã Cao Lộc giai đoạn 2026–2030 áp dụng cho toàn bộ 3.412 ha "
            "đất tự nhiên của xã."
        ),
    ),
    (
        "Điều 2. Đất nông nghiệp",
        (
            "Giữ ổn định 2.150 ha đất nông nghiệp, trong đó 380 ha đất trồng lúa nước.\n\nChuyển "
            "12 ha đất trồng cây hằng năm khác sang trồng cây ăn quả (hồng, na) tại Thôn Khòn "
            "Pát."
        ),
    ),
    (
        "Điều 3. Đất ở và khu tái định cư",
        (
            "Dành 5 ha đất tại Thôn Bản Lải để xây dựng khu tái định cư phục vụ dự án mở rộng "
            "Quốc lộ 4B."
        ),
    ),
    (
        "Điều 4. Đất công trình công cộng",
        (
            "Bố trí 1,2 ha xây dựng nhà văn hóa và sân thể thao tại Thôn Nà Sla; 0,8 ha mở rộng "
            "Trường Tiểu học Cao Lộc."
        ),
    ),
    (
        "Điều 5. Tổ chức thực hiện",
        (
            "UBND xã công khai kế hoạch tại trụ sở, nhà văn hóa các thôn và trên cổng thông tin "
            "điện tử của xã."
        ),
    ),
]
REGULATION = [
    (
        "Chương I. Quy định chung",
        (
            "Quy chế này quy định việc thực hiện dân chủ ở xã Cao Lộc theo Luật Thực hiện dân "
            "chủ ở cơ sở."
        ),
    ),
    (
        "Điều 5. Công khai thông tin",
        (
            "UBND xã công khai các nội dung theo Điều 11 của Luật trên cổng thông tin điện tử và "
            "tại nhà văn hóa các thôn."
        ),
    ),
    (
        "Điều 9. Đối thoại với Nhân dân",
        "Chủ tịch UBND xã đối thoại với Nhân dân ít nhất một lần mỗi năm.",
    ),
]
SPENDING = [
    ("Điều 1. Công tác phí", "Hỗ trợ 150.000 đồng/ngày cho viên chức đi công tác ngoài xã."),
    (
        "Điều 2. Chi hỗ trợ học sinh khó khăn",
        "Trích 2% kinh phí tự chủ hỗ trợ học sinh thuộc hộ nghèo.",
    ),
]
RESIDENTS = [
    ("dan_demo_1", "Hoàng Văn Tú", 0),
    ("dan_demo_2", "Lương Thị Hoa", 0),
    ("dan_demo_3", "Vi Văn Đức", 1),
    ("dan_demo_4", "Nông Thị Thu", 2),
    ("dan_demo_5", "Lộc Văn Hải", 1),
]
STAFF = [("gv_demo_1", "Chu Thị Lan"), ("gv_demo_2", "Triệu Văn Minh")]


def _person(username, name, role, place) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"full_name": name})
    if created:
        user.set_unusable_password()
        user.save()
        grant_role(actor=SYSTEM, user=user, role=role, place=place)
    return user


def load_consultations(commune, villages, agencies) -> None:
    """Build the three demo consultations once (nothing happens if they exist)."""
    if Consultation.objects.filter(commune=commune).exists():
        return
    officer = User.objects.get(username="canbo")
    people = [_person(u, n, Role.RESIDENT, villages[v]) for u, n, v in RESIDENTS]
    _land_use_plan(commune, officer, people)
    _democracy_regulation(commune, officer, people)
    school = next(a for a in agencies if a.name == "Trường Tiểu học Cao Lộc")
    staff = [_person(u, n, Role.AGENCY_STAFF, school) for u, n in STAFF]
    _spending_rules(school, User.objects.get(username="hieutruong"), staff)


def _land_use_plan(commune, officer, people) -> None:
    today = timezone.localdate()
    c = services.create_consultation(
        commune,
        actor=officer,
        title="Dự thảo Kế hoạch sử dụng đất giai đoạn 2026–2030 xã Cao Lộc",
        summary=(
            "Xã dự kiến giữ ổn định đất lúa, dành 5 ha ở Thôn Bản Lải làm khu tái định cư cho dự "
            "án Quốc lộ 4B và xây nhà văn hóa, sân thể thao ở Thôn Nà Sla. Mời bà con góp ý từng "
            "điều."
        ),
        subject="dat_dai",
        audience=Consultation.Audience.RESIDENTS,
        forms=["cong_thong_tin", "hop", "hom_thu"],
        plan_sent_on=today - timedelta(days=3),
        opens_on=today,
        closes_on=today + timedelta(days=29),
    )
    services.set_sections(c, actor=officer, sections=LAND_USE)
    c = services.advance(c, "open", actor=officer)
    sections = list(c.sections.order_by("position"))
    first = services.post_opinion(
        c,
        actor=people[0],
        section=sections[2],
        stance=Opinion.Stance.DISAGREE,
        text=(
            "Khu tái định cư lấn vào sân bóng của thôn Bản Lải. Đề nghị dời sang khu đồi phía đông."
        ),
    )
    services.post_opinion(
        c,
        actor=people[1],
        section=sections[3],
        stance=Opinion.Stance.AGREE,
        text="Đồng tình xây nhà văn hóa Thôn Nà Sla; đề nghị làm thêm bãi đỗ xe.",
    )
    services.post_opinion(
        c,
        actor=people[2],
        section=sections[1],
        text=(
            "Chuyển sang trồng na cần hỗ trợ giống cho hộ nghèo. Tham khảo: https://langson.gov.vn"
        ),
    )
    rude = services.post_opinion(c, actor=people[4], text="Bình luận có lời lẽ xúc phạm cán bộ.")
    services.moderate_opinion(rude, actor=officer)
    services.enter_offline_opinion(
        c,
        actor=officer,
        section=sections[2],
        source=Opinion.Source.MEETING,
        author_label="Hội nghị Thôn Bản Lải ngày " + f"{today:%d/%m/%Y}",
        stance=Opinion.Stance.DISAGREE,
        text="38/52 hộ dự họp đề nghị giữ sân bóng và dời khu tái định cư.",
    )
    for person in people[1:4]:
        services.support_opinion(first, actor=person)


def _democracy_regulation(commune, officer, people) -> None:
    opens = timezone.localdate() - timedelta(days=70)
    closes = opens + timedelta(days=24)
    c = services.create_consultation(
        commune,
        actor=officer,
        title="Dự thảo Quy chế thực hiện dân chủ ở xã Cao Lộc",
        summary=(
            "Quy chế nói rõ những việc xã phải công khai, những việc bà con bàn và quyết định, "
            "cách góp ý và giám sát."
        ),
        subject="quy_che_dan_chu",
        audience=Consultation.Audience.RESIDENTS,
        forms=["cong_thong_tin", "hop"],
        plan_sent_on=opens - timedelta(days=5),
        opens_on=opens,
        closes_on=closes,
    )
    services.set_sections(c, actor=officer, sections=REGULATION)
    c = services.advance(c, "open", actor=officer, today=opens)
    s = list(c.sections.order_by("position"))
    services.post_opinion(
        c,
        actor=people[0],
        section=s[1],
        today=opens,
        text="Đề nghị công khai thêm trên loa truyền thanh của thôn.",
    )
    services.post_opinion(
        c,
        actor=people[3],
        section=s[2],
        today=opens,
        text="Một lần đối thoại mỗi năm là ít, đề nghị hai lần.",
    )
    services.enter_offline_opinion(
        c,
        actor=officer,
        section=s[1],
        source=Opinion.Source.BOX,
        author_label="Hòm thư góp ý UBND xã",
        text="Đề nghị niêm yết cả ở chợ Cao Lộc.",
    )
    c = services.advance(c, "close", actor=officer, today=closes + timedelta(days=1))
    _answer_regulation(c, officer, s)


def _answer_regulation(c, officer, s) -> None:
    """Answer, synthesise, revise and publish the democracy regulation consultation."""
    services.answer_opinions(
        c,
        actor=officer,
        numbers=[1, 3],
        title="Về hình thức công khai",
        verdict="tiep_thu",
        answer="Bổ sung loa truyền thanh và niêm yết tại chợ vào Điều 5.",
    )
    services.answer_opinions(
        c,
        actor=officer,
        numbers=[2],
        title="Về số lần đối thoại",
        verdict="tiep_thu_mot_phan",
        answer=(
            "Giữ tối thiểu một lần mỗi năm theo Luật; bổ sung đối thoại đột xuất khi có trên 10% "
            "hộ đề nghị."
        ),
    )
    services.write_synthesis(
        c,
        actor=officer,
        text=(
            "UBND xã nhận 3 ý kiến (2 trên cổng thông tin, 1 qua hòm thư): tiếp thu 2, tiếp thu "
            "một phần 1."
        ),
    )
    c = services.advance(c, "synthesise", actor=officer)
    services.revise_section(
        s[1],
        actor=officer,
        text=(
            "UBND xã công khai các nội dung theo Điều 11 của Luật trên cổng thông tin điện tử, "
            "loa truyền thanh các thôn, tại nhà văn hóa các thôn và chợ Cao Lộc."
        ),
    )
    services.revise_section(
        s[2],
        actor=officer,
        text=(
            "Chủ tịch UBND xã đối thoại với Nhân dân ít nhất một lần mỗi năm, và đột xuất khi có "
            "trên 10% hộ gia đình đề nghị."
        ),
    )
    services.advance(c, "publish", actor=officer)


def _spending_rules(school, head, staff) -> None:
    today = timezone.localdate()
    c = services.create_consultation(
        school,
        actor=head,
        title="Dự thảo Quy chế chi tiêu nội bộ năm 2027",
        summary="Mức công tác phí và khoản hỗ trợ học sinh khó khăn; mời cán bộ, giáo viên góp ý.",
        subject="cq_chi_tieu",
        audience=Consultation.Audience.STAFF,
        forms=["cong_thong_tin", "hop"],
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )
    services.set_sections(c, actor=head, sections=SPENDING)
    c = services.advance(c, "open", actor=head)
    services.post_opinion(
        c,
        actor=staff[0],
        section=c.sections.get(position=1),
        text="Đề nghị tăng lên 200.000 đồng/ngày vì giá xăng tăng.",
    )

"""Demo data for Dân quyết in Xã Cao Lộc, written through the decision services:

- Thôn Bản Lải decided at its community meeting to contribute to concreting the village road
  (kind 1, at least two-thirds of ALL households) — attendance, a show of hands confirmed by
  the Front work committee head, counted and published;
- an online vote (kind 6) on the village's Great Unity festival is open: more than half of the
  households chose to decide it online, and the demo resident's household has not voted yet.
"""

from datetime import date, timedelta

from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.core.actors import SystemActor
from dancoso.decisions import services
from dancoso.decisions.law import Kind
from dancoso.households.models import Household, MemberLink
from dancoso.households.services import link_at_desk

SYSTEM = SystemActor("load_demo")
ROAD_DOCUMENTS = (
    "Tuyến đường bê tông từ nhà văn hóa thôn Bản Lải đến cầu tràn Khuổi Mạ, dài 1,2 km, rộng "
    "3 m, dày 18 cm. Tổng kinh phí dự kiến 1.150.000.000 đồng: ngân sách tỉnh hỗ trợ xi măng "
    "(60%), xã hỗ trợ 20%, Nhân dân đóng góp 20%.\n"
    "Mức đóng góp đề xuất: mỗi hộ 1.500.000 đồng (nộp làm hai đợt, tháng 12/2026 và tháng "
    "3/2027) và 5 ngày công; hộ nghèo, hộ chính sách được miễn tiền, chỉ góp ngày công.\n"
    "Ban Giám sát đầu tư của cộng đồng giám sát việc thu, chi và chất lượng công trình."
)
FESTIVAL_DOCUMENTS = (
    "Ngày hội Đại đoàn kết toàn dân tộc năm 2026 của thôn tổ chức tại nhà văn hóa thôn: văn "
    "nghệ, thi đẩy gậy, kéo co, tung còn; mỗi hộ góp một món ăn truyền thống. Kinh phí từ quỹ "
    "thôn, không thu thêm của hộ."
)


def load_decisions(village) -> None:
    """The two demo decisions of ``village`` (the demo's first village, Thôn Bản Lải)."""
    head = User.objects.get(username="truongthon")
    front = User.objects.get(username="mattran")
    _road_meeting(village, head, front)
    _festival_online(village, head)


def _road_meeting(village, head: User, front: User) -> None:
    today = timezone.localdate()
    meeting = today - timedelta(days=10)
    d = services.open_decision(
        actor=head,
        place=village,
        kind=int(Kind.CONTRIBUTION),
        title="Đóng góp làm đường bê tông nhà văn hóa – cầu tràn Khuổi Mạ",
        question="Đồng ý mỗi hộ đóng góp 1.500.000 đồng và 5 ngày công làm đường bê tông?",
        documents=ROAD_DOCUMENTS,
        channels={"meeting"},
        voting_on=meeting,
        notice_on=meeting - timedelta(days=5),
        documents_on=meeting - timedelta(days=5),
    )
    services.publish_electorate(d, actor=head)
    services.open_voting(d, actor=head)
    homes = list(Household.objects.filter(village=village).order_by("code"))
    present = homes[: len(homes) * 4 // 5]
    for household in present:
        services.record_attendance(d, actor=head, household=household, present=True)
    agree, disagree = d.options.get(role="agree"), d.options.get(role="disagree")
    yes = len(homes) * 7 // 10 + 1
    batch = services.enter_batch(
        d,
        actor=head,
        source="hands",
        counts={str(agree.pk): yes, str(disagree.pk): len(present) - yes},
    )
    services.confirm_batch(batch, actor=front)
    for step in (services.close_voting, services.count_votes, services.publish_result):
        step(d, actor=head)


def _festival_online(village, head: User) -> None:
    d = services.open_decision(
        actor=head,
        place=village,
        kind=int(Kind.SELF_MANAGED),
        title="Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
        question="Thôn tổ chức Ngày hội Đại đoàn kết tại nhà văn hóa vào Chủ nhật 15/11/2026?",
        documents=FESTIVAL_DOCUMENTS,
        channels={"online", "ballot"},
        voting_on=max(date(2026, 11, 15), timezone.localdate() + timedelta(days=3)),
        ballot_plan_on=timezone.localdate(),
    )
    services.publish_electorate(d, actor=head)
    homes = list(Household.objects.filter(village=village).order_by("code"))
    # The demo resident represents the first household: it has not answered or voted yet.
    for i, household in enumerate(homes[1 : len(homes) // 2 + 3], start=1):
        user = _representative_account(household, i)
        services.answer_online_poll(d, actor=user, wants_online=True, household=household)
    services.open_voting(d, actor=head)
    agree = d.options.get(role="agree")
    for i, household in enumerate(homes[1:12], start=1):
        user = _representative_account(household, i)
        services.cast_ballot(d, actor=user, option_id=agree.pk, household=household)


def _representative_account(household: Household, i: int) -> User:
    head = household.members.get(is_head=True)
    link = head.links.filter(status=MemberLink.Status.CONFIRMED).select_related("user").first()
    if link is not None:
        return link.user
    user = User.objects.create(username=f"daidien{i:03d}", full_name=head.full_name)
    user.set_unusable_password()
    user.save()
    link_at_desk(head, actor=SYSTEM, user=user)
    return user

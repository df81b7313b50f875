"""Test data for decisions: a village of households, each with a representative account, and
decisions opened through the services."""

from datetime import date

from dancoso.accounts.models import User
from dancoso.decisions import services
from dancoso.decisions.law import Kind
from dancoso.households.models import Household, Member, MemberLink

VOTING_ON = date(2026, 6, 10)


def village_households(village, n: int, *, prefix: str = "H") -> list[tuple[Household, User]]:
    """``n`` households in ``village``, each with a head linked to a fresh resident account
    (bulk inserts: a thousand cost a few queries)."""
    households = Household.objects.bulk_create(
        [
            Household(commune=village.commune, village=village, code=f"{prefix}-{i:05d}")
            for i in range(n)
        ]
    )
    if households[0].pk is None:  # SQLite before 3.35 returns no ids
        households = list(Household.objects.filter(code__startswith=f"{prefix}-").order_by("code"))
    members = Member.objects.bulk_create(
        [
            Member(
                household=h, full_name=f"Đại diện {h.code}", is_head=True, is_representative=True
            )
            for h in households
        ]
    )
    users = User.objects.bulk_create(
        [User(username=f"{prefix.lower()}rep{i}", full_name=f"Đại diện {i}") for i in range(n)]
    )
    MemberLink.objects.bulk_create(
        [
            MemberLink(user=u, member=m, status=MemberLink.Status.CONFIRMED)
            for u, m in zip(users, members, strict=True)
        ]
    )
    return list(zip(households, users, strict=True))


def decision(actor, place, *, kind=Kind.SELF_MANAGED, channels=("online",), **extra):
    """A decision opened by ``actor`` over ``place`` with a schedule that respects the lead
    times."""
    data = {
        "title": "Tổ chức ngày hội đại đoàn kết",
        "question": "Thôn tổ chức ngày hội đại đoàn kết vào ngày 18/11?",
        "voting_on": VOTING_ON,
        "notice_on": date(2026, 6, 5),
        "documents_on": date(2026, 6, 5),
        "ballot_plan_on": date(2026, 6, 5),
    } | extra
    return services.open_decision(
        actor=actor, place=place, kind=int(kind), channels=set(channels), **data
    )


def option(decision, role: str):
    return decision.options.get(role=role)


def online_vote_ready(actor, village, n: int, prefix: str = "H"):
    """An online kind-6 decision over ``n`` fresh households, poll passed, voting open."""
    pairs = village_households(village, n, prefix=prefix)
    d = decision(actor, village)
    services.publish_electorate(d, actor=actor)
    total = d.electorate.count()
    for _, user in pairs[: total // 2 + 1]:
        services.answer_online_poll(d, actor=user, wants_online=True)
    services.open_voting(d, actor=actor)
    d.refresh_from_db()
    return d, pairs


def decision_of_world(world):
    """A kind-6 decision of ``world.village`` whose published electorate holds
    ``world.household`` (written directly: the permission table needs no organiser)."""
    from dancoso.decisions.models import Decision, ElectorEntry

    author = User.objects.create(username="tac-gia-quyet-dinh")
    d = Decision.objects.create(
        commune=world.commune,
        village=world.village,
        kind=int(Kind.SELF_MANAGED),
        title="Ngày hội đại đoàn kết",
        question="Tổ chức ngày hội?",
        allows_online=True,
        voting_on=VOTING_ON,
        state=Decision.State.ELECTORATE,
        created_by=author,
    )
    ElectorEntry.objects.create(
        decision=d,
        household=world.household,
        village=world.village,
        household_code=world.household.code,
    )
    return d


def officers(d, actor):
    """The ballot team, counting board and two witnesses the decree asks for."""
    from dancoso.decisions import services as s

    return s.record_officers(
        d,
        actor=actor,
        secretary="Hà Thị Lan",
        counting_board=["Lộc Văn Bình", "Vi Thị Hoa", "Hoàng Văn Tú"],
        ballot_team=["Nông Văn Đức", "Lương Thị Mến", "Chu Văn Hải"],
        witnesses=["Hoàng Thị Duyên", "Lăng Văn Khải"],
    )

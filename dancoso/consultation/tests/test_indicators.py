"""``consultation.answers_published``: consultations whose window ended in the period with a
published answer to every visible opinion ÷ those consultations."""

from datetime import date

import pytest
from django.utils import timezone

from dancoso.consultation.models import Consultation, Opinion, OpinionGroup
from dancoso.core import indicators
from dancoso.core.indicators import EMPTY, Figure
from dancoso.core.testing import make_user
from dancoso.places.models import Agency

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def author(db):
    return make_user("tonghop")


def consultation(world, author, closes_on, state="published", **owner):
    owner = owner or {"commune": world.commune}
    return Consultation.objects.create(
        province=world.province,
        title="Dự thảo kế hoạch sử dụng đất",
        subject="dat_dai",
        audience="residents",
        opens_on=date(2024, 12, 1),
        closes_on=closes_on,
        state=state,
        created_by=author,
        **owner,
    )


def opinion(of, number, *, group=None, hidden=False):
    return Opinion.objects.create(
        consultation=of,
        number=number,
        text="Đề nghị mở rộng đường vào thôn.",
        group=group,
        hidden_at=timezone.now() if hidden else None,
        hidden_reason="Nội dung xúc phạm" if hidden else "",
    )


def answered(of, author, *numbers):
    group = OpinionGroup.objects.create(
        consultation=of, title="Về đường", verdict="tiep_thu", answer="Tiếp thu", answered_by=author
    )
    for number in numbers:
        opinion(of, number, group=group)


@pytest.fixture
def agency(world):
    return Agency.objects.create(
        name="Ủy ban nhân dân xã Cao Lộc",
        kind="co_quan_nha_nuoc",
        province=world.province,
        commune=world.commune,
    )


@pytest.fixture
def consultations(world, author, agency):
    full = consultation(world, author, date(2025, 1, 1))  # closed on the first day
    answered(full, author, 1, 2)
    opinion(full, 3, hidden=True)  # hidden with a reason: nothing to answer
    unanswered = consultation(world, author, date(2025, 12, 31))
    answered(unanswered, author, 1)
    opinion(unanswered, 2)
    consultation(world, author, date(2025, 6, 1), state="synthesised")  # not published yet
    consultation(world, author, date(2025, 6, 1), state="draft")  # never opened
    consultation(world, author, date(2024, 12, 31))  # last year
    consultation(world, author, date(2025, 6, 1), agency=agency)  # staff, no opinions
    consultation(world, author, date(2025, 6, 1), state="closed", commune=world.other_commune)


def figures(level, ids, period=YEAR):
    return indicators.get("consultation.answers_published").figures(level, ids, *period)


def test_each_level_counts_its_own_consultations(world, consultations, agency):
    # The agency's consultation is the agency's, not the commune's.
    assert figures("commune", [world.commune.pk, world.other_commune.pk]) == {
        world.commune.pk: Figure(1, 3),
        world.other_commune.pk: Figure(0, 1),
    }
    assert figures("agency", [agency.pk]) == {agency.pk: Figure(1, 1)}
    assert figures("province", [world.province.pk]) == {world.province.pk: Figure(2, 5)}


def test_a_window_not_yet_ended_is_not_counted(world, author):
    consultation(world, author, timezone.localdate(), state="open")
    consultation(world, author, date(2099, 1, 1), state="open")
    period = (date(2025, 1, 1), date(2099, 12, 31))
    assert figures("commune", [world.commune.pk], period) == {world.commune.pk: EMPTY}


def test_one_query_per_level(world, consultations, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures("commune", [world.commune.pk, *range(10_000, 10_150)])

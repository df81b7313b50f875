"""The oversight indicators: inspection boards with an approved yearly plan, projects with a
supervision board, board recommendations answered on time."""

from datetime import date

import pytest

from dancoso.core import indicators
from dancoso.core.indicators import EMPTY, Figure
from dancoso.oversight.models import Board, Plan, Project, Recommendation
from dancoso.places.models import Agency

YEAR = (date(2026, 1, 1), date(2026, 12, 31))
TERM = {"term_start": date(2025, 7, 1), "term_end": date(2030, 6, 30)}


def board(commune, kind="commune_inspection", **extra):
    return Board.objects.create(kind=kind, commune=commune, name="Ban", **(TERM | extra))


def plan(of, starts_on, approved_on, period="year"):
    return Plan.objects.create(
        board=of,
        period=period,
        title="Kế hoạch hoạt động",
        starts_on=starts_on,
        ends_on=starts_on.replace(month=12, day=31),
        approved_on=approved_on,
    )


def project(commune, starts_on=date(2026, 3, 1), ends_on=date(2027, 3, 1)):
    return Project.objects.create(
        commune=commune,
        name="Đường bê tông thôn Bản Lải",
        investor="UBND xã",
        funding=["state"],
        budget=2_000_000_000,
        starts_on=starts_on,
        ends_on=ends_on,
    )


@pytest.fixture
def agency(world):
    return Agency.objects.create(
        name="Trường THCS Cao Lộc",
        kind="don_vi_su_nghiep",
        province=world.province,
        commune=world.commune,
    )


@pytest.fixture
def boards(world, agency):
    commune_board = board(world.commune)
    plan(commune_board, date(2026, 1, 1), date(2026, 12, 31))  # approved on the last day
    plan(commune_board, date(2026, 1, 1), None, period="quarter")
    agency_board = board(world.commune, "agency_inspection", agency=agency)
    plan(agency_board, date(2025, 1, 1), date(2025, 1, 10))  # last year's plan only
    foreign = board(world.other_commune)
    plan(foreign, date(2026, 1, 1), None)  # not approved
    board(world.other_commune, dissolved_on=date(2025, 12, 31), term_start=date(2021, 1, 1))
    return commune_board, agency_board


def figures(code, level, ids, period=YEAR):
    return indicators.get(code).figures(level, ids, *period)


def test_inspection_boards_with_an_approved_yearly_plan(world, boards, agency):
    code = "oversight.inspection_board_plan"
    found = figures(code, "commune", [world.commune.pk, world.other_commune.pk])
    # Ba Sơn's dissolved board is not in office in 2026; its current one has no approved plan.
    assert found == {world.commune.pk: Figure(1, 2), world.other_commune.pk: Figure(0, 1)}
    assert figures(code, "agency", [agency.pk]) == {agency.pk: Figure(0, 1)}
    assert figures(code, "province", [world.province.pk]) == {world.province.pk: Figure(1, 3)}
    before = (date(2025, 1, 1), date(2025, 12, 31))
    assert figures(code, "agency", [agency.pk], before) == {agency.pk: Figure(1, 1)}
    assert figures(code, "commune", [world.commune.pk], (date(2020, 1, 1), date(2020, 12, 31))) == {
        world.commune.pk: EMPTY
    }


def test_projects_with_a_supervision_board(world):
    watched = project(world.commune)
    board(world.commune, "project_supervision", project=watched, term_start=date(2026, 2, 1))
    project(world.commune, starts_on=date(2026, 12, 31))  # starts on the last day: counted
    project(world.commune, ends_on=date(2025, 12, 31))  # finished before the year
    project(world.other_commune)
    code = "oversight.supervision_board_formed"
    found = figures(code, "commune", [world.commune.pk, world.other_commune.pk])
    assert found == {world.commune.pk: Figure(1, 2), world.other_commune.pk: Figure(0, 1)}
    january = (date(2026, 1, 1), date(2026, 1, 31))
    assert figures(code, "province", [world.province.pk], january)[world.province.pk] == EMPTY


def test_recommendations_answered_by_their_due_date(world, boards, agency):
    commune_board, agency_board = boards

    def recommendation(of, received_on, answered_on=None):
        return Recommendation.objects.create(
            board=of,
            commune=of.commune,
            addressee="commune_committee",
            content="Đề nghị công khai dự toán",
            received_on=received_on,
            due_on=date(received_on.year, received_on.month, 16),
            answered_on=answered_on,
        )

    recommendation(commune_board, date(2026, 4, 1), date(2026, 4, 16))  # on the due date
    recommendation(commune_board, date(2026, 5, 1), date(2026, 5, 17))  # a day late
    recommendation(commune_board, date(2026, 6, 1))  # unanswered
    recommendation(agency_board, date(2026, 6, 1), date(2026, 6, 2))
    recommendation(commune_board, date(2025, 12, 1), date(2025, 12, 2))  # last year
    code = "oversight.recommendations_answered"
    assert figures(code, "commune", [world.commune.pk, world.other_commune.pk]) == {
        world.commune.pk: Figure(2, 4),
        world.other_commune.pk: EMPTY,
    }
    assert figures(code, "agency", [agency.pk]) == {agency.pk: Figure(1, 1)}


def test_one_query_per_level(world, boards, django_assert_num_queries):
    ids = [world.commune.pk, *range(10_000, 10_150)]
    for code in (
        "oversight.inspection_board_plan",
        "oversight.supervision_board_formed",
        "oversight.recommendations_answered",
    ):
        with django_assert_num_queries(1):
            figures(code, "commune", ids)

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from dancoso.oversight import services
from dancoso.oversight.queries import get_board_for, oversight_summary


def test_summary_counts_plans_and_on_time_answers(
    plan, recommendation, board, board_member, commune_chair, world
):
    assert oversight_summary(world.commune, 2026)["boards_with_annual_plan"] == 0
    services.approve_plan(board_member, plan, on=date(2026, 1, 5))
    late = services.send_recommendation(
        board_member,
        board,
        addressee="commune_committee",
        content="Kiến nghị thứ hai",
        received_on=date(2026, 5, 1),
    )
    services.answer_recommendation(
        commune_chair, recommendation, answer="Đã làm", on=date(2026, 4, 16)
    )
    services.answer_recommendation(commune_chair, late, answer="Muộn", on=date(2026, 5, 17))
    summary = oversight_summary(world.commune, 2026)
    assert summary == {
        "boards": 1,
        "inspection_boards": 1,
        "boards_with_annual_plan": 1,
        "recommendations": 2,
        "answered": 2,
        "answered_on_time": 1,
    }
    assert oversight_summary(world.other_commune, 2026)["recommendations"] == 0


def test_get_board_for_same_404(board, officer_of_other_commune, commune_officer):
    from django.http import Http404

    assert get_board_for(commune_officer, board.pk) == board
    for pk in (board.pk, board.pk + 100):
        with pytest.raises(Http404):
            get_board_for(officer_of_other_commune, pk)


def test_escalate_command(recommendation):
    out = StringIO()
    call_command("oversight_escalate", stdout=out)
    assert "1 kiến nghị" in out.getvalue()

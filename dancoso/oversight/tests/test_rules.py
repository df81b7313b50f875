"""The oversight rows of docs/permissions.md, checked cell by cell."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from dancoso.core.tests.test_permissions_doc import PERSONAS, documented_rows

ROWS = [row for row in documented_rows() if row[0].startswith("oversight.")]


def test_every_oversight_permission_is_documented():
    defined = {name for name in rules.permissions.permissions if name.startswith("oversight.")}
    assert {row[0] for row in ROWS} == defined


@pytest.mark.parametrize(("permission", "target", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_every_oversight_cell_matches(permission, target, expected, world, request):
    obj = {
        "commune": lambda: world.commune,
        "board": lambda: request.getfixturevalue("board"),
        "recommendation": lambda: request.getfixturevalue("recommendation"),
    }[target]()
    actual = {}
    for column in expected:
        user = request.getfixturevalue(PERSONAS[column])
        allowed = rules.has_perm(permission, user or AnonymousUser(), obj)
        actual[column] = "✓" if allowed else "—"
    assert actual == expected


@pytest.mark.parametrize(
    "permission", ["manage_plan", "send_recommendation", "view_workspace", "manage_board"]
)
def test_other_commune_officer_has_nothing(permission, board, officer_of_other_commune):
    assert not officer_of_other_commune.has_perm(f"oversight.{permission}", board)


def test_recommendation_to_investor_not_answered_by_commune(recommendation, commune_chair):
    recommendation.addressee = "investor"
    assert not commune_chair.has_perm("oversight.answer_recommendation", recommendation)


def test_only_the_front_recognises_a_board(board, front_officer, commune_officer, commune_chair):
    assert front_officer.has_perm("oversight.recognise_board", board)
    assert not commune_officer.has_perm("oversight.recognise_board", board)
    assert not commune_chair.has_perm("oversight.recognise_board", board)

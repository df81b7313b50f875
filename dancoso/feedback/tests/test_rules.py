"""The feedback rows of docs/permissions.md, cell by cell, against the predicates (the core
doc test covers places, accounts and households; this one covers feedback, with a case and a
denunciation assigned to the commune officer as objects). ``feedback.read_sender_identity``
is asked of the rules directly, as ``secrecy`` does, so a superuser gets no shortcut."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from dancoso.core.tests.test_permissions_doc import PERSONAS, documented_rows
from dancoso.feedback import services

from .factories import denunciation, report

ROWS = [row for row in documented_rows() if row[0].startswith("feedback.")]


def test_every_feedback_permission_is_documented():
    defined = {name for name in rules.permissions.permissions if name.startswith("feedback.")}
    assert {row[0] for row in ROWS} == defined


@pytest.mark.parametrize(("permission", "target", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_every_feedback_cell_matches_the_predicates(
    permission, target, expected, world, request, commune_officer
):
    objects = {
        "commune": lambda: world.commune,
        "province": lambda: world.province,
        "case": lambda: report(world.commune),
        "denunciation": lambda: services.assign_case(
            denunciation(world.commune), actor=commune_officer, officer=commune_officer
        ),
    }
    obj = objects[target]()
    actual = {}
    for column in expected:
        user = request.getfixturevalue(PERSONAS[column])
        allowed = rules.has_perm(permission, user or AnonymousUser(), obj)
        actual[column] = "✓" if allowed else "—"
    assert actual == expected

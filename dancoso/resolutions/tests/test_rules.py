"""The resolutions rows of docs/permissions.md, checked cell by cell, and the province case."""

from datetime import date

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from dancoso.core.tests.test_permissions_doc import PERSONAS, documented_rows
from dancoso.resolutions import services

ROWS = [row for row in documented_rows() if row[0].startswith("resolutions.")]


@pytest.fixture
def task(resolution, commune_officer, world):
    plan = services.adopt_plan(
        commune_officer, resolution, year=2025, number="1/KH", adopted_on=date(2025, 9, 15)
    )
    return services.add_task(
        commune_officer, plan, title="Việc", deadline=date(2025, 11, 1), village=world.village
    )


def test_every_resolutions_permission_is_documented():
    defined = {n for n in rules.permissions.permissions if n.startswith("resolutions.")}
    assert {row[0] for row in ROWS} == defined


@pytest.mark.parametrize(("permission", "target", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_every_resolutions_cell_matches(permission, target, expected, world, request):
    obj = {
        "resolution": lambda: request.getfixturevalue("resolution"),
        "village": lambda: world.village,
        "task": lambda: request.getfixturevalue("task"),
    }[target]()
    actual = {}
    for column in expected:
        user = request.getfixturevalue(PERSONAS[column])
        allowed = rules.has_perm(permission, user or AnonymousUser(), obj)
        actual[column] = "✓" if allowed else "—"
    assert actual == expected


def test_province_officer_runs_a_provincial_resolution(world, province_officer, commune_officer):
    from dancoso.resolutions.models import Resolution

    resolution = Resolution(province=world.province, number="1/NQ", effective_from=date.today())
    assert province_officer.has_perm("resolutions.manage_resolution", resolution)
    assert not commune_officer.has_perm("resolutions.manage_resolution", resolution)
    assert not commune_officer.has_perm("resolutions.view_dashboard", resolution)

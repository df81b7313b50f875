"""docs/permissions.md is checked cell by cell against the rules predicates."""

from pathlib import Path

import pytest
from django.conf import settings

DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"
PERSONAS = {
    "res": "resident",
    "hh": "household_head",
    "vh": "village_head",
    "off": "commune_officer",
    "chair": "commune_chair",
    "board": "board_member",
    "del": "council_delegate",
    "prov": "province_officer",
    "other": "officer_of_other_commune",
    "anon": "anonymous",
}


def documented_rows():
    lines = [
        line
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and "." in line.split("|")[1]
    ]
    header = next(
        line
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| permission")
    )
    columns = [c.strip() for c in header.strip("|").split("|")][2:]
    for line in lines:
        cells = [c.strip() for c in line.strip("|").split("|")]
        yield cells[0], cells[1], dict(zip(columns, cells[2:], strict=True))


# Apps whose rows this test checks; an app with targets of its own (feedback) checks its rows.
CORE_APPS = {
    "places", "accounts", "households", "disclosure", "decisions", "consultation", "conventions"
}  # fmt: skip
ROWS = [row for row in documented_rows() if row[0].split(".")[0] in CORE_APPS]


def test_the_table_lists_every_permission_the_code_defines():
    import rules

    defined = {name for name in rules.permissions.permissions if name.split(".")[0] in CORE_APPS}
    assert {row[0] for row in ROWS} == defined


@pytest.mark.parametrize(("permission", "target", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_every_cell_matches_the_predicates(permission, target, expected, world, request):
    objects = {"commune": world.commune, "village": world.village, "household": world.household}
    if target == "decision":
        from dancoso.decisions.tests.factories import decision_of_world

        objects["decision"] = decision_of_world(world)
    if target == "consultation":
        from dancoso.consultation.tests.factories import open_in

        objects["consultation"] = open_in(world.commune, request.getfixturevalue("commune_chair"))
    obj = objects[target]
    actual = {}
    for column in expected:
        user = request.getfixturevalue(PERSONAS[column])
        actual[column] = "✓" if user.has_perm(permission, obj) else "—"
    assert actual == expected

"""SECURITY.md test 11 for feedback: every feedback route that takes an id, filled with the
ids of Xã Cao Lộc's case, file, desk, session and survey, gives an outsider 403/404 (or 405)
and none of the data; the commune's own officer reaches them (the control)."""

import pytest
from django.test import Client

from dancoso.core.testing import login_verified
from dancoso.feedback import services

from .factories import photo, report

pytestmark = pytest.mark.django_db
SUBJECT = "Cống Khánh Khê tắc nghẽn"


@pytest.fixture
def objects(world, commune_officer):
    from datetime import timedelta

    from django.utils import timezone

    case = report(world.commune, subject=SUBJECT, files=[photo()])
    desk = services.create_desk(world.commune, actor=commune_officer, name="Quầy Khánh Khê")
    session = services.schedule_session(
        world.commune,
        actor=commune_officer,
        kind="reception",
        title=SUBJECT,
        publish=False,
        starts_at=timezone.now() + timedelta(days=1),
        place="UBND xã",
        host="Chủ tịch",
    )
    survey = services.create_survey(
        world.commune, actor=commune_officer, title=SUBJECT, year=2026, questions="thang | Điểm"
    )
    return {
        "case": case,
        "file": case.attachments.get(),
        "desk": desk,
        "session": session,
        "survey": survey,
    }


def urls(o):
    c, f, d, s, v = (o[k].pk for k in ("case", "file", "desk", "session", "survey"))
    return [
        f"/can-bo/phan-anh/{c}/",
        f"/can-bo/phan-anh/{c}/tra-loi/",
        f"/can-bo/phan-anh/tep/{f}/",
        f"/can-bo/phan-anh/quay/{d}/",
        f"/can-bo/phan-anh/quay/{d}/ma-qr.svg",
        f"/can-bo/phan-anh/tiep-dan/{s}/",
        f"/can-bo/phan-anh/tiep-dan/{s}/y-kien/",
        f"/can-bo/phan-anh/khao-sat/{v}/",
        f"/can-bo/phan-anh/khao-sat/{v}/mo/",
        f"/api/v1/feedback/cases/{c}",
        f"/api/v1/feedback/cases/{c}/actions/thu-ly",
        f"/khao-sat/{v}/",
        f"/can-bo/phan-anh/quay/{d}/ngung/",
    ]


@pytest.mark.parametrize(
    "persona",
    ["officer_of_other_commune", "resident", "board_member", "council_delegate", "village_head"],
)
def test_outsiders_get_nothing(persona, request, objects):
    client = login_verified(Client(), request.getfixturevalue(persona))
    for url in urls(objects):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (403, 404, 405), (persona, method, url)
            assert SUBJECT not in response.content.decode("utf-8", "replace"), (method, url)
    for url in (
        "/can-bo/phan-anh/",
        "/api/v1/feedback/cases",
        "/can-bo/phan-anh/xuat.csv",
        "/can-bo/phan-anh/so-lieu/?xa=6193",
    ):
        response = client.get(url)
        assert SUBJECT not in response.content.decode("utf-8", "replace"), url
    assert objects["session"].title == SUBJECT  # an unpublished session stays unpublished
    objects["desk"].refresh_from_db()
    assert objects["desk"].active  # no outsider switched the desk off


def test_the_communes_officer_reaches_them(commune_officer, objects):
    client = login_verified(Client(), commune_officer)
    for url in urls(objects)[:1] + urls(objects)[2:6] + urls(objects)[7:8] + urls(objects)[9:10]:
        assert client.get(url).status_code == 200, url

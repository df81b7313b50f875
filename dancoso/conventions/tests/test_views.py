"""Convention pages: public list of recognised conventions (query count pinned), workspace
steps, isolation."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dancoso.conventions import services
from dancoso.conventions.models import Convention
from dancoso.core.testing import login_verified

pytestmark = pytest.mark.django_db


def test_a_village_head_creates_and_an_officer_posts_the_draft(
    client, world, village_head, commune_officer
):
    login_verified(client, village_head)
    response = client.post(
        reverse("conventions_ws:create"),
        {
            "village": world.village.pk,
            "kind": "huong_uoc",
            "title": "Hương ước Thôn Bản Lải",
            "drafting_team": "Lộc Văn Sơn\nVi Thị Ngân",
        },
    )
    convention = Convention.objects.get()
    assert response.status_code == 302 and convention.drafting_team == [
        "Lộc Văn Sơn",
        "Vi Thị Ngân",
    ]
    assert client.get(reverse("conventions_ws:detail", args=[convention.pk])).status_code == 200
    login_verified(client, commune_officer)
    today = date.today()
    client.post(
        reverse("conventions_ws:step", args=[convention.pk, "lay-y-kien"]),
        {
            "summary": "Tóm tắt.",
            "text": "Điều 1. Cưới hỏi\nVăn minh.",
            "opens_on": f"{today:%d/%m/%Y}",
            "closes_on": f"{today + timedelta(days=10):%d/%m/%Y}",
        },
    )
    convention.refresh_from_db()
    assert convention.state == Convention.State.DRAFTING  # 10 days refused
    client.post(
        reverse("conventions_ws:step", args=[convention.pk, "lay-y-kien"]),
        {
            "summary": "Tóm tắt.",
            "text": "Điều 1. Cưới hỏi\nVăn minh.",
            "opens_on": f"{today:%d/%m/%Y}",
            "closes_on": f"{today + timedelta(days=30):%d/%m/%Y}",
        },
    )
    convention.refresh_from_db()
    assert (
        convention.state == Convention.State.CONSULTING
        and convention.consultation.sections.count() == 1
    )


def test_public_pages_show_only_recognised_conventions(
    client, world, village_head, django_assert_num_queries
):
    draft = services.create_convention(
        world.village,
        actor=village_head,
        kind="quy_uoc",
        title="Quy ước đang soạn",
        drafting_team=["A"],
    )
    Convention.objects.create(
        village=world.village,
        kind="huong_uoc",
        title="Hương ước đã công nhận",
        state=Convention.State.RECOGNISED,
        created_by=village_head,
        recognised_on=date(2026, 3, 2),
        recognition_number="12/QĐ-UBND",
        review_on=date(2026, 11, 18),
        text="Điều 1. <script>x</script>",
    )
    with django_assert_num_queries(3):
        page = client.get(reverse("conventions:list", args=[world.commune.code])).content.decode()
    assert "Hương ước đã công nhận" in page and "Quy ước đang soạn" not in page
    assert client.get(reverse("conventions:detail", args=[draft.pk])).status_code == 404
    recognised = Convention.objects.get(state="recognised")
    detail = client.get(reverse("conventions:detail", args=[recognised.pk])).content.decode()
    assert f"18/11/{recognised.next_review_on.year}" in detail and "<script>x" not in detail
    assert recognised.next_review_on >= date.today()


def test_another_communes_officer_sees_nothing(
    client, world, village_head, officer_of_other_commune
):
    convention = services.create_convention(
        world.village, actor=village_head, kind="quy_uoc", title="Quy ước", drafting_team=["A"]
    )
    login_verified(client, officer_of_other_commune)
    assert client.get(reverse("conventions_ws:detail", args=[convention.pk])).status_code == 404
    assert (
        client.post(reverse("conventions_ws:step", args=[convention.pk, "bieu-quyet"])).status_code
        == 404
    )
    assert "Quy ước" not in client.get(reverse("conventions_ws:list")).content.decode()


def test_the_workspace_list_costs_the_same_whatever_its_length(
    client, world, village_head, django_assert_num_queries
):
    login_verified(client, village_head)
    services.create_convention(
        world.village, actor=village_head, kind="quy_uoc", title="Q0", drafting_team=["A"]
    )
    url = reverse("conventions_ws:list")
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for i in range(4):
        services.create_convention(
            world.village,
            actor=village_head,
            kind="quy_uoc",
            title=f"Q{i + 1}",
            drafting_team=["A"],
        )
    with django_assert_num_queries(len(first.captured_queries)):
        assert "Q4" in client.get(url).content.decode()

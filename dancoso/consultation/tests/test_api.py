"""The API: public reads (query counts pinned), commenting and supporting through the same
services, clear 4xx answers, isolation."""

import pytest

from dancoso.consultation import services
from dancoso.consultation.lifecycle import State
from dancoso.consultation.models import Opinion
from dancoso.core.testing import login_verified

from .factories import first_section, force_state, make_draft

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consultations"


def test_public_list_and_detail(
    client, world, open_consultation, resident, django_assert_num_queries
):
    services.post_opinion(
        open_consultation,
        actor=resident,
        text="Một ý kiến.",
        section=first_section(open_consultation),
    )
    with django_assert_num_queries(3):
        listing = client.get(f"{BASE}?commune={world.commune.code}").json()
    assert listing["count"] == 1 and listing["items"][0]["opinion_count"] == 1
    detail = client.get(f"{BASE}/{open_consultation.pk}").json()
    assert detail["sections"][0]["opinion_count"] == 1 and detail["article"] == "Điều 25 khoản 2"
    assert client.get(f"{BASE}?commune=999999").status_code == 404


def test_opinions_pinned_and_hidden_text_withheld(
    client, open_consultation, resident, commune_officer, django_assert_num_queries
):
    for i in range(3):
        services.post_opinion(open_consultation, actor=resident, text=f"Ý kiến {i}.")
    services.moderate_opinion(Opinion.objects.get(number=2), actor=commune_officer)
    with django_assert_num_queries(2):
        answer = client.get(f"{BASE}/{open_consultation.pk}/opinions").json()
    items = answer["items"]
    assert answer["count"] == 3
    assert items[1]["text"] is None and items[1]["hidden_reason"] == "ẩn do vi phạm quy tắc"
    for i in range(5):
        services.post_opinion(open_consultation, actor=resident, text=f"Thêm {i}.")
    with django_assert_num_queries(2):
        assert client.get(f"{BASE}/{open_consultation.pk}/opinions").json()["count"] == 8


def test_comment_and_support_through_the_api(client, open_consultation, resident, household_head):
    client.force_login(resident)
    section = first_section(open_consultation)
    response = client.post(
        f"{BASE}/{open_consultation.pk}/opinions/new",
        {"text": "Qua API.", "section_id": section.pk},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["number"] == 1
    bad = client.post(
        f"{BASE}/{open_consultation.pk}/opinions/new",
        {"text": "  "},
        content_type="application/json",
    )
    assert bad.status_code == 400
    client.force_login(household_head)
    url = f"{BASE}/{open_consultation.pk}/opinions/1/support"
    assert client.post(url).status_code == 201
    again = client.post(url)
    assert again.status_code == 400 and again.json()["code"] == "already_supported"


def test_anonymous_writes_are_refused(client, open_consultation):
    response = client.post(
        f"{BASE}/{open_consultation.pk}/opinions/new",
        {"text": "Khách."},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert not Opinion.objects.exists()


def test_outsiders_and_drafts(
    client, world, commune_officer, officer_of_other_commune, open_consultation
):
    draft = make_draft(world.commune, commune_officer, title="Nháp")
    assert client.get(f"{BASE}/{draft.pk}").status_code == 404
    assert client.get(f"{BASE}/{draft.pk}/opinions").status_code == 404
    login_verified(client, officer_of_other_commune)
    response = client.post(
        f"{BASE}/{open_consultation.pk}/opinions/new",
        {"text": "Xã khác."},
        content_type="application/json",
    )
    assert response.status_code == 403
    force_state(open_consultation, State.CLOSED)
    assert client.get(f"{BASE}/{2**63}").status_code in (404, 422)


def test_the_synthesis_through_the_api(client, open_consultation, resident, commune_officer):
    services.post_opinion(open_consultation, actor=resident, text="Giữ sân bóng.")
    services.post_opinion(open_consultation, actor=resident, text="Lời lẽ xấu.")
    services.moderate_opinion(open_consultation.opinions.get(number=2), actor=commune_officer)
    c = force_state(open_consultation, State.CLOSED)
    services.answer_opinions(
        c,
        actor=commune_officer,
        numbers=[1],
        title="Sân bóng",
        verdict="tiep_thu",
        answer="Giữ nguyên.",
    )
    assert client.get(f"{BASE}/{c.pk}/synthesis").status_code == 404
    force_state(c, State.PUBLISHED)
    body = client.get(f"{BASE}/{c.pk}/synthesis").json()
    assert body["groups"] == [
        {"title": "Sân bóng", "verdict": "tiep_thu", "answer": "Giữ nguyên.", "opinions": [1]}
    ]
    assert body["hidden"] == [2] and len(body["sections"]) == 2


def test_an_agency_consultation_is_invisible_to_outsiders_through_the_api(
    client, agency, agency_head, resident
):
    from datetime import timedelta

    from .factories import TODAY, make_open

    c = make_open(
        agency,
        agency_head,
        subject="cq_ke_hoach",
        audience="staff",
        closes_on=TODAY + timedelta(days=10),
    )
    for url in (f"{BASE}/{c.pk}", f"{BASE}/{c.pk}/opinions", f"{BASE}/{c.pk}/synthesis"):
        assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(f"{BASE}/{c.pk}").status_code == 404
    response = client.post(
        f"{BASE}/{c.pk}/opinions/new", {"text": "Ngoài cơ quan."}, content_type="application/json"
    )
    assert response.status_code == 404

"""The other answer to a complaint about a convention (Decree 61/2023 Art. 12(2)): UBND xã
replies in writing, within 3 working days, that it is unfounded; the convention stays as it
was, the reply is kept with its deadline, refused input saves nothing, and only the commune
answers."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from dancoso.audit.models import AuditEvent
from dancoso.conventions import law, measures
from dancoso.conventions.models import ComplaintAnswer, Convention
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import login_verified

from .test_measures import RECEIVED, _suspend, recognised  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
WHY = "Điều 3 chỉ nhắc lại mức xử phạt của Nghị định 144/2021, không tự đặt mức phạt mới."


def _answer(convention, actor, **changes):
    data = {
        "complainant": "Ông Lò Văn Páo, hộ số 12",
        "complaint": "Điều 3 đặt mức phạt tiền trái luật.",
        "reasons": WHY,
        "received_on": RECEIVED,
        "answered_on": RECEIVED + timedelta(days=2),
        "number": "25/UBND-VP",
    } | changes
    return measures.answer_unfounded(convention, actor=actor, **data)


def test_an_unfounded_complaint_is_answered_and_the_convention_stays(recognised, commune_chair):  # noqa: F811
    answer = _answer(recognised, commune_chair)
    recognised.refresh_from_db()
    assert recognised.state == Convention.State.RECOGNISED and not recognised.measures.exists()
    assert answer.due_on == date(2026, 6, 4) and not answer.is_late
    event = AuditEvent.objects.get(action="conventions.answer_unfounded")
    assert event.summary == {"answer": answer.pk, "late": False}
    assert "Lò Văn Páo" not in str(event.summary)  # the complainant stays out of the chain


def test_a_late_reply_is_recorded_as_late(recognised, commune_officer):  # noqa: F811
    answer = _answer(recognised, commune_officer, answered_on=RECEIVED + timedelta(days=7))
    assert answer.is_late  # 01/06 (Mon) + 3 working days ended on 04/06


def test_a_suspended_convention_can_still_get_an_unfounded_reply(recognised, commune_chair):  # noqa: F811
    _suspend(recognised, commune_chair, ground="procedure", parts=[])
    _answer(recognised, commune_chair, number="26/UBND-VP")
    assert ComplaintAnswer.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"complainant": "  "}, "complainant"),
        ({"complaint": ""}, "complaint"),
        ({"reasons": "Không."}, "reasons"),
        ({"number": " "}, "number"),
        ({"answered_on": RECEIVED - timedelta(days=1)}, "answered_on"),
    ],
)
def test_bad_replies_are_refused_and_nothing_is_saved(recognised, commune_chair, changes, field):  # noqa: F811
    with pytest.raises(ValidationError) as refused:
        _answer(recognised, commune_chair, **changes)
    assert field in refused.value.message_dict
    assert not ComplaintAnswer.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="conventions.").exists()


@pytest.mark.parametrize(
    "persona", ["village_head", "resident", "household_head", "officer_of_other_commune"]
)
def test_only_the_commune_answers(recognised, persona, request):  # noqa: F811
    with pytest.raises(PermissionDeniedError):
        _answer(recognised, request.getfixturevalue(persona))
    assert not ComplaintAnswer.objects.exists()


def test_a_draft_or_repealed_convention_gets_no_reply(world, village_head, commune_chair):
    draft = Convention.objects.create(
        village=world.village, kind="quy_uoc", title="Quy ước", created_by=village_head
    )
    with pytest.raises(DomainError, match="trả lời kiến nghị"):
        _answer(draft, commune_chair)


@given(
    received=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    gap=st.integers(-10, 30),
)
def test_the_reply_date_rule(received, gap):
    answered = received + timedelta(days=gap)
    errors = law.check_unfounded(
        complainant="Bà Hà Thị Mai", complaint="Kiến nghị.", reasons=WHY,
        received_on=received, answered_on=answered,
    )  # fmt: skip
    assert ("answered_on" in errors) == (gap < 0)
    due = law.unfounded_due(received)
    assert due == law.measure_due(law.SUSPEND, received) and due > received


def test_the_workspace_form_records_the_reply_and_escapes_it(client, recognised, commune_chair):  # noqa: F811
    login_verified(client, commune_chair)
    url = reverse("conventions_ws:detail", args=[recognised.pk])
    assert 'id="id_khong-can-cu-reasons"' in client.get(url).content.decode()
    response = client.post(
        reverse("conventions_ws:step", args=[recognised.pk, "khong-can-cu"]),
        {
            "khong-can-cu-complainant": "<script>alert(1)</script> Ông Páo",
            "khong-can-cu-complaint": "Điều 3 trái luật.",
            "khong-can-cu-reasons": WHY,
            "khong-can-cu-received_on": "01/06/2026",
            "khong-can-cu-answered_on": "03/06/2026",
            "khong-can-cu-number": "25/UBND-VP",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Văn bản số 25/UBND-VP ngày 03/06/2026" in page and "hạn trả lời 04/06/2026" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    client.logout()
    public = client.get(reverse("conventions:detail", args=[recognised.pk])).content.decode()
    assert "Ông Páo" not in public  # the complainant is named in the workspace only


def test_a_refused_form_says_what_to_fix(client, recognised, commune_chair):  # noqa: F811
    login_verified(client, commune_chair)
    response = client.post(
        reverse("conventions_ws:step", args=[recognised.pk, "khong-can-cu"]),
        {
            "khong-can-cu-complainant": "Ông Páo",
            "khong-can-cu-complaint": "Điều 3 trái luật.",
            "khong-can-cu-reasons": "Không.",
            "khong-can-cu-received_on": "01/06/2026",
            "khong-can-cu-answered_on": "03/06/2026",
            "khong-can-cu-number": "25/UBND-VP",
        },
        follow=True,
    )
    assert "vì sao kiến nghị không có căn cứ" in response.content.decode()
    assert not ComplaintAnswer.objects.exists()

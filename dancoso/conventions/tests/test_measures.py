"""Suspension and repeal of a recognised convention (Decree 61/2023 Art. 12, 14): in part and
whole, with history, public notice, permissions, refusals that save nothing, and the audit."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dancoso.audit.models import AuditEvent
from dancoso.conventions import measures
from dancoso.conventions.models import Convention, ConventionMeasure
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import login_verified

pytestmark = pytest.mark.django_db
RECEIVED = date(2026, 6, 1)  # a Monday
REASONS = "Điều 3 đặt mức phạt tiền thay cho xử phạt vi phạm hành chính, trái Điều 4."


@pytest.fixture
def recognised(world, village_head):
    return Convention.objects.create(
        village=world.village, kind="huong_uoc", title="Hương ước Thôn Bản Lải",
        state=Convention.State.RECOGNISED, created_by=village_head,
        recognised_on=date(2026, 3, 2), recognition_number="12/QĐ-UBND",
        review_on=date(2026, 11, 18), text="Điều 1. Cưới\nVăn minh.\n\nĐiều 3. Phạt\nPhạt tiền.",
    )  # fmt: skip


def _suspend(convention, actor, **changes):
    data = {
        "ground": "content",
        "parts": ["Điều 3"],
        "reasons": REASONS,
        "trigger": "complaint",
        "received_on": RECEIVED,
        "decided_on": RECEIVED + timedelta(days=2),
        "number": "20/QĐ-UBND",
        "redo_by": RECEIVED + timedelta(days=30),
    } | changes
    return measures.suspend_convention(convention, actor=actor, **data)


def _repeal(convention, actor, **changes):
    data = {
        "ground": "not_amended",
        "parts": ["Điều 3"],
        "reasons": REASONS,
        "trigger": "review",
        "received_on": RECEIVED + timedelta(days=40),
        "decided_on": RECEIVED + timedelta(days=41),
        "number": "31/QĐ-UBND",
    } | changes
    return measures.repeal_convention(convention, actor=actor, **data)


def test_a_part_is_suspended_then_repealed_and_the_rest_stays_in_force(recognised, commune_chair):
    suspension = _suspend(recognised, commune_chair)
    recognised.refresh_from_db()
    assert recognised.state == Convention.State.RECOGNISED
    assert suspension.extent == "part" and suspension.parts == ["Điều 3"]
    assert suspension.due_on == date(2026, 6, 4) and not suspension.is_late
    repeal = _repeal(recognised, commune_chair)
    recognised.refresh_from_db()
    assert recognised.state == Convention.State.RECOGNISED and repeal.due_on == date(2026, 7, 17)
    assert [m.measure for m in recognised.measures.all()] == ["suspend", "repeal"]
    events = AuditEvent.objects.filter(action__startswith="conventions.")
    assert sorted(events.values_list("action", flat=True)) == [
        "conventions.repeal_convention",
        "conventions.suspend_convention",
    ]
    assert REASONS not in str(list(events.values_list("summary", flat=True)))


def test_a_whole_suspension_not_redone_ends_in_repeal(recognised, commune_officer):
    _suspend(recognised, commune_officer, ground="procedure", parts=[],
             decided_on=RECEIVED + timedelta(days=6))  # fmt: skip
    recognised.refresh_from_db()
    assert recognised.state == Convention.State.SUSPENDED
    assert ConventionMeasure.objects.get().is_late  # 3 working days ended on 04/06
    with pytest.raises(DomainError, match="không thể đình chỉ"):
        _suspend(recognised, commune_officer)
    with pytest.raises(ValidationError, match="quá thời hạn"):
        _repeal(recognised, commune_officer, ground="not_redone", parts=[],
                received_on=RECEIVED + timedelta(days=9),
                decided_on=RECEIVED + timedelta(days=10))  # fmt: skip
    _repeal(recognised, commune_officer, ground="not_redone", parts=[])
    recognised.refresh_from_db()
    assert recognised.state == Convention.State.REPEALED and recognised.next_review_on is None
    with pytest.raises(DomainError):
        _repeal(recognised, commune_officer, ground="unlawful", parts=[])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"parts": []}, "ground"),
        ({"ground": "procedure"}, "ground"),
        ({"ground": "unlawful"}, "ground"),
        ({"redo_by": RECEIVED}, "ground"),
        ({"reasons": "Sai."}, "reasons"),
        ({"number": "  "}, "number"),
        ({"decided_on": RECEIVED - timedelta(days=1)}, "ground"),
    ],
)
def test_bad_decisions_are_refused_and_nothing_is_saved(recognised, commune_chair, changes, field):
    with pytest.raises(ValidationError) as refused:
        _suspend(recognised, commune_chair, **changes)
    assert field in refused.value.message_dict
    recognised.refresh_from_db()
    assert recognised.state == Convention.State.RECOGNISED
    assert (
        not ConventionMeasure.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="conventions.").exists()
    )


@pytest.mark.parametrize(
    "persona", ["village_head", "resident", "household_head", "officer_of_other_commune"]
)
def test_only_the_commune_decides(recognised, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        _suspend(recognised, user)
    with pytest.raises(PermissionDeniedError):
        _repeal(recognised, user, ground="unlawful", parts=[])
    assert not ConventionMeasure.objects.exists()


def test_a_draft_cannot_be_suspended(world, village_head, commune_chair):
    draft = Convention.objects.create(
        village=world.village, kind="quy_uoc", title="Quy ước", created_by=village_head
    )
    with pytest.raises(DomainError, match="đang ở bước"):
        _suspend(draft, commune_chair)


def test_the_public_page_carries_the_notice_and_the_workspace_records_it(
    client, world, recognised, commune_chair
):
    login_verified(client, commune_chair)
    detail = client.get(reverse("conventions_ws:detail", args=[recognised.pk])).content.decode()
    assert "Đình chỉ thi hành (Điều 12" in detail and 'id="id_dinh-chi-ground"' in detail
    response = client.post(
        reverse("conventions_ws:step", args=[recognised.pk, "dinh-chi"]),
        {
            "dinh-chi-ground": "content",
            "dinh-chi-parts": "Điều 3\n\n<b>Điều 1</b>",
            "dinh-chi-reasons": REASONS,
            "dinh-chi-trigger": "complaint",
            "dinh-chi-received_on": "01/06/2026",
            "dinh-chi-decided_on": "03/06/2026",
            "dinh-chi-number": "20/QĐ-UBND",
            "dinh-chi-redo_by": "01/07/2026",
        },
    )
    assert response.status_code == 302
    assert ConventionMeasure.objects.get().parts == ["Điều 3", "<b>Điều 1</b>"]
    client.logout()
    public = client.get(reverse("conventions:detail", args=[recognised.pk])).content.decode()
    assert "Quyết định số 20/QĐ-UBND ngày 03/06/2026" in public and "01/07/2026" in public
    assert "&lt;b&gt;Điều 1&lt;/b&gt;" in public and "<b>Điều 1" not in public
    assert "hạn quyết định" not in public  # the deadline bookkeeping is for the workspace


def test_a_repealed_convention_stays_listed_with_its_notice(
    client, world, recognised, commune_chair
):
    _repeal(recognised, commune_chair, ground="unlawful", parts=[])
    listing = client.get(reverse("conventions:list", args=[world.commune.code])).content.decode()
    assert "Hương ước Thôn Bản Lải" in listing
    page = client.get(reverse("conventions:detail", args=[recognised.pk])).content.decode()
    assert "đã bị bãi bỏ và không còn hiệu lực" in page and "31/QĐ-UBND" in page

"""Attendance cards: a household's QR code read by a keyboard-wedge scanner (or typed) into the
meeting page ticks it present once; forged codes and other villages' cards are refused."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import login_verified
from dancoso.decisions import cards, services
from dancoso.decisions.law import Kind
from dancoso.decisions.models import Participation
from dancoso.decisions.tests import factories as f


@given(st.integers(min_value=1, max_value=2**62))
@settings(max_examples=200, deadline=None)
def test_a_card_names_its_household_however_it_is_typed(household_id):
    code = cards.card_code(household_id)
    for typed in (code, code.lower(), f"  {code}\n", code.replace(".", ". ")):
        assert cards.household_of(typed) == household_id


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_random_text_is_never_a_card(text):
    with pytest.raises(cards.BadCard):
        cards.household_of(text)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=10**9))
@settings(max_examples=100, deadline=None)
def test_a_tag_does_not_fit_another_household(one, other):
    if one == other:
        return
    forged = cards.card_code(one).replace(f".{one}.", f".{other}.")
    with pytest.raises(cards.BadCard):
        cards.household_of(forged)


def test_the_qr_code_is_an_inline_svg_without_script():
    svg = cards.card_svg(42)
    assert svg.startswith("<svg") and "<script" not in svg and "href" not in svg


def _meeting(actor, world, n=3):
    homes = [h for h, _ in f.village_households(world.village, n)]
    d = f.decision(actor, world.village, kind=Kind.SELF_MANAGED, channels=("meeting",))
    services.publish_electorate(d, actor=actor)
    services.open_voting(d, actor=actor)
    return d, homes


@pytest.mark.django_db
def test_a_scan_ticks_the_household_present_once(village_head, world):
    d, homes = _meeting(village_head, world)
    code = cards.card_code(homes[0].pk)
    first = services.record_scan(d, actor=village_head, code=code)
    again = services.record_scan(d, actor=village_head, code=code.lower() + "\n")
    assert (first.household, first.already, again.already) == (homes[0], False, True)
    assert Participation.objects.filter(decision=d, channel="meeting").count() == 1
    assert services.meeting_outlook(d).present == 1
    assert AuditEvent.objects.filter(action="decisions.record_attendance").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["other village", "forged", "unknown household"])
def test_a_card_that_is_not_for_this_meeting_is_refused(village_head, world, which):
    d, homes = _meeting(village_head, world)
    code = {
        "other village": cards.card_code(world.other_household.pk),
        "forged": cards.card_code(homes[0].pk)[:-1] + "Z",
        "unknown household": cards.card_code(10**12),
    }[which]
    if which == "forged" and code == cards.card_code(homes[0].pk):
        code = code[:-1] + "Y"
    with pytest.raises(DomainError) as exc:
        services.record_scan(d, actor=village_head, code=code)
    expected = "card_other_village" if which == "other village" else "bad_card"
    assert exc.value.code == expected
    if which == "other village":
        assert world.other_village.name in exc.value.message
    assert not Participation.objects.filter(decision=d).exists()


@pytest.mark.django_db
def test_only_an_organiser_scans(village_head, household_head, world):
    d, homes = _meeting(village_head, world)
    with pytest.raises(PermissionDeniedError):
        services.record_scan(d, actor=household_head, code=cards.card_code(homes[0].pk))


@pytest.mark.django_db
def test_the_meeting_page_scans_and_prints_cards(client, village_head, world):
    d, homes = _meeting(village_head, world)
    login_verified(client, village_head)
    page = client.get(f"/can-bo/quyet-dinh/{d.pk}/")
    assert "Quét hoặc gõ mã thẻ điểm danh" in page.content.decode()
    url = f"/can-bo/quyet-dinh/{d.pk}/quet-the/"
    answer = client.post(url, {"code": cards.card_code(homes[1].pk)}, follow=True)
    assert f"Đã điểm danh hộ {homes[1].code}" in answer.content.decode()
    answer = client.post(url, {"code": cards.card_code(homes[1].pk)}, follow=True)
    assert "chỉ tính một lần" in answer.content.decode()
    answer = client.post(url, {"code": "DQ1.1.NOTATAG"}, follow=True)
    assert "Không đọc được mã thẻ" in answer.content.decode()
    assert Participation.objects.filter(decision=d).count() == 1
    printed = client.get(f"/can-bo/quyet-dinh/{d.pk}/the-diem-danh/").content.decode()
    assert printed.count("<svg") == d.electorate.count() and homes[2].code in printed
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_another_communes_officer_gets_404(client, village_head, world):
    from dancoso.accounts.roles import Role
    from dancoso.core.testing import add_totp, grant, make_user

    d, homes = _meeting(village_head, world)
    stranger = make_user("can-bo-xa-khac")
    grant(stranger, Role.COMMUNE_OFFICER, world.other_commune)
    add_totp(stranger)
    login_verified(client, stranger)
    assert client.get(f"/can-bo/quyet-dinh/{d.pk}/the-diem-danh/").status_code == 404
    posted = client.post(
        f"/can-bo/quyet-dinh/{d.pk}/quet-the/", {"code": cards.card_code(homes[0].pk)}
    )
    assert posted.status_code == 404
    assert not Participation.objects.filter(decision=d).exists()

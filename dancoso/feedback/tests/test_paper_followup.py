"""A second complaint (or follow-up denunciation) received on paper or in person, typed in at
the desk: linked to the first case by its code or to a first decision made off the platform;
the Art. 33 window counts to the day the desk received it; a late one refused, nothing saved;
it goes to the upper body; every write audited once."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from dancoso.audit.models import AuditEvent
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.testing import build_world, grant, login_verified, make_user
from dancoso.feedback import followup_law, services
from dancoso.feedback.deadlines import deadlines_of
from dancoso.feedback.models import Case, CaseSender

from .factories import MARKER, denunciation
from .test_followups import complaint

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def paper(commune, officer, **extra):
    data = {
        "kind": "khieu_nai",
        "channel": "letter",
        "received_on": TODAY(),
        "text": "Không đồng ý với quyết định giải quyết lần đầu về diện tích thu hồi.",
    } | extra
    return services.take_follow_up(commune, actor=officer, **data)


def events(action):
    return AuditEvent.objects.filter(action=f"feedback.{action}").count()


def test_a_paper_second_complaint_linked_by_code(world, commune_officer, upper):
    agency, _staff, _head = upper
    first = complaint(world.commune, commune_officer, answered_days_ago=20)
    second = paper(world.commune, commune_officer, first_code=first.tracking_code.lower())
    second.refresh_from_db()
    assert second.follows_id == first.pk and second.level == 2 and second.channel == "letter"
    assert second.tracking_code == f"{first.tracking_code}-2"
    assert CaseSender.objects.get(case=second).full_name == "Hoàng Văn Khải"
    assert second.agency_id == agency.pk and events("take_follow_up") == 1
    names = {d.name for d in deadlines_of(second)}
    assert "complaint_second_acceptance" in names


def test_the_window_counts_to_the_day_the_desk_received_it(world, commune_officer):
    first = complaint(world.commune, commune_officer, answered_days_ago=35)
    # Received 10 days ago (25 days after the decision), typed in today: in time.
    second = paper(
        world.commune,
        commune_officer,
        first_code=first.tracking_code,
        received_on=TODAY() - timedelta(days=10),
    )
    assert second.received_on == TODAY() - timedelta(days=10)
    late = complaint(world.commune, commune_officer, answered_days_ago=60)
    before = Case.objects.count()
    with pytest.raises(DomainError, match="Điều 33"):
        paper(world.commune, commune_officer, first_code=late.tracking_code)
    assert Case.objects.count() == before and events("take_follow_up") == 1


def test_a_paper_second_complaint_against_a_decision_made_off_the_platform(world, commune_officer):
    decided = TODAY() - timedelta(days=12)
    second = paper(
        world.commune,
        commune_officer,
        first_decision="Quyết định số 12/QĐ-UBND ngày 03/11/2026",
        first_decision_on=decided,
        full_name="Hoàng Văn Khải",
        phone="0912 000 333",
        channel="reception",
    )
    assert second.follows_id is None and second.level == 2 and second.first_decision_on == decided
    assert CaseSender.objects.get(case=second).phone == "0912000333"
    assert second.subject.startswith("Khiếu nại lần hai: Quyết định số 12")


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({}, "first_decision"),
        ({"first_decision": "QĐ 12", "first_decision_on": TODAY()}, "full_name"),
        (
            {"first_decision": "QĐ 12", "first_decision_on": TODAY() + timedelta(days=1)},
            "first_decision_on",
        ),
        ({"first_code": "2222-2222-2222"}, "first_code"),
        ({"channel": "portal"}, "channel"),
        ({"received_on": TODAY() + timedelta(days=1)}, "received_on"),
        ({"kind": "phan_anh"}, "kind"),
        ({"text": "  ", "first_code": "x"}, "text"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_saved(
    world, commune_officer, extra, field
):
    with pytest.raises(ValidationError) as refused:
        paper(world.commune, commune_officer, **extra)
    assert field in refused.value.message_dict
    assert not Case.objects.exists() and events("take_follow_up") == 0


def test_only_the_communes_handlers_type_it_in_and_only_for_their_cases(
    world, commune_officer, officer_of_other_commune
):
    first = complaint(world.commune, commune_officer, answered_days_ago=3)
    with pytest.raises(PermissionDeniedError):
        paper(world.commune, officer_of_other_commune, first_code=first.tracking_code)
    with pytest.raises(ValidationError, match="Không có hồ sơ lần đầu"):
        paper(world.other_commune, officer_of_other_commune, first_code=first.tracking_code)
    resident = make_user("dan2")
    from dancoso.accounts.roles import Role

    grant(resident, Role.RESIDENT, world.village)
    with pytest.raises(PermissionDeniedError):
        paper(world.commune, resident, first_code=first.tracking_code)
    assert not Case.objects.filter(level=2).exists()


def test_a_paper_follow_up_denunciation_keeps_the_denouncer_secret(
    world, commune_officer, commune_chair, upper
):
    _agency, staff, _head = upper
    first = denunciation(world.commune)
    services.accept_case(first, actor=commune_officer)
    services.answer_case(first, actor=commune_officer, answer=f"Kết luận. Người tố cáo {MARKER}.")
    again = paper(world.commune, commune_officer, kind="to_cao", first_code=first.tracking_code)
    assert again.is_denunciation and CaseSender.objects.get(case=again).full_name == MARKER
    page = login_verified(Client(), staff).get(reverse("feedback:case", args=[again.pk]))
    assert page.status_code == 200 and MARKER not in page.content.decode()
    assert "Kết luận. Người tố cáo" in page.content.decode()


def test_the_desk_page_types_it_in_and_shows_errors_in_vietnamese(world, commune_officer):
    officer = login_verified(Client(), commune_officer)
    url = reverse("feedback:take_follow_up") + f"?xa={world.commune.code}"
    assert "Nhập khiếu nại lần hai" in officer.get(url).content.decode()
    bad = officer.post(url, {"kind": "khieu_nai", "channel": "letter", "text": "Không đồng ý."})
    assert bad.status_code == 400 and "Hãy ghi mã tra cứu" not in bad.content.decode()
    assert "Ngày nhận đơn" in bad.content.decode()
    first = complaint(world.commune, commune_officer, answered_days_ago=3)
    data = {
        "kind": "khieu_nai",
        "channel": "letter",
        "received_on": TODAY().isoformat(),
        "first_code": first.tracking_code,
        "text": "<script>alert(1)</script> Không đồng ý.",
    }
    done = officer.post(url, data)
    second = Case.objects.get(level=2)
    assert done.status_code == 302 and done["Location"].endswith(f"/{second.pk}/")
    page = officer.get(done["Location"]).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert(1)" not in page
    late = officer.post(url, data)
    assert late.status_code == 400 and second.tracking_code in late.content.decode()
    other = Client()
    assert other.get(url).status_code == 302  # sign in first


class PaperWindow(TestCase):
    """Hypothesis over the calendar: a paper second complaint is taken exactly when the days
    from the first decision to the desk's receipt fall within Art. 33's window."""

    @settings(max_examples=25, deadline=None)
    @given(decided_ago=st.integers(0, 70), received_ago=st.integers(0, 70), remote=st.booleans())
    def test_window(self, decided_ago, received_ago, remote):
        from dancoso.accounts.roles import Role

        world = build_world()
        officer = make_user("canbo_h")
        grant(officer, Role.COMMUNE_OFFICER, world.commune)
        decided, received = (
            TODAY() - timedelta(days=decided_ago),
            TODAY() - timedelta(days=received_ago),
        )
        data = {
            "first_decision": "QĐ 7/QĐ-UBND",
            "first_decision_on": decided,
            "full_name": "Hoàng Văn Khải",
            "received_on": received,
            "is_remote": remote,
        }
        if decided > received:
            with self.assertRaises(ValidationError):
                paper(world.commune, officer, **data)
            return
        last = followup_law.second_complaint_last_day(decided, remote=remote)
        if received <= last:
            assert paper(world.commune, officer, **data).level == 2
        else:
            with self.assertRaises(DomainError):
                paper(world.commune, officer, **data)

"""Routing to the upper level (``routing_law``): pure, no database; hypothesis over the
calendar and the facts of a case."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from dancoso.feedback import law, routing_law
from dancoso.feedback.law import CaseFacts, Kind
from dancoso.feedback.routing_law import Reason

DAYS = st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31))


def route(facts, today):
    return routing_law.upward_route(facts, law.case_deadlines(facts), today)


@given(
    got=DAYS, after=st.integers(0, 400), kind=st.sampled_from([Kind.COMPLAINT, Kind.DENUNCIATION])
)
def test_a_second_level_case_always_goes_up_until_it_is_forwarded(got, after, kind):
    facts = CaseFacts(kind, got, level=2)
    found = route(facts, got + timedelta(days=after))
    expected = Reason.SECOND_COMPLAINT if kind is Kind.COMPLAINT else Reason.FOLLOW_UP_DENUNCIATION
    assert found.reason is expected and found.moves
    assert "Điều 33" in found.article or "Điều 37" in found.article
    forwarded = CaseFacts(kind, got, level=2, transferred_on=got)
    assert route(forwarded, got + timedelta(days=after)) is None


@given(got=DAYS, after=st.integers(0, 30))
def test_a_denunciation_outside_competence_goes_up_on_the_last_forwarding_day(got, after):
    facts = CaseFacts(Kind.DENUNCIATION, got, not_competent=True)
    due = next(d for d in law.case_deadlines(facts) if d.name == "denunciation_forwarding").due
    today = got + timedelta(days=after)
    found = route(facts, today)
    if today < due:
        assert found is None
    else:
        assert found.reason is Reason.NOT_COMPETENT and "Điều 24 khoản 3" in found.article


@given(got=DAYS, extensions=st.integers(0, 2), after=st.integers(0, 150))
def test_an_overdue_denunciation_is_told_upward_only_after_its_last_day(got, extensions, after):
    facts = CaseFacts(Kind.DENUNCIATION, got, accepted_on=got, extensions=extensions)
    due = next(d for d in law.case_deadlines(facts) if d.name == "denunciation_resolution").due
    today = got + timedelta(days=after)
    found = route(facts, today)
    if today <= due:
        assert found is None
    else:
        assert found.reason is Reason.OVERDUE_DENUNCIATION and not found.moves
        assert "Điều 38" in found.article
    resolved = CaseFacts(Kind.DENUNCIATION, got, accepted_on=got, resolved_on=got)
    assert route(resolved, today) is None


@given(
    got=DAYS,
    after=st.integers(0, 400),
    kind=st.sampled_from(list(Kind)),
    level=st.sampled_from([1, 2]),
)
def test_anonymous_denunciations_and_first_level_reports_never_go_up(got, after, kind, level):
    anonymous = CaseFacts(Kind.DENUNCIATION, got, anonymous=True, not_competent=True, level=1)
    assert route(anonymous, got + timedelta(days=after)) is None
    if kind not in (Kind.COMPLAINT, Kind.DENUNCIATION):
        assert route(CaseFacts(kind, got, level=1), got + timedelta(days=after)) is None


def test_every_route_cites_its_article_and_date():
    for item in routing_law.ROUTES:
        assert item.article.startswith("Luật ") and "Điều" in item.article
        assert item.applies_from <= date(2019, 1, 1)
    assert {
        Reason.SECOND_COMPLAINT,
        Reason.FOLLOW_UP_DENUNCIATION,
        Reason.NOT_COMPETENT,
    } == routing_law.MOVING

"""The Dân quyết rules over household, attendance and vote counts (hypothesis), no database."""

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.decisions import law
from dancoso.decisions.law import Channel, Kind, LawRefusal, Scope

ON = date(2026, 6, 1)
kinds = st.sampled_from(list(Kind))
households = st.integers(min_value=1, max_value=100_000)
TWO_THIRDS_KINDS = (Kind.CONTRIBUTION, Kind.FUND_USE)


@given(households, st.data())
def test_kinds_1_and_2_need_at_least_two_thirds_of_all_households(total, data):
    agree = data.draw(st.integers(min_value=0, max_value=total))
    for kind in TWO_THIRDS_KINDS:
        verdict = law.village_verdict(kind, households=total, agree=agree, on=ON)
        assert verdict.adopted == (Fraction(agree, total) >= Fraction(2, 3))
        assert verdict.adopted == (agree >= verdict.needed)


@given(households, st.data(), st.sampled_from([Kind.CONVENTION, Kind.SELF_MANAGED]))
def test_kinds_3_to_6_need_more_than_half_of_all_households(total, data, kind):
    agree = data.draw(st.integers(min_value=0, max_value=total))
    verdict = law.village_verdict(kind, households=total, agree=agree, on=ON)
    assert verdict.adopted == (Fraction(agree, total) > Fraction(1, 2))
    assert verdict.adopted == (agree >= verdict.needed)


@given(st.integers(min_value=1, max_value=50_000))
def test_exactly_half_fails_and_half_plus_one_passes(half):
    total = 2 * half
    assert not law.village_verdict(Kind.SELF_MANAGED, households=total, agree=half, on=ON).adopted
    assert law.village_verdict(Kind.SELF_MANAGED, households=total, agree=half + 1, on=ON).adopted


@given(st.integers(min_value=1, max_value=30_000))
def test_exactly_two_thirds_passes_and_one_short_fails(third):
    total = 3 * third
    exact = 2 * third
    assert law.village_verdict(Kind.CONTRIBUTION, households=total, agree=exact, on=ON).adopted
    assert not law.village_verdict(
        Kind.CONTRIBUTION, households=total, agree=exact - 1, on=ON
    ).adopted


def test_the_denominator_is_all_households_not_those_present():
    # 100 households, 60 present, 55 agree: 55/60 > 2/3 of those present, but not of all.
    verdict = law.village_verdict(Kind.CONTRIBUTION, households=100, agree=55, on=ON)
    assert not verdict.adopted and verdict.needed == 67


@given(kinds)
def test_zero_turnout_and_an_empty_village_adopt_nothing(kind):
    assert not law.village_verdict(kind, households=10, agree=0, on=ON).adopted
    assert not law.village_verdict(kind, households=0, agree=0, on=ON).adopted
    assert not law.meeting_outlook(kind, households=0, present=0, on=ON).reachable


@given(households, st.data(), kinds)
def test_a_meeting_can_reach_the_share_exactly_when_all_present_agreeing_would(total, data, kind):
    present = data.draw(st.integers(min_value=0, max_value=total))
    outlook = law.meeting_outlook(kind, households=total, present=present, on=ON)
    all_agree = law.village_verdict(kind, households=total, agree=present, on=ON).adopted
    assert outlook.reachable == all_agree
    if outlook.reachable:
        with pytest.raises(LawRefusal) as exc:
            law.check_fallback(kind, households=total, present=present, on=ON)
        assert exc.value.code == "fallback_not_needed"
    else:
        law.check_fallback(kind, households=total, present=present, on=ON)


def test_the_fallback_boundaries():
    # 30 households, kind 1 needs 20: 19 present cannot, 20 can.
    assert not law.meeting_outlook(Kind.CONTRIBUTION, households=30, present=19, on=ON).reachable
    assert law.meeting_outlook(Kind.CONTRIBUTION, households=30, present=20, on=ON).reachable
    # Kind 6 over 30: 15 present (exactly half) cannot, 16 can.
    assert not law.meeting_outlook(Kind.SELF_MANAGED, households=30, present=15, on=ON).reachable
    assert law.meeting_outlook(Kind.SELF_MANAGED, households=30, present=16, on=ON).reachable


@given(households, st.data(), kinds)
def test_still_reachable_counts_the_households_not_yet_counted(total, data, kind):
    present = data.draw(st.integers(min_value=0, max_value=total))
    counted = data.draw(st.integers(min_value=0, max_value=present))
    agree = data.draw(st.integers(min_value=0, max_value=counted))
    reachable = law.still_reachable(
        kind, households=total, present=present, agree=agree, counted=counted, on=ON
    )
    best = law.village_verdict(kind, households=total, agree=agree + present - counted, on=ON)
    assert reachable == best.adopted


@given(st.integers(min_value=1, max_value=1000), st.data())
def test_the_commune_rule_is_two_thirds_of_villages(villages, data):
    results = data.draw(st.lists(st.booleans(), min_size=villages, max_size=villages))
    verdict = law.commune_verdict(results, on=ON)
    assert verdict.adopted == (Fraction(sum(results), villages) >= Fraction(2, 3))


@given(households, st.data())
def test_online_needs_more_than_half_of_all_households(total, data):
    chose = data.draw(st.integers(min_value=0, max_value=total))
    passed = law.online_poll_passed(chose_online=chose, households=total, on=ON)
    assert passed == (2 * chose > total)
    if passed:
        law.check_online_poll(chose_online=chose, households=total, on=ON)
    else:
        with pytest.raises(LawRefusal, match="Điều 5"):
            law.check_online_poll(chose_online=chose, households=total, on=ON)


@given(households, st.data())
def test_election_passes_only_above_half_of_all_households(total, data):
    a = data.draw(st.integers(min_value=0, max_value=total))
    b = data.draw(st.integers(min_value=0, max_value=total - a))
    verdict = law.election_verdict(households=total, votes={"A": a, "B": b}, on=ON)
    best = max(a, b)
    assert verdict.adopted == (2 * best > total)
    assert (verdict.winner != "") == verdict.adopted


def test_no_candidate_elected_means_re_election():
    verdict = law.election_verdict(households=10, votes={"A": 5, "B": 5}, on=ON)
    assert not verdict.adopted and verdict.winner == ""
    assert law.election_verdict(households=10, votes={}, on=ON).got == 0


@pytest.mark.parametrize("kind", [k for k in Kind if k != Kind.SELF_MANAGED])
def test_online_is_refused_for_every_kind_but_6_and_quotes_the_rule(kind):
    with pytest.raises(LawRefusal) as exc:
        law.check_channels(kind, Scope.VILLAGE, frozenset({Channel.ONLINE}))
    assert exc.value.code == "online_kind"
    assert "Điều 17" in exc.value.message


@pytest.mark.parametrize("kind", [Kind.CONVENTION, Kind.VILLAGE_HEAD, Kind.BOARD_MEMBER])
def test_kinds_3_to_5_are_decided_at_a_meeting(kind):
    law.check_channels(kind, Scope.VILLAGE, frozenset({Channel.MEETING}))
    with pytest.raises(LawRefusal) as exc:
        law.check_channels(kind, Scope.VILLAGE, frozenset({Channel.BALLOT}))
    assert exc.value.code == "meeting_required"


def test_the_channels_each_kind_allows():
    law.check_channels(Kind.CONTRIBUTION, Scope.VILLAGE, frozenset({Channel.BALLOT}))
    law.check_channels(Kind.FUND_USE, Scope.VILLAGE, frozenset({Channel.MEETING}))
    law.check_channels(
        Kind.SELF_MANAGED, Scope.VILLAGE, frozenset({Channel.ONLINE, Channel.BALLOT})
    )
    law.check_channels(Kind.CONTRIBUTION, Scope.COMMUNE, frozenset({Channel.BALLOT}))
    with pytest.raises(LawRefusal, match="ít nhất một"):
        law.check_channels(Kind.SELF_MANAGED, Scope.VILLAGE, frozenset())
    with pytest.raises(LawRefusal):
        law.check_channels(Kind.CONTRIBUTION, Scope.COMMUNE, frozenset({Channel.MEETING}))


@pytest.mark.parametrize("kind", [Kind.CONVENTION, Kind.VILLAGE_HEAD, Kind.SELF_MANAGED])
def test_only_kinds_1_and_2_can_be_commune_wide(kind):
    law.check_scope(Kind.CONTRIBUTION, Scope.COMMUNE)
    with pytest.raises(LawRefusal):
        law.check_scope(kind, Scope.COMMUNE)


def test_a_convention_meeting_needs_more_than_half_attending():
    # Decree 61: attendance > 50% — same bound as the kind-3 share.
    assert not law.meeting_outlook(Kind.CONVENTION, households=40, present=20, on=ON).reachable
    assert law.meeting_outlook(Kind.CONVENTION, households=40, present=21, on=ON).reachable


def test_lead_times():
    meeting = date(2026, 6, 10)
    good = law.Schedule(
        voting_on=meeting, notice_on=date(2026, 6, 8), documents_on=date(2026, 6, 8)
    )
    assert law.schedule_issues(Kind.CONTRIBUTION, frozenset({Channel.MEETING}), good) == []
    late = law.Schedule(voting_on=meeting, notice_on=date(2026, 6, 9), documents_on=None)
    issues = law.schedule_issues(Kind.CONTRIBUTION, frozenset({Channel.MEETING}), late)
    assert any("08/06/2026" in i for i in issues) and law.MISSING_DOCUMENTS in issues
    # Kind 6 needs no documents lead time; ballots need the plan 2 days before.
    kind6 = law.Schedule(voting_on=meeting, notice_on=date(2026, 6, 1), ballot_plan_on=meeting)
    issues = law.schedule_issues(
        Kind.SELF_MANAGED, frozenset({Channel.MEETING, Channel.BALLOT}), kind6
    )
    assert len(issues) == 1 and "phát phiếu" in issues[0]


def test_decision_and_recognition_count_working_days():
    # Friday 5 June 2026 → 5 working days later is Friday 12 June.
    assert law.decision_due(date(2026, 6, 5)) == date(2026, 6, 12)
    assert law.recognition_due(date(2026, 6, 5)) == date(2026, 6, 12)
    # Over Tết 2027 (6–10 Feb off): closes Thu 4 Feb → due later than a plain week.
    assert law.decision_due(date(2027, 2, 4)) > date(2027, 2, 11)


def test_village_head_timeline():
    steps = law.village_head_timeline(date(2026, 7, 30))
    assert [s.latest for s in steps] == [
        date(2026, 7, 10),
        date(2026, 7, 15),
        date(2026, 7, 20),
        date(2026, 7, 23),
    ]
    assert all("Điều 6" in s.article for s in steps)


@given(households, st.data())
def test_initiative_needs_at_least_ten_percent(total, data):
    consents = data.draw(st.integers(min_value=0, max_value=total))
    assert law.initiative_reached(consents=consents, households=total, on=ON) == (
        10 * consents >= total
    )


def test_consents_last_three_months():
    assert law.consent_valid(date(2026, 1, 31), date(2026, 4, 29))
    assert not law.consent_valid(date(2026, 1, 31), date(2026, 4, 30))
    assert law.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert not law.consent_valid(date(2026, 6, 2), date(2026, 6, 1))


def test_effect_dates():
    adopted = date(2026, 6, 1)
    recognised = date(2026, 6, 5)
    assert law.effect_date(Kind.SELF_MANAGED, Scope.VILLAGE, adopted_on=adopted) == adopted
    assert law.effect_date(Kind.CONTRIBUTION, Scope.COMMUNE, adopted_on=adopted) is None
    assert (
        law.effect_date(
            Kind.CONVENTION, Scope.VILLAGE, adopted_on=adopted, recognised_on=recognised
        )
        == recognised
    )
    assert law.effect_basis(Kind.BOARD_MEMBER, Scope.VILLAGE) == law.EffectBasis.FRONT_RECOGNITION
    assert law.effect_basis(Kind.VILLAGE_HEAD, Scope.VILLAGE) == (
        law.EffectBasis.COMMITTEE_RECOGNITION
    )


def test_parameters_are_dated_and_cite_an_article():
    for key, entries in law.PARAMETERS.items():
        for entry in entries:
            assert entry.article and entry.applies_from, key
    with pytest.raises(LawRefusal) as exc:
        law.param("threshold_other", date(2023, 1, 1))
    assert exc.value.code == "not_in_force"


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=7))
def test_share_minimum_is_the_least_part_that_reaches(whole, den):
    for share in (law.Share(1, den, True), law.Share(1, den, False), law.Share(2, 3, True)):
        m = share.minimum(whole)
        if whole > 0:
            assert share.reached(m, whole) or m > whole
            assert not share.reached(m - 1, whole)


@given(st.integers(min_value=0, max_value=10))
def test_teams_have_3_to_5_members_and_counts_two_witnesses(n):
    names = [f"Người {i}" for i in range(n)]
    if 3 <= n <= 5:
        law.check_team(names, what="Tổ phát phiếu", on=ON)
    else:
        with pytest.raises(LawRefusal, match="từ 3 đến 5"):
            law.check_team(names, what="Tổ phát phiếu", on=ON)
    if n >= 2:
        law.check_witnesses(names, on=ON)
    else:
        with pytest.raises(LawRefusal, match="ít nhất 2"):
            law.check_witnesses(names, on=ON)

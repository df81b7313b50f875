from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.core.workdays import is_working_day, working_days_between
from dancoso.oversight import law
from dancoso.oversight.law import BoardKind, Candidate

ON = date(2026, 3, 2)
days = st.dates(min_value=date(2023, 7, 1), max_value=date(2030, 12, 31))


@given(st.integers(min_value=0, max_value=200))
def test_inspection_board_size_is_villages_but_at_least_five(villages):
    size = law.inspection_board_size(villages, ON)
    assert size >= 5
    assert size == (5 if villages < 5 else villages)


def test_fewer_than_five_villages_means_exactly_five():
    assert law.inspection_board_size(3, ON) == 5
    assert law.size_problems(BoardKind.COMMUNE_INSPECTION, 6, ON, villages=3)
    assert not law.size_problems(BoardKind.COMMUNE_INSPECTION, 5, ON, villages=3)
    assert not law.size_problems(BoardKind.COMMUNE_INSPECTION, 12, ON, villages=12)
    assert "ít nhất 12" in law.size_problems(BoardKind.COMMUNE_INSPECTION, 11, ON, villages=12)[0]


def test_rule_before_the_law_is_refused():
    with pytest.raises(ValueError):
        law.inspection_board_size(5, date(2023, 6, 30))


@given(st.integers(min_value=0, max_value=20))
def test_supervision_board_at_least_five(members):
    assert bool(law.size_problems(BoardKind.PROJECT_SUPERVISION, members, ON)) == (members < 5)


@given(st.integers(min_value=0, max_value=20))
def test_agency_board_three_to_nine(members):
    ok = 3 <= members <= 9
    assert bool(law.size_problems(BoardKind.AGENCY_INSPECTION, members, ON)) == (not ok)


@given(st.integers(min_value=0, max_value=100))
def test_no_agency_board_at_seven_staff_or_fewer(staff):
    assert law.agency_may_have_board(staff, ON) == (staff > 7)
    assert (law.agency_board_problem(staff, ON) is None) == (staff > 7)


@given(st.sampled_from(list(BoardKind)), st.integers(min_value=0, max_value=5))
def test_at_most_two_deputies(kind, deputies):
    assert law.max_deputies(kind, ON) == 2
    assert (law.deputies_problem(kind, deputies, ON) is None) == (deputies <= 2)


@given(days)
def test_agency_term_two_years(start):
    end = law.agency_term_end(start)
    assert end.year == start.year + 2
    assert (end - start).days in (730, 731)


@given(days, st.integers(min_value=0, max_value=1000))
def test_by_election_needs_six_months_left(on, left):
    term_end = on + timedelta(days=left)
    allowed = law.by_election_allowed(term_end, on)
    if left >= 185:
        assert allowed
    if left < 180:
        assert not allowed
        assert "6 tháng" in law.by_election_problem(term_end, on)


def test_by_election_exact_boundary():
    assert law.by_election_allowed(date(2026, 9, 1), date(2026, 3, 1))
    assert not law.by_election_allowed(date(2026, 8, 31), date(2026, 3, 1))


@given(st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_eligibility(resident, official, village_staff, relative):
    person = Candidate(resident, official, village_staff, relative)
    commune = law.eligibility_problems(BoardKind.COMMUNE_INSPECTION, person)
    project = law.eligibility_problems(BoardKind.PROJECT_SUPERVISION, person)
    assert (not commune) == (resident and not official and not village_staff)
    assert (not project) == (not commune and not relative)
    assert (law.IS_RELATIVE in commune) is False


def test_agency_leader_not_eligible():
    assert law.eligibility_problems(BoardKind.AGENCY_INSPECTION, Candidate(agency_leader=True))
    assert not law.eligibility_problems(BoardKind.AGENCY_INSPECTION, Candidate(False))


@given(days, st.integers(min_value=0, max_value=100))
def test_investor_notice_45_days(notified, gap):
    problem = law.investor_notice_problem(notified, notified + timedelta(days=gap))
    assert (problem is None) == (gap >= 45)


@given(days)
def test_inspection_announced_five_working_days_before(announced):
    earliest = law.earliest_inspection(announced)
    assert is_working_day(earliest)
    assert working_days_between(announced, earliest) == 5
    assert law.inspection_notice_problem(announced, earliest) is None
    assert law.inspection_notice_problem(announced, earliest - timedelta(days=1)) is not None


def test_inspection_notice_skips_weekend():
    # Friday 6 March 2026 + 5 working days = Friday 13 March.
    assert law.earliest_inspection(date(2026, 3, 6)) == date(2026, 3, 13)


@given(days, st.integers(min_value=0, max_value=40))
def test_answer_within_fifteen_days(received, after):
    assert law.answer_due(received) == received + timedelta(days=15)
    answered = received + timedelta(days=after)
    assert law.answered_on_time(received, answered) == (after <= 15)
    assert not law.answered_on_time(received, None)


# --- ending a membership and the Front's recognition -------------------------------------

TERM_END = date(2030, 6, 30)


@given(st.sampled_from(list(law.EndReason)), days, st.sampled_from(list(BoardKind)))
def test_end_problems_follow_the_reason(reason, ends_on, kind):
    problems = law.end_problems(kind, reason, ends_on=ends_on, term_end=TERM_END, document="")
    needs_document = reason in (law.EndReason.RELEASED, law.EndReason.RESIGNED)
    assert any("văn bản" in p for p in problems) == needs_document
    assert (law.PROJECT_REASON_ONLY in problems) == (
        reason == law.EndReason.PROJECT_ENDED and kind != BoardKind.PROJECT_SUPERVISION
    )
    assert any("hết nhiệm kỳ" in p for p in problems) == (
        reason == law.EndReason.TERM_ENDED and ends_on < TERM_END
    )


def test_release_with_document_is_allowed():
    assert not law.end_problems(
        BoardKind.COMMUNE_INSPECTION,
        law.EndReason.RELEASED,
        ends_on=ON,
        term_end=TERM_END,
        document="Biên bản hội nghị thôn Bản Lải ngày 01/03/2026",
    )


def test_every_end_reason_cites_or_names_itself():
    assert set(law.END_REASON_LABELS) == set(law.EndReason)


def composition(members=5, deputies=1, seats=(), missing=(), villages=2):
    return law.Composition(
        members=members,
        deputies=deputies,
        seats=tuple(seats) or (law.Seat.RESIDENT,) * members,
        unrepresented_villages=tuple(missing),
        villages=villages,
    )


def test_commune_board_ready_when_size_and_villages_are_right():
    assert not law.issues_before_recognition(BoardKind.COMMUNE_INSPECTION, composition(), ON)


def test_commune_board_needs_every_village():
    issues = law.issues_before_recognition(
        BoardKind.COMMUNE_INSPECTION, composition(missing=["Thôn Nà Sla"]), ON
    )
    assert issues == [law.VILLAGE_UNREPRESENTED.format(names="Thôn Nà Sla")]


@given(st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=5))
def test_commune_board_size_and_deputies(members, deputies):
    issues = law.issues_before_recognition(
        BoardKind.COMMUNE_INSPECTION, composition(members=members, deputies=deputies), ON
    )
    assert bool(issues) == (members != 5 or deputies > 2)


def test_project_board_needs_front_and_inspection_seats_and_few_residents():
    seats = (law.Seat.RESIDENT,) * 6
    issues = law.issues_before_recognition(
        BoardKind.PROJECT_SUPERVISION, composition(members=6, seats=seats), ON
    )
    assert len(issues) == 3
    assert any("Ủy ban MTTQ xã" in i for i in issues)
    assert any("Ban Thanh tra nhân dân" in i for i in issues)
    assert any("không quá 5" in i for i in issues)
    good = (law.Seat.FRONT, law.Seat.INSPECTION_BOARD) + (law.Seat.RESIDENT,) * 3
    assert not law.issues_before_recognition(
        BoardKind.PROJECT_SUPERVISION, composition(members=5, seats=good), ON
    )

"""Second-level limits (Law 02/2011 Art. 33, 36, 37; Law 25/2018 Art. 37) and the forwarding
limit (Law 25/2018 Art. 24(3)): pure, no database; hypothesis over the calendar."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.core.workdays import add_working_days
from dancoso.feedback import followup_law, law
from dancoso.feedback.law import CaseFacts, Kind

DAYS = st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31))


def named(facts):
    return {d.name: d for d in law.case_deadlines(facts)}


@pytest.mark.parametrize(
    ("complex_", "remote", "days"),
    [(False, False, 45), (True, False, 60), (False, True, 60), (True, True, 70)],
)
def test_second_complaint_resolution_limits(complex_, remote, days):
    got = date(2026, 3, 2)
    found = named(
        CaseFacts(Kind.COMPLAINT, got, accepted_on=got, complex=complex_, remote=remote, level=2)
    )
    resolution = next(d for n, d in found.items() if n.startswith("complaint_second_resolution"))
    assert "Điều 37" in resolution.article
    assert days <= (resolution.due - got).days <= days + 3  # moved off a day off only
    assert found["complaint_second_acceptance"].article.endswith("Điều 36")
    assert "complaint_acceptance" not in found and "complaint_resolution" not in found


@given(start=DAYS, remote=st.booleans(), after=st.integers(min_value=0, max_value=80))
def test_second_complaint_window(start, remote, after):
    filed = start + timedelta(days=after)
    last = followup_law.second_complaint_last_day(start, remote=remote)
    assert (last - start).days >= (45 if remote else 30)
    if filed <= last:
        followup_law.check_second_complaint(start, filed, remote=remote)
    else:
        with pytest.raises(ValueError, match="Điều 33"):
            followup_law.check_second_complaint(start, filed, remote=remote)


@given(start=DAYS)
def test_the_forwarding_limit_runs_from_receipt_until_the_transfer(start):
    facts = CaseFacts(Kind.DENUNCIATION, start, not_competent=True)
    item = named(facts)["denunciation_forwarding"]
    assert item.due == add_working_days(start, 5) and item.done_on is None
    done = named(CaseFacts(Kind.DENUNCIATION, start, not_competent=True, transferred_on=start))
    assert done["denunciation_forwarding"].state(start) == "met"
    assert "denunciation_forwarding" not in named(CaseFacts(Kind.DENUNCIATION, start))
    anonymous = CaseFacts(Kind.DENUNCIATION, start, anonymous=True, not_competent=True)
    assert "denunciation_forwarding" not in named(anonymous)


def test_a_follow_up_denunciation_is_reviewed_then_resolved_again():
    got = date(2026, 3, 2)
    found = named(CaseFacts(Kind.DENUNCIATION, got, level=2))
    assert "denunciation_followup_review" in found and "denunciation_registration" not in found
    accepted = named(CaseFacts(Kind.DENUNCIATION, got, accepted_on=got, level=2, extensions=1))
    again = accepted["denunciation_followup_resolution"]
    assert (again.due - got).days >= 60 and "Điều 37" in again.article


def test_the_window_opens_with_the_answer_or_the_lapse():
    got = date(2026, 3, 2)
    deadlines = law.case_deadlines(CaseFacts(Kind.COMPLAINT, got, accepted_on=got))
    due = next(d.due for d in deadlines if d.name == "complaint_resolution")
    assert followup_law.follow_up_start(deadlines, date(2026, 3, 20), got) == date(2026, 3, 20)
    assert followup_law.follow_up_start(deadlines, None, due) is None
    assert followup_law.follow_up_start(deadlines, None, due + timedelta(days=1)) == due
    with pytest.raises(LookupError):
        law.limit_on("complaint_second_resolution", date(2012, 6, 30))

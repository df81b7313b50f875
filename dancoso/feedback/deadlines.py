"""A case's statutory deadlines, from its stored facts (``law.case_deadlines``) with the
operator's holiday overrides. No writes."""

from dancoso.core.workdays import configured_overrides

from . import law
from .models import Case


def facts_of(case: Case) -> law.CaseFacts:
    """The facts ``law.case_deadlines`` needs, read from the case row."""
    return law.CaseFacts(
        kind=law.Kind(case.kind),
        received_on=case.received_on,
        accepted_on=case.accepted_on,
        resolved_on=case.resolved_on,
        anonymous=case.anonymous,
        complex=case.is_complex or case.especially_complex,
        remote=case.is_remote,
        several_places=case.several_places,
        extensions=case.extensions,
        responded_on=case.responded_on,
        answered_on=case.answered_on,
        published_on=case.published_on,
        level=case.level,
        not_competent=case.not_competent,
        transferred_on=case.transferred_on,
    )


def deadlines_of(case: Case) -> list[law.Deadline]:
    """Every time limit of ``case``, earliest first; merged and transferred cases keep the
    deadlines they had, closed steps carry the day they were done."""
    return law.case_deadlines(facts_of(case), configured_overrides())


def next_due(case: Case):
    """The last day of the earliest deadline still open, or None (what the inbox sorts by)."""
    if case.status in FINISHED:
        return None
    waiting = law.open_deadlines(deadlines_of(case))
    return waiting[0].due if waiting else None


FINISHED = {
    Case.Status.CLOSED,
    Case.Status.MERGED,
    Case.Status.TRANSFERRED,
    Case.Status.REFUSED,
    Case.Status.INSPECTION_LEAD,
}

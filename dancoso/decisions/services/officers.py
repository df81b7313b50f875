"""Who runs and witnesses the count (Law Art. 18–19; Decree 59 Art. 3(3)–(4), Art. 4): the
meeting's secretary, the counting board of a secret ballot (3–5), the ballot team of household
ballots (3–5) and the two household representatives who witness the count."""

from django.db import transaction

from ..law import check_team, check_witnesses
from ..models import Decision
from .common import audit, law_checks, locked, require


def _names(values) -> list[str]:
    return [v.strip()[:150] for v in values if v and v.strip()]


@transaction.atomic(durable=True)
def record_officers(
    decision: Decision,
    *,
    actor,
    secretary: str | None = None,
    counting_board: list[str] | None = None,
    ballot_team: list[str] | None = None,
    witnesses: list[str] | None = None,
) -> Decision:
    """Ghi thư ký, Ban kiểm phiếu, Tổ phát phiếu, người chứng kiến: by an organiser, before
    the count; each list given is checked against the decree's sizes."""
    decision = locked(decision, "record_officers")
    require(actor, "manage_decision", decision)
    changed = []
    with law_checks():
        if secretary is not None:
            decision.secretary = secretary.strip()[:150]
            changed.append("secretary")
        if counting_board is not None:
            check_team(_names(counting_board), what="Ban kiểm phiếu", on=decision.voting_on)
            decision.counting_board = _names(counting_board)
            changed.append("counting_board")
        if ballot_team is not None:
            check_team(_names(ballot_team), what="Tổ phát phiếu", on=decision.voting_on)
            decision.ballot_team = _names(ballot_team)
            changed.append("ballot_team")
        if witnesses is not None:
            check_witnesses(_names(witnesses), on=decision.voting_on)
            decision.witnesses = _names(witnesses)
            changed.append("witnesses")
    decision.full_clean()
    decision.save(update_fields=[*changed, "updated_at"])
    audit("record_officers", decision, actor=actor, summary={"fields": changed})
    return decision

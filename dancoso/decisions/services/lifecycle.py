"""The one-way steps of a decision: publish the electorate, open, close (shuffle the ballot
box), count, publish the result. Each checks its readiness list (``readiness.py``)."""

import secrets

from django.db import transaction
from django.utils import timezone

from dancoso.core.errors import DomainError

from .. import counting, readiness, seal
from ..lifecycle import TRANSITIONS, check_allows
from ..models import Ballot, Decision, ElectorEntry
from ..places import households_of
from .common import audit, locked, require
from .conventions import hand_over_adoption

SHUFFLE_TRIES = 8
NOT_READY = "Chưa thể {label}: {issues}"
FROZEN = (
    "Danh sách hộ đã khóa từ khi mở biểu quyết (mỗi hộ một phiếu trên danh sách đã công bố); "
    "không thể thêm hoặc bớt hộ. Yêu cầu này đã được ghi vào nhật ký."
)
NOT_IN_PLACE = "Hộ {ho} không thuộc thôn (xã) của nội dung này."


def _step(decision: Decision, name: str, *, actor) -> Decision:
    """Lock, check permission, state and readiness, and move to the transition's target."""
    transition = TRANSITIONS[name]
    decision = locked(decision)
    require(actor, "manage_decision", decision)
    check_allows(decision.state, name)
    issues = getattr(readiness, f"issues_before_{name}")(decision)
    if issues:
        raise DomainError(
            "not_ready", NOT_READY.format(label=transition.label.lower(), issues=" ".join(issues))
        )
    decision.state = transition.target
    return decision


@transaction.atomic(durable=True)
def publish_electorate(decision: Decision, *, actor) -> Decision:
    """Công bố danh sách hộ: snapshot the village's households (one vote each) before voting
    opens; by an organiser of the decision."""
    decision = _step(decision, "publish_electorate", actor=actor)
    rows = [
        ElectorEntry(decision=decision, household_id=pk, village_id=village, household_code=code)
        for pk, village, code in households_of(decision).values_list("pk", "village_id", "code")
    ]
    ElectorEntry.objects.bulk_create(rows, batch_size=1000)
    decision.save(update_fields=["state", "updated_at"])
    audit("publish_electorate", decision, actor=actor, summary={"households": len(rows)})
    return decision


def change_electorate(decision: Decision, *, actor, add=(), remove=()) -> Decision:
    """Sửa danh sách hộ: add or remove households while the list is published but voting has
    not opened. Once voting opened the list is frozen: the attempt is refused, and the refusal
    itself is written to the audit log (SECURITY.md test 9)."""
    require(actor, "manage_decision", decision)
    decision = Decision.objects.select_related("commune").get(pk=decision.pk)
    if decision.state not in (Decision.State.DRAFT, Decision.State.ELECTORATE):
        with transaction.atomic():
            audit(
                "refuse_electorate_change",
                decision,
                actor=actor,
                summary={"state": decision.state, "add": len(add), "remove": len(remove)},
            )
        raise DomainError("electorate_frozen", FROZEN)
    return _apply_change(decision, actor=actor, add=list(add), remove=list(remove))


@transaction.atomic
def _apply_change(decision: Decision, *, actor, add: list, remove: list) -> Decision:
    decision = locked(decision, "change_electorate")
    place = households_of(decision)
    for household in add:
        if not place.filter(pk=household.pk).exists():
            raise DomainError("not_in_place", NOT_IN_PLACE, ho=household.code)
    ElectorEntry.objects.bulk_create(
        [
            ElectorEntry(
                decision=decision,
                household=h,
                village_id=h.village_id,
                household_code=h.code,
            )
            for h in add
        ],
        ignore_conflicts=True,
    )
    ElectorEntry.objects.filter(decision=decision, household__in=remove).delete()
    audit(
        "change_electorate",
        decision,
        actor=actor,
        summary={"added": [h.pk for h in add], "removed": [h.pk for h in remove]},
    )
    return decision


@transaction.atomic(durable=True)
def open_voting(decision: Decision, *, actor) -> Decision:
    """Mở biểu quyết: the electorate freezes; online voting needs more than half of all
    households to have chosen it (Decree 59 Art. 5(3))."""
    decision = _step(decision, "open_voting", actor=actor)
    decision.opened_at = timezone.now()
    decision.save(update_fields=["state", "opened_at", "updated_at"])
    audit("open_voting", decision, actor=actor, summary={})
    return decision


@transaction.atomic(durable=True)
def close_voting(decision: Decision, *, actor) -> Decision:
    """Kết thúc biểu quyết: no more ballots; in this fresh transaction the ballot box is
    re-written in random order under new random keys and the originals are deleted, so that
    neither heap order nor keys follow the order of voting (SECURITY.md test 6; what remains
    in WAL and backups: docs/security.md). The close event carries the box's seal, which
    audits every cast (``seal.py``)."""
    decision = _step(decision, "close_voting", actor=actor)
    moved = shuffle_ballot_box(decision)
    decision.closed_at = timezone.now()
    decision.save(update_fields=["state", "closed_at", "updated_at"])
    audit(
        "close_voting",
        decision,
        actor=actor,
        summary={"ballots": moved, "seal": seal.box_seal(decision)},
    )
    return decision


def shuffle_ballot_box(decision: Decision) -> int:
    """Re-insert the decision's ballots in a cryptographically random order with fresh UUIDs
    and delete the originals, in the caller's transaction. The rows are read in physical order
    (the order of voting, before any shuffle) and, of a few random permutations, the one least
    rank-correlated with that order is written. Returns the number of ballots."""
    fields = ("village_id", "option_id", "other_text", "receipt_hash")
    rows = list(Ballot.objects.filter(decision=decision).order_by().values_list(*fields))
    order = least_correlated_permutation(len(rows))
    Ballot.objects.filter(decision=decision).delete()
    Ballot.objects.bulk_create(
        [Ballot(decision=decision, **dict(zip(fields, rows[i], strict=True))) for i in order],
        batch_size=1000,
    )
    return len(rows)


def spearman(order: list[int]) -> float:
    """Spearman's rank correlation between positions ``0..n-1`` and ``order`` (a permutation)."""
    n = len(order)
    if n < 2:
        return 0.0
    d2 = sum((pos - value) ** 2 for pos, value in enumerate(order))
    return 1 - 6 * d2 / (n * (n * n - 1))


def least_correlated_permutation(n: int, tries: int = SHUFFLE_TRIES) -> list[int]:
    """Of ``tries`` uniformly random permutations of ``range(n)``, the one whose rank
    correlation with the original order is smallest in absolute value."""
    rng = secrets.SystemRandom()
    best: list[int] = list(range(n))
    best_rho = 2.0
    for _ in range(tries):
        candidate = list(range(n))
        rng.shuffle(candidate)
        rho = abs(spearman(candidate))
        if rho < best_rho:
            best, best_rho = candidate, rho
    return best


@transaction.atomic(durable=True)
def count_votes(decision: Decision, *, actor) -> Decision:
    """Kiểm phiếu: every figure and the verdict with its rule (Law Art. 21(1)), from the
    stored ballots; the result stays with the organisers until published."""
    decision = _step(decision, "count_votes", actor=actor)
    decision.result = counting.count(decision)
    decision.save(update_fields=["state", "result", "updated_at"])
    audit(
        "count_votes",
        decision,
        actor=actor,
        summary={"ballots": decision.result["ballots"], "adopted": decision.result["adopted"]},
    )
    return decision


@transaction.atomic(durable=True)
def publish_result(decision: Decision, *, actor) -> Decision:
    """Công bố kết quả: the result sheet and the receipt list become public (Law Art. 23(2));
    an adopted village convention is recorded as adopted (``services.conventions``)."""
    decision = _step(decision, "publish_result", actor=actor)
    decision.published_at = timezone.now()
    decision.save(update_fields=["state", "published_at", "updated_at"])
    audit("publish_result", decision, actor=actor, summary={})
    hand_over_adoption(decision, actor=actor)
    return decision

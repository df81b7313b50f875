"""The meeting and the paper ballots: attendance by household, the carry-over to household
ballots when the meeting cannot reach the share (Law Art. 19(1)(b)), ballots returned by
households, and batches of paper ballots or a show of hands confirmed by a second person."""

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from dancoso.core.errors import DomainError
from dancoso.households.models import Household
from dancoso.places.models import Village

from .. import cards, law
from ..law import Channel, Kind
from ..models import Ballot, Batch, Decision, ElectorEntry, Participation
from .common import audit, law_checks, locked, require
from .voting import new_receipt_code, receipt_hash

NO_MEETING = "Nội dung này không có hội nghị (hoặc hội nghị đã chuyển sang phát phiếu)."
NO_BALLOTS = "Nội dung này không phát phiếu đến từng hộ."
NOT_ON_LIST = "Hộ {ho} không có trong danh sách hộ đã công bố của nội dung này."
TOOK_PART = "Hộ {ho} đã tham gia nội dung này (mỗi hộ một phiếu, dù bằng hình thức nào)."
NOT_PRESENT = "Hộ {ho} chưa được điểm danh là có mặt."
HANDS_ENTERED = "Đã nhập kết quả tại hội nghị; không thể sửa điểm danh nữa."
TOO_MANY = (
    "Tập phiếu có {total} phiếu, nhưng chỉ còn {room} hộ đã nhận (nộp) phiếu chưa được nhập "
    "tại {village}. Hãy đếm lại: không thể có nhiều phiếu hơn số hộ."
)
BAD_COUNT = "Số phiếu phải là số nguyên không âm; hãy kiểm tra lại các ô."
EMPTY_BATCH = "Tập phiếu không có phiếu nào."
SAME_PERSON = "Người xác nhận tập phiếu phải là một người khác với người đã nhập."
ALREADY_CONFIRMED = "Tập phiếu này đã được xác nhận."
WRONG_VILLAGE = "Thôn này không thuộc nội dung biểu quyết."
BAD_CARD = (
    "Không đọc được mã thẻ điểm danh (hoặc thẻ không phải do hệ thống in). Hãy quét lại, hoặc "
    "tìm hộ trong danh sách và bấm “Có mặt”."
)
OTHER_VILLAGE = (
    "Thẻ này của một hộ thuộc {thon}, không có trong danh sách hộ của nội dung này; không "
    "điểm danh."
)

SOURCE_CHANNEL = {
    Batch.Source.PAPER: Channel.BALLOT,
    Batch.Source.MEETING_BALLOT: Channel.MEETING,
    Batch.Source.HANDS: Channel.MEETING,
}


def _entry(decision: Decision, household: Household) -> ElectorEntry:
    entry = ElectorEntry.objects.filter(decision=decision, household=household).first()
    if entry is None:
        raise DomainError("not_on_list", NOT_ON_LIST, ho=household.code)
    return entry


def _meeting_running(decision: Decision) -> None:
    if not decision.allows_meeting or decision.carried_over:
        raise DomainError("no_meeting", NO_MEETING)


@transaction.atomic(durable=True)
def record_attendance(decision: Decision, *, actor, household: Household, present: bool):
    """Điểm danh: tick a household present at the meeting (or untick it before any result is
    entered). Present households are the meeting's participations."""
    decision = locked(decision, "record_attendance")
    require(actor, "manage_decision", decision)
    _meeting_running(decision)
    entry = _entry(decision, household)
    if present:
        try:
            with transaction.atomic():
                Participation.objects.create(
                    decision=decision,
                    household=household,
                    village_id=entry.village_id,
                    channel=Channel.MEETING,
                )
        except IntegrityError as exc:
            raise DomainError("took_part", TOOK_PART, ho=household.code) from exc
    else:
        if decision.batches.filter(
            source__in=[Batch.Source.HANDS, Batch.Source.MEETING_BALLOT]
        ).exists():
            raise DomainError("hands_entered", HANDS_ENTERED)
        deleted, _ = Participation.objects.filter(
            decision=decision, household=household, channel=Channel.MEETING
        ).delete()
        if not deleted:
            raise DomainError("not_present", NOT_PRESENT, ho=household.code)
    audit(
        "record_attendance",
        decision,
        actor=actor,
        summary={"household": household.pk, "present": present},
    )


@dataclass(frozen=True)
class Scan:
    """What a scanned attendance card did: the household, and whether it was already present
    (a second scan is counted once)."""

    household: Household
    already: bool


def record_scan(decision: Decision, *, actor, code: str) -> Scan:
    """Quét thẻ điểm danh: the household named by a scanned or typed card code is ticked
    present (``record_attendance``). A forged or unreadable code, or a household of another
    village, is refused with what to do; a household already present is not counted twice."""
    require(actor, "manage_decision", decision)
    try:
        household_id = cards.household_of(code)
    except cards.BadCard as exc:
        raise DomainError("bad_card", BAD_CARD) from exc
    household = Household.objects.select_related("village").filter(pk=household_id).first()
    if household is None:
        raise DomainError("bad_card", BAD_CARD)
    if not ElectorEntry.objects.filter(decision=decision, household=household).exists():
        if decision.village_id and household.village_id != decision.village_id:
            raise DomainError("card_other_village", OTHER_VILLAGE, thon=household.village.name)
        raise DomainError("not_on_list", NOT_ON_LIST, ho=household.code)
    try:
        record_attendance(decision, actor=actor, household=household, present=True)
    except DomainError as exc:
        present = Participation.objects.filter(
            decision=decision, household=household, channel=Channel.MEETING
        ).exists()
        if exc.code == "took_part" and present:
            return Scan(household, already=True)
        raise
    return Scan(household, already=False)


def meeting_outlook(decision: Decision) -> law.MeetingOutlook:
    """Can the meeting still adopt the matter with the households ticked present?"""
    present = Participation.objects.filter(decision=decision, channel=Channel.MEETING).count()
    households = ElectorEntry.objects.filter(decision=decision).count()
    return law.meeting_outlook(
        Kind(decision.kind), households=households, present=present, on=decision.voting_on
    )


@transaction.atomic(durable=True)
def carry_over(decision: Decision, *, actor) -> Decision:
    """Chuyển sang phát phiếu: when too few households attend to reach the share of ALL
    households, the matter goes to ballots handed to every household (Law Art. 19(1)(b)). The
    attendance is kept as a figure; the households present will vote by ballot like the others."""
    decision = locked(decision, "carry_over")
    require(actor, "manage_decision", decision)
    _meeting_running(decision)
    outlook = meeting_outlook(decision)
    with law_checks():
        law.check_fallback(
            Kind(decision.kind),
            households=outlook.households,
            present=outlook.present,
            on=decision.voting_on,
        )
    Participation.objects.filter(decision=decision, channel=Channel.MEETING).delete()
    decision.carried_over = True
    decision.allows_ballot = True
    decision.meeting_present = outlook.present
    decision.save(update_fields=["carried_over", "allows_ballot", "meeting_present", "updated_at"])
    audit("carry_over", decision, actor=actor, summary={"present": outlook.present})
    return decision


@transaction.atomic(durable=True)
def record_return(decision: Decision, *, actor, households: list[Household]) -> int:
    """Ghi nhận hộ nộp phiếu: the ballot team ticks the households whose ballot came back.
    One household, one ballot: a household that already took part by any channel is refused."""
    decision = locked(decision, "record_return")
    require(actor, "manage_decision", decision)
    if not decision.allows_ballot:
        raise DomainError("no_ballots", NO_BALLOTS)
    rows = []
    for household in households:
        entry = _entry(decision, household)
        rows.append(
            Participation(
                decision=decision,
                household=household,
                village_id=entry.village_id,
                channel=Channel.BALLOT,
            )
        )
    taken = Participation.objects.filter(decision=decision, household__in=households).first()
    if taken is not None:
        code = next(h.code for h in households if h.pk == taken.household_id)
        raise DomainError("took_part", TOOK_PART, ho=code)
    try:
        with transaction.atomic():
            Participation.objects.bulk_create(rows)
    except IntegrityError as exc:
        raise DomainError("took_part", TOOK_PART, ho="") from exc
    audit(
        "record_return", decision, actor=actor, summary={"households": [h.pk for h in households]}
    )
    return len(rows)


def _room(decision: Decision, village_id: int, channel: Channel, *, pending: bool) -> int:
    """Households that took part on ``channel`` in the village, less the ballots already in
    the box (and, when ``pending``, less those in batches awaiting confirmation)."""
    took_part = Participation.objects.filter(
        decision=decision, village_id=village_id, channel=channel
    ).count()
    statuses = [Batch.Status.CONFIRMED] + ([Batch.Status.PENDING] if pending else [])
    sources = [s for s, c in SOURCE_CHANNEL.items() if c == channel]
    entered = sum(
        b.total
        for b in decision.batches.filter(
            village_id=village_id, status__in=statuses, source__in=sources
        )
    )
    return took_part - entered


def _clean_counts(decision: Decision, counts: dict, invalid: int) -> dict[str, int]:
    valid_ids = {str(pk) for pk in decision.options.values_list("pk", flat=True)}
    clean = {}
    for key, value in counts.items():
        if str(key) not in valid_ids or not isinstance(value, int) or value < 0:
            raise DomainError("bad_count", BAD_COUNT)
        if value:
            clean[str(key)] = value
    if not isinstance(invalid, int) or invalid < 0:
        raise DomainError("bad_count", BAD_COUNT)
    if not clean and not invalid:
        raise DomainError("empty_batch", EMPTY_BATCH)
    return clean


def _village(decision: Decision, village: Village | None) -> Village:
    if decision.village_id:
        if village is not None and village.pk != decision.village_id:
            raise DomainError("wrong_village", WRONG_VILLAGE)
        return decision.village
    if village is None or village.commune_id != decision.commune_id:
        raise DomainError("wrong_village", WRONG_VILLAGE)
    return village


@transaction.atomic(durable=True)
def enter_batch(
    decision: Decision,
    *,
    actor,
    source: str,
    counts: dict,
    invalid: int = 0,
    village: Village | None = None,
) -> Batch:
    """Nhập tập phiếu: one person enters the counts of a batch of paper ballots (or the show
    of hands at the meeting). Refused when the batch holds more ballots than households that
    received and returned one and are not yet counted."""
    decision = locked(decision, "enter_batch")
    require(actor, "manage_decision", decision)
    source = Batch.Source(source)
    channel = SOURCE_CHANNEL[source]
    if channel == Channel.MEETING:
        _meeting_running(decision)
    elif not decision.allows_ballot:
        raise DomainError("no_ballots", NO_BALLOTS)
    place = _village(decision, village)
    clean = _clean_counts(decision, counts, invalid)
    batch = Batch(
        decision=decision,
        village=place,
        source=source,
        counts=clean,
        invalid=invalid,
        entered_by=actor,
    )
    room = _room(decision, place.pk, channel, pending=True)
    if batch.total > room:
        raise DomainError(
            "too_many", TOO_MANY, total=batch.total, room=max(room, 0), village=place.name
        )
    batch.full_clean()
    batch.save()
    audit("enter_batch", decision, actor=actor, obj=batch, summary={"ballots": batch.total})
    return batch


@transaction.atomic(durable=True)
def confirm_batch(batch: Batch, *, actor) -> Batch:
    """Xác nhận tập phiếu: a second, different person confirms the counts; only then do the
    ballots enter the box, in random order and with no trace of who entered them."""
    decision = locked(batch.decision, "confirm_batch")
    require(actor, "confirm_batch", decision)
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != Batch.Status.PENDING:
        raise DomainError("already_confirmed", ALREADY_CONFIRMED)
    if batch.entered_by_id == actor.pk:
        raise DomainError("same_person", SAME_PERSON)
    channel = SOURCE_CHANNEL[Batch.Source(batch.source)]
    room = _room(decision, batch.village_id, channel, pending=False)
    if batch.total > room:
        raise DomainError(
            "too_many", TOO_MANY, total=batch.total, room=max(room, 0), village=batch.village.name
        )
    rows = [int(pk) for pk, n in batch.counts.items() for _ in range(n)] + [None] * batch.invalid
    secrets.SystemRandom().shuffle(rows)
    Ballot.objects.bulk_create(
        [
            Ballot(
                decision=decision,
                village_id=batch.village_id,
                option_id=pk,
                receipt_hash=receipt_hash(new_receipt_code()),
            )
            for pk in rows
        ],
        batch_size=1000,
    )
    batch.status = Batch.Status.CONFIRMED
    batch.confirmed_by = actor
    batch.save(update_fields=["status", "confirmed_by", "updated_at"])
    audit("confirm_batch", decision, actor=actor, obj=batch, summary={"ballots": batch.total})
    return batch

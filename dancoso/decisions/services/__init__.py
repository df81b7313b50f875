"""Every write of Dân quyết (one service per use case; permission, law, audit in one
transaction)."""

from .decisions import open_decision, schedule_warnings
from .initiatives import (
    approve_initiative,
    consent_status,
    give_consent,
    put_initiative_to_vote,
    start_initiative,
)
from .lifecycle import (
    change_electorate,
    close_voting,
    count_votes,
    open_voting,
    publish_electorate,
    publish_result,
    shuffle_ballot_box,
)
from .meeting import (
    carry_over,
    confirm_batch,
    enter_batch,
    meeting_outlook,
    record_attendance,
    record_return,
    record_scan,
)
from .officers import record_officers
from .recognition import effective_on, record_recognition, send_decision
from .reminders import remind_households
from .voting import Receipt, answer_online_poll, cast_ballot, receipt_hash

__all__ = [
    "Receipt",
    "answer_online_poll",
    "approve_initiative",
    "consent_status",
    "give_consent",
    "put_initiative_to_vote",
    "start_initiative",
    "carry_over",
    "cast_ballot",
    "change_electorate",
    "close_voting",
    "confirm_batch",
    "count_votes",
    "effective_on",
    "record_officers",
    "record_recognition",
    "remind_households",
    "send_decision",
    "enter_batch",
    "meeting_outlook",
    "open_decision",
    "open_voting",
    "publish_electorate",
    "publish_result",
    "receipt_hash",
    "record_attendance",
    "record_return",
    "record_scan",
    "schedule_warnings",
    "shuffle_ballot_box",
]

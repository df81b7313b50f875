"""Every write of the oversight app: permission check, law checks, ``full_clean()``, save and
one audit event, in one transaction."""

from .boards import add_member, end_membership, form_board, recognise_board, register_project
from .elections import seat_elected
from .tips import answer_tip, send_tip
from .work import (
    add_activity,
    answer_recommendation,
    approve_plan,
    create_plan,
    escalate_overdue,
    judge_answer,
    record_supervision,
    send_recommendation,
)

__all__ = [
    "add_activity",
    "add_member",
    "answer_tip",
    "answer_recommendation",
    "approve_plan",
    "create_plan",
    "end_membership",
    "escalate_overdue",
    "form_board",
    "judge_answer",
    "recognise_board",
    "record_supervision",
    "register_project",
    "seat_elected",
    "send_tip",
    "send_recommendation",
]

"""Every write of the feedback app (DESIGN.md rule 2), one module per part of the flow."""

from .alerts import send_deadline_alerts
from .desks import create_desk, rate_desk, set_desk_active
from .followup import file_follow_up, take_follow_up
from .handling import (
    accept_case,
    add_information,
    answer_case,
    assign_case,
    classify_case,
    close_case,
    extend_case,
    make_inspection_lead,
    merge_case,
    refuse_case,
    request_information,
    transfer_case,
)
from .intake import submit_case, take_case
from .resident import publish_answer, rate_answer, request_review
from .routing import route_upward
from .sessions import (
    add_attendee,
    add_item,
    cancel_session,
    mark_held,
    open_follow_up,
    publish_session,
    schedule_session,
)
from .surveys import (
    answer_survey,
    close_survey,
    create_survey,
    enter_paper_answers,
    open_survey,
)
from .upper import set_upper_body

__all__ = [
    "answer_survey",
    "close_survey",
    "create_survey",
    "enter_paper_answers",
    "open_survey",
    "add_attendee",
    "add_item",
    "cancel_session",
    "mark_held",
    "open_follow_up",
    "publish_session",
    "schedule_session",
    "accept_case",
    "add_information",
    "answer_case",
    "assign_case",
    "classify_case",
    "close_case",
    "create_desk",
    "extend_case",
    "file_follow_up",
    "take_follow_up",
    "route_upward",
    "set_upper_body",
    "set_desk_active",
    "make_inspection_lead",
    "merge_case",
    "publish_answer",
    "rate_answer",
    "rate_desk",
    "refuse_case",
    "request_information",
    "request_review",
    "send_deadline_alerts",
    "submit_case",
    "take_case",
    "transfer_case",
]

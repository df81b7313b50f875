from .commune import workspace_commune, workspace_form_board, workspace_project
from .public import board_detail, board_list, board_report
from .records import (
    workspace_activity_recommendation,
    workspace_end_member,
    workspace_evidence,
    workspace_recognise,
    workspace_record,
)
from .tips import board_tip, tip_status, workspace_answer_tip, workspace_tips
from .workspace import (
    workspace,
    workspace_activity,
    workspace_answer,
    workspace_approve,
    workspace_board,
    workspace_elected,
    workspace_judge,
    workspace_member,
    workspace_plan,
)

__all__ = [
    "board_detail",
    "board_list",
    "board_report",
    "board_tip",
    "tip_status",
    "workspace",
    "workspace_activity",
    "workspace_activity_recommendation",
    "workspace_answer",
    "workspace_answer_tip",
    "workspace_approve",
    "workspace_board",
    "workspace_commune",
    "workspace_elected",
    "workspace_end_member",
    "workspace_evidence",
    "workspace_form_board",
    "workspace_judge",
    "workspace_member",
    "workspace_plan",
    "workspace_project",
    "workspace_recognise",
    "workspace_record",
    "workspace_tips",
]

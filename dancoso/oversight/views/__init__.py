from .public import board_detail, board_list
from .workspace import (
    workspace,
    workspace_activity,
    workspace_answer,
    workspace_approve,
    workspace_board,
    workspace_judge,
    workspace_member,
    workspace_plan,
)

__all__ = [
    "board_detail",
    "board_list",
    "workspace",
    "workspace_activity",
    "workspace_answer",
    "workspace_approve",
    "workspace_board",
    "workspace_judge",
    "workspace_member",
    "workspace_plan",
]

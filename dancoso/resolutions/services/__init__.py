"""Every write of the resolutions app (DESIGN.md rule 2): check the permission, run the law
checks, save, audit once, in one transaction."""

from .figures import audit_figure, report_figure
from .plans import add_task, adopt_plan, flag_overdue, request_report, update_task
from .resolutions import (
    add_measure_group,
    add_measure_item,
    add_target,
    change_target,
    create_resolution,
    import_file,
    import_resolution,
    update_resolution,
)

__all__ = [
    "add_measure_group",
    "add_measure_item",
    "add_target",
    "add_task",
    "adopt_plan",
    "audit_figure",
    "change_target",
    "create_resolution",
    "flag_overdue",
    "import_file",
    "import_resolution",
    "report_figure",
    "request_report",
    "update_resolution",
    "update_task",
]

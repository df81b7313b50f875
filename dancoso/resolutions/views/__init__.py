from .dashboard import (
    dashboard_page,
    dashboard_xlsx,
    evidence,
    figure_audit,
    report_detail,
    report_file,
    report_new,
)
from .plans import my_tasks, plan_detail, plan_new, task_detail
from .resolutions import (
    figure_report,
    resolution_detail,
    resolution_edit,
    resolution_import,
    resolution_list,
    resolution_new,
    target_add,
    target_edit,
)

__all__ = [
    "dashboard_page",
    "dashboard_xlsx",
    "evidence",
    "figure_audit",
    "figure_report",
    "my_tasks",
    "plan_detail",
    "plan_new",
    "report_detail",
    "report_file",
    "report_new",
    "resolution_detail",
    "resolution_edit",
    "resolution_import",
    "resolution_list",
    "resolution_new",
    "target_add",
    "target_edit",
    "task_detail",
]

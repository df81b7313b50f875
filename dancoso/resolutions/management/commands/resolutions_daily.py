"""``manage.py resolutions_daily``: flag overdue plan tasks (and tell their assignees), then
recompute this year's dashboard snapshot of every resolution in force. Run once a day, or
enqueue ``dancoso.resolutions.tasks.flag_overdue_tasks`` and ``refresh_all_dashboards``."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from dancoso.resolutions import services, snapshots


class Command(BaseCommand):
    help = "Đánh dấu nhiệm vụ quá hạn, báo người được giao; tính lại bảng theo dõi."

    def handle(self, *args, **options):
        flagged = services.flag_overdue()
        refreshed = snapshots.refresh_current(timezone.localdate())
        self.stdout.write(
            f"{flagged} nhiệm vụ quá hạn đã báo; {refreshed} bảng theo dõi đã tính lại."
        )

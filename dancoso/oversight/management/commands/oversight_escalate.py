"""Escalate recommendations unanswered past their legal due date (run daily)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from dancoso.core.actors import SystemActor
from dancoso.oversight.services import escalate_overdue


class Command(BaseCommand):
    help = "Chuyển kiến nghị quá hạn chưa trả lời lên lãnh đạo UBND xã."

    def handle(self, *args, **options):
        count = escalate_overdue(SystemActor("oversight_escalate"), today=timezone.localdate())
        self.stdout.write(f"{count} kiến nghị được chuyển lên lãnh đạo xã.")

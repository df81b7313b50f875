"""``manage.py feedback_alerts``: remind officers of deadlines about to lapse and tell leaders
of lapsed ones (run it daily from cron, or enqueue ``tasks.send_alerts``)."""

from django.core.management.base import BaseCommand

from dancoso.feedback.services import send_deadline_alerts


class Command(BaseCommand):
    help = "Nhắc hạn và báo lãnh đạo các hồ sơ phản ánh, kiến nghị sắp hoặc đã quá hạn."

    def handle(self, *args, **options):
        sent = send_deadline_alerts()
        self.stdout.write(f"Đã nhắc {sent['reminders']} hạn, báo quá hạn {sent['escalations']}.")

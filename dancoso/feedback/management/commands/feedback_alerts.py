"""``manage.py feedback_alerts``: remind officers of deadlines about to lapse, tell leaders of
lapsed ones, and send to the upper level what the law sends there (run it daily from cron, or
enqueue ``tasks.send_alerts``)."""

from django.core.management.base import BaseCommand

from dancoso.feedback.services import send_deadline_alerts


class Command(BaseCommand):
    help = "Nhắc hạn và báo lãnh đạo các hồ sơ phản ánh, kiến nghị sắp hoặc đã quá hạn."

    def handle(self, *args, **options):
        sent = send_deadline_alerts()
        self.stdout.write(
            f"Đã nhắc {sent['reminders']} hạn, báo quá hạn {sent['escalations']}, "
            f"chuyển lên cấp trên {sent['routed']}."
        )

"""``manage.py feedback_read_mailbox``: turn the unread messages of the feedback mailbox into
cases (run every few minutes from cron; off unless DANCOSO_FEEDBACK_IMAP_HOST is set)."""

from django.core.management.base import BaseCommand

from dancoso.feedback.mailbox import read_mailbox


class Command(BaseCommand):
    help = "Đọc hộp thư phản ánh, kiến nghị (IMAP) và tạo hồ sơ cho mỗi thư mới."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã tạo {read_mailbox()} hồ sơ từ thư điện tử.")

"""``manage.py audit_lockdown ROLE``: the application's PostgreSQL role may only read and append
to the audit log (run once by the database owner after migrating; see docs/operator.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from dancoso.audit.guard import TABLE


class Command(BaseCommand):
    help = "Chỉ cho vai trò CSDL của ứng dụng đọc và thêm vào nhật ký kiểm toán (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("role", help="tên vai trò PostgreSQL mà ứng dụng dùng để kết nối")

    def handle(self, *args, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Lệnh này chỉ dùng cho PostgreSQL (PostgreSQL only).")
        quoted = connection.ops.quote_name(role)
        with connection.cursor() as cursor:
            cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {TABLE} FROM {quoted}")
            cursor.execute(f"GRANT SELECT, INSERT ON {TABLE} TO {quoted}")
        self.stdout.write(f"Vai trò {role}: chỉ được SELECT, INSERT trên {TABLE}.")

"""``manage.py audit_lockdown ROLE``: the application's PostgreSQL role may only read and append
to the audit log (run once by the database owner after migrating; see docs/operator.md).

The role gets SELECT and INSERT on the events and SELECT, INSERT and UPDATE on the chain heads
(an append moves its head); UPDATE, DELETE and TRUNCATE of events are revoked, so an UPDATE or
DELETE from the application fails with "permission denied" before any trigger runs. A superuser
or the tables' owner can grant itself anything back, so the command refuses such a role.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from dancoso.audit.guard import TABLE

HEAD_TABLE = "audit_auditchainhead"


class Command(BaseCommand):
    help = "Chỉ cho vai trò CSDL của ứng dụng đọc và thêm vào nhật ký kiểm toán (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("role", help="tên vai trò PostgreSQL mà ứng dụng dùng để kết nối")

    def handle(self, *args, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Lệnh này chỉ dùng cho PostgreSQL (PostgreSQL only).")
        with connection.cursor() as cursor:
            _refuse_unsafe_role(cursor, role)
            quoted = connection.ops.quote_name(role)
            for table, rights in (
                (TABLE, "SELECT, INSERT"),
                (HEAD_TABLE, "SELECT, INSERT, UPDATE"),
            ):
                cursor.execute(f"REVOKE ALL ON {table} FROM PUBLIC")
                cursor.execute(f"REVOKE ALL ON {table} FROM {quoted}")
                cursor.execute(f"GRANT {rights} ON {table} TO {quoted}")
        self.stdout.write(
            f"Vai trò {role}: chỉ được SELECT, INSERT trên {TABLE} "
            f"và SELECT, INSERT, UPDATE trên {HEAD_TABLE}."
        )


def _refuse_unsafe_role(cursor, role: str) -> None:
    cursor.execute(
        "SELECT r.rolsuper, pg_has_role(r.oid, c.relowner, 'USAGE') "
        "FROM pg_roles r, pg_class c WHERE r.rolname = %s AND c.oid = %s::regclass",
        [role, TABLE],
    )
    row = cursor.fetchone()
    if row is None:
        raise CommandError(f"Không có vai trò PostgreSQL “{role}” (no such role).")
    is_superuser, owns_table = row
    if is_superuser or owns_table:
        raise CommandError(
            f"Vai trò “{role}” là superuser hoặc sở hữu bảng {TABLE} nên có thể tự cấp lại "
            "quyền sửa, xóa. Hãy chạy migrate bằng vai trò chủ sở hữu và cho ứng dụng kết nối "
            "bằng một vai trò khác (role is a superuser or owns the table)."
        )

# ruff: noqa: S608 -- raw SQL on purpose: a superuser tampering; names are constants
"""The database itself keeps the audit log append-only (SECURITY.md "Audit", test 18): the
trigger refuses UPDATE, DELETE (and TRUNCATE on PostgreSQL) unless a superuser switches on
maintenance, and on PostgreSQL the application's role, after ``audit_lockdown``, gets
"permission denied" for UPDATE, DELETE and TRUNCATE while INSERT and SELECT still work."""

import io
import secrets
import sqlite3
from unittest.mock import patch

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from dancoso.audit import guard
from dancoso.audit.models import AuditEvent
from dancoso.audit.queries import verify_chain
from dancoso.audit.services import record

CODE = 6193
CHAIN = f"commune:{CODE}"


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def some_events(n: int = 3) -> list[AuditEvent]:
    return [record("places.rename_village", actor=None, obj=("places.village", i),
                   summary={"to": f"Thôn {i}"}, commune_code=CODE) for i in range(n)]  # fmt: skip


@pytest.fixture
def guarded(db):
    """The trigger armed on this connection, as in production; disarmed again afterwards."""
    guard.maintenance(connection, False)
    yield
    guard.maintenance(connection, True)


def refused(statement: str, params=(), match: str = guard.MESSAGE):
    with pytest.raises(DatabaseError, match=match), transaction.atomic():
        sql(statement, params)


def test_the_trigger_refuses_updates_and_deletes(guarded):
    events = some_events()
    refused(f"UPDATE {guard.TABLE} SET actor_label = 'kẻ gian' WHERE id = %s", [events[1].pk])
    refused(f"DELETE FROM {guard.TABLE} WHERE id = %s", [events[1].pk])
    refused(f"DELETE FROM {guard.TABLE}")
    with pytest.raises(DatabaseError, match=guard.MESSAGE), transaction.atomic():
        AuditEvent.objects.filter(pk=events[0].pk).update(summary={"sửa": 1})
    with pytest.raises(DatabaseError, match=guard.MESSAGE), transaction.atomic():
        events[2].delete()
    assert AuditEvent.objects.count() == 3
    assert verify_chain(CHAIN) == (3, None)


def test_appending_still_works_while_the_trigger_is_armed(guarded):
    some_events(2)
    some_events(1)
    assert verify_chain(CHAIN) == (3, None)


@pytest.mark.postgres
def test_the_trigger_refuses_truncate_on_postgresql(guarded):
    some_events()
    refused(f"TRUNCATE {guard.TABLE}")
    assert AuditEvent.objects.count() == 3


def test_maintenance_lets_a_superuser_through_and_the_change_applies(db):
    events = some_events()
    guard.maintenance(connection, True)
    sql(f"UPDATE {guard.TABLE} SET actor_label = %s WHERE id = %s", ["đã sửa", events[0].pk])
    sql(f"DELETE FROM {guard.TABLE} WHERE id = %s", [events[2].pk])
    assert list(AuditEvent.objects.order_by("seq").values_list("actor_label", flat=True)) == [
        "đã sửa", "system"]  # fmt: skip
    _count, problem = verify_chain(CHAIN)
    assert problem is not None and problem.position == 1


def test_a_tool_opening_the_sqlite_file_without_the_guard_cannot_delete(tmp_path):
    """The SQLite triggers call a function only the application registers: the sqlite3 shell
    or any other program fails on UPDATE or DELETE instead of changing the log."""
    db = sqlite3.connect(tmp_path / "audit.sqlite3")
    db.execute(f"CREATE TABLE {guard.TABLE} (id INTEGER PRIMARY KEY, actor_label TEXT)")
    for statement in guard.SQLITE_INSTALL:
        db.execute(statement)
    db.execute(f"INSERT INTO {guard.TABLE} (actor_label) VALUES ('canbo')")
    for statement in (f"DELETE FROM {guard.TABLE}", f"UPDATE {guard.TABLE} SET actor_label='x'"):
        with pytest.raises(sqlite3.OperationalError, match="dancoso_audit_maintenance"):
            db.execute(statement)
    assert db.execute(f"SELECT actor_label FROM {guard.TABLE}").fetchall() == [("canbo",)]
    db.close()


# --- PostgreSQL: the application's role ---------------------------------------------------------


@pytest.fixture
def app_role(db):
    """A fresh non-superuser role (created inside the test's transaction, so it vanishes with
    it) that was first given every right, as a careless deployment would, then locked down by
    the command an operator runs."""
    role = f"dancoso_app_{secrets.token_hex(4)}"
    sql(f'CREATE ROLE "{role}" NOLOGIN NOSUPERUSER')
    sql(f'GRANT ALL ON {guard.TABLE}, audit_auditchainhead TO "{role}"')
    out = io.StringIO()
    call_command("audit_lockdown", role, stdout=out)
    assert f"Vai trò {role}: chỉ được SELECT, INSERT" in out.getvalue()
    return role


def denied(statement: str, params=()):
    refused(statement, params, match="permission denied")


@pytest.mark.postgres
def test_the_locked_down_role_may_append_and_read_but_not_change(app_role):
    events = some_events(2)
    with transaction.atomic():
        sql(f'SET LOCAL ROLE "{app_role}"')
        guard.maintenance(connection, True)  # the grants refuse even with the trigger off
        denied(f"UPDATE {guard.TABLE} SET actor_label = 'x' WHERE id = %s", [events[0].pk])
        denied(f"DELETE FROM {guard.TABLE} WHERE id = %s", [events[0].pk])
        denied(f"TRUNCATE {guard.TABLE}")
        denied("DELETE FROM audit_auditchainhead")
        record("places.rename_village", actor=None, obj=("places.village", 9),
               summary={"to": "Thôn 9"}, commune_code=CODE)  # fmt: skip
        assert verify_chain(CHAIN) == (3, None)
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == app_role
        transaction.set_rollback(True)


@pytest.mark.postgres
def test_lockdown_refuses_roles_that_could_grant_themselves_back(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        superuser = cursor.fetchone()[0]
    with pytest.raises(CommandError, match="superuser"):
        call_command("audit_lockdown", superuser)
    with pytest.raises(CommandError, match="Không có vai trò"):
        call_command("audit_lockdown", f"no_such_role_{secrets.token_hex(4)}")


def test_lockdown_is_for_postgresql_only(db):
    with patch.object(connection, "vendor", "sqlite"), pytest.raises(CommandError, match="Postgr"):
        call_command("audit_lockdown", "dancoso")

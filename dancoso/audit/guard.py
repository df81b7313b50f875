"""The database refuses to change or remove audit rows (SECURITY.md: append-only log).

PostgreSQL: a trigger raises ``insufficient_privilege`` on UPDATE, DELETE and TRUNCATE of
``audit_auditevent``. SQLite: triggers call ``dancoso_audit_maintenance()``, a function this
module registers on each connection; a tool that opens the file without it fails too.

The only way past the trigger is the maintenance switch, which the test suite turns on for
every connection (``MAINTENANCE_BY_DEFAULT``) so it can empty tables between tests; tests of
the guard switch it off with ``maintenance(connection, False)``. Nothing in the application
turns it on. In production the application's database role is also denied UPDATE, DELETE and
TRUNCATE by ``manage.py audit_lockdown``, so even a bug cannot switch it.
"""

from django.db.backends.signals import connection_created

TABLE = "audit_auditevent"
MESSAGE = "audit log is append-only"

POSTGRES_INSTALL = f"""
CREATE OR REPLACE FUNCTION dancoso_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('dancoso.audit_maintenance', true), '') = 'on' THEN
    IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NULL;
  END IF;
  RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
END; $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_no_change ON {TABLE};
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION dancoso_audit_append_only();
DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE};
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE}
  FOR EACH STATEMENT EXECUTE FUNCTION dancoso_audit_append_only();
"""
POSTGRES_REMOVE = f"""
DROP TRIGGER IF EXISTS audit_no_change ON {TABLE};
DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS dancoso_audit_append_only();
"""
SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_{op.lower()} BEFORE {op} ON {TABLE}
        WHEN NOT dancoso_audit_maintenance()
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
    for op in ("UPDATE", "DELETE")
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_no_update;",
    "DROP TRIGGER IF EXISTS audit_no_delete;",
]


def install(schema_editor) -> None:
    _run(schema_editor, POSTGRES_INSTALL, SQLITE_INSTALL)


def remove(schema_editor) -> None:
    _run(schema_editor, POSTGRES_REMOVE, SQLITE_REMOVE)


def _run(schema_editor, postgres_sql: str, sqlite_statements: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres_sql)
    elif vendor == "sqlite":
        for statement in sqlite_statements:
            schema_editor.execute(statement)


def maintenance(connection, on: bool) -> None:
    """Switch the trigger off (``on=True``) or back on for this connection only."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('dancoso.audit_maintenance', %s, false)", ["on" if on else "off"]
            )
    else:
        connection.audit_maintenance_switch[0] = on


MAINTENANCE_BY_DEFAULT = False


def _on_new_connection(sender, connection, **kwargs) -> None:
    if connection.vendor == "postgresql" and MAINTENANCE_BY_DEFAULT:
        with connection.connection.cursor() as cursor:
            cursor.execute("SELECT set_config('dancoso.audit_maintenance', 'on', false)")
    if connection.vendor != "sqlite":
        return
    switch = connection.audit_maintenance_switch = [MAINTENANCE_BY_DEFAULT]
    connection.connection.create_function(
        "dancoso_audit_maintenance", 0, lambda: int(switch[0]), deterministic=False
    )


def connect() -> None:
    connection_created.connect(_on_new_connection, dispatch_uid="dancoso_audit_guard")

"""Search indexes. PostgreSQL: the ``unaccent`` and ``pg_trgm`` extensions, a full-text GIN
index and a trigram GIN index over the folded text. SQLite: an FTS5 table over the same folded
text (rowid = disclosure id), kept by the services. Each part runs only on its database."""

from django.db import migrations

PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS disclosure_fts ON disclosure_disclosure "
    "USING gin (to_tsvector('simple', search_text))",
    "CREATE INDEX IF NOT EXISTS disclosure_trgm ON disclosure_disclosure "
    "USING gin (search_text gin_trgm_ops)",
]
PG_DOWN = ["DROP INDEX IF EXISTS disclosure_fts", "DROP INDEX IF EXISTS disclosure_trgm"]
SQLITE_UP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS disclosure_fts USING fts5("
    "search_text, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS disclosure_fts"]


def _run(statements: dict):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": PG_DOWN, "sqlite": SQLITE_DOWN}),
        ),
    ]

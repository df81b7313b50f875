"""PostgreSQL: keep the folded text's ``tsvector`` in a stored generated column with its GIN
index, instead of computing ``to_tsvector`` on every row a search looks at (the benchmark showed
it at 500,000 disclosures: bench/disclosure.py, docs/benchmarks.md). SQLite: nothing (FTS5)."""

from django.db import migrations

PG_UP = [
    "ALTER TABLE disclosure_disclosure ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS disclosure_vector ON disclosure_disclosure USING gin (search_vector)",
    "DROP INDEX IF EXISTS disclosure_fts",
]
PG_DOWN = [
    "CREATE INDEX IF NOT EXISTS disclosure_fts ON disclosure_disclosure "
    "USING gin (to_tsvector('simple', search_text))",
    "DROP INDEX IF EXISTS disclosure_vector",
    "ALTER TABLE disclosure_disclosure DROP COLUMN IF EXISTS search_vector",
]


def _run(statements: list[str]):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0003_search_vocabulary")]

    operations = [migrations.RunPython(_run(PG_UP), _run(PG_DOWN))]

"""SQLite: an ``fts5vocab`` view of the FTS5 table's words, so a search term with one wrong
letter is matched to the words that exist (``search.py``). PostgreSQL needs nothing here: its
trigram index answers typos."""

from django.db import migrations

SQLITE_UP = "CREATE VIRTUAL TABLE IF NOT EXISTS disclosure_fts_vocab USING fts5vocab('disclosure_fts', 'row')"
SQLITE_DOWN = "DROP TABLE IF EXISTS disclosure_fts_vocab"


def _run(sql: str):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0002_search")]

    operations = [migrations.RunPython(_run(SQLITE_UP), _run(SQLITE_DOWN))]

"""Reinstall the append-only trigger function: in maintenance mode an UPDATE must apply (the
first version returned OLD, which silently kept the old row)."""

from django.db import migrations


def install(apps, schema_editor):
    from dancoso.audit import guard

    guard.install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_action_index")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

"""``manage.py load_resolution <file>``: import a resolution file (dancoso-resolution/1)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dancoso.core.actors import SystemActor
from dancoso.core.errors import DomainError
from dancoso.resolutions import services
from dancoso.resolutions.importing import ImportRefused


class Command(BaseCommand):
    help = "Nhập một nghị quyết từ tệp YAML/JSON theo định dạng dancoso-resolution/1."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files, **options):
        actor = SystemActor("load_resolution")
        failed = 0
        for path in files:
            try:
                resolution = services.import_file(actor, path.read_bytes(), path.name)
            except ImportRefused as refused:
                failed += 1
                for message in refused.messages:
                    self.stderr.write(message)
            except (DomainError, OSError) as error:
                failed += 1
                self.stderr.write(f"{path.name}: {error}")
            else:
                count = resolution.targets.count()
                self.stdout.write(f"{path.name}: đã nhập {resolution.number} ({count} mục tiêu)")
        if failed:
            raise CommandError(f"{failed} tệp bị từ chối; không có gì được ghi từ các tệp đó.")

"""``manage.py load_places``: import the 34 provinces and 3,321 communes (idempotent)."""

from django.core.management.base import BaseCommand

from dancoso.core.actors import SystemActor
from dancoso.places.services import load_places


class Command(BaseCommand):
    help = "Nạp 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu theo mã chính thức."

    def handle(self, *args, **options):
        result = load_places(actor=SystemActor("load_places"))
        for name, r in result.items():
            self.stdout.write(
                f"{name}: {r.created} mới, {r.updated} cập nhật, {r.unchanged} không đổi"
            )

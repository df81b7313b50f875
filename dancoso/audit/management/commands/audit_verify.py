"""``manage.py audit_verify``: re-hash every chain and report the first broken event.

``--published POSITION:HASH`` (with ``--chain``, repeatable) also checks hashes published
earlier on the commune's public page or in its reports: a history rewritten by a database
superuser who recomputed every hash no longer reaches them.
"""

import re

from django.core.management.base import BaseCommand, CommandError

from dancoso.audit.queries import all_chains, verify_chain

PUBLISHED = re.compile(r"^(\d+):([0-9a-f]{64})$")


class Command(BaseCommand):
    help = "Kiểm tra toàn vẹn nhật ký kiểm toán (verify the audit hash chains)."

    def add_arguments(self, parser):
        parser.add_argument("--chain", help="chỉ kiểm tra một chuỗi, ví dụ commune:6193")
        parser.add_argument(
            "--published", action="append", default=[], metavar="VỊ_TRÍ:MÃ_BĂM",
            help="mã đầu chuỗi đã công bố, ví dụ 120:3fa1…; dùng cùng --chain, lặp lại được",
        )  # fmt: skip

    def handle(self, *args, chain=None, published=(), **options):
        anchors = _anchors(published, chain)
        chains = [chain] if chain else list(all_chains())
        broken, total = [], 0
        for name in chains:
            count, problem = verify_chain(name, anchors)
            total += count
            if problem:
                broken.append(problem)
                self.stderr.write(str(problem))
        if broken:
            raise CommandError(f"{len(broken)}/{len(chains)} chuỗi bị hỏng (chains broken).")
        self.stdout.write(f"OK: {total} sự kiện trong {len(chains)} chuỗi toàn vẹn.")


def _anchors(published, chain) -> dict[int, str]:
    if published and not chain:
        raise CommandError("--published cần đi cùng --chain (needs --chain).")
    anchors = {}
    for item in published:
        match = PUBLISHED.match(item.strip().lower())
        if not match:
            raise CommandError(
                f"“{item}” không đúng dạng VỊ_TRÍ:MÃ_BĂM (số, dấu hai chấm, 64 ký tự hex)."
            )
        anchors[int(match[1])] = match[2]
    return anchors

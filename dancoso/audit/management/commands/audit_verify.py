"""``manage.py audit_verify``: re-hash every chain and report the first broken event."""

from django.core.management.base import BaseCommand, CommandError

from dancoso.audit.queries import all_chains, verify_chain


class Command(BaseCommand):
    help = "Kiểm tra toàn vẹn nhật ký kiểm toán (verify the audit hash chains)."

    def add_arguments(self, parser):
        parser.add_argument("--chain", help="chỉ kiểm tra một chuỗi, ví dụ commune:6193")

    def handle(self, *args, chain=None, **options):
        chains = [chain] if chain else list(all_chains())
        broken, total = [], 0
        for name in chains:
            count, problem = verify_chain(name)
            total += count
            if problem:
                broken.append(problem)
                self.stderr.write(str(problem))
        if broken:
            raise CommandError(f"{len(broken)}/{len(chains)} chuỗi bị hỏng (chains broken).")
        self.stdout.write(f"OK: {total} sự kiện trong {len(chains)} chuỗi toàn vẹn.")

"""``manage.py feedback_upper_body <province code> <agency id>``: register the provincial body
that receives the cases a commune may not keep (second complaints, follow-up denunciations,
denunciations outside its competence). Without an argument after the province, show it."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dancoso.core.actors import SystemActor
from dancoso.feedback.models import UpperBody
from dancoso.feedback.services import set_upper_body
from dancoso.places.models import Agency, Province


class Command(BaseCommand):
    help = "Khai báo cơ quan cấp trên (cấp tỉnh) nhận khiếu nại lần hai, tố cáo tiếp."

    def add_arguments(self, parser):
        parser.add_argument("province", type=int, help="mã tỉnh")
        parser.add_argument("agency", type=int, nargs="?", help="mã số (id) cơ quan cấp tỉnh")

    def handle(self, *args, **options):
        province = Province.objects.filter(code=options["province"]).first()
        if province is None:
            raise CommandError("Không có tỉnh với mã này.")
        if options["agency"] is None:
            body = UpperBody.objects.filter(province=province).select_related("agency").first()
            self.stdout.write(body.agency.name if body else "Chưa khai báo.")
            return
        agency = Agency.objects.filter(pk=options["agency"]).first()
        if agency is None:
            raise CommandError("Không có cơ quan với mã số này.")
        try:
            set_upper_body(province, actor=SystemActor("feedback_upper_body"), agency=agency)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Đã khai báo: {agency.name}.")

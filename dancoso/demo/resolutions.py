"""Demo resolutions: every seed file in ``dancoso/resolutions/seeds/`` whose place is on the
map is imported through the resolutions services; for the resolution of Xã Cao Lộc the People's
Committee adopts this year's plan with tasks assigned to villages and agencies (one already
overdue), each village reports its hand-entered figures with a note, and the dashboard snapshot
is computed, so the dashboard shows live values from the rest of the demo data."""

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from dancoso.core.actors import SystemActor
from dancoso.core.errors import DomainError
from dancoso.resolutions import services, snapshots
from dancoso.resolutions.importing import ImportRefused
from dancoso.resolutions.models import MeasureItem, Resolution

SEEDS = Path(settings.BASE_DIR) / "dancoso" / "resolutions" / "seeds"
SYSTEM = SystemActor("load_demo")
TASKS = [
    "Tổ chức hội nghị phổ biến Luật Thực hiện dân chủ ở cơ sở tại nhà văn hóa",
    "Niêm yết công khai dự toán ngân sách xã tại nhà văn hóa thôn",
    "Rà soát hương ước, quy ước và đề xuất sửa đổi",
    "Cập nhật chuyên mục dân chủ ở cơ sở trên trang thông tin điện tử",
]


def load_seeds(folder: Path = SEEDS, write=print) -> list[Resolution]:
    """Import each seed not imported yet; a refused file is reported, never half-written."""
    loaded = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            loaded.append(services.import_file(SYSTEM, path.read_bytes(), path.name))
        except ImportRefused as refused:
            write(f"Bỏ qua {path.name}: " + "; ".join(refused.messages[:3]))
        except DomainError as error:
            write(f"Bỏ qua {path.name}: {error.message}")
    return loaded


def run_plan(resolution: Resolution, villages, agencies) -> None:
    """This year's plan, its tasks, hand-reported figures and the dashboard snapshot."""
    today = timezone.localdate()
    year = today.year
    if year not in snapshots.years_of(resolution, today) or resolution.plans.exists():
        return
    plan = services.adopt_plan(
        SYSTEM, resolution, year=year, number="12/KH-UBND", adopted_on=date(year, 1, 15)
    )
    items = list(MeasureItem.objects.filter(group__resolution=resolution).order_by("pk")[:4])
    units = [{"village": v} for v in villages[:3]] + [{"agency": a} for a in agencies[:1]]
    for i, (title, unit) in enumerate(zip(TASKS, units, strict=False)):
        deadline = min(
            date(year, 12, 31), max(date(year, 1, 20), today + timedelta(days=30 * i - 10))
        )
        task = services.add_task(
            SYSTEM,
            plan,
            title=title,
            deadline=deadline,
            measure_item=items[i] if i < len(items) else None,
            **unit,
        )
        if i == 1:
            services.update_task(
                SYSTEM,
                task,
                status="in_progress",
                note="Đã niêm yết tại 3 nhà văn hóa thôn; còn 2 thôn chưa niêm yết.",
            )
    start = date(year, 1, 1)
    for target in resolution.targets.filter(manual_reporter="village"):
        for n, village in enumerate(villages):
            services.report_figure(
                SYSTEM,
                target,
                unit=village,
                period_start=start,
                period_end=today,
                numerator=3 + n % 3,
                denominator=5,
                note="Theo danh sách tham dự lớp bồi dưỡng của thôn",
            )
    snapshots.refresh(resolution, year)


def load_resolutions(commune, villages, agencies) -> None:
    """Import the seeds and run the Cao Lộc plan (nothing is repeated on a second run)."""
    load_seeds()
    own = Resolution.objects.filter(commune=commune).first()
    if own is not None:
        run_plan(own, villages, agencies)

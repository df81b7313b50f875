"""The annual report of the People's Committee to the People's Council on implementing a
resolution (Law 10/2022 Art. 86(1); Art. 85(2) for a province), in the Decree 30/2020 frame
as DOCX and PDF, with an XLSX annex of every indicator per unit.

Built from the dashboard data computed for the report (never from a stale snapshot): the body
lists each target with its threshold, figure and state — hand-reported ones marked as such —
then the measure groups and their items. For a province the annex also has every commune's
villages and agencies, computed one target at a time over the whole province (one grouped
query per target and level, not one per commune), which is what the job's progress counts."""

from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from dancoso.documents import pdf, word
from dancoso.documents.frame import Document, Heading, Signature, Table, Text, without_prefix

from . import dashboard, export
from .models import ReportJob, Resolution

STATE_WORDS = export.STATE_LABELS


def _percent(value) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + "%"


def _target_table(data: dict) -> Table:
    rows = tuple(
        (
            t["code"],
            t["text"],
            _percent(t["threshold"]),
            f"{t['numerator']}/{t['denominator']}",
            _percent(t["percent"]),
            STATE_WORDS[t["state"]],
            "Báo cáo, không tính tự động" if t["manual"] else "Tự động",
        )
        for t in data["targets"]
    )
    header = ("Mã", "Mục tiêu", "Mức đạt", "Số liệu", "Kết quả", "Đánh giá", "Nguồn số liệu")
    return Table(header=header, rows=rows)


def _measures(resolution: Resolution) -> list:
    blocks = []
    for group in resolution.measures.prefetch_related("items__targets"):
        blocks.append(Heading(f"{group.code}. {group.title} ({group.source})"))
        for item in group.items.all():
            served = ", ".join(t.code for t in item.targets.all())
            suffix = f" — phục vụ mục tiêu {served}" if served else ""
            blocks.append(Text(f"{item.code}. {item.text} ({item.source}){suffix}."))
    return blocks


def build(resolution: Resolution, data: dict, *, number: str, signer: str, day: date) -> Document:
    """The report as a ``frame.Document``."""
    place = resolution.scope
    kind = place.get_kind_display()
    met = sum(1 for t in data["targets"] if t["state"] == "green")
    body = [
        Text(
            f"Thực hiện Nghị quyết số {resolution.number} ngày {resolution.issued_on:%d/%m/%Y} "
            f"của {resolution.council_name} ({resolution.title}), {resolution.implementer} báo "
            f"cáo kết quả thực hiện năm {data['year']} như sau."
        ),
        Heading("I. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU"),
        Text(f"Đạt {met}/{len(data['targets'])} mục tiêu; chi tiết theo đơn vị tại Phụ lục."),
        _target_table(data),
        Heading("II. CÁC NHÓM GIẢI PHÁP ĐÃ TRIỂN KHAI"),
        *_measures(resolution),
        Heading("III. TRÁCH NHIỆM GIÁM SÁT VÀ BÁO CÁO"),
        Text(f"Giám sát: {'; '.join(resolution.supervisors) or '—'}."),
        Text(resolution.reporting or "—"),
    ]
    return Document(
        issuer=f"ỦY BAN NHÂN DÂN {place.name.upper()}",
        number=number,
        place=without_prefix(place.name, kind),
        day=day,
        kind="BÁO CÁO",
        summary=f"Kết quả thực hiện Nghị quyết số {resolution.number} năm {data['year']}",
        body=tuple(body),
        signatures=(Signature(capacity="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name=signer),),
        recipients=(
            f"Thường trực {resolution.council_name};",
            *[f"{s};" for s in resolution.supervisors],
            "Lưu: VT.",
        ),
    )


def annex(top: dict, detail: dict | None) -> bytes:
    """Every target per unit: the scope's own units, then (province) every village and agency
    of every commune."""
    rows = list(export.unit_rows(top))
    if detail:
        rows += list(export.unit_rows(detail))
    return export.workbook(
        [
            ("Mục tiêu", export.TARGET_HEAD, export.target_rows(top)),
            ("Theo đơn vị", export.UNIT_HEAD, rows),
        ]
    )


def _progress(job: ReportJob, done: int) -> None:
    ReportJob.objects.filter(pk=job.pk).update(done=done)


def _province_detail(job: ReportJob, today: date, first: int) -> dict:
    """Every village and agency of the province, one grouped computation per target (not one
    per commune), recording progress after each target."""
    resolution = job.resolution
    units = dashboard.units_in_province(resolution.scope)
    rows = []
    for done, target in enumerate(resolution.targets.all(), first + 1):
        rows.append(
            dashboard.target_row(target, resolution.scope, units, job.year, today, annex=True)
        )
        _progress(job, done)
    return {"targets": rows}


def run(job: ReportJob) -> ReportJob:
    """Generate the three files of a report job, recording progress as it goes: the
    dashboard, then (for a province) one step per target of the annex, then the files."""
    resolution = job.resolution
    is_province = resolution.province_id is not None
    targets = resolution.targets.count()
    total = 2 + (targets if is_province else 0)
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.RUNNING, total=total)
    today = timezone.localdate()
    top = dashboard.compute(resolution, job.year, today=today)
    _progress(job, 1)
    detail = _province_detail(job, today, 1) if is_province else None
    document = build(resolution, top, number=job.number, signer=job.signer, day=today)
    stem = f"bao-cao-{resolution.pk}-{job.year}-{job.pk}"
    job.refresh_from_db()
    job.docx.save(f"{stem}.docx", ContentFile(word.render(document)), save=False)
    job.pdf.save(f"{stem}.pdf", ContentFile(pdf.render(document)), save=False)
    job.xlsx.save(f"{stem}-phu-luc.xlsx", ContentFile(annex(top, detail)), save=False)
    job.status = ReportJob.Status.DONE
    job.done = total
    job.save()
    return job

"""The synthesis report as a Word document (python-docx): every opinion with its answer, the
opinions hidden by moderation with the reason, and the revised draft. Text only — nothing a
resident typed is interpreted."""

import io

from django.utils import timezone

from . import law, queries
from .models import Consultation


def _verdict(code: str) -> str:
    return law.VERDICT_LABELS[law.Verdict(code)]


def synthesis_docx(consultation: Consultation) -> bytes:
    """Báo cáo tổng hợp, tiếp thu, giải trình ý kiến as DOCX bytes."""
    import docx

    document = docx.Document()
    place = consultation.agency.name if consultation.agency_id else consultation.commune.name
    document.add_heading("BÁO CÁO TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN", level=0)
    document.add_paragraph(f"{consultation.title} — {place}")
    document.add_paragraph(
        f"Lấy ý kiến từ {consultation.opens_on:%d/%m/%Y} đến {consultation.closes_on:%d/%m/%Y}; "
        f"nội dung theo {consultation.subject_info.article} Luật Thực hiện dân chủ ở cơ sở."
    )
    totals = queries.stance_totals(consultation)
    document.add_paragraph(f"Tổng số ý kiến: {totals['total']}.")
    if consultation.synthesis_text:
        document.add_heading("Báo cáo", level=1)
        document.add_paragraph(consultation.synthesis_text)
    if consultation.majority_reason:
        document.add_heading("Lý do quyết định khác với ý kiến đa số (Điều 28 khoản 4)", level=1)
        document.add_paragraph(consultation.majority_reason)
    _groups(document, consultation)
    _revised(document, consultation)
    document.add_paragraph(f"Xuất ngày {timezone.localdate():%d/%m/%Y}.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _groups(document, consultation: Consultation) -> None:
    document.add_heading("Từng ý kiến và câu trả lời", level=1)
    for group in queries.synthesis_groups(consultation):
        document.add_heading(f"{group.title} — {_verdict(group.verdict)}", level=2)
        document.add_paragraph(group.answer)
        for opinion in group.opinions.all():
            where = f" ({opinion.section.heading})" if opinion.section_id else ""
            document.add_paragraph(
                f"#{opinion.number} {opinion.shown_author}{where}: {opinion.text}",
                style="List Bullet",
            )
    hidden = queries.opinions_of(consultation).filter(hidden_at__isnull=False)
    if hidden:
        document.add_heading("Ý kiến bị ẩn", level=2)
        for opinion in hidden:
            document.add_paragraph(
                f"#{opinion.number}: {opinion.hidden_reason}", style="List Bullet"
            )


def _revised(document, consultation: Consultation) -> None:
    document.add_heading("Dự thảo sau tiếp thu", level=1)
    for section in consultation.sections.order_by("position"):
        document.add_heading(section.heading, level=2)
        if section.is_revised:
            document.add_paragraph(section.revised_body)
            document.add_paragraph(f"(Nội dung trước khi sửa: {section.body})")
        else:
            document.add_paragraph(section.body)

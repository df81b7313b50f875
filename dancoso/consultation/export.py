"""The synthesis report as a Word document in the Decree 30/2020 frame (``dancoso.documents``):
every opinion with its answer, the opinions hidden by moderation with the reason, and the
revised draft. Text only — nothing a resident typed is interpreted."""

from django.utils import timezone

from dancoso.documents import word
from dancoso.documents.frame import Document, Heading, Signature, Text, without_prefix

from . import law, queries
from .models import Consultation


def _verdict(code: str) -> str:
    return law.VERDICT_LABELS[law.Verdict(code)]


def _place(consultation: Consultation) -> str:
    commune = consultation.commune
    return without_prefix(commune.name, commune.get_kind_display())


def synthesis_docx(consultation: Consultation) -> bytes:
    """Báo cáo tổng hợp, tiếp thu, giải trình ý kiến as DOCX bytes."""
    if consultation.agency_id:
        issuer = consultation.agency.name
        signer = Signature(title="Thủ trưởng cơ quan, đơn vị")
    else:
        issuer = f"Ủy ban nhân dân {consultation.commune.name}"
        signer = Signature(capacity="TM. Ủy ban nhân dân", title="Chủ tịch")
    body = [
        Text(
            f"Lấy ý kiến về {consultation.title} từ {consultation.opens_on:%d/%m/%Y} đến "
            f"{consultation.closes_on:%d/%m/%Y}; nội dung theo "
            f"{consultation.subject_info.article} Luật Thực hiện dân chủ ở cơ sở."
        ),
        Text(f"Tổng số ý kiến: {queries.stance_totals(consultation)['total']}."),
    ]
    if consultation.synthesis_text:
        body += [Heading("Báo cáo"), Text(consultation.synthesis_text)]
    if consultation.majority_reason:
        body += [
            Heading("Lý do quyết định khác với ý kiến đa số (Điều 28 khoản 4)"),
            Text(consultation.majority_reason),
        ]
    body += _groups(consultation) + _revised(consultation)
    return word.render(
        Document(
            issuer=issuer,
            number=f"Số: {consultation.pk}/BC",
            place=_place(consultation),
            day=timezone.localdate(),
            kind="Báo cáo",
            summary=f"Tổng hợp, tiếp thu, giải trình ý kiến về {consultation.title}",
            body=tuple(body),
            signatures=(signer,),
            recipients=("Như trên", "Lưu"),
        )
    )


def _groups(consultation: Consultation) -> list:
    blocks = [Heading("Từng ý kiến và câu trả lời")]
    for group in queries.synthesis_groups(consultation):
        blocks += [Heading(f"{group.title} — {_verdict(group.verdict)}"), Text(group.answer)]
        for opinion in group.opinions.all():
            where = f" ({opinion.section.heading})" if opinion.section_id else ""
            blocks.append(
                Text(f"- #{opinion.number} {opinion.shown_author}{where}: {opinion.text}")
            )
    hidden = queries.opinions_of(consultation).filter(hidden_at__isnull=False)
    if hidden:
        blocks.append(Heading("Ý kiến bị ẩn"))
        blocks += [Text(f"- #{o.number}: {o.hidden_reason}") for o in hidden]
    return blocks


def _revised(consultation: Consultation) -> list:
    blocks = [Heading("Dự thảo sau tiếp thu")]
    for section in consultation.sections.order_by("position"):
        blocks.append(Heading(section.heading))
        if section.is_revised:
            blocks += [
                Text(section.revised_body),
                Text(f"(Nội dung trước khi sửa: {section.body})"),
            ]
        else:
            blocks.append(Text(section.body))
    return blocks

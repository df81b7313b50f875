"""The synthesis report as a Word or PDF document in the Decree 30/2020 frame
every opinion with its answer, the opinions hidden by moderation with the reason, and the
revised draft. Text only — nothing a resident typed is interpreted.

Opinions are read in keyset batches (``BATCH`` at a time, by number) so that memory stays flat
with 50,000 opinions, and ``progress(done, total)`` is called after each batch: the background
export (``services.exports``) commits it for the page that polls.
"""

from collections.abc import Callable, Iterator

from django.utils import timezone

from dancoso.documents import pdf, word
from dancoso.documents.frame import Document, Heading, Signature, Text, without_prefix

from . import law, queries
from .models import Consultation, Opinion

BATCH = 2000
# Up to this many opinions the report is built within the request (well under a second);
# above it, in the background with its progress shown (``services.request_export``).
INLINE_LIMIT = 2000
# Opinions listed per paragraph (one line each): python-docx spends about a millisecond per
# paragraph and more as the body grows, so 50,000 one-paragraph opinions would take minutes.
LINES_PER_BLOCK = 50
Progress = Callable[[int, int], None]


def _ignore(done: int, total: int) -> None:
    return None


def _verdict(code: str) -> str:
    return law.VERDICT_LABELS[law.Verdict(code)]


def _place(consultation: Consultation) -> str:
    commune = consultation.commune
    return without_prefix(commune.name, commune.get_kind_display())


def synthesis_docx(consultation: Consultation, progress: Progress = _ignore) -> bytes:
    """Báo cáo tổng hợp, tiếp thu, giải trình ý kiến as DOCX bytes."""
    return word.render(synthesis_document(consultation, progress))


def synthesis_pdf(consultation: Consultation, progress: Progress = _ignore) -> bytes:
    """The same report as PDF bytes (Liberation Serif embedded, Decree 30 frame)."""
    return pdf.render(synthesis_document(consultation, progress))


def synthesis_document(consultation: Consultation, progress: Progress = _ignore) -> Document:
    """The synthesis report in the Decree 30 frame, ready for any renderer."""
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
    body += _groups(consultation, progress) + _revised(consultation)
    return Document(
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


def _batches(opinions) -> Iterator[list[Opinion]]:
    """``opinions`` in number order, ``BATCH`` at a time, by keyset (never OFFSET)."""
    last = 0
    while True:
        rows = list(opinions.filter(number__gt=last).order_by("number")[:BATCH])
        if not rows:
            return
        yield rows
        last = rows[-1].number


def _lines(lines: list[str]) -> list[Text]:
    """One paragraph per ``LINES_PER_BLOCK`` lines (a line break between opinions)."""
    return [
        Text("\n".join(lines[i : i + LINES_PER_BLOCK]))
        for i in range(0, len(lines), LINES_PER_BLOCK)
    ]


def _groups(consultation: Consultation, progress: Progress) -> list:
    total = consultation.opinions.count()
    done = 0
    blocks = [Heading("Từng ý kiến và câu trả lời")]
    answered = Opinion.objects.select_related("section", "author").filter(hidden_at__isnull=True)
    for group in consultation.groups.order_by("pk"):
        blocks += [Heading(f"{group.title} — {_verdict(group.verdict)}"), Text(group.answer)]
        for rows in _batches(answered.filter(consultation=consultation, group=group)):
            blocks += _lines([_opinion_line(o) for o in rows])
            done += len(rows)
            progress(done, total)
    waiting = answered.filter(consultation=consultation, group__isnull=True)
    for n, rows in enumerate(_batches(waiting)):
        if n == 0:  # only in a preview: a published synthesis has answered every opinion
            blocks.append(Heading("Ý kiến chưa được trả lời"))
        blocks += _lines([_opinion_line(o) for o in rows])
        done += len(rows)
        progress(done, total)
    hidden = Opinion.objects.filter(consultation=consultation, hidden_at__isnull=False)
    for n, rows in enumerate(_batches(hidden.only("number", "hidden_reason"))):
        if n == 0:
            blocks.append(Heading("Ý kiến bị ẩn"))
        blocks += _lines([f"- #{o.number}: {o.hidden_reason}" for o in rows])
        done += len(rows)
        progress(done, total)
    return blocks


def _opinion_line(opinion: Opinion) -> str:
    where = f" ({opinion.section.heading})" if opinion.section_id else ""
    return f"- #{opinion.number} {opinion.shown_author}{where}: {opinion.text}"


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

"""A board's six-monthly or annual report (Art. 39, 44; D59 Art. 14, 18) in the Decree 30/2020
frame, rendered by ``documents.word`` (DOCX) and ``documents.pdf`` (PDF): the board's members,
its plans, what each activity checked and found, and every recommendation with its answer.
Built from stored rows; this module only assembles text (every value goes in as plain text)."""

from datetime import date

from dancoso.documents.frame import Document, Heading, Signature, Table, Text, without_prefix

from . import law, queries
from .law import BoardKind, ReportPeriod
from .models import Board, Membership, Recommendation

SYMBOL = {
    BoardKind.COMMUNE_INSPECTION: "BTTND",
    BoardKind.AGENCY_INSPECTION: "BTTND",
    BoardKind.PROJECT_SUPERVISION: "BGSĐTCĐ",
}
CAPACITY = {
    BoardKind.COMMUNE_INSPECTION: "TM. Ban Thanh tra nhân dân",
    BoardKind.AGENCY_INSPECTION: "TM. Ban Thanh tra nhân dân",
    BoardKind.PROJECT_SUPERVISION: "TM. Ban Giám sát đầu tư của cộng đồng",
}
FMT = "%d/%m/%Y"


def _d(day: date | None) -> str:
    return day.strftime(FMT) if day else ""


def _members(members: list[Membership]) -> Table:
    rows = tuple(
        (
            m.full_name,
            m.get_role_display(),
            m.village.name if m.village else "",
            f"{_d(m.starts_on)} – {_d(m.ends_on)}" if m.ends_on else f"từ {_d(m.starts_on)}",
        )
        for m in members
    )
    return Table(header=("Họ và tên", "Chức danh", "Thôn", "Thời gian"), rows=rows)


def _activities(activities) -> list:
    if not activities:
        return [Text("Trong kỳ, Ban chưa ghi kết quả hoạt động kiểm tra, giám sát nào.")]
    blocks = []
    for n, a in enumerate(activities, 1):
        blocks += [
            Heading(f"{n}. {a.title} (ngày {_d(a.held_on)})"),
            Text(f"Nội dung: {a.get_subject_display()}; phương pháp: {a.method}."),
            Text(f"Nội dung đã kiểm tra, giám sát: {a.checked}"),
            Text(f"Kết quả, phát hiện: {a.findings}"),
            Text(f"Minh chứng lưu tại Ban: {a.evidence_count} tệp."),
        ]
    return blocks


def _status(rec: Recommendation, today: date) -> str:
    if rec.answered_on is None:
        return "Quá hạn, chưa trả lời" if rec.overdue_on(today) else "Chưa đến hạn"
    timing = "đúng hạn" if rec.answered_on <= rec.due_on else "quá hạn"
    judged = {True: "; đã giải quyết", False: "; chưa giải quyết", None: ""}[rec.resolved]
    return f"Trả lời {_d(rec.answered_on)} ({timing}){judged}"


def _recommendations(recs: list[Recommendation], today: date) -> list:
    answered = [r for r in recs if r.answered_on]
    on_time = [r for r in answered if r.answered_on <= r.due_on]
    overdue = [r for r in recs if r.overdue_on(today)]
    summary = Text(
        f"Ban đã gửi {len(recs)} kiến nghị; {len(answered)} kiến nghị đã được trả lời, trong đó "
        f"{len(on_time)} đúng hạn 15 ngày; {len(overdue)} kiến nghị quá hạn chưa được trả lời."
    )
    rows = tuple(
        (r.content, r.get_addressee_display(), _d(r.received_on), _d(r.due_on), _status(r, today))
        for r in recs
    )
    header = ("Nội dung kiến nghị", "Gửi tới", "Ngày nhận", "Hạn trả lời", "Kết quả")
    return [summary, Table(header=header, rows=rows)] if rows else [summary]


def board_report(board: Board, period: ReportPeriod, year: int, *, today: date) -> Document:
    """Báo cáo kết quả kiểm tra, giám sát of ``board`` for ``period`` of ``year``."""
    start, end = law.report_window(period, year)
    facts = queries.report_facts(board, start, end)
    commune = board.commune
    kind = BoardKind(board.kind)
    head = next(
        (m.full_name for m in facts["members"] if m.role == Membership.Role.HEAD and not m.ends_on),
        "",
    )
    plans = tuple(
        (p.title, p.get_period_display(), f"{_d(p.starts_on)} – {_d(p.ends_on)}", _d(p.approved_on))
        for p in facts["plans"]
    )
    body = [
        Text(
            f"Thực hiện {law.REPORT_ARTICLE}, {board.name} báo cáo kết quả hoạt động "
            f"{law.report_title(period, year)} ({_d(start)} – {_d(end)}) như sau:"
        ),
        Heading("I. TỔ CHỨC CỦA BAN"),
        _members(facts["members"]),
        Heading("II. KẾ HOẠCH HOẠT ĐỘNG"),
        Table(header=("Kế hoạch", "Loại", "Thời gian", "Ngày thông qua"), rows=plans)
        if plans
        else Text("Trong kỳ, Ban chưa có kế hoạch."),
        Heading("III. KẾT QUẢ KIỂM TRA, GIÁM SÁT"),
        *_activities(facts["activities"]),
        Heading("IV. KIẾN NGHỊ VÀ KẾT QUẢ TRẢ LỜI"),
        *_recommendations(facts["recommendations"], today),
    ]
    return Document(
        parent_issuer=f"Ủy ban MTTQ Việt Nam {commune.name}",
        issuer=board.name,
        number=f"Số: {board.pk}-{year}/BC-{SYMBOL[kind]}",
        place=without_prefix(commune.name, commune.get_kind_display()),
        day=today,
        kind="BÁO CÁO",
        summary=f"Kết quả kiểm tra, giám sát {law.report_title(period, year)}",
        body=tuple(body),
        signatures=(Signature(capacity=CAPACITY[kind], title="Trưởng ban", name=head),),
        recipients=(
            f"Ban Thường trực Ủy ban MTTQ Việt Nam {commune.name}",
            f"Ủy ban nhân dân {commune.name}",
            "Các Ban công tác Mặt trận thôn (để báo cáo Nhân dân)",
            "Lưu",
        ),
    )

"""Pure rules for the people's inspection and supervision boards. No ORM imports.

Sources: Law 10/2022/QH15 on Grassroots Democracy (in force 01/07/2023), Art. 36–40 (commune
People's Inspection Board, Ban Thanh tra nhân dân), Art. 41–45 (Community Investment Supervision
Board, Ban Giám sát đầu tư của cộng đồng), Art. 60–63 (agency People's Inspection Board), and
Decree 59/2023/NĐ-CP Art. 12–19 and 20–23. Law 97/2025/QH15 amended about a third of Law 10/2022
from 01/07/2025 and placed the boards under the Fatherland Front; its text was not available to
us (LAW-NOTES §3), so every number below is a dated ``Parameter``: an amendment is a new entry
with its own ``since`` date, never an edit of an old one.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dancoso.core.workdays import NO_OVERRIDES, Overrides, add_working_days

LAW_IN_FORCE = date(2023, 7, 1)


@dataclass(frozen=True)
class Parameter:
    """One legal number, the article that sets it and the day it applies from."""

    value: int
    article: str
    since: date


def in_force(history: tuple[Parameter, ...], on: date) -> Parameter:
    """The entry of ``history`` (sorted by ``since``) that applies on ``on``."""
    applicable = [p for p in history if p.since <= on]
    if not applicable:
        raise ValueError(f"no rule in force on {on.isoformat()}")
    return applicable[-1]


# Art. 36(1), D59 Art. 13(2): as many members as villages, not fewer than 05; a commune with
# fewer than 5 villages has at most 05, so exactly 05.
INSPECTION_MIN_MEMBERS = (Parameter(5, "Luật 10/2022 Điều 36 khoản 1", LAW_IN_FORCE),)
# Art. 36(3), D59 Art. 13(3): at most 02 deputies.
INSPECTION_MAX_DEPUTIES = (Parameter(2, "Luật 10/2022 Điều 36 khoản 3", LAW_IN_FORCE),)
# Art. 36(2): a by-election only when at least 06 months of the term remain.
BY_ELECTION_MIN_MONTHS_LEFT = (Parameter(6, "Luật 10/2022 Điều 36 khoản 2", LAW_IN_FORCE),)
# Art. 41(1): a project supervision board has at least 05 members.
SUPERVISION_MIN_MEMBERS = (Parameter(5, "Luật 10/2022 Điều 41 khoản 1", LAW_IN_FORCE),)
# D59 Art. 17: at most 02 deputies on a project supervision board.
SUPERVISION_MAX_DEPUTIES = (Parameter(2, "Nghị định 59/2023 Điều 17", LAW_IN_FORCE),)
# Art. 45(1)(c): the investor is notified at least 45 days before supervision starts.
INVESTOR_NOTICE_DAYS = (Parameter(45, "Luật 10/2022 Điều 45 khoản 1", LAW_IN_FORCE),)
# Art. 39, D59 Art. 14: a specific inspection is announced at least 05 working days before.
INSPECTION_NOTICE_WORKING_DAYS = (Parameter(5, "Nghị định 59/2023 Điều 14", LAW_IN_FORCE),)
# Art. 40(1)(c), 45(2) (UBND xã) and Art. 63 (unit head): answers within 15 days of receipt.
ANSWER_DAYS = (Parameter(15, "Luật 10/2022 Điều 40, 45, 63", LAW_IN_FORCE),)
# Art. 60–63: an agency board has 03–09 members; none in a unit of at most 07 staff.
AGENCY_MIN_MEMBERS = (Parameter(3, "Luật 10/2022 Điều 60–63", LAW_IN_FORCE),)
AGENCY_MAX_MEMBERS = (Parameter(9, "Luật 10/2022 Điều 60–63", LAW_IN_FORCE),)
AGENCY_NO_BOARD_MAX_STAFF = (Parameter(7, "Luật 10/2022 Điều 60–63", LAW_IN_FORCE),)
# Art. 60–63(3): the agency board's term is 02 years.
AGENCY_TERM_YEARS = (Parameter(2, "Luật 10/2022 Điều 60–63", LAW_IN_FORCE),)

# Vietnamese messages telling the user what to fix.
TOO_FEW_MEMBERS = "Ban cần ít nhất {n} thành viên theo {article}; hãy bổ sung thành viên."
TOO_MANY_MEMBERS = "Ban có tối đa {n} thành viên theo {article}; hãy bớt thành viên."
TOO_MANY_DEPUTIES = "Ban có tối đa {n} Phó Trưởng ban theo {article}."
NO_AGENCY_BOARD = (
    "Đơn vị có từ {n} người trở xuống không thành lập Ban Thanh tra nhân dân ({article}); "
    "công đoàn thực hiện nhiệm vụ của Ban."
)
BY_ELECTION_TOO_LATE = (
    "Chỉ bầu bổ sung khi nhiệm kỳ còn ít nhất {n} tháng ({article}); nhiệm kỳ kết thúc ngày {end}."
)
NOT_RESIDENT = "Thành viên phải là người thường trú tại xã (Luật 10/2022 Điều 37, 42)."
IS_OFFICIAL = (
    "Cán bộ, công chức xã và người hoạt động không chuyên trách ở xã, thôn không được là thành "
    "viên Ban (Luật 10/2022 Điều 37, 42)."
)
IS_RELATIVE = (
    "Người có người thân là chủ đầu tư, nhà thầu hoặc tư vấn của dự án không được là thành viên "
    "Ban Giám sát đầu tư của cộng đồng (Luật 10/2022 Điều 42)."
)
AGENCY_LEADER = (
    "Thủ trưởng, cấp phó hoặc kế toán trưởng không được là thành viên Ban Thanh tra nhân dân "
    "của cơ quan, đơn vị (Luật 10/2022 Điều 61)."
)
INVESTOR_NOTICE_LATE = (
    "Phải thông báo kế hoạch giám sát cho chủ đầu tư ít nhất {n} ngày trước khi bắt đầu "
    "({article}); hãy lùi ngày bắt đầu đến {earliest} hoặc sau đó."
)
INSPECTION_NOTICE_LATE = (
    "Kế hoạch kiểm tra cụ thể phải gửi ít nhất {n} ngày làm việc trước ({article}); "
    "hãy lùi ngày kiểm tra đến {earliest} hoặc sau đó."
)


class BoardKind(StrEnum):
    """The three kinds of board the law sets up."""

    COMMUNE_INSPECTION = "commune_inspection"  # Art. 36–40
    PROJECT_SUPERVISION = "project_supervision"  # Art. 41–45
    AGENCY_INSPECTION = "agency_inspection"  # Art. 60–63


def inspection_board_size(villages: int, on: date) -> int:
    """Members of a commune People's Inspection Board: one per village, at least 05 (at most 05
    when the commune has fewer than 5 villages, so exactly 05). Art. 36(1), D59 Art. 13(2)."""
    if villages < 0:
        raise ValueError("villages must be >= 0")
    return max(villages, in_force(INSPECTION_MIN_MEMBERS, on).value)


def size_problems(kind: BoardKind, members: int, on: date, *, villages: int = 0) -> list[str]:
    """Why a board of ``members`` members breaks the size rules (empty when it does not)."""
    if kind == BoardKind.COMMUNE_INSPECTION:
        n = inspection_board_size(villages, on)
        article = in_force(INSPECTION_MIN_MEMBERS, on).article
        if members < n:
            return [TOO_FEW_MEMBERS.format(n=n, article=article)]
        if members > n:
            return [TOO_MANY_MEMBERS.format(n=n, article=article)]
        return []
    if kind == BoardKind.PROJECT_SUPERVISION:
        p = in_force(SUPERVISION_MIN_MEMBERS, on)
        return [TOO_FEW_MEMBERS.format(n=p.value, article=p.article)] if members < p.value else []
    low, high = in_force(AGENCY_MIN_MEMBERS, on), in_force(AGENCY_MAX_MEMBERS, on)
    if members < low.value:
        return [TOO_FEW_MEMBERS.format(n=low.value, article=low.article)]
    if members > high.value:
        return [TOO_MANY_MEMBERS.format(n=high.value, article=high.article)]
    return []


def max_deputies(kind: BoardKind, on: date) -> int:
    """At most 02 deputies (Art. 36(3); D59 Art. 17; D59 Art. 20–23 for agency boards)."""
    table = (
        SUPERVISION_MAX_DEPUTIES
        if kind == BoardKind.PROJECT_SUPERVISION
        else (INSPECTION_MAX_DEPUTIES)
    )
    return in_force(table, on).value


def deputies_problem(kind: BoardKind, deputies: int, on: date) -> str | None:
    """The message when ``deputies`` exceeds the legal maximum, else None."""
    table = (
        SUPERVISION_MAX_DEPUTIES
        if kind == BoardKind.PROJECT_SUPERVISION
        else (INSPECTION_MAX_DEPUTIES)
    )
    p = in_force(table, on)
    return TOO_MANY_DEPUTIES.format(n=p.value, article=p.article) if deputies > p.value else None


def agency_may_have_board(staff: int, on: date) -> bool:
    """An agency of at most 07 staff has no board; its union does the work (Art. 60–63(2))."""
    return staff > in_force(AGENCY_NO_BOARD_MAX_STAFF, on).value


def agency_board_problem(staff: int, on: date) -> str | None:
    """The refusal for setting up a board in a unit too small to have one."""
    p = in_force(AGENCY_NO_BOARD_MAX_STAFF, on)
    return (
        None
        if agency_may_have_board(staff, on)
        else NO_AGENCY_BOARD.format(n=p.value, article=p.article)
    )


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (clamped to the month's last day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def agency_term_end(start: date) -> date:
    """An agency board's term ends 02 years after it starts (Art. 60–63(3)); the commune board's
    term is the village heads' term (Art. 36(2)), entered from the village head election."""
    return add_months(start, 12 * in_force(AGENCY_TERM_YEARS, start).value)


def by_election_allowed(term_end: date, on: date) -> bool:
    """A vacant seat is filled by a by-election only with ≥ 06 months of the term left."""
    months = in_force(BY_ELECTION_MIN_MONTHS_LEFT, on).value
    return add_months(on, months) <= term_end


def by_election_problem(term_end: date, on: date) -> str | None:
    """The refusal of a by-election held too late in the term, else None."""
    if by_election_allowed(term_end, on):
        return None
    p = in_force(BY_ELECTION_MIN_MONTHS_LEFT, on)
    return BY_ELECTION_TOO_LATE.format(n=p.value, article=p.article, end=term_end.isoformat())


@dataclass(frozen=True)
class Candidate:
    """What the law asks about a person proposed as a member."""

    permanent_resident: bool = True
    commune_official: bool = False
    village_staff: bool = False
    relative_of_project_party: bool = False
    agency_leader: bool = False


def eligibility_problems(kind: BoardKind, person: Candidate) -> list[str]:
    """Why ``person`` may not sit on a board of ``kind`` (Art. 37, 42, 61)."""
    if kind == BoardKind.AGENCY_INSPECTION:
        return [AGENCY_LEADER] if person.agency_leader else []
    problems = []
    if not person.permanent_resident:
        problems.append(NOT_RESIDENT)
    if person.commune_official or person.village_staff:
        problems.append(IS_OFFICIAL)
    if kind == BoardKind.PROJECT_SUPERVISION and person.relative_of_project_party:
        problems.append(IS_RELATIVE)
    return problems


def earliest_supervision_start(notified: date) -> date:
    """The first day supervision may start after notifying the investor (Art. 45(1)(c))."""
    return notified + timedelta(days=in_force(INVESTOR_NOTICE_DAYS, notified).value)


def investor_notice_problem(notified: date, starts: date) -> str | None:
    """The refusal of a supervision start too close to the investor's notice, else None."""
    earliest = earliest_supervision_start(notified)
    if starts >= earliest:
        return None
    p = in_force(INVESTOR_NOTICE_DAYS, notified)
    return INVESTOR_NOTICE_LATE.format(n=p.value, article=p.article, earliest=earliest.isoformat())


def earliest_inspection(announced: date, overrides: Overrides = NO_OVERRIDES) -> date:
    """A specific inspection takes place at least 05 working days after it is announced to the
    Front, the commune chair and the inspected party (Art. 39, D59 Art. 14)."""
    n = in_force(INSPECTION_NOTICE_WORKING_DAYS, announced).value
    return add_working_days(announced, n, overrides)


def inspection_notice_problem(
    announced: date, held: date, overrides: Overrides = NO_OVERRIDES
) -> str | None:
    """The refusal of an inspection announced too late, else None."""
    earliest = earliest_inspection(announced, overrides)
    if held >= earliest:
        return None
    p = in_force(INSPECTION_NOTICE_WORKING_DAYS, announced)
    return INSPECTION_NOTICE_LATE.format(
        n=p.value, article=p.article, earliest=earliest.isoformat()
    )


def answer_due(received: date) -> date:
    """A recommendation to the commune People's Committee or to a unit head is answered within
    15 days of receipt (Art. 40(1)(c), 45(2), 63) — calendar days: the law does not say
    "working days"."""
    return received + timedelta(days=in_force(ANSWER_DAYS, received).value)


def answered_on_time(received: date, answered: date | None) -> bool:
    """Whether an answer came by the legal due date."""
    return answered is not None and answered <= answer_due(received)


# --- Ending a membership (Art. 36(2), 37, 41(1), 42) -----------------------------------------


class EndReason(StrEnum):
    """Why a member leaves a board. Art. 36(2): the Front asks the electing community to
    release a member who fails the duties, loses the people's trust or asks to resign; a member
    who no longer meets Art. 37 / 42 (permanent residence, not an official, no relative among the
    project's parties) must leave; the term ends; a project's board dissolves when it is done
    (Art. 41(1))."""

    RELEASED = "released"
    RESIGNED = "resigned"
    INELIGIBLE = "ineligible"
    DIED = "died"
    TERM_ENDED = "term_ended"
    PROJECT_ENDED = "project_ended"


END_REASON_LABELS = {
    EndReason.RELEASED: "Cộng đồng dân cư bãi nhiệm (không hoàn thành nhiệm vụ, không còn được "
    "tín nhiệm) theo đề nghị của Ủy ban MTTQ xã — Luật 10/2022 Điều 36 khoản 2",
    EndReason.RESIGNED: "Xin thôi làm thành viên, được cộng đồng dân cư cho thôi — "
    "Luật 10/2022 Điều 36 khoản 2",
    EndReason.INELIGIBLE: "Không còn đủ tiêu chuẩn (không thường trú tại xã, trở thành cán bộ, "
    "công chức xã, có người thân là bên của dự án) — Luật 10/2022 Điều 37, 42",
    EndReason.DIED: "Từ trần",
    EndReason.TERM_ENDED: "Hết nhiệm kỳ — Luật 10/2022 Điều 36 khoản 2",
    EndReason.PROJECT_ENDED: "Dự án kết thúc, Ban tự giải thể — Luật 10/2022 Điều 41 khoản 1",
}
# Reasons that take effect only through a decision of the electing community (Art. 36(2)).
NEEDS_RELEASE_DOCUMENT = (
    frozenset({EndReason.RELEASED, EndReason.RESIGNED}),
    "Luật 10/2022 Điều 36 khoản 2",
    LAW_IN_FORCE,
)
RELEASE_DOCUMENT_MISSING = (
    "Thành viên thôi vì lý do này phải có văn bản của cộng đồng dân cư cho thôi hoặc bãi nhiệm "
    "({article}); hãy nhập số, ngày của văn bản."
)
PROJECT_REASON_ONLY = "Lý do “dự án kết thúc” chỉ dùng cho Ban Giám sát đầu tư của cộng đồng."
TERM_NOT_OVER = "Lý do “hết nhiệm kỳ” chỉ dùng từ ngày kết thúc nhiệm kỳ ({end}) trở đi."


def end_problems(
    kind: BoardKind, reason: EndReason, *, ends_on: date, term_end: date, document: str
) -> list[str]:
    """Why ending a membership for ``reason`` on ``ends_on`` is refused (empty when allowed)."""
    problems = []
    reasons, article, _since = NEEDS_RELEASE_DOCUMENT
    if reason in reasons and not document.strip():
        problems.append(RELEASE_DOCUMENT_MISSING.format(article=article))
    if reason == EndReason.PROJECT_ENDED and kind != BoardKind.PROJECT_SUPERVISION:
        problems.append(PROJECT_REASON_ONLY)
    if reason == EndReason.TERM_ENDED and ends_on < term_end:
        problems.append(TERM_NOT_OVER.format(end=term_end.strftime("%d/%m/%Y")))
    return problems


# --- Composition before the Front recognises a board (Art. 36(1), 40(2)(b), 41(1), 45(1)) ----


class Seat(StrEnum):
    """Whom a member represents. A project board has the Front's representative, the People's
    Inspection Board's representative and residents of the villages concerned (Art. 41(1));
    D59 Art. 17 caps the residents at 05."""

    RESIDENT = "resident"
    FRONT = "front"
    INSPECTION_BOARD = "inspection_board"


SUPERVISION_MAX_RESIDENTS = (Parameter(5, "Nghị định 59/2023 Điều 17", LAW_IN_FORCE),)
VILLAGE_UNREPRESENTED = (
    "Mỗi thôn, tổ dân phố phải có đại diện trong Ban (Nghị định 59/2023 Điều 13 khoản 2); "
    "còn thiếu: {names}."
)
SEAT_MISSING = (
    "Ban Giám sát đầu tư của cộng đồng phải có đại diện {seat} (Luật 10/2022 Điều 41 khoản 1)."
)
TOO_MANY_RESIDENTS = (
    "Số thành viên là đại diện Nhân dân không quá {n} người ({article}); hãy bớt thành viên."
)
SEAT_NAMES = {Seat.FRONT: "Ủy ban MTTQ xã", Seat.INSPECTION_BOARD: "Ban Thanh tra nhân dân"}


@dataclass(frozen=True)
class Composition:
    """A board's seated members on one day, as the Front checks it before recognising it."""

    members: int
    deputies: int
    seats: tuple[Seat, ...] = ()
    unrepresented_villages: tuple[str, ...] = ()
    villages: int = 0


def issues_before_recognition(kind: BoardKind, composition: Composition, on: date) -> list[str]:
    """What stops the Front recognising the board's composition on ``on`` (Art. 36(1),
    40(2)(b), 41(1), 45(1)(a); D59 Art. 13, 17): size, deputies, every village represented on
    the commune board, the Front's and the inspection board's seats on a project board and at
    most 05 residents. Empty when the board may be recognised."""
    problems = size_problems(kind, composition.members, on, villages=composition.villages)
    deputies = deputies_problem(kind, composition.deputies, on)
    if deputies:
        problems.append(deputies)
    if kind == BoardKind.COMMUNE_INSPECTION and composition.unrepresented_villages:
        names = ", ".join(composition.unrepresented_villages)
        problems.append(VILLAGE_UNREPRESENTED.format(names=names))
    if kind == BoardKind.PROJECT_SUPERVISION:
        for seat in (Seat.FRONT, Seat.INSPECTION_BOARD):
            if seat not in composition.seats:
                problems.append(SEAT_MISSING.format(seat=SEAT_NAMES[seat]))
        cap = in_force(SUPERVISION_MAX_RESIDENTS, on)
        if composition.seats.count(Seat.RESIDENT) > cap.value:
            problems.append(TOO_MANY_RESIDENTS.format(n=cap.value, article=cap.article))
    return problems


# --- Reports (Art. 39(3), 44; D59 Art. 14(3), 18) ---------------------------------------------


class ReportPeriod(StrEnum):
    """The periods a board reports for: to the Front each quarter, six months, year and term
    (Art. 39, D59 Art. 14), and to the people at the village's year-end conference (Art. 33).
    The platform writes the six-monthly and the annual report."""

    HALF = "6-thang"
    YEAR = "nam"


REPORT_ARTICLE = "Luật 10/2022 Điều 39; Nghị định 59/2023 Điều 14"


def report_window(period: ReportPeriod, year: int) -> tuple[date, date]:
    """First and last day a report covers: the first six months, or the calendar year."""
    if period == ReportPeriod.HALF:
        return date(year, 1, 1), date(year, 6, 30)
    return date(year, 1, 1), date(year, 12, 31)


def report_title(period: ReportPeriod, year: int) -> str:
    """ "6 tháng đầu năm 2026" or "năm 2026", as the report's summary line says it."""
    return f"6 tháng đầu năm {year}" if period == ReportPeriod.HALF else f"năm {year}"


# --- Residents' information to a board (Art. 34, 38, 39; Law 25/2018 Art. 25) ---------------

# Art. 38: the board receives citizens' petitions and reports and verifies cases at their
# request; Art. 39: it tells the sender the result in writing. A tip is information, not a
# denunciation: an anonymous one is kept and may lead to an inspection (the Law on
# Denunciations, 25/2018 Art. 25, does not handle anonymous denunciations as denunciations,
# which is why a tip that names no one gets no written answer but is still looked at).
ANONYMOUS_TIPS = (Parameter(1, "Luật 10/2022 Điều 38, 39; Luật 25/2018 Điều 25", LAW_IN_FORCE),)
TIP_NEEDS_CONTACT = (
    "Hãy ghi họ tên và số điện thoại hoặc thư điện tử để Ban trả lời bằng văn bản "
    "(Luật 10/2022 Điều 39), hoặc chọn gửi không ghi tên."
)
TIP_EMPTY = "Hãy ghi nội dung thông tin, phản ánh gửi Ban."


def tip_problem(content: str, *, anonymous: bool, name: str, contact: str, on: date) -> str | None:
    """Why a resident's tip to a board is refused, else None: it says something, and a named
    tip carries a way to answer it; an anonymous one is allowed (``ANONYMOUS_TIPS``)."""
    if not content.strip():
        return TIP_EMPTY
    if anonymous and in_force(ANONYMOUS_TIPS, on).value:
        return None
    if not name.strip() or not contact.strip():
        return TIP_NEEDS_CONTACT
    return None

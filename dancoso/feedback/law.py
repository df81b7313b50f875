"""Pure rules for citizens' cases: the five kinds and their statutory time limits.

Sources (``../shared/LAW-NOTES.md`` §4): Law on Citizen Reception 42/2013/QH13 (in force
01/07/2014), Law on Complaints 02/2011/QH13 (in force 01/07/2012), Law on Denunciations
25/2018/QH14 (in force 01/01/2019), amended by Law 136/2025/QH15 from 01/07/2026; counting of
calendar-day periods by the Civil Code 91/2015/QH13 Art. 147–148. No ORM import.

Every number is a dated parameter (``Limit``): an amendment is a new entry with the date it
applies from, never an edit of an old one; ``limit_on(name, day)`` picks the entry in force on
``day``. "Working days" (ngày làm việc) are counted with ``dancoso.core.workdays``; plain "days"
(ngày) are calendar days. A period starts the day after the event (Civil Code Art. 147(1)), and
a calendar-day period whose last day is a day off ends on the next working day (Art. 148(5)).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dancoso.core.workdays import NO_OVERRIDES, Overrides, add_working_days, is_working_day


class Kind(StrEnum):
    """The five kinds of submission a resident can send."""

    REPORT = "phan_anh"  # phản ánh
    PROPOSAL = "kien_nghi"  # kiến nghị
    COMPLAINT = "khieu_nai"  # khiếu nại
    DENUNCIATION = "to_cao"  # tố cáo
    SUGGESTION = "gop_y"  # góp ý


class Unit(StrEnum):
    WORKING_DAYS = "working"
    DAYS = "calendar"


@dataclass(frozen=True)
class KindInfo:
    """What a kind is, in plain Vietnamese, what happens next, and which law governs it."""

    label: str
    explanation: str
    what_next: str
    law: str


KINDS: dict[Kind, KindInfo] = {
    Kind.REPORT: KindInfo(
        "Phản ánh",
        "Báo cho chính quyền biết một việc đang xảy ra mà bạn thấy chưa đúng hoặc gây khó "
        "khăn: đường hỏng, rác thải, tiếng ồn, cán bộ làm việc chậm…",
        "Trong 10 ngày làm việc, cán bộ cho bạn biết phản ánh đã được thụ lý, chuyển cơ quan "
        "có thẩm quyền hay không thuộc thẩm quyền. Khi có kết quả, bạn nhận được câu trả lời "
        "và có thể đánh giá.",
        "Luật Tiếp công dân 42/2013/QH13, Điều 28",
    ),
    Kind.PROPOSAL: KindInfo(
        "Kiến nghị",
        "Đề nghị chính quyền làm một việc hoặc thay đổi một cách làm: mở lớp học, lắp đèn "
        "đường, sửa một quy định chưa hợp lý…",
        "Trong 10 ngày làm việc, cán bộ cho bạn biết kiến nghị được tiếp nhận, chuyển đi hay "
        "không thuộc thẩm quyền; sau đó bạn nhận được câu trả lời và có thể đánh giá.",
        "Luật Tiếp công dân 42/2013/QH13, Điều 28",
    ),
    Kind.COMPLAINT: KindInfo(
        "Khiếu nại",
        "Đề nghị xem xét lại một quyết định hoặc việc làm của cơ quan, cán bộ mà bạn cho là "
        "trái pháp luật và xâm phạm quyền, lợi ích của chính bạn. Gửi trong 90 ngày kể từ "
        "khi bạn biết quyết định hoặc việc làm đó.",
        "Trong 10 ngày, cơ quan thụ lý hoặc trả lời lý do không thụ lý. Sau khi thụ lý, "
        "khiếu nại được giải quyết trong 30 ngày (vụ phức tạp 45 ngày; vùng sâu, vùng xa 45 "
        "hoặc 60 ngày). Nếu chưa đồng ý, bạn được khiếu nại lần hai hoặc khởi kiện.",
        "Luật Khiếu nại 02/2011/QH13, Điều 9, 27, 28",
    ),
    Kind.DENUNCIATION: KindInfo(
        "Tố cáo",
        "Báo cho cơ quan có thẩm quyền biết một hành vi vi phạm pháp luật của cán bộ, cơ "
        "quan hoặc người khác. Bạn cần ghi họ tên và cách liên lạc thật; họ tên và thông tin "
        "của bạn được giữ bí mật, chỉ cán bộ giải quyết và lãnh đạo của họ được xem.",
        "Trong 7 ngày làm việc, đơn được vào sổ và kiểm tra; bạn được báo việc thụ lý trong "
        "5 ngày làm việc sau đó. Tố cáo được giải quyết trong 30 ngày kể từ khi thụ lý (có "
        "thể gia hạn). Đơn không ghi họ tên không được xử lý như tố cáo, nhưng nội dung cụ "
        "thể có thể được dùng để thanh tra, kiểm tra.",
        "Luật Tố cáo 25/2018/QH14, Điều 8, 24, 25, 29, 30",
    ),
    Kind.SUGGESTION: KindInfo(
        "Góp ý",
        "Chia sẻ ý kiến để chính quyền làm tốt hơn: cách phục vụ ở bộ phận một cửa, trang "
        "thông tin, một dự định của xã…",
        "Góp ý được ghi nhận và chuyển người phụ trách. Pháp luật không đặt thời hạn trả "
        "lời góp ý; xã sẽ trả lời khi có thể.",
        "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 25",
    ),
}


@dataclass(frozen=True)
class Limit:
    """One statutory number, in force from ``applies_from`` until the next entry of the
    same name. ``amount`` counts ``unit``s (or, for frequencies, days per ``per``)."""

    name: str
    amount: int
    unit: Unit
    article: str
    applies_from: date


L42 = date(2014, 7, 1)  # Law 42/2013/QH13 in force
L02 = date(2012, 7, 1)  # Law 02/2011/QH13 in force
L25 = date(2019, 1, 1)  # Law 25/2018/QH14 in force
L136 = date(2026, 7, 1)  # Law 136/2025/QH15 in force
W, D = Unit.WORKING_DAYS, Unit.DAYS
TCD = "Luật Tiếp công dân 42/2013/QH13"
KN = "Luật Khiếu nại 02/2011/QH13"
TC = "Luật Tố cáo 25/2018/QH14"

LIMITS: tuple[Limit, ...] = (
    Limit("reception_answer", 10, W, f"{TCD}, Điều 28 khoản 1", L42),
    Limit("complaint_filing", 90, D, f"{KN}, Điều 9", L02),
    Limit("complaint_acceptance", 10, D, f"{KN}, Điều 27", L02),
    Limit("complaint_resolution", 30, D, f"{KN}, Điều 28", L02),
    Limit("complaint_resolution_complex", 45, D, f"{KN}, Điều 28", L02),
    Limit("complaint_resolution_remote", 45, D, f"{KN}, Điều 28", L02),
    Limit("complaint_resolution_remote_complex", 60, D, f"{KN}, Điều 28", L02),
    Limit("complaint_decision_sending", 3, W, f"{KN}, Điều 32", L02),
    Limit("complaint_second_filing", 30, D, f"{KN}, Điều 33", L02),
    Limit("complaint_second_filing_remote", 45, D, f"{KN}, Điều 33", L02),
    Limit("complaint_second_acceptance", 10, D, f"{KN}, Điều 36", L02),
    Limit("complaint_second_resolution", 45, D, f"{KN}, Điều 37", L02),
    Limit("complaint_second_resolution_complex", 60, D, f"{KN}, Điều 37", L02),
    Limit("complaint_second_resolution_remote", 60, D, f"{KN}, Điều 37", L02),
    Limit("complaint_second_resolution_remote_complex", 70, D, f"{KN}, Điều 37", L02),
    Limit("denunciation_registration", 7, W, f"{TC}, Điều 24 khoản 1", L25),
    Limit("denunciation_registration_several", 10, W, f"{TC}, Điều 24 khoản 1", L25),
    Limit("denunciation_forwarding", 5, W, f"{TC}, Điều 24 khoản 3", L25),
    Limit("denunciation_acceptance_notice", 5, W, f"{TC}, Điều 29 khoản 3", L25),
    Limit("denunciation_resolution", 30, D, f"{TC}, Điều 30 khoản 1", L25),
    Limit("denunciation_extension", 30, D, f"{TC}, Điều 30 khoản 1", L25),
    Limit("denunciation_publication", 7, W, f"{TC}, Điều 40", L25),
    # Tố cáo tiếp: the next level reviews the earlier resolution (LAW-NOTES §4.3: 20 days),
    # then resolves again within the Art. 30 limit from its acceptance.
    Limit("denunciation_followup_review", 20, D, f"{TC}, Điều 37", L25),
    Limit("denunciation_followup_resolution", 30, D, f"{TC}, Điều 37, Điều 30 khoản 1", L25),
    # How often the commune chair receives citizens: days per period (unit = the period).
    Limit("chair_reception_days_per_week", 1, W, f"{TCD}, Điều 15 khoản 2 điểm d", L42),
    Limit("chair_reception_days_per_week", 0, W, f"{TCD} sửa đổi bởi Luật 136/2025/QH15", L136),
    Limit("chair_reception_days_per_month", 0, W, f"{TCD}, Điều 15 khoản 2 điểm d", L42),
    Limit("chair_reception_days_per_month", 2, W, f"{TCD} sửa đổi bởi Luật 136/2025/QH15", L136),
)
# Law 136/2025 was not reported to move the time limits above (LAW-NOTES §3.3, unconfirmed):
# if its text does, add entries dated L136 here; the older entries keep governing older cases.

MAX_EXTENSIONS = {False: 1, True: 2}  # complex: once; especially complex: twice (Art. 30)
NO_LIMIT = "Không có tham số “{name}” có hiệu lực vào ngày {day:%d/%m/%Y}."


def limit_on(name: str, day: date) -> Limit:
    """The entry of ``name`` in force on ``day`` (the latest with ``applies_from`` ≤ ``day``)."""
    found = [item for item in LIMITS if item.name == name and item.applies_from <= day]
    if not found:
        raise LookupError(NO_LIMIT.format(name=name, day=day))
    return max(found, key=lambda item: item.applies_from)


def due_date(start: date, amount: int, unit: Unit, overrides: Overrides = NO_OVERRIDES) -> date:
    """The last day of a period of ``amount`` ``unit``s that starts the day after ``start``.

    Working days skip weekends and holidays (Labour Code Art. 111–112). A calendar-day period
    ends ``amount`` days later, moved to the next working day when that day is a day off
    (Civil Code 91/2015/QH13 Art. 147(1), 148(5))."""
    if unit is Unit.WORKING_DAYS:
        return add_working_days(start, amount, overrides)
    end = start + timedelta(days=amount)
    while not is_working_day(end, overrides):
        end += timedelta(days=1)
    return end


@dataclass(frozen=True)
class Deadline:
    """One time limit of a case: its name, a Vietnamese label, the last day, the article, and
    the day the step it asks for was done (None while it is still open)."""

    name: str
    label: str
    due: date
    article: str
    done_on: date | None = None

    def state(self, today: date) -> str:
        """``met``, ``late`` (done after the last day), ``overdue`` (open, past it) or
        ``open``."""
        if self.done_on is not None:
            return "met" if self.done_on <= self.due else "late"
        return "overdue" if today > self.due else "open"


def _deadline(name, label, start, overrides, *, done_on=None, extra=0) -> Deadline:
    limit = limit_on(name, start)
    due = due_date(start, limit.amount + extra, limit.unit, overrides)
    return Deadline(name, label, due, limit.article, done_on)


@dataclass(frozen=True)
class CaseFacts:
    """What the deadlines of a case depend on (dates are local dates in Viet Nam)."""

    kind: Kind
    received_on: date
    accepted_on: date | None = None
    resolved_on: date | None = None
    anonymous: bool = False
    complex: bool = False
    remote: bool = False
    several_places: bool = False
    extensions: int = 0
    responded_on: date | None = None  # first answer on what happens to it (accept, refuse …)
    answered_on: date | None = None  # the answer or decision sent to the sender
    published_on: date | None = None  # a denunciation's conclusion made public
    level: int = 1  # 2: khiếu nại lần hai (Law 02/2011 Art. 33) or tố cáo tiếp (25/2018 Art. 37)
    not_competent: bool = False  # a denunciation the body must forward (Art. 24(3))
    transferred_on: date | None = None  # the day it was forwarded


def case_deadlines(facts: CaseFacts, overrides: Overrides = NO_OVERRIDES) -> list[Deadline]:
    """Every statutory time limit of a case, in the order they fall.

    Second level (``facts.level == 2``): a second complaint is accepted within 10 days (Law
    02/2011 Art. 36) and resolved within 45/60 days, remote 60/70 (Art. 37); a follow-up
    denunciation is reviewed within 20 days and resolved again within 30 days of acceptance
    (Law 25/2018 Art. 37, 30). A denunciation the body is not competent for is forwarded
    within 5 working days of receipt (Art. 24(3)).

    All kinds but suggestions: the reception answer within 10 working days (Law 42/2013 Art.
    28(1)). Complaints: acceptance within 10 days (Art. 27), the first-level decision within
    30/45 days, remote 45/60 (Art. 28), sent within 3 working days (Art. 32). Denunciations
    with a name: registration within 7 working days, 10 for several places (Art. 24(1)),
    acceptance notice within 5 working days (Art. 29(3)), resolution within 30 days plus each
    extension of 30 (Art. 30), publication within 7 working days (Art. 40). An anonymous
    denunciation has none of the denunciation limits (Art. 25)."""
    kind, got = facts.kind, facts.received_on
    if kind is Kind.SUGGESTION:
        return []
    found = [
        _deadline(
            "reception_answer", "Trả lời việc tiếp nhận", got, overrides, done_on=facts.responded_on
        )
    ]
    if kind is Kind.COMPLAINT:
        found += _complaint(facts, overrides)
    elif kind is Kind.DENUNCIATION and not facts.anonymous:
        found += _denunciation(facts, overrides)
    return sorted(found, key=lambda item: item.due)


def _complaint(facts: CaseFacts, overrides: Overrides) -> list[Deadline]:
    second = "_second" if facts.level == 2 else ""
    found = [
        _deadline(
            f"complaint{second}_acceptance",
            "Thụ lý khiếu nại lần hai" if second else "Thụ lý khiếu nại",
            facts.received_on,
            overrides,
            done_on=facts.responded_on,
        )
    ]
    if facts.accepted_on:
        name = f"complaint{second}_resolution" + ("_remote" if facts.remote else "")
        name += "_complex" if facts.complex else ""
        found.append(
            _deadline(
                name,
                "Giải quyết khiếu nại lần hai" if second else "Giải quyết khiếu nại",
                facts.accepted_on,
                overrides,
                done_on=facts.resolved_on,
            )
        )
    if facts.resolved_on:
        found.append(
            _deadline(
                "complaint_decision_sending",
                "Gửi quyết định giải quyết",
                facts.resolved_on,
                overrides,
                done_on=facts.answered_on,
            )
        )
    return found


def _denunciation(facts: CaseFacts, overrides: Overrides) -> list[Deadline]:
    follow_up = facts.level == 2
    name = "denunciation_registration" + ("_several" if facts.several_places else "")
    label = "Vào sổ, kiểm tra điều kiện thụ lý"
    if follow_up:
        name, label = "denunciation_followup_review", "Xem xét tố cáo tiếp"
    found = [_deadline(name, label, facts.received_on, overrides, done_on=facts.responded_on)]
    if facts.not_competent:
        found.append(
            _deadline(
                "denunciation_forwarding",
                "Chuyển đơn tới cơ quan có thẩm quyền",
                facts.received_on,
                overrides,
                done_on=facts.transferred_on,
            )
        )
    if facts.accepted_on:
        # The notice goes out with the acceptance (services.accept_case sends it).
        found.append(
            _deadline(
                "denunciation_acceptance_notice",
                "Thông báo thụ lý",
                facts.accepted_on,
                overrides,
                done_on=facts.accepted_on,
            )
        )
        extension = limit_on("denunciation_extension", facts.accepted_on).amount
        found.append(
            _deadline(
                "denunciation_followup_resolution" if follow_up else "denunciation_resolution",
                "Giải quyết lại tố cáo" if follow_up else "Giải quyết tố cáo",
                facts.accepted_on,
                overrides,
                done_on=facts.resolved_on,
                extra=extension * facts.extensions,
            )
        )
    if facts.resolved_on:
        found.append(
            _deadline(
                "denunciation_publication",
                "Công khai kết luận",
                facts.resolved_on,
                overrides,
                done_on=facts.published_on,
            )
        )
    return found


# --- Checks that refuse ----------------------------------------------------------------------

COMPLAINT_TIME_BARRED = (
    "Đã quá 90 ngày kể từ ngày bạn biết quyết định hoặc hành vi bị khiếu nại (Luật Khiếu nại, "
    "Điều 9). Nếu có lý do chính đáng (ốm đau, thiên tai, đi công tác xa…), hãy ghi rõ số ngày "
    "bị cản trở."
)
TOO_MANY_EXTENSIONS = (
    "Tố cáo này đã được gia hạn {done} lần; vụ việc {what} chỉ được gia hạn tối đa {most} lần "
    "(Luật Tố cáo, Điều 30)."
)
ANONYMOUS_DENUNCIATION = (
    "Đơn tố cáo không ghi họ tên người tố cáo không được xử lý như tố cáo (Luật Tố cáo, Điều "
    "25). Nếu nội dung cụ thể, có thể chuyển thành nguồn tin để thanh tra, kiểm tra."
)


def complaint_within_time(learned_on: date, filed_on: date, *, obstacle_days: int = 0) -> bool:
    """Whether a complaint is filed within 90 days of learning of the act (Law 02/2011 Art.
    9); days of an objective obstacle (illness, disaster, far travel) do not count."""
    limit = limit_on("complaint_filing", filed_on)
    last = due_date(learned_on, limit.amount + max(obstacle_days, 0), limit.unit)
    return filed_on <= last


def open_deadlines(deadlines: list[Deadline]) -> list[Deadline]:
    """The deadlines still waiting for their step, earliest first."""
    return [item for item in deadlines if item.done_on is None]


def on_time(deadlines: list[Deadline]) -> bool:
    """Whether every step so far was done by its last day (the on-time rate counts this)."""
    return all(item.done_on <= item.due for item in deadlines if item.done_on is not None)


def check_extension(extensions_done: int, *, especially_complex: bool) -> None:
    """Refuse a denunciation extension beyond the law's: one for a complex case, two for an
    especially complex one (Law 25/2018 Art. 30(1)). Raises ``ValueError`` with the message."""
    most = MAX_EXTENSIONS[especially_complex]
    if extensions_done >= most:
        what = "đặc biệt phức tạp" if especially_complex else "phức tạp"
        raise ValueError(TOO_MANY_EXTENSIONS.format(done=extensions_done, what=what, most=most))


def group_representatives(people: int) -> tuple[int, int]:
    """How many representatives a group of ``people`` must name (min, max), Law 42/2013 Art.
    29: 5–10 people name 1–2; more than 10 may name more, at most 5; fewer than 5 need none."""
    if people < 5:
        return (0, 0)
    if people <= 10:
        return (1, 2)
    return (1, 5)


def chair_reception_requirement(day: date) -> str:
    """How often the commune chair must receive citizens on ``day``: at least 1 day a week
    (Law 42/2013 Art. 15(2)(d)); from 01/07/2026 at least 2 days a month (Law 136/2025)."""
    weekly = limit_on("chair_reception_days_per_week", day).amount
    if weekly:
        return f"ít nhất {weekly} ngày mỗi tuần"
    monthly = limit_on("chair_reception_days_per_month", day).amount
    return f"ít nhất {monthly} ngày mỗi tháng"


def chair_reception_shortfall(day: date, held_days: set[date]) -> tuple[int, int, str]:
    """How many reception days the commune chair held in the period containing ``day`` (the
    ISO week up to 30/06/2026, the calendar month from 01/07/2026) against the minimum:
    returns (held, required, period label). Law 42/2013 Art. 15(2)(d); Law 136/2025."""
    weekly = limit_on("chair_reception_days_per_week", day).amount
    if weekly:
        start = day - timedelta(days=day.weekday())
        end, label = start + timedelta(days=6), "tuần"
        required = weekly
    else:
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        required, label = limit_on("chair_reception_days_per_month", day).amount, "tháng"
    held = len({d for d in held_days if start <= d <= end})
    return held, required, label

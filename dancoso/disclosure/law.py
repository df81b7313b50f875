"""Pure rules of mandatory disclosure (công khai), Law 10/2022/QH15 on Grassroots Democracy.

No ORM import. Every number is a dated parameter (``Param``) carrying the article it comes
from and the day it applies from, so an amendment is a new entry, never an edit. The law took
effect on 01/07/2023 (Art. 90). Periods are counted in calendar days, the posting day being
the first ("ít nhất 30 ngày liên tục kể từ ngày niêm yết": posted on day 1, the 30th day is the
earliest end). Deadlines in working days use ``dancoso.core.workdays``.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dancoso.core.workdays import NO_OVERRIDES, Overrides, add_working_days

LAW_IN_FORCE = date(2023, 7, 1)
LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"


class LawViolation(ValueError):
    """A disclosure broke a rule below; ``code`` is stable, ``message`` says what to fix."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Param:
    """One value of a legal parameter, in force from ``since``, from ``article``."""

    value: int
    since: date
    article: str


PARAMS: dict[str, tuple[Param, ...]] = {
    # Art. 12(3): no later than 05 working days after the decision or document.
    "commune_deadline_working_days": (Param(5, LAW_IN_FORCE, "Điều 12 khoản 3"),),
    # Art. 13(2): posted at the commune office and villages at least 30 consecutive days.
    "commune_posting_days": (Param(30, LAW_IN_FORCE, "Điều 13 khoản 2"),),
    # Art. 13(3): on the commune loudspeaker system at least 03 consecutive days.
    "loudspeaker_days": (Param(3, LAW_IN_FORCE, "Điều 13 khoản 3"),),
    # Art. 47: agencies disclose no later than 05 working days after the document.
    "agency_deadline_working_days": (Param(5, LAW_IN_FORCE, "Điều 47"),),
    # Art. 48: agency intranet, or posted at the office, at least 20 consecutive days.
    "agency_posting_days": (Param(20, LAW_IN_FORCE, "Điều 48"),),
}


def param(name: str, on: date) -> Param:
    """The entry of parameter ``name`` in force on ``on`` (the latest ``since`` ≤ ``on``).
    Before the law took effect the first entry applies (nothing older is encoded)."""
    entries = sorted(PARAMS[name], key=lambda p: p.since)
    current = entries[0]
    for entry in entries:
        if entry.since <= on:
            current = entry
    return current


# --- Categories -----------------------------------------------------------------------------


class Scope(StrEnum):
    """Who discloses: the commune (to its people) or an agency (to its own staff)."""

    COMMUNE = "commune"
    AGENCY = "agency"


@dataclass(frozen=True)
class Category:
    """One content the law requires to be disclosed (``number`` as in the article's list)."""

    code: str
    scope: Scope
    number: int
    title: str
    article: str


_COMMUNE = (
    "Kế hoạch phát triển kinh tế – xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm",
    "Dự toán, tình hình thực hiện, quyết toán ngân sách xã; kết quả kiểm toán",
    "Dự án, công trình đầu tư; thu hồi đất, bồi thường, hỗ trợ, tái định cư; quy hoạch, "
    "kế hoạch sử dụng đất",
    "Quy chế thực hiện dân chủ ở xã; nhiệm vụ, quyền hạn của cán bộ, công chức xã",
    "Quản lý, sử dụng quỹ, khoản đầu tư, tài trợ; các khoản huy động Nhân dân đóng góp",
    "Quản lý, sử dụng tài sản công do xã quản lý",
    "Chính sách an sinh xã hội: tiêu chuẩn, đối tượng, quy trình bình xét, kết quả",
    "Hỗ trợ thiên tai, dịch bệnh, sự cố; người mắc bệnh hiểm nghèo; quyên góp tự nguyện",
    "Gọi công dân nhập ngũ, tham gia công an nhân dân",
    "Kết quả thanh tra, xử lý tham nhũng; kết quả lấy phiếu tín nhiệm",
    "Nội dung lấy ý kiến Nhân dân, tổng hợp ý kiến, tiếp thu, giải trình",
    "Đối tượng, mức thu phí, lệ phí và nghĩa vụ tài chính khác do xã trực tiếp thu",
    "Thủ tục hành chính do xã trực tiếp giải quyết",
    "Nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ của xã",
)
_AGENCY = (
    "Chủ trương, chính sách của Đảng, pháp luật của Nhà nước liên quan đến cơ quan, đơn vị",
    "Kế hoạch công tác hằng năm, hằng quý, hằng tháng",
    "Dự toán, tình hình thực hiện, quyết toán ngân sách; kết quả kiểm toán",
    "Tiêu chuẩn, định mức và việc quản lý, sử dụng tài sản công",
    "Đầu tư công: danh mục, vốn, tiến độ, giải ngân, nghiệm thu, quyết toán",
    "Tuyển dụng, đào tạo, điều động, bổ nhiệm, nâng lương, khen thưởng, kỷ luật, nghỉ hưu",
    "Kết luận về tham nhũng, lãng phí; bản kê khai tài sản, thu nhập",
    "Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo, kiến nghị trong nội bộ",
    "Nội quy, quy chế, quy tắc ứng xử của cơ quan, đơn vị",
    "Tổng hợp, giải trình ý kiến của cán bộ, công chức, viên chức, người lao động",
    "Chỉ đạo, hướng dẫn của cơ quan cấp trên",
    "Nội dung khác theo quy định của pháp luật, quy chế dân chủ của cơ quan, đơn vị",
)

CATEGORIES: dict[str, Category] = {
    **{
        f"xa-{n:02d}": Category(f"xa-{n:02d}", Scope.COMMUNE, n, t, f"Điều 11 khoản {n}")
        for n, t in enumerate(_COMMUNE, start=1)
    },
    **{
        f"cq-{n:02d}": Category(f"cq-{n:02d}", Scope.AGENCY, n, t, f"Điều 46 khoản {n}")
        for n, t in enumerate(_AGENCY, start=1)
    },
}
COMMUNE_CATEGORIES = tuple(c for c in CATEGORIES.values() if c.scope is Scope.COMMUNE)
AGENCY_CATEGORIES = tuple(c for c in CATEGORIES.values() if c.scope is Scope.AGENCY)

UNKNOWN_CATEGORY = "Hãy chọn một nhóm nội dung công khai trong danh mục của Luật."
WRONG_SCOPE = "Nhóm “{title}” là nội dung công khai của {expected}. Hãy chọn nhóm thuộc {given}."
SCOPE_NAMES = {Scope.COMMUNE: "xã, thôn", Scope.AGENCY: "cơ quan, đơn vị (công khai nội bộ)"}


def category(code: str, scope: Scope | None = None) -> Category:
    """The category ``code`` (Art. 11 for communes, Art. 46 for agencies); with ``scope``,
    refuse a category of the other kind."""
    found = CATEGORIES.get(code)
    if found is None:
        raise LawViolation("unknown_category", UNKNOWN_CATEGORY)
    if scope is not None and found.scope is not scope:
        raise LawViolation(
            "wrong_scope",
            WRONG_SCOPE.format(
                title=found.title, expected=SCOPE_NAMES[found.scope], given=SCOPE_NAMES[scope]
            ),
        )
    return found


# --- Forms (Art. 12, 13, 47, 48) ------------------------------------------------------------


class Form(StrEnum):
    """A way of disclosing (hình thức công khai)."""

    PORTAL = "portal"  # Art. 12(1)(b), 47(1)(b): the portal / intranet page of this platform
    POSTED_OFFICE = "posted_office"  # Art. 12(1)(a): niêm yết at the commune office
    POSTED_VILLAGE = "posted_village"  # Art. 13(2): at the village cultural house
    LOUDSPEAKER = "loudspeaker"  # Art. 12(1)(c), 13(3)
    VILLAGE_HEAD = "village_head"  # Art. 13(4): through the village head, meeting or notice
    HOUSEHOLDS = "households"  # Art. 12(1)(đ): letter to citizens / households
    AGENCY_INTRANET = "agency_intranet"  # Art. 47(1)(b), 48(1)
    AGENCY_POSTED = "agency_posted"  # Art. 47(1)(a), 48(1)
    STAFF_LETTER = "staff_letter"  # Art. 47(1)(d): letter to every member of staff


FORM_LABELS = {
    Form.PORTAL: "Đăng trên cổng thông tin",
    Form.POSTED_OFFICE: "Niêm yết tại trụ sở HĐND, UBND xã",
    Form.POSTED_VILLAGE: "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng thôn",
    Form.LOUDSPEAKER: "Phát trên hệ thống truyền thanh của xã",
    Form.VILLAGE_HEAD: "Thông qua trưởng thôn (hội nghị, thông báo đến hộ)",
    Form.HOUSEHOLDS: "Gửi văn bản đến hộ gia đình",
    Form.AGENCY_INTRANET: "Đăng trên mạng nội bộ của cơ quan, đơn vị",
    Form.AGENCY_POSTED: "Niêm yết tại trụ sở cơ quan, đơn vị",
    Form.STAFF_LETTER: "Gửi văn bản đến từng cán bộ, công chức, viên chức",
}
OFFLINE_FORMS = frozenset(set(Form) - {Form.PORTAL, Form.AGENCY_INTRANET})
COMMUNE_FORMS = (
    Form.PORTAL,
    Form.POSTED_OFFICE,
    Form.POSTED_VILLAGE,
    Form.LOUDSPEAKER,
    Form.VILLAGE_HEAD,
    Form.HOUSEHOLDS,
)
AGENCY_FORMS = (Form.AGENCY_INTRANET, Form.AGENCY_POSTED, Form.STAFF_LETTER)

POSTED_30_DAYS = frozenset({1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12})  # Art. 13(2)
POSTED_PERMANENTLY = frozenset({4, 13})  # Art. 13(2)
LOUDSPEAKER_CATEGORIES = frozenset({7, 8, 9, 10, 11, 12})  # Art. 13(3), 13(4)


@dataclass(frozen=True)
class Requirement:
    """A form the law requires for a category; ``min_days`` None with ``permanent`` for
    "thường xuyên", None alone for "no minimum stated"."""

    form: Form
    article: str
    min_days: int | None = None
    permanent: bool = False


def required_forms(
    cat: Category,
    on: date,
    *,
    has_loudspeaker: bool = True,
    has_intranet: bool = True,
    staff_letter: bool = False,
) -> tuple[Requirement, ...]:
    """The forms the law requires for ``cat`` disclosed on ``on``: Art. 13 for a commune
    (portal for all, posting 30 days or permanently, loudspeaker 3 days and village heads for
    7–12 where a loudspeaker system exists); Art. 48 for an agency (intranet 20 days, or
    posted 20 days when it has none, not needed after a letter to all staff)."""
    if cat.scope is Scope.AGENCY:
        days = param("agency_posting_days", on)
        if has_intranet:
            return (Requirement(Form.AGENCY_INTRANET, days.article, days.value),)
        if staff_letter:
            return (Requirement(Form.STAFF_LETTER, days.article),)
        return (Requirement(Form.AGENCY_POSTED, days.article, days.value),)
    found = [Requirement(Form.PORTAL, "Điều 13 khoản 1")]
    posting = param("commune_posting_days", on)
    if cat.number in POSTED_30_DAYS:
        found += [
            Requirement(Form.POSTED_OFFICE, posting.article, posting.value),
            Requirement(Form.POSTED_VILLAGE, posting.article, posting.value),
        ]
    if cat.number in POSTED_PERMANENTLY:
        found.append(Requirement(Form.POSTED_OFFICE, posting.article, permanent=True))
    if cat.number in LOUDSPEAKER_CATEGORIES:
        loud = param("loudspeaker_days", on)
        if has_loudspeaker:
            found.append(Requirement(Form.LOUDSPEAKER, loud.article, loud.value))
        found.append(Requirement(Form.VILLAGE_HEAD, "Điều 13 khoản 4"))
    return tuple(found)


def minimum_days(cat: Category, on: date) -> int | None:
    """The shortest period a disclosure of ``cat`` may stay up (the longest minimum among its
    required forms), or None when the law states none."""
    days = [r.min_days for r in required_forms(cat, on) if r.min_days]
    return max(days) if days else None


def is_permanent(cat: Category) -> bool:
    """Categories 4 and 13 are posted permanently and updated on change (Art. 13(2))."""
    return cat.scope is Scope.COMMUNE and cat.number in POSTED_PERMANENTLY


PERIOD_TOO_SHORT = (
    "Nội dung nhóm {number} phải được công khai ít nhất {days} ngày liên tục ({article} {law}). "
    "Hãy chọn ngày kết thúc từ {earliest} trở đi, hoặc để trống."
)
PERMANENT_HAS_END = (
    "Nội dung nhóm {number} phải được niêm yết thường xuyên và cập nhật khi có thay đổi "
    "({article} {law}). Hãy để trống ngày kết thúc."
)
END_BEFORE_START = "Ngày kết thúc không được trước ngày bắt đầu công khai."
MISSING_FORMS = "Nội dung này phải được công khai bằng các hình thức: {forms} ({articles} {law})."


def earliest_end(start: date, days: int) -> date:
    """The first allowed end date of a period of ``days`` consecutive days from ``start``
    (the start day is day 1)."""
    return start + timedelta(days=days - 1)


def check_period(cat: Category, start: date, end: date | None) -> None:
    """Refuse an end date before the start, an end date for a permanent category, or a period
    shorter than the legal minimum (Art. 13(2)–(3), 48(1)), quoting the rule."""
    if end is not None and end < start:
        raise LawViolation("end_before_start", END_BEFORE_START)
    if is_permanent(cat):
        if end is not None:
            raise LawViolation(
                "permanent_has_end",
                PERMANENT_HAS_END.format(number=cat.number, article="Điều 13 khoản 2", law=LAW),
            )
        return
    days = minimum_days(cat, start)
    if days and end is not None and end < earliest_end(start, days):
        article = "Điều 48" if cat.scope is Scope.AGENCY else "Điều 13"
        raise LawViolation(
            "period_too_short",
            PERIOD_TOO_SHORT.format(
                number=cat.number,
                days=days,
                article=article,
                law=LAW,
                earliest=earliest_end(start, days).strftime("%d/%m/%Y"),
            ),
        )


def check_forms(cat: Category, chosen, on: date, **facilities) -> None:
    """Refuse a choice of forms that leaves out one the law requires for ``cat``."""
    needed = required_forms(cat, on, **facilities)
    missing = [r for r in needed if r.form not in set(chosen)]
    if missing:
        raise LawViolation(
            "missing_forms",
            MISSING_FORMS.format(
                forms=", ".join(FORM_LABELS[r.form].lower() for r in missing),
                articles=", ".join(sorted({r.article for r in missing})),
                law=LAW,
            ),
        )


def deadline(cat: Category, document_date: date, overrides: Overrides = NO_OVERRIDES) -> date:
    """The last day to disclose a content whose decision or document is dated
    ``document_date``: 05 working days after it (Art. 12(3) communes, Art. 47 agencies)."""
    name = "agency" if cat.scope is Scope.AGENCY else "commune"
    days = param(f"{name}_deadline_working_days", document_date)
    return add_working_days(document_date, days.value, overrides)

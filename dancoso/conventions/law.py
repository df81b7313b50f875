"""Pure rules for village conventions (hương ước, quy ước), Decree 61/2023/NĐ-CP of 16/08/2023
(in force the same day). No ORM imports; working days through ``dancoso.core.workdays``.

Every number is a dated parameter (``since``), so an amendment is a new entry.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dancoso.core.workdays import NO_OVERRIDES, Overrides, add_working_days

DECREE_IN_FORCE = date(2023, 8, 16)


@dataclass(frozen=True)
class Rule:
    """A number of the decree with the article it comes from and the date it applies from."""

    value: int
    since: date
    article: str


# Art. 9(1): the draft is posted for a period the community sets, not less than 30 days.
POSTING_MIN_DAYS = (Rule(30, DECREE_IN_FORCE, "Điều 9 khoản 1 Nghị định 61/2023/NĐ-CP"),)
# Art. 11(2): the village head sends the dossier within 5 working days of the meeting or of the
# end of the ballot.
DOSSIER_WORKING_DAYS = (Rule(5, DECREE_IN_FORCE, "Điều 11 khoản 2 Nghị định 61/2023/NĐ-CP"),)
# Art. 11(4): UBND xã decides within 5 working days of a complete dossier.
RECOGNITION_WORKING_DAYS = (Rule(5, DECREE_IN_FORCE, "Điều 11 khoản 4 Nghị định 61/2023/NĐ-CP"),)
# Art. 18(1): the recognised text goes back to the village head and the Front within 2 working days.
RETURN_WORKING_DAYS = (Rule(2, DECREE_IN_FORCE, "Điều 18 khoản 1 Nghị định 61/2023/NĐ-CP"),)
# Art. 15(2): yearly review on 18 November (Great National Unity Day) or another agreed day.
REVIEW_DAY = (11, 18)

KINDS = {"huong_uoc": "Hương ước", "quy_uoc": "Quy ước"}

POSTING_TOO_SHORT = (
    "Dự thảo hương ước, quy ước phải được niêm yết ít nhất {days} ngày ({article}) — hãy lùi "
    "ngày kết thúc đến ít nhất {earliest}."
)
BAD_FIGURES = (
    "Số liệu không hợp lệ: số hộ tham dự ({attending}) và số hộ tán thành ({agreeing}) không "
    "được vượt tổng số hộ ({total}), số hộ tán thành không vượt số hộ tham dự."
)
NO_HOUSEHOLDS = "Tổng số hộ gia đình của thôn phải lớn hơn 0."
BALLOT_ONLY_AFTER_FAILED_MEETING = (
    "Chỉ phát phiếu lấy ý kiến hộ gia đình khi cuộc họp không có trên 50% số hộ tham dự "
    "(Điều 10 Nghị định 61/2023/NĐ-CP) — hãy ghi số hộ đã dự cuộc họp trước đó."
)
MEETING_QUORUM_FAILED = (
    "Cuộc họp chỉ có {attending}/{total} hộ tham dự, không quá 50% — chưa thể biểu quyết tại "
    "cuộc họp; hãy phát phiếu lấy ý kiến đến từng hộ (Điều 10 Nghị định 61/2023/NĐ-CP)."
)


def current(rules: tuple[Rule, ...], on: date) -> Rule:
    """The entry of ``rules`` in force on ``on``."""
    entries = [r for r in rules if r.since <= on] or [min(rules, key=lambda r: r.since)]
    return max(entries, key=lambda r: r.since)


def check_posting(opens: date, closes: date) -> None:
    """Art. 9(1): at least 30 days of posting, the first day counted."""
    rule = current(POSTING_MIN_DAYS, opens)
    if (closes - opens).days + 1 < rule.value:
        earliest = opens + timedelta(days=rule.value - 1)
        raise ValueError(
            POSTING_TOO_SHORT.format(
                days=rule.value, article=rule.article, earliest=f"{earliest:%d/%m/%Y}"
            )
        )


@dataclass(frozen=True)
class Adoption:
    """The outcome of a vote on a convention: adopted or not, and why."""

    adopted: bool
    reason: str


def more_than_half(part: int, whole: int) -> bool:
    """Strictly more than 50 % of ``whole``, in integers (no rounding)."""
    return 2 * part > whole


def adoption(
    *, method: str, total: int, attending: int, agreeing: int, meeting_attending: int | None = None
) -> Adoption:
    """Art. 10: adopted when more than 50 % of ALL households agree — at a meeting attended by
    more than 50 % of households, or by ballots to every household only after such a meeting
    failed. ``method`` is "meeting" or "ballot"; for a ballot, ``attending`` is the number of
    ballots returned and ``meeting_attending`` the attendance of the failed meeting."""
    if total <= 0:
        raise ValueError(NO_HOUSEHOLDS)
    if not 0 <= agreeing <= attending <= total:
        raise ValueError(BAD_FIGURES.format(attending=attending, agreeing=agreeing, total=total))
    if method == "meeting" and not more_than_half(attending, total):
        raise ValueError(MEETING_QUORUM_FAILED.format(attending=attending, total=total))
    if method == "ballot" and (
        meeting_attending is None or more_than_half(meeting_attending, total)
    ):
        raise ValueError(BALLOT_ONLY_AFTER_FAILED_MEETING)
    if more_than_half(agreeing, total):
        return Adoption(True, f"{agreeing}/{total} hộ tán thành, trên 50% tổng số hộ.")
    return Adoption(False, f"Chỉ {agreeing}/{total} hộ tán thành, chưa quá 50% tổng số hộ.")


def dossier_due(voted_on: date, overrides: Overrides = NO_OVERRIDES) -> date:
    """Art. 11(2): last day to send the recognition dossier to UBND xã."""
    return add_working_days(voted_on, current(DOSSIER_WORKING_DAYS, voted_on).value, overrides)


def recognition_due(complete_on: date, overrides: Overrides = NO_OVERRIDES) -> date:
    """Art. 11(4): last day for UBND xã to recognise (or refuse in writing)."""
    rule = current(RECOGNITION_WORKING_DAYS, complete_on)
    return add_working_days(complete_on, rule.value, overrides)


def return_due(recognised_on: date, overrides: Overrides = NO_OVERRIDES) -> date:
    """Art. 18(1): last day to send the recognised text to the village head and the Front."""
    rule = current(RETURN_WORKING_DAYS, recognised_on)
    return add_working_days(recognised_on, rule.value, overrides)


def next_review(after: date) -> date:
    """Art. 15(2): the first 18 November strictly after ``after`` (the yearly review)."""
    month, day = REVIEW_DAY
    candidate = date(after.year, month, day)
    return candidate if candidate > after else date(after.year + 1, month, day)


# --- Suspension and repeal (Art. 12, 14) -------------------------------------------------------
# Art. 12(2): on a written complaint or a review finding, UBND xã answers within 3 working days
# that it is unfounded, or suspends the convention (Form 04) with the reasons and a deadline to
# redo or amend it. Art. 14(2): the repeal is decided within 5 working days (Form 05). Both
# decisions go to the village head and the commune Front committee and apply from signature.
SUSPENSION_WORKING_DAYS = (Rule(3, DECREE_IN_FORCE, "Điều 12 khoản 2 Nghị định 61/2023/NĐ-CP"),)
REPEAL_WORKING_DAYS = (Rule(5, DECREE_IN_FORCE, "Điều 14 khoản 2 Nghị định 61/2023/NĐ-CP"),)

SUSPEND, REPEAL = "suspend", "repeal"
WHOLE, PART = "whole", "part"


@dataclass(frozen=True)
class Ground:
    """A ground on which UBND xã suspends or repeals a convention, the extent it allows (the
    whole text or some of its parts) and the article it comes from."""

    code: str
    measure: str
    extent: str
    label: str
    article: str


GROUNDS = {
    g.code: g
    for g in (
        Ground("procedure", SUSPEND, WHOLE,
               "Trình tự, thủ tục xây dựng, thông qua không đúng quy định",
               "Điều 12 khoản 1 điểm a Nghị định 61/2023/NĐ-CP"),
        Ground("content", SUSPEND, PART,
               "Nội dung trái mục đích, nguyên tắc (Điều 3, Điều 4) hoặc gây hậu quả xấu",
               "Điều 12 khoản 1 điểm b Nghị định 61/2023/NĐ-CP"),
        Ground("unlawful", REPEAL, WHOLE,
               "Nội dung trái pháp luật, trái đạo đức xã hội hoặc gây hậu quả nghiêm trọng",
               "Điều 14 khoản 1 điểm a Nghị định 61/2023/NĐ-CP"),
        Ground("not_redone", REPEAL, WHOLE,
               "Bị đình chỉ toàn bộ nhưng không được xây dựng lại đúng thời hạn",
               "Điều 14 khoản 1 điểm b Nghị định 61/2023/NĐ-CP"),
        Ground("rate_not_met", REPEAL, WHOLE,
               "Không đạt tỷ lệ hộ tán thành khi thông qua và không được thông qua lại",
               "Điều 14 khoản 1 điểm c Nghị định 61/2023/NĐ-CP"),
        Ground("not_amended", REPEAL, PART,
               "Phần bị đình chỉ không được sửa đổi, bổ sung đúng thời hạn",
               "Điều 14 khoản 1 điểm d Nghị định 61/2023/NĐ-CP"),
    )
}  # fmt: skip

MEASURE_LABELS = {SUSPEND: "Đình chỉ thi hành", REPEAL: "Bãi bỏ"}
EXTENT_LABELS = {WHOLE: "toàn bộ", PART: "một phần"}
MAX_PARTS = 100

UNKNOWN_GROUND = "Hãy chọn căn cứ {measure} theo Điều {article} Nghị định 61/2023/NĐ-CP."
PARTS_REQUIRED = (
    "Căn cứ này chỉ cho phép {measure} một phần ({article}) — hãy ghi các điều, khoản bị "
    "{measure}, mỗi điều một dòng."
)
PARTS_NOT_ALLOWED = (
    "Căn cứ này là {measure} toàn bộ hương ước, quy ước ({article}) — hãy bỏ trống danh sách "
    "các điều, khoản."
)
TOO_MANY_PARTS = "Tối đa {n} điều, khoản trong một quyết định."
REDO_REQUIRED = (
    "Quyết định đình chỉ phải ghi thời hạn xây dựng lại hoặc sửa đổi, bổ sung (Điều 12 khoản 2 "
    "Nghị định 61/2023/NĐ-CP), sau ngày quyết định."
)
DECIDED_BEFORE_RECEIVED = "Ngày quyết định không được trước ngày nhận kiến nghị hoặc phát hiện."
NO_LAPSED_SUSPENSION = (
    "Chỉ bãi bỏ theo căn cứ này khi hương ước, quy ước đã bị đình chỉ toàn bộ và đã quá thời "
    "hạn xây dựng lại ({article})."
)
ALREADY_REPEALED = "“{part}” đã bị bãi bỏ trước đó."
PART_NOT_LAPSED = (
    "“{part}” chưa bị đình chỉ hoặc chưa hết thời hạn sửa đổi, bổ sung — chỉ bãi bỏ một phần "
    "đối với phần đã bị đình chỉ mà quá hạn không sửa ({article})."
)


# Art. 12(2): the other answer to a complaint — "không có căn cứ" — is a written reply from UBND
# xã to whoever complained, within the same 3 working days (``SUSPENSION_WORKING_DAYS``); the
# convention stays in force as it was. A late reply is recorded with its lateness.
UNFOUNDED_REASONS_MIN = 10
COMPLAINANT_REQUIRED = "Hãy ghi người hoặc tổ chức đã kiến nghị, phản ánh (câu trả lời gửi tới họ)."
COMPLAINT_REQUIRED = "Hãy tóm tắt nội dung kiến nghị, phản ánh."
UNFOUNDED_REASONS_REQUIRED = (
    "Hãy ghi rõ vì sao kiến nghị không có căn cứ (ít nhất một câu) — câu trả lời phải bằng văn "
    "bản (Điều 12 khoản 2 Nghị định 61/2023/NĐ-CP)."
)
ANSWERED_BEFORE_RECEIVED = "Ngày trả lời không được trước ngày nhận kiến nghị."


def check_unfounded(
    *, complainant: str, complaint: str, reasons: str, received_on: date, answered_on: date
) -> dict[str, str]:
    """Art. 12(2): a reply that a complaint is unfounded names who complained, what they
    said and why it has no ground, and is dated on or after the complaint's receipt. Returns
    the problems by field (empty when the reply may be recorded)."""
    errors = {}
    if not (complainant or "").strip():
        errors["complainant"] = COMPLAINANT_REQUIRED
    if not (complaint or "").strip():
        errors["complaint"] = COMPLAINT_REQUIRED
    if len((reasons or "").strip()) < UNFOUNDED_REASONS_MIN:
        errors["reasons"] = UNFOUNDED_REASONS_REQUIRED
    if answered_on < received_on:
        errors["answered_on"] = ANSWERED_BEFORE_RECEIVED
    return errors


def unfounded_due(received_on: date, overrides: Overrides = NO_OVERRIDES) -> date:
    """Art. 12(2): the last day to reply that a complaint is unfounded (3 working days)."""
    return measure_due(SUSPEND, received_on, overrides)


@dataclass(frozen=True)
class Suspension:
    """An earlier suspension of the same convention: its extent, parts and redo deadline."""

    extent: str
    parts: tuple[str, ...]
    redo_by: date


def _norm(part: str) -> str:
    return " ".join(part.split()).casefold()


def measure_due(measure: str, received_on: date, overrides: Overrides = NO_OVERRIDES) -> date:
    """Art. 12(2) / 14(2): the last day for UBND xã to decide, counted in working days from the
    day the complaint or the review finding was received."""
    rules = SUSPENSION_WORKING_DAYS if measure == SUSPEND else REPEAL_WORKING_DAYS
    return add_working_days(received_on, current(rules, received_on).value, overrides)


def check_measure(
    measure: str,
    ground_code: str,
    parts: list[str],
    *,
    received_on: date,
    decided_on: date,
    redo_by: date | None = None,
    suspensions: tuple[Suspension, ...] = (),
    repealed: tuple[str, ...] = (),
) -> tuple[Ground, tuple[str, ...]]:
    """Art. 12 and 14: the ground fits the measure, the extent fits the ground (the named parts
    for a partial measure, none for the whole), a suspension sets a redo deadline after the
    decision, a repeal for a lapsed suspension follows one whose deadline has passed, and no
    part already ``repealed`` is named again. Returns the ground and the cleaned parts; raises
    ``ValueError`` with what to fix."""
    ground = GROUNDS.get(ground_code)
    if ground is None or ground.measure != measure:
        article = "12" if measure == SUSPEND else "14"
        word = MEASURE_LABELS.get(measure, "").lower()
        raise ValueError(UNKNOWN_GROUND.format(measure=word, article=article))
    word = MEASURE_LABELS[measure].lower()
    cleaned = tuple(dict.fromkeys(" ".join(p.split())[:150] for p in parts if p and p.strip()))
    if ground.extent == PART and not cleaned:
        raise ValueError(PARTS_REQUIRED.format(measure=word, article=ground.article))
    if ground.extent == WHOLE and cleaned:
        raise ValueError(PARTS_NOT_ALLOWED.format(measure=word, article=ground.article))
    if len(cleaned) > MAX_PARTS:
        raise ValueError(TOO_MANY_PARTS.format(n=MAX_PARTS))
    gone = {_norm(p) for p in repealed}
    for part in cleaned:
        if _norm(part) in gone:
            raise ValueError(ALREADY_REPEALED.format(part=part))
    if decided_on < received_on:
        raise ValueError(DECIDED_BEFORE_RECEIVED)
    if measure == SUSPEND and (redo_by is None or redo_by <= decided_on):
        raise ValueError(REDO_REQUIRED)
    lapsed = [s for s in suspensions if s.redo_by < decided_on]
    if ground.code == "not_redone" and not any(s.extent == WHOLE for s in lapsed):
        raise ValueError(NO_LAPSED_SUSPENSION.format(article=ground.article))
    if ground.code == "not_amended":
        lapsed_parts = {_norm(p) for s in lapsed if s.extent == PART for p in s.parts}
        for part in cleaned:
            if _norm(part) not in lapsed_parts:
                raise ValueError(PART_NOT_LAPSED.format(part=part, article=ground.article))
    return ground, cleaned

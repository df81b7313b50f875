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

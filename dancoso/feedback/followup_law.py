"""Pure rules of second-level cases: when a second complaint may be filed (Law on Complaints
02/2011/QH13 Art. 33) and when a follow-up denunciation's window opens (Law on Denunciations
25/2018/QH14 Art. 37). The limits themselves are dated entries of ``law.LIMITS``
(``complaint_second_*``, ``denunciation_followup_*``). No ORM import."""

from datetime import date

from .law import Deadline, due_date, limit_on

SECOND_COMPLAINT_LATE = (
    "Đã quá hạn khiếu nại lần hai: người khiếu nại được khiếu nại lần hai trong {days} ngày kể "
    "từ ngày nhận quyết định giải quyết lần đầu hoặc hết thời hạn giải quyết mà khiếu nại "
    "không được giải quyết (Luật Khiếu nại 02/2011/QH13, Điều 33). Hạn cuối của bạn là "
    "{last:%d/%m/%Y}. Bạn vẫn có thể khởi kiện vụ án hành chính tại Tòa án."
)
FOLLOW_UP_TOO_EARLY = (
    "Chưa thể gửi {what}: hồ sơ lần đầu chưa có kết quả và vẫn còn trong thời hạn giải quyết "
    "(đến hết ngày {due:%d/%m/%Y})."
)


def follow_up_start(deadlines: list[Deadline], answered_on: date | None, today: date):
    """The day a second complaint's (or follow-up denunciation's) window opens: the day the
    first-level decision or conclusion reached the sender, else the day after its resolution
    limit lapsed unanswered (Law 02/2011 Art. 33; Law 25/2018 Art. 37). ``None`` while the
    first case is still within its limit and unanswered."""
    if answered_on is not None:
        return answered_on
    resolution = [d for d in deadlines if "resolution" in d.name and d.done_on is None]
    if resolution and today > resolution[0].due:
        return resolution[0].due
    return None


def second_complaint_last_day(start: date, *, remote: bool) -> date:
    """The last day to file a second complaint: 30 days after ``start`` (45 in remote,
    difficult areas), Law 02/2011 Art. 33."""
    name = "complaint_second_filing" + ("_remote" if remote else "")
    limit = limit_on(name, start)
    return due_date(start, limit.amount, limit.unit)


def check_second_complaint(start: date, filed_on: date, *, remote: bool) -> None:
    """Refuse a second complaint filed after its window (Law 02/2011 Art. 33); raises
    ``ValueError`` carrying the rule and the last day."""
    last = second_complaint_last_day(start, remote=remote)
    if filed_on > last:
        name = "complaint_second_filing" + ("_remote" if remote else "")
        days = limit_on(name, start).amount
        raise ValueError(SECOND_COMPLAINT_LATE.format(days=days, last=last))

"""Citizen-reception sessions and leader–resident dialogues: schedule, publish in advance,
record who came, what was raised and promised, mark held (or cancel), and open a follow-up
case from a matter raised. Each write checks ``feedback.manage_sessions`` and leaves one audit
event; summaries carry ids, never names."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dancoso.audit.services import record
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.places.models import Commune, Village

from ..models import Case, ReceptionSession, SessionAttendee, SessionItem
from .intake import take_case

REQUIRED = "Hãy ghi {what}."
NOT_SCHEDULED = "Buổi này đã {status}: không thể thay đổi lịch hay công bố lại."
NOT_HELD = "Chỉ ghi biên bản (người dự, ý kiến, cam kết) cho buổi đã lên lịch hoặc đã tổ chức."
HELD_IN_FUTURE = "Buổi chưa diễn ra: chỉ đánh dấu “đã tổ chức” sau giờ bắt đầu."
ALREADY_FOLLOWED = "Ý kiến này đã có hồ sơ theo dõi {tracking}."
VILLAGE_ELSEWHERE = "Thôn không thuộc xã của buổi tiếp."
PAST_START = "Thời gian buổi tiếp phải ở tương lai khi lên lịch."


def _require(actor, session) -> None:
    if not actor.has_perm("feedback.manage_sessions", session):
        raise PermissionDeniedError()


def _audit(action: str, session: ReceptionSession, actor, summary: dict | None = None) -> None:
    record(
        f"feedback.{action}",
        actor=actor,
        obj=session,
        summary=summary or {},
        commune_code=session.commune.code,
    )


def _text(value, what: str, limit: int, *, required=True) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise ValidationError({what: REQUIRED.format(what=what)})
    return value[:limit]


def _locked(session: ReceptionSession) -> ReceptionSession:
    return (
        ReceptionSession.objects.select_for_update(of=("self",))
        .select_related("commune__province")
        .get(pk=session.pk)
    )


@transaction.atomic
def schedule_session(
    commune: Commune,
    *,
    actor,
    kind: str,
    title: str,
    starts_at: datetime,
    place: str,
    host: str,
    chaired_by_chair: bool = True,
    agenda: str = "",
    publish: bool = True,
) -> ReceptionSession:
    """Lên lịch tiếp công dân / đối thoại: a commune officer or leader schedules a session
    (published at once on the commune's page unless ``publish`` is off)."""
    session = ReceptionSession(
        commune=commune,
        kind=kind,
        starts_at=starts_at,
        title=_text(title, "chủ đề", 200),
        place=_text(place, "địa điểm", 200),
        host=_text(host, "người chủ trì", 150),
        agenda=str(agenda or "")[:5000],
        chaired_by_chair=chaired_by_chair,
        published=publish,
    )
    _require(actor, session)
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": PAST_START})
    session.full_clean()
    session.save()
    _audit("schedule_session", session, actor, {"kind": kind, "published": publish})
    return session


@transaction.atomic
def publish_session(session: ReceptionSession, *, actor) -> ReceptionSession:
    """Công bố lịch: the session appears on the commune's public page."""
    session = _locked(session)
    _require(actor, session)
    if session.status != ReceptionSession.Status.SCHEDULED:
        raise DomainError(
            "session_closed", NOT_SCHEDULED, status=session.get_status_display().lower()
        )
    session.published = True
    session.save(update_fields=["published", "updated_at"])
    _audit("publish_session", session, actor)
    return session


@transaction.atomic
def cancel_session(session: ReceptionSession, *, actor, reason: str) -> ReceptionSession:
    """Hủy buổi tiếp, with a reason shown on the public page."""
    session = _locked(session)
    _require(actor, session)
    if session.status != ReceptionSession.Status.SCHEDULED:
        raise DomainError(
            "session_closed", NOT_SCHEDULED, status=session.get_status_display().lower()
        )
    session.status = ReceptionSession.Status.CANCELLED
    session.summary = _text(reason, "lý do", 2000)
    session.save(update_fields=["status", "summary", "updated_at"])
    _audit("cancel_session", session, actor)
    return session


def _recordable(session: ReceptionSession) -> None:
    if session.status == ReceptionSession.Status.CANCELLED:
        raise DomainError("session_cancelled", NOT_HELD)


@transaction.atomic
def add_attendee(
    session: ReceptionSession,
    *,
    actor,
    full_name: str,
    village: Village | None = None,
    represents: int = 1,
) -> SessionAttendee:
    """Ghi người đến dự (a group's representative may stand for several people)."""
    session = _locked(session)
    _require(actor, session)
    _recordable(session)
    if village is not None and village.commune_id != session.commune_id:
        raise ValidationError({"village": VILLAGE_ELSEWHERE})
    attendee = SessionAttendee(
        session=session,
        full_name=_text(full_name, "họ tên", 150),
        village=village,
        represents=max(1, min(int(represents or 1), 500)),
    )
    attendee.save()
    session.attendance += attendee.represents
    session.save(update_fields=["attendance", "updated_at"])
    _audit("add_attendee", session, actor, {"attendee": attendee.pk})
    return attendee


@transaction.atomic
def add_item(
    session: ReceptionSession,
    *,
    actor,
    raised: str,
    promised: str = "",
    responsible: str = "",
    due_on=None,
) -> SessionItem:
    """Ghi ý kiến nêu ra và cam kết trả lời: what was raised, what was promised, by whom, by
    when (write no names of residents here: the list is public)."""
    session = _locked(session)
    _require(actor, session)
    _recordable(session)
    item = SessionItem(
        session=session,
        raised=_text(raised, "ý kiến", 5000),
        promised=str(promised or "").strip()[:5000],
        responsible=str(responsible or "").strip()[:200],
        due_on=due_on,
    )
    item.full_clean(exclude=["session", "case"])
    item.save()
    _audit("add_session_item", session, actor, {"item": item.pk})
    return item


@transaction.atomic
def mark_held(session: ReceptionSession, *, actor, summary: str = "") -> ReceptionSession:
    """Đã tổ chức: close the record after the session took place."""
    session = _locked(session)
    _require(actor, session)
    if session.status != ReceptionSession.Status.SCHEDULED:
        raise DomainError(
            "session_closed", NOT_SCHEDULED, status=session.get_status_display().lower()
        )
    if session.starts_at > timezone.now():
        raise DomainError("session_in_future", HELD_IN_FUTURE)
    session.status, session.summary = ReceptionSession.Status.HELD, str(summary or "")[:10000]
    session.save(update_fields=["status", "summary", "updated_at"])
    _audit("mark_session_held", session, actor)
    return session


@transaction.atomic
def open_follow_up(item: SessionItem, *, actor, kind: str = "kien_nghi") -> Case:
    """Mở hồ sơ theo dõi: a matter raised at a session becomes a case (channel "tiếp công
    dân", received the day of the session), so its answer is tracked with deadlines."""
    item = (
        SessionItem.objects.select_for_update(of=("self",))
        .select_related("session__commune__province", "case")
        .get(pk=item.pk)
    )
    _require(actor, item.session)
    if item.case_id:
        raise DomainError("already_followed", ALREADY_FOLLOWED, tracking=item.case.tracking_code)
    received = timezone.localtime(item.session.starts_at).date()
    case = take_case(
        item.session.commune,
        actor=actor,
        channel=Case.Channel.RECEPTION,
        received_on=min(received, timezone.localdate()),
        kind=kind,
        subject=item.raised[:200],
        description=item.raised,
    )
    case.session = item.session
    case.save(update_fields=["session"])
    item.case = case
    item.save(update_fields=["case"])
    _audit("open_follow_up", item.session, actor, {"item": item.pk, "case": case.pk})
    return case

"""Opinions: posted on the portal by the audience, entered from offline channels by an
officer, supported, followed, and hidden by moderation (never deleted)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from dancoso.core.errors import DomainError

from .. import content
from ..lifecycle import ALLOWS
from ..models import Consultation, Follow, Opinion, Section, Support
from .common import acting_role, audit, locked, require, require_state

NOT_OPEN_YET = "Chưa đến thời gian lấy ý kiến (bắt đầu từ {opens})."
ALREADY_CLOSED = "Đã hết thời gian lấy ý kiến (kết thúc ngày {closes})."
ANONYMOUS_NOT_ALLOWED = "Đợt lấy ý kiến này không nhận ý kiến ẩn danh — hãy bỏ chọn “ẩn danh”."
SECTION_OF_OTHER = "Phần được chọn không thuộc dự thảo này."
ALREADY_SUPPORTED = "Bạn đã ủng hộ ý kiến này rồi."
OWN_OPINION = "Không thể tự ủng hộ ý kiến của chính mình."
HIDDEN = "Ý kiến này đã bị ẩn."
REASON_REQUIRED = "Hãy ghi lý do ẩn ý kiến (lý do được công khai thay cho nội dung)."
ALREADY_HIDDEN = "Ý kiến này đã bị ẩn trước đó."
AUTHOR_REQUIRED = "Hãy ghi người hoặc nhóm đã nêu ý kiến (ví dụ: “Hội nghị thôn Bản Lải, 12/03”)."
OFFLINE_SOURCE = "Ý kiến thu thập trực tiếp phải chọn nguồn (biên bản họp, phiếu, hòm thư …)."
DEFAULT_HIDE_REASON = "ẩn do vi phạm quy tắc"


def _text(text: str) -> str:
    try:
        return content.clean_comment(text)
    except content.InvalidText as invalid:
        raise ValidationError({"text": invalid.message}) from invalid


def _section(consultation: Consultation, section: Section | None) -> Section | None:
    if section is not None and section.consultation_id != consultation.pk:
        raise ValidationError({"section": SECTION_OF_OTHER})
    return section


def _tally(consultation: Consultation, section_id: int | None, *, total: int, visible: int):
    """Move the opinion tallies of the consultation and its section with ``F()`` updates (the
    caller holds the consultation's row lock, so tallies never race)."""
    Consultation.objects.filter(pk=consultation.pk).update(**_moves(total, visible))
    _tally_section(section_id, total=total, visible=visible)


def _moves(total: int, visible: int) -> dict:
    return {
        "opinions_total": F("opinions_total") + total,
        "opinions_visible": F("opinions_visible") + visible,
    }


def _tally_section(section_id: int | None, *, total: int, visible: int) -> None:
    if section_id is not None:
        Section.objects.filter(pk=section_id).update(**_moves(total, visible))


def _take_number(consultation: Consultation, action: str) -> int:
    """Count one more opinion and return its number, in one ``UPDATE … RETURNING`` that only
    matches while the consultation's state still allows ``action``. Opinions are never
    deleted, so the running total *is* the last number given (the unique constraint on
    (consultation, number) stands behind it). The row lock this takes is held only from here
    to the commit — the opinion's insert, its section's tally and the audit append — so the
    checks, the cleaning and the validation of concurrent posts run side by side; closing
    (``advance``) locks the same row, so no opinion slips in after it."""
    table = connection.ops.quote_name(Consultation._meta.db_table)
    states = [state for state, actions in ALLOWS.items() if action in actions]
    marks = ", ".join(["%s"] * len(states))
    # Only the table's name and the placeholders are formatted in; every value is bound.
    sql = (
        f"UPDATE {table} SET opinions_total = opinions_total + 1, "  # noqa: S608
        "opinions_visible = opinions_visible + 1 "
        f"WHERE id = %s AND state IN ({marks}) RETURNING opinions_total"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [consultation.pk, *states])
        row = cursor.fetchone()
    if row is None:  # closed (or moved on) since the caller read it
        consultation.refresh_from_db(fields=["state"])
        require_state(consultation, action)
    return row[0]


def _file(opinion: Opinion, *, action: str, state_action: str, actor, summary: dict) -> Opinion:
    """Number, save and audit a validated opinion: the short tail of the transaction in which
    concurrent posts to one consultation (and writes in one commune's audit chain) queue."""
    consultation = opinion.consultation
    role = acting_role(actor, consultation)
    opinion.number = _take_number(consultation, state_action)
    opinion.save(force_insert=True)
    _tally_section(opinion.section_id, total=1, visible=1)
    audit(
        action,
        consultation,
        actor=actor,
        obj=opinion,
        summary={"number": opinion.number, **summary},
        role=role,
    )
    return opinion


def _validated(opinion: Opinion) -> Opinion:
    """Field checks before numbering (the number and its uniqueness come from the counter)."""
    opinion.full_clean(exclude=["number"], validate_unique=False, validate_constraints=False)
    return opinion


def _within_window(consultation: Consultation, today: date) -> None:
    if today < consultation.opens_on:
        raise DomainError(
            "not_open", NOT_OPEN_YET.format(opens=f"{consultation.opens_on:%d/%m/%Y}")
        )
    if today > consultation.closes_on:
        raise DomainError(
            "closed", ALREADY_CLOSED.format(closes=f"{consultation.closes_on:%d/%m/%Y}")
        )


@transaction.atomic
def post_opinion(
    consultation: Consultation,
    *,
    actor,
    text: str,
    section: Section | None = None,
    stance: str = Opinion.Stance.OTHER,
    anonymous: bool = False,
    today: date | None = None,
) -> Opinion:
    """Gửi ý kiến: a member of the audience comments on a section or the whole draft while
    the consultation is open (Art. 28(2)). Plain text with safe links, length-limited."""
    require(actor, "post_opinion", consultation)
    require_state(consultation, "comment")
    _within_window(consultation, today or timezone.localdate())
    if anonymous and not consultation.allow_anonymous:
        raise ValidationError({"anonymous": ANONYMOUS_NOT_ALLOWED})
    opinion = Opinion(
        consultation=consultation,
        section=_section(consultation, section),
        author=actor,
        is_anonymous=bool(anonymous),
        source=Opinion.Source.PORTAL,
        stance=stance,
        text=_text(text),
    )
    return _file(
        _validated(opinion),
        action="post_opinion",
        state_action="comment",
        actor=actor,
        summary={"section": opinion.section_id},
    )


@transaction.atomic
def enter_offline_opinion(
    consultation: Consultation,
    *,
    actor,
    text: str,
    source: str,
    author_label: str,
    section: Section | None = None,
    stance: str = Opinion.Stance.OTHER,
) -> Opinion:
    """Nhập ý kiến thu thập trực tiếp (biên bản hội nghị, phiếu, hòm thư …), attributed to the
    person or group who gave it (Art. 26 forms b–đ). Organisers only."""
    require(actor, "enter_offline_opinion", consultation)
    require_state(consultation, "enter_offline")
    if not source or source == Opinion.Source.PORTAL:
        raise ValidationError({"source": OFFLINE_SOURCE})
    author_label = (author_label or "").strip()
    if not author_label:
        raise ValidationError({"author_label": AUTHOR_REQUIRED})
    opinion = Opinion(
        consultation=consultation,
        section=_section(consultation, section),
        author_label=author_label[:200],
        source=source,
        stance=stance,
        text=_text(text),
        entered_by=actor,
    )
    return _file(
        _validated(opinion),
        action="enter_offline_opinion",
        state_action="enter_offline",
        actor=actor,
        summary={"source": source},
    )


def support_opinion(opinion: Opinion, *, actor) -> Support:
    """Ủng hộ ý kiến: once per person per opinion — the database constraint decides a race
    and the loser gets a clear refusal (SECURITY.md test 2)."""
    try:
        with transaction.atomic():
            return _support(opinion, actor)
    except IntegrityError as exc:
        raise DomainError("already_supported", ALREADY_SUPPORTED) from exc


def _support(opinion: Opinion, actor) -> Support:
    consultation = opinion.consultation
    require(actor, "support_opinion", consultation)
    require_state(consultation, "support")
    _within_window(consultation, timezone.localdate())
    if opinion.is_hidden:
        raise DomainError("hidden", HIDDEN)
    if opinion.author_id == actor.pk:
        raise DomainError("own_opinion", OWN_OPINION)
    support = Support.objects.create(opinion=opinion, user=actor)
    audit(
        "support_opinion", consultation, actor=actor, obj=support, summary={"opinion": opinion.pk}
    )
    return support


@transaction.atomic
def follow_consultation(consultation: Consultation, *, actor, follow: bool = True) -> bool:
    """Theo dõi / bỏ theo dõi a consultation the user may read; returns whether they follow."""
    require(actor, "follow_consultation", consultation)
    if follow:
        _, created = Follow.objects.get_or_create(consultation=consultation, user=actor)
        changed = created
    else:
        changed = bool(Follow.objects.filter(consultation=consultation, user=actor).delete()[0])
    if changed:
        audit("follow_consultation", consultation, actor=actor, summary={"follow": follow})
    return follow


@transaction.atomic
def moderate_opinion(opinion: Opinion, *, actor, reason: str = DEFAULT_HIDE_REASON) -> Opinion:
    """Ẩn ý kiến vi phạm: the text is hidden from the public, the reason stays visible in its
    place, nothing is deleted (the organiser still reads it). Organisers only."""
    consultation = opinion.consultation
    require(actor, "moderate_opinion", consultation)
    consultation = locked(consultation)
    require_state(consultation, "moderate")
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if opinion.is_hidden:
        raise DomainError("already_hidden", ALREADY_HIDDEN)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    opinion.hidden_reason = reason[:300]
    opinion.hidden_at = timezone.now()
    opinion.group = None
    opinion.full_clean()
    opinion.save()
    _tally(consultation, opinion.section_id, total=0, visible=-1)
    audit(
        "moderate_opinion",
        consultation,
        actor=actor,
        obj=opinion,
        summary={"number": opinion.number},
    )
    return opinion

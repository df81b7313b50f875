"""One-stop desks and their QR ratings: an officer sets up a desk (and who sits at it); a
resident scans its printed code and rates the reception and the procedure, once per visit
code, with no account."""

import re
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from dancoso.core.errors import DomainError
from dancoso.places.models import Commune

from ..models import Desk, DeskRating
from ..rules import HANDLERS, case_place
from .common import PUBLIC, save_once

NAME_REQUIRED = "Hãy đặt tên quầy, ví dụ “Quầy 1 — Tư pháp, hộ tịch”."
OFFICER_ELSEWHERE = "Cán bộ ngồi quầy phải là cán bộ của xã này."
BAD_VISIT = (
    "Hãy nhập mã số trên giấy biên nhận hồ sơ (4 đến 30 chữ cái, chữ số hoặc dấu gạch ngang)."
)
BAD_SCORE = "Hãy chọn từ 1 đến 5 sao."
ALREADY_RATED = "Lượt giao dịch này đã được đánh giá. Cảm ơn bạn!"
DESK_CLOSED = "Quầy này đã ngừng hoạt động và không còn nhận đánh giá."
DESK_ACTIVE = "Quầy này đang hoạt động."
DESK_INACTIVE = "Quầy này đã ngừng hoạt động."
VISIT = re.compile(r"[A-Z0-9-]{4,30}")


def _audit(action, desk, actor, summary=None):
    from dancoso.audit.services import record

    record(
        f"feedback.{action}",
        actor=actor,
        obj=desk,
        summary=summary or {},
        commune_code=desk.commune.code,
    )


@transaction.atomic
def create_desk(commune: Commune, *, actor, name: str, officer=None) -> Desk:
    """Thêm quầy: a commune officer sets up a one-stop desk; its QR code is printed from the
    desk page."""
    desk = Desk(
        commune=commune,
        name=" ".join((name or "").split())[:120],
        officer=officer,
        token=secrets.token_urlsafe(16),
    )
    if not actor.has_perm("feedback.manage_desks", desk):
        from dancoso.core.errors import PermissionDeniedError

        raise PermissionDeniedError()
    if not desk.name:
        raise ValidationError({"name": NAME_REQUIRED})
    from dancoso.accounts.scope import holds_role

    if officer is not None and not holds_role(officer, HANDLERS, case_place(desk)):
        raise ValidationError({"officer": OFFICER_ELSEWHERE})
    desk.full_clean()
    desk.save()
    _audit("create_desk", desk, actor, {"officer_id": getattr(officer, "pk", None)})
    return desk


def clean_visit_code(raw: str) -> str:
    """The visit code in capitals without spaces, or ``ValidationError``."""
    code = re.sub(r"\s", "", str(raw or "")).upper()
    if not VISIT.fullmatch(code):
        raise ValidationError({"visit_code": BAD_VISIT})
    return code


def _score(value, field: str) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationError({field: BAD_SCORE})
    return score


@transaction.atomic
def rate_desk(
    desk: Desk, *, visit_code: str, reception_score, procedure_score, comment: str = ""
) -> DeskRating:
    """Đánh giá qua QR: one rating per visit code at a desk. Two people racing with the same
    code get one rating and one clear refusal (the database's unique constraint decides)."""
    if not desk.active:
        raise DomainError("desk_closed", DESK_CLOSED)
    rating = DeskRating(
        desk=desk,
        visit_code=clean_visit_code(visit_code),
        reception_score=_score(reception_score, "reception_score"),
        procedure_score=_score(procedure_score, "procedure_score"),
        comment=" ".join((comment or "").split())[:500],
    )
    save_once(rating, "already_rated", ALREADY_RATED)
    _audit("rate_desk", desk, PUBLIC, {"rating": rating.pk})
    return rating


@transaction.atomic
def set_desk_active(desk: Desk, *, actor, active: bool) -> Desk:
    """Ngừng / mở lại quầy: a commune officer deactivates a desk (its QR page then says so
    and takes no rating) or reactivates it. Permission ``feedback.manage_desks``."""
    desk = Desk.objects.select_for_update().select_related("commune").get(pk=desk.pk)
    if not actor.has_perm("feedback.manage_desks", desk):
        from dancoso.core.errors import PermissionDeniedError

        raise PermissionDeniedError()
    if desk.active == bool(active):
        raise DomainError("desk_unchanged", DESK_ACTIVE if active else DESK_INACTIVE)
    desk.active = bool(active)
    desk.full_clean()
    desk.save(update_fields=["active", "updated_at"])
    _audit("reactivate_desk" if active else "deactivate_desk", desk, actor)
    return desk

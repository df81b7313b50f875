"""Citizen-reception sessions and dialogues: the public schedule and records of a commune, and
the officer's pages to schedule, record and follow up. Thin: parse, call a service, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from dancoso.core.pagination import paginate
from dancoso.places.models import Commune

from .. import law, queries, services
from ..forms import SessionForm
from .common import run_action, show_errors
from .officer import _commune


@require_http_methods(["GET"])
def public_list(request, code: int):
    """Lịch tiếp công dân, đối thoại: upcoming and past sessions, what was raised and
    promised (no names), and whether the chair meets the law's minimum."""
    commune = get_object_or_404(Commune.objects.select_related("province"), code=code)
    page = paginate(queries.public_sessions(commune), request, per_page=10)
    today = timezone.localdate()
    return render(
        request,
        "feedback/session_public.html",
        {
            "commune": commune,
            "page": page,
            "now": timezone.now(),
            "requirement": law.chair_reception_requirement(today),
            "held": law.chair_reception_shortfall(today, queries.chair_days(commune)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def officer_list(request):
    """Tiếp công dân: the commune's sessions and the form to schedule one."""
    commune, _communes = _commune(request)
    if not request.user.has_perm("feedback.manage_sessions", commune):
        raise PermissionDenied
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.schedule_session(commune, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            return redirect("feedback:session", pk=session.pk)
    page = paginate(queries.sessions_of(request.user, commune), request)
    return render(
        request, "feedback/session_list.html", {"commune": commune, "page": page, "form": form}
    )


@login_required
@require_http_methods(["GET"])
def officer_detail(request, pk: int):
    """One session: its record (attendees, matters, promises) and the forms to fill it."""
    session = queries.get_session_for(request.user, pk)
    return render(
        request,
        "feedback/session_detail.html",
        {
            "session": session,
            "attendees": session.attendees.select_related("village")[:500],
            "items": session.items.select_related("case")[:200],
            "villages": session.commune.villages.order_by("name"),
        },
    )


def _village(session, data):
    raw = str(data.get("village", ""))
    return (
        session.commune.villages.filter(pk=int(raw)).first()
        if raw.isdecimal() and len(raw) < 19
        else None
    )


def _count(raw) -> int:
    raw = str(raw or "1")
    return int(raw) if raw.isdecimal() and len(raw) < 4 else 1


def _item(session, data):
    raw = str(data.get("item", ""))
    item = session.items.filter(pk=int(raw)).first() if raw.isdecimal() and len(raw) < 19 else None
    if item is None:
        raise ValidationError({"item": "Không tìm thấy ý kiến."})
    return item


def _due(data):
    raw = data.get("due_on", "")
    try:
        return timezone.datetime.fromisoformat(raw).date() if raw else None
    except ValueError as exc:
        raise ValidationError({"due_on": "Ngày không đúng (năm-tháng-ngày)."}) from exc


ACTIONS = {
    "cong-bo": lambda s, u, d: services.publish_session(s, actor=u),
    "huy": lambda s, u, d: services.cancel_session(s, actor=u, reason=d.get("text", "")),
    "da-to-chuc": lambda s, u, d: services.mark_held(s, actor=u, summary=d.get("text", "")),
    "nguoi-du": lambda s, u, d: services.add_attendee(
        s,
        actor=u,
        full_name=d.get("full_name", ""),
        village=_village(s, d),
        represents=_count(d.get("represents", "1")),
    ),
    "y-kien": lambda s, u, d: services.add_item(
        s,
        actor=u,
        raised=d.get("raised", ""),
        promised=d.get("promised", ""),
        responsible=d.get("responsible", ""),
        due_on=_due(d),
    ),
    "theo-doi": lambda s, u, d: services.open_follow_up(
        _item(s, d), actor=u, kind=d.get("kind", "kien_nghi")
    ),
}


@login_required
@require_POST
def officer_action(request, pk: int, action: str):
    """One write on a session (see ``ACTIONS``); errors come back as a message."""
    session = queries.get_session_for(request.user, pk)
    run = ACTIONS.get(action)
    if run is None:
        raise Http404("Không có thao tác này.")
    return run_action(
        request, lambda: run(session, request.user, request.POST), "feedback:session", pk=session.pk
    )

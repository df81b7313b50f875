"""Residents' information to a board: the public form (rate-limited per address and per
contact, a refusal is the Vietnamese 429 page), the sender's tracking page, and the board's
list where its members answer."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from dancoso.core.errors import DomainError
from dancoso.core.pagination import paginate
from dancoso.places.models import Commune

from .. import queries, services
from ..forms import TipAnswerForm, TipForm
from ..models import Tip
from .workspace import run_service

TIP_RATE_PER_IP = "10/h"
TIP_RATE_PER_CONTACT = "5/h"
PER_PAGE = 20


def contact_key(group, request) -> str:
    """The rate-limit key of a named tip: its contact as typed, trimmed and lower-cased."""
    return request.POST.get("contact", "").strip().lower()


def _limited(request) -> bool:
    """Over the per-address limit, or (for a named tip) over the per-contact one; anonymous
    tips share no bucket across addresses."""
    if getattr(request, "limited", False):
        return True
    if request.method != "POST" or request.POST.get("anonymous") or not contact_key("", request):
        return False
    return is_ratelimited(
        request,
        group="oversight.tip.contact",
        key=contact_key,
        rate=TIP_RATE_PER_CONTACT,
        increment=True,
    )


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=TIP_RATE_PER_IP, method="POST", block=False)
def board_tip(request, code: int, pk: int):
    """Gửi thông tin cho Ban: anyone, signed in or not; the answer is a tracking code."""
    commune = get_object_or_404(Commune, code=code)
    board = queries.get_public_board(commune, pk)
    if _limited(request):
        return render(request, "429.html", status=429)
    form = TipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tip = services.send_tip(board, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect(reverse("oversight:tip", args=[tip.tracking_code]) + "?da-gui=1")
    return render(
        request, "oversight/tip_form.html", {"commune": commune, "board": board, "form": form}
    )


@never_cache
@require_GET
def tip_status(request, tracking: str):
    """The sender follows a tip by its code: what was sent and the board's answer."""
    tip = queries.tip_by_code(tracking)
    return render(
        request, "oversight/tip_status.html", {"tip": tip, "sent": "da-gui" in request.GET}
    )


def _tips_page(request, board, forms=None):
    page = paginate(queries.tips_of(board), request, per_page=PER_PAGE)
    forms = forms or {}
    for tip in page.object_list:
        tip.form = forms.get(tip.pk) or TipAnswerForm(prefix=f"tl-{tip.pk}")
    can_answer = request.user.has_perm("oversight.answer_tip", board)
    return render(
        request,
        "oversight/workspace_tips.html",
        {"board": board, "page": page, "can_answer": can_answer},
    )


@login_required
@require_GET
def workspace_tips(request, pk: int):
    """The information residents sent the board."""
    return _tips_page(request, queries.get_board_for(request.user, pk))


@login_required
@require_POST
def workspace_answer_tip(request, pk: int):
    """The board answers one tip."""
    tip = get_object_or_404(Tip, pk=pk)
    board = queries.get_board_for(request.user, tip.board_id)
    form = TipAnswerForm(request.POST, prefix=f"tl-{tip.pk}")

    def call():
        services.answer_tip(
            request.user, tip, answer=form.cleaned_data["answer"], on=timezone.localdate()
        )

    if run_service(request, form, call, _("Đã trả lời thông tin.")):
        return redirect("oversight_ws:tips", pk=board.pk)
    return _tips_page(request, board, {tip.pk: form})

"""Pages: a commune's boards on its portal (public: members, current plan, recommendations with
their answers, overdue ones marked), and the workspace where boards send recommendations and the
commune People's Committee answers them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from dancoso.core.errors import DomainError
from dancoso.core.pagination import paginate
from dancoso.places.models import Commune

from . import queries, services
from .models import Recommendation

PER_PAGE = 20


class RecommendationForm(forms.Form):
    """A board's recommendation: addressee, content, day the addressee received it."""

    addressee = forms.ChoiceField(
        label=gettext_lazy("Gửi tới"), choices=Recommendation.Addressee.choices
    )
    content = forms.CharField(
        label=gettext_lazy("Nội dung kiến nghị"), max_length=5000, widget=forms.Textarea
    )
    received_on = forms.DateField(
        label=gettext_lazy("Ngày cơ quan nhận"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AnswerForm(forms.Form):
    """The addressee's answer."""

    answer = forms.CharField(
        label=gettext_lazy("Nội dung trả lời"), max_length=5000, widget=forms.Textarea
    )


@require_GET
def board_list(request, code: int):
    """Giám sát của Nhân dân: the commune's boards (public)."""
    commune = get_object_or_404(Commune, code=code)
    page = paginate(queries.public_boards(commune), request, per_page=PER_PAGE)
    return render(request, "oversight/board_list.html", {"commune": commune, "page": page})


@require_GET
def board_detail(request, code: int, pk: int):
    """A board's public page: members, current plan, recommendations and answers."""
    commune = get_object_or_404(Commune, code=code)
    board = queries.get_public_board(commune, pk)
    today = timezone.localdate()
    page = paginate(queries.recommendations_of(board), request, per_page=PER_PAGE)
    return render(
        request,
        "oversight/board_detail.html",
        {
            "commune": commune,
            "board": board,
            "today": today,
            "plan": queries.current_plan(board, today),
            "page": page,
        },
    )


@login_required
@require_GET
def workspace(request):
    """The boards of the user's communes."""
    if not request.user.has_perm("oversight.view_workspace"):
        raise PermissionDenied
    page = paginate(queries.workspace_boards(request.user), request, per_page=PER_PAGE)
    return render(request, "oversight/workspace.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def workspace_board(request, pk: int):
    """A board in the workspace: its recommendations, and the form to send one."""
    board = queries.get_board_for(request.user, pk)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_recommendation(request.user, board, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã gửi kiến nghị."))
            return redirect("oversight_ws:board", pk=board.pk)
    page = paginate(queries.recommendations_of(board), request, per_page=PER_PAGE)
    can_send = request.user.has_perm("oversight.send_recommendation", board)
    return render(
        request,
        "oversight/workspace_board.html",
        {
            "board": board,
            "page": page,
            "form": form,
            "can_send": can_send,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def workspace_answer(request, pk: int):
    """The commune People's Committee answers a recommendation addressed to it."""
    rec = queries.get_recommendation_for(request.user, pk)
    if not request.user.has_perm("oversight.answer_recommendation", rec):
        raise PermissionDenied
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_recommendation(
                request.user, rec, answer=form.cleaned_data["answer"], on=timezone.localdate()
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã gửi trả lời."))
            return redirect("oversight_ws:board", pk=rec.board_id)
    return render(request, "oversight/workspace_answer.html", {"rec": rec, "form": form})

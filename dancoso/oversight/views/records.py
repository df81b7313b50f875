"""Workspace pages that keep a board's record: a member leaving, the Front's recognition, what
an activity checked and found with its evidence, and a recommendation sent from it."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import queries, services
from ..forms import EndMembershipForm, RecogniseForm, RecommendationForm, SupervisionForm
from ..models import Membership
from .workspace import board_page, run_service


@login_required
@require_POST
def workspace_end_member(request, pk: int):
    """A member leaves the board, for a reason the law allows."""
    member = get_object_or_404(Membership.objects.select_related("board__commune"), pk=pk)
    board = queries.get_board_for(request.user, member.board_id)
    form = EndMembershipForm(request.POST, prefix=f"thoi-{member.pk}")
    call = lambda: services.end_membership(request.user, member, **form.cleaned_data)  # noqa: E731
    if run_service(request, form, call, _("Đã ghi nhận thành viên thôi tham gia Ban.")):
        return redirect("oversight_ws:board", pk=board.pk)
    return board_page(request, board, end_forms={member.pk: form})


@login_required
@require_POST
def workspace_recognise(request, pk: int):
    """The Front recognises the board's composition."""
    board = queries.get_board_for(request.user, pk)
    form = RecogniseForm(request.POST)
    call = lambda: services.recognise_board(request.user, board, **form.cleaned_data)  # noqa: E731
    if run_service(request, form, call, _("Ủy ban MTTQ xã đã công nhận Ban.")):
        return redirect("oversight_ws:board", pk=board.pk)
    return board_page(request, board, recognise_form=form)


def _activity_page(request, activity, **bound):
    board = activity.plan.board
    return render(
        request,
        "oversight/workspace_activity.html",
        {
            "activity": activity,
            "board": board,
            "evidence": activity.evidence.all(),
            "recommendations": activity.recommendations.order_by("-received_on", "-pk"),
            "form": bound.get("form") or SupervisionForm(),
            "rec_form": bound.get("rec_form") or RecommendationForm(),
            "can_record": request.user.has_perm("oversight.record_supervision", activity.plan),
            "can_send": request.user.has_perm("oversight.send_recommendation", board),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def workspace_record(request, pk: int):
    """An activity: what was checked and found, its evidence; POST records them."""
    activity = queries.get_activity_for(request.user, pk)
    if request.method == "GET":
        return _activity_page(request, activity)
    form = SupervisionForm(request.POST, request.FILES)
    call = lambda: services.record_supervision(request.user, activity, **form.cleaned_data)  # noqa: E731
    if run_service(request, form, call, _("Đã ghi kết quả kiểm tra, giám sát.")):
        return redirect("oversight_ws:activity", pk=activity.pk)
    return _activity_page(request, activity, form=form)


@login_required
@require_POST
def workspace_activity_recommendation(request, pk: int):
    """Send a recommendation arising from a recorded activity."""
    activity = queries.get_activity_for(request.user, pk)
    board = activity.plan.board
    form = RecommendationForm(request.POST)

    def call():
        services.send_recommendation(request.user, board, activity=activity, **form.cleaned_data)

    if run_service(request, form, call, _("Đã gửi kiến nghị.")):
        return redirect("oversight_ws:activity", pk=activity.pk)
    return _activity_page(request, activity, rec_form=form)


@login_required
@require_GET
def workspace_evidence(request, pk: int):
    """An evidence file, to the workspace of its commune only, always as a download under a
    server-made name."""
    item = queries.get_evidence_for(request.user, pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    extension = item.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"minh-chung-{item.activity_id}-{item.pk}.{extension}",
        content_type=item.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

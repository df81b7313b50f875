"""The oversight workspace: a board's members (the Front, commune officers), its plans and
activities (the board's members), its recommendations, their answers (the commune People's
Committee) and the board's judgement of each answer. Every write goes through a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.pagination import paginate

from .. import law, queries, services
from ..forms import (
    ActivityForm,
    AnswerForm,
    ElectedForm,
    EndMembershipForm,
    JudgeForm,
    MemberForm,
    PlanForm,
    RecogniseForm,
    RecommendationForm,
)
from ..law import BoardKind

PER_PAGE = 20


@login_required
@require_GET
def workspace(request):
    """The boards of the user's communes."""
    if not request.user.has_perm("oversight.view_workspace"):
        raise PermissionDenied
    page = paginate(queries.workspace_boards(request.user), request, per_page=PER_PAGE)
    communes = queries.workspace_communes(request.user)
    return render(request, "oversight/workspace.html", {"page": page, "communes": communes})


def board_page(request, board, **bound):
    """The board's workspace page; ``bound`` carries a refused form to show with its error."""
    user = request.user
    villages = board.commune.villages.order_by("name")
    today = timezone.localdate()
    can_manage = user.has_perm("oversight.manage_board", board)
    members = list(board.memberships.select_related("village"))
    end_forms = bound.get("end_forms", {})
    for m in members:
        m.end_form = end_forms.get(m.pk) or EndMembershipForm(prefix=f"thoi-{m.pk}")
    context = {
        "board": board,
        "today": today,
        "members": members,
        "issues": law.issues_before_recognition(
            BoardKind(board.kind), queries.composition_of(board, today, members), today
        )
        if not board.recognised_on
        else [],
        "can_recognise": user.has_perm("oversight.recognise_board", board),
        "recognise_form": bound.get("recognise_form") or RecogniseForm(),
        "plans": board.plans.all(),
        "page": paginate(queries.recommendations_of(board), request, per_page=PER_PAGE),
        "can_manage": can_manage,
        "can_plan": user.has_perm("oversight.manage_plan", board),
        "can_send": user.has_perm("oversight.send_recommendation", board),
        "member_form": bound.get("member_form") or MemberForm(villages=villages),
        "elected_form": bound.get("elected_form")
        or (
            ElectedForm(elections=queries.elections_for(user, board), prefix="bau")
            if can_manage
            else None
        ),
        "plan_form": bound.get("plan_form") or PlanForm(),
        "form": bound.get("form") or RecommendationForm(),
        "judge_form": JudgeForm(),
    }
    return render(request, "oversight/workspace_board.html", context)


def run_service(request, form, call, done: str) -> bool:
    """Validate ``form``, run the service, flash ``done``; put a refusal on the form."""
    if not form.is_valid():
        return False
    try:
        call()
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except DomainError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, done)
    return True


@login_required
@require_http_methods(["GET", "POST"])
def workspace_board(request, pk: int):
    """A board in the workspace; POST sends a recommendation."""
    board = queries.get_board_for(request.user, pk)
    if request.method == "GET":
        return board_page(request, board)
    form = RecommendationForm(request.POST)
    call = lambda: services.send_recommendation(request.user, board, **form.cleaned_data)  # noqa: E731
    if run_service(request, form, call, _("Đã gửi kiến nghị.")):
        return redirect("oversight_ws:board", pk=board.pk)
    return board_page(request, board, form=form)


@login_required
@require_POST
def workspace_member(request, pk: int):
    """Record a member recognised by the Front."""
    board = queries.get_board_for(request.user, pk)
    form = MemberForm(request.POST, villages=board.commune.villages.all())
    call = lambda: services.add_member(request.user, board, **form.service_kwargs())  # noqa: E731
    if run_service(request, form, call, _("Đã ghi nhận thành viên.")):
        return redirect("oversight_ws:board", pk=board.pk)
    return board_page(request, board, member_form=form)


@login_required
@require_POST
def workspace_elected(request, pk: int):
    """Seat the winner of a village's recognised election."""
    board = queries.get_board_for(request.user, pk)
    elections = queries.elections_for(request.user, board)
    form = ElectedForm(request.POST, elections=elections, prefix="bau")
    call = lambda: services.seat_elected(request.user, board, **form.service_kwargs())  # noqa: E731
    if run_service(request, form, call, _("Đã ghi nhận người trúng cử vào Ban.")):
        return redirect("oversight_ws:board", pk=board.pk)
    return board_page(request, board, elected_form=form)


@login_required
@require_POST
def workspace_plan(request, pk: int):
    """Draft a plan of the board."""
    board = queries.get_board_for(request.user, pk)
    form = PlanForm(request.POST)
    created = {}

    def call():
        created["plan"] = services.create_plan(request.user, board, **form.cleaned_data)

    if run_service(request, form, call, _("Đã lập kế hoạch.")):
        return redirect("oversight_ws:plan", pk=created["plan"].pk)
    return board_page(request, board, plan_form=form)


def _plan_page(request, plan, form=None):
    memberships = plan.board.memberships.filter(ends_on__isnull=True)
    return render(
        request,
        "oversight/workspace_plan.html",
        {
            "plan": plan,
            "activities": plan.activities.prefetch_related("members"),
            "form": form or ActivityForm(memberships=memberships),
            "can_plan": request.user.has_perm("oversight.manage_plan", plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def workspace_activity(request, pk: int):
    """A plan with its activities; POST adds an activity."""
    plan = queries.get_plan_for(request.user, pk)
    if request.method == "GET":
        return _plan_page(request, plan)
    form = ActivityForm(request.POST, memberships=plan.board.memberships.all())
    call = lambda: services.add_activity(request.user, plan, **form.cleaned_data)  # noqa: E731
    if run_service(request, form, call, _("Đã thêm hoạt động.")):
        return redirect("oversight_ws:plan", pk=plan.pk)
    return _plan_page(request, plan, form)


@login_required
@require_POST
def workspace_approve(request, pk: int):
    """Record the plan's adoption by the board."""
    plan = queries.get_plan_for(request.user, pk)
    try:
        services.approve_plan(request.user, plan, on=timezone.localdate())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Kế hoạch đã được thông qua."))
    return redirect("oversight_ws:plan", pk=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def workspace_answer(request, pk: int):
    """The commune People's Committee answers a recommendation addressed to it."""
    rec = queries.get_recommendation_for(request.user, pk)
    if not request.user.has_perm("oversight.answer_recommendation", rec):
        raise PermissionDenied
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        answer = lambda: services.answer_recommendation(  # noqa: E731
            request.user, rec, answer=form.cleaned_data["answer"], on=timezone.localdate()
        )
        if run_service(request, form, answer, _("Đã gửi trả lời.")):
            return redirect("oversight_ws:board", pk=rec.board_id)
    return render(request, "oversight/workspace_answer.html", {"rec": rec, "form": form})


@login_required
@require_POST
def workspace_judge(request, pk: int):
    """The board records whether the answer resolved the issue."""
    rec = queries.get_recommendation_for(request.user, pk)
    form = JudgeForm(request.POST)
    call = lambda: services.judge_answer(request.user, rec, **form.cleaned_data)  # noqa: E731
    if not run_service(request, form, call, _("Đã ghi nhận đánh giá.")):
        messages.error(request, " ".join(form.non_field_errors()) or _("Hãy chọn một đánh giá."))
    return redirect("oversight_ws:board", pk=rec.board_id)

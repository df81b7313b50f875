"""The yearly plan and its tasks: officers adopt the plan and assign tasks; assignees record
progress on their own tasks."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import dashboard, queries, services
from ..forms import PlanForm, TaskForm, TaskUpdateForm
from ..models import MeasureItem
from .common import run, unit_from, uploaded


@login_required
@require_POST
def plan_new(request, pk: int):
    resolution = queries.get_resolution_for(request.user, pk, "resolutions.manage_plan")
    form = PlanForm(request.POST)
    call = lambda: services.adopt_plan(request.user, resolution, **form.cleaned_data)  # noqa: E731
    plan = run(request, form, call, _("Đã ban hành kế hoạch."))
    if plan:
        return redirect("resolutions:plan", pk=plan.pk)
    return redirect("resolutions:detail", pk=resolution.pk)


def _items(plan):
    return MeasureItem.objects.filter(group__resolution=plan.resolution).order_by(
        "group__position", "position"
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request, pk: int):
    """A plan with its tasks; POST adds a task (officers)."""
    plan = queries.get_plan_for(request.user, pk)
    units = dashboard.units_below(plan.resolution.scope)
    form = TaskForm(request.POST or None, items=_items(plan), units=units)
    if request.method == "POST":

        def call():
            data = dict(form.cleaned_data)
            unit = unit_from(data.pop("assignee"))
            item_pk = data.pop("measure_item")
            item = _items(plan).filter(pk=int(item_pk)).first() if item_pk else None
            where = {"village": unit} if type(unit).__name__ == "Village" else {"agency": unit}
            return services.add_task(request.user, plan, measure_item=item, **where, **data)

        if run(request, form, call, _("Đã giao nhiệm vụ.")):
            return redirect("resolutions:plan", pk=plan.pk)
    context = {
        "plan": plan,
        "tasks": queries.tasks_of(plan),
        "form": form,
        "today": timezone.localdate(),
        "can_manage": request.user.has_perm("resolutions.manage_plan", plan),
    }
    return render(request, "resolutions/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request, pk: int):
    """A task and its progress notes; its assignee or an officer adds a note."""
    task = queries.get_task_for(request.user, pk)
    form = TaskUpdateForm(
        request.POST or None, request.FILES or None, initial={"status": task.status}
    )
    if request.method == "POST":
        data = lambda: {k: v for k, v in form.cleaned_data.items() if k != "evidence"}  # noqa: E731
        call = lambda: services.update_task(request.user, task, evidence=uploaded(form), **data())  # noqa: E731
        if run(request, form, call, _("Đã cập nhật tiến độ.")):
            return redirect("resolutions:task", pk=task.pk)
    return render(
        request,
        "resolutions/task_detail.html",
        {"task": task, "form": form, "updates": task.updates.all(), "today": timezone.localdate()},
    )


@login_required
@require_GET
def my_tasks(request):
    """The tasks assigned to the user's village or agency."""
    if not request.user.has_perm("resolutions.update_task"):
        raise PermissionDenied
    tasks = queries.my_tasks(request.user)[:200]
    return render(
        request, "resolutions/my_tasks.html", {"tasks": tasks, "today": timezone.localdate()}
    )

"""Workspace pages: the resolutions of the user's places, import from a file, entry and
correction by hand, targets and their hand-reported figures."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dancoso.accounts.scope import active_grants
from dancoso.core.pagination import paginate
from dancoso.places.models import Commune, Province

from .. import dashboard, queries, services
from ..forms import (
    FigureForm,
    ImportForm,
    MeasureGroupForm,
    MeasureItemForm,
    PlanForm,
    ReportForm,
    ResolutionForm,
    TargetForm,
)
from ..importing import ImportRefused
from ..rules import COMMUNE_MANAGERS, PROVINCE_MANAGERS
from .common import run, unit_from, uploaded

EDITABLE = (
    "number",
    "title",
    "issued_on",
    "council_level",
    "council_name",
    "council_term",
    "council_session",
    "effective_from",
    "effective_until",
    "implementer",
    "supervisors",
    "reporting",
    "source",
)


@login_required
@require_GET
def resolution_list(request):
    """The resolutions of every place where the user runs or supervises them."""
    if not request.user.has_perm("resolutions.view_dashboard"):
        raise PermissionDenied
    page = paginate(queries.resolutions_visible_to(request.user), request, per_page=20)
    can_manage = request.user.has_perm("resolutions.manage_resolution")
    return render(
        request, "resolutions/resolution_list.html", {"page": page, "can_manage": can_manage}
    )


@login_required
@require_http_methods(["GET", "POST"])
def resolution_import(request):
    """Upload a resolution file; every refusal is listed with its line."""
    if not request.user.has_perm("resolutions.manage_resolution"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            done = run(
                request,
                form,
                lambda: services.import_file(request.user, upload.read(), upload.name),
                _("Đã nhập nghị quyết."),
            )
        except ImportRefused as refused:
            problems, done = refused.messages, None
        if done:
            return redirect("resolutions:detail", pk=done.pk)
    return render(
        request, "resolutions/resolution_import.html", {"form": form, "problems": problems}
    )


def _managed_places(user):
    """The communes and provinces where the user may enter a resolution."""
    grants = active_grants(user)
    communes = Commune.objects.filter(
        pk__in={g.commune_id for g in grants if g.role in COMMUNE_MANAGERS and g.commune_id}
    )
    provinces = Province.objects.filter(
        pk__in={g.province_id for g in grants if g.role in PROVINCE_MANAGERS and g.province_id}
    )
    return [*provinces, *communes]


def _choices(places) -> list[tuple[str, str]]:
    kind = {Province: "province", Commune: "commune"}
    return [(f"{kind[type(p)]}:{p.pk}", p.name) for p in places]


@login_required
@require_http_methods(["GET", "POST"])
def resolution_new(request):
    """Enter a resolution by hand for one of the user's places."""
    places = _managed_places(request.user)
    if not places:
        raise PermissionDenied
    choice = request.GET.get("noi", "")
    place = unit_from(choice) if choice else places[0]
    form = ResolutionForm(request.POST or None)
    if request.method == "POST":
        call = lambda: services.create_resolution(request.user, place, **form.service_kwargs())  # noqa: E731
        created = run(request, form, call, _("Đã lưu nghị quyết."))
        if created:
            return redirect("resolutions:detail", pk=created.pk)
    return render(
        request,
        "resolutions/resolution_form.html",
        {"form": form, "place": place, "choices": _choices(places)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def resolution_edit(request, pk: int):
    """Correct a resolution's own fields."""
    resolution = queries.get_resolution_for(request.user, pk, "resolutions.manage_resolution")
    initial = {k: getattr(resolution, k) for k in EDITABLE}
    initial["supervisors"] = "\n".join(resolution.supervisors)
    form = ResolutionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        call = lambda: services.update_resolution(request.user, resolution, **form.service_kwargs())  # noqa: E731
        if run(request, form, call, _("Đã lưu thay đổi.")):
            return redirect("resolutions:detail", pk=resolution.pk)
    return render(
        request,
        "resolutions/resolution_form.html",
        {"form": form, "place": resolution.scope, "resolution": resolution},
    )


def _detail(request, resolution, target_form=None, group_form=None, item_form=None):
    user = request.user
    context = {
        "resolution": resolution,
        "can_manage": user.has_perm("resolutions.manage_resolution", resolution),
        "target_form": target_form or TargetForm(),
        "group_form": group_form or MeasureGroupForm(),
        "item_form": item_form or MeasureItemForm(resolution=resolution),
        "plans": resolution.plans.all(),
        "plan_form": PlanForm(),
        "report_form": ReportForm(),
        "reports": resolution.reports.all()[:10],
    }
    return render(request, "resolutions/resolution_detail.html", context)


@login_required
@require_GET
def resolution_detail(request, pk: int):
    """A resolution: its targets, measure groups, plans and reports."""
    return _detail(request, queries.get_resolution_for(request.user, pk))


@login_required
@require_POST
def target_add(request, pk: int):
    resolution = queries.get_resolution_for(request.user, pk, "resolutions.manage_resolution")
    form = TargetForm(request.POST)
    call = lambda: services.add_target(request.user, resolution, **form.cleaned_data)  # noqa: E731
    if run(request, form, call, _("Đã thêm mục tiêu.")):
        return redirect("resolutions:detail", pk=resolution.pk)
    return _detail(request, resolution, target_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, pk: int):
    """Change a target's terms from a date (history kept once the plan started)."""
    target = queries.get_target_for(request.user, pk, "resolutions.manage_resolution")
    initial = {
        k: getattr(target, k)
        for k in (
            "text",
            "source",
            "threshold",
            "amber_from",
            "due",
            "indicator",
            "manual_reporter",
        )
    }
    form = TargetForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST":
        call = lambda: services.change_target(request.user, target, **form.cleaned_data)  # noqa: E731
        if run(request, form, call, _("Đã lưu mục tiêu.")):
            return redirect("resolutions:detail", pk=target.resolution_id)
    return render(
        request,
        "resolutions/target_form.html",
        {"form": form, "target": target, "revisions": target.revisions.all()},
    )


def _reporting_units(user, target):
    units = dashboard.units_below(target.resolution.scope)
    level = target.manual_reporter
    if level in ("commune", "province") and target.resolution.scope_level == level:
        scope = target.resolution.scope
        units = [dashboard.Unit(level, scope.pk, scope.name)]
    units = [u for u in units if u.level == level]
    return [
        u
        for u in units
        if user.has_perm("resolutions.report_figure", unit_from(f"{u.level}:{u.pk}"))
    ]


@login_required
@require_http_methods(["GET", "POST"])
def figure_report(request, pk: int):
    """Report a hand-entered figure of a target for one of the user's units."""
    target = queries.get_target_for(request.user, pk, None)
    units = _reporting_units(request.user, target)
    reader = request.user.has_perm("resolutions.view_dashboard", target.resolution)
    if not target.is_manual or not (units or reader):
        raise Http404
    form = FigureForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST":

        def call():
            data = dict(form.cleaned_data)
            data.pop("evidence")
            unit = unit_from(data.pop("unit"))
            return services.report_figure(
                request.user, target, unit=unit, evidence=uploaded(form), **data
            )

        if run(request, form, call, _("Đã ghi nhận số liệu báo cáo.")):
            return redirect("resolutions:figures", pk=target.pk)
    figures = target.manual_figures.select_related("village", "agency", "commune")
    if not reader:
        figures = figures.filter(reported_by=request.user)
    return render(
        request,
        "resolutions/figure_form.html",
        {
            "form": form,
            "target": target,
            "figures": figures[:50],
            "units": units,
            "can_audit": request.user.has_perm("resolutions.audit_figure", target),
        },
    )


@login_required
@require_POST
def measure_group_add(request, pk: int):
    resolution = queries.get_resolution_for(request.user, pk, "resolutions.manage_resolution")
    form = MeasureGroupForm(request.POST)
    call = lambda: services.add_measure_group(request.user, resolution, **form.cleaned_data)  # noqa: E731
    if run(request, form, call, _("Đã thêm nhóm giải pháp.")):
        return redirect("resolutions:detail", pk=resolution.pk)
    return _detail(request, resolution, group_form=form)


@login_required
@require_POST
def measure_item_add(request, pk: int):
    resolution = queries.get_resolution_for(request.user, pk, "resolutions.manage_resolution")
    form = MeasureItemForm(request.POST, resolution=resolution)

    def call():
        data = dict(form.cleaned_data)
        group = resolution.measures.get(pk=int(data.pop("group")))
        chosen = set(data.pop("targets"))
        targets = [t for t in resolution.targets.all() if str(t.pk) in chosen]
        return services.add_measure_item(request.user, group, targets=targets, **data)

    if run(request, form, call, _("Đã thêm biện pháp.")):
        return redirect("resolutions:detail", pk=resolution.pk)
    return _detail(request, resolution, item_form=form)

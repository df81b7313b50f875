"""A commune's oversight workspace: its projects and boards, the forms to register a project
(commune officers, the Front) and to form a board (the Front)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dancoso.decisions.queries import decisions_visible_to
from dancoso.places.models import Agency, Commune

from .. import queries, services
from ..forms import BoardForm, ProjectForm
from .workspace import run_service

CONTRIBUTION_KINDS = (1, 2)  # Law Art. 15(1)–(2): contributions to public works


def _commune_for(request, code: int) -> Commune:
    """The commune, for those who keep its projects and form its boards (the Front, commune
    officers and leaders); the same 404 for everyone else."""
    commune = get_object_or_404(Commune, code=code)
    if not request.user.has_perm("oversight.manage_board", commune):
        raise Http404
    return commune


def _project_form(request, commune, data=None) -> ProjectForm:
    """The project form; the decisions offered are the commune's contribution matters the
    officer may open (decisions' own scoping)."""
    decisions = (
        decisions_visible_to(request.user)
        .filter(commune=commune, kind__in=CONTRIBUTION_KINDS)
        .order_by("-voting_on")
    )
    return ProjectForm(data, decisions=decisions)


def _board_form(commune, data=None) -> BoardForm:
    agencies = Agency.objects.filter(commune=commune).order_by("name")
    return BoardForm(data, projects=queries.projects_of(commune), agencies=agencies)


def _page(request, commune, **bound):
    context = {
        "project_form": bound.get("project_form") or _project_form(request, commune),
        "board_form": bound.get("board_form") or _board_form(commune),
        "projects": queries.projects_of(commune),
        "commune": commune,
        "boards": queries.workspace_boards(request.user).filter(commune=commune),
        "can_project": request.user.has_perm("oversight.manage_project", commune),
        "can_board": request.user.has_perm("oversight.manage_board", commune),
    }
    return render(request, "oversight/workspace_commune.html", context)


@login_required
@require_GET
def workspace_commune(request, code: int):
    """The commune's projects and boards."""
    return _page(request, _commune_for(request, code))


@login_required
@require_POST
def workspace_project(request, code: int):
    """Register an investment project of the commune."""
    commune = _commune_for(request, code)
    form = _project_form(request, commune, request.POST)
    call = lambda: services.register_project(request.user, commune, **form.cleaned_data)  # noqa: E731
    if run_service(request, form, call, _("Đã đăng ký dự án.")):
        return redirect("oversight_ws:commune", code=commune.code)
    return _page(request, commune, project_form=form)


@login_required
@require_POST
def workspace_form_board(request, code: int):
    """Form a board of the commune."""
    commune = _commune_for(request, code)
    form = _board_form(commune, request.POST)
    created = {}

    def call():
        created["board"] = services.form_board(request.user, commune, **form.service_kwargs())

    if run_service(request, form, call, _("Đã thành lập Ban.")):
        return redirect("oversight_ws:board", pk=created["board"].pk)
    return _page(request, commune, board_form=form)

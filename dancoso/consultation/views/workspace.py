"""Officer workspace pages (/can-bo/lay-y-kien/): the organiser's consultations, a new draft,
and the management page of one consultation with its readiness checklist."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dancoso.core.pagination import paginate
from dancoso.places.models import Agency

from .. import queries, readiness, services
from ..forms import (
    AnswerForm,
    ConsultationForm,
    DraftTextForm,
    HideForm,
    OfflineOpinionForm,
    SynthesisForm,
    UploadForm,
)
from ..lifecycle import STATE_LABELS, TRANSITIONS, allows
from .common import run


@login_required
@require_GET
def workspace_list(request):
    """Các đợt lấy ý kiến the officer organises, 25 a page."""
    if not request.user.has_perm("consultation.view_consultation_list"):
        raise PermissionDenied
    page = paginate(queries.organised_by(request.user), request)
    return render(
        request,
        "consultation/workspace_list.html",
        {"page": page, "labels": STATE_LABELS, "places": queries.organiser_places(request.user)},
    )


def _place(request):
    choice = request.GET.get("noi") or request.POST.get("noi") or ""
    places = queries.organiser_places(request.user)
    key = {f"{'cq' if isinstance(p, Agency) else 'xa'}-{p.pk}": p for p in places}
    if not places:
        raise PermissionDenied
    place = key.get(choice) if choice else places[0]
    if place is None:
        raise Http404
    return place, key


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    """Lập dự thảo lấy ý kiến for one of the officer's communes or agencies."""
    place, places = _place(request)
    scope = "agency" if isinstance(place, Agency) else "commune"
    villages = None if scope == "agency" else place.villages.filter(is_active=True).order_by("name")
    form = ConsultationForm(request.POST or None, scope=scope, villages=villages)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("villages", None) or []
        data["forms"] = data.pop("channels")
        created = {}

        def call():
            created["c"] = services.create_consultation(
                place, actor=request.user, villages=chosen, **data
            )

        if run(request, call, done=_("Đã lập dự thảo."), form=form):
            return redirect("consultation_ws:manage", pk=created["c"].pk)
    choice = next(k for k, p in places.items() if p == place)
    return render(
        request,
        "consultation/workspace_form.html",
        {"form": form, "places": places, "choice": choice},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk: int):
    """Sửa thông tin dự thảo (title, summary, subject, audience, forms, dates) before it opens."""
    consultation = queries.get_consultation_for(request.user, pk, "change_consultation")
    villages = (
        None
        if consultation.agency_id
        else consultation.commune.villages.filter(is_active=True).order_by("name")
    )
    initial = {name: getattr(consultation, name) for name in services.DRAFT_FIELDS}
    initial["channels"] = initial.pop("forms")
    initial["villages"] = list(consultation.villages.all())
    form = ConsultationForm(
        request.POST or None, scope=consultation.scope, villages=villages, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("villages", None) or []
        data["forms"] = data.pop("channels")

        def call():
            services.update_consultation(consultation, actor=request.user, villages=chosen, **data)

        if run(request, call, done=_("Đã lưu thông tin dự thảo."), form=form):
            return redirect("consultation_ws:manage", pk=pk)
    return render(
        request,
        "consultation/workspace_form.html",
        {"form": form, "places": {}, "choice": "", "consultation": consultation},
    )


@login_required
@require_GET
def manage(request, pk: int):
    """One consultation for its organiser: the readiness checklist of the next step, the
    draft, the opinions (hide, answer), offline entry, synthesis and revision."""
    consultation = queries.get_consultation_for(request.user, pk, "change_consultation")
    today = timezone.localdate()
    steps = [
        {
            "name": t.name,
            "label": t.label,
            "issues": readiness.CHECKLISTS[t.name](consultation, today),
        }
        for t in TRANSITIONS.values()
        if t.source == consultation.state
    ]
    sections = list(queries.sections_with_counts(consultation))
    page = paginate(queries.opinions_of(consultation), request, per_page=50)
    state = consultation.state
    return render(
        request,
        "consultation/workspace_manage.html",
        {
            "consultation": consultation,
            "steps": steps,
            "sections": sections,
            "page": page,
            "labels": STATE_LABELS,
            "attachments": queries.attachments_of(consultation),
            "can": {
                a: allows(state, a)
                for a in ("edit_draft", "enter_offline", "moderate", "answer", "revise")
            },
            "can_synthesis": state in {"closed", "synthesised"},
            "draft_form": DraftTextForm(
                auto_id="draft_%s", initial={"text": _draft_text(sections)}
            ),
            "upload_form": UploadForm(),
            "offline_form": OfflineOpinionForm(sections=sections, auto_id="offline_%s"),
            "hide_form": HideForm(),
            "answer_form": AnswerForm(auto_id="answer_%s"),
            "synthesis_form": SynthesisForm(
                auto_id="synthesis_%s",
                initial={
                    "text": consultation.synthesis_text,
                    "majority_reason": consultation.majority_reason,
                },
            ),
            "groups": queries.synthesis_groups(consultation),
        },
    )


def _draft_text(sections) -> str:
    return "\n\n".join(f"# {s.heading}\n{s.body}" for s in sections)

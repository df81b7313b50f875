"""Convention pages: the public list and text of recognised conventions, and the workspace
pages that walk a convention through its steps (one service per POST)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dancoso.consultation import files
from dancoso.consultation.views.common import run
from dancoso.core.pagination import paginate
from dancoso.places.models import Commune

from . import measures, queries, services
from .forms import (
    AdoptionForm,
    ConsultationStartForm,
    ConventionForm,
    DateForm,
    RecogniseForm,
    RefuseForm,
    RepealForm,
    SuspendForm,
    UnfoundedForm,
)


@require_GET
def public_list(request, code: int):
    """Hương ước, quy ước đã được công nhận của xã."""
    commune = get_object_or_404(Commune, code=code)
    page = paginate(queries.public_conventions(commune), request)
    return render(request, "conventions/public_list.html", {"commune": commune, "page": page})


@require_GET
def public_detail(request, pk: int):
    """The recognised text with its decision and yearly review date, and the public notice of
    every suspension or repeal decided on it since (its history)."""
    convention = queries.get_convention_for(request.user, pk)
    return render(
        request,
        "conventions/public_detail.html",
        {"convention": convention, "measures": queries.measures_of(convention)},
    )


@login_required
@require_GET
def workspace_list(request):
    if not request.user.has_perm("conventions.manage_convention"):
        raise PermissionDenied
    page = paginate(queries.managed_by(request.user), request)
    return render(request, "conventions/workspace_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    villages = queries.villages_managed_by(request.user)
    if not villages.exists():
        raise PermissionDenied
    form = ConventionForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = {}

        def call():
            made["c"] = services.create_convention(
                data["village"],
                actor=request.user,
                kind=data["kind"],
                title=data["title"],
                drafting_team=data["drafting_team"],
            )

        if run(request, call, done=_("Đã lập dự thảo hương ước, quy ước."), form=form):
            return redirect("conventions_ws:detail", pk=made["c"].pk)
    return render(request, "conventions/workspace_form.html", {"form": form})


@login_required
@require_GET
def detail(request, pk: int):
    """One convention and the form of its next step."""
    convention = queries.get_convention_for(request.user, pk, "manage_convention")
    return render(
        request,
        "conventions/workspace_detail.html",
        {
            "convention": convention,
            "start_form": ConsultationStartForm(),
            "adoption_form": AdoptionForm(),
            "date_form": DateForm(),
            "recognise_form": RecogniseForm(),
            "refuse_form": RefuseForm(),
            "can_recognise": request.user.has_perm("conventions.recognise_convention", convention),
            "measures": queries.measures_of(convention),
            "suspend_form": SuspendForm(),
            "repeal_form": RepealForm(),
            "can_suspend": request.user.has_perm("conventions.suspend_convention", convention),
            "can_repeal": request.user.has_perm("conventions.repeal_convention", convention),
            "complaint_answers": queries.complaint_answers_of(convention),
            "unfounded_form": UnfoundedForm(),
        },
    )


def _post(request, pk, form_class, call, done):
    convention = queries.get_convention_for(request.user, pk, "manage_convention")
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        from django.contrib import messages

        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("conventions_ws:detail", pk=pk)
    run(request, lambda: call(convention, form.cleaned_data if form else {}), done=done)
    return redirect("conventions_ws:detail", pk=pk)


def _start(convention, data, user):
    try:
        parts = files.split_text(data["text"])
    except files.FileRefused as refused:
        from django.core.exceptions import ValidationError

        raise ValidationError({"text": refused.message}) from refused
    sections = [(p.heading, p.body) for p in parts]
    services.start_consultation(
        convention,
        actor=user,
        summary=data["summary"],
        sections=sections,
        opens_on=data["opens_on"],
        closes_on=data["closes_on"],
    )


@login_required
@require_POST
def step(request, pk: int, name: str):
    """Run one step of the convention's lifecycle."""
    user = request.user
    steps = {
        "lay-y-kien": (
            ConsultationStartForm,
            lambda c, d: _start(c, d, user),
            _("Đã niêm yết dự thảo và bắt đầu lấy ý kiến các hộ."),
        ),
        "bieu-quyet": (
            None,
            lambda c, d: services.open_vote(c, actor=user),
            _("Đã đưa dự thảo ra biểu quyết."),
        ),
        "ket-qua": (
            AdoptionForm,
            lambda c, d: services.record_adoption(c, actor=user, **d),
            _("Đã ghi kết quả biểu quyết."),
        ),
        "gui-ho-so": (
            DateForm,
            lambda c, d: services.submit_dossier(c, actor=user, submitted_on=d["day"]),
            _("Đã ghi ngày gửi hồ sơ."),
        ),
        "cong-nhan": (
            RecogniseForm,
            lambda c, d: services.recognise_convention(c, actor=user, **d),
            _("Đã công nhận."),
        ),
        "tu-choi": (
            RefuseForm,
            lambda c, d: services.refuse_recognition(c, actor=user, reason=d["reason"]),
            _("Đã ghi việc không công nhận."),
        ),
        "dinh-chi": (
            SuspendForm,
            lambda c, d: measures.suspend_convention(c, actor=user, **d),
            _("Đã ghi quyết định đình chỉ thi hành; thông báo đã hiện trên trang công khai."),
        ),
        "bai-bo": (
            RepealForm,
            lambda c, d: measures.repeal_convention(c, actor=user, **d),
            _("Đã ghi quyết định bãi bỏ; thông báo đã hiện trên trang công khai."),
        ),
        "khong-can-cu": (
            UnfoundedForm,
            lambda c, d: measures.answer_unfounded(c, actor=user, **d),
            _("Đã ghi văn bản trả lời kiến nghị không có căn cứ."),
        ),
    }
    if name not in steps:
        return redirect("conventions_ws:detail", pk=pk)
    form_class, call, done = steps[name]
    return _post(request, pk, form_class, call, done)

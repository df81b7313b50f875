"""The organiser's POST actions on the management page; each calls one service and returns
to the page with its message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import files, queries, services
from ..forms import (
    AnswerForm,
    DraftTextForm,
    HideForm,
    OfflineOpinionForm,
    ReviseForm,
    SynthesisForm,
    UploadForm,
)
from ..lifecycle import TRANSITIONS
from ..models import Opinion, Section
from .common import run


def _consultation(request, pk):
    return queries.get_consultation_for(request.user, pk, "change_consultation")


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _back(pk, anchor=""):
    response = redirect("consultation_ws:manage", pk=pk)
    response["Location"] += anchor
    return response


@login_required
@require_POST
def advance(request, pk: int, transition: str):
    consultation = _consultation(request, pk)
    step = TRANSITIONS.get(transition)
    if step is None:
        return _back(pk)
    run(
        request,
        lambda: services.advance(consultation, transition, actor=request.user),
        done=_("Đã thực hiện: %(s)s.") % {"s": step.label},
    )
    return _back(pk)


@login_required
@require_POST
def draft_text(request, pk: int):
    consultation = _consultation(request, pk)
    form = DraftTextForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(pk, "#du-thao")
    try:
        parts = files.split_text(form.cleaned_data["text"])
    except files.FileRefused as refused:
        messages.error(request, refused.message)
        return _back(pk, "#du-thao")
    sections = [(p.heading, p.body) for p in parts]
    run(
        request,
        lambda: services.set_sections(consultation, actor=request.user, sections=sections),
        done=_("Đã lưu %(n)s phần của dự thảo.") % {"n": len(sections)},
    )
    return _back(pk, "#du-thao")


def _upload(request, pk, service, done):
    consultation = _consultation(request, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(pk, "#du-thao")
    upload = form.cleaned_data["file"]
    data = upload.read()
    run(
        request,
        lambda: service(consultation, actor=request.user, name=upload.name, data=data),
        done=done,
    )
    return _back(pk, "#du-thao")


@login_required
@require_POST
def import_docx(request, pk: int):
    return _upload(request, pk, services.import_draft, _("Đã nhập dự thảo từ tệp."))


@login_required
@require_POST
def attach(request, pk: int):
    return _upload(request, pk, services.add_attachment, _("Đã đính kèm tài liệu."))


def _form_action(request, pk, *, permission, form, call, done, anchor):
    """Fetch the consultation (404 unless ``permission``), validate ``form(consultation)``,
    then call ``call(consultation, cleaned_data)`` through ``run`` and return to the page."""
    consultation = queries.get_consultation_for(request.user, pk, permission)
    bound = form(consultation)
    if not bound.is_valid():
        _form_errors(request, bound)
        return _back(pk, anchor)
    run(request, lambda: call(consultation, bound.cleaned_data), done=done)
    return _back(pk, anchor)


@login_required
@require_POST
def offline(request, pk: int):
    def enter(consultation, data):
        section = (
            consultation.sections.filter(pk=data["section"]).first() if data["section"] else None
        )
        fields = {k: data[k] for k in ("text", "source", "author_label", "stance")}
        services.enter_offline_opinion(consultation, actor=request.user, section=section, **fields)

    return _form_action(
        request,
        pk,
        permission="enter_offline_opinion",
        call=enter,
        done=_("Đã nhập ý kiến."),
        form=lambda c: OfflineOpinionForm(request.POST, sections=c.sections.order_by("position")),
        anchor="#nhap-y-kien",
    )


@login_required
@require_POST
def hide(request, pk: int, number: int):
    consultation = queries.get_consultation_for(request.user, pk, "moderate_opinion")
    opinion = get_object_or_404(Opinion, consultation=consultation, number=number)
    form = HideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run(
        request,
        lambda: services.moderate_opinion(opinion, actor=request.user, reason=reason),
        done=_("Đã ẩn ý kiến #%(n)s.") % {"n": number},
    )
    return _back(pk, "#y-kien")


@login_required
@require_POST
def answer(request, pk: int):
    return _form_action(
        request,
        pk,
        permission="answer_opinion",
        form=lambda c: AnswerForm(request.POST),
        call=lambda c, d: services.answer_opinions(c, actor=request.user, **d),
        done=_("Đã trả lời nhóm ý kiến."),
        anchor="#tra-loi",
    )


@login_required
@require_POST
def synthesis_text(request, pk: int):
    return _form_action(
        request,
        pk,
        permission="publish_synthesis",
        form=lambda c: SynthesisForm(request.POST),
        call=lambda c, d: services.write_synthesis(c, actor=request.user, **d),
        done=_("Đã lưu báo cáo tổng hợp."),
        anchor="#tong-hop",
    )


@login_required
@require_POST
def revise(request, pk: int, section_pk: int):
    consultation = _consultation(request, pk)
    section = get_object_or_404(Section, consultation=consultation, pk=section_pk)
    form = ReviseForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    run(
        request,
        lambda: services.revise_section(section, actor=request.user, text=text),
        done=_("Đã lưu nội dung sau tiếp thu."),
    )
    return _back(pk, f"#phan-{section_pk}")

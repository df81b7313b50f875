"""Satisfaction surveys: the resident's answer page (signed in, once), and the officer's pages
to build, open, close a survey, type in paper forms and read the results."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from dancoso.core.errors import DomainError

from .. import queries, services, surveys
from ..survey_models import Question, Survey
from .common import run_action, show_errors
from .officer import _commune


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Tên phiếu"), max_length=200)
    year = forms.IntegerField(label=_("Năm"), min_value=2020, max_value=2100)
    intro = forms.CharField(
        label=_("Lời giới thiệu"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    questions = forms.CharField(
        label=_("Câu hỏi (mỗi dòng một câu)"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Mẫu: “một | Bạn có hài lòng với bộ phận một cửa? | Có; Không”, "
            "“nhiều | …”, “thang | Chấm điểm thái độ phục vụ”, “tự do | Góp ý khác”."
        ),
    )


def answer_form(survey: Survey, data=None) -> forms.Form:
    """A form with one field per question of ``survey`` (field name = question id)."""
    form = forms.Form(data)
    for q in survey.questions.all():
        key, label = str(q.pk), q.text
        choices = [(str(i), o) for i, o in enumerate(q.options)]
        if q.kind == Question.Kind.SINGLE:
            field = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)
        elif q.kind == Question.Kind.MULTIPLE:
            field = forms.MultipleChoiceField(
                label=label, choices=choices, widget=forms.CheckboxSelectMultiple
            )
        elif q.kind == Question.Kind.SCALE:
            field = forms.ChoiceField(
                label=label,
                widget=forms.RadioSelect,
                choices=[(str(n), str(n)) for n in range(1, 6)],
            )
        else:
            field = forms.CharField(
                label=label, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
        field.required = False  # the service decides, with the survey's own messages
        form.fields[key] = field
    return form


def _raw(survey: Survey, data) -> dict:
    return {
        str(q.pk): data.getlist(str(q.pk)) if q.kind == "multiple" else data.get(str(q.pk))
        for q in survey.questions.all()
    }


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk: int):
    """Trả lời khảo sát: a signed-in resident of the place answers an open survey once."""
    survey = queries.get_open_survey(pk)
    if not request.user.has_perm("feedback.answer_survey", survey):
        raise Http404("Phiếu khảo sát không dành cho bạn.")
    form, done = answer_form(survey, request.POST or None), False
    if request.method == "POST":
        try:
            services.answer_survey(survey, actor=request.user, answers=_raw(survey, request.POST))
            done = True
        except ValidationError as exc:
            show_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request, "feedback/survey_answer.html", {"survey": survey, "form": form, "done": done}
    )


@login_required
@require_http_methods(["GET", "POST"])
def officer_list(request):
    """Khảo sát: the commune's (and its province's) surveys; build a new one."""
    commune, _communes = _commune(request)
    if not request.user.has_perm("feedback.manage_surveys", commune):
        raise PermissionDenied
    form = SurveyForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(commune, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            return redirect("feedback:survey", pk=survey.pk)
    return render(
        request,
        "feedback/survey_list.html",
        {
            "commune": commune,
            "form": form,
            "surveys": queries.surveys_of(request.user, commune)[:50],
        },
    )


@login_required
@require_http_methods(["GET"])
def officer_detail(request, pk: int):
    """One survey: its questions, the results so far, the paper-entry form."""
    survey = queries.get_survey_for(request.user, pk)
    answers = list(survey.responses.values_list("answers", flat=True)[:20000])
    return render(
        request,
        "feedback/survey_detail.html",
        {
            "survey": survey,
            "results": surveys.tally(services.surveys.question_dicts(survey), answers),
            "count": len(answers),
            "form": answer_form(survey),
        },
    )


@login_required
@require_POST
def officer_action(request, pk: int, action: str):
    """Open, close, or type in one paper form."""
    survey = queries.get_survey_for(request.user, pk)
    runs = {
        "mo": lambda: services.open_survey(survey, actor=request.user),
        "dong": lambda: services.close_survey(survey, actor=request.user),
        "phieu-giay": lambda: services.enter_paper_answers(
            survey,
            actor=request.user,
            paper_number=request.POST.get("paper_number", ""),
            answers=_raw(survey, request.POST),
        ),
    }
    if action not in runs:
        raise Http404("Không có thao tác này.")
    return run_action(request, runs[action], "feedback:survey", pk=survey.pk)

"""Forms of the oversight workspace: they only parse input; the services check the law."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .law import Candidate
from .models import Activity, Membership, Plan, Recommendation


class Styled(forms.Form):
    """Bootstrap classes on every widget, so fields fit a 360-px screen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


def _date(label):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class RecommendationForm(Styled):
    """A board's recommendation: addressee, content, day the addressee received it."""

    addressee = forms.ChoiceField(label=_("Gửi tới"), choices=Recommendation.Addressee.choices)
    content = forms.CharField(label=_("Nội dung kiến nghị"), max_length=5000, widget=forms.Textarea)
    received_on = _date(_("Ngày cơ quan nhận"))


class AnswerForm(Styled):
    """The addressee's answer."""

    answer = forms.CharField(label=_("Nội dung trả lời"), max_length=5000, widget=forms.Textarea)


class JudgeForm(Styled):
    """The board's judgement of an answer."""

    resolved = forms.TypedChoiceField(
        label=_("Câu trả lời đã giải quyết xong vấn đề?"),
        choices=[("1", _("Đã giải quyết")), ("0", _("Chưa giải quyết"))],
        coerce=lambda v: v == "1",
    )


class MemberForm(Styled):
    """A member recognised by the Front, with the eligibility facts the law asks about."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    role = forms.ChoiceField(label=_("Chức danh"), choices=Membership.Role.choices)
    village = forms.ModelChoiceField(label=_("Thôn"), queryset=None, required=False)
    starts_on = _date(_("Từ ngày"))
    recognised_by = forms.CharField(label=_("Văn bản công nhận"), max_length=200)
    by_election = forms.BooleanField(label=_("Bầu bổ sung"), required=False)
    permanent_resident = forms.BooleanField(
        label=_("Thường trú tại xã"), required=False, initial=True
    )
    official = forms.BooleanField(
        label=_("Là cán bộ, công chức xã hoặc người hoạt động không chuyên trách ở xã, thôn"),
        required=False,
    )
    relative = forms.BooleanField(
        label=_("Có người thân là chủ đầu tư, nhà thầu hoặc tư vấn của dự án"), required=False
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        candidate = Candidate(
            permanent_resident=d["permanent_resident"],
            commune_official=d["official"],
            relative_of_project_party=d["relative"],
        )
        keys = ("full_name", "role", "village", "starts_on", "recognised_by", "by_election")
        return {k: d[k] for k in keys} | {"candidate": candidate}


class PlanForm(Styled):
    """A plan for a quarter, six months, a year or the term."""

    period = forms.ChoiceField(label=_("Loại kế hoạch"), choices=Plan.Period.choices)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=300)
    starts_on = _date(_("Từ ngày"))
    ends_on = _date(_("Đến ngày"))


class ActivityForm(Styled):
    """One activity of a plan with its assigned members."""

    subject = forms.ChoiceField(label=_("Nội dung"), choices=Activity.Subject.choices)
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    method = forms.CharField(label=_("Phương pháp"), max_length=300)
    starts_on = _date(_("Từ ngày"))
    ends_on = _date(_("Đến ngày"))
    announced_on = forms.DateField(
        label=_("Ngày thông báo kiểm tra (nếu là cuộc kiểm tra cụ thể)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Thành viên được phân công"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = memberships

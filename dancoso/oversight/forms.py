"""Forms of the oversight workspace: they only parse input; the services check the law."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .law import END_REASON_LABELS, BoardKind, Candidate
from .models import Activity, Membership, Plan, Project, Recommendation


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


class EligibilityForm(Styled):
    """The facts the law asks about a person proposed as a member (Art. 37, 42), the seat they
    hold and whether it is a by-election."""

    role = forms.ChoiceField(label=_("Chức danh"), choices=Membership.Role.choices)
    seat = forms.ChoiceField(
        label=_("Đại diện cho"), choices=Membership._meta.get_field("seat").choices
    )
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

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        candidate = Candidate(
            permanent_resident=d["permanent_resident"],
            commune_official=d["official"],
            relative_of_project_party=d["relative"],
        )
        return {k: d[k] for k in ("role", "seat", "by_election")} | {"candidate": candidate}


class MemberForm(EligibilityForm):
    """A member elected offline and recognised by the Front, entered with its document."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    village = forms.ModelChoiceField(label=_("Thôn"), queryset=None, required=False)
    starts_on = _date(_("Từ ngày"))
    recognised_by = forms.CharField(label=_("Văn bản công nhận"), max_length=200)
    field_order = ["full_name", "role", "village", "starts_on", "recognised_by", "seat"]

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        keys = ("full_name", "village", "starts_on", "recognised_by")
        return super().service_kwargs() | {k: d[k] for k in keys}


class ElectedForm(EligibilityForm):
    """The winner of a village's election held through the decisions capability."""

    decision = forms.ModelChoiceField(label=_("Cuộc bầu đã được công nhận"), queryset=None)
    field_order = ["decision"]

    def __init__(self, *args, elections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = elections

    def service_kwargs(self) -> dict:
        return super().service_kwargs() | {"decision": self.cleaned_data["decision"]}


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


class ProjectForm(Styled):
    """An investment project of the commune (Art. 41(1)); a project the people fund links to
    the household decision that approved the contributions."""

    name = forms.CharField(label=_("Tên dự án"), max_length=300)
    investor = forms.CharField(label=_("Chủ đầu tư"), max_length=300)
    contractor = forms.CharField(label=_("Nhà thầu"), max_length=300, required=False)
    funding = forms.MultipleChoiceField(
        label=_("Nguồn vốn"), choices=Project.Funding.choices, widget=forms.CheckboxSelectMultiple
    )
    budget = forms.IntegerField(label=_("Tổng mức đầu tư (đồng)"), min_value=1)
    people_contribution = forms.IntegerField(
        label=_("Nhân dân đóng góp (đồng)"), min_value=0, initial=0
    )
    location = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    starts_on = _date(_("Khởi công"))
    ends_on = _date(_("Hoàn thành (dự kiến)"))
    decision = forms.ModelChoiceField(
        label=_("Quyết định của cộng đồng về đóng góp (nếu có)"), queryset=None, required=False
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions


class BoardForm(Styled):
    """A board formed by the Front (or the staff conference for an agency)."""

    kind = forms.ChoiceField(
        label=_("Loại ban"),
        choices=[
            (BoardKind.COMMUNE_INSPECTION.value, _("Ban Thanh tra nhân dân xã")),
            (BoardKind.PROJECT_SUPERVISION.value, _("Ban Giám sát đầu tư của cộng đồng")),
            (BoardKind.AGENCY_INSPECTION.value, _("Ban Thanh tra nhân dân của cơ quan, đơn vị")),
        ],
    )
    name = forms.CharField(label=_("Tên ban"), max_length=300)
    term_start = _date(_("Bắt đầu nhiệm kỳ"))
    term_end = _date(_("Kết thúc nhiệm kỳ (Ban Thanh tra xã: theo nhiệm kỳ Trưởng thôn)"))
    project = forms.ModelChoiceField(
        label=_("Dự án (Ban Giám sát đầu tư)"), queryset=None, required=False
    )
    agency = forms.ModelChoiceField(label=_("Cơ quan, đơn vị"), queryset=None, required=False)
    agency_staff = forms.IntegerField(
        label=_("Số người của cơ quan, đơn vị"), min_value=0, required=False
    )

    def __init__(self, *args, projects, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["agency"].queryset = agencies

    def service_kwargs(self) -> dict:
        return self.cleaned_data | {"agency_staff": self.cleaned_data["agency_staff"] or 0}


class EndMembershipForm(Styled):
    """A member leaves the board for a reason the law allows."""

    reason = forms.ChoiceField(
        label=_("Lý do thôi"), choices=[(k.value, v) for k, v in END_REASON_LABELS.items()]
    )
    ends_on = _date(_("Ngày thôi"))
    document = forms.CharField(
        label=_("Văn bản của cộng đồng dân cư cho thôi, bãi nhiệm (nếu có)"),
        max_length=200,
        required=False,
    )


class RecogniseForm(Styled):
    """The Front's recognition of the board's composition."""

    on = _date(_("Ngày công nhận"))
    document = forms.CharField(label=_("Văn bản công nhận của Ủy ban MTTQ xã"), max_length=200)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the service checks their real type and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class SupervisionForm(Styled):
    """What an activity checked and found, with its evidence."""

    held_on = _date(_("Ngày thực hiện"))
    checked = forms.CharField(
        label=_("Nội dung đã kiểm tra, giám sát"), max_length=5000, widget=forms.Textarea
    )
    findings = forms.CharField(
        label=_("Kết quả, phát hiện"), max_length=10000, widget=forms.Textarea
    )
    files = MultipleFileField(
        label=_("Ảnh, tài liệu, biên bản đã ký (JPEG, PNG, PDF; tối đa 5 tệp, mỗi tệp 5 MB)"),
        required=False,
    )


class TipForm(Styled):
    """A resident's information to a board, named or anonymous."""

    content = forms.CharField(
        label=_("Nội dung thông tin, phản ánh gửi Ban"), max_length=5000, widget=forms.Textarea
    )
    anonymous = forms.BooleanField(
        label=_("Gửi không ghi tên (Ban vẫn xem xét nhưng không trả lời bằng văn bản)"),
        required=False,
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120, required=False)
    contact = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử"), max_length=254, required=False
    )


class TipAnswerForm(Styled):
    """The board's answer to a tip."""

    answer = forms.CharField(label=_("Trả lời của Ban"), max_length=5000, widget=forms.Textarea)

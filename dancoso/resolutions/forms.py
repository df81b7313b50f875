"""Forms of the resolutions workspace: they only parse input; the services check the law."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.core import indicators

from .models import Level, Reporter, TaskStatus

MAX_UPLOAD = 1024 * 1024


class Styled(forms.Form):
    """Bootstrap classes on every widget, so fields fit a 360-px screen. ``ids`` prefixes the
    element ids, so that several forms on one page never share an id (labels stay bound)."""

    ids = "id_%s"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", self.ids)
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


def _date(label, required=True):
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
    )


def _percent(label, required=True):
    return forms.DecimalField(
        label=label, required=required, min_value=0, max_value=100, decimal_places=1
    )


class ImportForm(Styled):
    """A resolution file (YAML or JSON, format dancoso-resolution/1)."""

    file = forms.FileField(label=_("Tệp nghị quyết (.yaml, .yml, .json)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp lớn quá 1 MB."))
        return upload


class ResolutionForm(Styled):
    """A resolution's own fields, entered by hand."""

    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60)
    title = forms.CharField(label=_("Trích yếu"), max_length=500, widget=forms.Textarea)
    issued_on = _date(_("Ngày ban hành"))
    council_level = forms.ChoiceField(label=_("Cấp Hội đồng nhân dân"), choices=Level.choices)
    council_name = forms.CharField(label=_("Tên Hội đồng nhân dân"), max_length=200)
    council_term = forms.CharField(label=_("Khóa, nhiệm kỳ"), max_length=120, required=False)
    council_session = forms.CharField(label=_("Kỳ họp"), max_length=120, required=False)
    effective_from = _date(_("Ngày có hiệu lực"))
    effective_until = _date(_("Ngày hết hiệu lực (để trống nếu không thời hạn)"), required=False)
    implementer = forms.CharField(label=_("Cơ quan tổ chức thực hiện"), max_length=200)
    supervisors = forms.CharField(
        label=_("Cơ quan giám sát (mỗi dòng một cơ quan)"), required=False, widget=forms.Textarea
    )
    reporting = forms.CharField(label=_("Chế độ báo cáo"), required=False, widget=forms.Textarea)
    source = forms.CharField(label=_("Nguồn văn bản"), required=False, max_length=2000)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["supervisors"] = [s.strip() for s in data["supervisors"].splitlines() if s.strip()]
        return data


def _indicator_choices():
    return [("", _("— số liệu báo cáo thủ công —"))] + [
        (i.code, f"{i.title} ({i.code})") for i in indicators.registered()
    ]


class TargetForm(Styled):
    """A target's terms; exactly one of an indicator or a hand-reporting unit."""

    ids = "target_%s"

    code = forms.RegexField(label=_("Mã mục tiêu"), regex=r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,29}$")
    text = forms.CharField(label=_("Nội dung mục tiêu"), max_length=2000, widget=forms.Textarea)
    source = forms.CharField(label=_("Căn cứ (điều, khoản, điểm)"), max_length=200)
    threshold = _percent(_("Mức đạt (%)"))
    amber_from = _percent(_("Mức cảnh báo (%)"), required=False)
    due = _date(_("Thời hạn"), required=False)
    indicator = forms.ChoiceField(label=_("Chỉ số tự động"), required=False, choices=())
    manual_reporter = forms.ChoiceField(
        label=_("Hoặc: đơn vị báo cáo số liệu"),
        required=False,
        choices=[("", "—"), *Reporter.choices],
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = _indicator_choices()
        if editing:
            del self.fields["code"]
            self.fields["on"] = _date(_("Áp dụng từ ngày"))


class FigureForm(Styled):
    """A unit's hand-reported figure with its evidence."""

    unit = forms.ChoiceField(label=_("Đơn vị báo cáo"), choices=())
    period_start = _date(_("Từ ngày"))
    period_end = _date(_("Đến ngày"))
    numerator = forms.IntegerField(label=_("Tử số (số đã đạt)"), min_value=0)
    denominator = forms.IntegerField(label=_("Mẫu số (tổng số)"), min_value=0)
    evidence = forms.FileField(label=_("Minh chứng (ảnh JPEG/PNG hoặc PDF)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(f"{u.level}:{u.pk}", u.name) for u in units]


class PlanForm(Styled):
    ids = "plan_%s"
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    number = forms.CharField(label=_("Số kế hoạch"), max_length=60)
    adopted_on = _date(_("Ngày ban hành kế hoạch"))


class TaskForm(Styled):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=2000, widget=forms.Textarea)
    measure_item = forms.ChoiceField(label=_("Thực hiện biện pháp"), required=False, choices=())
    assignee = forms.ChoiceField(label=_("Giao cho"), choices=())
    deadline = _date(_("Thời hạn"))

    def __init__(self, *args, items=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_item"].choices = [("", "—")] + [(i.pk, i.code) for i in items]
        self.fields["assignee"].choices = [
            (f"{u.level}:{u.pk}", u.name) for u in units if u.level in ("village", "agency")
        ]


class TaskUpdateForm(Styled):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=TaskStatus.choices)
    note = forms.CharField(label=_("Tiến độ, kết quả"), max_length=5000, widget=forms.Textarea)
    evidence = forms.FileField(label=_("Minh chứng (ảnh hoặc PDF)"), required=False)


class ReportForm(Styled):
    ids = "report_%s"
    year = forms.IntegerField(label=_("Năm báo cáo"), min_value=2000, max_value=2100)
    number = forms.CharField(label=_("Số báo cáo"), max_length=60, initial="…/BC-UBND")
    signer = forms.CharField(label=_("Người ký (Chủ tịch)"), max_length=120, required=False)


class MeasureGroupForm(Styled):
    """A measure group (nhóm giải pháp) entered by hand."""

    ids = "group_%s"
    code = forms.RegexField(label=_("Mã nhóm"), regex=r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,29}$")
    title = forms.CharField(label=_("Tên nhóm giải pháp"), max_length=2000)
    source = forms.CharField(label=_("Căn cứ (điều, khoản)"), max_length=200)


class MeasureItemForm(Styled):
    """An item of a measure group, and the targets it serves."""

    ids = "item_%s"
    group = forms.ChoiceField(label=_("Thuộc nhóm"), choices=())
    code = forms.RegexField(label=_("Mã biện pháp"), regex=r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,29}$")
    text = forms.CharField(label=_("Nội dung biện pháp"), max_length=5000, widget=forms.Textarea)
    source = forms.CharField(label=_("Căn cứ (điều, khoản, điểm)"), max_length=200)
    targets = forms.MultipleChoiceField(label=_("Phục vụ mục tiêu"), required=False, choices=())

    def __init__(self, *args, resolution=None, **kwargs):
        super().__init__(*args, **kwargs)
        if resolution is not None:
            self.fields["group"].choices = [(g.pk, g.code) for g in resolution.measures.all()]
            self.fields["targets"].choices = [(t.pk, t.code) for t in resolution.targets.all()]

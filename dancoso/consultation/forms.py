"""Forms of the consultation pages. They only parse what was typed; the services check the
rules (``law.py``, ``content.py``) and their ``ValidationError`` is shown beside the field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import law
from .models import FORM_CHOICES, Consultation, Opinion

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
MAX_UPLOAD = 10 * 1024 * 1024
FIELD_ALIASES = {"forms": "channels"}


def date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
        error_messages={"invalid": _("Hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2026.")},
    )


def show_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` beside the matching fields (others on top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            field = FIELD_ALIASES.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class StyledForm(forms.Form):
    """Bootstrap classes on every widget (no inline style anywhere)."""

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


class ConsultationForm(StyledForm):
    title = forms.CharField(label=_("Tên dự thảo"), max_length=250)
    summary = forms.CharField(
        label=_("Tóm tắt bằng ngôn ngữ dễ hiểu"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    subject = forms.ChoiceField(label=_("Nội dung lấy ý kiến theo luật"))
    audience = forms.ChoiceField(
        label=_("Đối tượng lấy ý kiến"), choices=Consultation.Audience.choices
    )
    channels = forms.MultipleChoiceField(
        label=_("Hình thức lấy ý kiến (Điều 26)"),
        choices=FORM_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_on = date_field(_("Ngày bắt đầu"))
    closes_on = date_field(_("Ngày kết thúc"))
    allow_anonymous = forms.BooleanField(label=_("Cho phép gửi ý kiến ẩn danh"), required=False)
    plan_sent_on = forms.DateField(
        label=_("Ngày gửi kế hoạch lấy ý kiến đến HĐND xã và UBMTTQ xã (Điều 28 khoản 1)"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
    )
    villages = forms.ModelMultipleChoiceField(
        label=_("Chỉ lấy ý kiến một số thôn (bỏ trống: toàn xã)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, scope: str, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [
            (s.code, f"{s.article}: {s.label}") for s in law.subjects_for(scope)
        ]
        staff = {Consultation.Audience.STAFF, Consultation.Audience.EVERYONE}
        self.fields["audience"].choices = [
            (value, label)
            for value, label in Consultation.Audience.choices
            if (value in staff) == (scope == "agency") or value == Consultation.Audience.EVERYONE
        ]
        if villages is None:
            del self.fields["villages"]
        else:
            self.fields["villages"].queryset = villages
        if scope == "agency":
            del self.fields["plan_sent_on"]


class DraftTextForm(StyledForm):
    text = forms.CharField(
        label=_("Nội dung dự thảo"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Mỗi dòng bắt đầu bằng “Chương …”, “Mục …”, “Điều …”, “Phần …” hoặc “#” "
            "mở một phần mới."
        ),
    )


class UploadForm(StyledForm):
    file = forms.FileField(label=_("Tệp"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise ValidationError(_("Tệp quá lớn (tối đa 10 MB)."))
        return upload


class OpinionForm(StyledForm):
    text = forms.CharField(
        label=_("Ý kiến của bạn"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    stance = forms.ChoiceField(
        label=_("Bạn thấy dự thảo thế nào?"),
        choices=Opinion.Stance.choices,
        initial=Opinion.Stance.OTHER,
    )
    section = forms.TypedChoiceField(
        label=_("Góp ý cho phần"), coerce=int, required=False, empty_value=None
    )
    anonymous = forms.BooleanField(label=_("Không hiện tên tôi (ẩn danh)"), required=False)

    def __init__(self, *args, sections=(), allow_anonymous=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("Toàn bộ dự thảo"))] + [
            (s.pk, s.heading) for s in sections
        ]
        if not allow_anonymous:
            del self.fields["anonymous"]


class OfflineOpinionForm(OpinionForm):
    source = forms.ChoiceField(
        label=_("Nguồn"),
        choices=[c for c in Opinion.Source.choices if c[0] != Opinion.Source.PORTAL],
    )
    author_label = forms.CharField(label=_("Người hoặc nhóm nêu ý kiến"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Nội dung ý kiến")
        self.fields.pop("anonymous", None)


class HideForm(StyledForm):
    reason = forms.CharField(
        label=_("Lý do ẩn (được công khai)"), max_length=300, initial="ẩn do vi phạm quy tắc"
    )


class AnswerForm(StyledForm):
    numbers = forms.CharField(label=_("Số thứ tự các ý kiến (ví dụ: 1, 4, 7)"), max_length=2000)
    title = forms.CharField(label=_("Tên nhóm ý kiến"), max_length=250)
    verdict = forms.ChoiceField(
        label=_("Kết quả"), choices=[(v.value, lbl) for v, lbl in law.VERDICT_LABELS.items()]
    )
    answer = forms.CharField(
        label=_("Trả lời, giải trình"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_numbers(self):
        raw = self.cleaned_data["numbers"].replace("#", " ").replace(";", ",")
        parts = [p.strip() for p in raw.replace(" ", ",").split(",") if p.strip()]
        if not parts or not all(p.isascii() and p.isdigit() and len(p) < 9 for p in parts):
            raise ValidationError(_("Ghi số thứ tự các ý kiến, cách nhau bằng dấu phẩy."))
        return [int(p) for p in parts]


class SynthesisForm(StyledForm):
    text = forms.CharField(
        label=_("Nội dung báo cáo tổng hợp"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    majority_reason = forms.CharField(
        label=_("Lý do (nếu quyết định khác với ý kiến đa số — Điều 28 khoản 4)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviseForm(StyledForm):
    text = forms.CharField(
        label=_("Nội dung sau tiếp thu"),
        max_length=100_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

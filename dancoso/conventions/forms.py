"""Forms of the convention pages; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.consultation.forms import StyledForm, date_field

from . import law
from .models import Convention, ConventionMeasure


class ConventionForm(StyledForm):
    village = forms.ModelChoiceField(label=_("Thôn, tổ dân phố"), queryset=None)
    kind = forms.ChoiceField(label=_("Tên gọi"), choices=list(law.KINDS.items()))
    title = forms.CharField(label=_("Tên hương ước, quy ước"), max_length=250)
    drafting_team = forms.CharField(
        label=_("Tổ soạn thảo (mỗi người một dòng)"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        if len(villages) == 1:
            self.fields["village"].initial = villages[0].pk
            self.fields["village"].empty_label = None

    def clean_drafting_team(self):
        return [
            line.strip() for line in self.cleaned_data["drafting_team"].splitlines() if line.strip()
        ]


class ConsultationStartForm(StyledForm):
    summary = forms.CharField(
        label=_("Tóm tắt dự thảo"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    text = forms.CharField(
        label=_("Nội dung dự thảo (mỗi “Điều …” hoặc “#” mở một phần)"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    opens_on = date_field(_("Ngày niêm yết"))
    closes_on = date_field(_("Ngày kết thúc lấy ý kiến (ít nhất 30 ngày)"))


class AdoptionForm(StyledForm):
    method = forms.ChoiceField(label=_("Hình thức biểu quyết"), choices=Convention.Method.choices)
    voted_on = date_field(_("Ngày họp hoặc hết hạn phát phiếu"))
    total_households = forms.IntegerField(
        label=_("Tổng số hộ của thôn"), min_value=1, max_value=100_000
    )
    attending = forms.IntegerField(
        label=_("Số hộ tham dự (hoặc số phiếu thu về)"), min_value=0, max_value=100_000
    )
    agreeing = forms.IntegerField(label=_("Số hộ tán thành"), min_value=0, max_value=100_000)
    meeting_attending = forms.IntegerField(
        label=_("Số hộ dự cuộc họp trước (chỉ khi phát phiếu)"),
        min_value=0,
        max_value=100_000,
        required=False,
    )


class DateForm(StyledForm):
    day = date_field(_("Ngày"))


class RecogniseForm(StyledForm):
    decided_on = date_field(_("Ngày quyết định công nhận"))
    number = forms.CharField(label=_("Số quyết định"), max_length=60)


class RefuseForm(StyledForm):
    reason = forms.CharField(
        label=_("Lý do không công nhận"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _grounds(measure: str) -> list[tuple[str, str]]:
    return [
        (g.code, f"{g.label} ({g.article})") for g in law.GROUNDS.values() if g.measure == measure
    ]


class RepealForm(StyledForm):
    """Quyết định bãi bỏ (Art. 14); the suspension form adds the redo deadline."""

    MEASURE = law.REPEAL
    prefix = "bai-bo"  # both forms share a page: distinct field ids

    ground = forms.ChoiceField(label=_("Căn cứ"), choices=())
    parts = forms.CharField(
        label=_("Các điều, khoản (mỗi dòng một điều; bỏ trống nếu toàn bộ)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reasons = forms.CharField(
        label=_("Lý do"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    trigger = forms.ChoiceField(label=_("Xuất phát từ"), choices=ConventionMeasure.Trigger.choices)
    received_on = date_field(_("Ngày nhận kiến nghị hoặc phát hiện qua rà soát"))
    decided_on = date_field(_("Ngày quyết định"))
    number = forms.CharField(label=_("Số quyết định"), max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = _grounds(self.MEASURE)

    def clean_parts(self):
        return [line.strip() for line in self.cleaned_data["parts"].splitlines() if line.strip()]


class SuspendForm(RepealForm):
    """Quyết định đình chỉ thi hành (Art. 12)."""

    MEASURE = law.SUSPEND
    prefix = "dinh-chi"

    redo_by = date_field(_("Thời hạn xây dựng lại hoặc sửa đổi, bổ sung"))


class UnfoundedForm(StyledForm):
    """Trả lời kiến nghị không có căn cứ (Art. 12(2))."""

    prefix = "khong-can-cu"

    complainant = forms.CharField(label=_("Người, tổ chức kiến nghị"), max_length=200)
    complaint = forms.CharField(
        label=_("Nội dung kiến nghị, phản ánh"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reasons = forms.CharField(
        label=_("Lý do kiến nghị không có căn cứ"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    received_on = date_field(_("Ngày nhận kiến nghị"))
    answered_on = date_field(_("Ngày trả lời"))
    number = forms.CharField(label=_("Số văn bản trả lời"), max_length=60)

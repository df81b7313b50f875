"""Forms of the feedback pages: they parse and show errors; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .law import KINDS
from .models import Case

KIND_CHOICES = [(kind.value, info.label) for kind, info in KINDS.items()]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class SubmitForm(forms.Form):
    """Gửi phản ánh, kiến nghị (portal)."""

    kind = forms.ChoiceField(label=_("Loại"), choices=KIND_CHOICES, widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    description = forms.CharField(
        label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    village = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố (nếu có)"), queryset=None, required=False
    )
    place_text = forms.CharField(label=_("Địa điểm cụ thể"), max_length=200, required=False)
    learned_on = forms.DateField(
        label=_("Khiếu nại: ngày bạn biết quyết định hoặc việc làm bị khiếu nại"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Khiếu nại gửi trong 90 ngày kể từ ngày này (Luật Khiếu nại, Điều 9)."),
    )
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        required=False,
        help_text=_("Bắt buộc với tố cáo; được giữ bí mật."),
    )
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        required=False,
        help_text=_("Để nhận mã tra cứu và câu trả lời (hoặc ghi thư điện tử)."),
    )
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    address = forms.CharField(label=_("Địa chỉ liên hệ"), max_length=255, required=False)
    files = MultipleFileField(
        label=_("Ảnh hoặc tệp (JPEG, PNG, PDF; tối đa 5 tệp, mỗi tệp 5 MB)"), required=False
    )
    share_location = forms.BooleanField(label=_("Giữ vị trí chụp trong ảnh (GPS)"), required=False)
    latitude = forms.DecimalField(
        label=_("Vĩ độ (nếu muốn đánh dấu trên bản đồ)"),
        required=False,
        max_digits=8,
        decimal_places=5,
    )
    longitude = forms.DecimalField(
        label=_("Kinh độ"), required=False, max_digits=8, decimal_places=5
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = commune.villages.order_by("name")


class TakeForm(SubmitForm):
    """Nhập hồ sơ (officer): the channel and the day it came."""

    channel = forms.ChoiceField(
        label=_("Kênh tiếp nhận"),
        choices=[c for c in Case.Channel.choices if c[0] != Case.Channel.PORTAL],
    )
    received_on = forms.DateField(
        label=_("Ngày nhận"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    field_order = ["channel", "received_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["share_location"]
        self.fields["phone"].help_text = ""


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Mã tra cứu"), max_length=20, help_text=_("Ví dụ: 7KQ2-M9PX-4RTA")
    )


class RateForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Bạn có hài lòng với câu trả lời?"),
        choices=[("1", _("Hài lòng")), ("0", _("Chưa hài lòng"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Lý do (bắt buộc nếu chưa hài lòng)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    ask_review = forms.BooleanField(label=_("Đề nghị xem xét lại (chỉ một lần)"), required=False)


class InfoForm(forms.Form):
    text = forms.CharField(
        label=_("Thông tin bổ sung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FollowUpForm(forms.Form):
    follow_up_text = forms.CharField(
        label=_("Lý do bạn chưa đồng ý với kết quả giải quyết (hoặc việc quá hạn)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DeskRatingForm(forms.Form):
    SCORES = [(str(n), str(n)) for n in range(5, 0, -1)]
    visit_code = forms.CharField(label=_("Mã số trên giấy biên nhận"), max_length=40)
    reception_score = forms.ChoiceField(
        label=_("Thái độ tiếp đón (5 là tốt nhất)"), choices=SCORES, widget=forms.RadioSelect
    )
    procedure_score = forms.ChoiceField(
        label=_("Giải quyết thủ tục (5 là tốt nhất)"), choices=SCORES, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Góp ý thêm (không bắt buộc)"), max_length=500, required=False
    )


class DeskForm(forms.Form):
    name = forms.CharField(label=_("Tên quầy"), max_length=120)


class TextForm(forms.Form):
    """One free text for an officer action (reason, question, answer)."""

    text = forms.CharField(
        label=_("Nội dung"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )


class SessionForm(forms.Form):
    """Lên lịch tiếp công dân / đối thoại."""

    kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[
            ("reception", _("Tiếp công dân")),
            ("dialogue", _("Đối thoại giữa lãnh đạo và Nhân dân")),
        ],
    )
    title = forms.CharField(label=_("Chủ đề"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Thời gian bắt đầu"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    host = forms.CharField(label=_("Người chủ trì"), max_length=150)
    chaired_by_chair = forms.BooleanField(
        label=_("Chủ tịch UBND xã chủ trì"), required=False, initial=True
    )
    agenda = forms.CharField(
        label=_("Nội dung"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    publish = forms.BooleanField(
        label=_("Công bố ngay trên trang của xã"), required=False, initial=True
    )


class PaperFollowUpForm(forms.Form):
    """Nhập khiếu nại lần hai / tố cáo tiếp nhận bằng đơn giấy hoặc trực tiếp (officer)."""

    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[("khieu_nai", _("Khiếu nại lần hai")), ("to_cao", _("Tố cáo tiếp"))],
        widget=forms.RadioSelect,
    )
    channel = TakeForm.base_fields["channel"]
    received_on = forms.DateField(
        label=_("Ngày nhận đơn"), widget=forms.DateInput(attrs={"type": "date"})
    )
    first_code = forms.CharField(
        label=_("Mã tra cứu của hồ sơ lần đầu (nếu hồ sơ lần đầu có trên hệ thống)"),
        max_length=20,
        required=False,
    )
    first_decision = forms.CharField(
        label=_("Hoặc: số, ngày quyết định giải quyết lần đầu (kết luận tố cáo)"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Quyết định số 12/QĐ-UBND ngày 03/02/2026 của Chủ tịch UBND xã."),
    )
    first_decision_on = forms.DateField(
        label=_("Ngày người gửi nhận quyết định lần đầu (hoặc ngày hết hạn giải quyết lần đầu)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Khiếu nại lần hai gửi trong 30 ngày (vùng sâu, vùng xa 45 ngày) kể từ ngày này."
        ),
    )
    is_remote = forms.BooleanField(label=_("Vùng sâu, vùng xa"), required=False)
    full_name = forms.CharField(label=_("Họ và tên người gửi"), max_length=150, required=False)
    phone = forms.CharField(label=_("Số điện thoại di động"), max_length=20, required=False)
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    text = forms.CharField(
        label=_("Nội dung đơn: lý do chưa đồng ý với kết quả lần đầu (hoặc việc quá hạn)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

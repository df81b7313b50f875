"""Forms of the decision pages: they parse what was typed; the services check the law."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.households.forms import date_field

from .law import KIND_LABELS, Channel

CHANNEL_CHOICES = [
    (Channel.MEETING.value, _("Hội nghị cộng đồng")),
    (Channel.BALLOT.value, _("Phát phiếu lấy ý kiến đến từng hộ")),
    (Channel.ONLINE.value, _("Biểu quyết trực tuyến (chỉ loại 6)")),
]


class DecisionForm(forms.Form):
    place = forms.ChoiceField(label=_("Phạm vi (thôn hoặc toàn xã)"))
    kind = forms.TypedChoiceField(
        label=_("Loại việc (Luật 10/2022/QH15, Điều 15)"),
        coerce=int,
        choices=[(int(k), f"{int(k)}. {label}") for k, label in KIND_LABELS.items()],
    )
    title = forms.CharField(label=_("Tên nội dung"), max_length=200)
    question = forms.CharField(
        label=_("Nội dung đưa ra biểu quyết"), max_length=2000, widget=forms.Textarea({"rows": 3})
    )
    documents = forms.CharField(
        label=_("Tài liệu gửi các hộ"),
        max_length=20000,
        required=False,
        widget=forms.Textarea({"rows": 5}),
    )
    channels = forms.MultipleChoiceField(
        label=_("Hình thức"), choices=CHANNEL_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    candidates = forms.CharField(
        label=_("Người ứng cử (bầu cử: mỗi dòng một người)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea({"rows": 3}),
    )
    convention = forms.TypedChoiceField(
        label=_("Hương ước, quy ước đưa ra biểu quyết (loại 3)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],
    )
    voting_on = date_field(_("Ngày biểu quyết"), required=True)
    notice_on = date_field(_("Ngày gửi giấy mời họp"))
    documents_on = date_field(_("Ngày gửi tài liệu đến các hộ"))
    ballot_plan_on = date_field(_("Ngày công khai kế hoạch phát phiếu"))

    def __init__(self, *args, places=(), conventions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = places
        self.fields["convention"].choices = [("", _("(không gắn hương ước)")), *conventions]

    def candidate_list(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["candidates"].splitlines() if line.strip()
        ]


class BatchForm(forms.Form):
    """Counts of one batch: a field per option, and the invalid ballots."""

    source = forms.ChoiceField(label=_("Loại tập phiếu"))
    invalid = forms.IntegerField(label=_("Phiếu không hợp lệ"), min_value=0, initial=0)

    def __init__(self, *args, options=(), sources=(), villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = sources
        if villages:
            self.fields["village"] = forms.ChoiceField(label=_("Thôn"), choices=villages)
        for option in options:
            self.fields[f"o{option.pk}"] = forms.IntegerField(
                label=option.label, min_value=0, initial=0
            )
        self.option_ids = [o.pk for o in options]

    def counts(self) -> dict[str, int]:
        return {str(pk): self.cleaned_data[f"o{pk}"] or 0 for pk in self.option_ids}


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Mã biên nhận"),
        max_length=40,
        min_length=4,
        widget=forms.TextInput({"autocomplete": "off", "autocapitalize": "characters"}),
    )


class SendForm(forms.Form):
    sent_on = date_field(_("Ngày gửi quyết định đến UBND xã, Ủy ban MTTQ xã"), required=True)


class RecognitionForm(forms.Form):
    recognised = forms.TypedChoiceField(
        label=_("Quyết định"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Công nhận")), ("0", _("Từ chối công nhận"))],
    )
    on = date_field(_("Ngày ra quyết định"), required=True)
    reason = forms.CharField(
        label=_("Lý do từ chối"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
    )


def _lines(label):
    return forms.CharField(
        label=label, required=False, max_length=1000, widget=forms.Textarea({"rows": 3})
    )


class OfficersForm(forms.Form):
    secretary = forms.CharField(label=_("Thư ký hội nghị"), required=False, max_length=150)
    counting_board = _lines(
        _("Ban kiểm phiếu (bỏ phiếu kín tại hội nghị: 3–5 người, mỗi dòng một người)")
    )
    ballot_team = _lines(_("Tổ phát phiếu (3–5 người, mỗi dòng một người)"))
    witnesses = _lines(_("Đại diện hộ chứng kiến kiểm phiếu (2 người, mỗi dòng một người)"))

    def lists(self) -> dict:
        """Only the fields typed in; each text area as a list of names."""
        out = {}
        for name in ("counting_board", "ballot_team", "witnesses"):
            names = [n.strip() for n in self.cleaned_data[name].splitlines() if n.strip()]
            if names:
                out[name] = names
        if self.cleaned_data["secretary"].strip():
            out["secretary"] = self.cleaned_data["secretary"]
        return out

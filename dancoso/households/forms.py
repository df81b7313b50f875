"""Forms of the household register pages. They only parse what was typed; the services
check the rules (``law.py``) and their ``ValidationError`` is shown beside the field
(``show_errors``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .law import EXPORT_PURPOSES, PURPOSE_REQUIRED, PURPOSE_TEXT_MAX
from .models import Member

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


def date_field(label, *, required: bool = False, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy",
                                                          "inputmode": "numeric"}),
        error_messages={"invalid": _("Hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 05/09/1980.")},
        **kwargs,
    )  # fmt: skip


def show_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` beside the matching fields (others on top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class HouseholdForm(forms.Form):
    code = forms.CharField(label=_("Mã hộ"), max_length=30)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    date_of_birth = date_field(_("Ngày sinh"))
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Member.Gender.choices, required=False)
    national_id = forms.CharField(
        label=_("Số định danh cá nhân (12 chữ số)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    relation = forms.CharField(label=_("Quan hệ với chủ hộ"), max_length=50, required=False)
    is_head = forms.BooleanField(label=_("Chủ hộ"), required=False)
    is_representative = forms.BooleanField(label=_("Đại diện hộ"), required=False)

    def __init__(self, *args, masked_id: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if masked_id:
            self.fields["national_id"].help_text = _(
                "Đang lưu: %(masked)s. Để trống nếu không đổi."
            ) % {"masked": masked_id}


class NewHouseholdForm(HouseholdForm):
    village = forms.ModelChoiceField(label=_("Thôn, tổ dân phố"), queryset=None)
    full_name = forms.CharField(label=_("Họ và tên chủ hộ"), max_length=150)
    date_of_birth = date_field(_("Ngày sinh của chủ hộ"))
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Member.Gender.choices, required=False)
    national_id = MemberForm.base_fields["national_id"]
    phone = MemberForm.base_fields["phone"]

    def __init__(self, *args, villages, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages


class MoveForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Chuyển đến thôn, tổ dân phố"), queryset=None)
    on = date_field(_("Ngày chuyển"), required=True)

    def __init__(self, *args, villages, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["on"].initial = timezone.localdate()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp sổ hộ (.csv hoặc .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv,application/"
                                               "vnd.openxmlformats-officedocument."
                                               "spreadsheetml.sheet"}),
    )  # fmt: skip


class LinkRequestForm(forms.Form):
    household_code = forms.CharField(label=_("Mã hộ"), max_length=30)
    national_id = forms.CharField(
        label=_("Số định danh cá nhân của bạn (12 chữ số)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Lý do từ chối"), max_length=255)


VILLAGE_REQUIRED = _("Hãy chọn một thôn, tổ dân phố trong danh sách.")


class ExportForm(forms.Form):
    """Xuất sổ hộ: which villages, which format, with phone numbers or not, and why. The
    villages offered are those the officer may export (``for_user``); "Cả xã" only to those
    who may export the whole commune."""

    village = forms.ChoiceField(
        label=_("Thôn, tổ dân phố"),
        required=False,
        error_messages={"required": VILLAGE_REQUIRED, "invalid_choice": VILLAGE_REQUIRED},
    )
    fmt = forms.ChoiceField(
        label=_("Định dạng tệp"),
        choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (mở được bằng Excel)"))],
        initial="xlsx",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    purpose = forms.ChoiceField(
        label=_("Mục đích"),
        choices=list(EXPORT_PURPOSES.items()),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": PURPOSE_REQUIRED, "invalid_choice": PURPOSE_REQUIRED},
    )
    purpose_text = forms.CharField(
        label=_("Mục đích khác (ghi rõ; không ghi tên hay số của ai)"),
        max_length=PURPOSE_TEXT_MAX,
        required=False,
    )
    with_phones = forms.BooleanField(
        label=_("Kèm số điện thoại"),
        required=False,
        help_text=_(
            "Chỉ đánh dấu khi thật cần gọi điện cho các hộ; nhật ký ghi lại lần xuất có số "
            "điện thoại."
        ),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, villages: list, whole_commune: bool, **kwargs) -> None:
        super().__init__(*args, auto_id="hh-export-%s", **kwargs)
        self.villages = {str(v.pk): v for v in villages}
        field = self.fields["village"]
        field.required = not whole_commune
        choices = [(key, village.name) for key, village in self.villages.items()]
        field.choices = ([("", _("Cả xã"))] if whole_commune else []) + choices

    def clean_village(self):
        return self.villages.get(self.cleaned_data["village"])

    @classmethod
    def for_user(cls, user, commune, villages: list, data=None, **kwargs) -> "ExportForm | None":
        """The form for ``user`` over ``commune`` (``villages``: its active villages, already
        read), or ``None`` if they may export nothing there."""
        whole = user.has_perm("households.export_register", commune)
        if not whole:
            villages = [v for v in villages if user.has_perm("households.export_register", v)]
            if not villages:
                return None
        return cls(data, villages=villages, whole_commune=whole, **kwargs)

"""Forms of the disclosure pages. They only parse; the services decide (and their refusals
are put back beside the fields by ``call``)."""

from django import forms as djforms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dancoso.core.errors import DomainError, PermissionDeniedError

from . import law
from .models import FORM_CHOICES
from .obligations import obligations_for

DATE = djforms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def call(form: djforms.Form, service, /, *args, **kwargs):
    """Run ``service``; on a refusal put its message on the form and return None.
    ``PermissionDeniedError`` is raised on (the view answers 403/404)."""
    try:
        return service(*args, **kwargs)
    except PermissionDeniedError:
        raise
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
    except DomainError as exc:
        form.add_error(None, exc.message)
    return None


class MultiFileInput(djforms.ClearableFileInput):
    allow_multiple_selected = True


class MultiFileField(djforms.FileField):
    widget = MultiFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultiFileField, self).clean(f, initial) for f in files]


def _category_choices(scope):
    cats = law.COMMUNE_CATEGORIES if scope is law.Scope.COMMUNE else law.AGENCY_CATEGORIES
    return [("", _("— Chọn nhóm nội dung —"))] + [(c.code, f"{c.number}. {c.title}") for c in cats]


class TextFields(djforms.Form):
    """The text of a disclosure, shared by publishing and correcting."""

    title = djforms.CharField(label=_("Tiêu đề"), max_length=300)
    summary = djforms.CharField(
        label=_("Tóm tắt"),
        max_length=2000,
        required=False,
        widget=djforms.Textarea(attrs={"rows": 3}),
    )
    body = djforms.CharField(
        label=_("Nội dung (HTML đơn giản được giữ lại)"),
        required=False,
        max_length=200_000,
        widget=djforms.Textarea(attrs={"rows": 8}),
    )


class PublishForm(TextFields):
    """Công khai thông tin mới, for a commune (or one of its villages) or an agency."""

    category = djforms.ChoiceField(label=_("Nhóm nội dung (theo Luật)"))
    place = djforms.ChoiceField(label=_("Nơi công khai"), required=False)
    forms = djforms.MultipleChoiceField(
        label=_("Hình thức công khai trực tiếp"),
        required=False,
        widget=djforms.CheckboxSelectMultiple,
    )
    has_loudspeaker = djforms.BooleanField(
        label=_("Xã có hệ thống truyền thanh"), required=False, initial=True
    )
    document_date = djforms.DateField(label=_("Ngày ban hành văn bản"), required=False, widget=DATE)
    starts_on = djforms.DateField(label=_("Ngày bắt đầu công khai"), widget=DATE)
    ends_on = djforms.DateField(
        label=_("Ngày kết thúc (để trống nếu thường xuyên)"), required=False, widget=DATE
    )
    obligation = djforms.ChoiceField(
        label=_("Thực hiện nghĩa vụ công khai định kỳ"), required=False
    )
    obligation_year = djforms.IntegerField(
        label=_("Năm của nghĩa vụ"), required=False, min_value=2023, max_value=2100
    )
    files = MultiFileField(label=_("Tệp đính kèm (PDF, DOCX, XLSX, PNG, JPEG)"), required=False)

    def __init__(self, *args, scope: law.Scope, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices(scope)
        allowed = law.AGENCY_FORMS if scope is law.Scope.AGENCY else law.COMMUNE_FORMS
        self.fields["forms"].choices = [
            (v, label)
            for v, label in FORM_CHOICES
            if law.Form(v) in allowed and v not in ("portal", "agency_intranet")
        ]
        self.fields["obligation"].choices = [("", _("— Không —"))] + [
            (o.key, f"{o.title} ({law.CATEGORIES[o.category].number})")
            for o in obligations_for(scope)
        ]
        self.fields["place"].choices = list(places)
        if scope is law.Scope.AGENCY:
            del self.fields["place"], self.fields["has_loudspeaker"]


class CorrectForm(TextFields):
    reason = djforms.CharField(
        label=_("Lý do đính chính (hiện công khai)"),
        max_length=1000,
        widget=djforms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(djforms.Form):
    reason = djforms.CharField(
        label=_("Lý do rút (hiện công khai)"),
        max_length=1000,
        widget=djforms.Textarea(attrs={"rows": 2}),
    )


class RecordForm(djforms.Form):
    form = djforms.ChoiceField(label=_("Hình thức"))
    done_by = djforms.CharField(label=_("Người thực hiện"), max_length=150)
    place = djforms.CharField(label=_("Địa điểm"), max_length=200)
    done_on = djforms.DateField(label=_("Ngày thực hiện"), widget=DATE)
    photo = djforms.FileField(label=_("Ảnh chụp (PNG, JPEG)"), required=False)

    def __init__(self, *args, disclosure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [
            (f, law.FORM_LABELS[law.Form(f)])
            for f in disclosure.forms
            if law.Form(f) in law.OFFLINE_FORMS
        ]


class SearchForm(djforms.Form):
    q = djforms.CharField(
        label=_("Từ khóa (gõ có dấu hoặc không dấu)"), max_length=200, required=False
    )
    nhom = djforms.ChoiceField(label=_("Nhóm nội dung"), required=False)
    tu = djforms.DateField(label=_("Từ ngày"), required=False, widget=DATE)
    den = djforms.DateField(label=_("Đến ngày"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nhom"].choices = [("", _("Tất cả"))] + _category_choices(law.Scope.COMMUNE)[1:]

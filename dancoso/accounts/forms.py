"""Sign-in forms. Error texts are Vietnamese and say what to do next."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .codes import DESTINATION_INVALID, parse_destination


class PasswordLoginForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Mã 6 chữ số"),
        regex=r"^\s*[0-9]{6}\s*$",
        error_messages={
            "invalid": _("Mã gồm đúng 6 chữ số."),
            "required": _("Hãy nhập mã 6 chữ số."),
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "6"}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class CodeRequestForm(forms.Form):
    destination = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
    )

    def clean_destination(self):
        target = parse_destination(self.cleaned_data["destination"])
        if target is None:
            raise forms.ValidationError(DESTINATION_INVALID)
        return target

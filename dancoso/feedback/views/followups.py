"""The desk's typed intake of a second complaint or follow-up denunciation received on paper or
in person (``services.take_follow_up``): linked to the first case by its tracking code, or to
a first decision made off the platform. Thin: parse, call the service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dancoso.core.errors import DomainError, PermissionDeniedError

from .. import services
from ..forms import PaperFollowUpForm
from .common import show_errors
from .officer import _commune


@login_required
@require_http_methods(["GET", "POST"])
def take_follow_up(request):
    """Nhập khiếu nại lần hai, tố cáo tiếp nhận bằng đơn giấy hoặc trực tiếp."""
    commune, _communes = _commune(request)
    if not request.user.has_perm("feedback.take_case", commune):
        raise PermissionDenied
    form = PaperFollowUpForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            case = services.take_follow_up(commune, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        else:
            messages.success(request, _("Đã nhập hồ sơ %(code)s.") % {"code": case.tracking_code})
            return (
                redirect("feedback:case", pk=case.pk)
                if _sees(request, case)
                else redirect(f"{request.path}?xa={commune.code}")
            )
    if request.method == "POST":
        status = 400
    return render(
        request,
        "feedback/case_take_follow_up.html",
        {"form": form, "commune": commune},
        status=status,
    )


def _sees(request, case) -> bool:
    """A case sent straight up to the upper body leaves the commune's hands."""
    return request.user.has_perm("feedback.view_case", case)

"""Account links: a resident claims a household member, a village head or commune officer
confirms or rejects; and the resident's own household page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.pagination import paginate

from .. import queries, services
from ..forms import LinkRequestForm, RejectForm, show_errors

# Per account and per address; an address is shared by a whole village on mobile networks,
# so its limit is ten times higher (SECURITY.md test 15).
LINK_RATE_PER_USER = "10/h"
LINK_RATE_PER_IP = "100/h"


@login_required
@require_http_methods(["GET"])
def pending_links(request):
    """Yêu cầu liên kết chờ xác nhận, for the village head or commune officer."""
    if not request.user.has_perm("households.confirm_member_link"):
        raise PermissionDenied
    page = paginate(queries.pending_links_for(request.user), request)
    return render(
        request, "households/link_pending.html", {"page": page, "reject_form": RejectForm()}
    )


@login_required
@require_POST
def link_confirm(request, pk: int):
    link = queries.get_link_for_decision(request.user, pk)
    return _decide(request, link, approve=True)


@login_required
@require_POST
def link_reject(request, pk: int):
    link = queries.get_link_for_decision(request.user, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, services.REASON_REQUIRED)
        return redirect("households:pending_links")
    return _decide(request, link, approve=False, reason=form.cleaned_data["reason"])


def _decide(request, link, **decision):
    try:
        services.decide_member_link(link, actor=request.user, **decision)
    except PermissionDeniedError as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        done = _("Đã xác nhận liên kết.") if decision["approve"] else _("Đã từ chối liên kết.")
        messages.success(request, done)
    return redirect("households:pending_links")


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=LINK_RATE_PER_USER, method="POST", block=False)
@ratelimit(key="ip", rate=LINK_RATE_PER_IP, method="POST", block=False)
def link_request(request):
    """Liên kết tài khoản với hộ: the resident types their household code and their own national
    ID number; a village head or officer then confirms."""
    if getattr(request, "limited", False):
        return render(request, "households/rate_limited.html", status=429)
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_member_link(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã gửi yêu cầu. Trưởng thôn hoặc cán bộ xã sẽ xác nhận."))
            return redirect("households:mine")
    return render(request, "households/link_request.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def my_household(request):
    """Hộ của tôi: the resident's confirmed households (IDs masked) and their link requests."""
    households = [
        (household, queries.members_of(household))
        for household in queries.own_households(request.user)[:5]
    ]
    return render(
        request,
        "households/my_household.html",
        {"households": households, "links": queries.links_of(request.user)[:20]},
    )

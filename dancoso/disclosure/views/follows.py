"""Following a commune, village or category (signed-in people), and ending it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dancoso.core.errors import DomainError

from .. import queries, services
from ..models import Subscription


@login_required
@require_POST
def follow(request, code: int):
    """Theo dõi: POST ``thon`` (optional) and ``nhom`` (optional) to follow new disclosures."""
    commune = queries.get_commune(code)
    village = queries.village_of(commune, request.POST.get("thon"))
    category = request.POST.get("nhom", "")[:8]
    try:
        services.follow_disclosures(request.user, commune, village=village, category=category)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Bạn sẽ nhận thông báo khi có thông tin công khai mới."))
    return redirect("disclosure:follows")


@login_required
@require_GET
def my_follows(request):
    """The signed-in person's subscriptions."""
    subs = (
        Subscription.objects.filter(user=request.user)
        .select_related("commune", "village")
        .order_by("commune__name", "id")[:100]
    )
    return render(request, "disclosure/follow_list.html", {"subscriptions": subs})


@login_required
@require_POST
def unfollow(request, pk: int):
    """Bỏ theo dõi one of the person's own subscriptions (another's is 404)."""
    sub = get_object_or_404(Subscription, pk=pk, user=request.user)
    services.unfollow_disclosures(request.user, sub)
    messages.success(request, _("Đã bỏ theo dõi."))
    return redirect("disclosure:follows")

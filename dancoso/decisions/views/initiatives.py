"""Citizen initiatives (Law Art. 16(3)), mounted at /quyet-dinh/sang-kien/: the list and the
form to propose one, an initiative's page with the consent count and the consent button, the
Front's approval; the village head puts it to the vote through the decision form."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from dancoso.core.pagination import paginate
from dancoso.places.models import Village

from .. import queries, services
from ..models import Initiative
from .common import run


class InitiativeForm(forms.Form):
    village = forms.ModelChoiceField(label=gettext_lazy("Thôn"), queryset=Village.objects.none())
    title = forms.CharField(label=gettext_lazy("Tên sáng kiến"), max_length=200)
    content = forms.CharField(
        label=gettext_lazy("Nội dung"), max_length=5000, widget=forms.Textarea({"rows": 4})
    )


def _villages_of(user):
    from dancoso.households.models import Household

    homes = queries._households_of(user)
    return Village.objects.filter(
        pk__in=Household.objects.filter(pk__in=homes).values("village_id")
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_list(request):
    """Sáng kiến của Nhân dân in my villages, and the form to propose one."""
    form = InitiativeForm(request.POST or None)
    form.fields["village"].queryset = _villages_of(request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        initiative = None

        def start():
            nonlocal initiative
            initiative = services.start_initiative(
                data["village"], actor=request.user, title=data["title"], content=data["content"]
            )

        if run(request, start):
            messages.success(request, _("Đã gửi sáng kiến. Hãy mời các hộ trong thôn đồng ý."))
            return redirect("decisions_public:initiative", pk=initiative.pk)
    page = paginate(queries.initiatives_visible_to(request.user), request)
    return render(request, "decisions/initiative_list.html", {"page": page, "form": form})


@login_required
@require_http_methods(["GET"])
def initiative_detail(request, pk: int):
    """One initiative: its content, the valid consents against the 10% needed."""
    initiative = queries.get_initiative_for(request.user, pk)
    valid, total, needed = services.consent_status(initiative)
    context = {
        "initiative": initiative,
        "valid": valid,
        "total": total,
        "needed": needed,
        "can_consent": request.user.has_perm("decisions.give_consent", initiative),
        "can_approve": request.user.has_perm("decisions.approve_initiative", initiative.village),
        "can_put": request.user.has_perm("decisions.open_decision", initiative.village),
    }
    return render(request, "decisions/initiative_detail.html", context)


@login_required
@require_POST
def consent(request, pk: int):
    """The household representative consents to the initiative."""
    initiative = queries.get_initiative_for(request.user, pk)
    if run(request, lambda: services.give_consent(initiative, actor=request.user)):
        messages.success(request, _("Đã ghi nhận hộ của bạn đồng ý."))
    return redirect("decisions_public:initiative", pk=pk)


@login_required
@require_POST
def approve(request, pk: int):
    """The village Front work committee head lets the initiative go forward below 10%."""
    initiative: Initiative = queries.get_initiative_for(request.user, pk)
    if run(request, lambda: services.approve_initiative(initiative, actor=request.user)):
        messages.success(request, _("Đã ghi Ban công tác Mặt trận đồng ý."))
    return redirect("decisions_public:initiative", pk=pk)

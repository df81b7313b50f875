"""Officer pages (under /can-bo/cong-khai/): the commune's register, publishing, the page of
one disclosure with its correction, withdrawal and offline-form records, the obligations
checklist, and an agency's internal disclosures for its staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.pagination import paginate
from dancoso.places.models import Agency

from .. import law, queries, services
from ..forms import CorrectForm, PublishForm, RecordForm, WithdrawForm, call
from ..obligations import STATE_LABELS
from .public import download, find_attachment

PER_PAGE = 25


def _commune(request):
    communes = list(queries.managed_communes(request.user)[:200])
    code = request.GET.get("xa") or request.POST.get("xa") or ""
    found = next((c for c in communes if str(c.code) == code), None) if code else None
    if found is None and communes and not code:
        found = communes[0]
    if found is None:
        raise Http404
    return found, communes


@login_required
@require_GET
def officer_list(request):
    """Every public disclosure of the officer's commune (withdrawn ones included), paginated;
    an agency head without a commune goes to the agency's internal list."""
    if not request.GET.get("xa") and not queries.managed_communes(request.user).exists():
        return my_agencies(request)
    commune, communes = _commune(request)
    page = paginate(queries.officer_register(commune), request, per_page=PER_PAGE)
    return render(
        request,
        "disclosure/officer_list.html",
        {
            "commune": commune,
            "communes": communes,
            "page": page,
            "agencies": queries.agencies_of(request.user),
        },
    )


def _places(commune):
    return [("", _("Toàn xã"))] + [
        (str(v.pk), v.name) for v in commune.villages.filter(is_active=True).order_by("name")
    ]


def _publish_target(request):
    agency_id = request.GET.get("co-quan") or request.POST.get("co-quan")
    if agency_id:
        agency = queries.get_agency_for(request.user, agency_id)
        if not request.user.has_perm("disclosure.publish_disclosure", agency):
            raise Http404
        return None, agency
    return _commune(request)[0], None


@login_required
@require_http_methods(["GET", "POST"])
def publish(request):
    """Công khai thông tin mới: the form, checked by the publish service (law periods, forms,
    files); on success the disclosure's page."""
    commune, agency = _publish_target(request)
    scope = law.Scope.AGENCY if agency else law.Scope.COMMUNE
    form = PublishForm(
        request.POST or None,
        request.FILES or None,
        scope=scope,
        places=_places(commune) if commune else (),
        initial={"starts_on": timezone.localdate(), "has_loudspeaker": True},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = (
            {"agency": agency}
            if agency
            else {
                "commune": commune,
                "village": queries.village_of(commune, data.pop("place", "")),
                "has_loudspeaker": data.pop("has_loudspeaker"),
            }
        )
        data.pop("place", None)
        try:
            disclosure = call(
                form, services.publish_disclosure, actor=request.user, **owner, **data
            )
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        if disclosure is not None:
            messages.success(request, _("Đã công khai “%(t)s”.") % {"t": disclosure.title})
            return redirect("disclosure:manage", public_id=disclosure.public_id)
    return render(
        request,
        "disclosure/officer_publish.html",
        {"form": form, "commune": commune, "agency": agency},
    )


def _manage_page(request, disclosure, **forms):
    user = request.user
    context = {
        "disclosure": disclosure,
        "forms": [law.FORM_LABELS[law.Form(f)] for f in disclosure.forms],
        "required": [
            (law.FORM_LABELS[r.form], r)
            for r in law.required_forms(disclosure.category_info, disclosure.starts_on)
        ],
        "can_correct": user.has_perm("disclosure.correct_disclosure", disclosure),
        "can_record": user.has_perm("disclosure.record_form", disclosure),
        "correct_form": forms.get("correct")
        or CorrectForm(
            initial={
                "title": disclosure.title,
                "summary": disclosure.summary,
                "body": disclosure.body_html,
            }
        ),
        "withdraw_form": forms.get("withdraw") or WithdrawForm(),
        "record_form": forms.get("record")
        or RecordForm(disclosure=disclosure, initial={"done_on": timezone.localdate()}),
    }
    status = 400 if forms else 200
    return render(request, "disclosure/officer_detail.html", context, status=status)


@login_required
@require_GET
def manage(request, public_id):
    """One disclosure for those who manage it (or, internal, for the agency's staff)."""
    return _manage_page(request, queries.get_disclosure_for(request.user, public_id))


@login_required
@require_GET
def officer_attachment(request, public_id, file_id):
    """An attachment for those who manage the disclosure, or an internal one's staff."""
    disclosure = queries.get_disclosure_for(request.user, public_id)
    return download(find_attachment(disclosure, file_id))


def _post(request, public_id, form_class, key, service, done_message, form_kwargs):
    disclosure = queries.get_disclosure_for(request.user, public_id)
    form = form_class(request.POST, request.FILES or None, **form_kwargs(disclosure))
    if form.is_valid():
        try:
            result = call(form, service, disclosure, actor=request.user, **form.cleaned_data)
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        if result is not None:
            messages.success(request, done_message)
            return redirect("disclosure:manage", public_id=disclosure.public_id)
    return _manage_page(request, disclosure, **{key: form})


def _action(form_class, key: str, service, done, form_kwargs=lambda d: {}):
    """A POST-only view running one service on a disclosure from ``form_class``."""

    @login_required
    @require_POST
    def view(request, public_id):
        return _post(request, public_id, form_class, key, service, done, form_kwargs=form_kwargs)

    view.__doc__ = f"POST: {service.__name__} on one disclosure."
    return view


# Đính chính (text + reason), rút thông tin (reason), ghi nhận một hình thức đã làm.
correct = _action(
    CorrectForm, "correct", services.correct_disclosure, gettext_lazy("Đã đính chính.")
)
withdraw = _action(
    WithdrawForm,
    "withdraw",
    services.withdraw_disclosure,
    gettext_lazy("Đã rút thông tin, lý do được công khai."),
)
record = _action(
    RecordForm,
    "record",
    services.record_form,
    gettext_lazy("Đã ghi nhận."),
    form_kwargs=lambda d: {"disclosure": d},
)


def _year(request) -> int:
    raw = request.GET.get("nam", "")
    today = timezone.localdate()
    return int(raw) if raw.isdigit() and 2023 <= int(raw) <= today.year + 1 else today.year


def _obligation_owner(request, agency_id):
    user = request.user
    if agency_id:
        owner = queries.get_agency_for(user, agency_id)
    elif request.GET.get("xa"):
        owner = queries.commune_by_code(request.GET["xa"])
    else:
        owner = queries.managed_communes(user).first() or queries.agencies_of(user).first()
    if owner is None or not user.has_perm("disclosure.view_obligations", owner):
        raise Http404
    return owner


@login_required
@require_GET
def obligations(request):
    """Nghĩa vụ công khai trong năm: each recurring obligation of the commune (``?xa=``) or the
    agency (``?co-quan=``) with its due date and state, and the summary counts."""
    agency_id = request.GET.get("co-quan")
    owner = _obligation_owner(request, agency_id)
    year = _year(request)
    rows = queries.obligation_checklist(owner, year)
    return render(
        request,
        "disclosure/obligations.html",
        {
            "owner": owner,
            "is_agency": isinstance(owner, Agency),
            "year": year,
            "rows": rows,
            "labels": STATE_LABELS,
            "summary": queries.obligation_summary(owner, year),
            "years": range(2023, timezone.localdate().year + 2),
        },
    )


@login_required
@require_GET
def agency_list(request, agency_id: int):
    """Công khai nội bộ: an agency's internal disclosures, for its staff and head only."""
    agency = queries.get_agency_for(request.user, agency_id)
    page = paginate(queries.internal_register(agency), request, per_page=PER_PAGE)
    return render(
        request,
        "disclosure/agency_list.html",
        {
            "agency": agency,
            "page": page,
            "can_publish": request.user.has_perm("disclosure.publish_disclosure", agency),
            "can_oblige": request.user.has_perm("disclosure.view_obligations", agency),
        },
    )


@login_required
@require_GET
def my_agencies(request):
    """The agencies whose internal disclosures the user reads; one goes straight to its list."""
    agencies = list(queries.agencies_of(request.user)[:50])
    if len(agencies) == 1:
        return redirect("disclosure:agency", agency_id=agencies[0].pk)
    if not agencies:
        raise Http404
    return render(request, "disclosure/agency_choose.html", {"agencies": agencies})


def _quarter(request) -> tuple[int, int]:
    today = timezone.localdate()
    source = request.POST if request.method == "POST" else request.GET
    year, quarter = source.get("nam", ""), source.get("quy", "")
    year = int(year) if year.isdigit() and 2023 <= int(year) <= today.year else today.year
    last = (today.month - 1) // 3 or 4  # the last quarter that has ended
    default_year = year if source.get("nam") else (today.year if last < 4 else today.year - 1)
    return default_year, int(quarter) if quarter in ("1", "2", "3", "4") else last


@login_required
@require_http_methods(["GET", "POST"])
def quarter_list(request):
    """Danh mục thông tin đã công khai trong quý (Art. 13(2)): the list built from the
    register, printable, and published with one button once the quarter has ended."""
    commune = _commune(request)[0]
    if not request.user.has_perm("disclosure.publish_disclosure", commune):
        raise Http404
    year, quarter = _quarter(request)
    if request.method == "POST":
        try:
            made = services.publish_quarter_list(
                commune, actor=request.user, year=year, quarter=quarter,
                today=timezone.localdate(),
            )  # fmt: skip
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã công khai danh mục quý."))
            return redirect("disclosure:manage", public_id=made.public_id)
    rows = list(queries.disclosed_in_quarter(commune, year, quarter))
    return render(request, "disclosure/quarter_list.html", {
        "commune": commune, "year": year, "quarter": quarter, "table": services.quarter_table(rows),
        "count": len(rows), "years": range(2023, timezone.localdate().year + 1),
    })  # fmt: skip

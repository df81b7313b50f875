"""Officer pages of the register: the list, a household's page, and its edit forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.pagination import paginate

from .. import queries, services
from ..forms import ExportForm, HouseholdForm, MemberForm, MoveForm, NewHouseholdForm, show_errors
from ..models import ImportJob
from .common import chosen_commune, not_found_unless

FORM_METHODS = ["GET", "POST"]


@login_required
@require_http_methods(["GET"])
def household_list(request):
    """Sổ hộ: the households of a commune the officer may see, 25 a page, searchable by code
    or name and filterable by village; national IDs masked."""
    commune, communes = chosen_commune(request)
    villages = list(commune.villages.filter(is_active=True).order_by("name"))
    village = next((v for v in villages if str(v.pk) == request.GET.get("thon")), None)
    search = request.GET.get("q", "")[:60]
    page = paginate(
        queries.households_visible_to(request.user, commune, village=village, search=search),
        request,
    )
    return render(request, "households/household_list.html", {
        "commune": commune, "communes": communes, "villages": villages, "village": village,
        "search": search, "page": page,
        "manages": request.user.has_perm("households.add_household", ImportJob(commune=commune)),
        # only a link: the form itself (every village and purpose) is costly to render
        "can_export": ExportForm.for_user(request.user, commune, villages) is not None,
    })  # fmt: skip


@login_required
@require_http_methods(["GET"])
def household_detail(request, pk: int):
    """A household: members (IDs masked), residence history and, for readers of the register,
    its audit history."""
    household = queries.get_household_for(request.user, pk)
    can_read_history = request.user.has_perm("households.view_audit_history", household)
    history = (
        paginate(queries.household_history(household), request, per_page=20)
        if can_read_history
        else None
    )
    return render(request, "households/household_detail.html", {
        "household": household,
        "members": queries.members_of(household),
        "residences": queries.residence_history(household),
        "history": history,
        "events": queries.describe_events(history) if history else [],
        "can_change": request.user.has_perm("households.change_household", household),
        "can_move": request.user.has_perm("households.move_household", household),
    })  # fmt: skip


@login_required
@require_http_methods(FORM_METHODS)
def household_create(request):
    commune, _communes = chosen_commune(request)
    not_found_unless(request.user.has_perm("households.add_household", ImportJob(commune=commune)))
    villages = commune.villages.filter(is_active=True).order_by("name")
    form = NewHouseholdForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        head = {k: data[k] for k in ("full_name", "date_of_birth", "gender", "national_id",
                                     "phone")}  # fmt: skip
        try:
            household = services.create_household(
                commune, actor=request.user, village=data["village"], code=data["code"],
                address=data["address"], head=head)  # fmt: skip
        except ValidationError as exc:
            show_errors(form, exc)
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        else:
            messages.success(request, _("Đã thêm hộ %(code)s.") % {"code": household.code})
            return redirect("households:detail", pk=household.pk)
    return render(
        request,
        "households/household_form.html",
        {"form": form, "commune": commune, "title": _("Thêm hộ gia đình")},
    )


@login_required
@require_http_methods(FORM_METHODS)
def household_edit(request, pk: int):
    household = queries.get_household_for(request.user, pk)
    not_found_unless(request.user.has_perm("households.change_household", household))
    form = HouseholdForm(
        request.POST or None, initial={"code": household.code, "address": household.address}
    )
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _call(
            form, services.update_household, household, actor=request.user, **form.cleaned_data
        )
    )
    if saved:
        messages.success(request, _("Đã lưu thông tin hộ."))
        return redirect("households:detail", pk=household.pk)
    return render(
        request,
        "households/household_form.html",
        {"form": form, "household": household, "title": _("Sửa thông tin hộ")},
    )


@login_required
@require_http_methods(FORM_METHODS)
def household_move(request, pk: int):
    """Chuyển hộ sang thôn khác (the residence history keeps the old village)."""
    household = queries.get_household_for(request.user, pk)
    not_found_unless(request.user.has_perm("households.move_household", household))
    villages = household.commune.villages.filter(is_active=True).exclude(pk=household.village_id)
    form = MoveForm(request.POST or None, villages=villages.order_by("name"))
    moved = request.method == "POST" and form.is_valid() and _call(
        form, services.move_household, household, actor=request.user,
        village=form.cleaned_data["village"], on=form.cleaned_data["on"],
    )  # fmt: skip
    if moved:
        messages.success(
            request, _("Đã chuyển hộ sang %(village)s.") % {"village": form.cleaned_data["village"]}
        )
        return redirect("households:detail", pk=household.pk)
    return render(request, "households/household_move.html", {"form": form, "household": household})


@login_required
@require_http_methods(FORM_METHODS)
def member_add(request, pk: int):
    household = queries.get_household_for(request.user, pk)
    not_found_unless(request.user.has_perm("households.change_household", household))
    form = MemberForm(request.POST or None)
    added = (
        request.method == "POST"
        and form.is_valid()
        and _call(form, services.add_member, household, actor=request.user, **form.cleaned_data)
    )
    if added:
        messages.success(request, _("Đã thêm thành viên."))
        return redirect("households:detail", pk=household.pk)
    return render(
        request,
        "households/member_form.html",
        {"form": form, "household": household, "title": _("Thêm thành viên")},
    )


@login_required
@require_http_methods(FORM_METHODS)
def member_edit(request, pk: int, member_pk: int):
    household = queries.get_household_for(request.user, pk)
    not_found_unless(request.user.has_perm("households.change_household", household))
    member = queries.get_member_for(request.user, household, member_pk)
    initial = {name: getattr(member, name) for name in services.MEMBER_FIELDS}
    initial["national_id"] = ""  # never sent back to the browser in full
    form = MemberForm(request.POST or None, initial=initial, masked_id=member.masked_national_id)
    if request.method == "POST" and form.is_valid():
        changes = {
            k: v for k, v in form.cleaned_data.items() if k != "national_id" or v
        }  # empty means "keep the number on file"
        if _call(form, services.update_member, member, actor=request.user, **changes):
            messages.success(request, _("Đã lưu thành viên."))
            return redirect("households:detail", pk=household.pk)
    return render(
        request,
        "households/member_form.html",
        {"form": form, "household": household, "member": member, "title": _("Sửa thành viên")},
    )


@login_required
@require_POST
def member_remove(request, pk: int, member_pk: int):
    household = queries.get_household_for(request.user, pk)
    member = queries.get_member_for(request.user, household, member_pk)
    try:
        services.remove_member(member, actor=request.user)
    except PermissionDeniedError as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xóa thành viên."))
    return redirect("households:detail", pk=household.pk)


def _call(form, service, *args, **kwargs) -> bool:
    """Run a service for a valid form; its refusals become form errors. True on success."""
    try:
        service(*args, **kwargs)
    except ValidationError as exc:
        show_errors(form, exc)
    except PermissionDeniedError as exc:
        raise Http404 from exc
    except DomainError as exc:
        form.add_error(None, exc.message)
    else:
        return True
    return False

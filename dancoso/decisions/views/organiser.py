"""Organiser pages (village head, Front work committee head, commune officers), mounted at
/can-bo/quyet-dinh/: the list, opening a matter, and running it — the household list with
attendance and returned ballots, paper batches and the lifecycle steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dancoso.accounts.scope import active_grants
from dancoso.core.errors import DomainError, PermissionDeniedError
from dancoso.core.pagination import paginate
from dancoso.core.workdays import configured_overrides
from dancoso.households.forms import show_errors
from dancoso.households.models import Household, Member
from dancoso.places.models import Commune, Village

from .. import cards, law, queries, readiness, services
from ..forms import BatchForm, DecisionForm, OfficersForm, RecognitionForm, SendForm
from ..law import Channel, Kind
from ..lifecycle import ACTIONS, TRANSITIONS
from ..models import Batch, Decision, ElectorEntry, Participation
from ..rules import COMMUNE_ORGANISERS, VILLAGE_ORGANISERS
from .common import run, visible

STEPS = {
    "publish_electorate": services.publish_electorate,
    "open_voting": services.open_voting,
    "close_voting": services.close_voting,
    "count_votes": services.count_votes,
    "publish_result": services.publish_result,
    "carry_over": services.carry_over,
    "remind_households": services.remind_households,
}


@login_required
@require_http_methods(["GET"])
def decision_list(request):
    """Các nội dung Nhân dân bàn và quyết định the officer may see, 25 a page."""
    if not request.user.has_perm("decisions.view_decision_list"):
        raise PermissionDenied
    page = paginate(queries.decision_list(request.user), request)
    can_open = request.user.has_perm("decisions.open_decision")
    return render(request, "decisions/decision_list.html", {"page": page, "can_open": can_open})


def _places(user) -> list[tuple[str, str]]:
    """The villages and communes where ``user`` may open a matter, as form choices."""
    grants = active_grants(user)
    communes = {g.commune_id for g in grants if g.role in COMMUNE_ORGANISERS and g.commune_id}
    villages = {g.village_id for g in grants if g.role in VILLAGE_ORGANISERS and g.village_id}
    if user.is_superuser:
        communes |= set(Commune.objects.values_list("pk", flat=True)[:50])
    rows = Village.objects.filter(pk__in=villages) | Village.objects.filter(commune_id__in=communes)
    choices = [
        (f"v:{v.pk}", f"{v.name}, {v.commune.name}") for v in rows.select_related("commune")[:500]
    ]
    choices += [
        (f"c:{c.pk}", _("Toàn %(name)s") % {"name": c.name})
        for c in Commune.objects.filter(pk__in=communes)
    ]
    return choices


def _conventions(places: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """The conventions of those villages waiting for the households' vote, as form choices."""
    from dancoso.conventions.models import Convention

    villages = [int(v[2:]) for v, _label in places if v.startswith("v:")]
    rows = Convention.objects.filter(state=Convention.State.VOTING, village_id__in=villages)
    return [(c.pk, f"{c.title} ({c.village.name})") for c in rows.select_related("village")[:200]]


def _place(value: str):
    kind, _sep, pk = value.partition(":")
    model = Village if kind == "v" else Commune
    if not (pk.isdecimal() and len(pk) <= 18):
        return None
    return model.objects.filter(pk=int(pk)).first()


def _initiative_of(request):
    raw = request.GET.get("sang-kien") or request.POST.get("sang-kien") or ""
    if not (raw.isdecimal() and len(raw) <= 18):
        return None
    return queries.get_initiative_for(request.user, int(raw))


def _open(request, form, initiative):
    data = form.cleaned_data
    fields = {
        "kind": data["kind"],
        "title": data["title"],
        "question": data["question"],
        "documents": data["documents"],
        "channels": set(data["channels"]),
        "candidates": form.candidate_list(),
        "voting_on": data["voting_on"],
        "notice_on": data["notice_on"],
        "documents_on": data["documents_on"],
        "ballot_plan_on": data["ballot_plan_on"],
    }
    if data.get("convention"):
        from dancoso.conventions.models import Convention

        fields["convention"] = Convention.objects.filter(pk=data["convention"]).first()
    if initiative is not None:
        return services.put_initiative_to_vote(initiative, actor=request.user, **fields)
    return services.open_decision(actor=request.user, place=_place(data["place"]), **fields)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    """Đưa nội dung ra bàn và quyết định (or a citizen initiative, ``?sang-kien=<id>``): the
    form; the law refuses channels the kind does not allow and the refusal is shown beside
    the form."""
    if not request.user.has_perm("decisions.open_decision"):
        raise PermissionDenied
    initiative = _initiative_of(request)
    initial = {}
    if initiative is not None:
        initial = {"place": f"v:{initiative.village_id}", "title": initiative.title,
                   "question": initiative.content[:2000]}  # fmt: skip
    places = _places(request.user)
    form = DecisionForm(
        request.POST or None, places=places, conventions=_conventions(places), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = _open(request, form, initiative)
        except PermissionDeniedError:
            form.add_error("place", _("Bạn không tổ chức biểu quyết ở nơi này."))
        except ValidationError as exc:
            show_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã tạo nội dung. Hãy công bố danh sách hộ."))
            return redirect("decisions:manage", pk=decision.pk)
    return render(request, "decisions/decision_form.html", {"form": form, "initiative": initiative})


def _households_page(request, decision: Decision):
    took_part = Participation.objects.filter(
        decision=decision, household_id=OuterRef("household_id")
    ).values("channel")[:1]
    rows = (
        ElectorEntry.objects.filter(decision=decision)
        .annotate(took_part=Subquery(took_part))
        .order_by("village_id", "household_code")
    )
    return paginate(rows, request, per_page=50)


def _batch_form(decision: Decision, data=None) -> BatchForm:
    sources = []
    if decision.allows_ballot:
        sources.append((Batch.Source.PAPER.value, Batch.Source.PAPER.label))
    if decision.allows_meeting and not decision.carried_over:
        sources += [(s.value, s.label) for s in (Batch.Source.HANDS, Batch.Source.MEETING_BALLOT)]
    villages = ()
    if not decision.village_id:
        villages = [(v.pk, v.name) for v in Village.objects.filter(commune_id=decision.commune_id)]
    return BatchForm(data, options=decision.options.all(), sources=sources, villages=villages)


@login_required
@require_http_methods(["GET"])
def decision_manage(request, pk: int):
    """Điều hành một nội dung: its state, what is missing before the next step, the lead-time
    warnings, the household list (attendance, returned ballots), the batches."""
    decision = visible(request, pk)
    manages = request.user.has_perm("decisions.manage_decision", decision)
    if not manages and not request.user.has_perm("decisions.view_decision_list", decision):
        raise Http404
    next_steps = [t for t in TRANSITIONS.values() if t.source == decision.state]
    issues = {t.name: getattr(readiness, f"issues_before_{t.name}")(decision) for t in next_steps}
    context = {
        "decision": decision,
        "kind_label": Kind(decision.kind),
        "manages": manages,
        "next_steps": next_steps,
        "issues": issues,
        "warnings": services.schedule_warnings(decision),
        "households": _households_page(request, decision),
        "took_part": Participation.objects.filter(decision=decision).count(),
        "electorate": decision.electorate.count(),
        "batches": decision.batches.select_related("entered_by", "confirmed_by", "village"),
        "open": decision.state == Decision.State.OPEN,
        "meeting": decision.allows_meeting and not decision.carried_over,
        "outlook": services.meeting_outlook(decision) if decision.allows_meeting else None,
        "batch_form": _batch_form(decision),
        "allowed": ACTIONS[decision.state],
        "channels": sorted(decision.channels),
        "timeline": law.village_head_timeline(decision.voting_on)
        if decision.kind == Kind.VILLAGE_HEAD
        else [],
        "decision_due": law.decision_due(decision.voting_on, configured_overrides()),
        "send_form": SendForm(),
        "officers_form": OfficersForm(),
        "records_officers": "record_officers" in ACTIONS[decision.state],
        "recognition_form": RecognitionForm(),
        "records_recognition": request.user.has_perm("decisions.record_recognition", decision),
        "needs_recognition": law.effect_basis(Kind(decision.kind), law.Scope(decision.scope))
        != law.EffectBasis.ADOPTION,
        "effective_on": services.effective_on(decision),
        "Channel": Channel,
    }
    return render(request, "decisions/decision_manage.html", context)


@login_required
@require_POST
def decision_step(request, pk: int, step: str):
    """One lifecycle step (or the carry-over to household ballots)."""
    decision = visible(request, pk)
    if step not in STEPS:
        raise Http404
    if run(request, lambda: STEPS[step](decision, actor=request.user)):
        messages.success(request, _("Đã thực hiện."))
    return redirect("decisions:manage", pk=pk)


def _elector(decision: Decision, household_id: int) -> Household:
    entry = ElectorEntry.objects.filter(decision=decision, household_id=household_id).first()
    if entry is None:
        raise Http404
    return Household.objects.get(pk=household_id)


@login_required
@require_POST
def attendance(request, pk: int, household_id: int):
    """Tick or untick a household present at the meeting."""
    decision = visible(request, pk)
    household = _elector(decision, household_id)
    present = request.POST.get("present") == "1"
    run(
        request,
        lambda: services.record_attendance(
            decision, actor=request.user, household=household, present=present
        ),
    )
    return redirect(f"{_manage_url(pk)}#ho-{household_id}")


@login_required
@require_POST
def attendance_scan(request, pk: int):
    """Điểm danh bằng thẻ: the code a scanner (or the secretary) typed into the field."""
    decision = visible(request, pk)
    outcome = []
    code = request.POST.get("code", "")[:200]
    if run(
        request,
        lambda: outcome.append(services.record_scan(decision, actor=request.user, code=code)),
    ):
        scan = outcome[0]
        if scan.already:
            messages.info(
                request,
                _("Hộ %(ho)s đã được điểm danh trước đó (chỉ tính một lần).")
                % {"ho": scan.household.code},
            )
        else:
            messages.success(request, _("Đã điểm danh hộ %(ho)s.") % {"ho": scan.household.code})
    return redirect(f"{_manage_url(pk)}#quet-the")


@login_required
@require_http_methods(["GET"])
def attendance_cards(request, pk: int):
    """Thẻ điểm danh để in: one card (QR code, household code, head's name) per household of
    the electorate, 24 a page."""
    decision = visible(request, pk)
    if not request.user.has_perm("decisions.manage_decision", decision):
        raise Http404
    entries = decision.electorate.order_by("village_id", "household_code")
    page = paginate(entries, request, per_page=24)
    heads = dict(
        Member.objects.filter(
            household_id__in=[e.household_id for e in page], is_head=True
        ).values_list("household_id", "full_name")
    )
    cards_on_page = [
        {
            "code": e.household_code,
            "head": heads.get(e.household_id, ""),
            "svg": cards.card_svg(e.household_id),
        }
        for e in page
    ]
    return render(
        request,
        "decisions/attendance_cards.html",
        {"decision": decision, "page": page, "cards": cards_on_page},
    )


@login_required
@require_POST
def ballot_return(request, pk: int, household_id: int):
    """Record that a household's paper ballot came back."""
    decision = visible(request, pk)
    household = _elector(decision, household_id)
    run(
        request,
        lambda: services.record_return(decision, actor=request.user, households=[household]),
    )
    return redirect(f"{_manage_url(pk)}#ho-{household_id}")


def _manage_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("decisions:manage", kwargs={"pk": pk})


@login_required
@require_POST
def batch_enter(request, pk: int):
    """Enter a batch of paper ballots or a show of hands."""
    decision = visible(request, pk)
    form = _batch_form(decision, request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi số phiếu là số nguyên không âm ở mọi ô."))
        return redirect("decisions:manage", pk=pk)
    village = None
    if "village" in form.cleaned_data:
        village = Village.objects.filter(pk=form.cleaned_data["village"]).first()
    if run(
        request,
        lambda: services.enter_batch(
            decision,
            actor=request.user,
            source=form.cleaned_data["source"],
            counts=form.counts(),
            invalid=form.cleaned_data["invalid"],
            village=village,
        ),
    ):
        messages.success(request, _("Đã nhập tập phiếu; cần một người khác xác nhận."))
    return redirect("decisions:manage", pk=pk)


@login_required
@require_POST
def batch_confirm(request, pk: int, batch_pk: int):
    """A second, different person confirms a batch."""
    decision = visible(request, pk)
    batch = Batch.objects.filter(pk=batch_pk, decision=decision).first()
    if batch is None:
        raise Http404
    if run(request, lambda: services.confirm_batch(batch, actor=request.user)):
        messages.success(request, _("Đã xác nhận tập phiếu."))
    return redirect("decisions:manage", pk=pk)


@login_required
@require_POST
def send(request, pk: int):
    """Record the day the decision went to the People's Committee and the Front committee."""
    decision = visible(request, pk)
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("sent_on", [])))
    elif run(
        request,
        lambda: services.send_decision(
            decision, actor=request.user, sent_on=form.cleaned_data["sent_on"]
        ),
    ):
        messages.success(request, _("Đã ghi ngày gửi quyết định."))
    return redirect("decisions:manage", pk=pk)


@login_required
@require_POST
def recognise(request, pk: int):
    """Record the recognition (or the reasoned refusal) of the decision."""
    decision = visible(request, pk)
    form = RecognitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn quyết định và ghi ngày theo dạng ngày/tháng/năm."))
    elif run(
        request,
        lambda: services.record_recognition(
            decision,
            actor=request.user,
            recognised=form.cleaned_data["recognised"],
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
        ),
    ):
        messages.success(request, _("Đã ghi quyết định công nhận."))
    return redirect("decisions:manage", pk=pk)


@login_required
@require_POST
def officers(request, pk: int):
    """Record the secretary, counting board, ballot team and count witnesses."""
    decision = visible(request, pk)
    form = OfficersForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Danh sách quá dài; hãy ghi mỗi dòng một người."))
    elif form.lists() and run(
        request, lambda: services.record_officers(decision, actor=request.user, **form.lists())
    ):
        messages.success(request, _("Đã ghi người kiểm phiếu và chứng kiến."))
    return redirect("decisions:manage", pk=pk)

"""Household pages, mounted at /quyet-dinh/: the matters a representative can decide, the
online poll, the two-tap ballot and its receipt; and the public result sheet, online minutes
and receipt check once the result is published."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dancoso.core.errors import DomainError
from dancoso.core.pagination import paginate

from .. import queries, services
from ..forms import ReceiptForm
from ..law import KIND_LABELS, Kind
from ..models import Decision, Option
from .common import run, visible


@login_required
@require_http_methods(["GET"])
def my_decisions(request):
    """The matters the households I represent can decide, open ones first."""
    rows = queries.decisions_visible_to(request.user).exclude(state=Decision.State.DRAFT)

    return render(request, "decisions/my_decisions.html", {"page": paginate(rows, request)})


def _voter_context(request, decision: Decision) -> dict:
    homes = list(queries.represented_households(request.user, decision))
    voted = [h for h in homes if queries.household_took_part(decision, h)]
    return {
        "decision": decision,
        "kind_label": KIND_LABELS[Kind(decision.kind)],
        "homes": homes,
        "voted": bool(homes) and len(voted) == len(homes),
        "options": decision.options.all(),
        "can_vote": decision.state == Decision.State.OPEN and decision.allows_online and homes,
        "asks_poll": decision.state == Decision.State.ELECTORATE
        and decision.allows_online
        and homes,
        "answered_poll": decision.poll_answers.filter(household__in=homes).exists(),
        "has_result": decision.state == Decision.State.PUBLISHED,
    }


@login_required
@require_http_methods(["GET"])
def vote_page(request, pk: int):
    """One matter: the question, the documents, and — while open online — the ballot. A draft
    is shown to its organisers only."""
    decision = visible(request, pk)
    if decision.state == Decision.State.DRAFT and not request.user.has_perm(
        "decisions.manage_decision", decision
    ):
        raise Http404
    return render(request, "decisions/decision_vote.html", _voter_context(request, decision))


@login_required
@require_POST
def poll_answer(request, pk: int):
    """Answer "decide this matter online?" for the household."""
    decision = visible(request, pk)
    wants = request.POST.get("wants_online") == "1"
    run(
        request,
        lambda: services.answer_online_poll(decision, actor=request.user, wants_online=wants),
    )
    return redirect("decisions_public:vote", pk=pk)


@login_required
@require_POST
def cast(request, pk: int):
    """Cast the household's ballot; the receipt code is shown once, on this answer."""
    decision = visible(request, pk)
    option_id = request.POST.get("option", "")
    if not (option_id.isdecimal() and len(option_id) <= 18):
        context = _voter_context(request, decision) | {"error": _("Hãy chọn một phương án.")}
        return render(request, "decisions/decision_vote.html", context, status=400)
    receipt = None
    error = ""
    try:
        receipt = services.cast_ballot(
            decision,
            actor=request.user,
            option_id=int(option_id),
            other_text=request.POST.get("other_text", "")[:600],
        )
    except DomainError as exc:
        error = exc.message
    if receipt is None:
        context = _voter_context(request, decision) | {"error": error}
        return render(request, "decisions/decision_vote.html", context, status=400)
    return render(request, "decisions/receipt.html", {"decision": decision, "receipt": receipt})


def result_decision(request, pk: int) -> Decision:
    """A published decision for anyone; a counted one for its organisers."""
    decision = Decision.objects.select_related("commune", "village").filter(pk=pk).first()
    if decision is None:
        raise Http404
    if decision.state == Decision.State.PUBLISHED:
        return decision
    if decision.state == Decision.State.COUNTED and request.user.has_perm(
        "decisions.manage_decision", decision
    ):
        return decision
    raise Http404


@require_http_methods(["GET"])
def result_sheet(request, pk: int):
    """Kết quả: every figure, per village, and the verdict with the rule that decided it."""
    decision = result_decision(request, pk)
    result = queries.result_for(request.user, decision)
    options = {o.pk: o for o in decision.options.all()}
    return render(
        request,
        "decisions/result_sheet.html",
        {
            "decision": decision,
            "result": result,
            "kind_label": KIND_LABELS[Kind(decision.kind)],
            "options": options,
            "Option": Option,
            "effective_on": services.effective_on(decision),
        },
    )


@require_http_methods(["GET"])
def minutes(request, pk: int):
    """Biên bản biểu quyết trực tuyến (Decree 59 Art. 5(5)): start and end times, counts, the
    result snapshot and the representatives who took part — without their choices."""
    decision = result_decision(request, pk)
    if not decision.allows_online:
        raise Http404
    context = {
        "decision": decision,
        "result": queries.result_for(request.user, decision),
        "participants": queries.online_participants(decision),
    }
    return render(request, "decisions/minutes.html", context)


@require_http_methods(["GET", "POST"])
def receipt_check(request, pk: int):
    """Kiểm tra biên nhận: does a ballot with this receipt code sit in the counted box? The
    page also lists every receipt hash; neither says anything of a choice."""
    decision = result_decision(request, pk)
    if decision.state != Decision.State.PUBLISHED:
        raise Http404  # receipts are checked against the published box only
    form = ReceiptForm(request.POST or None)
    counted = None
    if request.method == "POST" and form.is_valid():
        counted = queries.receipt_counted(decision, form.cleaned_data["code"])
    page = paginate(queries.receipt_hashes(decision), request, per_page=100)
    return render(
        request,
        "decisions/receipt_check.html",
        {"decision": decision, "form": form, "counted": counted, "page": page},
    )

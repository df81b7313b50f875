"""Public pages, no account needed: send a case, follow it by its tracking code, rate the
answer or add information, a commune's figures and published answers, and the QR rating page
of a one-stop desk. Public forms are rate-limited per address and per phone or e-mail
(``views.common``); a refusal is the Vietnamese 429 page, never an error."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from dancoso.core.errors import DomainError
from dancoso.core.pagination import paginate
from dancoso.places.models import Commune

from .. import challenge, queries, services
from ..deadlines import deadlines_of
from ..forms import DeskRatingForm, FollowUpForm, InfoForm, RateForm, SubmitForm, TrackForm
from ..law import KINDS
from ..models import Case
from ..secrecy import shield
from ..services.followup import can_follow_up
from .common import (
    RATE_RATE_PER_IP,
    SUBMIT_RATE_PER_CONTACT,
    SUBMIT_RATE_PER_IP,
    TRACK_RATE_PER_IP,
    contact_key,
    show_errors,
)


def limited(request):
    return render(request, "feedback/rate_limited.html", status=429)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=SUBMIT_RATE_PER_IP, method="POST", block=False)
@ratelimit(key=contact_key, rate=SUBMIT_RATE_PER_CONTACT, method="POST", block=False)
def submit(request, code: int):
    """Gửi phản ánh, kiến nghị: the form explains each kind; the answer is the tracking code."""
    commune = get_object_or_404(Commune.objects.select_related("province"), code=code)
    if getattr(request, "limited", False):
        return limited(request)
    form = SubmitForm(request.POST or None, request.FILES or None, commune=commune)
    burst = _burst(request, increment=False)
    challenge_error = ""
    if (
        request.method == "POST"
        and burst
        and not challenge.passes(
            request.POST.get("challenge_token", ""), request.POST.get("challenge_answer", "")
        )
    ):
        challenge_error = challenge.WRONG
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.submit_case(
                commune,
                actor=request.user,
                files=data.pop("files"),
                share_location=data.pop("share_location"),
                **data,
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            _burst(request, increment=True)
            # No session for a visitor without an account: the banner rides on the address.
            url = reverse("feedback:status", args=[case.tracking_code])
            return redirect(f"{url}?da-gui=1")
    question, token = challenge.new_question() if burst else ("", "")
    return render(
        request,
        "feedback/case_submit.html",
        {
            "form": form,
            "commune": commune,
            "kinds": KINDS.values(),
            "question": question,
            "challenge_token": token,
            "challenge_error": challenge_error,
        },
        status=400 if challenge_error else 200,
    )


def _burst(request, *, increment: bool) -> bool:
    """Whether this address sent ``challenge.BURST_RATE`` submissions already (then the form
    asks the small question); counts one more after a stored submission."""
    return is_ratelimited(
        request, group="feedback.burst", key="ip", rate=challenge.BURST_RATE, increment=increment
    )


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=TRACK_RATE_PER_IP, method="POST", block=False)
def track(request):
    """Tra cứu: type the tracking code to open the status page."""
    if getattr(request, "limited", False):
        return limited(request)
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = queries.get_case_by_code(form.cleaned_data["code"])
        except Http404:
            form.add_error("code", _("Không có hồ sơ nào với mã này. Hãy kiểm tra lại từng ký tự."))
        else:
            return redirect("feedback:status", tracking=case.tracking_code)
    return render(request, "feedback/case_track.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=RATE_RATE_PER_IP, method="POST", block=False)
def status(request, tracking: str):
    """Tình trạng hồ sơ: status, deadlines, public steps, the answer; rate it or add the
    information asked for. No personal data is shown."""
    case = queries.get_case_by_code(tracking)
    if getattr(request, "limited", False):
        return limited(request)
    rate_form = RateForm(request.POST if "satisfied" in request.POST else None)
    info_form = InfoForm(request.POST if "text" in request.POST else None)
    follow_form = FollowUpForm(request.POST if "follow_up_text" in request.POST else None)
    if follow_form.is_bound:
        return _follow_up(request, case, follow_form) or _status_page(
            request, case, RateForm(), InfoForm(), follow_form
        )
    try:
        if rate_form.is_bound and rate_form.is_valid():
            services.rate_answer(case, **rate_form.cleaned_data)
            return redirect("feedback:status", tracking=case.tracking_code)
        if info_form.is_bound and info_form.is_valid():
            services.add_information(case, text=info_form.cleaned_data["text"])
            return redirect("feedback:status", tracking=case.tracking_code)
    except ValidationError as exc:
        show_errors(rate_form if rate_form.is_bound else info_form, exc)
    except DomainError as exc:
        (rate_form if rate_form.is_bound else info_form).add_error(None, exc.message)
    return _status_page(request, case, rate_form, info_form, follow_form)


def _follow_up(request, case, form):
    """File a second complaint or follow-up denunciation from the first case's page; the
    answer is the new case's status page, or None with the error on the form."""
    if not form.is_valid():
        return None
    try:
        new = services.file_follow_up(case, text=form.cleaned_data["follow_up_text"])
    except ValidationError as exc:
        form.add_error("follow_up_text", " ".join(exc.messages))
    except DomainError as exc:
        form.add_error(None, exc.message)
    else:
        return redirect(f"{reverse('feedback:status', args=[new.tracking_code])}?da-gui=1")
    return None


def _status_page(request, case, rate_form, info_form, follow_form):
    steps = list(queries.public_steps(case)[:50])
    shield(None, case, steps)
    just_sent = request.method == "GET" and request.GET.get("da-gui") == "1"
    return render(
        request,
        "feedback/case_status.html",
        {
            "case": case,
            "steps": steps,
            "just_sent": just_sent,
            "deadlines": deadlines_of(case),
            "today": timezone.localdate(),
            "rate_form": rate_form,
            "info_form": info_form,
            "follow_form": follow_form,
            "can_follow_up": can_follow_up(case),
            "follows": case.follows,
            "follow_up": Case.objects.filter(follows=case).first(),
            "kind": KINDS[case.kind_enum],
        },
        status=400 if (rate_form.errors or info_form.errors or follow_form.errors) else 200,
    )


@require_http_methods(["GET"])
def commune_page(request, code: int):
    """Phản ánh, kiến nghị của xã: volume, share answered on time, satisfaction this year,
    and the answers published with personal data removed."""
    commune = get_object_or_404(Commune.objects.select_related("province"), code=code)
    today = timezone.localdate()
    summary = queries.feedback_summary(commune, (today.replace(month=1, day=1), today))
    page = paginate(queries.published_answers(commune), request, per_page=20)
    return render(
        request,
        "feedback/commune_public.html",
        {"commune": commune, "summary": summary, "page": page, "year": today.year},
    )


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=RATE_RATE_PER_IP, method="POST", block=False)
def rate_desk(request, token: str):
    """Đánh giá qua mã QR: two taps and a receipt number, no account."""
    desk = queries.get_desk_by_token(token)
    if getattr(request, "limited", False):
        return limited(request)
    form = DeskRatingForm(
        request.POST or None, initial={"visit_code": request.GET.get("ma", "")[:30]}
    )
    done = False
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_desk(desk, **form.cleaned_data)
            done = True
        except ValidationError as exc:
            show_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "feedback/desk_rate.html",
        {"desk": desk, "form": form, "done": done},
        status=400 if form.errors else 200,
    )

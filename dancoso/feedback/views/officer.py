"""The officer workspace for citizens' cases: the inbox of a commune or agency, typed intake,
the case page with its deadlines and actions, files, the CSV export, and the one-stop desks
with their printable QR codes. Thin: parse, call one service or query, render."""

import csv
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dancoso.core.errors import PermissionDeniedError

from .. import queries, services
from ..deadlines import deadlines_of
from ..forms import DeskForm, TakeForm, TextForm
from ..law import KINDS
from ..models import Case
from ..secrecy import MASKED, sender_for, shield
from .common import run_action, show_errors


def _commune(request):
    communes = list(queries.inbox_communes(request.user)[:200])
    if not communes:
        raise PermissionDenied
    wanted = request.GET.get("xa") or request.POST.get("xa")
    chosen = next((c for c in communes if str(c.code) == wanted), communes[0])
    return chosen, communes


@login_required
@require_http_methods(["GET"])
def inbox(request):
    """Hộp thư phản ánh, kiến nghị: the commune's (or agency's) cases, next deadline first."""
    commune, communes = _commune(request)
    cases = queries.inbox_for(
        request.user,
        commune,
        status=request.GET.get("trang_thai", ""),
        kind=request.GET.get("loai", ""),
    )
    page = queries.inbox_page(cases.select_related("sender"), request.GET.get("page"))
    for case in page:
        shield(request.user, case)
    return render(
        request,
        "feedback/case_inbox.html",
        {
            "commune": commune,
            "communes": communes,
            "page": page,
            "today": timezone.localdate(),
            "statuses": Case.Status.choices,
            "kinds": Case.Kinds.choices,
            "status": request.GET.get("trang_thai", ""),
            "kind": request.GET.get("loai", ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def take(request):
    """Nhập hồ sơ nhận qua điện thoại, thư, tiếp công dân."""
    commune, _communes = _commune(request)
    if not request.user.has_perm("feedback.take_case", commune):
        raise PermissionDenied
    form = TakeForm(request.POST or None, request.FILES or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.take_case(commune, actor=request.user, files=data.pop("files"), **data)
        except ValidationError as exc:
            show_errors(form, exc)
        except PermissionDeniedError as exc:
            raise PermissionDenied from exc
        else:
            messages.success(request, _("Đã nhập hồ sơ %(code)s.") % {"code": case.tracking_code})
            return redirect("feedback:case", pk=case.pk)
    return render(request, "feedback/case_take.html", {"form": form, "commune": commune})


@login_required
@require_http_methods(["GET"])
def case_detail(request, pk: int):
    """Hồ sơ: facts, deadlines, history, files, the sender (masked for a denunciation unless
    the reader is its handler or leader, and that read is logged) and the action forms."""
    case = queries.get_case_for(request.user, pk)
    officers = queries.handlers_of(case)[:50]
    steps = list(queries.all_steps(case)[:100])
    shield(request.user, case, steps)
    if case.follows is not None:  # the first answer, read by the upper body: same shield
        shield(request.user, case.follows)
    return render(
        request,
        "feedback/case_detail.html",
        {
            "case": case,
            "sender": sender_for(request.user, case),
            "deadlines": deadlines_of(case),
            "today": timezone.localdate(),
            "steps": steps,
            "attachments": queries.attachments_of(case),
            "kind": KINDS[case.kind_enum],
            "form": TextForm(),
            "officers": officers,
            "kinds": Case.Kinds.choices,
            "can_extend": request.user.has_perm("feedback.extend_case", case),
        },
    )


def _officer(case, data):
    """The officer chosen in the form, among those the case can go to."""
    raw = str(data.get("officer", ""))
    officer = (
        queries.handlers_of(case).filter(pk=int(raw)).first()
        if raw.isdecimal() and len(raw) < 19
        else None
    )
    if officer is None:
        raise ValidationError({"officer": "Hãy chọn cán bộ."})
    return officer


def _into(case, data):
    try:
        return queries.get_case_by_code(data.get("into", ""))
    except Http404 as exc:
        raise ValidationError({"into": "Không có hồ sơ với mã này."}) from exc


ACTIONS = {
    "thu-ly": lambda c, u, d: services.accept_case(c, actor=u),
    "tu-choi": lambda c, u, d: services.refuse_case(c, actor=u, reason=d.get("text", "")),
    "giao": lambda c, u, d: services.assign_case(c, actor=u, officer=_officer(c, d)),
    "chuyen": lambda c, u, d: services.transfer_case(
        c, actor=u, reason=d.get("text", ""), body=d.get("body", "")
    ),
    "gop": lambda c, u, d: services.merge_case(c, actor=u, into=_into(c, d)),
    "bo-sung": lambda c, u, d: services.request_information(c, actor=u, question=d.get("text", "")),
    "tra-loi": lambda c, u, d: services.answer_case(c, actor=u, answer=d.get("text", "")),
    "gia-han": lambda c, u, d: services.extend_case(c, actor=u, reason=d.get("text", "")),
    "ket-thuc": lambda c, u, d: services.close_case(c, actor=u),
    "cong-khai": lambda c, u, d: services.publish_answer(c, actor=u),
    "phan-loai": lambda c, u, d: services.classify_case(
        c,
        actor=u,
        kind=d.get("kind", c.kind),
        is_complex="is_complex" in d,
        especially_complex="especially_complex" in d,
        is_remote="is_remote" in d,
        several_places="several_places" in d,
        not_competent="not_competent" in d,
        village=c.village,
    ),
    "nguon-tin": lambda c, u, d: services.make_inspection_lead(
        c, actor=u, reason=d.get("text", "")
    ),
}


@login_required
@require_POST
def case_action(request, pk: int, action: str):
    """One officer action on a case (see ``ACTIONS``); errors come back as a message."""
    case = queries.get_case_for(request.user, pk)
    run = ACTIONS.get(action)
    if run is None:
        raise Http404("Không có thao tác này.")
    return run_action(
        request, lambda: run(case, request.user, request.POST), "feedback:case", pk=case.pk
    )


@login_required
@require_http_methods(["GET"])
def attachment(request, pk: int):
    """A case's file, to the case's handlers only, always as a download under a plain name."""
    item = queries.get_attachment_for(request.user, pk)
    extension = item.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=f"{item.case.tracking_code}-{item.pk}.{extension}",
        content_type=item.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET"])
def export(request):
    """Xuất CSV of the inbox (at most 5,000 rows): a denunciation's sender is always masked
    in exports, whoever asks; other senders appear by name only."""
    commune, _communes = _commune(request)
    if not (
        request.user.has_perm("feedback.export_cases", commune)
        or queries.handles_an_agency_inbox(request.user)  # its own agency's rows only
    ):
        raise PermissionDenied
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "ma",
            "loai",
            "kenh",
            "trang_thai",
            "ngay_nhan",
            "han_tiep",
            "dung_han",
            "hai_long",
            "tieu_de",
            "nguoi_gui",
        ]
    )
    cases = queries.inbox_for(request.user, commune).select_related("sender")[:5000]
    for case in cases:
        shield(None, case)  # an export leaves the platform: never a denouncer, whoever asks
        name = (
            MASKED
            if case.kind == "to_cao"
            else getattr(getattr(case, "sender", None), "full_name", "")
        )
        writer.writerow(
            [
                case.tracking_code,
                case.kind,
                case.channel,
                case.status,
                case.received_on.isoformat(),
                case.next_due or "",
                case.on_time,
                case.satisfied,
                _cell(case.subject),
                _cell(name),
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="phan-anh-{commune.code}.csv"'
    return response


def _cell(value: str) -> str:
    """No spreadsheet formula injection: a leading = + - @ is quoted."""
    return "'" + value if value[:1] in "=+-@" else value


@login_required
@require_http_methods(["GET", "POST"])
def desks(request):
    """Quầy một cửa: the desks of the commune with their rating counts; add a desk."""
    commune, _communes = _commune(request)
    if not request.user.has_perm("feedback.manage_desks", commune):
        raise PermissionDenied
    form = DeskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            officer = request.user if request.POST.get("mine") else None
            desk = services.create_desk(
                commune, actor=request.user, officer=officer, **form.cleaned_data
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            return redirect("feedback:desk", pk=desk.pk)
    return render(
        request,
        "feedback/desk_list.html",
        {"commune": commune, "desks": queries.desks_of(request.user, commune)[:100], "form": form},
    )


@login_required
@require_http_methods(["GET"])
def desk(request, pk: int):
    """The printable page of one desk: its QR code and the address it opens."""
    item = queries.get_desk_for(request.user, pk)
    url = request.build_absolute_uri(reverse("feedback:rate_desk", args=[item.token]))
    return render(request, "feedback/desk_print.html", {"desk": item, "url": url})


DESK_ACTIONS = {"ngung": False, "mo-lai": True}


@login_required
@require_http_methods(["POST"])
def desk_action(request, pk: int, action: str):
    """Ngừng hoạt động / mở lại a desk (``services.set_desk_active``)."""
    item = queries.get_desk_for(request.user, pk)
    if action not in DESK_ACTIONS:
        raise Http404("Không có thao tác này.")
    return run_action(
        request,
        lambda: services.set_desk_active(item, actor=request.user, active=DESK_ACTIONS[action]),
        "feedback:desk",
        pk=item.pk,
    )


@login_required
@require_http_methods(["GET"])
def desk_qr(request, pk: int):
    """The desk's QR code as SVG, made on the server (no script, no external service)."""
    item = queries.get_desk_for(request.user, pk)
    url = request.build_absolute_uri(reverse("feedback:rate_desk", args=[item.token]))
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    return HttpResponse(image.to_string(), content_type="image/svg+xml")


@login_required
@require_http_methods(["GET"])
def dashboard(request):
    """Số liệu: one year of the commune's figures (``queries.feedback_summary``) by kind,
    channel, village and agency; on-time rate; satisfaction from answers, QR and surveys."""
    commune, communes = _commune(request)
    if not request.user.has_perm("feedback.view_inbox", commune):
        raise PermissionDenied
    today = timezone.localdate()
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdecimal() and 2020 <= int(raw) <= today.year else today.year
    summary = queries.feedback_summary(
        commune, (timezone.datetime(year, 1, 1).date(), timezone.datetime(year, 12, 31).date())
    )
    labels = {"kind": dict(Case.Kinds.choices), "channel": dict(Case.Channel.choices)}
    return render(
        request,
        "feedback/dashboard.html",
        {
            "commune": commune,
            "communes": communes,
            "summary": summary,
            "year": year,
            "years": range(today.year, 2019, -1),
            "by_kind": [(labels["kind"].get(k, k), n) for k, n in summary.by_kind.items()],
            "by_channel": [(labels["channel"].get(k, k), n) for k, n in summary.by_channel.items()],
        },
    )

"""Public pages: a commune's consultations, the draft section by section with its opinions,
commenting, supporting, following, the synthesis report and the resident's own opinions."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dancoso.core import files as core_files
from dancoso.core.pagination import paginate
from dancoso.places.models import Commune

from .. import queries, services
from ..content import render_text
from ..diffing import word_diff
from ..forms import OpinionForm
from ..lifecycle import STATE_LABELS, State
from ..models import Opinion
from .common import run, throttled

OPINIONS_PER_PAGE = 20
SYNTHESIS_PER_PAGE = 50


@require_GET
def consultation_list(request, code: int):
    """Lấy ý kiến Nhân dân: the commune's published consultations, 20 a page."""
    commune = get_object_or_404(Commune.objects.select_related("province"), code=code)
    page = paginate(queries.public_consultations(commune), request, per_page=20)
    return render(
        request,
        "consultation/consultation_list.html",
        {"commune": commune, "page": page, "labels": STATE_LABELS},
    )


def _chosen_section(request, sections):
    value = request.GET.get("phan", "")
    if value == "chung":
        return None, True
    return next((s for s in sections if str(s.pk) == value), None), False


def _number(value: str | None) -> int | None:
    """An opinion number from the query string (user input): None unless 0 ≤ n < 2**31."""
    if value is None or not (value.isascii() and value.isdigit()) or len(value) > 10:
        return None
    number = int(value)
    return number if number < 2**31 else None


@require_GET
def consultation_detail(request, pk: int):
    """The draft, section by section with the number of opinions on each, and the opinions
    (of one section with ``?phan=<id>``, on the whole with ``?phan=chung``), 20 a page by
    number: ``?sau=<n>`` the next page after opinion n, ``?truoc=<n>`` the one before."""
    consultation = queries.get_consultation_for(request.user, pk)
    sections, totals = queries.draft_counts(consultation)
    section, whole = _chosen_section(request, sections)
    if section is not None or whole:
        count = totals.get(section.pk if section else None, 0)
    else:
        count = sum(totals.values())
    page = queries.keyset_page(
        queries.opinions_of(consultation, section=section, whole=whole),
        after=_number(request.GET.get("sau")),
        before=_number(request.GET.get("truoc")),
        size=OPINIONS_PER_PAGE,
        count=count,
    )
    can_post = consultation.state == State.OPEN and request.user.has_perm(
        "consultation.post_opinion", consultation
    )
    form = OpinionForm(
        sections=sections,
        allow_anonymous=consultation.allow_anonymous,
        initial={"section": section.pk if section else None},
    )
    return render(
        request,
        "consultation/consultation_detail.html",
        {
            "consultation": consultation,
            "sections": sections,
            "section": section,
            "whole": whole,
            "phan": section.pk if section else ("chung" if whole else ""),
            "page": page,
            "supported": queries.supported_by(request.user, page.object_list),
            "can_post": can_post,
            "form": form,
            "labels": STATE_LABELS,
            "attachments": queries.attachments_of(consultation),
            "following": queries.is_following(request.user, consultation),
            "can_follow": request.user.has_perm("consultation.follow_consultation", consultation),
            "can_moderate": request.user.has_perm("consultation.moderate_opinion", consultation),
            "synthesis_visible": queries.synthesis_visible(request.user, consultation),
        },
    )


@login_required
@require_POST
def opinion_post(request, pk: int):
    """Gửi ý kiến (rate-limited per account and per address)."""
    consultation = queries.get_consultation_for(request.user, pk)
    if throttled(request, "consultation.post_opinion"):
        return render(request, "429.html", status=429)
    sections = list(consultation.sections.order_by("position"))
    form = OpinionForm(
        request.POST, sections=sections, allow_anonymous=consultation.allow_anonymous
    )
    if form.is_valid():
        data = form.cleaned_data
        section = next((s for s in sections if s.pk == data["section"]), None)
        ok = run(
            request,
            lambda: services.post_opinion(
                consultation,
                actor=request.user,
                text=data["text"],
                section=section,
                stance=data["stance"],
                anonymous=data.get("anonymous", False),
            ),
            done=_("Đã gửi ý kiến. Cảm ơn bạn!"),
            form=form,
        )
        if ok:
            anchor = f"?phan={section.pk}" if section else "?phan=chung"
            return redirect(reverse("consultation:detail", args=[pk]) + anchor)
    return render(
        request,
        "consultation/opinion_form.html",
        {"consultation": consultation, "form": form},
        status=400,
    )


@login_required
@require_POST
def opinion_support(request, pk: int, number: int):
    """Ủng hộ một ý kiến (once per person)."""
    consultation = queries.get_consultation_for(request.user, pk)
    opinion = get_object_or_404(Opinion, consultation=consultation, number=number)
    if throttled(request, "consultation.support_opinion"):
        return render(request, "429.html", status=429)
    run(
        request,
        lambda: services.support_opinion(opinion, actor=request.user),
        done=_("Đã ủng hộ ý kiến #%(n)s.") % {"n": number},
    )
    return redirect(_back(request, pk))


@login_required
@require_POST
def follow(request, pk: int):
    """Theo dõi / bỏ theo dõi."""
    consultation = queries.get_consultation_for(request.user, pk)
    wanted = request.POST.get("theo_doi") == "1"
    done = _("Bạn đang theo dõi đợt lấy ý kiến này.") if wanted else _("Đã bỏ theo dõi.")
    run(
        request,
        lambda: services.follow_consultation(consultation, actor=request.user, follow=wanted),
        done=done,
    )
    return redirect("consultation:detail", pk=pk)


def _back(request, pk: int) -> str:
    section = request.POST.get("phan", "")
    url = reverse("consultation:detail", args=[pk])
    return (
        f"{url}?phan={section}"
        if (section.isascii() and section.isdigit()) or section == "chung"
        else url
    )


@require_GET
def synthesis(request, pk: int):
    """Báo cáo tổng hợp, tiếp thu, giải trình: every opinion and its answer, group by group,
    50 a page by keyset (``?sau=<n>`` / ``?truoc=<n>``: after / before opinion n), under the
    totals of the whole report, and the revised draft with changes marked against the
    original. Public once published."""
    consultation = queries.get_consultation_for(request.user, pk)
    if not queries.synthesis_visible(request.user, consultation):
        raise Http404(queries.NOT_FOUND)
    sections = [
        {"section": s, "diff": word_diff(s.body, s.revised_body) if s.is_revised else None}
        for s in consultation.sections.order_by("position")
    ]
    page = queries.keyset_page(
        queries.synthesis_opinions(consultation),
        after=_number(request.GET.get("sau")),
        before=_number(request.GET.get("truoc")),
        size=SYNTHESIS_PER_PAGE,
        count=consultation.opinions_total,
        seek=queries.synthesis_seek,
    )
    return render(
        request,
        "consultation/synthesis.html",
        {
            "consultation": consultation,
            "page": page,
            "totals": queries.stance_totals(consultation),
            "sections": sections,
            "unanswered": queries.synthesis_opinions(consultation).filter(
                group__isnull=True, hidden_at__isnull=True
            )[:200],
            "synthesis_html": render_text(consultation.synthesis_text),
            "can_export": request.user.has_perm("consultation.export_synthesis", consultation),
            "latest_export": queries.latest_export(consultation),
        },
    )


@login_required
@require_GET
def my_opinions(request):
    """Ý kiến của tôi: every opinion the user gave and, once the result is published, how it
    was answered."""
    page = paginate(queries.own_opinions(request.user), request, per_page=20)
    return render(
        request,
        "consultation/my_opinions.html",
        {
            "page": page,
            "published": State.PUBLISHED,
            "staff": queries.staff_consultations(request.user)[:20],
        },
    )


@require_GET
def attachment(request, pk: int, attachment_pk: int):
    """A consultation's attachment, always as a download under a safe name."""
    item = queries.get_attachment_for(request.user, pk, attachment_pk)
    kind = core_files.BY_EXT[item.kind]
    filename = core_files.download_name(item.original_name, kind)
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = "application/octet-stream"
    return response

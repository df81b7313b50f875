"""Public pages on the commune portal: the boards, and a board's members, current plan and
recommendations with their answers (overdue ones marked)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dancoso.core.pagination import paginate
from dancoso.documents import pdf, word
from dancoso.places.models import Commune

from .. import queries, reports
from ..law import ReportPeriod

PER_PAGE = 20
FORMATS = {
    "docx": (
        word.render,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": (pdf.render, "application/pdf"),
}


@require_GET
def board_list(request, code: int):
    """Giám sát của Nhân dân: the commune's boards (public)."""
    commune = get_object_or_404(Commune, code=code)
    page = paginate(queries.public_boards(commune), request, per_page=PER_PAGE)
    return render(request, "oversight/board_list.html", {"commune": commune, "page": page})


@require_GET
def board_detail(request, code: int, pk: int):
    """A board's public page: members, current plan, recommendations and answers."""
    commune = get_object_or_404(Commune, code=code)
    board = queries.get_public_board(commune, pk)
    today = timezone.localdate()
    page = paginate(queries.recommendations_of(board), request, per_page=PER_PAGE)
    return render(
        request,
        "oversight/board_detail.html",
        {
            "commune": commune,
            "board": board,
            "today": today,
            "plan": queries.current_plan(board, today),
            "page": page,
            "report_years": [today.year, today.year - 1],
        },
    )


@require_GET
def board_report(request, code: int, pk: int, period: str, year: int, fmt: str):
    """The board's six-monthly or annual report as DOCX or PDF (Decree 30/2020 frame), public
    like the board's page: the board reports to the people (Art. 33, 39). An attachment under a
    server-made name."""
    commune = get_object_or_404(Commune, code=code)
    board = queries.get_public_board(commune, pk)
    today = timezone.localdate()
    if fmt not in FORMATS or period not in set(ReportPeriod) or not 2023 <= year <= today.year:
        raise Http404
    document = reports.board_report(board, ReportPeriod(period), year, today=today)
    render_bytes, content_type = FORMATS[fmt]
    response = HttpResponse(render_bytes(document), content_type=content_type)
    name = f"bao-cao-{period}-{year}-ban-{board.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

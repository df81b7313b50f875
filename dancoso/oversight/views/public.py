"""Public pages on the commune portal: the boards, and a board's members, current plan and
recommendations with their answers (overdue ones marked)."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dancoso.core.pagination import paginate
from dancoso.places.models import Commune

from .. import queries

PER_PAGE = 20


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
        },
    )

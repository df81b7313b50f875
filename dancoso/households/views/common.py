"""Helpers shared by the household register pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from dancoso.places.models import Commune

from ..queries import communes_visible_to


def chosen_commune(request) -> tuple[Commune, list[Commune]]:
    """The commune the page is about (``?xa=<official code>``, else the user's first) and the
    communes the user may switch to. ``PermissionDenied`` when there is none."""
    communes = communes_visible_to(request.user)
    choices = list(communes[:200])
    if not choices:
        raise PermissionDenied
    code = request.GET.get("xa") or request.POST.get("xa") or ""
    if not code:
        return choices[0], choices
    commune = next((c for c in choices if str(c.code) == code), None)
    if commune is None and code.isdecimal() and len(code) <= 9:
        commune = communes.filter(code=int(code)).first()
    if commune is None:
        raise Http404("Không tìm thấy xã.")
    return commune, choices


def not_found_unless(condition: bool) -> None:
    """Forbidden looks like missing on object pages (DESIGN.md rule 5)."""
    if not condition:
        raise Http404("Không tìm thấy.")

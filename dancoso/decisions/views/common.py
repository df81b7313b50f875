"""Helpers shared by the decision pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from dancoso.core.errors import DomainError, PermissionDeniedError

from .. import queries


def visible(request, pk: int):
    """The decision, or 404 alike for absent and not yours."""
    return queries.get_decision_for(request.user, pk)


def run(request, action) -> bool:
    """Run one service call; show its refusal as a message. True when it succeeded. A refused
    permission looks like a missing page."""
    try:
        action()
    except PermissionDeniedError as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        return True
    return False

"""Downloads of the tally minutes and the community decision as DOCX (Decree 30/2020 frame),
from the result page and the organiser's page — only once counted (organisers) or published
(everyone); never while voting is open."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_http_methods

from dancoso.core.errors import DomainError
from dancoso.documents import word

from .. import queries
from .voter import result_decision

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NAMES = {"kiem-phieu": ("bien-ban-kiem-phieu", 0), "quyet-dinh": ("bien-ban-quyet-dinh", 1)}


@require_http_methods(["GET"])
def paper_docx(request, pk: int, paper: str):
    """One paper as an attachment with a server-made name (``bien-ban-kiem-phieu-12.docx``)."""
    if paper not in NAMES:
        raise Http404
    decision = result_decision(request, pk)
    try:
        documents = queries.papers_for(request.user, decision)
    except DomainError as exc:
        raise Http404 from exc
    stem, index = NAMES[paper]
    response = HttpResponse(word.render(documents[index]), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{stem}-{decision.pk}.docx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""Downloads of the tally minutes and the community decision as DOCX or PDF (Decree 30/2020
frame), from the result page and the organiser's page — only once counted (organisers) or
published (everyone); never while voting is open."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_http_methods

from dancoso.core.errors import DomainError
from dancoso.documents import pdf, word

from .. import queries
from .voter import result_decision

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NAMES = {"kiem-phieu": ("bien-ban-kiem-phieu", 0), "quyet-dinh": ("bien-ban-quyet-dinh", 1)}
FORMATS = {"docx": (word.render, DOCX), "pdf": (pdf.render, "application/pdf")}


def _paper(request, pk: int, paper: str, extension: str) -> HttpResponse:
    """One paper as an attachment with a server-made name (``bien-ban-kiem-phieu-12.pdf``)."""
    if paper not in NAMES:
        raise Http404
    decision = result_decision(request, pk)
    try:
        documents = queries.papers_for(request.user, decision)
    except DomainError as exc:
        raise Http404 from exc
    stem, index = NAMES[paper]
    render, content_type = FORMATS[extension]
    response = HttpResponse(render(documents[index]), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}-{decision.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET"])
def paper_docx(request, pk: int, paper: str):
    return _paper(request, pk, paper, "docx")


@require_http_methods(["GET"])
def paper_pdf(request, pk: int, paper: str):
    return _paper(request, pk, paper, "pdf")

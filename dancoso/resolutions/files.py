"""Evidence attached to a reported figure or a plan task: an agency's report or a photo of a
notice board — PDF, Word, Excel or a photo, 10 MB at most, checked by ``dancoso.core.files``
(real type by its bytes, macros and bombs refused, metadata removed, server-made names)."""

from dancoso.core import files
from dancoso.core.errors import DomainError

EVIDENCE = files.Use(
    (files.PDF, files.DOCX, files.XLSX, files.JPEG, files.PNG),
    10 * files.MB,
    advice="Hãy nén hoặc chia nhỏ tệp minh chứng.",
)


def checked_evidence(evidence: tuple[str, bytes]) -> files.CheckedFile:
    """``evidence`` is ``(name, bytes)``; a refusal is a DomainError on the evidence field."""
    name, content = evidence
    try:
        return files.check(content, name, EVIDENCE)
    except files.FileRefused as error:
        raise DomainError("evidence", error.message) from None

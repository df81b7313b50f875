"""Every write to consultations (lấy ý kiến).

Each service checks the permission in ``rules.py`` (``PermissionDeniedError`` when refused),
the lifecycle (``lifecycle.ALLOWS``; ``DomainError`` ``wrong_state``), the law (``law.py``;
``ValidationError`` for a field, ``DomainError`` for a rule), writes inside one transaction and
records one audit event in the commune's chain in that same transaction. Audit summaries carry
ids, numbers and codes — never the text of an opinion nor its author's name: opinions on public
matters are sensitive personal data (Law 91/2025/QH15).
"""

from .consultations import (
    DRAFT_FIELDS,
    add_attachment,
    advance,
    create_consultation,
    import_draft,
    revise_section,
    set_sections,
    update_consultation,
    write_synthesis,
)
from .exports import build_export, request_export
from .opinions import (
    ALREADY_SUPPORTED,
    DEFAULT_HIDE_REASON,
    enter_offline_opinion,
    follow_consultation,
    moderate_opinion,
    post_opinion,
    support_opinion,
)
from .synthesis import answer_opinions

__all__ = [
    "ALREADY_SUPPORTED", "DRAFT_FIELDS", "DEFAULT_HIDE_REASON", "add_attachment", "advance",
    "answer_opinions", "build_export", "request_export",
    "create_consultation", "enter_offline_opinion", "follow_consultation", "import_draft",
    "moderate_opinion", "post_opinion", "revise_section", "set_sections", "support_opinion",
    "update_consultation", "write_synthesis",
]  # fmt: skip

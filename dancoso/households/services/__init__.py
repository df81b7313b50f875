"""Every write to the household register (sổ hộ gia đình).

Each service checks the permission of the same name in ``rules.py`` (``PermissionDeniedError``
when refused), validates with ``law.py`` (``ValidationError`` with Vietnamese messages for a bad
field, ``DomainError`` for a broken rule), writes inside one transaction, and records one audit
event in the commune's chain in that same transaction (DESIGN.md rule 2). Audit summaries carry
ids, codes and the names of changed fields, never names, ID numbers or phone numbers: the log
is append-only and must not become a second register of personal data (Law 91/2025/QH15).
"""

from .common import acting_role
from .exports import BAD_FORMAT, RegisterExport, export_register
from .households import (
    BAD_GENDER,
    CODE_REQUIRED,
    CODE_TAKEN,
    HEAD_NOT_REMOVABLE,
    HEAD_REQUIRED,
    MEMBER_FIELDS,
    MOVE_BEFORE_START,
    MOVE_IN_FUTURE,
    NAME_REQUIRED,
    NATIONAL_ID_TAKEN,
    SAME_VILLAGE,
    TOO_LONG,
    VILLAGE_OF_OTHER_COMMUNE,
    add_member,
    clean_member_fields,
    create_household,
    move_household,
    remove_member,
    update_household,
    update_member,
)
from .imports import (
    IMPORT_NOT_ALLOWED,
    UPLOAD_FAILED,
    UPLOAD_WRONG_TYPE,
    import_households,
    start_import,
)
from .links import (
    LINK_ALREADY_YOURS,
    LINK_DECIDED,
    LINK_NO_MATCH,
    LINK_PENDING,
    LINK_SELF,
    LINK_TAKEN,
    REASON_REQUIRED,
    decide_member_link,
    link_at_desk,
    request_member_link,
)

__all__ = [
    "BAD_FORMAT", "BAD_GENDER", "CODE_REQUIRED", "CODE_TAKEN", "HEAD_NOT_REMOVABLE",
    "HEAD_REQUIRED", "IMPORT_NOT_ALLOWED", "LINK_ALREADY_YOURS", "LINK_DECIDED", "LINK_NO_MATCH",
    "LINK_PENDING", "LINK_SELF", "LINK_TAKEN", "MEMBER_FIELDS", "MOVE_BEFORE_START",
    "MOVE_IN_FUTURE", "NAME_REQUIRED", "NATIONAL_ID_TAKEN", "REASON_REQUIRED", "SAME_VILLAGE",
    "TOO_LONG", "UPLOAD_FAILED", "UPLOAD_WRONG_TYPE", "VILLAGE_OF_OTHER_COMMUNE", "RegisterExport",
    "acting_role", "add_member", "clean_member_fields", "create_household", "decide_member_link",
    "export_register", "import_households", "link_at_desk", "move_household", "remove_member",
    "request_member_link", "start_import", "update_household", "update_member",
]  # fmt: skip

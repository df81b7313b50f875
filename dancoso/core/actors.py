"""The explicit actor for writes made by commands and background tasks (DESIGN.md rule 2)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemActor:
    """A named system process. It may do what its command was written to do; the audit log
    records it as ``system:<name>`` with no user id."""

    name: str
    pk = None
    is_authenticated = True
    is_superuser = False

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return True

    def get_username(self) -> str:
        return f"system:{self.name}"

    def __str__(self) -> str:
        return self.get_username()

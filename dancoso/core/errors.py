"""One error type for broken rules.

Services raise ``ValidationError`` for a bad field and ``DomainError`` for a broken rule. A
``DomainError`` carries a stable ``code`` (for the API and tests) and a Vietnamese message that
tells the user what to fix; views show it beside the form, the API maps it to a 400.
"""


class DomainError(Exception):
    """A rule of the platform or of the law refused the request."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        self.code = code
        self.params = params
        self.message = message.format(**params) if params else message
        super().__init__(self.message)


class PermissionDeniedError(DomainError):
    """The actor may not do this; views answer 403 (or 404 where existence must not leak)."""

    def __init__(self, message: str = "Bạn không có quyền thực hiện thao tác này.") -> None:
        super().__init__("permission_denied", message)

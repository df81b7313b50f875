"""The answers every operation can give besides its own, added to the published OpenAPI.

Whatever an endpoint declares, the shared layers can also answer: 400 for a ``DomainError``
(``{"code", "detail"}``, see ``api.py``), 401 without a session, 403 for a failed CSRF check or
a refused permission, 422 when ninja finds the input does not fit the declared types. Leaving
them out made the schema lie (Schemathesis, SECURITY.md test 13, checks every answer against
it), so they are documented here, once, for every operation.
"""

from ninja import NinjaAPI

ERROR = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "detail": {"description": "Lời nhắn tiếng Việt, hoặc danh sách lỗi của từng trường."},
    },
    "required": ["detail"],
}
COMMON = {
    "400": "Yêu cầu không hợp lệ theo quy định (DomainError).",
    "401": "Chưa đăng nhập.",
    "403": "Không có quyền, hoặc thiếu mã CSRF.",
    "422": "Dữ liệu gửi lên không đúng kiểu đã khai báo.",
}


def with_common_answers(schema: dict) -> dict:
    """``schema`` with the answers above added to every operation that lacks them."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            answers = operation.setdefault("responses", {})
            for status, description in COMMON.items():
                answers.setdefault(status, {"description": description, "content": reference})
    return schema


class DancosoAPI(NinjaAPI):
    """The ninja API whose schema carries the common answers."""

    def get_openapi_schema(self, *args, **kwargs):
        return with_common_answers(super().get_openapi_schema(*args, **kwargs))

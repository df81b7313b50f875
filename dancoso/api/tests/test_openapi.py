"""The published schema documents the answers the shared layers give to every operation."""

from dancoso.api.api import api
from dancoso.api.openapi import COMMON


def test_every_operation_documents_the_common_answers():
    spec = api.get_openapi_schema()
    operations = [op for ops in spec["paths"].values() for op in ops.values()]
    assert len(operations) > 30
    for operation in operations:
        assert set(COMMON) <= set(operation["responses"]), operation["operationId"]
    assert spec["components"]["schemas"]["Error"]["required"] == ["detail"]

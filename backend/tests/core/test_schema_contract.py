"""Every successful response in the OpenAPI schema has a typed body: the web app's types are generated from it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.generators import SchemaGenerator


def _untyped(schema: dict[str, Any] | None, components: dict[str, Any]) -> bool:
    """A body the generated client could only call `unknown`: missing, or an object without properties."""
    if schema is None:
        return True
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    if schema.get("type") == "array":
        return _untyped(schema.get("items"), components)
    if any(key in schema for key in ("oneOf", "anyOf", "allOf")):
        return False
    return schema.get("type", "object") == "object" and not schema.get("properties")


def test_every_success_response_documents_a_typed_body() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    untyped = [
        f"{method.upper()} {path} {status}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for status, response in operation["responses"].items()
        if str(status).startswith("2")
        and str(status) != "204"
        and _untyped(response.get("content", {}).get("application/json", {}).get("schema"), components)
    ]
    assert untyped == []

"""The OpenAPI schema lists every status a view can answer, each with the one error body.

drf-spectacular documents only the statuses a view declares, so a client generated from the schema would not know
that a signed-in endpoint can answer 401 or a throttled one 429. The statuses below follow from how the view is
configured (DRF raises them before the view's own code runs); a view declares any other status itself.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import AllowAny

from core.serializers import error_responses
from core.symbols import SYMBOL_INPUT_PATTERN


class ErrorAwareAutoSchema(AutoSchema):
    def _implied_error_statuses(self) -> list[int]:
        statuses = []
        takes_input = self.method in ("POST", "PUT", "PATCH") or any(
            parameter["in"] == "query" for parameter in self._get_parameters()
        )
        if takes_input or self._symbol_in_path():
            statuses.append(400)  # a symbol in the path that cannot be one is refused with invalid_symbol
        public = all(isinstance(permission, AllowAny) for permission in self.view.get_permissions())
        if self.view.get_authenticators() or not public:
            statuses.append(401)  # a bad or expired bearer token is refused even where signing in is optional
        if "{" in self.path:
            statuses.append(404)
        if self.method in ("POST", "PUT", "PATCH"):
            statuses.append(413)  # a body over DATA_UPLOAD_MAX_MEMORY_SIZE (core.parsers), before the view runs
            statuses.append(415)  # a media type no parser takes, or a multipart body that does not parse
        if self.view.get_throttles():
            statuses.append(429)
        return statuses

    def _symbol_in_path(self) -> bool:
        return "{symbol}" in self.path

    def _get_parameters(self) -> list[dict[str, Any]]:
        """The path's `{symbol}` carries the pattern normalize_symbol accepts (case and surrounding spaces aside)."""
        parameters: list[dict[str, Any]] = super()._get_parameters()
        for parameter in parameters:
            if parameter["in"] == "path" and parameter["name"] == "symbol":
                parameter["schema"] = {**parameter["schema"], "pattern": SYMBOL_INPUT_PATTERN, "maxLength": 40}
        return parameters

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        for status, response in error_responses(*self._implied_error_statuses()).items():
            responses.setdefault(str(status), self._get_response_for_code(response, str(status), direction=direction))
        return responses

"""A scripted stand-in for Alpha Vantage on pytest-httpserver: per function, a queue of answers."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


@dataclass
class Answer:
    body: str
    status: int = 200
    delay: float = 0.0
    content_type: str = "application/json"


@dataclass
class FakeAlphaVantage:
    """Answers `GET /query?function=F...` with the next scripted answer for F (the last one repeats)."""

    server: HTTPServer
    answers: dict[str, list[Answer]] = field(default_factory=lambda: defaultdict(list))
    calls: list[dict[str, str]] = field(default_factory=list)
    waits: list[float] = field(default_factory=list)  # pauses the client took (filled by tests that patch them)

    def __post_init__(self) -> None:
        self.server.expect_request("/query").respond_with_handler(self._handle)

    def script(self, function: str, *answers: Answer | str) -> None:
        self.answers[function] = [a if isinstance(a, Answer) else Answer(a) for a in answers]

    def calls_to(self, function: str) -> int:
        return sum(1 for call in self.calls if call.get("function") == function)

    def _handle(self, request: Request) -> Response:
        params = dict(request.args)
        self.calls.append(params)
        queue = self.answers.get(params.get("function", ""), [])
        if not queue:
            return Response('{"Error Message": "Invalid API call."}', status=200, content_type="application/json")
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if answer.delay:
            time.sleep(answer.delay)
        content_type = "text/csv" if not answer.body.lstrip().startswith("{") else answer.content_type
        return Response(answer.body, status=answer.status, content_type=content_type)

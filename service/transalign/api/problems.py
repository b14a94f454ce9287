"""Errors as RFC 9457 problem details (`application/problem+json`).

Every error the API returns goes through `problem_response`, so that a client can rely
on `type`, `title`, `status` and `detail`, and on `field`, `file`, `line` and `cue` when
the problem is in the input.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match

from transalign.errors import InputError, ModelError

PROBLEM_TYPE = "https://transalign.invalid/problems/"
MEDIA_TYPE = "application/problem+json"


class Problem(StarletteHTTPException):
    """An error answered as a problem document; `extra` holds field, file, line, pair...

    An HTTPException subclass so that FastAPI passes it through unchanged when it is
    raised while the body is read (the size limit), instead of wrapping it in a 400.
    """

    def __init__(
        self, status: int, kind: str, title: str, detail: str, *, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(status, detail, headers)
        self.status = status
        self.kind = kind
        self.title = title
        self.headers: dict[str, str] = headers or {}
        self.extra = {k: v for k, v in extra.items() if v is not None}

    def body(self) -> dict[str, Any]:
        return {
            "type": PROBLEM_TYPE + self.kind,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            **self.extra,
        }


def problem_response(problem: Problem) -> Response:
    content = json.dumps(problem.body(), ensure_ascii=False).encode("utf-8")
    return Response(content, status_code=problem.status, media_type=MEDIA_TYPE, headers=problem.headers)


def from_input_error(error: InputError, *, field: str | None = None, pair: int | None = None) -> Problem:
    """An `InputError` names its file (an upload's name, or the JSON field it came from)."""
    return Problem(
        422,
        "invalid-input",
        "The input cannot be read",
        str(error),
        field=field or error.name,
        file=error.name if field else None,
        line=error.line,
        cue=error.cue,
        expected=error.expected,
        pair=pair,
    )


def from_model_error(error: ModelError) -> Problem:
    return Problem(503, "model-unavailable", "The translation model is not available", str(error))


def field_name(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """`("body", "pairs", 2, "source", "list[...]", 3, "Segment", "start")` -> `pairs[2].source[3].start`.

    Pydantic puts union members' tags in the path; they mean nothing to a client.
    """
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        elif "[" in part or part in _TAGS or part[:1].isupper():
            continue
        else:
            name += f".{part}" if name else part
    return name or str(loc[0] if loc else "body")


_TAGS = {"str", "int", "float", "bool", "list", "dict", "none", "function-after", "function-before"}


def from_validation_error(error: RequestValidationError) -> Problem:
    """Malformed JSON is 400 with its line and column; a well-formed body that breaks the schema is 422."""
    errors = list(error.errors())
    first: dict[str, Any] = errors[0] if errors else {"loc": ("body",), "msg": "invalid request", "type": "value_error"}
    if first.get("type") == "json_invalid":
        ctx = first.get("ctx") or {}
        reason = ctx.get("error") or first.get("msg", "")
        line, column = _json_position(first, error.body)
        return Problem(
            400,
            "malformed-json",
            "The request body is not valid JSON",
            f"request body, line {line}, column {column}: {reason}" if line else f"request body: {reason}",
            field="body",
            line=line,
            column=column,
        )
    # A union reports every branch it tried; the deepest path is the one the client meant.
    first = max(errors, key=lambda e: len(e["loc"])) if errors else first
    name = field_name(first["loc"])
    where = first["loc"][0] if first["loc"] else "body"
    detail = f"{name}: {first['msg']}"
    return Problem(
        422,
        "invalid-request",
        "The request does not match the schema",
        detail,
        field=name,
        location=where,
        errors=[{"field": field_name(e["loc"]), "message": e["msg"]} for e in errors[:20]],
    )


def not_json(request: Request, error: RequestValidationError) -> Problem | None:
    """A JSON endpoint's body sent without `Content-Type: application/json` is not read as JSON at all:
    say that (415), rather than that the body is not an object."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        return None
    if not any(tuple(e.get("loc", ())) == ("body",) for e in error.errors()):
        return None
    sent = f"Content-Type {media}" if media else "no Content-Type"
    return Problem(
        415, "unsupported-media-type", "Unsupported media type",
        f"the body was sent with {sent}, so it was not read as JSON; send it with the header "
        "'Content-Type: application/json' (curl: -H 'Content-Type: application/json'), or upload files to /v1/align/files",
        field="body",
    )


def _json_position(error: dict[str, Any], doc: Any) -> tuple[int | None, int | None]:
    """FastAPI reports a JSON error's character offset; the client wants line and column."""
    loc: Sequence[Any] = error.get("loc") or ()
    offset = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    if offset is None:
        return None, None
    if isinstance(doc, (bytes, bytearray)):
        doc = bytes(doc).decode("utf-8", errors="replace")
    if not isinstance(doc, str):
        return None, None
    before = doc[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


_HTTP_TITLES = {
    401: ("unauthorized", "Authentication required"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Format not available"),
    413: ("too-large", "Request too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
}


def from_http_exception(error: StarletteHTTPException) -> Problem:
    kind, title = _HTTP_TITLES.get(error.status_code, ("http-error", "Request failed"))
    detail = error.detail if isinstance(error.detail, str) else json.dumps(error.detail)
    return Problem(error.status_code, kind, title, detail, headers=dict(error.headers or {}))


def install(app: Any) -> None:
    """Answer every error the app can raise as a problem document."""

    async def on_problem(request: Request, error: Problem) -> Response:
        return problem_response(error)

    async def on_input(request: Request, error: InputError) -> Response:
        return problem_response(from_input_error(error))

    async def on_model(request: Request, error: ModelError) -> Response:
        return problem_response(from_model_error(error))

    async def on_validation(request: Request, error: RequestValidationError) -> Response:
        return problem_response(not_json(request, error) or from_validation_error(error))

    async def on_http(request: Request, error: StarletteHTTPException) -> Response:
        problem = from_http_exception(error)
        if error.status_code == 405:
            problem.headers["Allow"] = ", ".join(_allowed_methods(request))
        return problem_response(problem)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(InputError, on_input)
    app.add_exception_handler(ModelError, on_model)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches({**request.scope, "method": "GET"}) if hasattr(route, "matches") else (Match.NONE, {})
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)

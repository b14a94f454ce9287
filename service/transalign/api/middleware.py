"""ASGI middleware: body size limits and one structured log line per request.

Pure ASGI (not BaseHTTPMiddleware) so that a body is counted as it streams in, before
anything buffers it, and an oversized upload is refused without being read whole.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import uuid
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from transalign.api.problems import Problem, problem_response

access = logging.getLogger("transalign.access")


class _Stderr(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is now, not the one there was at startup (test capture swaps it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass


def configure_access_log() -> None:
    """JSON lines to stderr, whatever the root logger does."""
    if not access.handlers:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        access.propagate = False


class BodyLimit:
    """Refuse request bodies above the limit `limit_for(method, path)` gives, with 413."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str, str], tuple[int, str]]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, advice = self.limit_for(scope["method"], scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await problem_response(_too_large(declared, limit, advice))(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _too_large(seen, limit, advice)
            return message

        await self.app(scope, counted, send)


class AccessLog:
    """One JSON line per request: method, path, status, duration, request id, key id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        configure_access_log()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _header(scope, b"x-request-id") or uuid.uuid4().hex[:16]
        status = 500
        sent = 0

        async def logged(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", request_id.encode())]}
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, logged)
        finally:
            state = scope.get("state") or {}
            client = scope.get("client")
            access.info(json.dumps({
                "ts": round(time.time(), 3),
                "event": "request",
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "ms": round((time.perf_counter() - started) * 1000, 2),
                "bytes": sent,
                "request_id": request_id,
                "key": state.get("key_id"),
                "client": client[0] if client else None,
            }))


def _too_large(size: int, limit: int, advice: str) -> Problem:
    return Problem(413, "too-large", "Request too large", f"the request body has {size} bytes, more than the {limit} this endpoint accepts; {advice}",
                   field="body", limit=limit)


def _content_length(scope: Scope) -> int | None:
    value = _header(scope, b"content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None

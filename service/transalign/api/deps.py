"""Dependencies the routers share: the app's state and the caller's identity.

All `async def`, though none awaits: FastAPI runs a plain `def` dependency in a thread of
its pool, and on `/v1/align` those hops cost the event loop more CPU than the
dependencies themselves.
"""

from __future__ import annotations

import hmac

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from transalign.api.jobs.store import JobStore
from transalign.api.jobs.worker import WorkerPool
from transalign.api.problems import Problem
from transalign.api.processes import WorkerProcesses
from transalign.api.settings import Settings, hash_key

bearer = HTTPBearer(auto_error=False, description="one of the server's API keys (TRANSALIGN_API_KEYS)")
ANONYMOUS = ""  # the owner of every job when the server has no keys


async def settings(request: Request) -> Settings:
    return request.app.state.settings


async def store(request: Request) -> JobStore:
    return request.app.state.store


async def processes(request: Request) -> WorkerProcesses:
    return request.app.state.processes


async def pool(request: Request) -> WorkerPool:
    return request.app.state.pool


async def owner(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
) -> str:
    """The hash of the caller's key (jobs belong to it), or ANONYMOUS when keys are off."""
    config: Settings = request.app.state.settings
    if not config.auth:
        return ANONYMOUS
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise _unauthorized("this server needs an API key: send 'Authorization: Bearer <key>'")
    digest = hash_key(credentials.credentials)
    if not any(hmac.compare_digest(digest, known) for known in config.api_key_hashes):
        raise _unauthorized("the API key is not valid on this server")
    request.state.key_id = digest[:12]
    return digest


async def known_query(request: Request) -> None:
    """Refuse query parameters the endpoint does not take: `?formt=html` is a typo, not a request for JSON."""
    route = request.scope.get("route")
    if route is None or not request.query_params:
        return
    known = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        expected = ", ".join(sorted(known)) or "none"
        raise Problem(422, "invalid-request", "The request does not match the schema",
                      f"unknown query parameter '{unknown[0]}'; this endpoint takes: {expected}", field=unknown[0], location="query")


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _unauthorized(detail: str) -> Problem:
    return Problem(401, "unauthorized", "Authentication required", detail, field="Authorization",
                   headers={"WWW-Authenticate": 'Bearer realm="transalign"'})

"""Dependencies the routers share: the app's state and the caller's identity."""

from __future__ import annotations

import hmac

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.api.jobs.store import JobStore
from service.api.jobs.worker import WorkerPool
from service.api.model import ModelHolder
from service.api.problems import Problem
from service.api.settings import Settings, hash_key

bearer = HTTPBearer(auto_error=False, description="one of the server's API keys (TRANSALIGN_API_KEYS)")
ANONYMOUS = ""  # the owner of every job when the server has no keys


def settings(request: Request) -> Settings:
    return request.app.state.settings


def store(request: Request) -> JobStore:
    return request.app.state.store


def holder(request: Request) -> ModelHolder:
    return request.app.state.holder


def pool(request: Request) -> WorkerPool:
    return request.app.state.pool


def owner(
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


def _unauthorized(detail: str) -> Problem:
    return Problem(401, "unauthorized", "Authentication required", detail, field="Authorization",
                   headers={"WWW-Authenticate": 'Bearer realm="transalign"'})

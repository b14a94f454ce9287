"""The FastAPI application: `create_app(settings)` wires routers, middleware and the job machinery.

The lifespan opens the job store (with SQLite, taking an exclusive lock on the data
directory, since recovery assumes one server owns it; a PostgreSQL store is shared and
needs none), queues again the pairs a dead server left running, starts the worker
processes (each loads the model) and the job workers, and stops them on shutdown.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextlib import nullcontext
from typing import IO, ContextManager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from transalign import __version__
from transalign.api import deps, problems
from transalign.api.jobs.store import open_store
from transalign.api.jobs.worker import WorkerPool
from transalign.api.middleware import AccessLog, BodyLimit
from transalign.api.processes import WorkerProcesses
from transalign.api.routers import align, health, jobs, models, review
from transalign.api.settings import Settings
from transalign.api.sync import SyncRunner
from transalign.errors import TransalignError

SMALL_BODY = 64 * 1024  # endpoints that take no input document
REVIEW_BODY = 5_000_000  # a pair's review: decisions and edited segments


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        lock: ContextManager[object] = nullcontext() if settings.store else _lock_data_dir(settings)
        with lock:
            store = open_store(settings)
            store.recover()
            processes = WorkerProcesses(settings)
            pool = WorkerPool(store, processes, settings)
            app.state.store, app.state.processes, app.state.pool = store, processes, pool
            processes.start()
            pool.start()
            try:
                yield
            finally:
                pool.stop()
                processes.stop()
                store.close()

    # /docs and /redoc from the Swagger UI and ReDoc files fastapi-offline ships, not a CDN:
    # newsroom networks are often air-gapped.
    app = FastAPIOffline(
        title="transalign",
        version=__version__,
        summary="Align a transcript with its translation, render it with a model and flag where they diverge.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.sync = SyncRunner(settings)
    problems.install(app)
    keyed = [Depends(deps.owner), Depends(deps.known_query)]
    app.include_router(health.router)
    app.include_router(models.router, dependencies=keyed)
    app.include_router(align.router, dependencies=keyed)
    app.include_router(jobs.router, dependencies=keyed)
    app.include_router(review.router, dependencies=keyed)
    app.include_router(review.page_router, dependencies=[Depends(deps.known_query)])
    app.add_middleware(BodyLimit, limit_for=lambda method, path: body_limit(settings, method, path))
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["*"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(AccessLog)
    return app


def body_limit(settings: Settings, method: str, path: str) -> tuple[int, str]:
    """(limit in bytes, advice for a client over it) for a request."""
    if path.startswith("/v1/align"):
        return settings.max_sync_bytes, "submit large inputs as a job to POST /v1/jobs"
    if path.startswith("/v1/jobs") and method == "PUT" and path.endswith("/review"):
        return REVIEW_BODY, "send the review document alone"
    if path.startswith("/v1/jobs") and method == "POST":
        return settings.max_job_bytes, "split the pairs into several jobs"
    return SMALL_BODY, "this endpoint takes no document"


def _lock_data_dir(settings: Settings) -> IO[str]:
    """One server per data directory: two would each requeue the other's running pairs."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    handle = open(settings.data_dir / "server.lock", "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise TransalignError(f"another transalign server is using {settings.data_dir}; give this one its own --data-dir") from None
    handle.write(str(os.getpid()))
    handle.flush()
    return handle

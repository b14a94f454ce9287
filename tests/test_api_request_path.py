"""The event loop's share of a request: what runs on it must not hop to a thread for nothing.

With worker processes doing the pipeline, the server process shares the cores with them,
and each hop to FastAPI's thread pool costs it CPU (benchmarks/api_load.py measures it).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from transalign.api import deps
from transalign.api.routers import align


def calls(dependant: Dependant) -> Iterator[object]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from calls(sub)


def runs_on_the_loop(call: object) -> bool:
    """FastAPI awaits a coroutine function (or an object with an async __call__); anything else goes to a thread."""
    return inspect.iscoroutinefunction(call) or inspect.iscoroutinefunction(getattr(call, "__call__", None))


def test_shared_dependencies_run_on_the_event_loop() -> None:
    """deps.owner and deps.known_query guard every /v1 route (app.py); the others hand out the app's state."""
    shared = [f for name, f in inspect.getmembers(deps, inspect.isfunction) if f.__module__ == deps.__name__ and not name.startswith("_")]
    assert {f.__name__ for f in shared} >= {"owner", "known_query", "processes", "settings", "store", "pool"}
    assert [f.__name__ for f in shared if not runs_on_the_loop(f)] == []


@pytest.mark.parametrize("path", ["/v1/align", "/v1/align/files"])
def test_align_endpoints_run_every_dependency_on_the_event_loop(path: str) -> None:
    route = next(r for r in align.router.routes if isinstance(r, APIRoute) and r.path == path)
    assert runs_on_the_loop(route.endpoint)
    assert [getattr(call, "__name__", repr(call)) for call in calls(route.dependant) if not runs_on_the_loop(call)] == []

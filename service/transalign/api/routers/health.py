"""Health checks, open to all (no API key): for load balancers and orchestrators."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from transalign.api import deps
from transalign.api.processes import WorkerProcesses
from transalign.api.schemas import Health, Ready

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="The process is up")
async def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Ready,
    summary="The model is loaded, or the server has settled on running without one",
    responses={503: {"model": Ready, "description": "still loading"}},
)
async def readyz(processes: WorkerProcesses = Depends(deps.processes)) -> JSONResponse:
    if not processes.ready:
        body = Ready(status="loading", model=None, detail="the translation model is loading")
        return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "1"})
    body = Ready(status="ready", model=processes.model_id, detail=processes.reason)
    return JSONResponse(body.model_dump())

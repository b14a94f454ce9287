"""The registry's models and which of them this server has."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from transalign.translate import registry
from transalign.api import deps
from transalign.api.processes import WorkerProcesses
from transalign.api.schemas import ModelList, ModelOut, problem_responses
from transalign.errors import TransalignError
from transalign.translate import locate

router = APIRouter(prefix="/v1", tags=["models"])


@router.get("/models", response_model=ModelList, summary="Known translation models", responses=problem_responses(401))
def list_models(processes: WorkerProcesses = Depends(deps.processes)) -> ModelList:
    entries = []
    for info in registry.models():
        try:
            found = locate(info.id)
        except TransalignError:
            found = None
        entries.append(ModelOut(
            id=info.id,
            languages=info.languages,
            size_mb=info.size_mb,
            licence=info.licence,
            engines=list(info.engines),
            default=info.default,
            available=found is not None,
            loaded=processes.model_id == info.id,
        ))
    return ModelList(models=entries)

"""Synchronous alignment of one pair: JSON text or segments, or two uploaded files.

The handlers only take the request apart: reading the documents, aligning and rendering
run in a worker process (`SyncRunner`), and an input error found there is answered here.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from transalign.api import deps
from transalign.api.inputs import Upload, stored_files, stored_request
from transalign.api.jobs.store import Output
from transalign.api.outputs import MEDIA_TYPES
from transalign.api.problems import Problem
from transalign.api.processes import WorkerProcesses
from transalign.api.schemas import LANG_PATTERN, AlignOptions, AlignRequest, Format, problem_responses
from transalign.diverge.registry import KINDS

router = APIRouter(prefix="/v1", tags=["align"])

RESULT_CONTENT: dict[str, dict[str, Any]] = {media.split(";")[0]: {} for media in MEDIA_TYPES.values()}
RESULT_CONTENT["application/json"] = {"schema": {"type": "object", "description": f"the result, as `transalign align --format json`; flags of kind {', '.join(KINDS)}"}}
RESPONSES = {
    200: {"description": "the result in the format asked for", "content": RESULT_CONTENT},
    **problem_responses(400, 401, 406, 413, 415, 422, 429, 503),
}
FORMAT = Query("json", alias="format", description="json (default), html, tsv; srt, vtt, tmx where the server has exports")


@router.post("/align", summary="Align one pair now", responses=RESPONSES, response_class=Response)
async def align(
    body: AlignRequest,
    request: Request,
    fmt: Format = FORMAT,
    processes: WorkerProcesses = Depends(deps.processes),
) -> Response:
    """Answers with the same JSON as `transalign align --format json`; large inputs belong in /v1/jobs."""
    return _respond(await request.app.state.sync(processes, stored_request(body), fmt), fmt)


@router.post("/align/files", summary="Align two uploaded files now", responses=RESPONSES, response_class=Response)
async def align_files(
    request: Request,
    source: UploadFile = File(description="source transcript: .txt, .srt or .vtt, any encoding the CLI reads"),
    translation: UploadFile = File(description="its translation: .txt, .srt or .vtt"),
    source_lang: str = Form("ar", pattern=LANG_PATTERN),
    target_lang: str = Form("en", pattern=LANG_PATTERN),
    encoding: str | None = Form(None, description="read both files in this encoding instead of detecting it"),
    segmented: bool = Form(False),
    use_model: bool = Form(True),
    exclude_isnad: bool = Form(False),
    fmt: Format = FORMAT,
    processes: WorkerProcesses = Depends(deps.processes),
) -> Response:
    options = AlignOptions(segmented=segmented, use_model=use_model, exclude_isnad=exclude_isnad)
    data = stored_files(await upload(source, "source"), await upload(translation, "translation"),
                        source_lang, target_lang, options, encoding or None)
    return _respond(await request.app.state.sync(processes, data, fmt), fmt)


async def upload(file: UploadFile, field: str) -> Upload:
    return Upload(field, file.filename or field, await file.read())


def _respond(output: Output, fmt: str) -> Response:
    if output.content is None:
        raise Problem(406, "format-unavailable", "Format not available", output.error or fmt, field="format")
    return Response(output.content, media_type=MEDIA_TYPES[fmt])

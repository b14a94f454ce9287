"""Synchronous alignment of one pair: JSON text or segments, or two uploaded files."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from service.api import deps
from service.api.inputs import Pair, Upload, from_files, from_request
from service.api.model import ModelHolder
from service.api.outputs import MEDIA_TYPES, render
from service.api.problems import Problem
from service.api.schemas import LANG_PATTERN, AlignOptions, AlignRequest, Format, problem_responses
from service.api.settings import Settings

router = APIRouter(prefix="/v1", tags=["align"])

RESULT_CONTENT = {media.split(";")[0]: {} for media in MEDIA_TYPES.values()}
RESULT_CONTENT["application/json"] = {"schema": {"type": "object", "description": "the result, as `transalign align --format json`"}}
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
    settings: Settings = Depends(deps.settings),
    holder: ModelHolder = Depends(deps.holder),
) -> Response:
    """Answers with the same JSON as `transalign align --format json`; large inputs belong in /v1/jobs."""

    def work() -> Response:
        return _respond(holder, from_request(body, settings), fmt)

    return await request.app.state.sync(work)


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
    settings: Settings = Depends(deps.settings),
    holder: ModelHolder = Depends(deps.holder),
) -> Response:
    uploads = [await upload(source, "source"), await upload(translation, "translation")]
    options = AlignOptions(segmented=segmented, use_model=use_model, exclude_isnad=exclude_isnad)

    def work() -> Response:
        pair = from_files(uploads[0], uploads[1], settings, source_lang, target_lang, options, encoding or None)
        return _respond(holder, pair, fmt)

    return await request.app.state.sync(work)


async def upload(file: UploadFile, field: str) -> Upload:
    return Upload(field, file.filename or field, await file.read())


def _respond(holder: ModelHolder, pair: Pair, fmt: str) -> Response:
    output = render(holder.align(pair), fmt)
    if output.content is None:
        raise Problem(406, "format-unavailable", "Format not available", output.error or fmt, field="format")
    return Response(output.content, media_type=MEDIA_TYPES[fmt])

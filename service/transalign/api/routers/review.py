"""The review workspace over the API: the page, a pair's review document, reviewed exports.

The page itself (`GET /review/{job_id}`) holds no text of the job, so it needs no key;
its script fetches the result and the review with the reviewer's key, and both are
scoped like every job: another key's job is answered 404, as a missing one.
"""

from __future__ import annotations

import json
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from transalign.api import deps
from transalign.api.jobs.store import Job, JobStore
from transalign.api.outputs import CUES
from transalign.api.problems import Problem
from transalign.api.schemas import problem_responses
from transalign.errors import TransalignError
from transalign.review import Review, ReviewError, export, parse_review, result_from_dict, stored_review
from transalign.review.exports import MEDIA_TYPES, file_name
from transalign.review.model import MAX_COMMENT
from transalign.review.page import STATIC_PATH, Endpoints, asset, review_page

JOB_ID = Path(description="the id POST /v1/jobs answered with", max_length=64)
PAIR = Path(ge=0, le=10**6, description="which pair of the job (from 0)")

page_router = APIRouter(tags=["review"])
router = APIRouter(prefix="/v1/jobs", tags=["review"])


class DecisionDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    status: Literal["open", "accepted", "dismissed"] = "open"
    comment: str = Field(default="", max_length=MAX_COMMENT)


class ReviewDoc(BaseModel):
    """A pair's review: a decision per flag id (the result's `flags[].id`), the edited English per segment index."""

    model_config = ConfigDict(extra="forbid", strict=True)

    decisions: dict[str, DecisionDoc] = Field(default_factory=dict)
    edits: dict[str, str] = Field(default_factory=dict, description="translation segment index (as text) -> the edited English")


@page_router.get("/review/{job_id}", response_class=HTMLResponse, summary="The review workspace for a job's pair (its script asks for the key)",
                 responses=problem_responses(422))
def page(job_id: str = JOB_ID, pair: int = Query(0, ge=0, le=10**6, description="which pair (from 0)")) -> HTMLResponse:
    base = f"/v1/jobs/{quote(job_id, safe='')}"
    endpoints = Endpoints(
        result=f"{base}/result?format=json&pair={pair}",
        review=f"{base}/pairs/{pair}/review",
        export=f"{base}/result?pair={pair}&reviewed=true&format={{format}}",
        auth=True,
    )
    return HTMLResponse(review_page(f"job {job_id}, pair {pair}", endpoints))


@page_router.get(STATIC_PATH + "/{name}", include_in_schema=False)
def static(name: str) -> Response:
    found = asset(name)
    if found is None:
        raise Problem(404, "not-found", "Not found", f"the review page has no file {name}")
    content, media_type = found
    return Response(content, media_type=media_type, headers={"Cache-Control": "no-cache"})


@router.get("/{job_id}/pairs/{pair}/review", response_model=ReviewDoc, summary="A pair's review: decisions on its flags and edits of its English",
            responses=problem_responses(401, 404, 409, 422))
def get_review(job_id: str = JOB_ID, pair: int = PAIR, owner: str = Depends(deps.owner), store: JobStore = Depends(deps.store)) -> ReviewDoc:
    job = _owned(store, job_id, owner, pair)
    document = store.get_review(job.id, pair)
    if document is None or job.pair_status[pair] != "done":
        return ReviewDoc.model_validate(document or {})
    return ReviewDoc.model_validate(stored_review(document, _result(store, job, pair)).to_dict())


@router.put("/{job_id}/pairs/{pair}/review", response_model=ReviewDoc, summary="Store a pair's review, whole",
            responses=problem_responses(400, 401, 404, 409, 413, 415, 422))
def put_review(
    body: ReviewDoc = Body(),
    job_id: str = JOB_ID,
    pair: int = PAIR,
    owner: str = Depends(deps.owner),
    store: JobStore = Depends(deps.store),
) -> ReviewDoc:
    """Checked against the pair's result: every decision names one of its flags, every edit one of its English segments."""
    job = _owned(store, job_id, owner, pair)
    review = _parse(body.model_dump(), _result(store, job, pair))
    store.put_review(job.id, pair, review.to_dict())
    return ReviewDoc.model_validate(review.to_dict())


def reviewed_export(store: JobStore, job: Job, pair: int, fmt: str, bilingual: bool) -> Response:
    """`GET /v1/jobs/{id}/result?reviewed=true`: the pair's export with its review applied.

    The caller (the jobs router) has checked that the job is the key's and the pair done.
    """
    if fmt not in MEDIA_TYPES:
        raise Problem(406, "format-unavailable", "Format not available",
                      f"a reviewed export is one of {', '.join(MEDIA_TYPES)}, not {fmt}", field="format")
    result = _result(store, job, pair)
    review = stored_review(store.get_review(job.id, pair), result)
    cues = store.output(job.id, job.owner, pair, CUES)  # absent for jobs finished before cues were kept
    try:
        content = export(result_from_dict(result, json.loads(cues.content) if cues and cues.content else None), review, fmt, bilingual=bilingual)
    except TransalignError as error:
        raise Problem(406, "format-unavailable", "Format not available", f"cannot make {fmt} for this pair: {error}", field="format") from None
    name = file_name(f"job-{job.id[:8]}-pair-{pair}", fmt, bilingual=bilingual)
    return Response(content, media_type=MEDIA_TYPES[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _owned(store: JobStore, job_id: str, owner: str, pair: int) -> Job:
    job = store.get(job_id, owner)
    if job is None:
        raise Problem(404, "not-found", "Not found", f"no job {job_id} (or it belongs to another API key)", field="job_id")
    if pair >= job.total:
        raise Problem(404, "not-found", "Not found", f"job {job.id} has no pair {pair} (it has {job.total})", field="pair")
    return job


def _result(store: JobStore, job: Job, pair: int) -> dict[str, Any]:
    """The pair's JSON result, which a review is checked against."""
    status = job.pair_status[pair]
    output = store.output(job.id, job.owner, pair, "json") if status == "done" else None
    if output is None or output.content is None:
        raise Problem(409, "not-finished", "No result to review", f"pair {pair} of job {job.id} is {status}; only a finished pair has flags to review",
                      pair=pair, headers={"Retry-After": "1"} if status in ("queued", "running") else None)
    return json.loads(output.content)


def _parse(document: dict[str, Any], result: dict[str, Any]) -> Review:
    try:
        return parse_review(document, result)
    except ReviewError as error:
        raise Problem(422, "invalid-review", "The review does not fit this pair", str(error), field=error.field) from None

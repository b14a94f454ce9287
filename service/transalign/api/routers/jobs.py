"""Asynchronous jobs: submit one pair or many, poll, fetch results, cancel or delete.

Handlers are plain functions (FastAPI runs them on its thread pool) because they read
and write the job store (SQLite or PostgreSQL), which blocks. A job is visible only to the key that created it: every
query filters on the owner, and another key's job is answered 404 like a missing one.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import anyio
from fastapi import APIRouter, Depends, File, Form, Path, Query, UploadFile
from fastapi.responses import Response

from transalign.api import deps
from transalign.api.inputs import Upload, from_files, from_request, stored_files, stored_request
from transalign.api.jobs.store import FINISHED, Job, JobStore, QueueFull
from transalign.api.jobs.worker import WorkerPool
from transalign.api.outputs import MEDIA_TYPES
from transalign.api.problems import Problem
from transalign.api.routers.align import FORMAT, RESULT_CONTENT
from transalign.api.routers.review import reviewed_export
from transalign.api.schemas import (
    LANG_PATTERN, AlignOptions, AlignRequest, Format, JobList, JobOut, JobRequest, PairErrorOut, Progress, problem_responses,
)
from transalign.api.settings import Settings

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])
JOB_ID = Path(description="the id POST /v1/jobs answered with", max_length=64)


@router.post(
    "",
    status_code=202,
    response_model=JobOut,
    summary="Queue one pair, or many (`pairs`)",
    responses=problem_responses(400, 401, 413, 415, 422, 429),
)
def create_job(
    body: JobRequest,
    response: Response,
    owner: str = Depends(deps.owner),
    settings: Settings = Depends(deps.settings),
    store: JobStore = Depends(deps.store),
    pool: WorkerPool = Depends(deps.pool),
) -> JobOut:
    """Inputs are read (and refused with 422) now; the alignment runs later on the worker pool."""
    requests = _pair_requests(body)
    _check_count(len(requests), settings)
    stored = []
    for index, (prefix, request) in enumerate(requests):
        from_request(request, settings, prefix, index if prefix else None)
        stored.append(stored_request(request, prefix))
    return _queue(stored, owner, settings, store, pool, response)


@router.post(
    "/files",
    status_code=202,
    response_model=JobOut,
    summary="Queue uploaded file pairs: the n-th source goes with the n-th translation",
    responses=problem_responses(400, 401, 413, 422, 429),
)
async def create_file_job(
    response: Response,
    source: list[UploadFile] = File(description="source transcripts: .txt, .srt or .vtt"),
    translation: list[UploadFile] = File(description="their translations, in the same order"),
    source_lang: str = Form("ar", pattern=LANG_PATTERN),
    target_lang: str = Form("en", pattern=LANG_PATTERN),
    encoding: str | None = Form(None),
    segmented: bool = Form(False),
    use_model: bool = Form(True),
    exclude_isnad: bool = Form(False),
    owner: str = Depends(deps.owner),
    settings: Settings = Depends(deps.settings),
    store: JobStore = Depends(deps.store),
    pool: WorkerPool = Depends(deps.pool),
) -> JobOut:
    if len(source) != len(translation):
        raise Problem(422, "invalid-request", "The request does not match the schema",
                      f"{len(source)} source files but {len(translation)} translations; send them in pairs", field="translation")
    _check_count(len(source), settings)
    options = AlignOptions(segmented=segmented, use_model=use_model, exclude_isnad=exclude_isnad)
    pairs = [
        (Upload("source", s.filename or "source", await s.read()), Upload("translation", t.filename or "translation", await t.read()))
        for s, t in zip(source, translation)
    ]

    def check_and_queue() -> JobOut:
        many = len(pairs) > 1
        for index, (s, t) in enumerate(pairs):
            from_files(s, t, settings, source_lang, target_lang, options, encoding or None, index if many else None)
        stored = [stored_files(s, t, source_lang, target_lang, options, encoding or None) for s, t in pairs]
        return _queue(stored, owner, settings, store, pool, response)

    return await anyio.to_thread.run_sync(check_and_queue)


@router.get("", response_model=JobList, summary="This key's jobs, newest first", responses=problem_responses(401, 422))
def list_jobs(
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=10**9),
    owner: str = Depends(deps.owner),
    store: JobStore = Depends(deps.store),
) -> JobList:
    jobs, total = store.jobs(owner, limit, offset)
    following = f"/v1/jobs?limit={limit}&offset={offset + limit}" if offset + limit < total else None
    return JobList(jobs=[job_out(job) for job in jobs], total=total, limit=limit, offset=offset, next=following)


@router.get("/{job_id}", response_model=JobOut, summary="A job's status, progress and errors per pair", responses=problem_responses(401, 404, 422))
def get_job(job_id: str = JOB_ID, owner: str = Depends(deps.owner), store: JobStore = Depends(deps.store)) -> JobOut:
    return job_out(_job(store, job_id, owner))


@router.get(
    "/{job_id}/result",
    summary="A finished pair's result in any format; all pairs' JSON at once",
    response_class=Response,
    responses={200: {"description": "the result", "content": {**RESULT_CONTENT, "text/csv": {}}}, **problem_responses(401, 404, 406, 409, 422)},
)
def get_result(
    job_id: str = JOB_ID,
    fmt: Format | Literal["csv"] = FORMAT,
    pair: int | None = Query(None, ge=0, le=10**6, description="which pair (from 0); needed for formats other than json when a job has several"),
    reviewed: bool = Query(False, description="srt, vtt, tmx with the review's edits applied and dismissed flags left out; csv: the decisions"),
    bilingual: bool = Query(False, description="with reviewed=true: srt and vtt as bilingual subtitles rather than the translation's own"),
    owner: str = Depends(deps.owner),
    store: JobStore = Depends(deps.store),
) -> Response:
    job = _job(store, job_id, owner)
    if pair is None and job.total == 1:
        pair = 0
    if pair is None:
        if fmt != "json":
            raise Problem(422, "invalid-request", "Choose a pair", f"this job has {job.total} pairs: choose one with ?pair=0..{job.total - 1} for {fmt}", field="pair")
        return _all_pairs(store, job)
    if pair >= job.total:
        raise Problem(404, "not-found", "Not found", f"job {job.id} has no pair {pair} (it has {job.total})", field="pair")
    _check_finished(job, pair)
    if reviewed or fmt == "csv":
        return reviewed_export(store, job, pair, fmt, bilingual)
    output = store.output(job.id, owner, pair, fmt)
    if output is None or output.content is None:
        reason = output.error if output else f"no {fmt} output was stored for this pair"
        raise Problem(406, "format-unavailable", "Format not available", reason or fmt, field="format")
    return Response(output.content, media_type=MEDIA_TYPES[fmt])


@router.delete(
    "/{job_id}",
    summary="Cancel a queued or running job (200); delete a finished one and its results (204)",
    responses={200: {"model": JobOut, "description": "cancelled"}, 204: {"description": "deleted"}, **problem_responses(401, 404, 422)},
    response_model=None,
)
def delete_job(job_id: str = JOB_ID, owner: str = Depends(deps.owner), store: JobStore = Depends(deps.store)) -> Response | JobOut:
    job = _job(store, job_id, owner)
    if job.finished:
        store.delete(job.id, owner)
        return Response(status_code=204)
    cancelled = store.cancel(job.id, owner)
    return job_out(cancelled or job)


def job_out(job: Job) -> JobOut:
    links = {"self": f"/v1/jobs/{job.id}", "result": f"/v1/jobs/{job.id}/result", "review": f"/review/{job.id}"}
    return JobOut(
        id=job.id,
        status=job.status,
        created=job.created,
        updated=job.updated,
        progress=Progress(done=job.done, failed=job.failed, total=job.total),
        errors=[PairErrorOut.model_validate({"pair": e.index, "problem": e.problem}) for e in job.errors],
        links=links,
    )


def _pair_requests(body: JobRequest) -> list[tuple[str, AlignRequest]]:
    """(prefix for error fields, request) per pair."""
    has_pair = body.source is not None or body.translation is not None
    if body.pairs is not None:
        if has_pair:
            raise Problem(422, "invalid-request", "The request does not match the schema",
                          "give either source and translation (one pair) or pairs (many), not both", field="pairs")
        return [(f"pairs[{i}].", request) for i, request in enumerate(body.pairs)]
    for name in ("source", "translation"):
        if getattr(body, name) is None:
            raise Problem(422, "invalid-request", "The request does not match the schema",
                          f"{name} is missing: give source and translation (one pair) or pairs (many)", field=name)
    assert body.source is not None and body.translation is not None  # both checked just above
    request = AlignRequest(source=body.source, translation=body.translation, source_lang=body.source_lang,
                           target_lang=body.target_lang, options=body.options)
    return [("", request)]


def _check_count(count: int, settings: Settings) -> None:
    if count > settings.max_pairs:
        raise Problem(413, "too-large", "Too many pairs", f"{count} pairs in one job; this server takes at most {settings.max_pairs}: split them into several jobs",
                      field="pairs", limit=settings.max_pairs)


def _queue(stored: list[dict[str, Any]], owner: str, settings: Settings, store: JobStore, pool: WorkerPool, response: Response) -> JobOut:
    try:
        job = store.create(owner, stored, settings.queue_limit)
    except QueueFull as full:
        wait = max(1, full.pending // max(1, settings.workers * 20))
        raise Problem(429, "queue-full", "The job queue is full",
                      f"{full.pending} pairs are waiting and this server queues at most {full.limit}; try again in {wait} s",
                      headers={"Retry-After": str(wait)}) from None
    pool.notify()
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return job_out(job)


def _job(store: JobStore, job_id: str, owner: str) -> Job:
    job = store.get(job_id, owner)
    if job is None:
        raise Problem(404, "not-found", "Not found", f"no job {job_id} (or it belongs to another API key)", field="job_id")
    return job


def _check_finished(job: Job, pair: int) -> None:
    status = job.pair_status[pair]
    if status == "done":
        return
    if status == "failed":
        problem = next(e.problem for e in job.errors if e.index == pair)
        raise Problem(409, "pair-failed", "This pair failed", problem.get("detail", "the pair failed"), pair=pair,
                      **{k: problem[k] for k in ("field", "file", "line", "cue") if k in problem})
    if status == "cancelled":
        raise Problem(409, "cancelled", "Job cancelled", f"pair {pair} of job {job.id} was cancelled before it ran", pair=pair)
    raise Problem(409, "not-finished", "Not finished yet", f"pair {pair} of job {job.id} is {status}; {job.done + job.failed} of {job.total} pairs are finished",
                  pair=pair, headers={"Retry-After": "1"})


def _all_pairs(store: JobStore, job: Job) -> Response:
    """Every pair's JSON result (or problem) in one document, once the job has finished."""
    if job.status not in FINISHED:
        raise Problem(409, "not-finished", "Not finished yet", f"job {job.id} is {job.status}; {job.done + job.failed} of {job.total} pairs are finished",
                      headers={"Retry-After": "1"})
    problems = {e.index: e.problem for e in job.errors}
    pairs = []
    for index, status in enumerate(job.pair_status):
        entry: dict[str, Any] = {"pair": index, "status": status}
        if status == "done":
            output = store.output(job.id, job.owner, index, "json")
            entry["result"] = json.loads(output.content) if output and output.content else None
        elif index in problems:
            entry["problem"] = problems[index]
        pairs.append(entry)
    body = {"job": job.id, "status": job.status, "pairs": pairs}
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")

"""`transalign review OUT_DIR`: the review workspace over a batch's outputs, without the API.

The same page and script as the API's `/review/{job_id}`; the index lists the pairs with
how far each review has got. Meant for one reviewer on their own machine: it listens on
loopback by default and has no keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Body, FastAPI, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response

from transalign.errors import InputError, TransalignError
from transalign.review.exports import MEDIA_TYPES, export, file_name
from transalign.review.files import BatchReviews
from transalign.review.model import ReviewError
from transalign.review.page import STATIC_PATH, Endpoints, PairRow, asset, index_page, review_page
from transalign.review.result import result_from_dict

def create_app(folder: Path) -> FastAPI:
    reviews = BatchReviews(folder)
    app = FastAPI(title="transalign review", docs_url=None, redoc_url=None, openapi_url=None)

    def problem(status: int, detail: str, field: str | None = None) -> JSONResponse:
        body = {"status": status, "detail": detail, **({"field": field} if field else {})}
        return JSONResponse(body, status_code=status, media_type="application/problem+json")

    def result_of(pair: str) -> dict[str, Any] | JSONResponse:
        try:
            result = reviews.result(pair)
        except InputError as error:
            return problem(500, str(error))
        return problem(404, f"no pair {pair} in {folder}") if result is None else result

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        rows = []
        for pair in reviews.pairs():
            result = reviews.result(pair) or {"flags": [], "translation": {"segments": []}}
            review = reviews.review(pair, result)
            decided = sum(1 for flag in result["flags"] if review.status(flag["id"]) != "open")
            rows.append(PairRow(pair, len(result["flags"]), decided, len(review.edits)))
        return HTMLResponse(index_page(str(folder), rows))

    @app.get("/review/{pair}", response_class=HTMLResponse)
    def page(pair: str) -> Response:
        if reviews.result(pair) is None:
            return problem(404, f"no pair {pair} in {folder}")
        base = f"/pairs/{quote(pair, safe='')}"
        endpoints = Endpoints(f"{base}/result", f"{base}/review", f"{base}/export?format={{format}}", auth=False, back="/")
        return HTMLResponse(review_page(pair, endpoints))

    @app.get(STATIC_PATH + "/{name}")
    def static(name: str) -> Response:
        found = asset(name)
        if found is None:
            return problem(404, f"the review page has no file {name}")
        return Response(found[0], media_type=found[1], headers={"Cache-Control": "no-cache"})

    @app.get("/pairs/{pair}/result")
    def result(pair: str) -> Any:
        return result_of(pair)

    @app.get("/pairs/{pair}/review")
    def get_review(pair: str) -> Any:
        found = result_of(pair)
        return found if isinstance(found, JSONResponse) else reviews.review(pair, found).to_dict()

    @app.put("/pairs/{pair}/review")
    def put_review(pair: str, document: Any = Body()) -> Any:
        found = result_of(pair)
        if isinstance(found, JSONResponse):
            return found
        try:
            return reviews.save(pair, document, found).to_dict()
        except ReviewError as error:
            return problem(422, str(error), error.field)

    @app.get("/pairs/{pair}/export")
    def get_export(pair: str, fmt: str = Query(alias="format"), bilingual: bool = False) -> Response:
        found = result_of(pair)
        if isinstance(found, JSONResponse):
            return found
        if fmt not in MEDIA_TYPES:
            return problem(406, f"a reviewed export is one of {', '.join(MEDIA_TYPES)}, not {fmt}", "format")
        try:
            content = export(result_from_dict(found, reviews.cues(pair)), reviews.review(pair, found), fmt, bilingual=bilingual)
        except TransalignError as error:
            return problem(406, f"cannot make {fmt} for {pair}: {error}", "format")
        name = file_name(pair, fmt, bilingual=bilingual)
        return Response(content, media_type=MEDIA_TYPES[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return app

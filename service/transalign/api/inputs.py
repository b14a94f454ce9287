"""API inputs as the pipeline's `Document`s and `Options`, the same way for /v1/align and jobs.

A job stores each pair as plain JSON (`stored_*`) and a worker reads it back with
`from_stored`, so a pair is read by the same code whether it runs now or after a restart.
Input errors become problems that name the field (`pairs[2].source`), and for uploads the
file, with the line or cue the reader found.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from transalign.api.problems import Problem, from_input_error
from transalign.api.schemas import AlignOptions, AlignRequest, Segment, Side
from transalign.api.settings import Settings
from transalign.errors import InputError
from transalign.formats import document_from_segments, document_from_text, read_bytes
from transalign.options import Options
from transalign.types import Document


@dataclass(frozen=True)
class Pair:
    source: Document
    translation: Document
    options: Options
    requested_model: str | None = None  # the model the client named; failing to use it is an error, not a note


@dataclass(frozen=True)
class Upload:
    field: str  # the form field it came in
    name: str  # the client's file name: its extension tells the format
    data: bytes


def options_for(settings: Settings, source_lang: str, target_lang: str, options: AlignOptions, encoding: str | None = None) -> Options:
    if options.model is not None and options.use_model:
        check_requested_model(options.model, settings)
    return Options(
        source_lang=source_lang,
        target_lang=target_lang,
        segmented=options.segmented,
        encoding=encoding,
        use_dictionary=options.use_dictionary,
        use_model=options.use_model and settings.use_model,
        exclude_isnad=options.exclude_isnad,
        band=options.band,
        glossary=tuple((term.source, term.target) for term in options.glossary),
        model=options.model or settings.model,
        engine=settings.engine,
    )


def check_requested_model(name: str, settings: Settings) -> None:
    """A model the client names must be the one this server loads for all its workers (422 otherwise)."""
    from transalign.translate import default_model_for
    from transalign.translate.resolve import canonical_name

    served = settings.model or default_model_for(settings.source_lang, settings.target_lang)
    if not settings.use_model:
        reason = "this server runs without a model (--no-model)"
    elif served is None or canonical_name(name) != canonical_name(served):
        reason = f"this server loads {served} for {settings.source_lang}->{settings.target_lang} and no other model"
    else:
        return
    raise Problem(422, "model-unavailable", "The model asked for is not available", f"options.model '{name}': {reason}; "
                  "leave options.model out for the server's model, or run a server with --model for this one", field="options.model")


def from_request(request: AlignRequest, settings: Settings, prefix: str = "", pair: int | None = None) -> Pair:
    """Read both sides of a JSON request; `prefix` names the pair inside a job (`pairs[2].`)."""
    options = options_for(settings, request.source_lang, request.target_lang, request.options)
    try:
        source = _side(request.source, request.source_lang, prefix + "source", options.segmented)
        translation = _side(request.translation, request.target_lang, prefix + "translation", options.segmented)
    except InputError as error:
        raise from_input_error(error, pair=pair) from None
    return Pair(source, translation, options, request.options.model)


def from_files(
    source: Upload, translation: Upload, settings: Settings, source_lang: str, target_lang: str,
    options: AlignOptions, encoding: str | None, pair: int | None = None,
) -> Pair:
    """Read two uploaded files as the CLI reads files: format by extension, encoding detected."""
    opts = options_for(settings, source_lang, target_lang, options, encoding)
    documents = []
    for upload, lang in ((source, source_lang), (translation, target_lang)):
        try:
            documents.append(read_bytes(upload.data, upload.name, lang, encoding=encoding, segmented=opts.segmented))
        except InputError as error:
            raise from_input_error(error, field=upload.field, pair=pair) from None
    return Pair(documents[0], documents[1], opts, options.model)


def stored_request(request: AlignRequest, prefix: str = "") -> dict[str, Any]:
    return {"kind": "json", "prefix": prefix, "request": request.model_dump(mode="json", exclude_none=True)}


def stored_files(
    source: Upload, translation: Upload, source_lang: str, target_lang: str, options: AlignOptions, encoding: str | None
) -> dict[str, Any]:
    return {
        "kind": "files",
        "files": [
            {"field": u.field, "name": u.name, "data": base64.b64encode(u.data).decode("ascii")} for u in (source, translation)
        ],
        "source_lang": source_lang,
        "target_lang": target_lang,
        "encoding": encoding,
        "options": options.model_dump(mode="json"),
    }


def from_stored(data: dict[str, Any], settings: Settings, pair: int | None) -> Pair:
    """A stored pair, read in a worker process; `prefix` names it in problems (`pairs[2].`), `pair` is None for /v1/align."""
    if data["kind"] == "json":
        return from_request(AlignRequest.model_validate(data["request"]), settings, data.get("prefix", ""), pair)
    source, translation = (Upload(f["field"], f["name"], base64.b64decode(f["data"])) for f in data["files"])
    return from_files(
        source, translation, settings, data["source_lang"], data["target_lang"],
        AlignOptions.model_validate(data["options"]), data["encoding"], pair,
    )


def _side(side: Side, lang: str, name: str, segmented: bool) -> Document:
    if isinstance(side, str):
        return document_from_text(side, lang, name, segmented=segmented)
    items = [item.model_dump(exclude_none=True) if isinstance(item, Segment) else item for item in side]
    return document_from_segments(items, lang, name)

"""A result in every format a client can ask for, with its media type.

Job results are rendered once, when the pair finishes, and stored per format, so that
nothing needs rebuilding a `Result` from JSON later. A format that does not fit a pair
(bilingual SRT or VTT from an untimed source) is stored with the reason instead.
"""

from __future__ import annotations

import json

from transalign.api.jobs.store import Output
from transalign.errors import TransalignError
from transalign.report import FORMATS
from transalign.review.result import cues_document
from transalign.types import Result

CUES = "review-cues"  # stored with the formats, never answered as one (not in MEDIA_TYPES)
MEDIA_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "srt": "application/x-subrip; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8",
    "tmx": "application/x-tmx+xml; charset=utf-8",
}


def render(result: Result, fmt: str) -> Output:
    if fmt not in FORMATS:
        return Output(None, f"this server cannot write {fmt}; it writes {', '.join(FORMATS)}")
    try:
        return Output(FORMATS[fmt](result), None)
    except (TransalignError, ValueError) as error:
        return Output(None, f"cannot make {fmt} for this pair: {error}")


def render_all(result: Result) -> dict[str, Output]:
    """Every format, and the cues as read (`CUES`, for the reviewed exports: the JSON has only sentences)."""
    outputs = {fmt: render(result, fmt) for fmt in MEDIA_TYPES}
    outputs[CUES] = Output(json.dumps(cues_document(result), ensure_ascii=False), None)
    return outputs

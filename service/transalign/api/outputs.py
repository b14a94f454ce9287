"""A result in every format a client can ask for, with its media type.

Job results are rendered once, when the pair finishes, and stored per format, so that
nothing needs rebuilding a `Result` from JSON later. A format that does not fit a pair
(bilingual SRT or VTT from an untimed source) is stored with the reason instead.
"""

from __future__ import annotations

import json

from transalign.api.jobs.store import Output
from transalign.errors import TransalignError
from transalign.report.formats import FORMATS
from transalign.review.result import cues_document
from transalign.types import Result

CUES = "review-cues"  # stored with the formats, never answered as one (not in MEDIA_TYPES)
MEDIA_TYPES = {name: f.media_type for name, f in FORMATS.items()}


def render(result: Result, fmt: str) -> Output:
    if fmt not in FORMATS:
        return Output(None, f"this server cannot write {fmt}; it writes {', '.join(FORMATS)}")
    try:
        return Output(FORMATS[fmt].write(result), None)
    except (TransalignError, ValueError) as error:
        return Output(None, f"cannot make {fmt} for this pair: {error}")


def render_all(result: Result) -> dict[str, Output]:
    """Every format, and the cues as read (`CUES`, for the reviewed exports: the JSON has only sentences)."""
    outputs = {fmt: render(result, fmt) for fmt in MEDIA_TYPES}
    outputs[CUES] = Output(json.dumps(cues_document(result), ensure_ascii=False), None)
    return outputs

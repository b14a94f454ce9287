"""A result in every format a client can ask for, with its media type.

Job results are rendered once, when the pair finishes, and stored per format, so that
nothing needs rebuilding a `Result` from JSON later. The bilingual subtitle and TMX
exports come from `service.formats.exports` when that module is installed; a format that
cannot be made (no exports module, an untimed input for SRT) is stored with the reason.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from service.api.jobs.store import Output
from service.report import FORMATS
from service.types import Result

MEDIA_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "srt": "application/x-subrip; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8",
    "tmx": "application/x-tmx+xml; charset=utf-8",
}
_EXPORTS = {"srt": "to_bilingual_srt", "vtt": "to_bilingual_vtt", "tmx": "to_tmx"}


def renderer(fmt: str) -> Callable[[Result], str] | str:
    """The function making `fmt`, or the reason there is none."""
    if fmt in FORMATS:
        return FORMATS[fmt]
    try:
        exports = importlib.import_module("service.formats.exports")
    except ImportError:
        return f"the {fmt} export is not installed on this server (service.formats.exports is missing)"
    function = getattr(exports, _EXPORTS[fmt], None)
    return function if callable(function) else f"the {fmt} export is not available on this server"


def render(result: Result, fmt: str) -> Output:
    made = renderer(fmt)
    if isinstance(made, str):
        return Output(None, made)
    try:
        return Output(made(result), None)
    except Exception as error:  # an export that does not fit this pair (e.g. SRT from untimed text)
        return Output(None, f"cannot make {fmt} for this pair: {error}")


def render_all(result: Result) -> dict[str, Output]:
    return {fmt: render(result, fmt) for fmt in MEDIA_TYPES}

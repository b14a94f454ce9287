"""The output formats: one registry that the CLI, the batch runner and the API all read.

Each format has a name (the `--format` value and the file extension), the media type the
API answers with, whether it needs a timed source (bilingual subtitles sit on the source's
time codes) and whether its file name carries the language pair (the exports: so that
`ar.ar-en.srt` never overwrites a source `ar.srt`). Adding a format is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal, get_args

from transalign.report.exports import to_bilingual_srt, to_bilingual_vtt, to_tmx
from transalign.report.html_report import to_html
from transalign.report.json_report import to_json
from transalign.report.tsv_report import to_tsv
from transalign.types import Result


FormatName = Literal["json", "html", "tsv", "srt", "vtt", "tmx"]  # the names of FORMATS, for type checkers and the API's schema


@dataclass(frozen=True)
class Format:
    name: FormatName
    media_type: str
    write: Callable[[Result], str]
    needs_times: bool = False  # bilingual subtitles: only a timed source has time codes to put them on
    export: bool = False  # for a translator's tools; the file name carries the language pair


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "application/json", to_json),
        Format("html", "text/html; charset=utf-8", to_html),
        Format("tsv", "text/tab-separated-values; charset=utf-8", to_tsv),
        Format("srt", "application/x-subrip; charset=utf-8", to_bilingual_srt, needs_times=True, export=True),
        Format("vtt", "text/vtt; charset=utf-8", to_bilingual_vtt, needs_times=True, export=True),
        Format("tmx", "application/x-tmx+xml; charset=utf-8", to_tmx, export=True),
    )
}
if tuple(FORMATS) != get_args(FormatName):
    raise ImportError(f"FormatName {get_args(FormatName)} must name the formats of FORMATS {tuple(FORMATS)}, in order")
REPORTS = tuple(name for name, f in FORMATS.items() if not f.export)
EXPORTS = tuple(name for name, f in FORMATS.items() if f.export)
NEEDS_TIMES = tuple(name for name, f in FORMATS.items() if f.needs_times)


def write(result: Result, fmt: str) -> str:
    """`result` in the format named `fmt` (a KeyError for a name not in FORMATS)."""
    return FORMATS[fmt].write(result)


def file_name(stem: str, fmt: str, source_lang: str, target_lang: str) -> str:
    """`ar.json`; an export carries the language pair, `ar.ar-en.srt`."""
    infix = f".{source_lang}-{target_lang}" if FORMATS[fmt].export else ""
    return f"{stem}{infix}.{fmt}"


def unwritable(result: Result, fmt: str) -> str | None:
    """Why `fmt` cannot be made for this result, or None when it can."""
    if FORMATS[fmt].needs_times and not result.source.timed:
        return (
            f"{fmt} not written: {result.source.name} has no time codes, so there is nothing to put bilingual "
            "subtitles on (a timed source, .srt or .vtt, has them)"
        )
    return None


def writable(result: Result, formats: list[str] | tuple[str, ...]) -> tuple[Result, list[str]]:
    """The formats that can be made, and the result with a warning for each that cannot.

    `transalign align` and `batch` both write what they can and say what they could not,
    in the result's warnings (so the JSON and HTML say it too) and on standard error.
    """
    reasons = {fmt: reason for fmt in formats if (reason := unwritable(result, fmt))}
    if reasons:
        result = replace(result, warnings=result.warnings + tuple(reasons.values()))
    return result, [fmt for fmt in formats if fmt not in reasons]

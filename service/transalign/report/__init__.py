"""report stage: a `Result` as JSON, HTML or TSV (and the exports of transalign.formats.exports), and a one-paragraph summary."""

from dataclasses import replace

from transalign.formats.exports import to_bilingual_srt, to_bilingual_vtt, to_tmx
from transalign.report.html_report import to_html
from transalign.report.json_report import SCHEMA_VERSION, to_dict, to_json
from transalign.report.summary import summary
from transalign.report.tsv_report import to_tsv
from transalign.types import Result

FORMATS = {
    "json": to_json,
    "html": to_html,
    "tsv": to_tsv,
    "srt": to_bilingual_srt,  # bilingual subtitles on the source's time codes: a timed source only
    "vtt": to_bilingual_vtt,
    "tmx": to_tmx,
}

NEEDS_TIMES = ("srt", "vtt")


def unwritable(result: Result, fmt: str) -> str | None:
    """Why `fmt` cannot be made for this result, or None when it can."""
    if fmt in NEEDS_TIMES and not result.source.timed:
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


__all__ = ["FORMATS", "NEEDS_TIMES", "unwritable", "writable", "SCHEMA_VERSION", "summary", "to_dict", "to_html", "to_json", "to_tsv"]

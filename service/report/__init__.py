"""report stage: a `Result` as JSON, HTML or TSV (and the exports of service.formats.exports), and a one-paragraph summary."""

from service.formats.exports import to_bilingual_srt, to_bilingual_vtt, to_tmx
from service.report.html_report import to_html
from service.report.json_report import SCHEMA_VERSION, to_dict, to_json
from service.report.summary import summary
from service.report.tsv_report import to_tsv

FORMATS = {
    "json": to_json,
    "html": to_html,
    "tsv": to_tsv,
    "srt": to_bilingual_srt,  # bilingual subtitles on the source's time codes: a timed source only
    "vtt": to_bilingual_vtt,
    "tmx": to_tmx,
}

__all__ = ["FORMATS", "SCHEMA_VERSION", "summary", "to_dict", "to_html", "to_json", "to_tsv"]

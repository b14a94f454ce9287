"""report stage: a `Result` as a person or a program reads it (the formats of `report.formats`) and a one-paragraph summary."""

from transalign.report.formats import FORMATS, NEEDS_TIMES, Format, unwritable, writable, write
from transalign.report.html_report import to_html
from transalign.report.json_report import SCHEMA_VERSION, to_dict, to_json
from transalign.report.summary import summary
from transalign.report.tsv_report import to_tsv

__all__ = [
    "FORMATS", "NEEDS_TIMES", "Format", "unwritable", "writable", "write",
    "SCHEMA_VERSION", "summary", "to_dict", "to_html", "to_json", "to_tsv",
]

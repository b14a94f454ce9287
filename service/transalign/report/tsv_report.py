"""One bead per row, for spreadsheets and scripts; a bead's flags in the last three columns.

`flags` holds `kind:severity` pairs, most severe first, so a spreadsheet filter on it
finds every flagged row; `flag_ids` the ids review decisions are kept under; and
`flag_messages` the messages, joined with " | ".
"""

from __future__ import annotations

from transalign.beads import bead_span, bead_text
from transalign.report.text import timecode
from transalign.types import Flag, Result

COLUMNS = ("bead", "source_segments", "translation_segments", "score", "start", "end", "source", "translation", "rendering", "flags", "flag_ids", "flag_messages")


def to_tsv(result: Result) -> str:
    renderings = {r.bead: r.text for r in result.renderings}
    flags: dict[int, list[Flag]] = {}
    for flag in result.flags:  # already most severe first
        flags.setdefault(flag.bead, []).append(flag)
    rows = ["\t".join(COLUMNS)]
    for i, bead in enumerate(result.alignment.beads):
        start, end = bead_span(result, i)
        cells = (
            str(i),
            ",".join(map(str, bead.source)),
            ",".join(map(str, bead.target)),
            f"{bead.score:.3f}",
            timecode(start),
            timecode(end),
            bead_text(result.source, bead.source),
            bead_text(result.translation, bead.target),
            renderings.get(i, ""),
            ",".join(f"{f.kind}:{f.severity:.2f}" for f in flags.get(i, [])),
            ",".join(f.id for f in flags.get(i, [])),
            " | ".join(f.message for f in flags.get(i, [])),
        )
        rows.append("\t".join(_clean(c) for c in cells))
    return "\n".join(rows) + "\n"


def _clean(cell: str) -> str:
    """TSV has no quoting: tabs and newlines inside text become spaces."""
    return " ".join(cell.split())

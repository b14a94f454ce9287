"""One bead per row, for spreadsheets and scripts."""

from __future__ import annotations

from service.report.text import bead_span, bead_text, timecode
from service.types import Result

COLUMNS = ("bead", "source_segments", "translation_segments", "score", "start", "end", "source", "translation", "rendering")


def to_tsv(result: Result) -> str:
    renderings = {r.bead: r.text for r in result.renderings}
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
        )
        rows.append("\t".join(_clean(c) for c in cells))
    return "\n".join(rows) + "\n"


def _clean(cell: str) -> str:
    """TSV has no quoting: tabs and newlines inside text become spaces."""
    return " ".join(cell.split())

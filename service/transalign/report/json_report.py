"""The versioned JSON result (its fields are documented in docs/json-format.md).

A flag's evidence offsets point into its bead's segments joined with spaces, which is how
the checks read a bead; the JSON adds where that is in the documents (the segment and
the offset within it) and the bead's time span and cue numbers, so that a program can
point at the flag without rebuilding the join.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from transalign import __version__
from transalign.beads import bead_span
from transalign.types import Document, Evidence, Flag, Result

SCHEMA_VERSION = 1


def to_dict(result: Result) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "generator": f"transalign {__version__}",
        "source": _document(result.source),
        "translation": _document(result.translation),
        "length_ratio": round(result.alignment.length_ratio, 4),
        "beads": [
            {"source": list(b.source), "translation": list(b.target), "score": b.score, "features": b.features}
            for b in result.alignment.beads
        ],
        "renderings": [asdict(r) for r in result.renderings],
        "flags": [_flag(result, f) for f in result.flags],
        "checks": list(result.checks),
        "diffs": [{"bead": d.bead, "ops": [asdict(op) for op in d.ops]} for d in result.diffs],
        "notes": list(result.notes),
        "warnings": list(result.warnings),
    }


def to_json(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=1) + "\n"


def _flag(result: Result, flag: Flag) -> dict[str, Any]:
    bead = result.alignment.beads[flag.bead]
    start, end = bead_span(result, flag.bead)
    return {
        "id": flag.id,
        "kind": flag.kind,
        "severity": flag.severity,
        "bead": flag.bead,
        "message": flag.message,
        "evidence": [_evidence(result, bead.source if e.side == "source" else bead.target, e) for e in flag.evidence],
        "start": start,
        "end": end,
        "source_cues": _cues(result.source, bead.source),
        "translation_cues": _cues(result.translation, bead.target),
    }


def _evidence(result: Result, indices: tuple[int, ...], evidence: Evidence) -> dict[str, Any]:
    """The span, with the segment it starts in and its offsets within that segment (none for the rendering)."""
    out: dict[str, Any] = asdict(evidence)
    out.update(segment=None, segment_start=None, segment_end=None)
    if evidence.side == "rendering":
        return out
    document = result.source if evidence.side == "source" else result.translation
    offset = 0
    for k in indices:
        length = len(document.segments[k].text)
        if evidence.start <= offset + length:
            out.update(segment=k, segment_start=max(evidence.start - offset, 0), segment_end=evidence.end - offset)
            break
        offset += length + 1
    return out


def _cues(document: Document, indices: tuple[int, ...]) -> list[int]:
    """The cue numbers (or text lines) the bead's segments on one side came from."""
    return sorted({block for k in indices for block in document.segments[k].blocks})


def _document(document: Document) -> dict[str, Any]:
    return {
        "name": document.name,
        "lang": document.lang,
        "kind": document.kind,
        "encoding": document.encoding,
        "segments": [
            {"index": s.index, "text": s.text, "blocks": list(s.blocks), "start": s.start, "end": s.end}
            for s in document.segments
        ],
    }

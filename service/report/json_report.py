"""The versioned JSON result (its fields are documented in docs/json-format.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from service import __version__
from service.types import Document, Result

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
        "flags": [asdict(f) for f in result.flags],
        "checks": list(result.checks),
        "diffs": [{"bead": d.bead, "ops": [asdict(op) for op in d.ops]} for d in result.diffs],
        "notes": list(result.notes),
        "warnings": list(result.warnings),
    }


def to_json(result: Result) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=1) + "\n"


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

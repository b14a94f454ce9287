"""A `Result` rebuilt from its JSON, so that reviewed exports go through the same writers.

The JSON of a pair has its sentences, not the cues they were read from. The cues
(`Block`s) come from `cues_document`, stored beside a job's outputs, or from the
batch's input files; where neither is at hand they are rebuilt from the sentences that
point at them: a cue then starts where its earliest sentence starts and ends where its
latest one ends. That is exact at every time code the bilingual exports write, whole
runs of cues that no sentence crosses (see `service.review.exports`): the first
sentence of such a run starts at its first cue's own start and the last ends at its
last cue's own end (`service.text.segment` interpolates times only inside a cue). What
it loses is the cues inside a run, so the translation's own subtitles come out one cue
per run instead of cue by cue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from service.types import Alignment, Bead, Block, DiffOp, Document, Evidence, Flag, Rendering, Result, Segment, WordDiff


def cues_document(result: Result) -> dict[str, Any]:
    """Both sides' cues (or lines) as read, for `result_from_dict` to put back."""
    return {side: [asdict(block) for block in document.blocks] for side, document in (("source", result.source), ("translation", result.translation))}


def result_from_dict(data: Mapping[str, Any], cues: Mapping[str, Any] | None = None) -> Result:
    """The `Result` of a JSON result; `cues` (from `cues_document`) gives back the cues as read."""
    cues = cues or {}
    return Result(
        source=_document(data["source"], cues.get("source")),
        translation=_document(data["translation"], cues.get("translation")),
        alignment=Alignment(
            tuple(Bead(tuple(b["source"]), tuple(b["translation"]), b["score"], dict(b.get("features") or {})) for b in data["beads"]),
            data.get("length_ratio", 1.0),
        ),
        renderings=tuple(Rendering(r["bead"], r["text"], r["model"]) for r in data.get("renderings", [])),
        flags=tuple(_flag(f) for f in data.get("flags", [])),
        diffs=tuple(WordDiff(d["bead"], tuple(DiffOp(**op) for op in d["ops"])) for d in data.get("diffs", [])),
        checks=tuple(data.get("checks", [])),
        notes=tuple(data.get("notes", [])),
        warnings=tuple(data.get("warnings", [])),
    )


def _flag(data: Mapping[str, Any]) -> Flag:
    evidence = tuple(Evidence(e["side"], e["text"], e["start"], e["end"]) for e in data.get("evidence", []))
    return Flag(data["kind"], data["severity"], data["bead"], data["message"], evidence, data.get("id", ""))


def _document(data: Mapping[str, Any], cues: list[dict[str, Any]] | None) -> Document:
    segments = tuple(
        Segment(s["index"], s["text"], tuple(s.get("blocks") or ()), s.get("start"), s.get("end")) for s in data["segments"]
    )
    blocks = tuple(Block(**cue) for cue in cues or ())
    if not blocks or not {cue for s in segments for cue in s.blocks} <= {b.id for b in blocks}:
        blocks = _blocks(segments)  # no cues stored, or not the ones these sentences were read from
    return Document(data["name"], data["lang"], segments, blocks, data.get("kind", "txt"), data.get("encoding"))


def _blocks(segments: tuple[Segment, ...]) -> tuple[Block, ...]:
    """Each cue (or line) once, in the order the segments reach it, with the span and text of its segments."""
    spans: dict[int, list[float | None]] = {}
    texts: dict[int, list[str]] = {}
    for segment in segments:
        for cue in segment.blocks:
            span = spans.setdefault(cue, [segment.start, segment.end])
            if segment.start is not None and (span[0] is None or segment.start < span[0]):
                span[0] = segment.start
            if segment.end is not None and (span[1] is None or segment.end > span[1]):
                span[1] = segment.end
            texts.setdefault(cue, []).append(segment.text)
    return tuple(Block(cue, " ".join(texts[cue]), 0, start, end) for cue, (start, end) in spans.items())

"""A `Result` rebuilt from its JSON, so that reviewed exports go through the same writers.

The JSON of a pair has its sentences, not the cues they were read from. The cues
(`Block`s) come from `cues_document`, stored beside a job's outputs, or from the
batch's input files. Where neither is at hand (a job stored before cues were kept),
one cue is rebuilt for each run of cues that no sentence crosses, spanning its
sentences: the time codes at the ends of such a run are the cues' own (`transalign.text.segment`
interpolates times only inside a cue), but the cues inside a run are lost, so the
exports come out one cue per run (the bilingual ones cut runs longer than 7 s).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from typing import Any

from transalign.types import Alignment, Bead, Block, DiffOp, Document, Evidence, Flag, Rendering, Result, Segment, WordDiff


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
        segments, blocks = _runs(segments)  # no cues stored, or not the ones these sentences were read from
    return Document(data["name"], data["lang"], segments, blocks, data.get("kind", "txt"), data.get("encoding"))


def _runs(segments: tuple[Segment, ...]) -> tuple[tuple[Segment, ...], tuple[Block, ...]]:
    """One cue per run of cues that no sentence crosses, spanning its sentences, and the
    sentences pointed at it: the finest cues the sentences alone can vouch for."""
    runs: list[tuple[set[int], list[Segment]]] = []
    for segment in segments:
        if runs and set(segment.blocks) & runs[-1][0]:
            runs[-1][0].update(segment.blocks)
            runs[-1][1].append(segment)
        else:
            runs.append((set(segment.blocks), [segment]))
    blocks: list[Block] = []
    rebuilt: list[Segment] = []
    for cues, members in runs:
        number = min(cues) if cues else len(blocks) + 1
        starts = [s.start for s in members if s.start is not None]
        ends = [s.end for s in members if s.end is not None]
        blocks.append(Block(number, " ".join(s.text for s in members), 0, min(starts, default=None), max(ends, default=None)))
        rebuilt += [replace(s, blocks=(number,)) for s in members]
    return tuple(rebuilt), tuple(blocks)

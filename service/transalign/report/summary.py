"""A few lines a person reads in the terminal after a run."""

from __future__ import annotations

from collections import Counter

from transalign.types import Result


def summary(result: Result) -> str:
    beads = result.alignment.beads
    shapes = Counter(b.shape for b in beads)
    aligned = [b for b in beads if b.source and b.target]
    mean = sum(b.score for b in aligned) / len(aligned) if aligned else 0.0
    lines = [
        f"{result.source.name}: {len(result.source.segments)} segments ({result.source.lang}); "
        f"{result.translation.name}: {len(result.translation.segments)} segments ({result.translation.lang})",
        f"{len(beads)} beads: " + ", ".join(f"{n} x {shape}" for shape, n in shapes.most_common()) + f"; mean confidence {mean:.2f}",
    ]
    unaligned_source = sum(len(b.source) for b in beads if not b.target)
    unaligned_target = sum(len(b.target) for b in beads if not b.source)
    if unaligned_source or unaligned_target:
        lines.append(f"unaligned: {unaligned_source} source segment(s), {unaligned_target} translation segment(s)")
    kinds = Counter(f.kind for f in result.flags)
    lines.append(f"{len(result.flags)} flags" + (": " + ", ".join(f"{n} {k}" for k, n in kinds.most_common()) if kinds else ""))
    if result.renderings:
        lines.append(f"machine rendering: {len(result.renderings)} passages by {result.renderings[0].model}")
    lines.extend(result.notes)
    return "\n".join(lines)

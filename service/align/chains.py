"""Hadith text: a chain of narrators is aligned together with the text it introduces.

A sentence that is nothing but a chain ("حدثنا فلان، حدثنا فلان، عن فلان.") has no
English counterpart of its own: translations reduce the chain to a narrator line
("Abu Huraira reported:") at the head of the hadith. Aligned alone it would be a 1-0
bead, an omission; it belongs to the hadith that follows it, so it is glued to the next
segment before decoding and the beads are spread back over both afterwards.
"""

from __future__ import annotations

from dataclasses import replace

from service.diverge.isnad import isnad_end
from service.types import Document, Segment

Groups = list[list[int]]  # the segment indices each aligned unit holds


def is_chain(text: str) -> bool:
    """Whether the segment is a chain of narrators that stops before the text it introduces.

    A chain that ends a sentence ("... عن أبي هريرة، عن النبي صلى الله عليه وسلم بمثله.")
    is a report of its own: "the same hadith, through another chain", translated as such.
    """
    text = text.strip(" \u200f\u200e")
    if not text or text.endswith((".", "؟", "?", "!")):
        return False
    return isnad_end(text) >= len(text.rstrip(":؛ "))


def glue_chains(document: Document) -> tuple[Document, Groups]:
    """The document with every chain-only segment joined to the one after it (or before it, at the end)."""
    groups: Groups = []
    pending: list[int] = []
    for segment in document.segments:
        pending.append(segment.index)
        if not is_chain(segment.text):
            groups.append(pending)
            pending = []
    if pending:
        if groups:
            groups[-1].extend(pending)
        else:
            groups.append(pending)
    if all(len(g) == 1 for g in groups):
        return document, groups
    segments = tuple(_merged(i, [document.segments[k] for k in group]) for i, group in enumerate(groups))
    return replace(document, segments=segments), groups


def _merged(index: int, parts: list[Segment]) -> Segment:
    starts = [p.start for p in parts if p.start is not None]
    ends = [p.end for p in parts if p.end is not None]
    return Segment(
        index=index,
        text=" ".join(p.text for p in parts),
        blocks=tuple(b for p in parts for b in p.blocks),
        start=min(starts) if len(starts) == len(parts) else None,
        end=max(ends) if len(ends) == len(parts) else None,
    )

"""`addition`: translation content with no source counterpart.

- a 0-1 bead: an English sentence the aligner could pair with nothing;
- an English sentence inside a bead none of whose content words (MIN_WORDS at least) is
  supported by the source: no Arabic word glosses to it, no name skeleton or number
  matches, and the machine rendering (when there is one) does not have it either; the
  bead's other sentences must be supported, or the dictionary is just weak here.
"""

from __future__ import annotations

from service.diverge.context import BeadView, concepts_of, covers, keys_of
from service.diverge.flags import flag, quote
from service.text.segment import split_sentences
from service.types import Flag

NAME = "addition"
NEEDS_MODEL = False
UNALIGNED = 0.8
SENTENCE = 0.6
MIN_WORDS = 7  # content words in an English sentence before its support is judged
MIN_BEAD_SUPPORT = 0.6


def check(views: list[BeadView]) -> list[Flag]:
    flags = []
    for view in views:
        if view.translation and not view.source:
            message = f"English sentence {quote(view.translation, 50)} has no Arabic counterpart"
            flags.append(flag(NAME, UNALIGNED, view.index, message, [view.evidence("translation", 0, len(view.translation))]))
        elif view.translation and view.source:
            flags += _unsupported_sentences(view)
    return flags


def _unsupported_sentences(view: BeadView) -> list[Flag]:
    concepts = concepts_of(view.source_words) | concepts_of(view.rendering_words)
    keys = keys_of(view.source_words) + keys_of(view.rendering_words)
    content = [w for w in view.translation_words if w.content]
    supported = {w.start for w in content if covers(w, concepts, keys)}
    spans = split_sentences(view.translation, view.target_lang)
    if len(spans) < 2:
        return []
    flags = []
    for start, end in spans:
        inside = [w for w in content if start <= w.start < end]
        outside = [w for w in content if not start <= w.start < end]
        if len(inside) < MIN_WORDS or any(w.start in supported for w in inside) or any(_has_number(view, start, end)):
            continue
        rest = sum(w.start in supported for w in outside) / len(outside) if outside else 0.0
        if rest < MIN_BEAD_SUPPORT:
            continue
        message = f"English sentence {quote(view.translation[start:end], 50)} has no counterpart in the Arabic"
        flags.append(flag(NAME, SENTENCE, view.index, message, [view.evidence("translation", start, end)]))
    return flags[:1]


def _has_number(view: BeadView, start: int, end: int) -> list[bool]:
    source_values = {q.value for q in view.all_source_quantities}
    return [q.value in source_values for q in view.translation_quantities if start <= q.start < end]



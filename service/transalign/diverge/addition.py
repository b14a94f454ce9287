"""`addition`: translation content with no source counterpart.

- a 0-1 bead: an English sentence the aligner could pair with nothing;
- an English sentence inside a bead none of whose content words (MIN_WORDS at least) is
  supported by the source: no Arabic word glosses to it, no name skeleton or number
  matches, and the machine rendering (when there is one) does not have it either; the
  bead's other sentences must be supported, or the dictionary is just weak here;
- a sentence appended to an aligned line: the English is much longer than the document's
  length ratio predicts (LONG) and one of its sentences is hardly supported (APPENDED_SUPPORT)
  while the others are clearly better supported (benchmarks/divergence_eval.py --corpus
  tico19 --half tune: faithful beads keep under 1.2 times the predicted length in nine
  cases out of ten, lines with a sentence appended over 1.25).
"""

from __future__ import annotations

import re

from transalign.diverge.context import BeadView, concepts_of, covers, keys_of
from transalign.diverge.flags import flag, quote
from transalign.diverge import severity
from transalign.types import Flag, FlagKind

NAME: FlagKind = "addition"
NEEDS_MODEL = False
UNALIGNED = severity.STRONG  # an English sentence the aligner could pair with nothing
SENTENCE = severity.POSSIBLE  # an English sentence of a bead none of whose content words the source supports
MIN_WORDS = 7  # content words in an English sentence before its support is judged
MIN_BEAD_SUPPORT = 0.6
APPENDED = severity.POSSIBLE  # a sentence appended to an aligned line
LONG = 1.2  # English length / the length the document's ratio predicts, before an appended sentence is looked for
APPENDED_SUPPORT = 0.4  # ... whose words the Arabic supports this little at most
SUPPORT_GAP = 0.1  # ... while every other sentence of the bead is supported this much better
MIN_APPENDED_WORDS = 4


def check(views: list[BeadView]) -> list[Flag]:
    flags = []
    for view in views:
        if view.translation and not view.source:
            message = f"English sentence {quote(view.translation, 50)} has no Arabic counterpart"
            flags.append(flag(NAME, UNALIGNED, view.index, message, [view.evidence("translation", 0, len(view.translation))]))
        elif view.translation and view.source:
            flags += _unsupported_sentences(view) or _appended(view)
    return flags


def _appended(view: BeadView) -> list[Flag]:
    """An English sentence the bead's Arabic hardly supports, in an English too long for the
    Arabic: a sentence from elsewhere appended to an aligned line."""
    ratio = view.features.get("length_ratio")
    spans = view.translation_sentences
    if len(spans) < 2:  # transcripts in lower case: the splitter wants a capital after the stop
        spans = _stops(view.translation)
    if ratio is None or ratio < LONG or len(spans) < 2 or view.hadith:  # hadith English glosses at length
        return []
    shares = [(_support(view, start, end), (start, end)) for start, end in spans]
    (share, known), (start, end) = min(((s, k), span) for (s, k), span in shares if k >= MIN_APPENDED_WORDS) if any(k >= MIN_APPENDED_WORDS for (_, k), _ in shares) else ((1.0, 0), (0, 0))
    others = [s for (s, k), span in shares if span != (start, end) and k]
    if share > APPENDED_SUPPORT or not others or min(others) < share + SUPPORT_GAP:
        return []
    message = (f"English sentence {quote(view.translation[start:end], 50)} has no counterpart in the Arabic "
               f"({share:.0%} of its words supported; the English is {ratio:.0%} of the length the document's ratio predicts)")
    return [flag(NAME, APPENDED, view.index, message, [view.evidence("translation", start, end)])]


def _stops(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.end() for m in re.finditer(r"[.!?]\s+(?=\w)", text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def _support(view: BeadView, start: int, end: int) -> tuple[float, int]:
    """The share of the English content words in [start, end) that the Arabic (or the rendering)
    supports, and how many there are."""
    concepts = concepts_of(view.source_words) | concepts_of(view.rendering_words)
    keys = keys_of(view.source_words) + keys_of(view.rendering_words)
    inside = [w for w in view.translation_words if w.content and start <= w.start < end]
    return (sum(covers(w, concepts, keys) for w in inside) / len(inside) if inside else 1.0), len(inside)


def _unsupported_sentences(view: BeadView) -> list[Flag]:
    concepts = concepts_of(view.source_words) | concepts_of(view.rendering_words)
    keys = keys_of(view.source_words) + keys_of(view.rendering_words)
    content = [w for w in view.translation_words if w.content]
    supported = {w.start for w in content if covers(w, concepts, keys)}
    spans = view.translation_sentences
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



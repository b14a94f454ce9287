"""Which script a document is written in, to catch a source and a translation given the wrong way round.

Only Arabic and Latin script are told apart: they are the languages this tool is built
for, and a letter's script is read from its Unicode name (no table to keep up to date).
A side with too few letters to tell says nothing.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable

from transalign.text.normalize import is_arabic_script
from transalign.types import Document

MIN_LETTERS = 20  # fewer letters than this (a name, a number) do not tell a script
MAJORITY = 0.6  # share of letters one script needs to count as the document's
SAMPLE_CHARS = 5000  # the first characters decide; a document does not change script halfway
SCRIPTS = ("arabic", "latin")


def dominant_script(texts: Iterable[str]) -> str | None:
    """'arabic' or 'latin' when most letters of the texts are in that script, else None."""
    counts: Counter[str] = Counter()
    seen = 0
    for text in texts:
        for char in text[: SAMPLE_CHARS - seen]:
            if char.isalpha():
                name = unicodedata.name(char, "").split(" ", 1)[0].lower()
                counts[name if name in SCRIPTS else "other"] += 1
        seen += len(text)
        if seen >= SAMPLE_CHARS:
            break
    total = sum(counts.values())
    if total < MIN_LETTERS:
        return None
    script, count = max(((s, counts[s]) for s in SCRIPTS), key=lambda item: item[1])
    return script if count >= MAJORITY * total else None


def expected_script(lang: str) -> str:
    """Arabic for ar, fa, ur... ; Latin for the rest this tool handles (en, fr...)."""
    return "arabic" if is_arabic_script(lang) else "latin"


def script_warnings(source: Document, translation: Document) -> tuple[str, ...]:
    """A warning when a side is not in its language's script; one saying 'swapped' when both are the other's."""
    found = {}
    for document in (source, translation):
        script = dominant_script(segment.text for segment in document.segments)
        if script is not None and script != expected_script(document.lang):
            found[document.name] = script
    if len(found) == 2 and expected_script(source.lang) != expected_script(translation.lang):
        return (
            f"source and translation look swapped: {source.name} is in {found[source.name].title()} script and "
            f"{translation.name} in {found[translation.name].title()} script, but the source was read as "
            f"'{source.lang}' and the translation as '{translation.lang}'; give the source first (or set "
            "--source-lang and --target-lang)",
        )
    return tuple(
        f"{name} is mostly in {script.title()} script, not the script of '{document.lang}'; check that it is the right file"
        for document in (source, translation)
        if (name := document.name) in found and (script := found[name])
    )

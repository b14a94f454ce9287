"""The pipeline's second alignment of an unpunctuated transcript reuses the first one's segment readings."""

from __future__ import annotations

import re
from pathlib import Path

from transalign import pipeline
from transalign.align import align, align_and_split
from transalign.formats import document_from_text
from transalign.options import Options
from transalign.text.resplit import split_at_translation

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"


def test_the_re_split_transcript_aligns_through_the_cache_as_it_aligns_afresh() -> None:
    """The cache is keyed by each segment's text, so the sentences the re-split cut are read
    anew and the others are taken from the first pass: the alignment is a fresh one's."""
    unpunctuated = re.sub(r"[.؟?!،,؛;:«»\"()]", "", (FIXTURE / "ar.txt").read_text(encoding="utf-8"))
    source = document_from_text(unpunctuated, "ar", "asr.txt")
    translation = document_from_text((FIXTURE / "en.txt").read_text(encoding="utf-8"), "en", "en.txt")
    options = Options(use_model=False)
    first_source, first_translation, first = align_and_split(source, translation, options)
    resplit = split_at_translation(first_source, first_translation, first)
    assert resplit is not None  # the path under test: some sentences were cut at the English boundaries
    result = pipeline.run(source, translation, options)
    assert result.source == resplit
    assert result.alignment == align(resplit, first_translation, options)  # no cache: every segment read afresh

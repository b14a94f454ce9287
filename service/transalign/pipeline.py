"""The one pipeline every entry point calls: align, render, compare (flags and word diffs)."""

from __future__ import annotations

from dataclasses import replace

from transalign.align import align, align_and_split
from transalign.align.concepts import SegmentCache
from transalign.align.sync import describe as describe_sync
from transalign.beads import bead_text
from transalign.diverge import MODEL_CHECKS, check, word_diffs
from transalign.options import Options
from transalign.text.resplit import split_at_translation
from transalign.text.script import script_warnings
from transalign.text.segment import is_unpunctuated
from transalign.translate.availability import ModelAvailability
from transalign.translate.base import Translator
from transalign.types import Alignment, Document, Rendering, Result


def run(source: Document, translation: Document, options: Options | None = None, model: ModelAvailability | None = None,
        processes: int = 1) -> Result:
    """Align `translation` to `source`, render the source with a model when one is available.

    `model` is the translator this process loaded, or why there is none (the CLI, batch
    workers and API workers build it once, `ModelAvailability`); without it the model
    named in `options` is loaded here. Alignment needs no model: a run without one says
    why in its notes instead of failing. `processes`: how many a long document's checks
    may use (the CLI's `--processes`; diverge/parallel.py); the result is the same.
    """
    options = options or Options()
    if model is None:
        model = ModelAvailability.for_options(options)  # before aligning, so that a named model that is missing fails at once
    translator = model.translator if options.use_model else None
    notes: list[str] = [model.note] if options.use_model and model.note else []
    cache: SegmentCache = {}  # each segment read once: the re-split below aligns again only the sentences it cut
    source, translation, alignment = align_and_split(source, translation, options, cache)
    unpunctuated = source.kind != "segments" and not options.segmented and is_unpunctuated(" ".join(s.text for s in source.segments))
    if unpunctuated and (resplit := split_at_translation(source, translation, alignment)):
        source, alignment = resplit, align(resplit, translation, options, cache=cache)
    if alignment.sync is not None and (said := describe_sync(alignment.sync, source, translation)):
        notes.append(said)
    renderings: tuple[Rendering, ...] = ()
    if translator is not None:
        renderings = render(source, alignment, translator)
        if translator.is_test_model:
            notes.append(f"The machine rendering comes from {translator.model_id}, a small test model: it is not a translation.")
    if unpunctuated:
        notes.append(
            f"{source.name} has no sentence punctuation (a speech-recognition transcript?): it was split into "
            "sentences before reporting verbs (وقال، وأضاف، وأشار …), at length limits and where the translation "
            "has several sentences for one; check the segment boundaries."
        )
    warnings = source.warnings + translation.warnings + script_warnings(source, translation)
    result = Result(source=source, translation=translation, alignment=alignment, renderings=renderings, warnings=warnings)
    flags, checks = check(result, options, translator, processes)
    if translator is None:
        notes.append(f"Checks run: {', '.join(checks)}; not run without a model: {', '.join(MODEL_CHECKS)}.")
    return replace(result, flags=flags, checks=checks, diffs=word_diffs(result, renderings), notes=tuple(notes))


def render(source: Document, alignment: Alignment, translator: Translator) -> tuple[Rendering, ...]:
    """Translate each bead's source text (one call, so the engine can batch)."""
    indices = [i for i, bead in enumerate(alignment.beads) if bead.source]
    texts = [bead_text(source, alignment.beads[i].source) for i in indices]
    outputs = translator.translate(texts) if texts else []
    return tuple(Rendering(bead=i, text=text, model=translator.model_id) for i, text in zip(indices, outputs))


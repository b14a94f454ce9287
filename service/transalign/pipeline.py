"""The one pipeline every entry point calls: align, render, compare (flags and word diffs)."""

from __future__ import annotations

from dataclasses import replace

from transalign.align import align, align_and_split
from transalign.align.sync import describe as describe_sync
from transalign.diverge import MODEL_CHECKS, check, word_diffs
from transalign.errors import ModelError
from transalign.options import Options
from transalign.text.resplit import split_at_translation
from transalign.text.script import script_warnings
from transalign.text.segment import is_unpunctuated
from transalign.types import Alignment, Document, Rendering, Result


def run(source: Document, translation: Document, options: Options | None = None, translator=None) -> Result:
    """Align `translation` to `source`, render the source with a model when one is available.

    `translator` is an already loaded model (the API and batch workers load one per
    process); without it the model named in `options` is loaded, and when none can be,
    the result says so instead of failing: alignment needs no model. A model the user
    named (`options.model`) that cannot be loaded is a `ModelError`: they asked for it.
    """
    options = options or Options()
    notes: list[str] = []
    if options.use_model and translator is None:
        try:
            translator = _load(options)  # before aligning, so that a named model that is missing fails at once
        except ModelError as error:
            if options.model:
                raise
            notes.append(f"No machine rendering was made: {error}")
    source, translation, alignment = align_and_split(source, translation, options)
    unpunctuated = source.kind != "segments" and not options.segmented and is_unpunctuated(" ".join(s.text for s in source.segments))
    if unpunctuated and (resplit := split_at_translation(source, translation, alignment)):
        source, alignment = resplit, align(resplit, translation, options)
    if alignment.sync is not None and (said := describe_sync(alignment.sync, source, translation)):
        notes.append(said)
    renderings: tuple[Rendering, ...] = ()
    loaded = None
    if options.use_model and translator is not None:
        renderings = render(source, alignment, translator)
        loaded = translator
        if getattr(translator, "is_test_model", False):
            notes.append(f"The machine rendering comes from {translator.model_id}, a small test model: it is not a translation.")
    if unpunctuated:
        notes.append(
            f"{source.name} has no sentence punctuation (a speech-recognition transcript?): it was split into "
            "sentences before reporting verbs (وقال، وأضاف، وأشار …), at length limits and where the translation "
            "has several sentences for one; check the segment boundaries."
        )
    warnings = source.warnings + translation.warnings + script_warnings(source, translation)
    result = Result(source=source, translation=translation, alignment=alignment, renderings=renderings, warnings=warnings)
    flags, checks = check(result, options, loaded)
    if loaded is None:
        notes.append(f"Checks run: {', '.join(checks)}; not run without a model: {', '.join(MODEL_CHECKS)}.")
    return replace(result, flags=flags, checks=checks, diffs=word_diffs(result, renderings), notes=tuple(notes))


def render(source: Document, alignment: Alignment, translator) -> tuple[Rendering, ...]:
    """Translate each bead's source text (one call, so the engine can batch)."""
    indices = [i for i, bead in enumerate(alignment.beads) if bead.source]
    texts = [" ".join(source.segments[k].text for k in alignment.beads[i].source) for i in indices]
    outputs = translator.translate(texts) if texts else []
    return tuple(Rendering(bead=i, text=text, model=translator.model_id) for i, text in zip(indices, outputs))


def _load(options: Options):
    from transalign.translate import load_translator  # torch loads only when a model is wanted

    return load_translator(options.model, options.engine, source_lang=options.source_lang, target_lang=options.target_lang)

"""One worker process of a batch: loads the model once, then aligns pairs and writes their outputs.

Workers ignore SIGINT: Ctrl-C in a terminal reaches the whole process group, and the
parent decides what stopping means (let the pairs in flight finish, start no more).
"""

from __future__ import annotations

import os
import resource
import signal
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transalign.batch.pairing import Pair
from transalign.batch.state import MARKER, input_record, output_name, pair_dir, write_marker
from transalign.errors import InputError, TransalignError
from transalign.formats import read_document
from transalign.formats.write import write_atomic
from transalign.options import Options
from transalign.report.formats import EXPORTS, REPORTS
from transalign.translate.availability import ModelAvailability
from transalign.types import Result

_model = ModelAvailability.unwanted()  # this worker process's model, loaded once by init_worker


@dataclass(frozen=True)
class PairOutcome:
    """What became of one pair; `counts` (for the overview) when it succeeded."""

    name: str
    status: str  # done | up to date | failed | not run
    counts: dict[str, Any] | None = None
    error: str | None = None
    seconds: float = 0.0
    worker: int | None = None  # process id
    peak_rss_kib: int | None = None  # the worker's peak resident memory so far
    model_loads: int = 0  # how many times this worker has loaded the model (1 at most)

    @property
    def succeeded(self) -> bool:
        return self.status in ("done", "up to date")


def init_worker(options: Options) -> None:
    """Process pool initializer: ignore Ctrl-C, load the translation model once for this process."""
    global _model
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if options.use_model:
        _model = ModelAvailability.load(options.model, options.engine, source_lang=options.source_lang, target_lang=options.target_lang)


def process_pair(pair: Pair, out: Path, options: Options) -> PairOutcome:
    """Align one pair and write all its outputs, marker last; never raises for a bad pair."""
    began = time.perf_counter()
    folder = pair_dir(out, pair)
    (folder / MARKER).unlink(missing_ok=True)
    message: str | None
    try:
        counts = _align_and_write(pair, folder, options)
    except Exception as error:  # one bad pair must not stop the batch: report it and go on
        _remove_outputs(folder, pair, options)
        status, counts, message = "failed", None, _describe(error)
    else:
        status, message = "done", None
    return PairOutcome(
        name=pair.name,
        status=status,
        counts=counts,
        error=message,
        seconds=round(time.perf_counter() - began, 3),
        worker=os.getpid(),
        peak_rss_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        model_loads=int(_model.translator is not None),
    )


def _align_and_write(pair: Pair, folder: Path, options: Options) -> dict[str, Any]:
    from transalign.pipeline import run
    from transalign.report import FORMATS, writable

    inputs = {"source": _input_record(pair.source), "translation": _input_record(pair.translation)}
    source = read_document(pair.source, options.source_lang, encoding=options.encoding, segmented=options.segmented)
    translation = read_document(
        pair.translation, options.target_lang, encoding=options.encoding, segmented=options.segmented
    )
    # A model the operator named and this worker could not load fails the pair: a result without it is not what they asked for.
    model = _model.for_pair(options.source_lang, options.target_lang, named=options.model) if options.use_model else _model
    result = run(source, translation, options, model)
    result, formats = writable(result, REPORTS + EXPORTS)
    texts = {fmt: FORMATS[fmt].write(result) for fmt in formats}  # render all before writing any
    names = []
    for fmt, text in texts.items():
        name = output_name(pair, fmt, options)
        write_atomic(folder / name, text)
        names.append(name)
    counts = pair_counts(result, names)
    counts["not_written"] = [fmt for fmt in REPORTS + EXPORTS if fmt not in formats]
    write_marker(folder, pair, inputs, options, names, counts)
    return counts


def _input_record(path: Path) -> dict[str, Any]:
    """Taken before reading, so that a file changed meanwhile makes the marker stale, not wrong."""
    try:
        return input_record(path)
    except OSError as error:
        raise InputError(str(path), f"cannot read the file ({error.strerror or error})") from None


def pair_counts(result: Result, outputs: list[str]) -> dict[str, Any]:
    """The figures the overview shows for a pair, kept in its marker so skipped pairs keep them."""
    beads = result.alignment.beads
    aligned = [b for b in beads if b.source and b.target]
    return {
        "source": result.source.name,
        "translation": result.translation.name,
        "source_segments": len(result.source.segments),
        "translation_segments": len(result.translation.segments),
        "beads": len(beads),
        "aligned_beads": len(aligned),
        "unaligned_source": sum(len(b.source) for b in beads if not b.target),
        "unaligned_translation": sum(len(b.target) for b in beads if not b.source),
        "mean_score": round(sum(b.score for b in aligned) / len(aligned), 3) if aligned else 0.0,
        "flags": len(result.flags),
        "flags_by_kind": dict(Counter(f.kind for f in result.flags).most_common()),
        "model": result.renderings[0].model if result.renderings else None,
        "timed": result.source.timed,
        "outputs": outputs,
        "notes": list(result.notes),
        "warnings": list(result.warnings),
    }


def _remove_outputs(folder: Path, pair: Pair, options: Options) -> None:
    """A failed pair keeps no outputs of an earlier run: they would look current."""
    for fmt in REPORTS + EXPORTS:
        (folder / output_name(pair, fmt, options)).unlink(missing_ok=True)


def _describe(error: Exception) -> str:
    if isinstance(error, TransalignError):
        return str(error)
    where = traceback.extract_tb(error.__traceback__)[-1]
    return f"internal error {type(error).__name__}: {error} ({Path(where.filename).name}:{where.lineno})"

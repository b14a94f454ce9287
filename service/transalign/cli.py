"""`transalign` command line: align a pair, run a batch, manage models, serve the API."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from transalign import __version__
from transalign.errors import InputError, ModelError, TransalignError
from transalign.cli_options import add_pipeline_arguments, options_from_args
from transalign.types import Result

EXIT_INPUT = 2
EXIT_MODEL = 3


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InputError as error:
        print(f"transalign: input error: {error}", file=sys.stderr)
        return EXIT_INPUT
    except ModelError as error:
        print(f"transalign: model error: {error}", file=sys.stderr)
        return EXIT_MODEL
    except TransalignError as error:
        print(f"transalign: {error}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="transalign", description="Align a transcript with its translation and flag where they diverge.")
    parser.add_argument("--version", action="version", version=f"transalign {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    align = commands.add_parser("align", help="align one source file with its translation")
    align.add_argument("source", type=Path, help="source transcript (.txt, .srt, .vtt)")
    align.add_argument("translation", type=Path, help="its translation (.txt, .srt, .vtt)")
    align.add_argument("--format", default="json", help="json, html, tsv, or the exports srt, vtt (bilingual subtitles, timed source) and tmx; several comma-separated (e.g. json,html) need --out DIR")
    align.add_argument("--out", type=Path, help="output file, or folder for several formats (default: standard output)")
    align.add_argument("--quiet", action="store_true", help="do not print the summary")
    align.add_argument("--retime", action="store_true", help="also write the translation's subtitles on the source's clock, as the alignment places them (OUT/<translation>.retimed.srt or .vtt); needs two subtitle files and --out")
    align.add_argument("--processes", type=int, help="processes a long document's checks run on, the same flags whatever the number "
                       "(default: the CPUs this process may use, $TRANSALIGN_THREADS if set; 1: in this process)")
    add_pipeline_arguments(align)
    align.set_defaults(func=run_align)

    from transalign.models_cli import add_parser as add_models_parser

    add_models_parser(commands)
    from transalign.api.cli import add_parser as add_serve_parser

    add_serve_parser(commands)
    from transalign.batch.cli import add_parser as add_batch_parser

    add_batch_parser(commands)
    from transalign.review.cli import add_parser as add_review_parser

    add_review_parser(commands)
    return parser


def run_align(args: argparse.Namespace) -> int:
    from transalign.formats import read_document
    from transalign.formats.write import write_atomic
    from transalign.pipeline import run
    from transalign.report import FORMATS, summary, writable
    from transalign.report.formats import NEEDS_TIMES
    from transalign.translate.availability import ModelAvailability
    from transalign.translate.device import cpu_threads

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError("--format", f"unknown format {', '.join(unknown) or '(none)'}", expected=", ".join(FORMATS))
    if len(formats) > 1 and args.out is None:
        raise InputError("--out", "several formats need an output folder", expected="--out DIR")
    if args.retime and args.out is None:
        raise InputError("--retime", "writes a subtitle file, so it needs an output", expected="--out DIR (or --out FILE: written beside it)")
    if args.processes is not None and args.processes < 1:
        raise InputError("--processes", f"{args.processes}", expected="1 or more processes")
    options = options_from_args(args)
    asked = list(formats)
    source = read_document(args.source, options.source_lang, encoding=options.encoding, segmented=options.segmented)
    translation = read_document(args.translation, options.target_lang, encoding=options.encoding, segmented=options.segmented)
    for warning in source.warnings + translation.warnings:
        print(f"transalign: warning: {warning}", file=sys.stderr)
    processes = args.processes or cpu_threads()
    result = run(source, translation, options, ModelAvailability.for_options(options), processes)  # the one run of this process
    result, formats = writable(result, formats)
    if not formats:  # nothing asked for can be made: that is an error, not a warning
        raise InputError(str(args.source), "has no time codes, so there is nothing to put bilingual subtitles on",
                         expected=f"a timed source (.srt or .vtt) for {' and '.join(NEEDS_TIMES)}; the other formats need none")
    outputs = {fmt: FORMATS[fmt].write(result) for fmt in formats}  # render all before writing any
    retimed = _retimed(result) if args.retime else None
    written: list[Path] = []
    if args.out is None:
        sys.stdout.write(outputs[formats[0]])
    else:
        single_file = len(asked) == 1 and bool(args.out.suffix)
        for fmt, text in outputs.items():
            path = args.out if single_file else _output_path(args, fmt)
            write_atomic(path, text)
            written.append(path)
        if retimed is not None:
            folder = args.out.parent if single_file else args.out
            path = folder / f"{args.translation.stem}.retimed.{result.translation.kind}"
            write_atomic(path, retimed)
            written.append(path)
    for warning in result.warnings[len(source.warnings) + len(translation.warnings):]:  # those of the run and the outputs
        print(f"transalign: warning: {warning}", file=sys.stderr)
    if not args.quiet:
        print(summary(result), file=sys.stderr)
        if written:
            print("wrote " + ", ".join(map(str, written)), file=sys.stderr)
    return 0


def _retimed(result: Result) -> str:
    """The translation's subtitles on the source's clock, or an input error saying why there are none."""
    from transalign.align.sync import MIN_BEADS, MIN_SCORE
    from transalign.report.retime import retimed_subtitles

    for document in (result.source, result.translation):
        if document.kind not in ("srt", "vtt"):
            raise InputError(document.name, "is not a subtitle file, so --retime has no clock to work from", expected="a .srt or .vtt file")
    if result.alignment.sync is None:
        raise InputError(
            result.translation.name, "too few sure sentence pairs agree on how its clock runs against the source's",
            expected=f"subtitles of the same programme, with at least {MIN_BEADS} beads of confidence {MIN_SCORE} or more",
        )
    return retimed_subtitles(result.translation, result.alignment.sync)


def _output_path(args: argparse.Namespace, fmt: str) -> Path:
    """`ar.json`; bilingual exports carry the pair, `ar.ar-en.srt`, so they never overwrite a source `ar.srt`."""
    from transalign.report.formats import file_name

    return args.out / file_name(args.source.stem, fmt, args.source_lang, args.target_lang)


if __name__ == "__main__":
    sys.exit(main())

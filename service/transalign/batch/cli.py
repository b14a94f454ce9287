"""`transalign batch`: align every pair of a folder (or two, or a manifest) into an output folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from transalign.batch.pairing import Pairing, pair_folders, pair_manifest, pair_suffixes
from transalign.errors import InputError
from transalign.cli_options import add_pipeline_arguments, options_from_args

if TYPE_CHECKING:
    from transalign.batch.engine import Engine

EPILOG = """pairing: two folders pair files by name (ep01.srt with ep01.srt or ep01.vtt; a .ar/.en
language suffix is ignored); one folder pairs ep01.ar.srt with ep01.en.srt; --manifest reads
source,translation[,name] rows. exit status: 0 all pairs succeeded; 2 bad arguments or no pairs;
4 some pairs failed or some files had no partner; 5 no pair succeeded; 130 stopped by Ctrl-C
(run again to resume). --engine ray runs the same pairs, with the same outputs, on Ray actors:
a batch begun on one engine resumes on the other."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `batch`; its `func(args)` runs the batch and returns the exit status."""
    parser = subparsers.add_parser(
        "batch", help="align every pair in a folder (or two folders, or a manifest)", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("source_dir", type=Path, nargs="?", metavar="SOURCE_DIR", help="folder of source files (or of both, with language suffixes)")
    parser.add_argument("translation_dir", type=Path, nargs="?", metavar="TRANSLATION_DIR", help="folder of translations, paired by name")
    parser.add_argument("--manifest", type=Path, help="CSV of source,translation[,name] rows instead of folders")
    parser.add_argument("--out", type=Path, required=True, help="output folder: one subfolder per pair, index.html, summary.csv")
    parser.add_argument("--jobs", type=int, help="workers, each loading the model once: processes (default 1), "
                        "or Ray actors (default: as many as the cluster has room for)")
    parser.add_argument("--force", action="store_true", help="redo pairs whose outputs are already up to date")
    parser.add_argument("--engine", dest="batch_engine", default="local", choices=("local", "ray"),
                        help="where pairs run: worker processes here (default) or actors on a Ray cluster "
                        "(inputs and --out on a filesystem every node sees); the translation engine is --model-engine")
    parser.add_argument("--address", help="with --engine ray: the cluster's head, e.g. 10.0.0.5:6379 or auto "
                        "(default: start a local Ray on this machine)")
    parser.add_argument("--cpus-per-actor", type=float, default=1, help="with --engine ray: CPUs each actor reserves (default 1)")
    parser.add_argument("--gpus-per-actor", type=float,
                        help="with --engine ray: GPUs each actor reserves (default 1 when the cluster has GPUs and a model is used, else 0)")
    add_pipeline_arguments(parser, engine_flags=("--model-engine",))
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from transalign.batch.runner import EXIT_STOPPED, run_batch  # rich and multiprocessing: only a batch needs them

    engine = make_engine(args)
    pairing = find_pairs(args)
    if not pairing.pairs:
        for item in pairing.unpaired:
            print(f"unpaired: {item.path}: {item.reason}", file=sys.stderr)
        where = args.manifest or args.source_dir
        raise InputError(str(where), f"no pairs found ({len(pairing.unpaired)} unpaired file(s))",
                         expected="files paired by name, by .lang suffix, or listed in --manifest")
    options = options_from_args(args)
    if options.use_model and options.model:
        check_named_model(options.model)
    try:
        report = run_batch(pairing, args.out, options, force=args.force, engine=engine)
    except KeyboardInterrupt:
        return EXIT_STOPPED
    print(report.summary(), file=sys.stderr)
    print(f"wrote {args.out / 'index.html'} and {args.out / 'summary.csv'}", file=sys.stderr)
    return report.exit_status


def check_named_model(name: str) -> None:
    """Refuse the whole batch (exit 3) when the model the operator named is not on this machine.

    Every pair would fail the same way, or come out without the rendering that was asked
    for; an operator would rather fix the name than find out from the overview. Only
    finding the model is checked here: loading it is the workers' job, and a pair whose
    worker cannot load it fails with the model error.
    """
    from transalign.translate import find_model

    find_model(name)


def make_engine(args: argparse.Namespace) -> Engine:
    if args.jobs is not None and args.jobs < 1:
        raise InputError("--jobs", f"{args.jobs}", expected="1 or more workers")
    if args.batch_engine == "local":
        if args.address is not None:
            raise InputError("--address", "given without --engine ray", expected="--engine ray --address HEAD")
        from transalign.batch.engine import LocalEngine

        return LocalEngine(args.jobs or 1)
    if args.cpus_per_actor <= 0 or (args.gpus_per_actor is not None and args.gpus_per_actor < 0):
        raise InputError("--cpus-per-actor", f"{args.cpus_per_actor} CPUs, {args.gpus_per_actor} GPUs",
                         expected="more than 0 CPUs and 0 or more GPUs per actor")
    from transalign.batch.ray_engine import RayEngine  # Ray imports only when asked for

    return RayEngine(args.address, actors=args.jobs, cpus_per_actor=args.cpus_per_actor, gpus_per_actor=args.gpus_per_actor)


def find_pairs(args: argparse.Namespace) -> Pairing:
    if args.manifest is not None:
        if args.source_dir is not None:
            raise InputError("--manifest", "given with folders", expected="either --manifest or SOURCE_DIR [TRANSLATION_DIR]")
        return pair_manifest(args.manifest, args.source_lang)
    if args.source_dir is None:
        raise InputError("batch", "no input", expected="SOURCE_DIR [TRANSLATION_DIR] or --manifest pairs.csv")
    if args.translation_dir is None:
        return pair_suffixes(args.source_dir, args.source_lang, args.target_lang)
    return pair_folders(args.source_dir, args.translation_dir, args.source_lang, args.target_lang)

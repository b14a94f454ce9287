"""`transalign models list | pull MODEL | path MODEL`: what is known, fetch one, find one.

Only `pull` uses the network; `list` and `path` work offline and say where each model is.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from transalign.translate import registry
from transalign.errors import TransalignError
from transalign.translate.resolve import canonical_name, find_model, hf_cache_dir, locate, models_dir, pull


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `models` and its commands; the parsed namespace's `func(args)` runs one and returns the exit code."""
    parser = subparsers.add_parser("models", help="list, download or locate translation models")
    commands = parser.add_subparsers(dest="models_command", required=True, metavar="COMMAND")
    listing = commands.add_parser("list", help="the known models and where each one is on this machine")
    getting = commands.add_parser("pull", help="download a model into the models directory")
    getting.add_argument("model", metavar="MODEL", help="hub id, e.g. Helsinki-NLP/opus-mt-ar-en")
    finding = commands.add_parser("path", help="print the directory a model loads from")
    finding.add_argument("model", metavar="MODEL", help="hub id or directory")
    for sub in (listing, getting, finding):
        sub.add_argument("--offline", action="store_true", default=None, help="never use the network (as HF_HUB_OFFLINE=1)")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the parsed `models` command: 0 on success, 1 with a one-line reason on stderr."""
    try:
        if args.models_command == "list":
            return list_models(out)
        if args.models_command == "pull":
            name = canonical_name(args.model)
            found = locate(name)
            path = found.path if found else pull(name, offline=args.offline)
            print(path, file=out)
            return 0
        print(find_model(canonical_name(args.model), offline=args.offline).path, file=out)
        return 0
    except TransalignError as exc:
        print(f"transalign models: {exc}", file=err)
        return 1


def list_models(out: TextIO) -> int:
    rows = [("MODEL", "LANGUAGES", "SIZE", "LICENCE", "ENGINES", "ON THIS MACHINE")]
    for info in registry.models():
        try:
            found = locate(info.id)
        except TransalignError:
            found = None
        where = f"{found.found_in}: {found.path}" if found else "-"
        flag = " (default)" if info.default else ""
        rows.append((info.id + flag, info.languages, f"{info.size_mb} MB", info.licence, ",".join(info.engines), where))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1], file=out)
    print(f"\nmodels directory: {models_dir()}\nHugging Face cache: {hf_cache_dir()}", file=out)
    return 0

"""The pipeline options every command that aligns files takes (`align`, `batch`), in one place."""

from __future__ import annotations

import argparse
from pathlib import Path

from transalign.formats.glossary import read_glossary
from transalign.options import Options


def add_pipeline_arguments(parser: argparse.ArgumentParser, engine_flags: tuple[str, ...] = ("--engine", "--model-engine")) -> None:
    """`engine_flags`: `batch` keeps only `--model-engine`, its `--engine` chooses where pairs run."""
    parser.add_argument("--source-lang", default="ar")
    parser.add_argument("--target-lang", default="en")
    parser.add_argument("--segmented", action="store_true", help="text inputs hold one segment per line")
    parser.add_argument("--encoding", help="read the inputs in this encoding instead of detecting it")
    parser.add_argument("--model", help="translation model: hub id, registry name or local folder (default: the registry's for the pair)")
    parser.add_argument(*engine_flags, dest="engine", default="auto", choices=("auto", "transformers", "ct2"),
                        help="translation engine (default auto: CTranslate2 when installed)")
    parser.add_argument("--no-model", action="store_true", help="align and check without a machine rendering")
    parser.add_argument("--dictionary", help="dictd .index file of a bilingual dictionary (default: installed FreeDict)")
    parser.add_argument("--lexicon", help="lexicon learned from parallel text, for alignment (default: models/lexicons/ar-en.all.tsv, built by setup)")
    parser.add_argument("--profile", choices=("news", "hadith"), default="news",
                        help="kind of text (service/transalign/profiles): news and broadcast (default) or hadith")
    parser.add_argument("--glossary", type=Path, help="glossary for the term check: CSV source,target (or TICO-19's sourceLang,targetLang,sourceString,targetString columns) or TBX")
    parser.add_argument("--hadith", action="store_true",
                        help="--profile hadith: align each chain of narrators with its hadith and leave it out of the omission checks")


def options_from_args(args: argparse.Namespace) -> Options:
    return Options(
        source_lang=args.source_lang,
        target_lang=args.target_lang,
        segmented=args.segmented,
        encoding=args.encoding,
        dictionary=args.dictionary,
        learned_lexicon=args.lexicon,
        exclude_isnad=args.hadith or args.profile == "hadith",
        model=args.model,
        engine=args.engine,
        use_model=not args.no_model,
        glossary=read_glossary(args.glossary, args.source_lang, args.target_lang) if args.glossary else (),
    )

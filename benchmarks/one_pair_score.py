"""The confidence of a pair of one sentence each, where the document gives no yardstick.

A bead's confidence measures its lexical overlap against that of unrelated pairs of the
same document (`Model.baseline`, the median over the search band). A pair of one
sentence each has no unrelated pair to measure, so the decoder uses a fixed
`UNRELATED_SIMILARITY` instead. This script

1. prints the per-document baselines of the TICO-19 tuning half (where the constant comes
   from: their median), and
2. on the held-out half, aligns sentence pairs one at a time: each Arabic sentence with
   its own English (a translation) and with the next sentence's English (not one), and
   prints the mean confidence of each and how often a translation outscores a non-translation.

    python benchmarks/one_pair_score.py [--pairs 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.tico19 import load_documents  # noqa: E402
from transalign.align import align  # noqa: E402
from transalign.align.concepts import build_sides  # noqa: E402
from transalign.align.decoder import UNRELATED_SIMILARITY, Weights, solve  # noqa: E402
from transalign.align.lexicon import default_learned, load_lexicon  # noqa: E402
from transalign.formats import document_from_segments  # noqa: E402
from transalign.options import Options  # noqa: E402


def baselines(half: str) -> list[float]:
    """`Model.baseline` of each document of a half, aligned whole."""
    lexicon = load_lexicon(None, default_learned())
    out = []
    for document in load_documents(half):
        source = document_from_segments([p.arabic for p in document.pairs], "ar", document.name)
        target = document_from_segments([p.english for p in document.pairs], "en", document.name)
        _, model = solve(*build_sides(source, target, lexicon), Weights(), margin=Options().band)
        out.append(model.baseline)
    return out


def one_pair_scores(half: str, limit: int) -> tuple[list[float], list[float]]:
    """Confidence of single-sentence pairs: (translations, non-translations)."""
    matched, mismatched = [], []
    for document in load_documents(half):
        pairs = document.pairs
        for k in range(len(pairs) - 1):
            if len(matched) >= limit:
                return matched, mismatched
            source = document_from_segments([pairs[k].arabic], "ar", "ar")
            for english, scores in ((pairs[k].english, matched), (pairs[k + 1].english, mismatched)):
                beads = align(source, document_from_segments([english], "en", "en")).beads
                scores.append(beads[0].score if len(beads) == 1 else 0.0)  # not paired at all: no confidence
    return matched, mismatched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=200, help="single-sentence pairs of the held-out half to align")
    args = parser.parse_args()
    tune = baselines("tune")
    print(f"tuning half: {len(tune)} documents, baseline median {statistics.median(tune):.3f} "
          f"(range {min(tune):.3f}-{max(tune):.3f}); UNRELATED_SIMILARITY = {UNRELATED_SIMILARITY}")
    matched, mismatched = one_pair_scores("held-out", args.pairs)
    wins = sum(a > b for a, b in zip(matched, mismatched)) / len(matched)
    print(f"held-out half, {len(matched)} single-sentence pairs: mean confidence {statistics.mean(matched):.3f} "
          f"for a sentence and its translation, {statistics.mean(mismatched):.3f} for a sentence and the next one's; "
          f"the translation scores higher in {wins:.1%}")


if __name__ == "__main__":
    main()

"""The cross-fitted tuning figures (benchmarks/divergence_eval.py --cross-fit): every tuning
document is measured with a news lexicon learned from the other fold, never from itself."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks.divergence_eval import Item, Pair, cross_fit_folds, cross_fitted
from benchmarks.tico19 import HELD_OUT, TUNE
from models.build_lexicon import news_pairs
from transalign.align.lexicon import load_lexicon
from transalign.options import Options


def test_the_folds_split_the_tuning_half_and_leave_the_held_out_half_alone() -> None:
    first, second = cross_fit_folds()
    assert first and second and not set(first) & set(second)
    assert set(first) | set(second) == set(TUNE) and not set(TUNE) & set(HELD_OUT)
    assert len(news_pairs(first)) + len(news_pairs(second)) == len(news_pairs())


def test_each_document_gets_the_lexicon_learned_from_the_other_fold(tmp_path: Path) -> None:
    documents = [[Item(Pair(f"{name}:{n}", "نص", "text"), "text")] for n, name in enumerate(TUNE)]
    per_document = cross_fitted(documents, Options(segmented=True), tmp_path)
    for name, options in zip(TUNE, per_document):
        assert isinstance(options.learned_lexicon, tuple)
        news = Path(options.learned_lexicon[-1])
        assert news.parent == tmp_path and not any("tico19-tune" in path for path in options.learned_lexicon)
        header = news.read_text(encoding="utf-8").splitlines()[0]
        learned_from = set(re.findall(r"[A-Za-z]+_\w+?(?=[, ])", header))
        other = cross_fit_folds()[1] if name in cross_fit_folds()[0] else cross_fit_folds()[0]
        assert learned_from == set(other) and name not in learned_from
        assert load_lexicon(None, options.learned_lexicon) is not None  # the path the tool takes reads it

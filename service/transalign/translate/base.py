"""What the rest of the pipeline may ask of a translation engine, whichever one runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class TokenScores:
    """Forced-decoding log-probabilities of one target sentence, one per target token.

    `tokens` are the model's subword pieces ("▁" starts a word, as in SentencePiece) and
    end with the end-of-sentence token "</s>", whose probability says whether the model
    expected the sentence to stop there (a dropped clause shows up there too). Tokens the
    model is forced to emit (NLLB's target language code) are left out.
    """

    tokens: tuple[str, ...]
    logprobs: tuple[float, ...]

    @property
    def total(self) -> float:
        return sum(self.logprobs)

    @property
    def mean(self) -> float:
        return self.total / len(self.logprobs) if self.logprobs else 0.0


@dataclass(frozen=True)
class Decoding:
    """How sentences are batched and decoded; the defaults favour CPU throughput."""

    beam_size: int = 1  # greedy: ~2-4x faster than beam 4 on CPU for a small loss in quality
    max_tokens: int = 4096  # padded source tokens in one batch: bounds memory and padding waste
    max_batch: int = 64
    length_ratio: float = 2.0  # output tokens at most ratio * input tokens + extra, so that a
    length_extra: int = 10  # degenerate repetition loop cannot run to the model's 512 limit
    cache_size: int = 2048  # sentences remembered (broadcast transcripts repeat jingles, names)

    def max_new_tokens(self, source_tokens: int, limit: int) -> int:
        return max(1, min(limit, int(self.length_ratio * source_tokens) + self.length_extra))


@runtime_checkable
class Translator(Protocol):
    """A loaded model: safe to share between threads, loaded once per process."""

    model_id: str  # what the user named (hub id or path), shown next to every rendering
    engine: str  # "transformers" or "ct2"
    device: str  # "cpu" or "cuda:0"
    precision: str  # "float32", "int8", "float16", ... as the engine runs the model
    is_test_model: bool  # built by models/build_test_model.py: its output is not a translation

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One rendering per text, in input order; empty text gives ""."""
        ...

    def score_tokens(self, sources: Sequence[str], targets: Sequence[str]) -> list[TokenScores]:
        """Forced decoding of each target given its source: how likely each target token is."""
        ...

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[list[float]]:
        """`score_tokens` without the tokens: per-target-token log-probabilities."""
        ...

"""What both engines share: caching, de-duplication, length batching, order, locking.

An engine subclass only says how to run one batch of token ids through its runtime.

Thread safety: one lock per loaded model is held while a batch is tokenized and decoded.
The API's worker threads therefore take turns on the model instead of running it at once,
which is what we want: each batch already uses every CPU thread (or the whole GPU), so two
concurrent batches would only oversubscribe the cores and double peak memory, and the fast
(Rust) tokenizers raise "Already borrowed" when two threads use one instance. Cache hits
are answered without waiting for the lock.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence

from transalign.translate.base import Decoding, TokenScores
from transalign.translate.batching import length_batches
from transalign.translate.codec import Codec
from transalign.translate.lru import SentenceCache


class BatchedTranslator(ABC):
    engine: str = ""

    def __init__(self, model_id: str, codec: Codec, decoding: Decoding, device: str, is_test_model: bool) -> None:
        self.model_id = model_id
        self.codec = codec
        self.decoding = decoding
        self.device = device
        self.is_test_model = is_test_model
        self._cache = SentenceCache(decoding.cache_size)
        self._lock = threading.Lock()

    @abstractmethod
    def _generate(self, sources: list[list[int]], max_new_tokens: int) -> list[list[int]]:
        """Output ids for each source (special tokens may remain; decoding drops them)."""

    @abstractmethod
    def _force(self, sources: list[list[int]], targets: list[list[int]]) -> list[list[float]]:
        """Log-probability of each target id (prefix included) given its source and the ids before it."""

    def translate(self, texts: Sequence[str]) -> list[str]:
        out: list[str | None] = [None] * len(texts)
        wanted: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            key = text.strip()
            cached = self._cache.get(key) if key else ""
            if cached is None:
                wanted.setdefault(key, []).append(i)
            else:
                out[i] = cached
        if wanted:
            unique = list(wanted)
            for key, text in zip(unique, self._translate_unique(unique)):
                self._cache.put(key, text)
                for i in wanted[key]:
                    out[i] = text
        return [text or "" for text in out]

    def _translate_unique(self, texts: list[str]) -> list[str]:
        with self._lock:
            ids = self.codec.sources(texts)
        results: list[str] = [""] * len(texts)
        d = self.decoding
        for batch in length_batches([len(x) for x in ids], d.max_tokens, d.max_batch):
            sources = [ids[i] for i in batch]
            limit = d.max_new_tokens(max(map(len, sources)), self.codec.max_length)
            with self._lock:
                decoded = self.codec.decode(self._generate(sources, limit))
            for i, text in zip(batch, decoded):
                results[i] = text
        return results

    def score_tokens(self, sources: Sequence[str], targets: Sequence[str]) -> list[TokenScores]:
        if len(sources) != len(targets):
            raise ValueError(f"{len(sources)} sources but {len(targets)} targets")
        with self._lock:
            src, tgt = self.codec.sources(sources), self.codec.targets(targets)
        skip = len(self.codec.prefix)
        results: list[TokenScores | None] = [None] * len(src)
        d = self.decoding
        for batch in length_batches([len(src[i]) + len(tgt[i]) for i in range(len(src))], d.max_tokens, d.max_batch):
            with self._lock:
                scores = self._force([src[i] for i in batch], [tgt[i] for i in batch])
                tokens = [self.codec.to_tokens(tgt[i][skip:]) for i in batch]
            for i, logprobs, toks in zip(batch, scores, tokens):
                results[i] = TokenScores(tuple(toks), tuple(logprobs[skip:]))
        return [r for r in results if r is not None]

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[list[float]]:
        return [list(s.logprobs) for s in self.score_tokens(sources, targets)]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.model_id!r}, device={self.device!r})"

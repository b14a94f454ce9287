"""Text <-> token ids for one model and language pair, the same for every engine.

Both engines use the model's own Hugging Face tokenizer, so that a sentence is split the same
way whichever engine runs and forced-decoding scores refer to the same tokens.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class Codec:
    @classmethod
    def load(cls, path: Path, source_code: str | None = None, target_code: str | None = None) -> "Codec":
        """The codec of the model saved in `path`: its tokenizer, inputs cut to the positions the model has."""
        from transformers import AutoTokenizer  # loads with the first model, not at import

        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        max_length = min(tokenizer.model_max_length, config.get("max_position_embeddings", 512))
        return cls(tokenizer, max_length, source_code, target_code)

    def __init__(self, tokenizer: Any, max_length: int, source_code: str | None = None, target_code: str | None = None) -> None:
        """`source_code`/`target_code`: a multilingual model's language codes (NLLB: arb_Arab, eng_Latn)."""
        if source_code is not None:
            tokenizer.src_lang = source_code
        if target_code is not None:
            tokenizer.tgt_lang = target_code
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.eos_id: int = tokenizer.eos_token_id
        self.pad_id: int = tokenizer.pad_token_id
        empty = tokenizer(text_target="")["input_ids"]
        # What the model must emit first (NLLB: the target language code; Marian: nothing).
        self.prefix: list[int] = empty[: empty.index(self.eos_id)] if self.eos_id in empty else []

    def sources(self, texts: Sequence[str]) -> list[list[int]]:
        return self.tokenizer(list(texts), truncation=True, max_length=self.max_length)["input_ids"]

    def targets(self, texts: Sequence[str]) -> list[list[int]]:
        """Ids of each target, starting with the forced prefix and ending with </s>."""
        return self.tokenizer(text_target=list(texts), truncation=True, max_length=self.max_length)["input_ids"]

    def decode(self, outputs: Sequence[Sequence[int]]) -> list[str]:
        return [text.strip() for text in self.tokenizer.batch_decode(outputs, skip_special_tokens=True)]

    def to_tokens(self, ids: Sequence[int]) -> list[str]:
        return self.tokenizer.convert_ids_to_tokens(list(ids))

    def to_ids(self, tokens: Sequence[str]) -> list[int]:
        return self.tokenizer.convert_tokens_to_ids(list(tokens))

    @property
    def prefix_tokens(self) -> list[str]:
        return self.to_tokens(self.prefix)

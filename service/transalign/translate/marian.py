"""The transformers engine: any opus-mt `{src}-{tgt}` MarianMT model, or NLLB-200, in torch.

Loaded through `AutoTokenizer` / `AutoModelForSeq2SeqLM.from_pretrained` on a local directory
(`local_files_only`: resolution has already found the files, so loading never touches a hub).
"""

from __future__ import annotations

from pathlib import Path

import torch
from transformers import AutoModelForSeq2SeqLM
from transformers.utils import logging as hf_logging

from transalign.errors import ModelError
from transalign.translate.base import Decoding
from transalign.translate.codec import Codec
from transalign.translate.device import Device
from transalign.translate.engine import BatchedTranslator


PRECISIONS = ("float32", "float16", "bfloat16", "int8")


def _pad(rows: list[list[int]], value: int, device: str) -> torch.Tensor:
    width = max(map(len, rows))
    out = torch.full((len(rows), width), value, dtype=torch.long)
    for i, row in enumerate(rows):
        out[i, : len(row)] = torch.tensor(row, dtype=torch.long)
    return out.to(device)


class TransformersTranslator(BatchedTranslator):
    engine = "transformers"

    def __init__(
        self,
        path: Path,
        model_id: str,
        *,
        device: Device,
        decoding: Decoding = Decoding(),
        source_code: str | None = None,
        target_code: str | None = None,
        precision: str | None = None,
        is_test_model: bool = False,
    ) -> None:
        """`precision`: None is float32 on CPU (the exact reference) and half precision on CUDA;
        "int8" is dynamic int8 quantization of the linear layers on CPU, several times faster
        where memory bandwidth is the limit, with slightly different output."""
        hf_logging.disable_progress_bar()
        self.precision = precision or (device.half or "float16" if device.kind == "cuda" else "float32")
        if self.precision not in PRECISIONS or (self.precision == "int8" and device.kind != "cpu"):
            raise ModelError(f"the transformers engine cannot run in {self.precision} on {device.name}")
        model = AutoModelForSeq2SeqLM.from_pretrained(path, local_files_only=True).eval()
        if device.kind == "cpu" and torch.get_num_threads() != device.threads:
            torch.set_num_threads(device.threads)
        if self.precision == "int8":
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        else:
            model = model.to(device.name, dtype=getattr(torch, self.precision))
        self.model = model
        super().__init__(model_id, Codec.load(path, source_code, target_code), decoding, device.name, is_test_model)
        self._start = model.config.decoder_start_token_id
        banned = model.generation_config.bad_words_ids or []
        # Tokens the model may never emit (Marian's <pad>): masked in scoring as in generation.
        self._banned = sorted({ids[0] for ids in banned if len(ids) == 1})

    def _generate(self, sources: list[list[int]], max_new_tokens: int) -> list[list[int]]:
        input_ids = _pad(sources, self.codec.pad_id, self.device)
        options: dict[str, object] = {}
        if self.codec.prefix:
            options["forced_bos_token_id"] = self.codec.prefix[0]
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=input_ids,
                attention_mask=input_ids.ne(self.codec.pad_id),
                num_beams=self.decoding.beam_size,
                do_sample=False,
                max_length=max_new_tokens + 1,  # decoder start token included; overrides the config's 512
                **options,
            )
        return out.tolist()

    def _force(self, sources: list[list[int]], targets: list[list[int]]) -> list[list[float]]:
        input_ids = _pad(sources, self.codec.pad_id, self.device)
        labels = _pad(targets, -100, self.device)
        decoder_input = torch.full_like(labels, self.codec.pad_id)
        decoder_input[:, 0] = self._start
        decoder_input[:, 1:] = labels[:, :-1].masked_fill(labels[:, :-1] == -100, self.codec.pad_id)
        with torch.inference_mode():
            logits = self.model(
                input_ids=input_ids,
                attention_mask=input_ids.ne(self.codec.pad_id),
                decoder_input_ids=decoder_input,
            ).logits.float()
            if self._banned:
                logits[..., self._banned] = float("-inf")
            logprobs = torch.log_softmax(logits, dim=-1).gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)
        return [logprobs[i, : len(t)].tolist() for i, t in enumerate(targets)]

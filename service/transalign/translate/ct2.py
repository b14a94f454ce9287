"""The CTranslate2 engine: the same model directory, converted once and cached on disk.

CTranslate2 runs Marian and NLLB several times faster than torch on CPU (int8 matrix
products, no Python in the decoding loop), which is why `engine="auto"` prefers it. The
conversion keeps float32 weights so that one converted copy serves every compute type:
int8 on CPU, float16/bfloat16 on CUDA, float32 when exactness matters (tests).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import ctranslate2
from transformers.utils import logging as hf_logging

from transalign.errors import ModelError
from transalign.translate.base import Decoding
from transalign.translate.codec import Codec
from transalign.translate.device import Device
from transalign.translate.engine import BatchedTranslator

CACHE_ENV = "TRANSALIGN_CACHE_DIR"
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json", "pytorch_model.bin.index.json")


def cache_root() -> Path:
    """`$TRANSALIGN_CACHE_DIR`, else `$XDG_CACHE_HOME/transalign`, else ~/.cache/transalign."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "transalign"


def converted_dir(model_dir: Path) -> Path:
    """Where the conversion of `model_dir` lives: keyed by its path, weights and the ct2 version,
    so that replacing the weights or upgrading ctranslate2 converts again."""
    model_dir = model_dir.resolve()
    key = hashlib.sha256(f"{model_dir}\n{ctranslate2.__version__}\n".encode())
    key.update((model_dir / "config.json").read_bytes())
    for name in WEIGHT_FILES:
        if (model_dir / name).exists():
            stat = (model_dir / name).stat()
            key.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return cache_root() / "ct2" / f"{model_dir.name}-{key.hexdigest()[:16]}"


def convert(model_dir: Path) -> Path:
    """The converted model for `model_dir`, converting it the first time.

    The conversion is written to a temporary directory and renamed into place, so that a
    crash or a second process converting at the same time never leaves a half-written model.
    """
    target = converted_dir(model_dir)
    if (target / "model.bin").exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        converter = ctranslate2.converters.TransformersConverter(str(model_dir.resolve()))
        converter.convert(str(work), quantization=None, force=True)
        (work / "source.json").write_text(json.dumps({"model_dir": str(model_dir.resolve())}) + "\n")
        try:
            os.replace(work, target)
        except OSError:
            if not (target / "model.bin").exists():  # not a concurrent conversion that won the race
                raise
    except Exception as exc:  # the converter raises bare ValueErrors, KeyErrors, ...
        raise ModelError(f"could not convert {model_dir} for CTranslate2: {exc}; use --engine transformers") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def compute_type_for(device: Device) -> str:
    if device.kind == "cuda":
        return device.half or "float16"
    return "int8"


class CT2Translator(BatchedTranslator):
    engine = "ct2"

    def __init__(
        self,
        path: Path,
        model_id: str,
        *,
        device: Device,
        decoding: Decoding = Decoding(),
        source_code: str | None = None,
        target_code: str | None = None,
        compute_type: str | None = None,
        is_test_model: bool = False,
    ) -> None:
        """`compute_type`: None picks int8 on CPU and half precision on CUDA."""
        hf_logging.disable_progress_bar()
        self.precision = compute_type or compute_type_for(device)
        try:
            self.model = ctranslate2.Translator(
                str(convert(path)),
                device=device.kind,
                device_index=device.index,
                compute_type=self.precision,
                intra_threads=device.threads if device.kind == "cpu" else 0,
                inter_threads=1,
            )
        except ValueError as exc:  # e.g. a compute type this device does not support
            raise ModelError(f"CTranslate2 cannot run {path} in {self.precision} on {device.name}: {exc}") from exc
        super().__init__(model_id, Codec.load(path, source_code, target_code), decoding, device.name, is_test_model)

    def _generate(self, sources: list[list[int]], max_new_tokens: int) -> list[list[int]]:
        prefix = [self.codec.prefix_tokens] * len(sources) if self.codec.prefix else None
        results = self.model.translate_batch(
            [self.codec.to_tokens(ids) for ids in sources],
            target_prefix=prefix,
            beam_size=self.decoding.beam_size,
            max_decoding_length=max_new_tokens + len(self.codec.prefix),
            max_batch_size=0,
        )
        return [self.codec.to_ids(r.hypotheses[0]) for r in results]

    def _force(self, sources: list[list[int]], targets: list[list[int]]) -> list[list[float]]:
        # score_batch appends </s> itself and returns its log-probability last.
        trimmed = [t[:-1] if t and t[-1] == self.codec.eos_id else t for t in targets]
        results = self.model.score_batch(
            [self.codec.to_tokens(ids) for ids in sources],
            [self.codec.to_tokens(ids) for ids in trimmed],
        )
        return [list(r.log_probs) for r in results]

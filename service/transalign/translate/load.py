"""The one way to get a `Translator`: resolve the model, pick engine and device, load once.

Loaded models are kept for the life of the process, keyed by model directory, engine,
device, language pair and decoding settings, so that the CLI, batch jobs and every API
worker thread share one copy in memory.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import threading
from pathlib import Path
from typing import Any

from transalign.translate import registry
from transalign.errors import ModelError
from transalign.translate.base import Decoding, Translator
from transalign.translate.device import Device, choose_device
from transalign.translate.resolve import find_model

log = logging.getLogger(__name__)

ENGINES = ("auto", "transformers", "ct2")
CT2_ARCHITECTURES = {"marian", "m2m_100"}  # what we test; ctranslate2 converts both
MULTILINGUAL_ARCHITECTURES = {"m2m_100"}  # NLLB-200 and M2M-100 need language codes

_loaded: dict[tuple[object, ...], Translator] = {}
_loading = threading.Lock()


def default_model_for(source_lang: str, target_lang: str) -> str | None:
    """The registry's model for a language pair (ISO 639-1 codes), or None when none is known."""
    info = registry.default_for(source_lang, target_lang)
    return info.id if info else None


def ct2_available() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def pick_engine(engine: str, model_type: str) -> str:
    """`auto`: CTranslate2 when installed and the architecture converts (several times faster on CPU)."""
    if engine not in ENGINES:
        raise ModelError(f"unknown engine '{engine}'; expected one of: {', '.join(ENGINES)}")
    if engine == "auto":
        return "ct2" if ct2_available() and model_type in CT2_ARCHITECTURES else "transformers"
    if engine == "ct2" and not ct2_available():
        raise ModelError("the ct2 engine needs CTranslate2: pip install ctranslate2 (or use --engine transformers)")
    return engine


def language_codes(name: str, model_type: str, source_lang: str, target_lang: str) -> tuple[str | None, str | None]:
    """NLLB's codes for the pair (ar -> arb_Arab); (None, None) for a Marian model, whose pair is fixed."""
    if model_type not in MULTILINGUAL_ARCHITECTURES:
        return None, None
    try:
        return registry.language_code(name, source_lang), registry.language_code(name, target_lang)
    except KeyError as exc:
        raise ModelError(
            f"{name} needs its own code for language '{exc.args[0]}' (e.g. arb_Arab, eng_Latn); pass that code instead"
        ) from None


def load_translator(
    model: str | None = None,
    engine: str = "auto",
    *,
    offline: bool | None = None,
    source_lang: str = "ar",
    target_lang: str = "en",
    device: str = "auto",
    decoding: Decoding | None = None,
    precision: str | None = None,
    download: bool = False,
) -> Translator:
    """Load (or reuse) the translator for `model`: a hub id, a registry name or a local directory.

    `model=None` takes the registry default for the pair. `precision` (float32, float16,
    bfloat16, int8, or a CTranslate2 compute type) defaults to int8 for CTranslate2 on CPU,
    float32 for transformers on CPU and half precision on CUDA. Nothing is downloaded unless
    `download` is true and the hub may be used (not `offline`, not HF_HUB_OFFLINE).
    Raises `ModelNotFoundError` (a `ModelError`) naming the command that fetches the model.
    """
    name = model or default_model_for(source_lang, target_lang)
    if name is None:
        raise ModelError(f"no translation model is known for {source_lang}->{target_lang}; name one with --model")
    location = find_model(name, offline=offline, download=download)
    name = location.name
    config = _read_config(location.path)
    model_type = str(config.get("model_type", ""))
    chosen = pick_engine(engine, model_type)
    where = choose_device(device)
    codes = language_codes(name, model_type, source_lang, target_lang)
    settings = decoding or Decoding()
    key = (str(location.path), chosen, where.name, codes, settings, precision)
    test_model = bool(config.get("transalign_test_model"))
    with _loading:
        if key not in _loaded:
            _loaded[key] = _build(location.path, name, chosen, where, codes, settings, precision, test_model, engine == "auto")
        return _loaded[key]


def _read_config(path: Path) -> dict[str, object]:
    try:
        return json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read {path / 'config.json'}: {exc}") from exc


def _build(
    path: Path,
    name: str,
    engine: str,
    device: Device,
    codes: tuple[str | None, str | None],
    decoding: Decoding,
    precision: str | None,
    is_test_model: bool,
    fallback: bool,
) -> Translator:
    common: dict[str, Any] = dict(device=device, decoding=decoding, source_code=codes[0], target_code=codes[1], is_test_model=is_test_model)
    try:
        if engine == "ct2":
            from transalign.translate.ct2 import CT2Translator

            try:
                return CT2Translator(path, name, compute_type=precision, **common)
            except ModelError as exc:
                if not fallback:
                    raise
                log.warning("%s; falling back to the transformers engine", exc)
        from transalign.translate.marian import TransformersTranslator

        return TransformersTranslator(path, name, precision=precision, **common)
    except ModelError:
        raise
    except Exception as exc:  # transformers raises OSError, ValueError, KeyError for broken model dirs
        raise ModelError(f"could not load the model in {path}: {type(exc).__name__}: {exc}") from exc


def loaded() -> list[Translator]:
    """The translators loaded in this process (for the API's health endpoint)."""
    with _loading:
        return list(_loaded.values())

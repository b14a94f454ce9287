"""translate stage, render (docs/architecture.md): a second, machine rendering of every source passage.

Entry points:
- `load_translator(model, engine, offline=..., source_lang=..., target_lang=...)` -> `Translator`
- `default_model_for(source_lang, target_lang)` -> hub id or None
- `Translator.translate(texts)`, `.score(sources, targets)`, `.score_tokens(sources, targets)`

Importing this package is cheap: torch, transformers and ctranslate2 load with the first model.
"""

from transalign.translate.base import Decoding, TokenScores, Translator
from transalign.translate.load import default_model_for, load_translator
from transalign.translate.resolve import ModelLocation, find_model, locate, models_dir, pull

__all__ = [
    "Decoding",
    "ModelLocation",
    "TokenScores",
    "Translator",
    "default_model_for",
    "find_model",
    "load_translator",
    "locate",
    "models_dir",
    "pull",
]

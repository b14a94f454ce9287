"""The registry of known translation models (`registry.json`): what they cover and cost.

Kept as data so that adding a model is a one-line change reviewed like any other, and so
that `transalign models list` can say what exists before anything is downloaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

REGISTRY = Path(__file__).with_name("registry.json")
MULTILINGUAL = "mul"


@dataclass(frozen=True)
class ModelInfo:
    id: str  # Hugging Face hub id, also the folder name under the models directory
    source: str  # ISO 639-1 code, or "mul" for a multilingual model
    target: str
    size_mb: int
    licence: str
    engines: tuple[str, ...]
    default: bool = False  # the model chosen for its language pair when none is named
    description: str = ""
    codes: dict[str, str] = field(default_factory=dict)  # ISO code -> the model's own code (NLLB)

    @property
    def languages(self) -> str:
        return f"{self.source}-{self.target}"

    def covers(self, source: str, target: str) -> bool:
        if self.source == MULTILINGUAL and self.target == MULTILINGUAL:
            return source in self.codes and target in self.codes
        return self.source in (source, MULTILINGUAL) and self.target == target


@cache
def models() -> tuple[ModelInfo, ...]:
    """Every registered model, in registry order."""
    data = json.loads(REGISTRY.read_text(encoding="utf-8"))
    return tuple(
        ModelInfo(**{**entry, "engines": tuple(entry["engines"]), "codes": dict(entry.get("codes", {}))})
        for entry in data["models"]
    )


def get(model_id: str) -> ModelInfo | None:
    """The registry entry for a hub id, or for its last part alone ("opus-mt-ar-en")."""
    for info in models():
        if model_id in (info.id, info.id.split("/")[-1]):
            return info
    return None


def default_for(source: str, target: str) -> ModelInfo | None:
    """The pair's default model; else a registered multilingual one covering both; else None."""
    candidates = [m for m in models() if m.covers(source, target)]
    for info in candidates:
        if info.default and info.source == source:
            return info
    return candidates[0] if candidates else None


def language_code(model_id: str, lang: str) -> str:
    """The code a multilingual model uses for `lang` ("ar" -> "arb_Arab" for NLLB).

    Codes the model already uses (anything with an underscore) pass through unchanged.
    """
    if "_" in lang:
        return lang
    info = get(model_id)
    if info is not None and lang in info.codes:
        return info.codes[lang]
    family = next((m for m in models() if m.codes and lang in m.codes), None)
    if family is not None:
        return family.codes[lang]
    raise KeyError(lang)

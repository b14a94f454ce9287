"""Finding a model on this machine, in a fixed order, without touching the network.

A model name is looked up as:
1. a local directory (anything that exists on disk, or looks like a path);
2. the models directory: `$TRANSALIGN_MODELS_DIR`, else `models/cache` in this checkout,
   where `transalign models pull` puts models as `<dir>/<org>/<name>`;
3. the Hugging Face cache (`$HF_HUB_CACHE`, `$HF_HOME/hub`, ~/.cache/huggingface/hub);
4. the hub itself, only when asked to download and not offline (`HF_HUB_OFFLINE`,
   `TRANSFORMERS_OFFLINE` or `offline=True`).

Environment variables are read at call time, not import time, so that tests and long-lived
servers see the current settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from transalign.errors import ModelError, ModelNotFoundError

MODELS_DIR_ENV = "TRANSALIGN_MODELS_DIR"
DEFAULT_MODELS_DIR = Path(__file__).resolve().parents[3] / "models" / "cache"
WEIGHTS = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json", "pytorch_model.bin.index.json")
TRUE = {"1", "on", "yes", "true"}

Found = Literal["path", "models-dir", "hf-cache", "hub"]


@dataclass(frozen=True)
class ModelLocation:
    name: str  # as the user gave it: a hub id or a path
    path: Path  # a directory holding config.json, weights and tokenizer files
    found_in: Found


def models_dir() -> Path:
    return Path(os.environ.get(MODELS_DIR_ENV) or DEFAULT_MODELS_DIR).expanduser()


def hf_cache_dir() -> Path:
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HUGGINGFACE_HUB_CACHE"):
        return Path(os.environ["HUGGINGFACE_HUB_CACHE"]).expanduser()
    home = os.environ.get("HF_HOME") or os.path.join(os.environ.get("XDG_CACHE_HOME", "~/.cache"), "huggingface")
    return Path(home).expanduser() / "hub"


def is_offline(offline: bool | None = None) -> bool:
    """An explicit flag wins; else offline when HF_HUB_OFFLINE or TRANSFORMERS_OFFLINE is true."""
    if offline is not None:
        return offline
    return any(os.environ.get(var, "").strip().lower() in TRUE for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def pull_command(name: str) -> str:
    return f"transalign models pull {name}"


def is_model_dir(path: Path) -> bool:
    return (path / "config.json").is_file() and any((path / w).is_file() for w in WEIGHTS)


def looks_like_path(name: str) -> bool:
    """Hub ids are `name` or `org/name`; anything else is meant as a directory."""
    return name.startswith((".", "/", "~")) or name.count("/") > 1


def in_models_dir(name: str) -> Path | None:
    path = models_dir() / name
    return path if is_model_dir(path) else None


def in_hf_cache(name: str) -> Path | None:
    """The snapshot directory of `name` in the Hugging Face cache, if its config and weights are there."""
    from huggingface_hub import try_to_load_from_cache

    try:
        config = try_to_load_from_cache(name, "config.json", cache_dir=hf_cache_dir())
    except ValueError:  # not a valid repo id
        return None
    if not isinstance(config, str):
        return None
    snapshot = Path(config).parent
    return snapshot if is_model_dir(snapshot) else None


def locate(name: str) -> ModelLocation | None:
    """Where `name` is on this machine, without any network access; None when nowhere."""
    path = Path(name).expanduser()
    if path.is_dir():
        if not is_model_dir(path):
            raise ModelError(f"{path} is not a model directory: it needs config.json and model weights")
        return ModelLocation(name, path.resolve(), "path")
    if looks_like_path(name):
        return None  # a directory that does not exist: not a hub id either
    if found := in_models_dir(name):
        return ModelLocation(name, found, "models-dir")
    if found := in_hf_cache(name):
        return ModelLocation(name, found, "hf-cache")
    return None


def not_found(name: str, offline: bool) -> ModelNotFoundError:
    command = pull_command(name)
    where = f"not a local directory, not in the models directory ({models_dir()}) and not in the Hugging Face cache ({hf_cache_dir()})"
    message = f"no translation model found: '{name}' is {where}. To get it, run: {command}"
    if offline:
        message += " (on a machine that can reach the Hugging Face hub, then copy the models directory here)"
    return ModelNotFoundError(message, model=name, command=command)


def canonical_name(name: str) -> str:
    """Registered models may be named without their organisation ("opus-mt-ar-en")."""
    from transalign.translate import registry

    info = None if Path(name).expanduser().exists() else registry.get(name)
    return info.id if info else name


def find_model(name: str, *, offline: bool | None = None, download: bool = False) -> ModelLocation:
    """Resolve `name` in the documented order; download it only when `download` and online."""
    name = canonical_name(name)
    if found := locate(name):
        return found
    if looks_like_path(name):
        raise ModelError(f"no translation model at {name}: no such directory")
    off = is_offline(offline)
    if download and not off:
        return ModelLocation(name, pull(name, offline=False), "hub")
    raise not_found(name, off)


def pull(name: str, *, offline: bool | None = None) -> Path:
    """Download `name` from the Hugging Face hub into the models directory; return its path.

    Only the files a PyTorch/CTranslate2 load needs are fetched (not TF or Flax weights).
    """
    if is_offline(offline):
        raise ModelError(
            f"cannot pull '{name}': offline (--offline, HF_HUB_OFFLINE or TRANSFORMERS_OFFLINE is set). "
            f"Run '{pull_command(name)}' where the hub is reachable, or copy the model to {models_dir() / name}"
        )
    from huggingface_hub import HfApi, snapshot_download

    target = models_dir() / name
    try:
        files = {s.rfilename for s in HfApi().model_info(name).siblings or []}
        weights = ["*.safetensors", "model.safetensors.index.json"] if any(f.endswith(".safetensors") for f in files) else ["pytorch_model*.bin", "pytorch_model.bin.index.json"]
        snapshot_download(
            name,
            local_dir=target,
            allow_patterns=["*.json", "*.spm", "*.model", "*.txt", *weights],
        )
    except Exception as exc:  # huggingface_hub raises HTTP, connection, OS and repo-not-found errors
        raise ModelError(
            f"could not download '{name}' from the Hugging Face hub: {type(exc).__name__}: {exc}. "
            f"Check the model id and the connection, or copy the model to {target}"
        ) from exc
    if not is_model_dir(target):
        raise ModelError(f"downloaded '{name}' to {target}, but it has no config.json and weights: is it a translation model?")
    return target

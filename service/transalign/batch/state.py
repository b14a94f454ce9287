"""Where a pair's outputs go, and the marker that says they are complete and current.

A pair is done when its marker exists: it is written last, after every output has been
renamed into place, and records the inputs (size, mtime, SHA-256), the options and each
output's size. A rerun skips a pair whose marker still matches: same options, every
output present at its recorded size, and each input the same size with the same mtime or,
when only the mtime moved (a copy, a `touch`), the same content hash. A pair cut off
midway has no marker and is redone; its outputs are whole files either way (each one is
written to a temporary file and renamed).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from transalign import __version__
from transalign.batch.pairing import Pair
from transalign.formats.write import write_atomic
from transalign.options import Options
from transalign.report.formats import file_name

MARKER = ".done.json"
MARKER_VERSION = 1


def pair_dir(out: Path, pair: Pair) -> Path:
    return out / pair.name


def output_name(pair: Pair, fmt: str, options: Options) -> str:
    """`ep01.json`; the bilingual exports carry the language pair: `ep01.ar-en.srt`."""
    return file_name(pair.name, fmt, options.source_lang, options.target_lang)


def input_record(path: Path, *, with_hash: bool = True) -> dict[str, Any]:
    stat = path.stat()
    record: dict[str, Any] = {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if with_hash:
        record["sha256"] = file_hash(path)
    return record


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def options_record(options: Options) -> dict[str, Any]:
    return json.loads(json.dumps(asdict(options)))  # as the marker reads back: tuples (the glossary's terms) as lists


def write_marker(
    folder: Path, pair: Pair, inputs: dict[str, dict[str, Any]], options: Options, outputs: list[str], counts: dict[str, Any]
) -> None:
    marker = {
        "version": MARKER_VERSION,
        "generator": f"transalign {__version__}",
        "pair": pair.name,
        "inputs": inputs,
        "options": options_record(options),
        "outputs": {name: (folder / name).stat().st_size for name in outputs},
        "counts": counts,
    }
    write_atomic(folder / MARKER, json.dumps(marker, ensure_ascii=False, indent=1) + "\n")


def read_marker(folder: Path) -> dict[str, Any] | None:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) and marker.get("version") == MARKER_VERSION else None


def current_marker(out: Path, pair: Pair, options: Options) -> dict[str, Any] | None:
    """The pair's marker when its outputs are complete and up to date with its inputs, else None."""
    folder = pair_dir(out, pair)
    marker = read_marker(folder)
    if marker is None or marker.get("options") != options_record(options):
        return None
    for name, size in marker.get("outputs", {}).items():
        try:
            if (folder / name).stat().st_size != size:
                return None
        except OSError:
            return None
    recorded = marker.get("inputs", {})
    for side, path in (("source", pair.source), ("translation", pair.translation)):
        if side not in recorded or not _unchanged(path, recorded[side]):
            return None
    return marker


def _unchanged(path: Path, recorded: dict[str, Any]) -> bool:
    try:
        now = input_record(path, with_hash=False)
    except OSError:
        return False
    if now["path"] != recorded.get("path") or now["size"] != recorded.get("size"):
        return False
    return now["mtime_ns"] == recorded.get("mtime_ns") or file_hash(path) == recorded.get("sha256")

"""Which source file goes with which translation: by name across two folders, by language
suffix within one, or as listed in a manifest. Files that find no partner are returned as
`Unpaired` with the reason, so the operator sees them instead of losing an episode silently.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from transalign.errors import InputError

SUFFIXES = (".txt", ".srt", ".vtt")
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class Pair:
    name: str  # unique within the batch; the pair's output folder
    source: Path
    translation: Path


@dataclass(frozen=True)
class Unpaired:
    path: Path
    reason: str


@dataclass(frozen=True)
class Pairing:
    pairs: tuple[Pair, ...]
    unpaired: tuple[Unpaired, ...]


def pair_folders(source_dir: Path, translation_dir: Path, source_lang: str, target_lang: str) -> Pairing:
    """`ep01.srt` (or `ep01.ar.srt`) in one folder with `ep01.srt` (or `ep01.en.vtt`) in the other."""
    sources = {path: key for path in _inputs(source_dir) if (key := _key(path, source_lang))}
    translations = {path: key for path in _inputs(translation_dir) if (key := _key(path, target_lang))}
    return _match(sources, translations, f"in {translation_dir}", f"in {source_dir}")


def pair_suffixes(folder: Path, source_lang: str, target_lang: str) -> Pairing:
    """`ep01.ar.srt` with `ep01.en.srt` in one folder; a file with neither suffix is unpaired."""
    sources: dict[Path, str] = {}
    translations: dict[Path, str] = {}
    unpaired = []
    for path in _inputs(folder):
        if key := _key(path, source_lang, strict=True):
            sources[path] = key
        elif key := _key(path, target_lang, strict=True):
            translations[path] = key
        else:
            unpaired.append(
                Unpaired(path, f"no .{source_lang} or .{target_lang} language suffix (e.g. ep01.{source_lang}.srt)")
            )
    found = _match(sources, translations, "in the folder", "in the folder")
    return Pairing(found.pairs, tuple(sorted(found.unpaired + tuple(unpaired), key=lambda u: u.path)))


def pair_manifest(manifest: Path, source_lang: str) -> Pairing:
    """A CSV of `source,translation[,name]` rows (a header row is optional); relative paths
    are relative to the manifest's folder. A listed file that does not exist makes that
    pair fail when it runs, with the reason, like any other unreadable input."""
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(manifest), f"cannot read the manifest ({error})", expected="a UTF-8 CSV file") from None
    pairs: list[Pair] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(csv.reader(text.splitlines()), 1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or (line == 1 and cells[0].lower() == "source"):
            continue
        if len(cells) not in (2, 3) or not cells[0] or not cells[1]:
            raise InputError(str(manifest), f"{len(cells)} columns", line=line, expected="source,translation[,name]")
        source, translation = (manifest.parent / cells[0], manifest.parent / cells[1])
        name = safe_name(cells[2] if len(cells) == 3 and cells[2] else _key(source, source_lang) or source.name)
        if name in seen:
            raise InputError(
                str(manifest), f"pair name '{name}' is also on line {seen[name]}", line=line,
                expected="a unique name per pair (third column)",
            )
        seen[name] = line
        pairs.append(Pair(name, source, translation))
    return Pairing(tuple(pairs), ())


def safe_name(name: str) -> str:
    """A pair name usable as a folder name on every system."""
    return _UNSAFE.sub("_", name).strip("._") or "pair"


def _inputs(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(str(folder), "is not a folder", expected="a folder of .txt, .srt or .vtt files")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES)


def _key(path: Path, lang: str, *, strict: bool = False) -> str | None:
    """The name that pairs a file: without its extension and its `.lang` suffix, if any.

    `strict`: only files that carry the suffix have a key (one-folder mode)."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    marker = f".{lang}".lower()
    if lang and stem.lower().endswith(marker) and len(stem) > len(marker):
        return stem[: -len(marker)]
    return None if strict else stem


def _match(sources: dict[Path, str], translations: dict[Path, str], where_translation: str, where_source: str) -> Pairing:
    by_key: dict[str, tuple[list[Path], list[Path]]] = defaultdict(lambda: ([], []))
    for path, key in sources.items():
        by_key[key][0].append(path)
    for path, key in translations.items():
        by_key[key][1].append(path)
    pairs, unpaired = [], []
    used: set[str] = set()
    for key in sorted(by_key):
        found_sources, found_translations = by_key[key]
        if len(found_sources) == 1 and len(found_translations) == 1:
            name = safe_name(key)
            while name in used:  # two keys that differ only in characters safe_name replaces
                name += "_"
            used.add(name)
            pairs.append(Pair(name, found_sources[0], found_translations[0]))
        elif not found_translations:
            unpaired += [Unpaired(p, f"no translation named {key}.* {where_translation}") for p in found_sources]
        elif not found_sources:
            unpaired += [Unpaired(p, f"no source named {key}.* {where_source}") for p in found_translations]
        else:
            names = ", ".join(p.name for p in found_sources + found_translations)
            unpaired += [Unpaired(p, f"ambiguous: {names} all pair by the name {key}") for p in found_sources + found_translations]
    return Pairing(tuple(pairs), tuple(unpaired))

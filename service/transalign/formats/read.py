"""Reading one side of a pair — a file, uploaded bytes, text or a list of segments — into a `Document`.

Every entry point goes through the same checks and raises `InputError` naming the file
and the line or cue; nothing is returned half-read.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any, Literal, cast

from transalign.errors import InputError
from transalign.formats.encoding import decode, reject_binary
from transalign.formats.subtitles import read_srt, read_vtt
from transalign.formats.timing import Warnings, repair_timing
from transalign.text.segment import segment_blocks
from transalign.types import Block, Document


def _read_txt(text: str, name: str) -> tuple[list[Block], tuple[str, ...]]:
    return text_blocks(text), ()


# Each reader returns the blocks and warnings about what it repaired on the way.
_READERS: dict[str, Callable[[str, str], tuple[list[Block], tuple[str, ...]]]] = {
    "txt": _read_txt,
    "srt": read_srt,
    "vtt": read_vtt,
}
Kind = Literal["txt", "srt", "vtt", "segments"]
_SUPPORTED = ", ".join(f".{kind}" for kind in _READERS)
_SEGMENT_FIELDS = {"text", "start", "end"}


def read_document(
    path: str | os.PathLike[str], lang: str, *, encoding: str | None = None, segmented: bool = False
) -> Document:
    """Read a .txt, .srt or .vtt file; `segmented` txt holds one segment per non-empty line."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot read the file ({error.strerror or error})") from None
    return read_bytes(data, name, lang, encoding=encoding, segmented=segmented)


def read_bytes(
    data: bytes, name: str, lang: str, *, encoding: str | None = None, segmented: bool = False
) -> Document:
    """Read file content; `name` (a file name) tells the format by its extension."""
    kind = _kind(name)
    if not data.strip():
        raise _empty(name)
    text, used = decode(data, name, encoding)
    text = _one_newline(text)
    if not text.strip():
        raise _empty(name)
    blocks, warnings = _READERS[kind](text, name)
    return _document(name, lang, tuple(blocks), kind, segmented, used, warnings)


def document_from_text(text: str, lang: str, name: str = "text", *, segmented: bool = False) -> Document:
    """A document from text given directly (API callers), read like a .txt file."""
    reject_binary(text, name)
    text = _one_newline(text)
    if not text.strip():
        raise _empty(name)
    return _document(name, lang, tuple(text_blocks(text)), "txt", segmented, None)


def document_from_segments(items: Sequence[str | Mapping[str, Any]], lang: str, name: str) -> Document:
    """A document whose segments are given one by one (API callers): strings, or
    ``{"text", "start", "end"}`` with times in seconds (all items timed, or none).

    Errors name the item by its 1-based position, as a line; timing defects are repaired
    as in subtitle files, with warnings.
    """
    if not items:
        raise InputError(name, "no segments given", expected="a non-empty list of segments")
    blocks = tuple(_segment_block(name, position, item) for position, item in enumerate(items, 1))
    timed = [block.start is not None for block in blocks]
    if any(timed) and not all(timed):
        position = timed.index(not timed[0]) + 1
        raise InputError(
            name, "some segments have times and some do not", line=position, expected="times on all segments or none"
        )
    warnings = Warnings(name)
    blocks = tuple(repair_timing(blocks, warnings))
    return _document(name, lang, blocks, "segments", True, None, warnings.lines())


def text_blocks(text: str) -> list[Block]:
    """One block per non-empty line, its id and line the 1-based line number."""
    return [
        Block(id=number, text=line.strip(), line=number)
        for number, line in enumerate(text.split("\n"), 1)
        if line.strip()
    ]


def _document(
    name: str, lang: str, blocks: tuple[Block, ...], kind: Kind, segmented: bool, encoding: str | None,
    warnings: tuple[str, ...] = (),
) -> Document:
    segments = segment_blocks(blocks, lang, segmented=segmented)
    return Document(
        name=name, lang=lang, segments=segments, blocks=blocks, kind=kind, encoding=encoding, warnings=warnings
    )


def _kind(name: str) -> Kind:
    suffix = PurePath(name).suffix.lower()
    kind = suffix.removeprefix(".")
    if kind not in _READERS:
        what = f"'{suffix}'" if suffix else "no extension"
        raise InputError(name, f"unsupported file type ({what})", expected=f"one of {_SUPPORTED}")
    return cast(Kind, kind)


def _one_newline(text: str) -> str:
    """CRLF and CR line ends as LF, so line numbers count the same everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _empty(name: str) -> InputError:
    return InputError(name, "the file is empty", expected="text, or subtitle cues with text")


def _segment_block(name: str, position: int, item: str | Mapping[str, Any]) -> Block:
    if isinstance(item, str):
        return Block(id=position, text=_segment_text(name, position, item), line=position)
    if not isinstance(item, Mapping):
        raise InputError(
            name, f"segment is of type {type(item).__name__}", line=position,
            expected="a string or an object with text, start, end",
        )
    unknown = sorted(set(item) - _SEGMENT_FIELDS)
    if unknown:
        raise InputError(
            name, f"unknown field '{unknown[0]}' in segment", line=position, expected="only text, start and end"
        )
    text = _segment_text(name, position, item.get("text"))
    start, end = (_segment_time(name, position, item, key) for key in ("start", "end"))
    if (start is None) != (end is None):
        raise InputError(
            name, "segment has only one of start and end", line=position, expected="both start and end, or neither"
        )
    return Block(id=position, text=text, line=position, start=start, end=end)


def _segment_text(name: str, position: int, text: object) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InputError(
            name, "segment has no text", line=position, expected="a non-empty text for every segment"
        )
    reject_binary(text, name)
    return text.strip()


def _segment_time(name: str, position: int, item: Mapping[str, Any], key: str) -> float | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InputError(name, f"segment {key} is {value!r}", line=position, expected="a time in seconds")
    if value < 0:
        raise InputError(name, f"segment {key} is negative ({value})", line=position, expected="times of 0 or more")
    return float(value)

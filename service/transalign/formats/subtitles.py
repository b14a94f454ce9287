"""SubRip and WebVTT cues as `Block`s, validated so that every problem names its cue and line.

Structural problems (no cues, a malformed time code, text outside a cue) are errors.
Timing defects that editors repair (`timing.py`), and the wrong decimal mark in a time
code (SRT's ',' written '.', WebVTT's '.' written ','), are repaired with a warning.

pysrt and webvtt-py do the parsing, but both skip or half-read what they cannot parse
(pysrt reads "00:00:0x" as 0 and drops blocks without a time code; webvtt-py drops
malformed cue blocks unless strict, and strict also rejects harmless unknown cue
settings) and neither reports line numbers. So the structure is checked here first,
line by line, and the libraries' output is matched back to those lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pysrt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from transalign.errors import InputError
from transalign.formats.timing import Warnings, repair_timing
from transalign.types import Block

_SRT_TIME = r"(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{3})"
_SRT_TIMING = re.compile(rf"\s*{_SRT_TIME}\s*-->\s*{_SRT_TIME}(?:\s.*)?")
_SRT_EXPECTED = "'HH:MM:SS,mmm --> HH:MM:SS,mmm'"
_VTT_TIME = r"(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{3})"
_VTT_TIMING = re.compile(rf"\s*{_VTT_TIME}[ \t]*-->[ \t]*{_VTT_TIME}(?:[ \t].*)?")
_VTT_EXPECTED = "'HH:MM:SS.mmm --> HH:MM:SS.mmm' (hours optional)"
# A time code's decimal mark: SubRip writes ',' and WebVTT '.', and tools mix them up.
_SRT_DOT = re.compile(r"(:[0-5]\d)\.(\d{3})")
_VTT_COMMA = re.compile(r"(:[0-5]\d),(\d{3})")
# Override tags of ASS/SSA that some tools leave in SRT text, e.g. {\an8}.
_ASS_TAGS = re.compile(r"\{\\[^}]*\}")


@dataclass(frozen=True)
class _RawCue:
    """A cue as found in the file, before the library reads it."""

    position: int  # 1-based, in file order
    number: int | None  # the cue number written in the file, if any
    line: int  # 1-based line where the cue starts
    timing_line: int
    start: float
    end: float
    timing: str  # the time code line as written


def read_srt(text: str, name: str) -> tuple[list[Block], tuple[str, ...]]:
    """Cues of a SubRip file and warnings about what was repaired; ids are the cue numbers
    when the file numbers them in order."""
    blocks_of_lines = enumerate(_srt_blocks(text), 1)
    raw = [_srt_cue(name, position, first, lines) for position, (first, lines) in blocks_of_lines]
    if not raw:
        raise InputError(name, "no subtitle cues found", expected=f"cues with a time code line {_SRT_EXPECTED}")
    numbered = _numbers_in_order(raw)
    warnings = Warnings(name)
    for cue in raw:
        if _SRT_DOT.search(cue.timing):  # pysrt reads it; the warning tells the editor
            warnings.add(
                "decimal mark", f"time code '{cue.timing.strip()}' has '.' before the milliseconds; read as ','",
                cue=cue.number if numbered else cue.position, line=cue.timing_line,
            )
    try:
        items = pysrt.from_string(text, error_handling=pysrt.ERROR_RAISE)
    except pysrt.Error as error:
        raise InputError(
            name, f"not readable as SubRip ({type(error).__name__})", expected="valid SubRip"
        ) from None
    if len(items) != len(raw):
        raise InputError(
            name, f"read {len(items)} cues but found {len(raw)} time code lines", expected="valid SubRip"
        )
    blocks = []
    for cue, item in zip(raw, items):
        body = _ASS_TAGS.sub("", item.text_without_tags)
        cue_id = cue.number if numbered and cue.number is not None else cue.position
        blocks.append(_block(name, cue_id, cue.line, body, item.start.ordinal / 1000, item.end.ordinal / 1000))
    blocks = repair_timing(blocks, warnings)
    return blocks, warnings.lines()


def read_vtt(text: str, name: str) -> tuple[list[Block], tuple[str, ...]]:
    """Cues of a WebVTT file and warnings about what was repaired; ids are cue positions
    (1-based), identifiers being free text."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("WEBVTT"):
        first = lines[0][:40] if lines else ""
        raise InputError(
            name, f"not a WebVTT file (first line '{first}')", line=1, expected="'WEBVTT' on the first line"
        )
    raw = _vtt_cues(name, lines)
    if not raw:
        raise InputError(name, "no subtitle cues found", expected=f"cues with a time code line {_VTT_EXPECTED}")
    warnings = Warnings(name)
    commas = [cue for cue in raw if _VTT_COMMA.search(cue.timing)]
    for cue in commas:
        warnings.add(
            "decimal mark", f"time code '{cue.timing.strip()}' has ',' before the milliseconds; read as '.'",
            cue=cue.position, line=cue.timing_line,
        )
    if commas:  # webvtt-py silently drops such cues, so it reads the repaired lines
        for cue in commas:
            lines[cue.timing_line - 1] = _VTT_COMMA.sub(r"\1.\2", cue.timing)
        text = "\n".join(lines) + "\n"
    try:
        captions = webvtt.WebVTT.from_string(text).captions
    except (MalformedFileError, MalformedCaptionError) as error:
        raise InputError(name, f"not readable as WebVTT ({error})", expected="valid WebVTT") from None
    _match_captions(name, raw, captions)
    blocks = []
    for cue, caption in zip(raw, captions):
        line = cue.timing_line - 1 if caption.identifier else cue.timing_line
        start, end = caption.start_time.in_milliseconds() / 1000, caption.end_time.in_milliseconds() / 1000
        blocks.append(_block(name, cue.position, line, caption.text, start, end))
    blocks = repair_timing(blocks, warnings)
    return blocks, warnings.lines()


def _match_captions(name: str, raw: Sequence[_RawCue], captions: Sequence[webvtt.Caption]) -> None:
    """Every time code line found must have become a caption, in order, with its start time."""
    for index, cue in enumerate(raw):
        if index >= len(captions) or captions[index].start_time.in_milliseconds() != round(cue.start * 1000):
            raise InputError(
                name, "cue could not be read", cue=cue.position, line=cue.timing_line, expected="valid WebVTT"
            )


def _block(name: str, cue_id: int, line: int, body: str, start: float, end: float) -> Block:
    text = "\n".join(part.strip() for part in body.splitlines() if part.strip())
    if not text:
        raise _no_text(name, cue_id, line)
    return Block(id=cue_id, text=text, line=line, start=start, end=end)


def _no_text(name: str, cue: int, line: int) -> InputError:
    return InputError(
        name, "cue has no text", cue=cue, line=line, expected="at least one line of text after the time code"
    )


def _numbers_in_order(raw: Sequence[_RawCue]) -> bool:
    numbers = [cue.number for cue in raw]
    if any(number is None for number in numbers):
        return False
    return all(a < b for a, b in zip(numbers, numbers[1:]))  # type: ignore[operator]


def _srt_blocks(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each run of non-blank lines, as pysrt splits them."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _srt_cue(name: str, position: int, first: int, lines: list[str]) -> _RawCue:
    has_number = "-->" not in lines[0]
    number = _int_or_none(lines[0]) if has_number else None
    label = number if number is not None else position
    if has_number and (len(lines) < 2 or (number is None and "-->" not in lines[1])):
        raise InputError(
            name, f"text outside any cue: '{lines[0].strip()[:60]}'", line=first,
            expected=f"a cue number, then a time code line {_SRT_EXPECTED}, then text",
        )
    timing_line = first + 1 if has_number else first
    timing = lines[timing_line - first]
    match = _SRT_TIMING.fullmatch(timing)
    if not match:
        raise InputError(
            name, f"malformed time code '{timing.strip()}'", cue=label, line=timing_line, expected=_SRT_EXPECTED
        )
    body = lines[timing_line - first + 1 :]
    if not body:
        raise _no_text(name, label, first)
    for offset, line in enumerate(body, timing_line + 1):
        if "-->" in line:
            raise InputError(
                name, f"time code inside cue text: '{line.strip()}'", cue=label, line=offset,
                expected="a blank line before each cue",
            )
    start, end = _seconds(match.groups()[:4]), _seconds(match.groups()[4:])
    return _RawCue(position, number, first, timing_line, start, end, timing)


def _vtt_cues(name: str, lines: list[str]) -> list[_RawCue]:
    """Every time code line after the header, validated; NOTE/STYLE/REGION blocks have none."""
    cues: list[_RawCue] = []
    for index, line in enumerate(lines[1:], 2):
        if "-->" not in line:
            continue
        position = len(cues) + 1
        match = _VTT_TIMING.fullmatch(line)
        if not match:
            raise InputError(
                name, f"malformed time code '{line.strip()}'", cue=position, line=index, expected=_VTT_EXPECTED
            )
        start, end = _seconds(match.groups()[:4]), _seconds(match.groups()[4:])
        cues.append(_RawCue(position, None, index, index, start, end, line))
    return cues


def _seconds(fields: Sequence[str | None]) -> float:
    hours, minutes, seconds, millis = (int(field or 0) for field in fields)
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def _int_or_none(text: str) -> int | None:
    text = text.strip().removeprefix("\ufeff")
    return int(text) if text.isdigit() else None

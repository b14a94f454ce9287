"""Decoding input bytes: BOMs, UTF-8, UTF-16 without BOM, Windows-1256, then detection.

Arabic subtitle files come in Windows-1256 and UTF-16 as often as in UTF-8, and
charset-normalizer alone often mistakes short Windows-1256 files for another code page,
so the cheap and certain checks run first and the Arabic legacy code pages are tried
before the general detector.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from charset_normalizer import from_bytes

from transalign.errors import InputError

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one. The names given
# are codecs that read the file, BOM included.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_EXPECTED_TEXT = "a text file in UTF-8, UTF-16 or Windows-1256 (or pass the encoding explicitly)"

# Characters that are neither Arabic nor a sign of a wrong code page in Arabic text.
_NEUTRAL = set("\u00a0«»×÷")
# An Arabic code page is chosen when nearly all non-ASCII characters it gives are Arabic
# and Arabic letters are at least half of all letters: a French "café" in Windows-1252
# also decodes as ISO-8859-6 (é -> ى), but its letters are mostly Latin.
_ARABIC_SHARE = 0.9
_ARABIC_LETTERS = 0.5
# In UTF-16 without BOM at least this share of code units is ASCII (spaces, line breaks).
_WIDE_ASCII_SHARE = 0.05
# C0 and C1 control characters other than tab, line and page breaks; above this share of
# the text they mean binary data.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_SHARE = 0.01


class Decoded(NamedTuple):
    text: str
    encoding: str  # a codec name that decodes the same bytes to the same text


def decode(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """Decode `data` (the content of file `name`); `encoding` overrides detection."""
    decoded = _decode_with(data, name, encoding) if encoding else _detect(data, name)
    reject_binary(decoded.text, name)
    return decoded


def _decode_with(data: bytes, name: str, encoding: str) -> Decoded:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(
            name, f"unknown encoding '{encoding}'", expected="a codec name such as utf-8, cp1256 or utf-16"
        ) from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise _undecodable(data, name, codec, error) from None
    return Decoded(text.removeprefix("\ufeff"), codec)


def _undecodable(data: bytes, name: str, codec: str, error: UnicodeDecodeError) -> InputError:
    """The error for bytes that `codec` cannot decode, pointing at the line they are on."""
    line = data[: error.start].decode(codec, errors="replace").count("\n") + 1
    byte = data[error.start]
    return InputError(
        name,
        f"byte 0x{byte:02x} at offset {error.start} is not valid {codec}",
        line=line,
        expected=f"{codec} text (or pass the file's real encoding)",
    )


def _detect(data: bytes, name: str) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, name, codec)
    if b"\x00" in data:
        return _decode_wide(data, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _arabic_code_page(data) or _charset_normalizer(data, name)


def _decode_wide(data: bytes, name: str) -> Decoded:
    """UTF-32/UTF-16 without BOM, told by where the NUL bytes fall; otherwise binary.

    ASCII characters (spaces, digits, line breaks) have a NUL high byte, so in UTF-16-LE
    the NULs sit at odd offsets and in UTF-16-BE at even ones; Arabic letters (U+06xx)
    have none, but any real text has spaces or line breaks. A few NULs on the other side
    are tolerated (U+0100, U+2000 ...).
    """
    codec = _wide_codec(data)
    if codec is not None:
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    offset = data.index(b"\x00")
    raise InputError(name, f"binary file (NUL byte at offset {offset})", expected=_EXPECTED_TEXT)


def _wide_codec(data: bytes) -> str | None:
    if len(data) % 4 == 0:
        if not any(data[2::4]) and not any(data[3::4]):
            return "utf-32-le"
        if not any(data[0::4]) and not any(data[1::4]):
            return "utf-32-be"
    if len(data) % 2:
        return None
    units = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= units * _WIDE_ASCII_SHARE and even <= odd * 0.05:
        return "utf-16-le"
    if even >= units * _WIDE_ASCII_SHARE and odd <= even * 0.05:
        return "utf-16-be"
    return None


def _arabic_code_page(data: bytes) -> Decoded | None:
    """Windows-1256 or ISO-8859-6 when either decodes to mostly Arabic text.

    The two share the letters ء..ض (0xC1-0xD6) but differ from 0xD7 on: ISO-8859-6 puts
    ـ ف ق ك ل م ن ه و ى ي at 0xE0-0xEA, where Windows-1256 has à â ç è é ê among other
    letters, and leaves 0xDB-0xDF and most of 0xA0-0xBF undefined (where Windows-1256
    has ع غ ف ق ك ...). So ISO-8859-6 text read as Windows-1256 shows Latin accented
    letters, and Windows-1256 text usually fails to decode as ISO-8859-6. When both look
    Arabic, the definite article ال (0xC7 0xE1 in Windows-1256, 0xC7 0xE4 in ISO-8859-6)
    decides, and Windows-1256, by far the more common, wins ties.
    """
    candidates = []
    for rank, codec in enumerate(("iso8859-6", "cp1256")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _arabic_share(text) >= _ARABIC_SHARE and _arabic_letters(text) >= _ARABIC_LETTERS:
            candidates.append((text.count("\u0627\u0644"), rank, Decoded(text, codec)))
    return max(candidates)[2] if candidates else None


def _arabic_share(text: str) -> float:
    """Share of Arabic characters among the non-ASCII, non-neutral characters of `text`."""
    foreign = [char for char in text if not char.isascii() and char not in _NEUTRAL]
    if not foreign:
        return 0.0
    return sum(1 for char in foreign if _is_arabic(char)) / len(foreign)


def _arabic_letters(text: str) -> float:
    """Share of Arabic letters among all letters of `text`."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for char in letters if _is_arabic(char)) / len(letters)


def _is_arabic(char: str) -> bool:
    code = ord(char)
    return 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF


def _charset_normalizer(data: bytes, name: str) -> Decoded:
    best = from_bytes(data).best()
    if best is None:
        raise InputError(name, "could not determine the text encoding", expected=_EXPECTED_TEXT)
    return Decoded(str(best), codecs.lookup(best.encoding).name)


def reject_binary(text: str, name: str) -> None:
    """Binary data that happened to decode: NULs or many control characters."""
    controls = _CONTROLS.findall(text)
    if "\x00" in controls or len(controls) > len(text) * _CONTROL_SHARE:
        first = _CONTROLS.search(text)
        line = text[: first.start()].count("\n") + 1 if first else None
        raise InputError(name, "binary file (control characters in the text)", line=line, expected=_EXPECTED_TEXT)

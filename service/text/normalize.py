"""Normalization for matching only: users always see the original text.

Two strings that a reader would call "the same words" should normalize to the same
string, so that anchors, lexicon look-ups and similarity scores are not thrown off by
how a transcript happened to be typed (keyboard layout, presentation forms, optional
vowel marks, digit script, invisible direction marks).

`normalize_digits` is the one function here that maps one character to one character,
so spans found on its output are valid on its input; the others may change lengths.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic-Indic (U+0660-9) and Extended/Persian (U+06F0-9) digits, the Arabic thousands
# separator U+066C and the Arabic decimal separator U+066B, one character each.
_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "\u066c": ",",
        "\u066b": ".",
    }
)

# Direction controls carry no meaning for matching: LRM/RLM, embeddings and overrides,
# isolates, the Arabic letter mark; also BOM/ZWNBSP and the soft hyphen.
_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]")
# ZWNJ/ZWJ only shape letters in Arabic script (Persian uses ZWNJ inside words), so they
# are removed there; elsewhere they can be meaningful (Indic scripts, emoji sequences).
_JOINERS = re.compile("[\u200c\u200d]")

# Arabic marks dropped for matching: honorific/small signs U+0610-061A, harakat and
# other combining marks U+064B-065F, superscript alef U+0670, Quranic annotation marks
# U+06D6-06ED; and tatweel U+0640, which only stretches a word.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

# Letter variants that writers use interchangeably (or that keyboards produce):
# - alef with hamza above/below, with madda, wasla -> bare alef: hamza seats on alef are
#   routinely omitted in news transcripts;
# - alef maqsura -> ya: Egyptian and many online texts write final ya as alef maqsura;
# - ta marbuta -> ha: often written without its dots at word end;
# - waw with hamza -> waw, ya with hamza -> ya: same omission of the hamza seat;
# - Persian keheh and Farsi yeh -> Arabic kaf and ya: produced by Persian keyboards and
#   present in Windows-1256;
# - Arabic comma, semicolon, question mark and percent -> ASCII equivalents.
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
        "\u0649": "\u064a",
        "\u0629": "\u0647",
        "\u0624": "\u0648",
        "\u0626": "\u064a",
        "\u06a9": "\u0643",
        "\u06cc": "\u064a",
        "\u060c": ",",
        "\u061b": ";",
        "\u061f": "?",
        "\u066a": "%",
    }
)

_SPACES = re.compile(r"\s+")
# Typographic apostrophes (’ and the modifier letter ʼ used in transliterations) -> '.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})

# Compatibility decompositions that would change a value: NFKC turns "10²" into "102"
# and "½" into "1⁄2"; these characters are kept as they are.
_KEEP_TAGS = ("<super>", "<sub>", "<fraction>")

# Language codes whose text is in Arabic script (ISO 639-1/-3, NLLB's "xxx_Arab").
_ARABIC_SCRIPT = {
    "ar", "ara", "arb", "arz", "apc", "apd", "acm", "acq", "aeb", "ajp", "ars", "ary",
    "afb", "ayl", "ayp", "fa", "fas", "pes", "prs", "ur", "urd", "ps", "pus",
}

# Numbers (after normalize_digits) with thousands separators or decimals are one token;
# letters and digits are split apart, so a clitic waw does not hide a number ("و31").
_NUMBER = r"(?<!\d)\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)|(?<!\d)\d+(?:\.\d+)?"
_TOKEN = re.compile(rf"{_NUMBER}|[^\W\d_]+(?:'[^\W\d_]+)*")


def is_arabic_script(lang: str) -> bool:
    """Whether `lang` (e.g. "ar", "ar-SY", "arb_Arab") is written in Arabic script."""
    parts = re.split(r"[-_]", lang.lower())
    return parts[0] in _ARABIC_SCRIPT or "arab" in parts[1:]


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Persian digits and the Arabic separators to ASCII, length-preserving."""
    return text.translate(_DIGITS)


def normalize(text: str, lang: str) -> str:
    """The matching form of `text` for language `lang`."""
    if is_arabic_script(lang):
        return normalize_arabic(text)
    return normalize_generic(text)


def normalize_arabic(text: str) -> str:
    """Matching form of Arabic-script text (see the tables above for each choice).

    Compatibility folding resolves presentation forms (ﻻ -> لا, isolated/final forms
    from old PDFs and subtitle tools) before marks are dropped and letters unified.
    """
    text = _JOINERS.sub("", _INVISIBLE.sub("", text))
    text = normalize_digits(_fold_compatibility(text))
    return _finish(_ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS))


def normalize_generic(text: str) -> str:
    """Matching form for other languages: invisible controls out, compatibility folding, casefold.

    Accents are kept (they distinguish words in most Latin-script languages).
    """
    text = normalize_digits(_fold_compatibility(_INVISIBLE.sub("", text)))
    return _finish(text)


def tokens(text: str, lang: str) -> list[str]:
    """Words and numbers of the normalized text; "1,000" and "3.5" stay one token."""
    return _TOKEN.findall(normalize(text, lang))


def arabic_tokens(text: str) -> list[str]:
    """Tokens of Arabic text (see `tokens`)."""
    return tokens(text, "ar")


def _finish(text: str) -> str:
    """Shared last step: one apostrophe, single spaces, caseless (Latin words in any text)."""
    text = text.translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip().casefold()


def _fold_compatibility(text: str) -> str:
    """NFKC, except for characters whose folding would change a value (superscripts etc.)."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text  # nothing to fold: skip the per-character pass (most text)
    return unicodedata.normalize("NFC", "".join(_fold_char(char) for char in text))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposition = unicodedata.decomposition(char)
    if not decomposition.startswith("<") or decomposition.startswith(_KEEP_TAGS):
        return char
    return unicodedata.normalize("NFKC", char)

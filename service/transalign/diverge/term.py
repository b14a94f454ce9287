"""`term`: a glossary term in the source whose required translation the aligned English lacks.

What Xbench and Verifika check for translators: the client's glossary (`--glossary`,
service/transalign/formats/glossary.py) pairs source terms with the target term that must be used.
Arabic terms are matched on normalized words (service/transalign/text/normalize.py), each word
with or without the clitics it may carry (و ف ب ل ك and the article: الإيدز in بالإيدز);
English terms on Snowball stems, so "vaccines" has "vaccine" and "COVID-19" is "covid
19". A longer term is matched before the terms inside it ("فيروس كورونا" before
"فيروس"), and a source term listed with several English terms is satisfied by any of
them. A bead is flagged once, with every missing term as evidence: the Arabic span and
the bead's English where the term should have been. Where the dictionary shows that the
English says the term's meaning with other words ("disease" where the glossary requires
"sickness" for مرض), the flag is less severe: it is the client's call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


from transalign.diverge.context import BeadView, concepts_of, covers, keys_of
from transalign.diverge.flags import flag
from transalign.diverge import severity
from transalign.text.normalize import normalize_arabic
from transalign.types import Evidence, Flag, FlagKind
from transalign.text.stem import stem_english

NAME: FlagKind = "term"
NEEDS_MODEL = False
SEVERITY = severity.LIKELY + severity.STEP  # the glossary says what is required, and the English does not say it at all
SYNONYM = severity.WEAK  # the English says the term's meaning with other words, which the client may accept
_CLITICS = sorted({c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال")} | {c + "لل" for c in ("", "و", "ف")}, key=len)
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    source: tuple[str, ...]  # normalized Arabic words, the article dropped
    targets: tuple[tuple[str, ...], ...]  # English stems of each accepted translation
    text: str  # the source term as the glossary writes it
    required: tuple[str, ...]  # the English terms as the glossary writes them


def compile_terms(glossary: Sequence[tuple[str, str]]) -> tuple[Term, ...]:
    """Glossary pairs grouped by source term, longest source term first."""
    grouped: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for source, target in glossary:
        words = tuple(_bare(normalize_arabic(w)) for w in source.split())
        if words and _stems(target):
            grouped.setdefault(words, []).append((source, target))
    terms = [
        Term(words, tuple(_stems(t) for _, t in pairs), pairs[0][0], tuple(dict.fromkeys(t for _, t in pairs)))
        for words, pairs in grouped.items()
    ]
    return tuple(sorted(terms, key=lambda t: (-len(t.source), -len("".join(t.source)), t.text)))


def check(views: list[BeadView], glossary: Sequence[tuple[str, str]]) -> list[Flag]:
    terms = compile_terms(glossary)
    if not terms:
        return []
    return [f for view in views if view.source and view.translation for f in _bead(view, terms)]


def _bead(view: BeadView, terms: tuple[Term, ...]) -> list[Flag]:
    words = [w for w in view.source_words if not view.in_chain(w.start)]
    readings = [_readings(w.form) for w in words]
    english = _stems(view.translation)
    taken: set[int] = set()
    missing: list[tuple[Term, int, int]] = []
    for term in terms:
        n = len(term.source)
        for i in range(len(words) - n + 1):
            if any(k in taken for k in range(i, i + n)) or not all(term.source[j] in readings[i + j] for j in range(n)):
                continue
            taken.update(range(i, i + n))
            if not any(_contains(english, target) for target in term.targets):
                missing.append((term, words[i].start, words[i + n - 1].end))
    if not missing:
        return []
    missing.sort(key=lambda item: item[1])
    said = "; ".join(f"{view.source[a:b]} requires “{' / '.join(t.required)}”" for t, a, b in missing)
    evidence: list[Evidence] = [view.evidence("source", a, b) for _, a, b in missing]
    evidence.append(view.evidence("translation", 0, len(view.translation)))
    synonyms = all(_rendered_otherwise(view, a, b) for _, a, b in missing)
    message = f"glossary term missing from the English: {said}" + (" (the English has a dictionary synonym)" if synonyms else "")
    return [flag(NAME, SYNONYM if synonyms else SEVERITY, view.index, message, evidence)]


def _rendered_otherwise(view: BeadView, start: int, end: int) -> bool:
    """Whether the English says the term's meaning in other words: every content word of its
    Arabic span has a dictionary gloss the English has ("disease" where "sickness" is required)."""
    concepts, keys = concepts_of(view.translation_words), keys_of(view.translation_words)
    inside = [w for w in view.source_words if start <= w.start < end and w.content]
    return bool(inside) and all(w.concepts and covers(w, concepts, keys) for w in inside)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


@lru_cache(maxsize=20_000)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem_english(w.lower()) for w in _TOKEN.findall(text))


def _bare(form: str) -> str:
    """A term's word without its article, as its readings in a text are (الايدز -> ايدز)."""
    return form[2:] if form.startswith("ال") and len(form) > 3 else form


@lru_cache(maxsize=100_000)
def _readings(form: str) -> frozenset[str]:
    """A normalized word as it stands and without each clitic run it may begin with."""
    return frozenset(form[len(c) :] for c in _CLITICS if form.startswith(c) and len(form) - len(c) >= 2)

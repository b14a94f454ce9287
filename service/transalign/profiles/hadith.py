"""The hadith profile's text logic: where a chain of narrators (isnad) ends and its text
(matn) begins, and chains glued to the hadith they introduce for alignment.

Kept here, in one place, so that the aligner (service/transalign/align) and the checks
(service/transalign/diverge) ask the profile rather than each other.

English translations of hadith collections reduce the chain ("حدثنا فلان، حدثنا فلان،
عن فلان، أن ...") to one narrator line, so the chain would read as an omission of every
name in it. The chain is a run of comma-separated clauses that open with a transmission
word (حدثنا، أخبرنا، عن، سمعت ...); it ends at the first clause that does not, or,
inside a clause, at the first speech or report word (قال، أن، يقول ...) after the name,
or at the first quotation mark.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transalign.text.normalize import normalize_arabic
from transalign.text.words import ARABIC_WORD
from transalign.types import Document, Segment

_TRANSMISSION = {
    normalize_arabic(w)
    for w in (
        "حدثنا", "حدثني", "حدثناه", "أخبرنا", "أخبرني", "أنبأنا", "أنبأني", "نا", "ثنا", "عن",
        "سمعت", "سمع", "وحدثنا", "وحدثني", "وأخبرنا", "وعن", "حدثه", "أخبره", "حدثهم",
    )
}
_REPORT = {
    normalize_arabic(w)
    for w in ("قال", "قالت", "قالا", "قالوا", "أن", "أنه", "أنها", "أنهم", "أنهما", "يقول", "تقول", "يحدث", "إن", "أنّ")
}
# Clauses that only continue the chain: "المعنى", "قالا حدثنا", "وهذا حديثه".
_CONTINUATION = {normalize_arabic(w) for w in ("المعنى", "بإسناده", "بمعناه", "نحوه", "وهذا", "وهذا لفظه", "وهذا حديثه")}
_QUOTE = re.compile("[\"“«]")


def isnad_end(text: str) -> int:
    """Offset in `text` where the matn starts (0 when `text` opens with no chain)."""
    quote = _QUOTE.search(text)
    limit = quote.start() if quote else len(text)
    end = 0
    for clause in re.finditer(r"[^،,]+", text[:limit]):
        words = list(ARABIC_WORD.finditer(clause.group()))
        if not words:
            continue
        first = normalize_arabic(words[0].group())
        if first not in _TRANSMISSION and first not in _CONTINUATION:
            if first in _REPORT and len(words) > 1 and normalize_arabic(words[1].group()) in _TRANSMISSION:
                pass  # "قال حدثنا فلان": the chain goes on
            else:
                break
        end = clause.end()
        for word in words[2:]:
            form = normalize_arabic(word.group())
            if form in _REPORT:
                end = clause.start() + word.start()
                return _skip_space(text, end)
    return _skip_space(text, end)


def _skip_space(text: str, end: int) -> int:
    while end < len(text) and (text[end].isspace() or text[end] in "،,\u200f\u200e"):
        end += 1
    return end


# A person's name in a hadith translation's English: "Ali ibn AbuTalib", "Wa'il b. Hujr",
# "AbuSa'id al-Khudri", "AbuSalih Zakwan as-Samman", "Ahmad (ibn Hanbal)". What may stand
# between two of its parts: spaces, a hyphen, a bracket, and the particles of lineage
# (ibn, bin, b., bint) and of the article (al, al-, as-, ...: "as" and "at" only with their hyphen).
_NAME_JOINT = re.compile(r"(?:[\s(\-]|\b(?:(?:ibn|bin|bint|al|el)\b|b\.|(?:as|ash|ad|ar|az|at|an|ul|un)-))*", re.IGNORECASE)


def joins_name(between: str) -> bool:
    """Whether `between`, the text between two English words, keeps them in one person's name."""
    return bool(between) and _NAME_JOINT.fullmatch(between) is not None


_NARRATOR_LINE = re.compile(r"[^:]{0,80}?(?::|\b(?:said|says|reported|narrated)\b)")
_NARRATED = re.compile(r"\s*(?:narrated|reported)\b", re.IGNORECASE)


def narrator_line_end(english: str) -> int:
    """Where the English narrator line ("Narrated AbuHurayrah:", "Abu Hazim b. Dinar said:")
    ends: the person it names is in the Arabic chain of narrators, not elsewhere (0: none)."""
    narrated = _NARRATED.match(english)
    m = _NARRATOR_LINE.match(english, narrated.end() if narrated else 0)
    return m.end() if m else 0


_LINEAGE = {normalize_arabic(w) for w in ("بن", "ابن", "بنت", "ابنة")}
_KUNYA = {normalize_arabic(w) for w in ("أبو", "أبي", "أبا", "أم")}


def name_run(forms: list[str], k: int) -> list[int]:
    """Indices of the words of the Arabic name that word `k` of normalized `forms` is part of:
    lineage (X بن Y بن Z), a kunya's name (أبي سعيد) and a nisba after it (الخدري)."""
    run = [k]
    j = k
    while j > 0 and forms[j - 1] in _KUNYA:
        j -= 1
    while j > 1 and forms[j - 1] in _LINEAGE:
        j -= 2
        run.insert(0, j)
    j = k
    while j + 1 < len(forms):
        if forms[j + 1] in _LINEAGE and j + 2 < len(forms):
            j += 2
        elif forms[j + 1].startswith("ال") and forms[j + 1].endswith("ي") and len(forms[j + 1]) > 4:
            j += 1
        else:
            break
        run.append(j)
    return run


# Chains in the aligner. A sentence that is nothing but a chain ("حدثنا فلان، حدثنا فلان،
# عن فلان.") has no English counterpart of its own: translations reduce the chain to a
# narrator line ("Abu Huraira reported:") at the head of the hadith. Aligned alone it would
# be a 1-0 bead, an omission; it belongs to the hadith that follows it, so it is glued to
# the next segment before decoding and the beads are spread back over both afterwards.

Groups = list[list[int]]  # the segment indices each aligned unit holds


def is_chain(text: str) -> bool:
    """Whether the segment is a chain of narrators that stops before the text it introduces.

    A chain that ends a sentence ("... عن أبي هريرة، عن النبي صلى الله عليه وسلم بمثله.")
    is a report of its own: "the same hadith, through another chain", translated as such.
    """
    text = text.strip(" \u200f\u200e")
    if not text or text.endswith((".", "؟", "?", "!")):
        return False
    return isnad_end(text) >= len(text.rstrip(":؛ "))


def glue_chains(document: Document) -> tuple[Document, Groups]:
    """The document with every chain-only segment joined to the one after it (or before it, at the end)."""
    groups: Groups = []
    pending: list[int] = []
    for segment in document.segments:
        pending.append(segment.index)
        if not is_chain(segment.text):
            groups.append(pending)
            pending = []
    if pending:
        if groups:
            groups[-1].extend(pending)
        else:
            groups.append(pending)
    if all(len(g) == 1 for g in groups):
        return document, groups
    segments = tuple(_merged(i, [document.segments[k] for k in group]) for i, group in enumerate(groups))
    return replace(document, segments=segments), groups


def _merged(index: int, parts: list[Segment]) -> Segment:
    starts = [p.start for p in parts if p.start is not None]
    ends = [p.end for p in parts if p.end is not None]
    return Segment(
        index=index,
        text=" ".join(p.text for p in parts),
        blocks=tuple(b for p in parts for b in p.blocks),
        start=min(starts) if len(starts) == len(parts) else None,
        end=max(ends) if len(ends) == len(parts) else None,
    )

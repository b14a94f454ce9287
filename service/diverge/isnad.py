"""Where a hadith's chain of narrators (isnad) ends and its text (matn) begins.

English translations of hadith collections reduce the chain ("حدثنا فلان، حدثنا فلان،
عن فلان، أن ...") to one narrator line, so the chain would read as an omission of every
name in it. The chain is a run of comma-separated clauses that open with a transmission
word (حدثنا، أخبرنا، عن، سمعت ...); it ends at the first clause that does not, or,
inside a clause, at the first speech or report word (قال، أن، يقول ...) after the name,
or at the first quotation mark.
"""

from __future__ import annotations

import re

from service.text.normalize import normalize_arabic

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
_WORD = re.compile(r"[\u0621-\u064a\u064b-\u065f\u0670\u0640]+")
_QUOTE = re.compile("[\"“«]")


def isnad_end(text: str) -> int:
    """Offset in `text` where the matn starts (0 when `text` opens with no chain)."""
    quote = _QUOTE.search(text)
    limit = quote.start() if quote else len(text)
    end = 0
    for clause in re.finditer(r"[^،,]+", text[:limit]):
        words = list(_WORD.finditer(clause.group()))
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

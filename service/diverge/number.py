"""`number`: amounts, ordinals, percentages and times that differ between the two sides.

Values are compared, not spellings: ٣١, 31 and واحد وثلاثون are one number
(service/text/quantities.py). A number on one side whose value the other side lacks is
unmatched; a bead with unmatched numbers on both sides is a changed number, the
strongest evidence this package has.

One-sided numbers are flagged only for values other than 1 and 2: Arabic says "one" and
"two" with the singular and the dual ("يومين" = two days), and English uses "one" as a
pronoun, so those values are unmatched in faithful translations all the time (on Sunan
Abi Dawud, see benchmarks/divergence_eval.py).
"""

from __future__ import annotations

from service.diverge.context import BeadView
from service.diverge.flags import flag
from service.text.normalize import normalize_digits
from service.text.quantities import Quantity, find_quantities
from service.types import Evidence, Flag

NAME = "number"
NEEDS_MODEL = False
WEAK_VALUES = {1.0, 2.0}
CHANGED = 0.9  # severity of a number changed between the sides
ONE_SIDED = 0.6  # severity of a number present on one side only


def check(views: list[BeadView]) -> list[Flag]:
    return [f for view in views if view.source and view.translation for f in _bead(view)]


def _unmatched(these: list[Quantity], those: list[Quantity]) -> list[Quantity]:
    pool = [q.value for q in those]
    out = []
    for q in these:
        if q.value in pool:
            pool.remove(q.value)
        else:
            out.append(q)
    return out


def _bead(view: BeadView) -> list[Flag]:
    source = _unmatched(view.source_quantities, view.translation_quantities)
    target = _unmatched(view.translation_quantities, view.all_source_quantities)
    strong_source = [q for q in source if q.value not in WEAK_VALUES]
    strong_target = [q for q in target if q.value not in WEAK_VALUES]
    if source and target and (strong_source or strong_target):
        a, b = (strong_source or source)[0], (strong_target or target)[0]
        evidence = [view.evidence("source", a.start, a.end), view.evidence("translation", b.start, b.end)] + _rendered(view, a)
        message = f"number {_show(a, view.source)} in the Arabic, {_show(b, view.translation)} in the English"
        return [flag(NAME, CHANGED, view.index, message, evidence)]
    strong_source = [q for q in strong_source if _digits(view.source, q)]
    strong_target = [q for q in strong_target if _digits(view.translation, q)]
    if strong_source:
        a = strong_source[0]
        message = f"number {_show(a, view.source)} in the Arabic is not in the English"
        return [flag(NAME, ONE_SIDED, view.index, message, [view.evidence("source", a.start, a.end)] + _rendered(view, a))]
    if strong_target:
        b = strong_target[0]
        message = f"number {_show(b, view.translation)} in the English is not in the Arabic"
        return [flag(NAME, ONE_SIDED, view.index, message, [view.evidence("translation", b.start, b.end)])]
    return []


def _digits(text: str, q: Quantity) -> bool:
    """Written in digits: a number word may be rendered by grammar (dual, plural) instead."""
    return any(ch.isdigit() for ch in text[q.start : q.end])


def _show(q: Quantity, text: str) -> str:
    value = f"{q.value:g}" if q.kind != "time" else f"{int(q.value) // 60}:{int(q.value) % 60:02d}"
    shown = text[q.start : q.end]
    kind = {"percent": " per cent", "ordinal": " (ordinal)"}.get(q.kind, "")
    return f"{value}{kind}" + (f" (“{shown}”)" if normalize_digits(shown).replace(",", "") != value else "")


def _rendered(view: BeadView, q: Quantity) -> list[Evidence]:
    """Where the machine rendering has the source's number, as a third witness."""
    if not view.rendering:
        return []
    for r in find_quantities(view.rendering, view.target_lang):
        if r.value == q.value:
            return [view.evidence("rendering", r.start, r.end)]
    return []

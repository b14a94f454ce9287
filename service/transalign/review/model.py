"""A review of one pair: the translator's decision on each flag and the English they rewrote.

The document is what the API stores and the page sends back whole (`PUT`):
`{"decisions": {FLAG_ID: {"status", "comment"}}, "edits": {SEGMENT_INDEX: TEXT}}`.
It is checked against the pair's result, so that a decision always names a flag the
result has and an edit a segment of its translation: a review that points at nothing
would silently drop out of the exports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["open", "accepted", "dismissed"]
STATUSES: tuple[str, ...] = ("open", "accepted", "dismissed")
MAX_COMMENT = 4000  # characters; a comment is a note, not a document
MAX_EDIT = 20000  # characters of one edited segment


class ReviewError(ValueError):
    """A review document that does not fit its result; `field` is the path of the bad part."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Decision:
    status: Status = "open"
    comment: str = ""


@dataclass(frozen=True)
class Review:
    decisions: dict[str, Decision] = field(default_factory=dict)
    edits: dict[int, str] = field(default_factory=dict)  # translation segment index -> edited text

    def status(self, flag_id: str) -> Status:
        decision = self.decisions.get(flag_id)
        return decision.status if decision else "open"

    def to_dict(self) -> dict[str, Any]:
        return {
            "decisions": {k: {"status": d.status, "comment": d.comment} for k, d in sorted(self.decisions.items())},
            "edits": {str(k): text for k, text in sorted(self.edits.items())},
        }


def parse_review(document: Any, result: Mapping[str, Any]) -> Review:
    """A `Review` from its JSON document, checked against the pair's JSON result."""
    if not isinstance(document, dict):
        raise ReviewError("review", "expected an object with 'decisions' and 'edits'")
    unknown = sorted(set(document) - {"decisions", "edits"})
    if unknown:
        raise ReviewError(unknown[0], "unknown field; a review has 'decisions' and 'edits'")
    flag_ids = {flag["id"] for flag in result.get("flags", [])}
    originals = [segment["text"] for segment in result["translation"]["segments"]]
    return Review(_decisions(document.get("decisions", {}), flag_ids), _edits(document.get("edits", {}), originals))


def _decisions(raw: Any, flag_ids: set[str]) -> dict[str, Decision]:
    if not isinstance(raw, dict):
        raise ReviewError("decisions", "expected an object keyed by flag id")
    decisions = {}
    for flag_id, entry in raw.items():
        where = f"decisions.{flag_id}"
        if flag_id not in flag_ids:
            raise ReviewError(where, "this pair has no flag with that id")
        if not isinstance(entry, dict) or set(entry) - {"status", "comment"}:
            raise ReviewError(where, "expected {\"status\": ..., \"comment\": ...}")
        status = entry.get("status", "open")
        if status not in STATUSES:
            raise ReviewError(f"{where}.status", f"'{status}' is not one of {', '.join(STATUSES)}")
        comment = entry.get("comment") or ""
        if not isinstance(comment, str) or len(comment) > MAX_COMMENT:
            raise ReviewError(f"{where}.comment", f"expected text of at most {MAX_COMMENT} characters")
        if status != "open" or comment:  # an open flag without a comment is no decision
            decisions[flag_id] = Decision(status, comment)
    return decisions


def _edits(raw: Any, originals: list[str]) -> dict[int, str]:
    if not isinstance(raw, dict):
        raise ReviewError("edits", "expected an object keyed by translation segment index")
    edits = {}
    for key, text in raw.items():
        where = f"edits.{key}"
        if not (isinstance(key, str) and key.isdigit() and int(key) < len(originals)):
            raise ReviewError(where, f"expected a translation segment index from 0 to {len(originals) - 1}")
        if not isinstance(text, str) or len(text) > MAX_EDIT:
            raise ReviewError(where, f"expected text of at most {MAX_EDIT} characters")
        if text != originals[int(key)]:  # an edit back to the original is no edit
            edits[int(key)] = text
    return edits


def stored_review(document: dict[str, Any] | None, result: Mapping[str, Any]) -> Review:
    """A stored review against the result as it is now: decisions on flags a rerun no longer
    raises, and edits of segments it no longer has, are left out rather than refused, so that
    the page can still save."""
    if not document:
        return Review()
    flag_ids = {flag["id"] for flag in result.get("flags", [])}
    segments = len(result["translation"]["segments"])
    current = {
        "decisions": {k: v for k, v in document.get("decisions", {}).items() if k in flag_ids},
        "edits": {k: v for k, v in document.get("edits", {}).items() if k.isdigit() and int(k) < segments},
    }
    return parse_review(current, result)

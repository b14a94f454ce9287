"""Reviews of a batch folder's pairs: one JSON file beside each pair's outputs.

`OUT/<pair>/<pair>.review.json`, written to a temporary file and renamed like every
batch output (`write_atomic`), so a server killed while saving leaves the previous
review whole. A file per pair rather than one database for the folder: the review
travels with the pair's outputs when the folder is copied or archived, a person can
read and diff it, and a rerun of the batch (which rewrites only the pair's outputs)
leaves it alone. Only one `transalign review` serves a folder at a time in practice,
and the page saves the whole document each time, so the last save wins.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from transalign.batch.state import input_record, read_marker
from transalign.errors import InputError
from transalign.formats import read_document
from transalign.formats.write import write_atomic
from transalign.review.model import Review, parse_review, stored_review

REVIEW_SUFFIX = ".review.json"


class BatchReviews:
    """The pairs of a batch output folder (`OUT/<pair>/<pair>.json`) and their reviews."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise InputError(str(folder), "is not a folder", expected="the --out folder of `transalign batch`")
        self.folder = folder

    def pairs(self) -> list[str]:
        return sorted(p.name for p in self.folder.iterdir() if p.is_dir() and (p / f"{p.name}.json").is_file())

    def result(self, pair: str) -> dict[str, Any] | None:
        """The pair's JSON result, or None for a name that is not a pair of this folder."""
        if pair not in self.pairs():  # a name from a URL never reaches the file system unchecked
            return None
        path = self.folder / pair / f"{pair}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise InputError(str(path), f"cannot be read as a result ({error})", expected="the JSON `transalign batch` writes") from None

    def cues(self, pair: str) -> dict[str, Any] | None:
        """Both sides' cues, read again from the pair's input files when the batch's marker
        says they have not changed since; None otherwise (the export then works from the JSON)."""
        marker = read_marker(self.folder / pair)
        if marker is None:
            return None
        options, cues = marker.get("options", {}), {}
        for side, lang in (("source", options.get("source_lang")), ("translation", options.get("target_lang"))):
            recorded = marker.get("inputs", {}).get(side, {})
            try:
                path = Path(recorded["path"])
                now = input_record(path, with_hash=False)
                if (now["size"], now["mtime_ns"]) != (recorded.get("size"), recorded.get("mtime_ns")):
                    return None
                document = read_document(path, lang, encoding=options.get("encoding"), segmented=bool(options.get("segmented")))
            except (KeyError, OSError, TypeError, InputError):
                return None
            cues[side] = [asdict(block) for block in document.blocks]
        return cues

    def review(self, pair: str, result: dict[str, Any]) -> Review:
        path = self._path(pair)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Review()
        except ValueError as error:
            raise InputError(str(path), f"is not a review document ({error})", expected='{"decisions": {...}, "edits": {...}}') from None
        return stored_review(document, result)

    def save(self, pair: str, document: dict[str, Any], result: dict[str, Any]) -> Review:
        """Check the document against the pair's result, then replace the stored one."""
        review = parse_review(document, result)
        write_atomic(self._path(pair), json.dumps(review.to_dict(), ensure_ascii=False, indent=1) + "\n")
        return review

    def _path(self, pair: str) -> Path:
        return self.folder / pair / f"{pair}{REVIEW_SUFFIX}"

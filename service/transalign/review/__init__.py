"""review stage: the translator's workspace page, decisions and edits, reviewed exports.

`model` checks a review document against its pair's result, `exports` applies it to the
pair's exports, `result` rebuilds a `Result` from its JSON for them, `page` is the HTML
and `static/` the script and styles; `files` keeps the reviews of a batch folder and
`server` serves one (`transalign review OUT_DIR`). The API's routes are in
`transalign.api.routers.review`.
"""

from transalign.review.exports import REVIEWED_FORMATS, export, reviewed
from transalign.review.model import Decision, Review, ReviewError, parse_review, stored_review
from transalign.review.result import result_from_dict

__all__ = ["REVIEWED_FORMATS", "Decision", "Review", "ReviewError", "export", "parse_review", "result_from_dict", "reviewed", "stored_review"]

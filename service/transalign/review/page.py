"""The review page's HTML: a shell the script fills from the pair's JSON result and review.

The shell holds no text of the pair, only where to fetch it (`data-*` on `<body>`), so the
same page and script serve an API job (where every fetch carries the reviewer's key)
and a batch folder (`transalign review OUT_DIR`, no keys). Script and styles are package
files served by the same server: no build step, nothing from the network.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote

ASSETS = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
STATIC_PATH = "/review/static"
KEYS = (
    ("j", "next flag"),
    ("k", "previous flag"),
    ("a", "accept the focused flag (again: reopen it)"),
    ("d", "dismiss the focused flag (again: reopen it)"),
    ("c", "comment on the focused flag (Enter saves, Escape cancels)"),
    ("e", "edit the English of the focused segment, or of the focused flag's bead (Enter saves, Escape cancels)"),
    ("/", "filter by kind, severity, status (Escape goes back to the flags)"),
    ("?", "this list of keys"),
)
SEVERITIES = (("", "any severity"), ("0.3", "severity ≥ 0.3"), ("0.5", "severity ≥ 0.5"), ("0.8", "severity ≥ 0.8"))


@dataclass(frozen=True)
class Endpoints:
    """Where the page fetches the result and the review, and downloads the exports."""

    result: str
    review: str
    export: str  # with "{format}" where the format goes
    auth: bool  # whether requests need the reviewer's API key
    back: str | None = None  # the batch index, when there is one


def asset(name: str) -> tuple[bytes, str] | None:
    """(content, media type) of a static file of the page, or None for a name it does not have."""
    if name not in ASSETS:
        return None
    return resources.files("transalign.review").joinpath("static", name).read_bytes(), ASSETS[name]


def review_page(title: str, endpoints: Endpoints) -> str:
    e = html.escape
    keys = "".join(f"<dt><kbd>{e(key)}</kbd></dt><dd>{e(what)}</dd>" for key, what in KEYS)
    severities = "".join(f'<option value="{value}">{e(label)}</option>' for value, label in SEVERITIES)
    exports = "".join(
        f'<button type="button" data-export="{fmt}">{label}</button> '
        for fmt, label in (("srt", "SRT"), ("vtt", "WebVTT"), ("tmx", "TMX"), ("csv", "decisions CSV"))
    )
    back = f'<a href="{e(endpoints.back)}">all pairs</a> · ' if endpoints.back else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review · {e(title)}</title>
<link rel="stylesheet" href="{STATIC_PATH}/review.css">
</head>
<body data-result-url="{e(endpoints.result)}" data-review-url="{e(endpoints.review)}" data-export-url="{e(endpoints.export)}" data-auth="{'bearer' if endpoints.auth else 'none'}">
<header>
<h1>{back}Review: <span id="title">{e(title)}</span></h1>
<form id="key-form" hidden><p id="key-message"></p>
<label for="key-input">API key</label> <input id="key-input" type="password" autocomplete="off"> <button type="submit">open</button></form>
<div class="bar" role="toolbar" aria-label="filters and exports">
<label>kind <select id="filter-kind" aria-label="show flags of kind"><option value="">every kind</option></select></label>
<label>severity <select id="filter-severity" aria-label="show flags of severity at least">{severities}</select></label>
<label>status <select id="filter-status" aria-label="show flags by status"><option value="">open and decided</option><option value="open">open only</option><option value="decided">decided only</option></select></label>
<span><progress id="progress-bar" value="0" max="1" aria-labelledby="progress"></progress> <span id="progress" aria-live="polite"></span></span>
<span id="shown" aria-live="polite"></span>
<span>reviewed export: {exports}</span>
<button type="button" id="show-keys" aria-haspopup="dialog">keys (?)</button>
<span id="saved" role="status" aria-live="polite"></span>
</div>
</header>
<main>
<p id="announce" class="sr-only" aria-live="assertive"></p>
<ul id="notes" class="notes"></ul>
<table aria-label="aligned beads with their flags">
<thead><tr><th class="meta" scope="col">bead, cues, time</th><th scope="col">Arabic</th><th scope="col">English (human)</th><th scope="col" id="col-machine" hidden>machine rendering</th><th scope="col">flags</th></tr></thead>
<tbody id="beads"></tbody>
</table>
</main>
<dialog id="keys" aria-labelledby="keys-title"><h2 id="keys-title">Keys</h2><dl>{keys}</dl>
<form method="dialog"><button>close (Escape)</button></form></dialog>
<script src="{STATIC_PATH}/review.js"></script>
</body></html>
"""


@dataclass(frozen=True)
class PairRow:
    """One line of the batch index."""

    name: str
    flags: int
    decided: int
    edits: int


def index_page(folder: str, rows: Sequence[PairRow]) -> str:
    """The batch's pairs, each with how far its review has got, linking to its review page."""
    e = html.escape
    body = "".join(
        f'<tr><td><a href="/review/{e(quote(row.name))}">{e(row.name)}</a></td><td class="n">{row.flags}</td>'
        f'<td class="n">{row.decided}</td><td class="n">{row.edits}</td></tr>'
        for row in rows
    )
    empty = "" if rows else "<p>No pair results (<code>PAIR/PAIR.json</code>) in this folder.</p>"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Review · {e(folder)}</title>
<link rel="stylesheet" href="{STATIC_PATH}/review.css"></head>
<body><main><h1>Review: {e(folder)}</h1>{empty}
<table aria-label="pairs of this batch"><thead><tr><th scope="col">pair</th><th scope="col">flags</th><th scope="col">decided</th><th scope="col">edited segments</th></tr></thead>
<tbody>{body}</tbody></table></main></body></html>
"""

"""A self-contained side-by-side page: source, human translation and machine rendering.

No scripts, fonts or stylesheets are fetched: the page is one file that opens offline
and can be mailed. Right-to-left languages get `dir="rtl"` and their `lang`, so that
browsers shape and order Arabic correctly.

Flags are where a reader looks first: a list of them at the top links to each flagged
row, flagged rows are tinted, and each flag's evidence is a `<mark>` in the text it
points at (on the source and translation sides; the rendering cell shows its word diff).
Quoted text and right-to-left runs inside a message are isolated (`<bdi>`), so that an
Arabic quote in an English message keeps its quotation marks on the right sides. The
title is the files' names, not their paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from pathlib import PurePath

from transalign.beads import bead_span, bead_text
from transalign.report.text import timecode
from transalign.types import Document, Flag, Result, WordDiff

RTL_LANGS = {"ar", "fa", "he", "ur", "ps", "yi", "ckb", "dv", "sd", "ug"}

STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-bottom:1px solid #ddd;padding:.4rem .6rem;vertical-align:top;text-align:start}
th{background:#f4f4f4;position:sticky;top:0}
.meta{width:10rem;font-size:.8rem;color:#555}
.flags{padding-left:1rem;color:#8a1c00}
td[dir=rtl]{font-size:1.1rem;line-height:1.7}
tr.unaligned td{background:#fff6e0}
.rendering{color:#234}
.notes{background:#eef4ff;padding:.6rem 1rem;border-radius:4px}
.cue{color:#777;font-size:.75rem}
del{background:#fde2e2;color:#8a1c1c}ins{background:#dcf5dc;color:#1c5a1c;text-decoration:none}
ul.flags{margin:.3rem 0 0;padding-inline-start:1rem;font-size:.85rem;color:#8a4b00}
tr.flagged td{background:#fff0ec}
mark{background:#ffd27a;color:inherit;border-radius:2px}
.flag-list{background:#fff6f3;border:1px solid #f0c8bc;padding:.6rem 1rem .6rem 2rem;border-radius:4px}
"""
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"  # Hebrew, Arabic and their presentation forms
# A quoted span, or a run of right-to-left words (with the spaces, digits and marks between them).
_ISOLATE = re.compile(f"“([^”]*)”|([{_RTL}](?:[{_RTL}0-9\\s،؛.…/-]*[{_RTL}0-9])?)")


def to_html(result: Result) -> str:
    renderings = {r.bead: r.text for r in result.renderings}
    diffs = {d.bead: d for d in result.diffs}
    flags: dict[int, list[Flag]] = {}
    for f in result.flags:  # already most severe first
        flags.setdefault(f.bead, []).append(f)
    has_rendering = bool(renderings)
    src, tgt = result.source, result.translation
    source_name, translation_name = PurePath(src.name).name, PurePath(tgt.name).name
    head = (
        f"<tr><th class=meta>bead</th><th>{escape(source_name)} ({escape(src.lang)})</th>"
        f"<th>{escape(translation_name)} ({escape(tgt.lang)})</th>"
        + (f"<th>machine rendering ({escape(result.renderings[0].model)})</th>" if has_rendering else "")
        + "</tr>"
    )
    rows = []
    for i, bead in enumerate(result.alignment.beads):
        start, end = bead_span(result, i)
        times = f"<br>{timecode(start)}<br>{timecode(end)}" if start is not None else ""
        label = "source only" if not bead.target else "translation only" if not bead.source else f"{bead.shape} · {bead.score:.2f}"
        bead_flags = flags.get(i, [])
        meta = f"#{i} {label}{times}"
        if bead_flags:
            meta += "<ul class=flags>" + "".join(f"<li>{_flag_line(f)}</li>" for f in bead_flags) + "</ul>"
        cells = [
            f"<td class=meta>{meta}</td>",
            _cell(src, bead.source, _spans(bead_flags, "source")),
            _cell(tgt, bead.target, _spans(bead_flags, "translation")),
        ]
        if has_rendering:
            shown = _diff(diffs[i]) if i in diffs else escape(renderings.get(i, ""))
            cells.append(f'<td class=rendering lang="{escape(tgt.lang)}">{shown}</td>')
        classes = [c for c, on in (("unaligned", not bead.source or not bead.target), ("flagged", bool(bead_flags))) if on]
        row_class = f' class="{" ".join(classes)}"' if classes else ""
        rows.append(f'<tr id="bead-{i}"{row_class}>{"".join(cells)}</tr>')
    notes = "".join(f"<p>Input warning: {_message(w)}</p>" for w in result.warnings) + "".join(f"<p>{_message(n)}</p>" for n in result.notes)
    flag_list = "".join(f'<li><a href="#bead-{f.bead}">bead {f.bead}</a>: {_flag_line(f)}</li>' for f in result.flags)
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>{escape(source_name)} ↔ {escape(translation_name)} · transalign</title><style>{STYLE}</style></head><body>"
        f"<h1><bdi>{escape(source_name)}</bdi> ↔ <bdi>{escape(translation_name)}</bdi></h1>"
        f"<p>{len(result.alignment.beads)} beads, {len(result.flags)} flags.</p>"
        + (f"<ol class=flag-list>{flag_list}</ol>" if flag_list else "")
        + ("<p>Machine rendering shown against the English: [-only in the English-] {+only in the rendering+}.</p>" if diffs else "")
        + (f"<div class=notes>{notes}</div>" if notes else "")
        + f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )


def _flag_line(flag: Flag) -> str:
    return f"[{escape(flag.kind)} {flag.severity:.2f}] {_message(flag.message)}"


def _message(text: str) -> str:
    """Escaped, each quoted span and each right-to-left run isolated (`<bdi>`), so that its
    direction does not spill onto the quotation marks and words around it."""
    return _ISOLATE.sub(_isolated, escape(text, quote=False))


def _isolated(match: re.Match[str]) -> str:
    quoted, run = match.groups()
    return f"“<bdi>{quoted}</bdi>”" if quoted is not None else f"<bdi>{run}</bdi>"


def _spans(flags: Iterable[Flag], side: str) -> list[tuple[int, int, str]]:
    """Evidence spans on one side of a bead, with the flags that point there."""
    return [(e.start, e.end, f"{f.kind}: {f.message}") for f in flags for e in f.evidence if e.side == side and e.end > e.start]


def _marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` escaped, each evidence span (overlapping ones merged) in a <mark> titled with its flags."""
    merged: list[list] = []
    for start, end, title in sorted(spans):
        start, end = max(0, start), min(len(text), end)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(title)
        elif start < end:
            merged.append([start, end, [title]])
    out, position = [], 0
    for start, end, titles in merged:
        out.append(escape(text[position:start]))
        out.append(f'<mark title="{escape(" / ".join(dict.fromkeys(titles)))}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def _diff(diff: WordDiff) -> str:
    """The rendering against the human English: [-only in the English-] {+only in the rendering+}, readable without colour."""
    parts = []
    for op in diff.ops:
        if op.op == "equal":
            parts.append(escape(op.rendering))
            continue
        if op.translation:
            parts.append(f"<del>[-{escape(op.translation)}-]</del>")
        if op.rendering:
            parts.append(f"<ins>{{+{escape(op.rendering)}+}}</ins>")
    return " ".join(parts)


def _cell(document: Document, indices: tuple[int, ...], spans: list[tuple[int, int, str]]) -> str:
    direction = ' dir="rtl"' if document.lang.split("-")[0] in RTL_LANGS else ""
    cues = sorted({c for k in indices for c in document.segments[k].blocks})
    cue_note = ""
    if cues and document.kind in ("srt", "vtt"):
        cue_note = f'<div class=cue dir="ltr">cue {cues[0]}' + (f"–{cues[-1]}" if len(cues) > 1 else "") + "</div>"
    return f'<td lang="{escape(document.lang)}"{direction}>{_marked(bead_text(document, indices), spans)}{cue_note}</td>'

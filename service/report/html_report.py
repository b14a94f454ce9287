"""A self-contained side-by-side page: source, human translation and machine rendering.

No scripts, fonts or stylesheets are fetched: the page is one file that opens offline
and can be mailed. Right-to-left languages get `dir="rtl"` and their `lang`, so that
browsers shape and order Arabic correctly.
"""

from __future__ import annotations

from html import escape

from service.report.text import bead_span, bead_text, timecode
from service.types import Document, Result, WordDiff

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
"""


def to_html(result: Result) -> str:
    renderings = {r.bead: r.text for r in result.renderings}
    diffs = {d.bead: d for d in result.diffs}
    flags: dict[int, list[str]] = {}
    for f in result.flags:  # already most severe first
        flags.setdefault(f.bead, []).append(f"<li>[{escape(f.kind)} {f.severity:.2f}] {escape(f.message)}</li>")
    has_rendering = bool(renderings)
    src, tgt = result.source, result.translation
    head = (
        f"<tr><th class=meta>bead</th><th>{escape(src.name)} ({escape(src.lang)})</th>"
        f"<th>{escape(tgt.name)} ({escape(tgt.lang)})</th>"
        + (f"<th>machine rendering ({escape(result.renderings[0].model)})</th>" if has_rendering else "")
        + "</tr>"
    )
    rows = []
    for i, bead in enumerate(result.alignment.beads):
        start, end = bead_span(result, i)
        times = f"<br>{timecode(start)}<br>{timecode(end)}" if start is not None else ""
        unaligned = not bead.source or not bead.target
        label = "source only" if not bead.target else "translation only" if not bead.source else f"{bead.shape} · {bead.score:.2f}"
        cells = [
            f"<td class=meta>#{i} {label}{times}</td>",
            _cell(src, bead.source),
            _cell(tgt, bead.target),
        ]
        if has_rendering:
            shown = _diff(diffs[i]) if i in diffs else escape(renderings.get(i, ""))
            cells.append(f'<td class=rendering lang="{escape(tgt.lang)}">{shown}</td>')
        if i in flags:
            cells[0] = cells[0][:-5] + f"<ul class=flags>{''.join(flags[i])}</ul></td>"
        rows.append(f"<tr{' class=unaligned' if unaligned else ''}>{''.join(cells)}</tr>")
    notes = "".join(f"<p>Input warning: {escape(w)}</p>" for w in result.warnings) + "".join(f"<p>{escape(n)}</p>" for n in result.notes)
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>transalign: {escape(src.name)} / {escape(tgt.name)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(src.name)} ↔ {escape(tgt.name)}</h1>"
        f"<p>{len(result.alignment.beads)} beads, {len(result.flags)} flags.</p>"
        + ("<p>Machine rendering shown against the English: [-only in the English-] {+only in the rendering+}.</p>" if diffs else "")
        + (f"<div class=notes>{notes}</div>" if notes else "")
        + f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )


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


def _cell(document: Document, indices: tuple[int, ...]) -> str:
    direction = ' dir="rtl"' if document.lang.split("-")[0] in RTL_LANGS else ""
    cues = sorted({c for k in indices for c in document.segments[k].blocks})
    cue_note = ""
    if cues and document.kind in ("srt", "vtt"):
        cue_note = f'<div class=cue dir="ltr">cue {cues[0]}' + (f"–{cues[-1]}" if len(cues) > 1 else "") + "</div>"
    return f'<td lang="{escape(document.lang)}"{direction}>{escape(bead_text(document, indices))}{cue_note}</td>'

"""`index.html` and `summary.csv` over every pair of a batch: what an operator opens in the morning.

One row per pair (done, already up to date, failed with its error, or not run because the
batch was stopped) and one per unpaired file, with the counts of beads and of flags by kind
and links to each pair's outputs.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from transalign.batch.pairing import Pair, Unpaired
from transalign.batch.worker import PairOutcome
from transalign.formats.write import write_atomic
from transalign.report.formats import FORMATS

KNOWN_KINDS = ("omission", "addition", "number", "name", "negation", "meaning", "length")
COUNT_COLUMNS = (
    "source_segments", "translation_segments", "beads", "aligned_beads",
    "unaligned_source", "unaligned_translation", "mean_score", "flags",
)
LINK_FORMATS = ("html", *(name for name in FORMATS if name != "html"))  # the page a person opens first


def write_overview(out: Path, pairs: Sequence[Pair], outcomes: dict[str, PairOutcome], unpaired: Sequence[Unpaired]) -> None:
    rows = overview_rows(pairs, outcomes, unpaired)
    kinds = flag_kinds(rows)
    write_atomic(out / "summary.csv", summary_csv(rows, kinds))
    write_atomic(out / "index.html", index_html(rows, kinds))


def overview_rows(pairs: Sequence[Pair], outcomes: dict[str, PairOutcome], unpaired: Sequence[Unpaired]) -> list[dict[str, Any]]:
    rows = []
    for pair in pairs:
        outcome = outcomes.get(pair.name) or PairOutcome(pair.name, "not run")
        counts = outcome.counts or {}
        row: dict[str, Any] = {
            "pair": pair.name,
            "status": outcome.status,
            "source": str(pair.source),
            "translation": str(pair.translation),
            **{column: counts.get(column, "") for column in COUNT_COLUMNS},
            "flags_by_kind": counts.get("flags_by_kind", {}),
            "seconds": outcome.seconds if outcome.status == "done" else "",
            "links": _links(pair, counts.get("outputs", [])),
            "error": outcome.error or "",
            "warnings": counts.get("warnings", []),
        }
        rows.append(row)
    for item in unpaired:
        rows.append({"pair": "", "status": "unpaired", "source": str(item.path), "translation": "", "error": item.reason,
                     "flags_by_kind": {}, "links": {}, "warnings": []})
    return rows


def flag_kinds(rows: Sequence[dict[str, Any]]) -> list[str]:
    seen = {kind for row in rows for kind in row["flags_by_kind"]}
    return list(KNOWN_KINDS) + sorted(seen - set(KNOWN_KINDS))


def summary_csv(rows: Sequence[dict[str, Any]], kinds: Sequence[str]) -> str:
    header = ["pair", "status", "source", "translation", *COUNT_COLUMNS, *(f"flags_{k}" for k in kinds),
              "seconds", *LINK_FORMATS, "error", "warnings"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        has_counts = row.get("beads", "") != ""
        writer.writerow([
            row["pair"], row["status"], row["source"], row["translation"],
            *(row.get(column, "") for column in COUNT_COLUMNS),
            *((row["flags_by_kind"].get(kind, 0) if has_counts else "") for kind in kinds),
            row.get("seconds", ""),
            *(row["links"].get(fmt, "") for fmt in LINK_FORMATS),
            row["error"],
            "\n".join(row["warnings"]),  # input defects repaired on reading, one a line
        ])
    return out.getvalue()


def index_html(rows: Sequence[dict[str, Any]], kinds: Sequence[str]) -> str:
    pair_rows = [r for r in rows if r["status"] != "unpaired"]
    unpaired = [r for r in rows if r["status"] == "unpaired"]
    statuses: dict[str, int] = {}
    for row in pair_rows:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in ("pair", "status", "beads", "unaligned ar/en", "flags", *kinds, "outputs"))
    body = []
    for row in pair_rows:
        has_counts = row.get("beads", "") != ""
        kind_cells = "".join(f"<td class=n>{row['flags_by_kind'].get(k, 0) if has_counts else ''}</td>" for k in kinds)
        links = " ".join(f'<a href="{e(quote(path))}">{fmt}</a>' for fmt, path in row["links"].items())
        unaligned = f"{row['unaligned_source']} / {row['unaligned_translation']}" if has_counts else ""
        error = f'<div class=error>{e(row["error"])}</div>' if row["error"] else ""
        error += "".join(f"<div class=warning>warning: {e(w)}</div>" for w in row["warnings"])
        body.append(
            f'<tr class="{e(row["status"]).replace(" ", "-")}"><td>{e(row["pair"])}'
            f'<div class=files>{e(row["source"])}<br>{e(row["translation"])}</div>{error}</td>'
            f'<td>{e(row["status"])}</td><td class=n>{row.get("beads", "")}</td><td class=n>{unaligned}</td>'
            f'<td class=n>{row.get("flags", "")}</td>{kind_cells}<td>{links}</td></tr>'
        )
    lost = "".join(f"<li>{e(r['source'])}: {e(r['error'])}</li>" for r in unpaired)
    lost_section = f"<h2>Unpaired files ({len(unpaired)})</h2><ul>{lost}</ul>" if unpaired else ""
    tally = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>transalign batch</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5em; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; }}
td.n {{ text-align: right; }} .files {{ color: #666; font-size: .8em; }} .error {{ color: #a00; font-size: .9em; }}
.warning {{ color: #850; font-size: .9em; }}
tr.failed {{ background: #fee; }} tr.not-run {{ color: #888; }}
</style></head><body>
<h1>transalign batch</h1>
<p>{len(pair_rows)} pairs: {e(tally)}. Figures per pair also in <a href="summary.csv">summary.csv</a>.</p>
<table><thead><tr>{head}</tr></thead><tbody>
{chr(10).join(body)}
</tbody></table>
{lost_section}
</body></html>
"""


def _links(pair: Pair, outputs: Sequence[str]) -> dict[str, str]:
    """Output file per format, relative to the batch folder (where index.html is)."""
    links = {}
    for name in outputs:
        fmt = Path(name).suffix.lstrip(".")
        if fmt in LINK_FORMATS:
            links[fmt] = f"{pair.name}/{name}"
    return links

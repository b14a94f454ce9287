"""How the name check's time grows with the document: the check alone, in one process.

    python benchmarks/name_check_speed.py [--sizes 3000,30000]

Each size is a pair that `benchmarks/pipeline_speed.py` builds (vocabulary growing with the
length), run through `transalign.pipeline.run` without a model; the name check is timed in
CPU seconds as the pipeline calls it. In `transalign align` a long document's name check runs
beside the per-bead checks' workers (`diverge/parallel.py`), so its wall time there also
depends on how many cores those leave it; this prints what the check itself costs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.pipeline_speed import build_pool, document_pair  # noqa: E402
from transalign import pipeline  # noqa: E402
from transalign.diverge import name  # noqa: E402
from transalign.formats.read import document_from_text  # noqa: E402
from transalign.options import Options  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="3000,30000", help="line pairs per document, comma-separated")
    args = parser.parse_args()
    pool = build_pool()
    check, timings = name.check, []

    def timed(views):  # the pipeline calls name.check through the registry at run time
        start = time.process_time()
        flags = check(views)
        timings.append((len(views), time.process_time() - start))
        return flags

    name.check = timed
    print(f"{'lines':>8} {'beads':>8} {'name cpu s':>11} {'ms/1k beads':>12}")
    for size in (int(s) for s in args.sizes.split(",")):
        arabic, english = document_pair(pool, size, 0)
        pipeline.run(document_from_text("\n".join(arabic), "ar", segmented=True),
                     document_from_text("\n".join(english), "en", segmented=True), Options())
        beads, seconds = timings[-1]
        print(f"{size:>8} {beads:>8} {seconds:>11.2f} {1000 * seconds / beads * 1000:>12.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

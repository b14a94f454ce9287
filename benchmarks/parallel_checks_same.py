"""Run another benchmark with every document's checks done twice, in one process and on two, and compare.

    python benchmarks/parallel_checks_same.py benchmarks/divergence_eval.py [its arguments]

Each `pipeline.run` of the benchmark checks its result with `processes=1` and again with
`processes=2` and no minimum number of beads (`diverge.parallel.MIN_BEADS = 0`), so that
even a 20-hadith document is cut into chunks for worker processes; the first difference
(flags, ids, order, severities, messages, evidence, or the checks that ran) stops the run
with exit status 1. The benchmark's own figures are those of the one-process run. At the
end it prints how many documents, beads and flags were compared.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transalign import pipeline  # noqa: E402
from transalign.diverge import parallel  # noqa: E402
from transalign.options import Options  # noqa: E402
from transalign.translate.base import Translator  # noqa: E402
from transalign.types import Result  # noqa: E402


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    parallel.MIN_BEADS = 0
    check = pipeline.check
    counted = {"documents": 0, "beads": 0, "flags": 0}

    def both(result: Result, options: Options | None = None, translator: Translator | None = None, processes: int = 1) -> Any:
        alone = check(result, options, translator, 1)
        if check(result, options, translator, 2) != alone:
            print(f"parallel_checks_same: the checks differ on two processes ({result.source.name})", file=sys.stderr)
            raise SystemExit(1)
        counted["documents"] += 1
        counted["beads"] += len(result.alignment.beads)
        counted["flags"] += len(alone[0])
        return alone

    pipeline.check = both  # type: ignore[assignment]
    sys.argv = sys.argv[1:]
    try:
        runpy.run_path(sys.argv[0], run_name="__main__")
    except SystemExit as done:
        if done.code not in (0, None):
            raise
    print(f"parallel_checks_same: {counted['documents']} documents, {counted['beads']} beads, {counted['flags']} flags: "
          "the same in one process and on two")
    return 0


if __name__ == "__main__":
    sys.exit(main())

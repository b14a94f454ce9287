"""Compile the FreeDict Arabic–English dictionary into the SQLite table the aligner and the
checks read (service/transalign/align/lexicon.py: parsing the dictd files costs seconds
on every start, opening the table milliseconds).

    python models/compile_dictionary.py [--index /usr/share/dictd/freedict-ara-eng.index]

Writes models/lexicons/<index name>.sqlite; does nothing when the table there was built
from the same files by the same code. Setup runs it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transalign.align.lexicon import DEFAULT_INDEX, compile_dictd, compiled_path, is_compiled  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX, help="the dictd .index file (default: the installed FreeDict)")
    args = parser.parse_args(argv)
    if not args.index.exists():
        print(f"compile_dictionary: no dictionary at {args.index}; nothing to compile")
        return 0
    table = compiled_path(args.index)
    if is_compiled(args.index):
        print(f"compile_dictionary: {table} is up to date")
        return 0
    started = time.perf_counter()
    count = compile_dictd(args.index, table)
    print(f"compile_dictionary: {table}: {count} entries ({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

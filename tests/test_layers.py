"""The package's import graph, read from the source with `ast`: stages import only earlier stages.

Data flows read -> text -> align -> render -> compare -> report; the code is layered the
same way, except that `text` (tokenisation, normalization, segmentation: pure functions on
strings) sits beneath `formats`, whose readers call the segmenter. A helper needed by two
stages lives in the earlier one, never copied into the later one (docs/architecture.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "service" / "transalign"

# Lowest first. A module may import from its own layer and the layers below it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__init__", "types", "errors", "options", "beads"),  # the shared vocabulary
    ("text",),
    ("profiles",),  # what differs by kind of text; asked by align and compare
    ("formats",),  # read (and write files atomically)
    ("align",),
    ("translate",),  # render
    ("diverge",),  # compare
    ("report",),
    ("pipeline",),
    ("review", "batch", "api", "cli", "cli_options", "models_cli"),  # the entry points
)
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}


def part_of(module: str) -> str:
    """`transalign.align.decoder` -> `align`; `transalign` -> `__init__`."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def imports(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package (dotted name) and the package modules it imports, anywhere in its body."""
    graph: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).with_suffix("")
        name = ".".join(relative.parts[:-1] if relative.name == "__init__" else relative.parts)
        package = name if relative.name == "__init__" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "transalign"}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from . import x
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                if base.split(".")[0] == "transalign":
                    found.add(base)
        graph[name] = found
    return graph


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {part_of(module) for module in imports()}
    assert parts - set(RANK) == set(), "a new top-level module or package needs its place in LAYERS (and docs/architecture.md)"


def upward(graph: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} ({part_of(module)}) imports {target} ({part_of(target)})"
        for module, targets in graph.items()
        for target in targets
        if RANK[part_of(target)] > RANK[part_of(module)]
    ]


def test_no_stage_imports_a_later_stage() -> None:
    assert upward(imports()) == []


def test_the_package_has_no_import_cycles_between_its_parts() -> None:
    edges = {(part_of(m), part_of(t)) for m, targets in imports().items() for t in targets if part_of(m) != part_of(t)}
    assert [(a, b) for a, b in edges if (b, a) in edges] == []


def test_an_import_of_a_later_stage_is_found_wherever_it_is_written(tmp_path: Path) -> None:
    """What the old layout did (the checks read bead text from the reports): caught at module level and inside a function."""
    root = tmp_path / "transalign"
    (root / "diverge").mkdir(parents=True)
    (root / "diverge" / "__init__.py").write_text("")
    (root / "diverge" / "context.py").write_text("from transalign.report.text import bead_text\n")
    (root / "formats").mkdir()
    (root / "formats" / "retime.py").write_text("def f():\n    import transalign.align.sync\n")
    (root / "report").mkdir()
    (root / "report" / "html.py").write_text("from ..beads import bead_text\nfrom transalign.align import align\n")
    assert sorted(upward(imports(root))) == [
        "transalign.diverge.context (diverge) imports transalign.report.text (report)",
        "transalign.formats.retime (formats) imports transalign.align.sync (align)",
    ]

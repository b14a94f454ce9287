"""The divergence checks, in one registry: the pipeline runs them, the reports and docs list them.

Each entry says what the check is called (as `Result.checks` lists it), the kind of flag
it raises, and what it needs: a model (a translator and its renderings) or the client's
glossary. Adding a check is a module with a `check` function and one entry here.
The order is the order they run and are listed in; it also settles which of two flags of
one kind on one bead is kept when they are equally severe (`diverge.check`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Protocol, get_args

from transalign.diverge import addition, contrastive, length, meaning, name, negation, number, omission, term
from transalign.diverge.context import BeadView
from transalign.options import Options
from transalign.translate.base import Translator
from transalign.types import Flag, FlagKind


@dataclass(frozen=True)
class Inputs:
    """What a check may read besides the beads: the run's options and the translator, if any."""

    options: Options
    translator: Translator | None = None


class Check(Protocol):
    @property
    def name(self) -> str:
        """As Result.checks lists it."""
        ...

    @property
    def kind(self) -> FlagKind:
        """The kind of flag it raises."""
        ...

    @property
    def needs_model(self) -> bool:
        """It runs only with a translator and a rendering."""
        ...

    @property
    def per_bead(self) -> bool:
        """A bead's flags depend on that bead alone, so the check may run on chunks of the beads (diverge/parallel.py)."""
        ...

    def applies(self, inputs: Inputs) -> bool:
        """Whether it runs on this result (a model check needs a translator, `term` a glossary)."""
        ...

    def run(self, views: list[BeadView], inputs: Inputs) -> list[Flag]: ...


@dataclass(frozen=True)
class ModuleCheck:
    """A check module's `check` function, with what it needs read from the module."""

    name: str
    kind: FlagKind
    needs_model: bool
    function: Callable[[list[BeadView], Inputs], list[Flag]]
    needs_glossary: bool = False
    per_bead: bool = False

    def applies(self, inputs: Inputs) -> bool:
        if self.needs_glossary and not inputs.options.glossary:
            return False
        return inputs.translator is not None or not self.needs_model

    def run(self, views: list[BeadView], inputs: Inputs) -> list[Flag]:
        return self.function(views, inputs)


def _text(module: ModuleType, per_bead: bool = False) -> ModuleCheck:
    """A check that reads the beads alone: `module.check(views)`; `per_bead` only where a bead's flags depend on it alone."""
    return ModuleCheck(module.NAME, module.NAME, module.NEEDS_MODEL, lambda views, _: module.check(views), per_bead=per_bead)


def _model(check: Callable[[list[BeadView], Translator], list[Flag]]) -> Callable[[list[BeadView], Inputs], list[Flag]]:
    def run(views: list[BeadView], inputs: Inputs) -> list[Flag]:
        assert inputs.translator is not None, "a model check runs only with a translator (ModuleCheck.applies)"
        return check(views, inputs.translator)

    return run


# per_bead: whether a bead's flags depend on it alone. `name` weighs each bead against the
# document's skeletons (and, in hadith, its habits), `length` against the document's ratios;
# tests/test_parallel_checks.py holds the others to it.
CHECKS: tuple[Check, ...] = (
    *(_text(module, per_bead=True) for module in (omission, addition, number)),
    _text(name, per_bead=False),
    _text(negation, per_bead=True),
    _text(length, per_bead=False),
    ModuleCheck(term.NAME, term.NAME, term.NEEDS_MODEL, lambda views, inputs: term.check(views, inputs.options.glossary),
                needs_glossary=True, per_bead=True),
    ModuleCheck(contrastive.NAME, contrastive.KIND, contrastive.NEEDS_MODEL, _model(contrastive.check)),
    ModuleCheck(meaning.NAME, meaning.NAME, meaning.NEEDS_MODEL, _model(meaning.check)),
)
MODEL_CHECKS = tuple(c.name for c in CHECKS if c.needs_model)
KINDS: tuple[FlagKind, ...] = tuple(dict.fromkeys(c.kind for c in CHECKS))

if set(KINDS) != set(get_args(FlagKind)):
    raise ImportError(f"types.FlagKind {get_args(FlagKind)} must be the kinds the checks raise {KINDS}")

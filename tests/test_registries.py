"""The one-place registries: checks, severities, output formats, and the model-or-reason object."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
from pathlib import Path
from types import ModuleType
from typing import get_args

import pytest

from transalign.api.outputs import MEDIA_TYPES
from transalign.api.schemas import Format
from transalign import diverge
from transalign.diverge import CHECKS, MODEL_CHECKS, severity
from transalign.diverge.registry import Inputs
from transalign.errors import ModelError
from transalign.formats import document_from_text, read_document
from transalign.options import Options
from transalign.pipeline import run
from transalign.report.formats import EXPORTS, FORMATS, NEEDS_TIMES, REPORTS, file_name, writable
from transalign.translate import load_translator
from transalign.translate.availability import ModelAvailability
from transalign.types import FlagKind

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "al-mayadeen"
NO_MODEL = Options(use_model=False)


def test_the_registry_is_what_the_pipeline_runs_and_its_note_names():
    result = run(read_document(FIXTURE / "ar.srt", "ar"), read_document(FIXTURE / "en.srt", "en"), NO_MODEL)
    plain = [c.name for c in CHECKS if not c.needs_model and c.name != "term"]
    assert list(result.checks) == plain
    assert f"not run without a model: {', '.join(MODEL_CHECKS)}." in result.notes[-1]
    assert {f.kind for f in result.flags} <= set(get_args(FlagKind))


def test_each_check_raises_its_own_kind_and_the_kinds_are_the_flag_kinds():
    kinds = {c.name: c.kind for c in CHECKS}
    assert kinds["omission (contrastive)"] == "omission"  # named apart from the lexical one, same kind of flag
    assert set(kinds.values()) == set(get_args(FlagKind))
    assert len(kinds) == len(CHECKS)  # names are unique: Result.checks lists each once


def test_which_checks_apply_follows_what_they_need(test_model: Path):
    plain, with_glossary = Inputs(NO_MODEL), Inputs(Options(use_model=False, glossary=(("الإيدز", "AIDS"),)))
    modelled = Inputs(Options(), load_translator(str(test_model), "transformers"))
    assert [c.name for c in CHECKS if c.applies(plain)] == ["omission", "addition", "number", "name", "negation", "length"]
    assert "term" in [c.name for c in CHECKS if c.applies(with_glossary)]
    assert [c.name for c in CHECKS if c.applies(modelled) and c.needs_model] == list(MODEL_CHECKS) == ["omission (contrastive)", "meaning"]


def test_every_check_and_kind_is_documented():
    docs = (ROOT / "docs" / "json-format.md").read_text(encoding="utf-8") + (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [c.name for c in CHECKS if f"`{c.name}`" not in docs] + [k for k in get_args(FlagKind) if f"`{k}`" not in docs]
    assert missing == []


def _levels() -> set[float]:
    levels = {value for name, value in vars(severity).items() if name.isupper() and name != "STEP"}
    return {round(level + shift, 3) for level in levels for shift in (-severity.STEP, 0.0, severity.STEP)}


def _check_modules() -> list[ModuleType]:
    modules = [importlib.import_module(f"transalign.diverge.{info.name}") for info in pkgutil.iter_modules(diverge.__path__)]
    return [m for m in modules if hasattr(m, "NEEDS_MODEL")]


def test_every_fixed_severity_a_check_declares_is_on_the_scale():
    """Each check module's constants set from the scale, as the flags get them (rounded): a level, or one STEP off one."""
    off_scale, seen = [], 0
    for module in _check_modules():
        for node in ast.parse(inspect.getsource(module)).body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and "severity." in ast.unparse(node.value):
                seen += 1
                value = round(getattr(module, node.targets[0].id), 3)
                if value not in _levels():
                    off_scale.append(f"{module.__name__}.{node.targets[0].id} = {value}")
    assert len(_check_modules()) == len(CHECKS) and seen >= len(CHECKS)
    assert off_scale == []


def test_graded_severities_rise_by_step_and_stop_at_their_cap():
    assert severity.graded(severity.WEAK, 0.0, cap=severity.STRONG) == severity.WEAK
    assert severity.graded(severity.WEAK, 2.0, cap=severity.STRONG) == pytest.approx(severity.WEAK + 2 * severity.STEP)
    assert severity.graded(severity.WEAK, 100.0, cap=severity.STRONG) == severity.STRONG


def test_the_format_registry_is_what_the_api_serves_and_its_schema_allows():
    assert tuple(FORMATS) == get_args(Format)
    assert MEDIA_TYPES == {name: f.media_type for name, f in FORMATS.items()}
    assert REPORTS + EXPORTS == tuple(FORMATS) and NEEDS_TIMES == ("srt", "vtt")
    assert file_name("ep01", "json", "ar", "en") == "ep01.json" and file_name("ep01", "tmx", "ar", "en") == "ep01.ar-en.tmx"


def test_formats_that_need_times_are_left_out_for_a_text_source_with_a_warning():
    result = run(document_from_text("قال الرئيس إن الاجتماع انتهى.", "ar", "ar.txt"), document_from_text("The president said the meeting ended.", "en", "en.txt"), NO_MODEL)
    result, formats = writable(result, list(FORMATS))
    assert formats == ["json", "html", "tsv", "tmx"]
    assert [w.split(" ")[0] for w in result.warnings[-2:]] == ["srt", "vtt"]
    assert json.loads(FORMATS["json"].write(result))["warnings"][-1].startswith("vtt not written")


def test_a_run_without_a_model_says_why_once_in_its_first_note():
    model = ModelAvailability(reason="the server runs on a laptop", source_lang="ar", target_lang="en")
    result = run(document_from_text("مرحبا.", "ar", "a"), document_from_text("Hello.", "en", "b"), Options(), model)
    assert result.notes[0] == "No machine rendering was made: the server runs on a laptop"
    assert sum("No machine rendering" in n for n in result.notes) == 1 and not result.renderings


def test_a_model_the_user_named_and_cannot_have_is_an_error_and_an_unnamed_one_a_reason():
    missing = ModelAvailability.load(str(ROOT / "no-such-model"), source_lang="ar", target_lang="en")
    assert missing.translator is None and missing.reason and "no-such-model" in missing.reason
    with pytest.raises(ModelError, match="no-such-model"):
        missing.for_pair("ar", "en", named="no-such-model")
    assert missing.for_pair("ar", "en").note == f"No machine rendering was made: {missing.reason}"
    assert ModelAvailability.unwanted("--no-model").note is None  # none wanted: nothing to explain in a result


def test_a_loaded_model_serves_its_own_languages_only(test_model: Path):
    loaded = ModelAvailability.load(str(test_model), "transformers", source_lang="ar", target_lang="en")
    assert loaded.translator is not None and loaded.for_pair("ar", "en") is loaded
    other = loaded.for_pair("fr", "en")
    assert other.translator is None and other.reason and "ar->en, not fr->en" in other.reason
    result = run(document_from_text("مرحبا بكم.", "ar", "a"), document_from_text("Welcome.", "en", "b"), Options(), loaded)
    assert result.renderings and "small test model" in result.notes[0]


def test_the_api_schema_names_the_flag_kinds_of_the_registry():
    from transalign.api.routers.align import RESULT_CONTENT

    description = RESULT_CONTENT["application/json"]["schema"]["description"]
    assert all(kind in description for kind in get_args(FlagKind))

"""The translate stage: model resolution and offline behaviour, and the engines on the test model."""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from transalign.translate import registry
from transalign import models_cli
from transalign.errors import ModelError, ModelNotFoundError
from transalign.translate import Decoding, default_model_for, find_model, load_translator, locate
from transalign.translate import resolve
from transalign.translate.batching import length_batches
from transalign.translate.load import ct2_available
from tests.conftest import GOLD

MODEL = "Helsinki-NLP/opus-mt-ar-en"


# --- resolution ------------------------------------------------------------------------------


def fake_model(path: Path) -> Path:
    """Enough of a model directory for resolution (which never loads weights)."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "config.json").write_text('{"model_type": "marian"}')
    (path / "model.safetensors").write_bytes(b"")
    return path


def fake_hf_cache(cache: Path, repo: str, *, weights: bool = True) -> Path:
    """The Hugging Face cache layout: models--org--name/{refs/main, snapshots/<sha>/...}."""
    sha = "0123456789abcdef0123456789abcdef01234567"
    root = cache / ("models--" + repo.replace("/", "--"))
    (root / "refs").mkdir(parents=True)
    (root / "refs" / "main").write_text(sha)
    snapshot = root / "snapshots" / sha
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text('{"model_type": "marian"}')
    if weights:
        (snapshot / "model.safetensors").write_bytes(b"")
    return snapshot


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Empty models directory and HF cache, online unless a test says otherwise."""
    dirs = {"models": tmp_path / "models", "hf": tmp_path / "hf"}
    for d in dirs.values():
        d.mkdir()
    monkeypatch.setenv("TRANSALIGN_MODELS_DIR", str(dirs["models"]))
    monkeypatch.setenv("HF_HUB_CACHE", str(dirs["hf"]))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    return dirs


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the hub fails the test."""
    import huggingface_hub

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the hub was contacted")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", refuse)
    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", refuse)


def test_local_directory_is_used_as_given(places: dict[str, Path], tmp_path: Path) -> None:
    model = fake_model(tmp_path / "mine")
    found = find_model(str(model))
    assert (found.found_in, found.path) == ("path", model.resolve())


def test_a_directory_without_weights_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="not a model directory"):
        find_model(str(tmp_path / "empty"))


def test_models_directory_comes_before_the_hf_cache(places: dict[str, Path]) -> None:
    ours = fake_model(places["models"] / MODEL)
    snapshot = fake_hf_cache(places["hf"], MODEL)
    assert find_model(MODEL).path == ours
    assert find_model(MODEL).found_in == "models-dir"
    (ours / "config.json").unlink()
    assert (find_model(MODEL).found_in, find_model(MODEL).path) == ("hf-cache", snapshot)


def test_registered_models_can_be_named_without_their_organisation(places: dict[str, Path]) -> None:
    fake_model(places["models"] / MODEL)
    assert find_model("opus-mt-ar-en").name == MODEL


def test_hf_cache_entry_without_weights_is_not_a_model(places: dict[str, Path], no_network: None) -> None:
    fake_hf_cache(places["hf"], MODEL, weights=False)
    assert locate(MODEL) is None


def test_no_model_names_the_command_that_fixes_it(places: dict[str, Path], no_network: None) -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        find_model(MODEL)
    assert caught.value.command == f"transalign models pull {MODEL}"
    assert "no translation model found" in str(caught.value)
    assert f"transalign models pull {MODEL}" in str(caught.value)


def test_load_translator_without_a_model_raises_model_error(places: dict[str, Path], no_network: None) -> None:
    with pytest.raises(ModelError, match=re.escape(f"transalign models pull {MODEL}")):
        load_translator(None, source_lang="ar", target_lang="en")


def test_offline_never_downloads(places: dict[str, Path], no_network: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotFoundError):
        find_model(MODEL, download=True)
    monkeypatch.delenv("HF_HUB_OFFLINE")
    with pytest.raises(ModelNotFoundError):
        find_model(MODEL, download=True, offline=True)
    with pytest.raises(ModelError, match="offline"):
        resolve.pull(MODEL, offline=True)


def test_offline_flag_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert resolve.is_offline(None) and not resolve.is_offline(False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "yes")
    assert resolve.is_offline(None) and resolve.is_offline(True)


def test_download_when_online_goes_to_the_models_directory(places: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub

    calls: list[str] = []

    class Info:
        siblings = [type("S", (), {"rfilename": n})() for n in ("config.json", "model.safetensors", "tf_model.h5")]

    def snapshot_download(repo_id: str, *, local_dir: Path, allow_patterns: list[str], **_: object) -> str:
        calls.append(repo_id)
        assert "*.safetensors" in allow_patterns and not any("h5" in p for p in allow_patterns)
        fake_model(Path(local_dir))
        return str(local_dir)

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", lambda self, name: Info())
    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    with pytest.raises(ModelNotFoundError):
        find_model(MODEL)  # resolution alone never downloads
    found = find_model(MODEL, download=True)
    assert (found.found_in, found.path, calls) == ("hub", places["models"] / MODEL, [MODEL])
    assert find_model(MODEL).found_in == "models-dir"


def test_default_models_come_from_the_registry() -> None:
    assert default_model_for("ar", "en") == MODEL
    assert default_model_for("ar", "de") == "facebook/nllb-200-distilled-600M"
    assert default_model_for("xx", "yy") is None
    assert registry.language_code("facebook/nllb-200-distilled-600M", "ar") == "arb_Arab"
    assert registry.language_code("facebook/nllb-200-distilled-600M", "eng_Latn") == "eng_Latn"


def run_cli(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="transalign")
    models_cli.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    return args.func(args, out, err), out.getvalue(), err.getvalue()


def test_models_cli_list_path_and_offline_pull(places: dict[str, Path], no_network: None) -> None:
    code, out, _ = run_cli("models", "list", "--offline")
    assert code == 0 and MODEL in out and "apache-2.0" in out and str(places["models"]) in out
    assert run_cli("models", "path", MODEL)[0] == 1
    code, _, err = run_cli("models", "pull", "opus-mt-ar-en", "--offline")
    assert code == 1 and "offline" in err and f"transalign models pull {MODEL}" in err
    fake_model(places["models"] / MODEL)
    code, out, _ = run_cli("models", "path", "opus-mt-ar-en")
    assert (code, out.strip()) == (0, str(places["models"] / MODEL))
    assert "models-dir" in run_cli("models", "list")[1]


# --- batching ------------------------------------------------------------------------------


def test_length_batches_respect_the_budget_and_cover_every_index() -> None:
    lengths = [5, 40, 3, 17, 40, 8, 120, 1]
    batches = length_batches(lengths, max_tokens=64, max_batch=3)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 64
    assert batches[0] == [6]  # longer than the budget: alone


# --- the engines, on the test model ---------------------------------------------------------


@pytest.fixture(scope="session")
def pairs(test_model: Path) -> list[tuple[str, str]]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    found = [(" ".join(b.get("ar", [])).strip(), " ".join(b.get("en", [])).strip()) for b in data["beads"]]
    return [(ar, en) for ar, en in found if ar and en]


@pytest.fixture(scope="session", autouse=True)
def ct2_cache(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Conversions go to a temporary cache, not the user's."""
    old = os.environ.get("TRANSALIGN_CACHE_DIR")
    os.environ["TRANSALIGN_CACHE_DIR"] = str(tmp_path_factory.mktemp("ct2-cache"))
    yield
    if old is None:
        os.environ.pop("TRANSALIGN_CACHE_DIR", None)
    else:
        os.environ["TRANSALIGN_CACHE_DIR"] = old


def test_the_test_model_loads_as_a_real_model_and_says_it_is_a_test_model(test_model: Path) -> None:
    translator = load_translator(str(test_model), "transformers")
    assert translator.is_test_model and translator.engine == "transformers" and translator.device == "cpu"
    assert load_translator(str(test_model), "transformers") is translator  # loaded once per process
    assert (test_model / "source.spm").exists() and (test_model / "vocab.json").exists()


def test_unsupported_precision_is_a_model_error(test_model: Path) -> None:
    with pytest.raises(ModelError, match="cannot run in float64"):
        load_translator(str(test_model), "transformers", precision="float64")


def test_translate_reproduces_the_fixture(test_model: Path, pairs: list[tuple[str, str]]) -> None:
    translator = load_translator(str(test_model), "transformers")
    assert translator.translate([ar for ar, _ in pairs]) == [en for _, en in pairs]


def test_empty_and_repeated_sentences(test_model: Path, pairs: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    translator = load_translator(str(test_model), "transformers", decoding=Decoding(cache_size=16))
    ar, en = pairs[0]
    assert translator.translate(["", "  ", ar, f" {ar} "]) == ["", "", en, en]
    monkeypatch.setattr(translator, "_generate", lambda *a: pytest.fail("a cached sentence was translated again"))
    assert translator.translate([ar]) == [en]


def corrupt_number(text: str) -> str | None:
    match = re.search(r"\d+", text)
    if not match:
        return None
    changed = str(int(match.group()) + 7)
    return text[: match.start()] + changed + text[match.end() :]


def drop_clause(text: str) -> str | None:
    """Remove a comma-delimited clause (not the first one) of a sentence."""
    parts = text.split(", ")
    if len(parts) < 3:
        return None
    return ", ".join(parts[:1] + parts[2:])


@pytest.mark.parametrize("corrupt", [corrupt_number, drop_clause])
@pytest.mark.parametrize("engine", ["transformers", "ct2"])
def test_score_prefers_the_correct_english(test_model: Path, pairs: list[tuple[str, str]], corrupt: object, engine: str) -> None:
    if engine == "ct2" and not ct2_available():
        pytest.skip("ctranslate2 is not installed")
    cases = [(ar, en, bad) for ar, en in pairs if (bad := corrupt(en)) and bad != en]  # type: ignore[operator]
    assert cases, f"no fixture sentence to apply {corrupt.__name__} to"  # type: ignore[attr-defined]
    translator = load_translator(str(test_model), engine)
    good = translator.score_tokens([ar for ar, _, _ in cases], [en for _, en, _ in cases])
    bad = translator.score_tokens([ar for ar, _, _ in cases], [b for _, _, b in cases])
    for g, b in zip(good, bad):
        assert g.total > b.total
        assert min(g.logprobs) > min(b.logprobs)  # the corrupted token itself is unlikely
        assert len(g.tokens) == len(g.logprobs) and g.tokens[-1] == "</s>"
    assert translator.score([cases[0][0]], [cases[0][1]])[0] == pytest.approx(good[0].logprobs, abs=1e-4)


def test_batches_come_back_in_input_order(test_model: Path, pairs: list[tuple[str, str]]) -> None:
    translator = load_translator(str(test_model), "transformers", decoding=Decoding(max_tokens=200, max_batch=3, cache_size=0))
    rng = random.Random(7)
    mixed = [pairs[rng.randrange(len(pairs))] for _ in range(3 * len(pairs))]
    mixed += [(ar[: len(ar) // 3], None) for ar, _ in pairs[:3]]  # short, unseen inputs among long ones
    sources = [ar for ar, _ in mixed]
    alone = [translator.translate([s])[0] for s in sources]
    together = translator.translate(sources)
    assert together == alone
    assert [t for t, (_, en) in zip(together, mixed) if en] == [en for _, en in mixed if en]


def test_threads_get_the_same_answers_as_serial_calls(test_model: Path, pairs: list[tuple[str, str]]) -> None:
    translator = load_translator(str(test_model), "transformers", decoding=Decoding(cache_size=0, max_batch=4))
    sources = [ar for ar, _ in pairs]
    serial = translator.translate(sources)
    serial_scores = translator.score(sources, [en for _, en in pairs])
    jobs = [sources[i:] + sources[:i] for i in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        outputs = list(pool.map(translator.translate, jobs))
        scores = list(pool.map(lambda _: translator.score(sources, [en for _, en in pairs]), range(4)))
    assert outputs == [serial[i:] + serial[:i] for i in range(8)]
    for got in scores:
        for row, expected in zip(got, serial_scores, strict=True):
            assert row == pytest.approx(expected, abs=1e-4)


@pytest.mark.skipif(not ct2_available(), reason="ctranslate2 is not installed")
def test_ct2_translates_like_transformers(test_model: Path, pairs: list[tuple[str, str]]) -> None:
    ct2 = load_translator(str(test_model), "ct2")
    assert ct2.engine == "ct2" and ct2.is_test_model
    assert load_translator(str(test_model), "auto").engine == "ct2"
    sources = [ar for ar, _ in pairs]
    torch_engine = load_translator(str(test_model), "transformers")
    assert ct2.translate(sources) == torch_engine.translate(sources)


@pytest.mark.skipif(not ct2_available(), reason="ctranslate2 is not installed")
def test_ct2_float32_scores_like_transformers(test_model: Path, pairs: list[tuple[str, str]]) -> None:
    """Same numbers, not just the same argmax: catches a start embedding or vocabulary mismatch."""
    exact = load_translator(str(test_model), "ct2", precision="float32")
    assert exact.precision == "float32" and load_translator(str(test_model), "ct2").precision == "int8"
    sources, targets = [ar for ar, _ in pairs], [en for _, en in pairs]
    expected = load_translator(str(test_model), "transformers").score_tokens(sources, targets)
    for got, want in zip(exact.score_tokens(sources, targets), expected, strict=True):
        assert got.tokens == want.tokens
        assert got.logprobs == pytest.approx(want.logprobs, abs=1e-3)


def tiny_nllb(directory: Path) -> Path:
    """A random NLLB-layout model (M2M100 + NllbTokenizer with its language codes), a few kB."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "▁": 4}
    for c in "abcdefghijklmnopqrstuvwxyz.,0123456789كمائنتفرقةيبدلسخ":
        vocab.setdefault(c, len(vocab))
        vocab.setdefault("▁" + c, len(vocab))
    tokenizer = NllbTokenizer(vocab=vocab, merges=[])
    torch.manual_seed(0)
    config = M2M100Config(
        vocab_size=len(tokenizer), d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=128,
        pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
    )
    M2M100ForConditionalGeneration(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


@pytest.mark.parametrize("engine", ["transformers", "ct2"])
def test_nllb_models_get_their_language_codes(tmp_path: Path, engine: str) -> None:
    if engine == "ct2" and not ct2_available():
        pytest.skip("ctranslate2 is not installed")
    model = tiny_nllb(tmp_path / "nllb")
    translator = load_translator(str(model), engine, source_lang="ar", target_lang="en")
    codec = translator.codec  # type: ignore[attr-defined]
    assert codec.to_tokens(codec.sources(["كمائن"])[0])[0] == "arb_Arab"
    assert codec.prefix_tokens == ["eng_Latn"]
    (rendering,) = translator.translate(["كمائن"])
    assert "eng_Latn" not in rendering
    (scores,) = translator.score_tokens(["كمائن"], ["abc"])
    assert scores.tokens[-4:] == ("a", "b", "c", "</s>") and len(scores.logprobs) == len(scores.tokens)
    assert "eng_Latn" not in scores.tokens
    with pytest.raises(ModelError, match="code for language 'xx'"):
        load_translator(str(model), engine, source_lang="xx", target_lang="en")

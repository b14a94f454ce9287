"""Build the small Marian *test* model from the fixture sentence pairs, offline.

Why it exists: tests and CI must load a model through exactly the path a real opus-mt
model takes (`AutoTokenizer` / `AutoModelForSeq2SeqLM.from_pretrained` on a directory
holding `config.json`, weights, `source.spm`, `target.spm` and `vocab.json`) on machines
that cannot reach a model hub. The model is trained until it reproduces the fixture's
English for the fixture's Arabic, so tests can check real behaviour (translation, forced
decoding scores, batching) against known answers.

It memorises a few dozen sentences and knows nothing else: its output is never a
translation and must never be shown as one. `config.json` carries
`"transalign_test_model": true` and the directory holds a README saying so.

Usage: python models/build_test_model.py [--gold fixtures/al-mayadeen/gold.json] [--out models/test-model]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import sentencepiece as spm
import torch
from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "fixtures" / "al-mayadeen" / "gold.json"
DEFAULT_OUT = ROOT / "models" / "test-model"
BUILD_INFO = "build-info.json"
SEED = 1234
MARGIN_LOSS = 0.01  # mean token cross-entropy at which the fixture is known by heart

README = """# transalign test model (NOT a translation model)

A tiny MarianMT model trained by `models/build_test_model.py` to memorise the sentence
pairs of `{gold}`. It exists so that tests load a model through the same
`from_pretrained` path as `Helsinki-NLP/opus-mt-ar-en` without a model hub.

Its output for any other input is meaningless. Never present it as a translation.
"""


def read_pairs(gold: Path) -> list[tuple[str, str]]:
    """One (Arabic, English) pair per bead with text on both sides, sentences joined by a space."""
    data = json.loads(gold.read_text(encoding="utf-8"))
    pairs: list[tuple[str, str]] = []
    for bead in data["beads"]:
        ar, en = " ".join(bead.get("ar", [])).strip(), " ".join(bead.get("en", [])).strip()
        if ar and en and (ar, en) not in pairs:
            pairs.append((ar, en))
    if not pairs:
        raise SystemExit(f"{gold}: no bead has text on both sides")
    return pairs


def train_spm(lines: list[str], path: Path) -> None:
    """A BPE model as large as the text allows: most words become one piece, which keeps
    sequences short (training time grows with their length) while rare words stay split."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        model_type="bpe",
        vocab_size=4000,
        hard_vocab_limit=False,
        character_coverage=1.0,
        bos_id=-1,
        eos_id=-1,
        unk_id=0,
        num_threads=1,
        minloglevel=2,
    )
    path.write_bytes(model.getvalue())


def write_vocab(dir_: Path) -> dict[str, int]:
    """Shared Marian vocabulary: </s>=0, <unk>=1, the pieces of both models, <pad> last (as opus-mt)."""
    vocab = {"</s>": 0, "<unk>": 1}
    for name in ("source.spm", "target.spm"):
        sp = spm.SentencePieceProcessor(model_file=str(dir_ / name))
        for i in range(sp.get_piece_size()):
            piece = sp.id_to_piece(i)
            if not (sp.is_unknown(i) or sp.is_control(i)) and piece not in vocab:
                vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (dir_ / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8")
    return vocab


def small_config(vocab_size: int, pad: int) -> MarianConfig:
    """opus-mt's architecture (sinusoidal positions, scaled shared embeddings), much smaller."""
    config = MarianConfig(
        vocab_size=vocab_size,
        decoder_vocab_size=vocab_size,
        d_model=128,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=4,
        decoder_attention_heads=4,
        encoder_ffn_dim=256,
        decoder_ffn_dim=256,
        activation_function="swish",
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        max_position_embeddings=512,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=pad,
        eos_token_id=0,
        bos_token_id=0,
        forced_eos_token_id=0,
        decoder_start_token_id=pad,
    )
    config.transalign_test_model = True
    return config


def reproduces(model: MarianMTModel, tok: MarianTokenizer, pairs: list[tuple[str, str]]) -> int:
    """How many fixture sources the model translates to exactly their fixture English (greedy)."""
    model.eval()
    with torch.inference_mode():
        batch = tok([ar for ar, _ in pairs], return_tensors="pt", padding=True)
        out = model.generate(**batch, num_beams=1, do_sample=False, max_new_tokens=512)
    model.train()
    got = tok.batch_decode(out, skip_special_tokens=True)
    return sum(g == en for g, (_, en) in zip(got, pairs))


def zero_pad_embedding(model: MarianMTModel) -> None:
    """Marian starts decoding from a zero embedding (the <pad> row); CTranslate2 assumes it.

    The tied output projection sends gradient into that row, so it is reset after each step.
    """
    with torch.no_grad():
        model.get_input_embeddings().weight[model.config.pad_token_id].zero_()


def train(model: MarianMTModel, tok: MarianTokenizer, pairs: list[tuple[str, str]], max_steps: int) -> int:
    """Full-batch training until every pair is reproduced with a margin; returns the steps taken.

    The margin (a training loss of MARGIN_LOSS) is what lets the int8 CTranslate2 engine,
    whose rounding moves every logit a little, still reproduce the fixture exactly.
    """
    batch = tok([ar for ar, _ in pairs], text_target=[en for _, en in pairs], return_tensors="pt", padding=True)
    labels = batch["labels"].masked_fill(batch["labels"] == tok.pad_token_id, -100)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-3, weight_decay=0.0)
    warmup = 30
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / warmup))
    zero_pad_embedding(model)
    model.train()
    for step in range(1, max_steps + 1):
        loss = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        zero_pad_embedding(model)
        if step % 25 == 0 and loss.item() < MARGIN_LOSS:
            done = reproduces(model, tok, pairs)
            print(f"step {step}: loss {loss.item():.4f}, {done}/{len(pairs)} reproduced", flush=True)
            if done == len(pairs):
                return step
    raise SystemExit(f"the test model did not reproduce all {len(pairs)} fixture pairs in {max_steps} steps")


def fingerprint(gold: Path) -> str:
    """What the build depends on: the fixture text and this script (the recipe)."""
    return hashlib.sha256(gold.read_bytes() + Path(__file__).read_bytes()).hexdigest()


def is_current(out: Path, gold: Path) -> bool:
    """True when `out` holds a complete build of this fixture with this recipe."""
    info = out / BUILD_INFO
    try:
        return json.loads(info.read_text())["fingerprint"] == fingerprint(gold)
    except (OSError, ValueError, KeyError):
        return False


def build(gold: Path = DEFAULT_GOLD, out: Path = DEFAULT_OUT, *, max_steps: int = 3000) -> Path:
    """Build into a temporary directory and move it into place, so `out` is never half-written."""
    torch.manual_seed(SEED)
    pairs = read_pairs(gold)
    started = time.monotonic()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".test-model-", dir=out.parent))
    try:
        train_spm([ar for ar, _ in pairs], work / "source.spm")
        train_spm([en for _, en in pairs], work / "target.spm")
        vocab = write_vocab(work)
        tok = MarianTokenizer(
            source_spm=str(work / "source.spm"),
            target_spm=str(work / "target.spm"),
            vocab=str(work / "vocab.json"),
            source_lang="ar",
            target_lang="en",
            model_max_length=512,
        )
        for _, en in pairs:
            if tok.decode(tok(text_target=en)["input_ids"], skip_special_tokens=True) != en:
                raise SystemExit(f"the target tokenizer does not round-trip: {en!r}")
        config = small_config(len(vocab), vocab["<pad>"])
        model = MarianMTModel(config)
        steps = train(model, tok, pairs, max_steps)
        model.eval()
        model.generation_config = GenerationConfig(
            decoder_start_token_id=config.pad_token_id,
            pad_token_id=config.pad_token_id,
            eos_token_id=0,
            forced_eos_token_id=0,
            bad_words_ids=[[config.pad_token_id]],
            num_beams=1,
            max_length=512,
        )
        model.save_pretrained(work)
        tok.save_pretrained(work)
        (work / "README.md").write_text(README.format(gold=gold.name), encoding="utf-8")
        info = {
            "fingerprint": fingerprint(gold),
            "gold": str(gold.resolve().relative_to(ROOT)) if gold.resolve().is_relative_to(ROOT) else str(gold),
            "pairs": len(pairs),
            "steps": steps,
            "seconds": round(time.monotonic() - started, 1),
            "test_model": True,
        }
        (work / BUILD_INFO).write_text(json.dumps(info, indent=1) + "\n")
        if out.exists():
            shutil.rmtree(out)
        os.replace(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"built {out} from {len(pairs)} pairs in {steps} steps, {time.monotonic() - started:.0f} s")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="fixture pairs (gold.json)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output model directory")
    parser.add_argument("--force", action="store_true", help="rebuild even when the build is current")
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    if not args.force and is_current(args.out, args.gold):
        print(f"{args.out} is current")
        return 0
    build(args.gold, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

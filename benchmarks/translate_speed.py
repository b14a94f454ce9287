"""Translation throughput of each engine on a model the size of Helsinki-NLP/opus-mt-ar-en.

The model is randomly initialised with opus-mt-ar-en's exact configuration (MarianConfig:
d_model 512, 6 encoder and 6 decoder layers, 8 attention heads, feed-forward 2048, swish,
shared vocabulary of 62834 with <pad> = decoder start = 62833, </s> = 0, sinusoidal positions,
scaled embeddings), so its cost per token is the real model's; no weights are downloaded.
Every sentence has the same source length and its output length is forced (minimum = maximum
new tokens), because a random model would otherwise stop at a random point.

It loads the model through the engines' own classes (thread settings, int8 quantization,
the CTranslate2 conversion cache) and times the decoding call with greedy search.

Usage: python benchmarks/translate_speed.py [--quick] [--threads N] [--src-len 30] [--new-tokens 30]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sentencepiece as spm
import torch
from transformers import MarianConfig, MarianMTModel, MarianTokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from transalign.translate.device import Device, cpu_threads  # noqa: E402
from transalign.translate.marian import TransformersTranslator  # noqa: E402

VOCAB = 62834
PAD = VOCAB - 1
BATCHES = (1, 8, 32)


def opus_mt_ar_en_config() -> MarianConfig:
    return MarianConfig(
        vocab_size=VOCAB,
        decoder_vocab_size=VOCAB,
        d_model=512,
        encoder_layers=6,
        decoder_layers=6,
        encoder_attention_heads=8,
        decoder_attention_heads=8,
        encoder_ffn_dim=2048,
        decoder_ffn_dim=2048,
        activation_function="swish",
        max_position_embeddings=512,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        pad_token_id=PAD,
        decoder_start_token_id=PAD,
        eos_token_id=0,
        bos_token_id=0,
        forced_eos_token_id=0,
        bad_words_ids=[[PAD]],
    )


def write_model(directory: Path) -> None:
    """A loadable model directory: random weights and a MarianTokenizer over a 62834-token vocabulary."""
    torch.manual_seed(0)
    MarianMTModel(opus_mt_ar_en_config()).save_pretrained(directory)
    text = [f"sentence {i} of the benchmark with some words" for i in range(200)]
    for name in ("source.spm", "target.spm"):
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(text), model_prefix=str(directory / "spm"), vocab_size=50, minloglevel=2
        )
        (directory / "spm.model").rename(directory / name)
    vocab = {"</s>": 0, "<unk>": 1} | {f"t{i}": i for i in range(2, PAD)} | {"<pad>": PAD}
    (directory / "vocab.json").write_text(json.dumps(vocab))
    MarianTokenizer(str(directory / "source.spm"), str(directory / "target.spm"), str(directory / "vocab.json")).save_pretrained(directory)


@dataclass
class Row:
    engine: str
    batch: int
    sentences_per_s: float
    tokens_per_s: float


def sources(batch: int, length: int, seed: int) -> list[list[int]]:
    g = torch.Generator().manual_seed(seed)
    return [torch.randint(2, PAD, (length - 1,), generator=g).tolist() + [0] for _ in range(batch)]


def measure(run: Callable[[list[list[int]]], int], batch: int, args: argparse.Namespace) -> tuple[float, float]:
    """Best time per batch over `rounds` batches (the least disturbed on a shared machine): sentences/s, new tokens/s."""
    times, tokens = [], 0
    for r in range(args.rounds):
        data = sources(batch, args.src_len, r + 1)
        start = time.perf_counter()
        tokens = run(data)
        times.append(time.perf_counter() - start)
    per_batch = min(times)
    return batch / per_batch, tokens / per_batch


def transformers_runner(model: torch.nn.Module, device: str, n: int) -> Callable[[list[list[int]]], int]:
    def run(batch: list[list[int]]) -> int:
        ids = torch.tensor(batch, device=device)
        with torch.inference_mode():
            out = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), num_beams=1, do_sample=False, min_new_tokens=n, max_new_tokens=n)
        return int((out[:, 1:] != PAD).sum())

    return run


def ct2_runner(translator: object, n: int) -> Callable[[list[list[int]]], int]:
    def run(batch: list[list[int]]) -> int:
        tokens = [[f"t{i}" if i else "</s>" for i in row] for row in batch]
        results = translator.translate_batch(tokens, beam_size=1, min_decoding_length=n, max_decoding_length=n, max_batch_size=0)  # type: ignore[attr-defined]
        return sum(len(r.hypotheses[0]) for r in results)

    return run


def engines(directory: Path, threads: int, n: int) -> list[tuple[str, Callable[[], Callable[[list[list[int]]], int]]]]:
    cpu = Device("cpu", threads=threads)
    found: list[tuple[str, Callable[[], Callable[[list[list[int]]], int]]]] = [
        ("transformers float32", lambda: transformers_runner(TransformersTranslator(directory, "bench", device=cpu).model, "cpu", n)),
        ("transformers int8 (dynamic)", lambda: transformers_runner(TransformersTranslator(directory, "bench", device=cpu, precision="int8").model, "cpu", n)),
    ]
    try:
        from transalign.translate.ct2 import CT2Translator
    except ImportError:
        print("ctranslate2 is not installed: no CTranslate2 rows", file=sys.stderr)
    else:
        for compute in ("int8", "float32"):
            found.append((f"ct2 {compute}", lambda c=compute: ct2_runner(CT2Translator(directory, "bench", device=cpu, compute_type=c).model, n)))
    if torch.cuda.is_available():
        gpu = Device("cuda", 0, "float16", threads)
        found.append(("cuda transformers float16", lambda: transformers_runner(TransformersTranslator(directory, "bench", device=gpu).model, "cuda:0", n)))
        if any(name.startswith("ct2") for name, _ in found):
            from transalign.translate.ct2 import CT2Translator

            for compute in ("float16", "int8_float16"):
                found.append((f"cuda ct2 {compute}", lambda c=compute: ct2_runner(CT2Translator(directory, "bench", device=gpu, compute_type=c).model, n)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="best of two timed batches per size instead of five, a smaller warm-up")
    parser.add_argument("--threads", type=int, default=cpu_threads(), help="CPU threads (default: what this process may use)")
    parser.add_argument("--src-len", type=int, default=30, help="source tokens per sentence")
    parser.add_argument("--new-tokens", type=int, default=30, help="generated tokens per sentence (forced)")
    args = parser.parse_args(argv)
    args.rounds = 2 if args.quick else 5
    torch.set_num_threads(args.threads)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="translate-speed-") as tmp:
        directory = Path(tmp) / "opus-mt-ar-en-random"
        write_model(directory)
        os.environ["TRANSALIGN_CACHE_DIR"] = str(Path(tmp) / "cache")  # a throwaway conversion
        for name, make in engines(directory, args.threads, args.new_tokens):
            run = make()
            run(sources(1 if args.quick else 8, args.src_len, 0))  # warm-up: allocations, int8 packing
            for batch in BATCHES:
                sps, tps = measure(run, batch, args)
                rows.append(Row(name, batch, sps, tps))
                print(f"  {name:28s} batch {batch:2d}: {sps:7.2f} sentences/s {tps:8.1f} tokens/s", file=sys.stderr, flush=True)
            del run
            gc.collect()
    report(rows, args)
    return 0


def report(rows: list[Row], args: argparse.Namespace) -> None:
    base = {r.batch: r.sentences_per_s for r in rows if r.engine == "ct2 int8"}
    print(
        f"\nopus-mt-ar-en-sized Marian (random weights), greedy, {args.src_len} source tokens -> "
        f"{args.new_tokens} new tokens per sentence, {args.threads} CPU threads, torch {torch.__version__}"
        + f", best of {args.rounds} batches; load average {os.getloadavg()[0]:.1f} at the end"
    )
    header = f"{'engine':28s}" + "".join(f" | b={b:<2d} sent/s  tok/s  x ct2-int8" for b in BATCHES)
    print(header)
    print("-" * len(header))
    for engine in dict.fromkeys(r.engine for r in rows):
        cells = []
        for b in BATCHES:
            row = next(r for r in rows if r.engine == engine and r.batch == b)
            ratio = f"{row.sentences_per_s / base[b]:5.2f}" if b in base else "   - "
            cells.append(f" | {row.sentences_per_s:12.2f} {row.tokens_per_s:6.0f}  {ratio:>10s}")
        print(f"{engine:28s}" + "".join(cells))
    if 32 in base:
        best = max((r for r in rows if r.batch == 32 and r.engine.startswith("transformers")), key=lambda r: r.sentences_per_s)
        print(
            f"\nbatch 32 on CPU: the default engine (auto = ct2 int8) runs {base[32]:.2f} sentences/s; the best "
            f"transformers setting ({best.engine}) {best.sentences_per_s:.2f}, {best.sentences_per_s / base[32]:.2f}x of ct2 int8"
        )


if __name__ == "__main__":
    sys.exit(main())

"""The bundled Al Mayadeen fixture keeps its contract (fixtures/al-mayadeen/README.md).

These tests read the files with pysrt and plain Python only, not with the project's own
readers, so that a fault in a reader cannot hide a fault in the fixture.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pysrt
import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE = FIXTURES / "al-mayadeen"
GOLD = json.loads((FIXTURE / "gold.json").read_text(encoding="utf-8"))

SUBTITLES = {
    "ar.srt": "utf-8",
    "en.srt": "utf-8",
    "ar.cp1256.srt": "cp1256",
    "ar.utf16.srt": "utf-16",
}
MAX_LINE, MAX_LINES = 42, 2
MIN_MS, MAX_MS = 2000, 6000
MAX_CHARS_PER_SECOND = 17.0
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
TO_CP1256 = str.maketrans(ARABIC_INDIC + "٬", "0123456789,")
TERMINAL = (".", "!", "?", "؟", "…")
VTT_TIMING = re.compile(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _sentences(lang: str) -> list[str]:
    return [sentence for bead in GOLD["beads"] for sentence in bead[lang]]


def _cues(name: str) -> list[tuple[int, int, str]]:
    """(start ms, end ms, text) of each cue of a subtitle file."""
    if name.endswith(".vtt"):
        return _vtt_cues(FIXTURE / name)
    subs = pysrt.open(str(FIXTURE / name), encoding=SUBTITLES[name], error_handling=pysrt.ERROR_RAISE)
    return [(cue.start.ordinal, cue.end.ordinal, cue.text) for cue in subs]


def _vtt_cues(path: Path) -> list[tuple[int, int, str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n")
    cues = []
    for block in text.split("\n\n")[1:]:
        lines = block.strip("\n").split("\n")
        timing = next(k for k, line in enumerate(lines) if "-->" in line)
        h1, m1, s1, ms1, h2, m2, s2, ms2 = map(int, VTT_TIMING.fullmatch(lines[timing]).groups())
        start = ((h1 * 60 + m1) * 60 + s1) * 1000 + ms1
        end = ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2
        cues.append((start, end, "\n".join(lines[timing + 1 :])))
    return cues


@pytest.mark.parametrize("name", [*SUBTITLES, "en.vtt"])
def test_cues_obey_the_subtitle_limits(name):
    cues = _cues(name)
    assert len(cues) > 10
    previous_end = -1
    for number, (start, end, text) in enumerate(cues, 1):
        lines = text.split("\n")
        assert MIN_MS <= end - start <= MAX_MS, f"cue {number} lasts {end - start} ms"
        assert 1 <= len(lines) <= MAX_LINES, f"cue {number} has {len(lines)} lines"
        assert all(0 < len(line) <= MAX_LINE for line in lines), f"cue {number} has a line over {MAX_LINE}"
        assert start > previous_end, f"cue {number} overlaps cue {number - 1}"
        assert len(_squash(text)) / ((end - start) / 1000) <= MAX_CHARS_PER_SECOND, f"cue {number} reads too fast"
        previous_end = end


def test_legacy_encodings_hold_the_same_cues_as_ar_srt():
    reference = _cues("ar.srt")
    assert _cues("ar.utf16.srt") == reference
    # Windows-1256 has no Arabic-Indic digits: the only difference allowed is ASCII digits.
    assert _cues("ar.cp1256.srt") == [(start, end, text.translate(TO_CP1256)) for start, end, text in reference]


def test_legacy_files_are_what_windows_tools_write():
    cp1256 = (FIXTURE / "ar.cp1256.srt").read_bytes()
    utf16 = (FIXTURE / "ar.utf16.srt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        cp1256.decode("utf-8")
    assert b"\r\n" in cp1256 and cp1256.count(b"\n") == cp1256.count(b"\r\n")
    assert utf16.startswith(b"\xff\xfe")
    assert "\r\n" in utf16.decode("utf-16")


def test_vtt_holds_the_same_cues_as_en_srt():
    assert _cues("en.vtt") == _cues("en.srt")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_gold_sentences_are_exactly_the_text(lang):
    text = (FIXTURE / f"{lang}.txt").read_text(encoding="utf-8")
    sentences = _sentences(lang)
    assert all(sentence == sentence.strip() and sentence for sentence in sentences)
    assert _squash(" ".join(sentences)) == _squash(text)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_gold_sentences_follow_the_boundary_rules(lang):
    paragraphs = [_squash(p) for p in (FIXTURE / f"{lang}.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for sentence in _sentences(lang):
        label = sentence.endswith(":") and any(p.startswith(sentence + " ") for p in paragraphs)
        assert label or sentence.endswith(TERMINAL), sentence
        assert not sentence.endswith(("،", "؛", ",")), sentence
        assert not re.search(r"[.!?؟…] +\S", sentence.replace("U.S. ", "")), f"two sentences in one: {sentence}"


def test_gold_beads_cover_both_sides_in_order():
    assert GOLD["version"] == 1
    shapes = [f"{len(bead['ar'])}-{len(bead['en'])}" for bead in GOLD["beads"]]
    assert all(bead["ar"] and bead["en"] for bead in GOLD["beads"])
    assert {"1-1", "1-2", "2-1"} <= set(shapes)


@pytest.mark.parametrize("name", ["ar.srt", "ar.utf16.srt", "en.srt", "en.vtt"])
def test_subtitle_text_is_the_transcript(name):
    lang = name[:2]
    joined = " ".join(text for _, _, text in _cues(name))
    assert _squash(joined) == _squash((FIXTURE / f"{lang}.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["ar.srt", "en.srt"])
def test_sentences_span_cues_and_cues_hold_two_sentences(name):
    lang = name[:2]
    texts = [_squash(text) for _, _, text in _cues(name)]
    cue_ends, offset = [], -1
    for text in texts:
        offset += len(text) + 1
        cue_ends.append(offset)
    joined = " ".join(texts)
    sentence_ends, position = [], 0
    for sentence in _sentences(lang):
        position = joined.index(_squash(sentence), position) + len(_squash(sentence))
        sentence_ends.append(position)
    ends = set(sentence_ends)
    assert any(end not in cue_ends for end in sentence_ends), "no sentence ends mid-cue"
    assert len(ends - set(cue_ends)) < len(ends), "no sentence ends with its cue"
    starts = [0, *(end + 1 for end in cue_ends[:-1])]
    shared = [k for k, (start, end) in enumerate(zip(starts, cue_ends)) if any(start < e < end for e in sentence_ends)]
    assert shared, "no cue holds the end of one sentence and the start of the next"


def test_aligned_pairs_share_their_time_window():
    """Each gold bead's sentences occupy overlapping times in ar.srt and en.srt, and cue times differ."""
    windows = {}
    for lang in ("ar", "en"):
        cues = _cues(f"{lang}.srt")
        chars = []  # the time of every character of the joined cue text
        for start, end, text in cues:
            text = _squash(text)
            chars.extend(start + (end - start) * k / len(text) for k in range(len(text)))
            chars.append(end)
        joined = " ".join(_squash(text) for _, _, text in cues)
        position, spans = 0, []
        for bead in GOLD["beads"]:
            text = _squash(" ".join(bead[lang]))
            position = joined.index(text, position)
            spans.append((chars[position], chars[position + len(text) - 1]))
            position += len(text)
        windows[lang] = spans
    for (ar_start, ar_end), (en_start, en_end) in zip(windows["ar"], windows["en"]):
        assert min(ar_end, en_end) > max(ar_start, en_start)
    assert [c[:2] for c in _cues("ar.srt")] != [c[:2] for c in _cues("en.srt")]


def test_arabic_has_its_own_digits_and_punctuation():
    text = (FIXTURE / "ar.txt").read_text(encoding="utf-8")
    assert any(digit in text for digit in ARABIC_INDIC)
    assert "٬" in text and "،" in text and "؟" in text


def test_english_is_the_seed_translation():
    seed = FIXTURES.parent.parent / "shared" / "seeds" / "al-mayadeen-article.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is not in this checkout")
    article = seed.read_text(encoding="utf-8")
    start = article.index("Sporadic ambushes")
    end = article.index("Al-Mayadeen.") + len("Al-Mayadeen.")
    assert (FIXTURE / "en.txt").read_text(encoding="utf-8").strip() == article[start:end]


def test_subtitle_files_are_what_the_generator_builds():
    spec = importlib.util.spec_from_file_location("build_fixtures", FIXTURES / "build_fixtures.py")
    builder = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = builder  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(builder)
    finally:
        del sys.modules[spec.name]
    for name, data in builder.render(GOLD["beads"]).items():
        assert (FIXTURE / name).read_bytes() == data, f"{name} is stale: run fixtures/build_fixtures.py"

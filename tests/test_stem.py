"""English stems are the same from many threads at once as from one (the API's thread pool)."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import snowballstemmer

from transalign.text import stem


def test_stems_from_many_threads_are_the_stems_of_one():
    words = [f"{root}{suffix}{n}" for n in range(300) for root in ("nation", "report", "minist", "attack")
             for suffix in ("alization", "ingly", "erial", "ed")]
    expected = [snowballstemmer.stemmer("english").stemWord(w) for w in words]
    stem.stem_english.cache_clear()  # every thread stems every word itself
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda chunk: [stem.stem_english(w) for w in chunk], [words[i::8] for i in range(8)]))
    got = {w: s for chunk_words, chunk in zip([words[i::8] for i in range(8)], results) for w, s in zip(chunk_words, chunk)}
    assert [got[w] for w in words] == expected


def test_the_compiled_stemmer_is_in_use_and_stems_as_the_pure_python_one():
    """PyStemmer (pinned in pyproject.toml) stands in for snowballstemmer's Python code: same stems on
    every word of the English word list and of the fixture's English."""
    from pathlib import Path

    import Stemmer
    from snowballstemmer.english_stemmer import EnglishStemmer

    assert isinstance(snowballstemmer.stemmer("english"), Stemmer.Stemmer)
    words = set(re.findall(r"[a-z]+", (Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen" / "en.srt").read_text().lower()))
    word_list = Path("/usr/share/dict/words")  # wamerican, installed by setup
    if word_list.exists():
        words |= set(re.findall(r"[a-z]+", word_list.read_text(encoding="utf-8", errors="replace").lower()))
    python = EnglishStemmer()
    assert len(words) > 100
    assert [stem.stem_english(w) for w in sorted(words)] == [python.stemWord(w) for w in sorted(words)]

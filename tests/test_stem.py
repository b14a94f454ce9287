"""English stems are the same from many threads at once as from one (the API's thread pool)."""

from __future__ import annotations

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

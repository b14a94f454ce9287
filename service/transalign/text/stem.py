"""English stemming for the aligner and the checks: one Snowball stemmer per thread.

A stemmer object keeps its working state between calls, so one object shared by threads
(the API answers requests from a thread pool) can fail mid-word. snowballstemmer returns
PyStemmer's compiled stemmer when it is installed (pyproject.toml pins it): the same stems,
without a pure-Python stemmer's cost on every distinct word of a long document.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

_local = threading.local()


@lru_cache(maxsize=200_000)
def stem_english(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-case English word."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)

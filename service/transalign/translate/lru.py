"""A small thread-safe LRU cache of sentence translations.

Broadcast transcripts and subtitle files repeat lines (station idents, names, "Al-Mayadeen"),
and the API sees the same sentences again when a user re-submits an edited file.
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class SentenceCache:
    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: str) -> None:
        if self._size <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)

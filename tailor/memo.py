"""Memos bounded by the bytes they hold, not only by their number of entries.

A server re-reads edited articles for as long as it runs; a memo keyed by whole texts must never
grow with them. Sizes are the caller's estimate (see each use), so a bound is a budget, not a count.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ByteBoundedCache(Generic[K, V]):
    """Least recently used entries, at most `budget` bytes of them (as the caller sizes them); thread-safe."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        """The remembered value, or None."""
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key: K, value: V, size: int) -> None:
        """Remember a value, forgetting the least recently used ones to stay within the budget."""
        if size > self.budget:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            self._bytes += size - (old[1] if old is not None else 0)
            self._entries[key] = (value, size)
            while self._bytes > self.budget:
                _, (_, freed) = self._entries.popitem(last=False)
                self._bytes -= freed

    @property
    def size(self) -> int:
        """Bytes held, as the entries were sized."""
        return self._bytes

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0


def text_bytes(*texts: str) -> int:
    """What some strings hold, with room for the memo's own bookkeeping."""
    return sum(sys.getsizeof(text) for text in texts) + 200

"""Read-only mappings for frozen dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict that refuses changes: read at C speed, and picklable (a loader process can send it)."""

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("this mapping is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]
    __ior__ = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        # Built from a plain dict, not item by item (which __setitem__ refuses).
        return (FrozenDict, (dict(self),))


def frozen_map(items: Mapping[K, V] | None = None) -> Mapping[K, V]:
    """A read-only mapping, so frozen dataclasses stay frozen all the way down."""
    return FrozenDict(items or {})

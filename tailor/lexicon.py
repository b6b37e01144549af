"""Per-word facts the checks need, memoized: syllables and how common a word is.

A check run seeds a Lexicon from its cache, so re-checking one edited article does not have to
open the CMU dictionary or wordfreq's lists at all when its words were seen before.
"""

from __future__ import annotations

from collections.abc import Mapping

from .readability import syllables as dictionary_syllables
from .readability import word_frequency as word_frequency  # rules reads it from here too
from .textprep import is_overlong


class Lexicon:
    """Syllables and frequencies by (language, word), remembered across lookups and runs."""

    def __init__(self, seed: Mapping[str, Mapping[str, float]] | None = None) -> None:
        seed = seed or {}
        self._syllables: dict[str, int] = {k: int(v) for k, v in seed.get("syllables", {}).items()}
        self._zipf: dict[str, float] = {k: float(v) for k, v in seed.get("zipf", {}).items()}
        self._drained = (len(self._syllables), len(self._zipf))

    def syllables(self, word: str, lang: str) -> int:
        """Syllables in a word, from memory or the pinned dictionaries."""
        if is_overlong(word):
            return dictionary_syllables(word, lang)  # estimated, and never remembered (nor cached on disk)
        key = f"{lang}:{word.lower()}"
        found = self._syllables.get(key)
        if found is None:
            found = self._syllables[key] = dictionary_syllables(word, lang)
        return found

    def zipf(self, word: str, lang: str) -> float:
        """How common a word is, from memory or wordfreq."""
        if is_overlong(word):
            return word_frequency(word, lang)
        key = f"{lang}:{word.lower()}"
        found = self._zipf.get(key)
        if found is None:
            found = self._zipf[key] = word_frequency(word.lower(), lang)
        return found

    def export(self) -> dict[str, dict[str, float]]:
        """Everything remembered, as plain data for a cache."""
        return {"syllables": dict(self._syllables), "zipf": dict(self._zipf)}

    def drain(self) -> dict[str, dict[str, float]]:
        """What was learned since the last drain (dicts keep insertion order, so it is the tail)."""
        (old_s, old_z), self._drained = self._drained, (len(self._syllables), len(self._zipf))
        return {"syllables": dict(list(self._syllables.items())[old_s:]), "zipf": dict(list(self._zipf.items())[old_z:])}

    def update(self, other: Mapping[str, Mapping[str, float]]) -> None:
        """Remember what another lexicon (a worker's) learned."""
        self._syllables.update({k: int(v) for k, v in other.get("syllables", {}).items()})
        self._zipf.update({k: float(v) for k, v in other.get("zipf", {}).items()})

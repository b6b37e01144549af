"""Readability metrics: pure `(text, lang) -> scores`.

Only the metric names live here for now; the gate itself comes with `tailor check`.
"""

from __future__ import annotations

METRICS: tuple[str, ...] = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall",
    "gunning_fog",
)
"""The metrics a profile may set targets on (in profiles.yaml under `readability:`)."""

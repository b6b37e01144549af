"""Do the drift rules catch what a simpler phrasing gets wrong, and leave faithful ones alone?

Positives: real simpler phrasings with one fault injected per kind (a number changed or added, a
negation dropped or added, a hedge dropped or added, a direction reversed, a drug, condition or
outcome the source does not name), from the bundled articles (patient and student against
clinician) and from Cochrane plain-language sentences aligned to the abstract sentence they say.
A fault is caught when the faulted phrasing gets a finding of its kind that the phrasing did not
have before. An injected fault counts only if, by the injectors' own frozen word lists, it makes the
phrasing disagree with its source where it agreed before (`not_a_drift`): a hedge dropped from a
phrasing whose source never hedged is no drift. Negatives: faithful simplifications written by
people: the bundled patient and student phrasings, and OneStopEnglish elementary sentences aligned
to the advanced sentence they simplify. A false alarm is any drift finding on a negative. Not every
aligned pair is faithful (editors drop hedges, the alignment errs), so the pairs a blind reader
judged faithful (`labels/`, `_judged.py`) get rows of their own, and the drifts the readers saw are
counted as found or not.

Documents are split in two by a hash of their name: the rules were tuned on the "fit" half only;
no "held-out" example was ever read, only its totals printed (the README says how often).

Hand-written medical rewrites (`_medical.py`) measure the rules on Tailor's own kind of text:
three sets written blind, one of them never tuned on.

    .venv/bin/python bench/fact_drift.py [--data ../shared/data] [--out bench/results/fact_drift.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tailor.drift import KINDS, drift
from tailor.drift_rules import source_names
from tailor.load import load_site
from tailor.markup import plain_text
from tailor.textprep import split_sentences
from tailor.view import explained_terms, glossary_words, units

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _frozen_numbers import new_quantities, quantities_of  # the injectors' own lists
from _frozen_text import Token, stem, tokens  # the bench's own words: see _frozen_text.py
from _frozen_words import _BETTER, _DOWN, _UP, _WORSE, directions, hedges, negations
from _judged import judgements, pair_id
from _medical import table as medical_table

JUDGED = judgements()

REPO = Path(__file__).resolve().parent.parent

# Fixed before any measurement: real drug, condition and outcome names of every frequency, the
# kinds of term the annotated hallucinations added. Not tuned: a term the rules miss stays here.
DRUGS = ("aspirin", "ibuprofen", "paracetamol", "warfarin", "heparin", "morphine", "codeine", "prednisolone",
         "amoxicillin", "simvastatin", "atorvastatin", "omeprazole", "salbutamol", "fluoxetine", "sertraline",
         "diazepam", "lithium", "methotrexate", "tamoxifen", "digoxin", "furosemide", "lisinopril", "amlodipine",
         "clopidogrel", "insulin", "penicillin", "antibiotics", "steroids", "antidepressants", "opioids",
         "chemotherapy", "vitamin D", "iron tablets", "nicotine patches", "melatonin")
CONDITIONS = ("asthma", "stroke", "dementia", "pneumonia", "epilepsy", "migraine", "eczema", "psoriasis", "sepsis",
              "malaria", "tuberculosis", "heart failure", "kidney disease", "osteoporosis", "arthritis", "anaemia",
              "high blood pressure", "obesity", "depression", "schizophrenia", "COPD", "bronchiolitis", "cellulitis",
              "gout", "glaucoma", "hepatitis C", "HIV", "cystic fibrosis", "Parkinson's disease", "multiple sclerosis")
OUTCOMES = ("death", "hospital admission", "bleeding", "nausea", "vomiting", "diarrhoea", "rash", "headache",
            "dizziness", "falls", "fractures", "infections", "relapse", "blood clots", "heart attacks", "kidney damage",
            "liver damage", "weight gain", "hair loss", "seizures", "preterm birth", "miscarriage", "pain", "fatigue",
            "insomnia", "quality of life", "length of hospital stay", "need for surgery", "allergic reactions",
            "confusion")

STOP = frozenset([
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is",
    "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "there", "their",
    "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "not", "no", "than", "then", "so",
    "such", "which", "who", "whom", "what", "when", "where", "how", "all", "any", "each", "more", "most", "other",
    "some", "into", "over", "under", "about", "after", "before", "between", "during", "also", "can", "could",
    "may", "might", "will", "would", "should", "do", "does", "did", "has", "have", "had", "very", "only", "same",
    "both", "own", "just"
])


@dataclass(frozen=True)
class Pair:
    """A source sentence (or phrasing) and a simpler one that says the same, from one document."""

    corpus: str
    doc: str
    source: str
    simple: str
    known: frozenset[str] = field(default_factory=frozenset)
    lang: str = "en"
    strict: bool = True
    """Kept by the stricter alignment (see `strictly_aligned`)."""
    judged: str | None = None
    """A blind reader's judgement of the pair (faithful, drift, misaligned; see `_judged.py`), if any."""
    drift_kinds: frozenset[str] = field(default_factory=frozenset)
    """For a pair judged to drift: the kinds of drift the reader saw."""

    @property
    def split(self) -> str:
        """fit or held-out, by a hash of the document's name."""
        return "fit" if int(hashlib.sha256(self.doc.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


def content(text: str) -> list[str]:
    """Stems of the content words of a text."""
    return [stem(t.word) for t in tokens(text) if t.word not in STOP and len(t.word) > 2]


def align(simple_sentences: list[str], source_sentences: list[str], need: float) -> Iterator[tuple[str, str]]:
    """(source, simple) pairs: each simple sentence with the source sentence that covers most of its
    content words (at least `need` of them, and 3), joined with the neighbour that covers the rest
    when it was split in two."""
    source_words = [set(content(s)) for s in source_sentences]
    for sentence in simple_sentences:
        words = set(content(sentence))
        if len(words) < 3:
            continue
        covered = [len(words & src) / len(words) for src in source_words]
        if not covered:
            continue
        best = max(range(len(covered)), key=covered.__getitem__)
        if covered[best] < need or len(words & source_words[best]) < 3:
            continue
        source = source_sentences[best]
        rest = words - source_words[best]
        if covered[best] < 0.8 and rest:
            gains = [(len(rest & source_words[j]) / len(words), j) for j in (best - 1, best + 1) if 0 <= j < len(source_words)]
            gain, j = max(gains, default=(0.0, -1))
            if gain >= 0.15:
                source = " ".join((source_sentences[min(best, j)], source_sentences[max(best, j)]))
        if " ".join(source.split()) != " ".join(sentence.split()):
            yield source, sentence


def strictly_aligned(source: str, simple: str) -> bool:
    """A pair the stricter alignment keeps: one source sentence (not joined with a neighbour), which
    covers at least 80% of the simple sentence's content words, and half of whose content words the
    simple sentence says. It leaves out simple sentences that take part of what they say from another
    sentence, or say only a fragment of their source: alignment noise, decided from the words alone,
    never from what the rules find."""
    src_words, said_words = set(content(source)), set(content(simple))
    if not src_words or not said_words or len(split_sentences(source)) > 1:
        return False
    shared = len(src_words & said_words)
    return shared >= 0.8 * len(said_words) and shared >= 0.5 * len(src_words)


def bundled_pairs() -> list[Pair]:
    """Every claim's simpler phrasings against its source phrasing, in the shipped articles."""
    site = load_site(REPO / "variants")
    pairs = []
    for path in sorted((REPO / "variants" / "articles").glob("*.yaml")):
        article, _ = site.load_article(path)
        if article is None:
            continue
        for claim in article.claims():
            source = claim.text.written(site.profiles.source)
            if source is None or not source.text:
                continue
            for profile in site.profiles.items:
                phrasing = claim.text.written(profile.id)
                if profile.id == site.profiles.source or phrasing is None or not phrasing.text:
                    continue
                known = (frozenset(explained_terms([u.plain for u in units(article, profile)]))
                         | glossary_words(site.glossary) | source_names(article, site.profiles.source))
                pairs.append(Pair(f"bundled {profile.id}", f"{article.slug}/{claim.id}", source.text, phrasing.text, known,
                                  article.lang))
    return pairs


def cochrane_pairs(data: Path) -> list[Pair]:
    """Plain-language summary sentences aligned to the abstract sentence they say (real simplifications)."""
    folder = data / "cochrane-simplification"
    pairs = []
    for split in ("val", "test"):
        lines = zip(*((folder / f"{split}.{part}").read_text(encoding="utf-8").splitlines() for part in ("doi", "source", "target")),
                    strict=True)
        for doi, abstract, summary in lines:
            known = frozenset(explained_terms([summary])) | {t.word for t in tokens(abstract)}
            for source, simple in align(split_sentences(summary), split_sentences(abstract), 0.5):
                pairs.append(Pair("cochrane", doi, source, simple, known))
    return pairs


_LABEL = re.compile(r"\A\s*(?:Elementary|Intermediate|Advanced)[ \t]*\n")


_MARKER = re.compile(r"(?<=[A-Za-z,’'])\s+(\d{1,2})\s+(?=[A-Za-z])")


def without_markers(text: str) -> str:
    """The text without the glossary markers some OneStopEnglish files carry ("chew coca 3 leaves"):
    bare numbers between words that count 1, 2, 3... through the text."""
    expected, marked = 1, []
    for match in _MARKER.finditer(text):
        if int(match.group(1)) == expected:
            marked.append(match)
            expected += 1
    if len(marked) < 3:
        return text
    for match in reversed(marked):
        text = text[:match.start()] + " " + text[match.end():]
    return text


def ose_pairs(data: Path) -> list[Pair]:
    """OneStopEnglish elementary and intermediate sentences aligned to the advanced sentence they simplify."""
    folder = data / "onestopenglish"
    pairs = []
    for ele in sorted((folder / "Ele").glob("*-ele.txt")):
        stem_name = ele.name[: -len("-ele.txt")]

        def read(level: str, name: str = stem_name) -> str:
            return without_markers(_LABEL.sub("", (folder / level / f"{name}-{level.lower()}.txt").read_text(encoding="utf-8-sig")))

        advanced_text = read("Adv")
        advanced = split_sentences(advanced_text)
        # Elementary against advanced only: the intermediate files lost their apostrophes, dashes and some
        # hyphens ("whats", "worlds", "yearold"), which no writer did.
        for level in ("Ele",):
            text = read(level)
            known = frozenset(explained_terms([text])) | {t.word for t in tokens(advanced_text)}
            for source, simple in align(split_sentences(text), advanced, 0.6):
                judged, drift_kinds = JUDGED.get(pair_id(source, simple), (None, frozenset()))
                pairs.append(Pair(f"onestopenglish {level.lower()}", stem_name, source, simple, known,
                                  strict=strictly_aligned(source, simple), judged=judged, drift_kinds=drift_kinds))
    return pairs


# --- faults --------------------------------------------------------------------------------------

def _replace_token(text: str, start: int, old: str, new: str) -> str:
    return text[:start] + new + text[start + len(old):]


def _words(text: str) -> list[tuple[str, int]]:
    return [(m.group(0), m.start()) for m in re.finditer(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*", text)]


def fault_numbers(pair: Pair, rng: random.Random) -> str | None:
    """A number changed (735 participants -> 135), its unit changed, or a date or count added."""
    text = plain_text(pair.simple)
    shown = [q for q in quantities_of(text) if not q.weak and re.match(r"\d", q.shown)]
    units = {"hour": "day", "hours": "days", "day": "week", "days": "weeks", "week": "month", "weeks": "months",
             "month": "year", "months": "years", "year": "month", "years": "months", "mg": "g", "minutes": "hours"}
    with_unit = [q for q in shown if q.unit in units]
    if with_unit and rng.random() < 0.25:
        q = rng.choice(with_unit)
        at = text.find(q.shown)
        assert q.unit is not None
        return text[:at] + q.shown.replace(q.unit, units[q.unit]) + text[at + len(q.shown):] if at >= 0 else None
    if shown:
        q = rng.choice(shown)
        at = text.find(q.shown)
        digits = q.shown[0]
        new_first = str((int(digits) + rng.choice((1, 2, 3, 5))) % 10) or "1"
        if new_first == "0":
            new_first = "6"
        return text[:at] + new_first + text[at + 1:] if at >= 0 else None
    addition = rng.choice((" in 2015", " in 312 people", " within 6 weeks", " in 40% of people"))
    body = text.rstrip(" .")
    return body + addition + text[len(body):]


_REMOVE_NEGATION = {"not": "", "never": "always", "no": "", "without": "with", "none": "all", "nothing": "something",
                    "cannot": "can", "neither": "either", "nor": "or", "nobody": "everybody"}
AUXILIARIES = ("is", "are", "was", "were", "can", "may", "will", "should", "could", "might", "must", "would", "has",
               "have", "had", "does", "do", "did")
VERBS = {v for v in [
    "cause", "help", "work", "make", "show", "find", "need", "lead", "affect", "change", "take", "use", "keep",
    "protect", "treat", "give", "get", "improve", "reduce", "increase", "lower", "raise", "prevent", "stop",
    "block", "release", "produce", "stimulate", "inhibit", "suppress", "act", "bind", "remove", "depend",
    "return", "rise", "fall", "build", "pass", "send", "start", "come", "seem", "appear"
]}


def fault_negation(pair: Pair, rng: random.Random) -> str | None:
    """A negation dropped ("does not cause" -> "does cause"), or one added where there was none."""
    text = plain_text(pair.simple)
    toks = tokens(text)
    negs = negations(toks)
    if negs:
        i = rng.choice(negs)
        word, start = toks[i].word, toks[i].start
        if word.endswith("n't"):
            written = text[start:start + len(word)]
            base = {"can't": "can", "won't": "will"}.get(word, written[:-3])
            return _replace_token(text, start, written, base)
        if word == "no" and i + 1 < len(toks) and toks[i + 1].word == "longer":
            return _replace_token(text, start, text[start:toks[i + 1].start + 6], "still")
        new = _REMOVE_NEGATION.get(word, "")
        out = _replace_token(text, start, text[start:start + len(word)], new)
        return re.sub(r"\s{2,}", " ", out)
    for tok in toks:
        if tok.word in AUXILIARIES:
            end = tok.start + len(tok.word)
            return text[:end] + " not" + text[end:]
    for i, tok in enumerate(toks):
        w = tok.word
        if i and w.endswith("s") and w[:-1] in VERBS:
            return _replace_token(text, tok.start, text[tok.start:tok.start + len(w)], "does not " + w[:-1])
        if i and w.endswith("ed") and (w[:-1] in VERBS or w[:-2] in VERBS):
            base = w[:-1] if w[:-1] in VERBS else w[:-2]
            return _replace_token(text, tok.start, text[tok.start:tok.start + len(w)], "did not " + base)
    return None


_UNHEDGE = {"may": "will", "might": "will", "could": "will", "possibly": "", "perhaps": "", "probably": "certainly",
            "likely": "certain", "unlikely": "certain not", "suggest": "show", "suggests": "shows", "suggested": "showed",
            "suggesting": "showing", "appear": "are shown", "appears": "is shown", "seem": "are shown", "seems": "is shown",
            "seemed": "was shown", "appeared": "was shown", "uncertain": "certain", "unclear": "clear", "unknown": "known",
            "potential": "", "potentially": "", "associated": "caused", "linked": "caused", "link": "cause",
            "limited": "strong", "sometimes": "always", "often": "always", "usually": "always", "insufficient": "strong",
            "low-certainty": "high-certainty", "low-quality": "high-quality"}


def fault_certainty(pair: Pair, rng: random.Random) -> str | None:
    """A hedge dropped ("may reduce" -> "will reduce", "suggest" -> "show"), or one added where there was none."""
    text = plain_text(pair.simple)
    toks = tokens(text)
    # "29 May", "in May 2015": the month (a capital after the start of a sentence) is no hedge to drop.
    places = [i for i, t in enumerate(toks) if t.word in _UNHEDGE
              and not (t.word == "may" and i and text[t.start].isupper() and not text[:t.start].rstrip().endswith("."))]
    low = re.search(r"\b(low|very low|moderate)([-\s](?:certainty|quality))", text, re.IGNORECASE)
    if low:
        return text[:low.start()] + "high" + low.group(2) + text[low.end():]
    if places:
        i = rng.choice(places)
        word, start = toks[i].word, toks[i].start
        out = _replace_token(text, start, text[start:start + len(word)], _UNHEDGE[word])
        if word in ("appear", "appears", "seem", "seems", "seemed", "appeared"):
            out = re.sub(r"\b(shown) to\b", r"\1 to", out)
        return re.sub(r"\s{2,}", " ", out)
    if hedges(text):
        return None  # a hedge the fault cannot undo ("little evidence"): not a fair test
    for tok in toks:
        if tok.word in ("is", "are"):
            return _replace_token(text, tok.start, text[tok.start:tok.start + len(tok.word)], "may be")
        if tok.word in ("can", "will", "does", "do"):
            return _replace_token(text, tok.start, text[tok.start:tok.start + len(tok.word)], "may")
    for i, tok in enumerate(toks):
        w = tok.word
        if i and w.endswith("s") and w[:-1] in VERBS:
            return _replace_token(text, tok.start, text[tok.start:tok.start + len(w)], "may " + w[:-1])
    return None


def _opposites() -> dict[str, str]:
    pairs = [("increase", "decrease"), ("reduce", "increase"), ("raise", "lower"), ("rise", "fall"),
             ("improve", "worsen"), ("boost", "reduce"), ("enhance", "reduce"), ("strengthen", "weaken"),
             ("accumulate", "deplete"), ("suppress", "boost"), ("inhibit", "enhance"), ("slow", "speed")]
    out: dict[str, str] = {}
    def form(word: str, suffix: str) -> str:
        return (word[:-1] if word.endswith("e") and suffix in ("ed", "ing") else word) + suffix

    for a, b in pairs:
        for suffix in ("", "s", "ed", "ing"):
            out.setdefault(form(a, suffix), form(b, suffix))
            out.setdefault(form(b, suffix), form(a, suffix))
    out.update({"higher": "lower", "lower": "higher", "highest": "lowest", "lowest": "highest", "more": "less",
                "less": "more", "fewer": "more", "greater": "smaller", "smaller": "greater", "larger": "smaller",
                "bigger": "smaller", "better": "worse", "worse": "better", "best": "worst", "worst": "best",
                "up": "down", "down": "up", "stronger": "weaker", "weaker": "stronger", "longer": "shorter",
                "shorter": "longer", "reduction": "increase", "loss": "gain", "gain": "loss", "rose": "fell",
                "fell": "rose", "extra": "less", "improvement": "worsening", "deficiency": "excess",
                "dropped": "rose", "drops": "rises", "drop": "rise", "benefit": "harm", "harm": "benefit"})
    return out


OPPOSITES = _opposites()


def fault_direction(pair: Pair, rng: random.Random) -> str | None:
    """One direction reversed: increased -> decreased, more -> less, better -> worse."""
    text = plain_text(pair.simple)
    toks = tokens(text)
    places = [i for i in directions(toks) if toks[i].word in OPPOSITES]
    if not places:
        return None
    i = rng.choice(places)
    word, start = toks[i].word, toks[i].start
    written = text[start:start + len(word)]
    new = OPPOSITES[word]
    return _replace_token(text, start, written, new.capitalize() if written[0].isupper() else new)


def fault_terms(pair: Pair, rng: random.Random) -> str | None:
    """A drug, condition or outcome the source does not name: put in place of one it names, or added."""
    text = plain_text(pair.simple)
    source = plain_text(pair.source).lower()
    choices = [t for t in (*DRUGS, *CONDITIONS, *OUTCOMES) if t.lower() not in source and t.lower() not in text.lower()
               and not set(t.lower().split()) & pair.known]
    term = rng.choice(choices)
    src_stems = {stem(t.word) for t in tokens(source)}
    shared = [(w, s) for w, s in _words(text) if len(w) >= 6 and stem(w.lower()) in src_stems and w.lower() not in STOP]
    if shared and rng.random() < 0.5:
        word, start = rng.choice(shared)
        return _replace_token(text, start, word, term)
    body = text.rstrip(" .")
    kind = "drug" if term in DRUGS else "condition" if term in CONDITIONS else "outcome"
    addition = {"drug": f", with {term}", "condition": f" in people with {term}", "outcome": f", and {term}"}[kind]
    return body + addition + text[len(body):]


FAULTS = {"numbers": fault_numbers, "negation": fault_negation, "certainty": fault_certainty,
          "direction": fault_direction, "terms": fault_terms}


# Why an injected fault is not counted: the injectors work on the phrasing alone, so some of what they
# inject is no drift from the source. Decided from the frozen lists only (`_frozen_words.py`,
# `_frozen_numbers.py`), never from what the rules find.
NOT_A_DRIFT = {
    "numbers": {"no new number": "adds no number the source does not state (the number changed was already not "
                                 "the source's, or the new one is)"},
    "negation": {"no change": "no negation of the frozen list dropped or added",
                 "source never negates": "drops a negation from a phrasing whose source has none",
                 "source negates it": "adds a negation to words the source negates too"},
    "certainty": {"no change": "changes no hedge of the frozen list (\"limited\" -> \"strong\", \"often\" -> \"always\")",
                  "source never hedges": "drops a hedge from a phrasing whose source has none",
                  "source hedges": "adds a hedge to a phrasing whose source hedges"},
    "direction": {"no change": "the new word is no direction of the frozen list (\"slowed\" -> \"speeded\")",
                  "source says it the other way": "reverses a direction to the one the source says about the same "
                                                  "words (within three either side), where it never says the first"},
    "terms": {},
}
_SCOPE = 3
"""Words a negation is about: the next three, as the frozen `directions` reads a negated direction."""


def _negated_stems(toks: list[Token], at: list[int]) -> set[str]:
    return {stem(t.word) for i in at for t in toks[i + 1:i + 1 + _SCOPE] if t.word not in STOP and len(t.word) > 2}


def _near_stems(toks: list[Token], at: int) -> set[str]:
    """What a direction word is about: the content words up to three either side of it."""
    return {stem(t.word) for t in toks[max(0, at - _SCOPE):at] + toks[at + 1:at + 1 + _SCOPE]
            if t.word not in STOP and len(t.word) > 2}


def _polarities(word: str) -> set[str]:
    return {name for name, words in (("up", _UP), ("down", _DOWN), ("better", _BETTER), ("worse", _WORSE)) if word in words}


def _said_directions(toks: list[Token]) -> Counter[str]:
    return Counter(p for i in directions(toks) for p in _polarities(toks[i].word))


def not_a_drift(kind: str, source: str, simple: str, faulted: str) -> str | None:
    """Why a faulted phrasing does not newly disagree with its source, by the frozen lists (a key of
    `NOT_A_DRIFT[kind]`), or None when it does: it now disagrees on the point the fault changed, where
    the phrasing agreed before. Where the lists cannot read the point in the source at all (the source
    says it in other words), the fault is kept, as before this check."""
    source = plain_text(source)
    if kind == "numbers":
        return None if len(new_quantities(source, faulted)) > len(new_quantities(source, simple)) else "no new number"
    if kind == "negation":
        src, before, after = tokens(source), tokens(simple), tokens(faulted)
        n_src, n_before, n_after = negations(src), negations(before), negations(after)
        if len(n_after) < len(n_before):
            return None if n_src else "source never negates"
        if len(n_after) > len(n_before):
            added = [i for i in n_after if after[i].word not in {before[j].word for j in n_before}] or n_after
            return "source negates it" if _negated_stems(after, added) & _negated_stems(src, n_src) else None
        return "no change"
    if kind == "certainty":
        src_hedged, before, after = bool(hedges(source)), len(hedges(simple)), len(hedges(faulted))
        if after < before:
            return None if src_hedged else "source never hedges"
        if after > before:
            return "source hedges" if src_hedged else None
        return "no change"
    if kind == "direction":
        before, after = tokens(simple), tokens(faulted)
        was, now = _said_directions(before), _said_directions(after)
        reversed_to, reversed_from = set(now - was), set(was - now)
        if not reversed_to:
            return "no change"
        at = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a.word != b.word), None)
        if at is None:
            return "no change"
        about = _near_stems(after, at)
        src = tokens(source)
        said = {p for i in directions(src) if _near_stems(src, i) & about for p in _polarities(src[i].word)}
        return "source says it the other way" if reversed_to <= said and not reversed_from & said else None
    return None


TERM_BELOW: float | None = None


def findings(pair: Pair, simple: str) -> Counter[str]:
    """How many findings of each kind the rules make on a phrasing against its pair's source."""
    return Counter(d.kind for d in run(pair, simple))


def run(pair: Pair, simple: str) -> list:
    if TERM_BELOW is None:
        return drift(pair.source, simple, pair.known, pair.lang)
    from tailor import drift as d
    return [x for x in drift(pair.source, simple, pair.known, pair.lang) if x.kind != "terms"] + d.check_terms(
        pair.source, simple, pair.known, pair.lang, below=TERM_BELOW)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "fact_drift.json")
    parser.add_argument("--fit-only", action="store_true", help="while tuning: print the fit half only")
    parser.add_argument("--examples", type=int, default=0, help="print this many misses and false alarms per kind")
    parser.add_argument("--discarded", type=int, default=0, help="print a seeded sample of this many discarded faults")
    parser.add_argument("--term-below", type=float, default=None, help="while tuning: the terms rule's threshold")
    args = parser.parse_args()
    global TERM_BELOW
    TERM_BELOW = args.term_below
    if not (args.data / "onestopenglish").is_dir():
        print(f"no corpora at {args.data}; pass --data DIR (see ../shared/data/README.md)", file=sys.stderr)
        return 2
    bundled = bundled_pairs()
    # Faults are injected in English words, so only English phrasings take them; every language's
    # phrasings are negatives, read as `tailor check` reads them (numbers and acronyms only, outside English).
    positives_from = [p for p in bundled if p.lang.split("-")[0] == "en"] + cochrane_pairs(args.data)
    negatives = bundled + ose_pairs(args.data)
    rng = random.Random(11)
    # caught[split][kind] = [caught, tried]; by corpus too
    caught: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    unfiltered: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])  # every candidate, for comparison
    discarded: dict[str, Counter[str]] = defaultdict(Counter)
    discards: list[tuple[str, str, str, str, str]] = []  # kind, why, source, phrasing, faulted
    misses: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair in positives_from:
        before = findings(pair, pair.simple)
        for kind, fault in FAULTS.items():
            faulted = fault(pair, rng)  # called for every pair and kind, so the seeded choices stay as they were
            if faulted is None or faulted == plain_text(pair.simple):
                continue
            after = findings(pair, faulted)
            hit = after[kind] > before[kind]
            corpus = pair.corpus.split()[0]
            keys = ((pair.split, kind, corpus), (pair.split, kind, "all"), (pair.split, "all", "all"), (pair.split, "all", corpus))
            for key in keys:
                unfiltered[key][0] += hit
                unfiltered[key][1] += 1
            why = not_a_drift(kind, pair.source, plain_text(pair.simple), faulted)
            discarded[kind][why or "kept"] += 1
            if why is not None:
                discards.append((kind, why, plain_text(pair.source), plain_text(pair.simple), faulted))
                continue
            for key in keys:
                caught[key][0] += hit
                caught[key][1] += 1
            if not hit and pair.split == "fit":
                misses[kind].append((pair.source, faulted))
    alarms: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    alarm_kinds: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    natural: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # judged drifts found by their kind's rule
    natural_any: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # ... by any rule
    examples: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for pair in negatives:
        found = run(pair, pair.simple)
        corpus = pair.corpus.split()[0]
        strict = ((pair.split, "onestopenglish, strict alignment"),) if corpus == "onestopenglish" and pair.strict else ()
        # Faithful by a blind reader: the bundled phrasings (reviewed by their authors) and the pairs judged faithful.
        faithful = ((pair.split, "onestopenglish, judged faithful"),) if pair.judged == "faithful" else ()
        faithful += ((pair.split, "all judged faithful"),) if pair.judged == "faithful" or corpus == "bundled" else ()
        if pair.judged == "drift":
            kinds_found = {d.kind for d in found}
            for kind in pair.drift_kinds:
                natural[(pair.split, kind)][0] += kind in kinds_found
                natural[(pair.split, kind)][1] += 1
                natural_any[(pair.split, kind)][0] += bool(kinds_found)
                natural_any[(pair.split, kind)][1] += 1
        for key in ((pair.split, corpus), (pair.split, "all"), *strict, *faithful):
            alarms[key][0] += bool(found)
            alarms[key][1] += 1
            alarm_kinds[key].update({d.kind for d in found})
        for d in found if pair.split == "fit" else ():
            examples[d.kind].append((pair.source, pair.simple, f"{d.kind}: said {d.said!r} source {d.source!r}"))

    def pct(hit_total: list[int]) -> str:
        hit, total = hit_total
        return f"{100 * hit / total:5.1f}% ({hit}/{total})" if total else "–"

    english = sum(p.corpus.startswith("bundled") for p in positives_from)
    print(f"positives from {english} bundled phrasings and {len(positives_from) - english} aligned Cochrane "
          f"sentences; negatives: {len(bundled)} bundled phrasings and {len(negatives) - len(bundled)} aligned "
          f"OneStopEnglish sentences\n")
    print("| fault injected | fit: caught | held-out: caught | bundled (both halves) |")
    print("|---|---:|---:|---:|")
    table = {}
    for kind in (*KINDS, "all"):
        both = [caught[("fit", kind, "bundled")][i] + caught[("held-out", kind, "bundled")][i] for i in (0, 1)]
        held = "hidden" if args.fit_only else pct(caught[("held-out", kind, "all")])
        print(f"| {kind} | {pct(caught[('fit', kind, 'all')])} | {held} | {pct(both)} |")
        table[kind] = {"fit": caught[("fit", kind, "all")], "held_out": caught[("held-out", kind, "all")], "bundled": both}
    print("\n| fault injected | candidates | discarded: no drift from the source, by the frozen lists | why |")
    print("|---|---:|---:|---|")
    discard_table = {}
    for kind in KINDS:
        total = sum(discarded[kind].values())
        why = {reason: n for reason, n in discarded[kind].items() if reason != "kept"}
        reasons = "; ".join(f"{n} {NOT_A_DRIFT[kind][reason]}" for reason, n in sorted(why.items(), key=lambda x: -x[1]))
        print(f"| {kind} | {total} | {sum(why.values())} | {reasons or 'none'} |")
        discard_table[kind] = {"candidates": total, "discarded": why}
    print("\n| negatives (faithful simplifications) | fit: false alarms | held-out: false alarms | by kind (held-out) |")
    print("|---|---:|---:|---|")
    alarm_table = {}
    for corpus in ("bundled", "onestopenglish", "onestopenglish, strict alignment", "all",
                   "onestopenglish, judged faithful", "all judged faithful"):
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(alarm_kinds[("fit" if args.fit_only else "held-out", corpus)].items()))
        held = "hidden" if args.fit_only else pct(alarms[("held-out", corpus)])
        print(f"| {corpus} | {pct(alarms[('fit', corpus)])} | {held} | {kinds or 'none'} |")
        alarm_table[corpus] = {"fit": alarms[("fit", corpus)], "held_out": alarms[("held-out", corpus)],
                               "kinds_held_out": dict(alarm_kinds[("held-out", corpus)]),
                               "kinds_fit": dict(alarm_kinds[("fit", corpus)])}
    halves = ("fit",) if args.fit_only else ("fit", "held-out")
    print(f"\n| drifts a blind reader saw in OneStopEnglish pairs | pairs ({' + '.join(halves)}) "
          "| found by the rule of their kind | found by any rule |")
    print("|---|---:|---:|---:|")
    natural_table = {}
    for kind in (*KINDS, "other"):
        both = [sum(natural[(half, kind)][i] for half in halves) for i in (0, 1)]
        both_any = [sum(natural_any[(half, kind)][i] for half in halves) for i in (0, 1)]
        if both[1]:
            print(f"| {kind} | {both[1]} | {pct(both) if kind != 'other' else '–'} | {pct(both_any)} |")
            natural_table[kind] = {"pairs": both[1], "by_its_rule": both[0], "by_any_rule": both_any[0]}
    medical = medical_table(lambda source, rewrite: {d.kind for d in drift(source, rewrite, explained_terms([rewrite]))},
                            pct, args.fit_only)
    unjudged = sum(p.judged is None for p in negatives if p.corpus.startswith("onestopenglish"))
    if unjudged:
        print(f"\n{unjudged} aligned OneStopEnglish pairs have no judgement (the alignment changed since bench/labels/ was made)")
    if args.examples:
        for kind in KINDS:
            print(f"\n## misses: {kind}")
            for source, faulted in misses[kind][: args.examples]:
                print(f"  SRC {source[:200]}\n  BAD {faulted[:200]}")
            print(f"\n## false alarms: {kind}")
            for source, simple, what in examples[kind][: args.examples]:
                print(f"  SRC {source[:200]}\n  SIM {simple[:200]}\n  -> {what}")
    if args.discarded:
        print("\n## discarded faults (a seeded sample)")
        for kind, why, source, simple, faulted in random.Random(20).sample(discards, min(args.discarded, len(discards))):
            print(f"  {kind}: {why}\n  SRC {source[:300]}\n  SIM {simple[:300]}\n  BAD {faulted[:300]}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    before_filter = {kind: {"fit": unfiltered[("fit", kind, "all")], "held_out": unfiltered[("held-out", kind, "all")],
                            "bundled": [unfiltered[("fit", kind, "bundled")][i] + unfiltered[("held-out", kind, "bundled")][i]
                                        for i in (0, 1)]}
                     for kind in (*KINDS, "all")}
    args.out.write_text(json.dumps({"recall": table, "false_alarms": alarm_table, "discarded_injections": discard_table,
                                    "recall_every_candidate": before_filter,
                                    "judged_drifts_found": natural_table, "medical_rewrites": medical,
                                    "pairs": {"bundled": len(bundled), "cochrane": len(positives_from) - english,
                                              "onestopenglish": len(negatives) - len(bundled)}}, indent=2) + "\n")
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Terms a simpler phrasing names that its source does not: a drug, a condition, a test.

A term is a rare word (wordfreq Zipf below TERM_BELOW, the lemma's frequency for a plural) or an
acronym; it is new when no form, spelling or acronym of it is in the source phrasing, the article's
source text or what the page explains.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import partial

from .health_words import AGAINST, MEDICINES, NAMED, PAIRS, is_medical
from .lay_terms import SourceStarts, stands_for
from .markup import plain_text
from .number_words import NUMBER_WORDS, PERIOD_WORDS
from .readability import word_frequency
from .wording import _TOKEN, Drift, Roots, Token, base_form, stem, tokens

Zipf = Callable[[str, str], float]

TERM_BELOW = 3.5
"""Zipf frequency under which a word of a simpler phrasing counts as a term (a drug, a condition, a test)."""
MEDICAL_BELOW = 3.75
"""The same for a word that looks medical (`health_words.is_medical`: "lithium", "toxicity", "prostate"): the
everyday words between the two ("bedtime", "quirky") are no terms."""
EVERYDAY_ACRONYM = 4.6
"""Zipf frequency from which an acronym is an everyday word (USA 4.8, UK 5.1), not a term (DNA 4.5, HIV 4.2)."""


RESEARCH = frozenset({
    "randomised", "randomized", "randomly", "randomisation", "randomization", "efficacy", "methodological",
    "analysed", "analyzed", "analyses", "subgroup", "subgroups", "multicentre", "multicenter", "meta-analysis",
    "meta-analyses", "inconsistency", "inconsistent", "heterogeneity", "heterogeneous", "imprecision", "imprecise",
    "dropouts", "downgraded", "downgrading", "stratified", "allocation", "concealment", "pooled", "confounding",
    "eligibility", "trialists", "placebo-controlled", "clinician", "clinicians", "multidisciplinary", "administer",
    "administered", "administering", "concomitant", "concomitantly", "applicability", "discrepancy",
    "discrepancies", "predetermined", "quantify", "quantifying", "quantified", "ascertain", "ascertained", "dearth",
    "usable", "useable"})
"""Words of how a study was done or care given, which name no drug, condition or outcome: a plain summary may
add them."""


_SEVERITY = frozenset({"harsh", "sever", "severe", "sick", "ill", "bad", "seriou", "grave", "poor"})
"""Adjectives of how bad something is: their comparative ("harsher", "sicker") may say the source's "milder"
turned round, so it stays a term to look at."""


_TURNED = re.compile(r"^(?:under|over|non|dis|un|in|im|ir|il|re)(?=\w{4})")
"""Prefixes that turn an everyday word round or repeat it ("underweight", "irregular", "unreliable"), longest
first so "under" is not read as "un"."""


_PREFIXES = re.compile(r"^post-?(?=\w{5})")


def _unprefixed(word: str) -> str:
    """A source word without "post": "postmenopausal" names the menopause ("premalignant" names no malignancy,
    and "an antimalarial" no malaria)."""
    return _PREFIXES.sub("", word)


AGENT_BASE = 5.0
"""Zipf frequency from which the verb of an agent noun is so everyday that the noun is too ("help" 5.8, "wait" 5.4;
"block" 4.9, so "blocker" stays a term)."""
_NAMED_BY_USE = frozenset({"carer", "sleeper", "downer", "upper", "spacer", "user", "smoker", "drinker", "feeder",
                           "carrier", "holder", "marker", "starter", "booster", "thinner", "softener", "filler"})
"""Agent nouns that name a person in care, a drug or a device ("sleepers", "spacer"): still terms."""
EXPLAINING = 3.6
"""Zipf frequency from which a word in an explanation of the source's term is an everyday word that explains
it ("inflammation" 3.6), not a new drug or condition (ibuprofen 2.9, hepatitis 3.3, morphine 3.5)."""
_BRACKETS = re.compile(r"\(([^()]*)\)")


def _explaining(text: str, named: Callable[[str], bool], is_term: Callable[[str], bool]) -> tuple[set[int], set[int]]:
    """Start offsets of the words that explain a term the source names, in brackets after it or after its phrase
    ("INR tests (a blood test that measures how long blood takes to clot)", "osteonecrosis of the jaw (death of
    part of the jawbone)") or between commas ("cystitis, an infection of the bladder,"); and of those that spell
    out the source's acronym,
    before or in brackets ("ADHD (attention deficit hyperactivity disorder)")."""
    explaining: set[int] = set()
    spelled: set[int] = set()
    for m in _BRACKETS.finditer(text):
        before = list(_TOKEN.finditer(text, max(0, m.start() - 120), m.start()))
        inside = list(_TOKEN.finditer(text, m.start(1), m.end(1)))
        words = [w.group(0) for w in inside]
        # A list is no expansion ("NSAIDs (naproxen, sertraline, aspirin, ibuprofen, diclofenac)").
        if before and _acronym(before[-1].group(0)) and named(before[-1].group(0)) and "," not in m.group(1) \
                and _spells(words, before[-1].group(0)):
            spelled.update(w.start() for w in inside)
        elif len(words) == 1 and _acronym(words[0]) and named(words[0]):
            for k in range(1, min(len(before), 8) + 1):
                if "," in text[before[-k].start():m.start()]:
                    break
                if _spells([w.group(0) for w in before[-k:]], words[0]):
                    spelled.update(w.start() for w in before[-k:])
                    break
        if any(is_term(w.group(0)) and named(w.group(0)) for w in before[-4:]):
            explaining.update(w.start() for w in inside)
    for m in _APPOSITION.finditer(text):
        # "Cystitis, an infection of the bladder, is common": an explanation set off by commas, after the term.
        before = list(_TOKEN.finditer(text, max(0, m.start() - 60), m.start()))
        if before and is_term(before[-1].group(0)) and named(before[-1].group(0)):
            explaining.update(w.start() for w in _TOKEN.finditer(text, m.start(1), m.end(1)))
    return explaining, spelled


_APPOSITION = re.compile(r",\s+((?:a|an|which is|meaning)\s+[^,.;:()]{3,80}?)(?=,)")
"""An explanation between commas after a term: ", an infection of the bladder,"; a closing comma is needed, so
"X, a drug, and Y" explains and "X, and a rash" does not."""


def _spelled_out(text: str, acronyms: set[str], everyday: Callable[[str], bool]) -> set[int]:
    """Start offsets of words anywhere in a text whose initials spell one of the source's acronyms in everyday
    or research words ("further randomised controlled trials" for "RCTs"), within a clause: a list is no
    expansion, and rarer words may spell another term ("pleural effusion" is no "PE")."""
    found: set[int] = set()
    words = list(_TOKEN.finditer(text))
    by_letter: dict[str, list[str]] = {}
    for acronym in acronyms:
        by_letter.setdefault(acronym[0].lower(), []).append(acronym)
    for i in range(len(words)):
        for acronym in by_letter.get(words[i].group(0)[0].lower(), ()):
            for k in range(2, min(len(words) - i, 2 * len(acronym)) + 1):
                run = words[i:i + k]
                if re.search(r"[,;:()]", text[run[0].start():run[-1].end()]):
                    break
                if _spells([w.group(0) for w in run], acronym):
                    if all(w.group(0).lower() in RESEARCH or w.group(0).lower() in _LINKERS or everyday(w.group(0))
                           for w in run):
                        found.update(w.start() for w in run)  # "randomised controlled trials"; not "pleural effusion"
                    break
    return found


def _acronym(word: str) -> bool:
    return 2 <= len(word.removesuffix("s")) <= 7 and word.removesuffix("s").isupper()


_LINKERS = frozenset({"of", "and", "the", "for", "in", "to", "with"})


def _spells(words: list[str], acronym: str) -> bool:
    """Whether the words' initials (of each part of a hyphenated word, "of" and "and" left out) spell the acronym."""
    letters = "".join(part[0] for w in words for part in w.split("-") if part and part.lower() not in _LINKERS)
    return letters.lower() == acronym.removesuffix("s").lower()


def _initials(toks: list[Token]) -> set[str]:
    """Acronyms that consecutive source words spell (SSRI for selective serotonin reuptake inhibitor)."""
    letters = [t.word[0] for t in toks]
    return {"".join(letters[i:j]) for i in range(len(letters)) for j in range(i + 2, min(len(letters), i + 7) + 1)}


_BRITISH = ((re.compile(r"our(?=$|s$|ed$|ing$|ite|able|ful|less)"), "or"), (re.compile(r"(?<=\w{2})is(?=e$|es$|ed$|ing$|ation)"), "iz"),
            (re.compile(r"yse(?=$|s$|d$)"), "yze"), (re.compile(r"tre(?=$|s$)"), "ter"), (re.compile(r"^oe|(?<=^f)oe"), "e"),
            (re.compile(r"ae(?=[^aeiou])"), "e"))
"""British spellings and their American forms ("flavour", "organise", "centre", "oestrogen", "paediatric"): word
frequencies count the two apart, and a reader knows both."""


def _american(word: str) -> str:
    """The American spelling of a British one ("neighbour": "neighbor"), or the word as it is."""
    for pattern, american in _BRITISH:
        word = pattern.sub(american, word)
    return word


def _familiarity(word: str, lang: str, zipf_of: Zipf) -> float:
    """How common a word is, or its singular or the word it is a form of ("kidneys" is rarer than "kidney",
    "cancelling" than "cancel", "admired" than "admire", "windy" than "wind", "milder" than "mild", and each is
    as plain)."""
    best = max(zipf_of(word, lang), zipf_of(base_form(word), lang))
    if lang.lower().startswith("en") and (american := _american(word)) != word:
        best = max(best, _familiarity(american, lang, zipf_of))  # "neighbour" is as plain as "neighbor"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        best = max(best, zipf_of(word[:-1], lang), zipf_of(word[:-2], lang) if word.endswith("es") else 0.0)
    agent = re.match(r"^(\w{3,}?)(?:er|ers|ress|resses)$", word)
    # "Helper", "waitress", "runner": one who does an everyday thing ("blocker" is rarer: a term).
    if agent and word.rstrip("s") not in _NAMED_BY_USE:
        base = agent.group(1)
        verb = max(zipf_of(base, lang), zipf_of(base + "e", lang),
                   zipf_of(base[:-1], lang) if len(base) > 3 and base[-1] == base[-2] else 0.0)
        if verb >= AGENT_BASE:
            best = max(best, verb)
    for suffix in ("ing", "ed", "ly", "y", "er", "est"):
        base = word[:-len(suffix)]
        if suffix in ("er", "est") and (zipf_of(word + "s", lang) > 1.0 or base.rstrip(base[-1:]) in _SEVERITY
                                        or base in _SEVERITY):
            continue  # "blockers", "scanners": a thing named, not "milder", "hotter", "quietest", as plain as their word
        if word.endswith(suffix) and len(base) >= 3:
            forms = (base, base + "e", base[:-1] if len(base) > 3 and base[-1] == base[-2] else base)
            best = max(best, *(zipf_of(f, lang) for f in forms))
    return best


_PAIR_STEMS = {(stem(first), stem(second)): starts for (first, second), starts in PAIRS.items()}


def _plain_enough(word: str, lang: str, zipf_of: Zipf, below: float) -> bool:
    """Whether a word is common enough to be no term: at `below`, or at MEDICAL_BELOW if it looks medical."""
    familiarity = _familiarity(word, lang, zipf_of)
    return familiarity >= below and (familiarity >= MEDICAL_BELOW or not is_medical(word))


def _names_anew(word: str, previous: str, source: SourceStarts, for_medicine: Callable[[], bool]) -> bool:
    """Whether a stem names a condition, outcome or treatment ("infection", the "attack" of "heart attack") that
    none of the source's words says (a medicine for it names it by "antimalarial")."""
    starts = _PAIR_STEMS.get((previous, word)) or NAMED.get(word)
    if starts is not None and word in AGAINST and for_medicine():
        starts = (*starts, *AGAINST[word])
    return starts is not None and not any(start in source for start in starts)


def _for_medicine(text: str, word: str) -> bool:
    """Whether every time a text names this word it says what a medicine is for ("malaria medicine", "medicines
    for depression"); "malaria tablets ... if you have malaria" names the illness too."""
    def for_it(start: int, end: int) -> bool:
        before = re.findall(r"[a-z]+", text[max(0, start - 24):start].lower())[-2:]
        after = re.match(r"\s+([a-z]+)", text[end:end + 16].lower())
        return bool(after and after.group(1) in MEDICINES) or (
            len(before) == 2 and before[0] in MEDICINES and before[1] in ("for", "against"))
    places = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    return bool(places) and all(for_it(start, end) for start, end in places)


def _glued(word: str, lang: str, zipf_of: Zipf) -> bool:
    """Two everyday words run together by a typing slip ("whoworks", "easierfor"): no term."""
    return zipf_of(word, lang) == 0 and any(zipf_of(word[:i], lang) >= 4.5 and zipf_of(word[i:], lang) >= 4.5
                                            for i in range(3, len(word) - 2))


def check_terms(source: str, simple: str, known: Iterable[str] = (), lang: str = "en", zipf: Zipf | None = None,
                below: float = TERM_BELOW) -> list[Drift]:
    """Terms (drug, condition, test names: rare words and acronyms) the simpler phrasing names and its
    source does not; `known` are words the page explains or the article's source already names."""
    zipf_of = zipf or word_frequency
    plain_src = plain_text(source)
    src = tokens(plain_src)
    # "Oedema" in the source is the "edema" of the phrasing: each word is also read in its American spelling.
    named = [stem(form) for t in src for part in {t.word, *t.word.split("-"), _unprefixed(t.word)}
             for form in {part, _american(part)}]
    roots = Roots(named + [stem(part) for w in known for part in {w, *w.split("-")}])
    src_words = SourceStarts([w for t in src for w in {t.word, _unprefixed(t.word)}])
    initials: set[str] | None = None
    plain_said = plain_text(simple)
    def is_term(w: str) -> bool:
        return w.isalpha() and len(w) > 2 and (w.isupper() or _familiarity(w.lower(), lang, zipf_of) < below)

    # Only a term the source names: one the page merely explains could explain itself ("clots (warfarin)").
    source_roots = Roots(named)
    explaining, spelled = _explaining(
        plain_said, lambda w: stem(w.lower()) in source_roots or stands_for(w, src_words), is_term)
    spelled |= _spelled_out(plain_said, {t.word for t in src if _acronym(plain_src[t.start:t.start + len(t.word)])},
                            lambda w: zipf_of(w.lower(), lang) >= 4.0)
    found: list[Drift] = []
    seen: set[str] = set()
    english = lang.lower().startswith("en")
    current, current_written, previous_end = "", "", 0
    for m in _TOKEN.finditer(plain_said):
        written = m.group(0)
        if re.search(r"[.!?;:]", plain_said[previous_end:m.start()]):
            current = ""  # "... the heart. Failure to take it": no "heart failure" across sentences
        previous_end = m.end()
        if written in seen:
            current, current_written = stem(written.lower()), written
            continue
        seen.add(written)
        if stands_for(written, src_words):
            continue  # "clot-busting" for "thrombolysis"
        if m.start() in spelled or (m.start() in explaining and written.islower()
                                    and _familiarity(written, lang, zipf_of) >= EXPLAINING):
            continue  # "osteonecrosis (death of part of the jawbone)": everyday words that explain the source's term
        for k, part in enumerate(written.replace("’", "'").split("-")):
            previous, current = current, stem(part.lower())
            # What a finding quotes for a name of two words: "heart attacks", or "heart-attacks" as written.
            quoted = written if k else f"{current_written} {written}"
            current_written = written
            part = re.sub(r"n't$|'(?:s|re|ve|ll|d|m)$", "", part)
            word = part.lower()
            if len(word) < 3 or not word.isalpha():
                continue
            acronym = (part.isupper() or (part.endswith("s") and part[:-1].isupper())) and len(part) <= 7
            if acronym:
                word = word.removesuffix("s") if not part.isupper() else word
            if not acronym and not english:
                # Word frequency finds terms only where it was measured (English): in Spanish an
                # inflected form of a common verb ("volvieran", "mejorarla") is as rare as a drug name.
                continue
            if acronym and zipf_of(word, lang) >= EVERYDAY_ACRONYM:
                continue  # USA, UK, EU: as everyday as any word
            s = stem(word)
            pair = (previous, s) in _PAIR_STEMS
            # "non-steroid creams" name no steroid.
            new_name = english and previous not in ("non", "anti") and _names_anew(
                s, previous, src_words, partial(_for_medicine, plain_said, written))
            if pair and not new_name:
                continue  # "heart attacks" where the source says "myocardial infarction"
            if pair:
                if all(d.said != quoted for d in found):  # "hair loss" is new where the source says "weight loss"
                    found.append(Drift("terms", quoted, "", "names a term {source} does not"))
                continue
            if not new_name and not acronym and (
                    (len(word) < 4 and part.islower()) or word in NUMBER_WORDS or word in PERIOD_WORDS
                    or _plain_enough(word, lang, zipf_of, below) or _glued(word, lang, zipf_of)):
                continue  # three lower-case letters are a fragment ("rst" of "ﬁ rst"), not a drug's name
            if not acronym and not new_name and s in NAMED:
                continue  # "malaria medicine" for "antimalarial medication": a name the source says in its words
            if not acronym and word in RESEARCH:
                continue  # "randomised", "efficacy", "subgroup": how a study was done, no drug or condition
            if not acronym and not new_name and _TURNED.match(word) and (zipf_of(_TURNED.sub("", word), lang) >= 4.0
                                                        or stem(_TURNED.sub("", word)) in roots):
                continue  # "unreliable", "disagreement": an everyday word turned around, not a term
            if s in roots or stem(_american(word)) in roots or (acronym and stem(part.lower()) in roots):  # "NCPs" in both
                continue
            if stands_for(word, src_words):
                continue  # "clots" for "thromboembolism", "painkillers" for "analgesics": the source's term
            if acronym:
                initials = initials if initials is not None else _initials(src)
                if word.rstrip("s") in initials or word in initials:
                    continue
            said = quoted if pair else written
            if all(d.said != said for d in found):
                found.append(Drift("terms", said, "", "names a term {source} does not"))
    return found

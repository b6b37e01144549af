"""Negation drift: a simpler phrasing that states what its source negates, or negates what its source
states, matched by the words each negation is about."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import combinations

from .cues import (
    NEGATORS,
    PARTIAL,
    PARTITIVES,
    POSITIVE_IDIOMS,
    VERBAL_NEGATORS,
    content_after,
    is_amount,
    is_negation,
    is_negator,
    is_privative,
    negations,
)
from .markup import plain_text
from .negated_acts import (
    ABSENT,
    CONTRAST_BEFORE,
    KEEP,
    OPPOSITES,
    SAME_ACT,
    act_of,
    comparator,
    contrasted,
    denied,
    double_negations,
    elliptical,
    myths_stated,
    negates_a_not,
    phrasal,
    positive_of,
    said_of,
    said_unlikely,
    same_subject,
)
from .terms import Zipf
from .wording import FUNCTION_WORDS, WINDOW, Drift, Occurrences, Token, clause_span, occurrences, quote, tokens


def _negated(text: str, toks: list[Token], zipf: Zipf | None = None) -> set[int]:
    """Positions a negation reaches: its clause ("starting metformin is not recommended": the statement
    is negated, its subject too), the 5 words after a verb that negates ("prevents serotonin from being
    removed"), and a word that negates itself ("unclear", "harmless")."""
    reach: set[int] = set()
    for i in negations(toks):
        if i + 1 < len(toks) and toks[i + 1].word in POSITIVE_IDIOMS:
            reach.update((i, i + 1))  # "do not hesitate to take it": the taking is not negated
            continue
        first, last = clause_span(text, toks, i)
        if comparator(text, toks, i):
            reach.update(range(i, min(last, i + 3) + 1))  # "compared with no treatment": the group, not the clause
            continue
        if last == i and i + 1 < len(toks):
            last = clause_span(text, toks, i + 1)[1]  # "you cannot, as a girl in Iceland, be called Harriet"
        # "not a cure but a treatment": what follows "but" is stated, not negated.
        last = next((j - 1 for j in range(i + 2, last + 1) if toks[j].word == "but"), last)
        # "young people who wouldn't have stayed": a negation in a relative clause is about that clause; a modal
        # well after the relative word starts the main clause ("people whose immune system is weak should not").
        relative = next((j for j in range(i - 1, max(first, i - 8) - 1, -1) if toks[j].word in _RELATIVE | {"that"}), None)
        if relative is not None and not (toks[i - 1].word in _MODALS and i - 1 - relative >= 3):
            first = relative
        reach.update(range(max(first, i - 8), min(last, i + REACH) + 1))
    for i, tok in enumerate(toks):
        if tok.word in ABSENT:
            # "food waste is virtually non-existent": what is absent is said before it ("absent from school": after).
            first, last = clause_span(text, toks, i)
            reach.update(range(first, (min(last, i + 3) if i + 1 < len(toks) and toks[i + 1].word == "from" else i) + 1))
        elif is_privative(tok.word, zipf):
            continue  # "asymptomatic" negates itself alone (see check_negation), not what follows it
        elif tok.word == "unless":
            reach.update(range(i, clause_span(text, toks, i)[1] + 1))  # "unless you have talked to your doctor"
        elif tok.word in POSITIVE_IDIOMS and any(is_negation(t.word) for t in toks[max(0, i - 2):i]):
            continue  # "do not forget to take it": the taking is said, not turned round
        elif tok.word in VERBAL_NEGATORS or (tok.word not in NEGATORS and is_negator(tok.word, zipf)):
            # "prevents [serotonin from being removed]", "unable [to give]": within its clause.
            reach.update(range(i, min(clause_span(text, toks, i)[1], i + 5) + 1))
        elif tok.word in NEGATORS:
            reach.add(i)
    return reach


@lru_cache(maxsize=64)
def _title_case(text: str) -> bool:
    """Whether most words of a text are capitalised ("Metformin Does Not Lower Blood Glucose"): no name shows."""
    words = re.findall(r"[^\W\d_]+", text)
    capitalised: int = sum(w[0].isupper() for w in words)
    return capitalised * 2 > len(words)


def _is_name(text: str, tok: Token) -> bool:
    """A word written as a name ("Bond", "Kiruna"), not an acronym ("RCTs", "IVF"), a drug or a sentence's first word."""
    if _title_case(text):
        return False
    written = text[tok.start:tok.start + len(tok.word)]
    before = text[max(0, tok.start - 4):tok.start].rstrip()
    return written[:1].isupper() and written[1:].islower() and tok.start > 0 and not before.endswith((".", "!", "?", ":", '"', "“"))


def clause_of(text: str, toks: list[Token], i: int) -> list[str]:
    """Stems of the content words of the clause around position i, from its last subordinator before i
    ("countries [that you haven't stopped people visiting]"), names left out: a name says who, not what
    is said of them."""
    first, last = clause_span(text, toks, i)
    first = next((j + 1 for j in range(i - 1, first - 1, -1) if toks[j].word in _SUBORDINATORS), first)
    return [t.root for t in toks[first:last + 1]
            if t.word not in FUNCTION_WORDS and t.word not in PARTIAL and not is_negation(t.word) and len(t.word) > 2
            and not (_is_name(text, t) and t is not toks[first])]


def _negated_counts(toks: list[Token], reach: set[int]) -> Counter[str]:
    """How many times each stem occurs where a negation reaches it."""
    return Counter(toks[i].root for i in reach if i < len(toks))


_LIGHT = frozenset({"get", "gets", "got", "have", "has", "had", "make", "take", "give", "want", "keep", "put", "come",
                    "go", "ges", "went"})
"""Stems of verbs that say little of their own ("tends not to get any attention"): what a negation is about
is the words after them."""
_RELATIVE = frozenset({"who", "which", "whose", "whom"})
_MODALS = frozenset({"should", "must", "can", "could", "will", "would", "may", "might", "shall"})
_SUBORDINATORS = _RELATIVE | frozenset({"because", "if", "when", "while", "although", "though", "unless",
                                         "whether", "where", "since"})
_PARTIAL_AFTER = PARTIAL | frozenset({"everyone", "everybody", "everything", "as", "so", "just", "quite"})
"""After "not": a partial or comparative negation ("not everyone", "not as good as"), which a source may
state without a negation ("numbers are limited", "go some way to eclipse")."""
_BEFORE_WORD = frozenset({"be", "been", "being", "a", "an", "the", "have", "has", "had", "do", "does", "did", "very", "so"})
_SETTLED = frozenset({"certain", "sure", "clear", "known", "proven", "know", "proved", "confident"})
"""After "not": how sure anyone is ("it is not certain that"), which the certainty rule reads."""
_NO_FLIP = _PARTIAL_AFTER | _SETTLED
_LINKING = frozenset({"be", "been", "being", "seem", "seems", "look", "looks", "feel", "feels", "sound", "sounds"})
REACH = 8
"""Words after a negation that it reaches, within its clause (12 finds more drift and more false alarms)."""
_SETTLE = frozenset({"go away", "went away", "gone away", "get better", "got better", "clear up", "cleared up",
                     "settle down", "wear off"})
_LASTING = frozenset({"persistent", "persisting", "persists", "persist", "persisted", "lingered", "lingering",
                      "ongoing", "unresolved", "lasting", "prolonged",
                      "continuing", "non-resolving", "chronic", "refractory", "intractable", "uncontrolled"})
"""A problem that does not go away, settle or get better is a persistent one: the source's word for it."""

WHOLE = frozenset({"all", "every", "detail", "yet"})
"""Partitive only with a negation ("not every detail"): without one they state the whole."""

LEXICAL = VERBAL_NEGATORS - frozenset({
    "few", "little", "far", "away", "free", "delay", "delayed", "against", "beyond", "except", "instead", "rather",
    "lose", "loses", "lost", "stop", "stops", "stopped", "stopping", "block", "blocks", "blocked", "blocking",
    "prevent", "prevents", "prevented", "preventing"}) | frozenset({
    "puzzled", "doubtful", "overlook", "overlooks", "overlooked", "eliminate", "eliminates", "eliminated", "off",
    "unaware", "devoid", "abandon", "abandoned", "abandons", "quit", "quits", "halt", "halted", "halts", "scrapped",
    "abolish", "abolished", "veto", "vetoed", "dispute", "disputed", "disputes", "remove", "removed", "removes",
    "cancel", "cancelled", "cancels", "refusal"})
"""Words that say "not" of a word next to them whichever side it is on ("forbid the export", "names unable
to take"); the amounts (few, little) and the blocking verbs are read by the rule as they are."""
LEXICAL_REACH = 3


def _lexical(toks: list[Token], j: int) -> bool:
    """Whether the word at position j says "not" of a word next to it ("forbid", the "out" of "rule out")."""
    return toks[j].word in LEXICAL or (j > 0 and bool(phrasal(toks, j - 1)))


def _says_not(toks: list[Token], at: int, head: bool = False) -> bool:
    """Whether a word that says "not" ("forbid", "rule out") stands within LEXICAL_REACH words of position
    `at`, or "poorly" just before it ("poorly controlled" is "not well controlled"); of the word a negation is
    about (head), "too weak to [walk]" too."""
    return (at > 0 and toks[at - 1].word in ("poorly", "badly")) or any(
        (_lexical(toks, j) or (head and _too_to(toks, j, at)))
        and not any(t.word in _TURN for t in toks[min(j, at) + 1:max(j, at)])  # "forbid X but allow [Y]"
        for j in range(max(0, at - LEXICAL_REACH), min(len(toks), at + LEXICAL_REACH + 1)))


_TURN = frozenset({"but", "whereas", "while", "although", "though", "yet"})


def _too_to(toks: list[Token], j: int, at: int) -> bool:
    """"too weak to [walk]": "too" at position j says "not" of the verb after its "to" (at), not of "weak"."""
    return toks[j].word == "too" and not (j and is_negation(toks[j - 1].word)) and any(
        t.word == "to" for t in toks[j + 2:min(j + 4, at)])  # "not too weak to walk" says she can


NEAR_MIN = 4
"""Words a negated statement must share with a source that negates nothing, when its clause alone does not."""
FALLBACK_MIN = 2
"""Words a negated clause must share with the simpler phrasing to be matched by its clause alone."""


_THAN = frozenset({"more", "less", "fewer", "longer", "shorter", "later", "earlier"})


def _bounds(toks: list[Token], i: int) -> bool:
    """Whether the negation at position i makes a bound of a number: "do not take more than 8", "no later
    than 2 hours", "should not exceed 4 g"."""
    for j in range(i + 1, min(len(toks), i + 4)):
        word = toks[j].word
        if word in ("exceed", "exceeding") or (word in _THAN and j + 2 < len(toks) and toks[j + 1].word == "than"):
            return True
        if word in ("over", "above") and j + 1 < len(toks) and is_amount(toks[j + 1].word):
            return True
    return False


_TROUBLE = frozenset({"problem", "problems", "difficulty", "trouble", "issue", "issues", "fuss"})
_HAVE = frozenset({"have", "has", "had", "having", "got", "get", "received"})
_AMOUNT = frozenset({"too", "enough", "so", "quite", "that"})
_RANK = frozenset({"main", "primary", "major", "key", "biggest", "greatest", "only", "best", "leading", "chief",
                   "principal", "usual", "first"})
"""After "not the": a rank among others ("not the main cause", "not the only option"), which a source may say as
"a minor cause" or "one of several options"."""
_LOWER_RANK = frozenset({"minor", "secondary", "several", "among", "partly", "partial", "contributing", "contributory",
                         "additional", "alternative", "alternatives", "various"})
"""Words by which a source says something ranks below the first: only then is "not the main one" what it says."""


def _amount_not_said(said: list[Token], i: int, source_words: dict[str, int]) -> bool:
    """"not too hard", "not enough fluid", "not so bad": a negated amount or degree, within two words of the
    negation ("not needed with enough people" negates the need), of words the source does not use. Of words it
    does, it is a statement turned round ("not too toxic")."""
    for j in range(i + 1, min(len(said), i + 3)):
        word = said[j].word
        if word in _AMOUNT and (word in ("too", "enough") or j == i + 1 or said[j - 1].word in _LINKING):
            rest = [t for t in said[j + 1:j + 3] if t.word not in FUNCTION_WORDS and t.word not in PARTIAL]
            return said[j].root not in source_words and bool(rest) and rest[0].root not in source_words
    return False


def _own(said: list[Token], first: dict[str, int], i: int, lead: list[str]) -> list[str]:
    """The words a negation at position i is about, up to "and"/"or" ("does not lower glucose or cause
    weight gain" negates two statements)."""
    end = next((j for j in range(i + 1, min(len(said), i + 8)) if said[j].word in ("and", "or", "nor")), len(said))
    return [w for w in lead if first.get(w, end) < end]


_BETWEEN_NOT = _BEFORE_WORD | frozenset({"one", "is", "are", "was", "were", "seem", "seems", "seemed", "look", "looks",
                                         "looked"})
"""Words between a negation and a word that negates itself ("not [one] was unaffected", "is not [very] uncommon")."""


def _doubled(src: list[Token], src_at: Occurrences, i: int, said: list[Token], said_at: Occurrences,
             zipf: Zipf | None) -> int | None:
    """Of a source negation at position i that negates a word negating itself ("not uncommon", "not one patient
    was unaffected"): the position of what the phrasing drops of it ("uncommon", "not common"), -1 if it says the
    same ("all were affected"), or None if there is no such word. One word may stand between; "not needed for
    asymptomatic" negates the need."""
    after_not = next((t for k, t in enumerate(src[i + 1:i + 5], start=i + 1) if positive_of(t.word, zipf)
                      and sum(u.word not in _BETWEEN_NOT for u in src[i + 1:k]) <= 1), None)
    positive = positive_of(after_not.word, zipf) if after_not else ""
    if after_not is None or not positive:
        return None
    if positive in said_at.reached and positive not in said_at.free and _said_of_it(
            src, src_at.first[after_not.root], said, positive):
        return said_at.first[positive]  # "not uncommon" said as "not common", "not unsafe" as "not safe"
    if positive in said_at.free:
        return -1  # "not one was unaffected" said as "all were affected": two negations make a statement
    at = said_at.first.get(after_not.root, -1)
    if at >= 0 and not any(is_negation(t.word) for t in said[max(0, at - 3):at]):
        return at  # "not uncommon" said as "uncommon": one of two negations dropped
    return None


def _said_of_it(src: list[Token], at: int, said: list[Token], positive: str) -> bool:
    """Whether the phrasing says "not [positive]" of what the source's "un-[positive]" at position `at` is said of:
    a content word within four either side of each in common ("not unsafe for adults", "not safe for adults")."""
    def around(toks: list[Token], k: int) -> set[str]:
        return {t.root for t in [*toks[max(0, k - 4):k], *toks[k + 1:k + 5]]
                if t.word not in FUNCTION_WORDS and not is_negation(t.word) and len(t.word) > 2}
    near_src = around(src, at)
    return any(not near_src or near_src & around(said, k) for k, t in enumerate(said) if t.root == positive)


def _same_sentence(text: str, toks: list[Token], a: int, b: int) -> bool:
    """Whether positions a and b are in one sentence (no full stop, question or exclamation mark between)."""
    first, last = sorted((a, b))
    return not re.search(r"[.!?]", text[toks[first].start:toks[last].start])


def check_negation(source: str, simple: str, zipf: Zipf | None = None) -> list[Drift]:
    """A negated statement the simpler phrasing makes without its negation, or one it negates that its
    source states: the words the negation is about are how the two statements are matched, and they
    are counted ("no difference in A, no difference in B" said as "no difference in A, a difference
    in B" drops one)."""
    plain_src, plain_said = plain_text(source), plain_text(simple)
    src, said = tokens(plain_src), tokens(plain_said)
    src_reach, said_reach = _negated(plain_src, src, zipf), _negated(plain_said, said, zipf)
    src_at, said_at = occurrences(src, src_reach), occurrences(said, said_reach)
    src_neg, said_neg = _negated_counts(src, src_reach), _negated_counts(said, said_reach)
    any_negation = bool(said_reach)
    # "Not all of its effects" said as "part of its effect", or as "not every detail"; "all" alone drops it.
    partitive = any(t.word in PARTITIVES and (any_negation or t.word not in WHOLE) for t in said)
    found: list[Drift] = []
    said_negations, src_negations = negations(said), negations(src)
    # "Skype has video calls, but BBM doesn't": a negation whose verb is left out keeps the source's negation
    # of the words before it, in its own sentence ("Metformin causes it. Insulin does not." keeps nothing).
    said_elliptical = elliptical(plain_said, said, said_negations) if len(said_negations) >= len(src_negations) else []
    for i in src_negations:
        if _bounds(src, i):
            continue  # "do not take more than 8" said as "take up to 8": the numbers rule reads the bound
        if negates_a_not(src, i):
            continue  # "do not stop taking warfarin" said as "keep taking it": see double_negations
        if denied(plain_src, src, i):
            continue  # "it shatters the myth that farming does not affect food": it does
        doubled = _doubled(src, src_at, i, said, said_at, zipf)
        if doubled is not None:
            if doubled >= 0:
                found.append(Drift("negation", quote(plain_said, said, doubled - 2, doubled + 1),
                                   quote(plain_src, src, i - 1, i + 3), "drops a negation of {source}"))
            continue
        if i + 1 < len(src) and src[i + 1].word in PARTIAL and partitive:
            continue  # "not all of its effects" said as "part of its effect"
        # What the negation is about; words the source also states without a negation do not count.
        about = [w for w in content_after(plain_src, src, i, 3) if w not in _LIGHT][:2]
        about = [w for w in about if w not in src_at.free]
        places = [said_at.first[w] for w in about if w in said_at.free]
        if not places and not any_negation:
            places = [said_at.first[w] for w in clause_of(plain_src, src, i)
                      if w not in src_at.free and w in said_at.first and w not in _LIGHT]
            places = places if len(places) >= FALLBACK_MIN else []
        if places and any(_same_sentence(plain_said, said, min(places), e) and e > min(places) for e in said_elliptical):
            continue
        if places and not any(said_neg[w] >= src_neg[w] for w in about if w in said_at.reached):
            at = min(places)
            found.append(Drift("negation", quote(plain_said, said, at - 2, at + 1),
                               quote(plain_src, src, i - 1, i + 3), "drops a negation of {source}"))
    # "Often asymptomatic" said as "often causes no symptoms": a source that negates in a word of its own.
    source_negates = bool(src_reach) or any(is_privative(t.word, zipf) for t in src)
    # What each source negation is about (its first two words): a simpler negation of them says it another way.
    src_about = {frozenset(about) for j in src_negations
                 if (about := [w for w in content_after(plain_src, src, j, 3) if w not in _LIGHT][:2])}
    # "intolerance (which is not)": a source negation that leaves its words out keeps those the simpler one
    # spells out, in the sentence where the source says them.
    src_elliptical = elliptical(plain_src, src, src_negations) if len(said_negations) <= len(src_negations) else []
    src_roots = {t.root for t in src}
    src_says_not = any(_lexical(src, k) for k in range(len(src)))  # "forbid", "rule out": once, not per negation
    for i in said_negations:
        if comparator(plain_said, said, i):
            continue  # "than those not wearing them", "compared with no treatment": a comparison group
        if negates_a_not(said, i) and (act_of(said, i) in {SAME_ACT.get(t.root, t.root) for t in src} or (
                act_of(said, i) == "stop" and any(t.word in KEEP for t in src))):
            continue  # "do not stop taking X" for "stop taking Y, not X" (see double_negations), or for "keep taking X"
        if said_unlikely(said, i) and any(t.word == "unlikely" and set(clause_of(plain_src, src, k)) & set(
                content_after(plain_said, said, i, 4)) for k, t in enumerate(src)):
            continue  # "will probably not help" for "is unlikely to help", of the same words
        after = [t.word for t in said[i + 1:i + 4]]
        if after[:1] and after[0] in POSITIVE_IDIOMS and said[i + 1].root not in src_at.first:
            continue  # "I will never forget" for "I will always cherish": the positive
        if (" ".join(after[:2]) in _SETTLE or after[:1] == ["stop"]) and any(
                t.word in _LASTING and set(clause_of(plain_src, src, k)) & set(clause_of(plain_said, said, i))
                for k, t in enumerate(src)):
            continue  # "pain that does not go away" for "persistent pain", "bleeding that does not stop"
        if after[1:2] and after[0] in ("the", "a", "its", "their", "our") and after[1] in _RANK and any(
                t.word in _LOWER_RANK and same_subject(said_of(plain_said, said, i), said_of(plain_src, src, k))
                for k, t in enumerate(src)):
            continue  # "not the main aim" for "a secondary objective"; of the source's "main", a statement turned round
        if _amount_not_said(said, i, src_at.first):
            continue  # "not having enough fluid", "may not be so bad": an amount or a degree of something new
        if after[:1] and after[0] in _NO_FLIP and after[0] not in _AMOUNT:
            continue  # "not as good as", "not everyone": a comparison or a part, not a statement turned round
        if after[:2] and after[0] in ("been", "be", "yet", "very", "entirely", "completely", "fully", "really") \
                and after[1] in _SETTLED:
            continue  # "it has not been proved that": how sure anyone is, which the certainty rule reads
        if said[i].word == "without" and any(t.word in _TROUBLE and t.root not in src_at.first for t in said[i + 1:i + 3]):
            continue  # "can take penicillin without a problem": it is fine; of the source's "problems", it is not
        if after[:2] and after[0] in _HAVE and after[1] in PARTIAL:
            continue  # "if you have not had all your jabs": a partial negation ("incomplete")
        lead = content_after(plain_said, said, i, 4)
        # Who or what it is said of: the opposite must be said of them ("Paracetamol is not safe" is no "ibuprofen is
        # dangerous").
        subject = said_of(plain_said, said, i)
        word = next((t.root for t in said[i + 1:i + 4] if t.word not in _BEFORE_WORD), "")  # "not [safe]", "not a [surprise]"
        if word and word not in src_roots and any(
                t.root in OPPOSITES.get(word, frozenset()) and k not in src_reach
                and same_subject(subject, said_of(plain_src, src, k)) for k, t in enumerate(src)):
            continue  # "is not a surprise" for "is predictable", "did not win" for "lost": the source's opposite
        if i and (said[i - 1].word in CONTRAST_BEFORE or "," in plain_said[said[i - 1].start:said[i].start]) \
                and contrasted(src, [t.root for t in said[max(0, i - 4):i] if t.word not in FUNCTION_WORDS][-1:], lead[:1]):
            continue  # "eat fish, not meat" for "eat fish rather than meat": the source's contrast
        own = _own(said, said_at.first, i, lead) if src_about else []
        if any(frozenset(pair) in src_about for pair in [*((w,) for w in own), *combinations(own, 2)]):
            continue  # "may not be the result of organic farming" for "and not from organic farming": the source's
        if _bounds(said, i):
            continue  # "do not take more than 4 g": a bound, which the numbers rule reads
        head = [w for w in lead[:1] if w in src_at.free and said_neg[w] > src_neg[w]]
        if head and any(_says_not(src, src_at.first[w], w == head[0]) for w in [head[0], *lead[:3]]
                        if w in src_at.first):
            continue  # "eliminate contact" said as "not have any contact", "forbid the export" as "not allow the export"
        later = [w for w in _own(said, said_at.first, i, lead)[1:4] if w not in _LIGHT and 0 < said_neg[w] <= src_neg[w]]
        if head and len(later) >= 2 and any(w in about for w in later for about in src_about) and not any(
                t.root == head[0] and j not in src_reach and {u.root for u in src[j + 1:j + 5]} & set(later)
                for j, t in enumerate(src)):  # "recommend screening women over 50" said as "do not recommend screening"
            continue  # "do not recommend asking every woman" for "there is not a case for asking every woman"
        if not head and not source_negates and not src_says_not:
            # A source with no negation at all: the negated clause is matched by what else it says, or
            # failing that by what the words around it say ("6 trials, 202 participants, were not analysed").
            shared = [w for w in clause_of(plain_said, said, i) if w in src_at.first]
            near = dict.fromkeys(t.root for t in said[max(0, i - WINDOW):i + WINDOW] if t.root in src_at.first
                                 and t.word not in FUNCTION_WORDS and len(t.word) > 2 and not is_negation(t.word)
                                 and not _is_name(plain_said, t))
            head = shared if len(shared) >= FALLBACK_MIN else list(near) if len(near) >= NEAR_MIN else []
        if head and denied(plain_src, src, src_at.first[head[0]]):
            continue  # "the myth that how we farm affects food" said as "how we farm does not affect food"
        if head and any(_same_sentence(plain_src, src, src_at.first[head[0]], e) for e in src_elliptical):
            continue
        if head:
            at = src_at.first[head[0]]
            found.append(Drift("negation", quote(plain_said, said, i - 1, i + 3),
                               quote(plain_src, src, at - 2, at + 1), "adds a negation to {source}"))
    found += myths_stated(plain_src, src, plain_said, said, said_reach)
    found += double_negations(plain_src, src, src_negations, plain_said, said, said_negations)
    unique: dict[str, Drift] = {}
    for d in found:
        unique.setdefault(d.said, d)
    return list(unique.values())

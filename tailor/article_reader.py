"""One article file read into the model: its fields declared once (see schema), every problem collected."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from yaml.nodes import MappingNode, Node, ScalarNode

from . import schema as s
from . import yamlsrc as y
from .diagnostics import Diagnostic, Severity
from .files import DEFAULT_LIMIT
from .model import (
    ALL_PROFILES,
    Allowance,
    Approval,
    Article,
    Citation,
    Claim,
    Phrasing,
    Profiles,
    Quiz,
    QuizOption,
    Reference,
    Section,
    Status,
    Variants,
    frozen_map,
)
from .settings import read_yaml
from .sources_reader import read_approvals, read_references

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CLAIM_ID = SLUG
ARTICLE_SUFFIX = ".yaml"
def _variants(name: str) -> s.Read:
    return lambda reader, node, what: reader.variants(node, name)


def _claim(name: str, **kwargs: Any) -> s.Read:
    return lambda reader, node, what: reader.claim(node, name, **kwargs)


def _lang(reader: ArticleReader, node: Node, what: str) -> str | None:
    lang = y.text(node, reader.r, what)
    if lang is None:
        return None
    try:
        Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        reader.r.error(node, "article.lang", f"unknown language `{lang}`; use a code such as `en` or `es`")
        return None
    return lang


SECTION = s.Schema("section {name}", (
    s.Field("id", s.text, "Kebab-case id, unique in the article (the page anchor).", required=True, hint="(kebab-case)"),
    s.Field("heading", lambda reader, node, what: node, "The heading, per profile.", required=True),
    s.Field("lead", lambda reader, node, what: node, "An optional paragraph claim before the bullets."),
    s.Field("intro", lambda reader, node, what: node, "An optional line introducing the bullets, per profile."),
    s.Field("claims", lambda reader, node, what: node, "The bulleted claims."),
), "sections.missing")

OPTION = s.Schema("quiz option {name}", (
    s.Field("text", lambda reader, node, what: node, "The option, per profile.", required=True),
    s.Field("correct", s.boolean, "`true` for the one correct option.", required=True),
    s.Field("explanation", lambda reader, node, what: node, "Why: a claim with cites and phrasings."),
), "quiz.options")

QUIZ = s.Schema("`quiz`", (
    s.Field("profiles", s.texts, "Profiles shown the quiz (default: student)."),
    s.Field("options", lambda reader, node, what: node, "The options, exactly one `correct: true`.", required=True,
            hint="(one of them `correct: true`)"),
), "quiz.options")

ARTICLE = s.Schema("an article", (
    s.Field("question", _variants("the question"), "The question the article answers, per profile.", required=True),
    s.Field("title", _variants("the title"), "The title, per profile.", required=True),
    s.Field("status", s.choice(Status, "article.status"), "draft | submitted | under_review | approved", required=True),
    s.Field("updated", s.date, "The last edit, YYYY-MM-DD.", required=True),
    s.Field("reviewed_by", s.text, "Who approved it (stamped by `tailor review --approve`)."),
    s.Field("reviewed", s.date, "The last full medical review (stamped)."),
    s.Field("next_review", s.date, "When it is due for review again (stamped)."),
    s.Field("review_hash", s.text, "Hash of what was approved (stamped by earlier versions, for every profile at once)."),
    s.Field("approvals", lambda reader, node, what: reader.approvals(node),
            "Signatures per audience, one line each (stamped by `tailor review --approve`)."),
    s.Field("lang", _lang, "The article's language (default en)."),
    s.Field("about", s.texts, "What it is about, for search engines: conditions, medicines (`[Metformin, Type 2 diabetes]`)."),
    s.Field("references", lambda reader, node, what: reader.references(node), "id: a real, verifiable source."),
    s.Field("answer", _claim("the answer", with_id=False, claim_id="answer"), "The short direct answer: a claim.",
            required=True),
    s.Field("sections", lambda reader, node, what: reader.sections(node), "Sections of claims."),
    s.Field("quiz", lambda reader, node, what: reader.quiz(node), "An optional closing self-test."),
), "article.missing")


class ArticleReader:
    """Reads one article file against the configured profiles."""

    def __init__(self, path: Path, display: str, profiles: Profiles) -> None:
        self.path = path
        self.r = y.Reporter(display)
        self.profiles = profiles
        self.claim_ids: dict[str, Node] = {}
        self.citations: list[Citation] = []
        self.declared: set[str] = set()

    def variants(self, node: Node | None, what: str, *, skip: tuple[str, ...] = ()) -> Variants | None:
        """A text given once for all profiles, or as profile -> text (null omits it)."""
        r = self.r
        if node is None:
            return None
        if not isinstance(node, MappingNode):
            if not isinstance(node, ScalarNode):
                r.error(node, "yaml.type", f"{what} must be text, or one text per profile (`clinician: ...`)")
                return None
            value = y.text(node, r, what)
            if value is None:
                return None
            return Variants(frozen_map({ALL_PROFILES: Phrasing(ALL_PROFILES, value, r.at(node))}), r.at(node))
        fields = y.mapping(node, r, what) or {}
        phrasings = {}
        for key, (key_node, value_node) in fields.items():
            if key in skip:
                continue
            if self.profiles.get(key) is None:
                r.error(key_node, "profiles.unknown",
                        f"`{key}` in {what} is not a profile; {y.suggest(key, (*self.profiles.ids, *skip))}")
                continue
            if y.is_null(value_node):
                phrasings[key] = Phrasing(key, None, r.at(value_node))
                continue
            if isinstance(value_node, ScalarNode) and value_node.style and not str(value_node.value).strip():
                phrasings[key] = Phrasing(key, "", r.at(value_node))  # "" marks a phrasing still to write
                continue
            value = y.text(value_node, r, f"the `{key}` phrasing of {what}")
            if value is not None:
                phrasings[key] = Phrasing(key, value, r.at(value_node))
        if not phrasings:
            r.error(node, "claims.empty", f"{what} has no phrasing; write at least one profile's text")
            return None
        if not any(p.text for p in phrasings.values()):
            r.error(node, "claims.empty", f"{what} has no text for any profile; write the text for one of them")
            return None
        return Variants(frozen_map(phrasings), r.at(node))

    def claim_id(self, node: Node) -> str:
        """A claim's id, checked for form and uniqueness in the article."""
        claim_id = y.text(node, self.r, "a claim `id`") or ""
        if claim_id and not CLAIM_ID.match(claim_id):
            self.r.error(node, "claims.id", f"claim id `{claim_id}` must be kebab-case (a-z, 0-9 and -)")
            return ""
        if claim_id in self.claim_ids:
            first = self.r.at(self.claim_ids[claim_id]).line
            self.r.error(node, "claims.duplicate_id", f"claim id `{claim_id}` is already used at line {first}; give each claim its own id")
            return ""
        if claim_id:
            self.claim_ids[claim_id] = node
        return claim_id

    def cites(self, node: Node | None, what: str, at: Node) -> tuple[Citation, ...]:
        """A claim's citations: at least one, each once."""
        found: list[Citation] = []
        reported = len(self.r.diagnostics)
        items = y.string_list(node, self.r, "`cites`") if node is not None and not y.is_null(node) else []
        for ref, ref_node in items:
            if any(c.ref == ref for c in found):
                self.r.error(ref_node, "refs.duplicate", f"`{ref}` is cited twice by one claim; cite it once")
                continue
            found.append(Citation(ref, self.r.at(ref_node)))
        if not found and len(self.r.diagnostics) == reported:
            # An empty list is no evidence at all: the same error as a missing `cites`.
            self.r.error(node if node is not None else at, "refs.uncited", f"{what} cites nothing; add `cites: [reference-id]`")
        self.citations.extend(found)
        return tuple(found)

    def claim(self, node: Node, what: str, *, with_id: bool = True, claim_id: str = "") -> Claim | None:
        """A claim: id, cites and one phrasing per profile."""
        r = self.r
        fields = y.mapping(node, r, what)
        if fields is None:
            return None
        if with_id:
            if "id" not in fields:
                r.error(node, "claims.id", f"{what} needs an `id:` (kebab-case, unique in the article)")
            else:
                claim_id = self.claim_id(fields["id"][1])
        elif "id" in fields:
            r.error(fields["id"][0], "yaml.unknown_key", f"{what} takes no `id` (it is always `{claim_id}`); remove it")
        cites = self.cites(fields["cites"][1] if "cites" in fields else None, what, node)
        allow = self.allowances(fields["allow"][1], what) if "allow" in fields else ()
        text = self.variants(node, what, skip=("id", "cites", "allow"))
        if text is None or not claim_id:
            return None
        return Claim(claim_id, cites, text, r.at(node), allow)

    def allowances(self, node: Node, what: str) -> tuple[Allowance, ...]:
        """A claim's reviewed exceptions: profile -> {rule code: the reason a reviewer accepts the finding}."""
        found = []
        for profile, (key_node, codes_node) in (y.mapping(node, self.r, f"`allow` of {what}") or {}).items():
            if self.profiles.get(profile) is None:
                self.r.error(key_node, "profiles.unknown", f"`{profile}` in `allow` is not a profile; "
                                                           f"{y.suggest(profile, self.profiles.ids)}")
                continue
            for code, (code_node, reason_node) in (y.mapping(codes_node, self.r, f"`allow.{profile}`") or {}).items():
                reason = y.text(reason_node, self.r, f"the reason for `{code}`")
                if reason is not None and len(reason.split()) < 3:
                    self.r.error(reason_node, "claims.allow", f"the exception for `{code}` needs a reason a reviewer "
                                                              f"can check (a few words: why the finding is wrong here)")
                elif reason is not None:
                    found.append(Allowance(profile, code, reason, self.r.at(code_node)))
        return tuple(found)

    def references(self, node: Node) -> dict[str, Reference]:
        """The reference list: id -> typed, verifiable source."""
        return read_references(self, node)

    def approvals(self, node: Node) -> tuple[Approval, ...]:
        """The signatures per audience, oldest first."""
        return read_approvals(self, node)

    def sections(self, node: Node) -> tuple[Section, ...]:
        """The sections, in order, each id once."""
        seen: dict[str, Node] = {}
        found = (self.section(item, index, seen) for index, item in enumerate(y.sequence(node, self.r, "`sections`") or []))
        return tuple(section for section in found if section is not None)

    def section(self, node: Node, index: int, seen: dict[str, Node]) -> Section | None:
        """One section: heading, optional lead claim and intro, then its claims."""
        r = self.r
        values = SECTION.read(self, node, str(index + 1))
        if values is None:
            return None
        section_id = values.get("id") or ""
        id_node = SECTION.nodes(self, node).get("id", (None, None))[1]
        if section_id and not SLUG.match(section_id):
            r.error(id_node, "sections.id", f"section id `{section_id}` must be kebab-case")
            section_id = ""
        elif section_id in seen:
            r.error(id_node, "sections.duplicate_id", f"section id `{section_id}` is already used at line {r.at(seen[section_id]).line}")
            section_id = ""
        elif section_id and id_node is not None:
            seen[section_id] = id_node
        name = f"section `{section_id or index + 1}`"
        heading = self.variants(values.get("heading"), f"the heading of {name}")
        lead = self.claim(values["lead"], f"the lead of {name}") if "lead" in values else None
        intro = self.variants(values.get("intro"), f"the intro of {name}")
        claims = []
        for item in (y.sequence(values["claims"], r, f"the claims of {name}") or []) if "claims" in values else []:
            claim = self.claim(item, f"a claim in {name}")
            if claim is not None:
                claims.append(claim)
        if heading is None or not section_id:
            return None
        return Section(section_id, heading, lead, intro, tuple(claims), r.at(node))

    def quiz(self, node: Node) -> Quiz | None:
        """The closing self-test: options, exactly one correct, and who sees it."""
        r = self.r
        values = QUIZ.read(self, node)
        if values is None:
            return None
        shown_to = ["student"] if self.profiles.get("student") else []
        if "profiles" in values:
            shown_to = []
            for value, item in values["profiles"]:
                if self.profiles.get(value) is None:
                    r.error(item, "profiles.unknown", f"`{value}` is not a profile; {y.suggest(value, self.profiles.ids)}")
                else:
                    shown_to.append(value)
        items = (y.sequence(values["options"], r, "quiz `options`") or []) if "options" in values else []
        options = []
        for number, item in enumerate(items, 1):
            option = self.option(item, number)
            if option is not None:
                options.append(option)
        if items and sum(o.correct for o in options) != 1 and not r.has_errors:
            r.error(values["options"], "quiz.correct", "a quiz needs exactly one option with `correct: true`")
        return Quiz(tuple(shown_to), tuple(options), r.at(node))

    def option(self, node: Node, number: int) -> QuizOption | None:
        """One quiz option: its text, whether it is correct, and why."""
        values = OPTION.read(self, node, str(number))
        if values is None:
            return None
        text = self.variants(values.get("text"), f"quiz option {number}")
        explanation = None
        if "explanation" in values:
            explanation = self.claim(values["explanation"], f"the explanation of quiz option {number}",
                                     with_id=False, claim_id=f"quiz-option-{number}")
        correct = values.get("correct")
        if text is None or correct is None:
            return None
        return QuizOption(text, correct, explanation, self.r.at(node))

    def read(self, source: str | None = None, limit: int = DEFAULT_LIMIT, root: Path | None = None) -> Article | None:
        """The article, or None when it has errors (all of them are in the reporter).

        `source` is the file's text when the caller has already read it (review stamps exactly the
        bytes it checked).
        """
        r = self.r
        problem = file_name_problem(self.path)
        if problem is not None:
            r.error(None, *problem)
            return None
        node = y.parse(source, r) if source is not None else read_yaml(self.path, r, root=root, limit=limit)
        if node is None:
            return None
        values = ARTICLE.read(self, node)
        if values is None:
            return None
        self.check_citations(values.get("references") or {})
        required = ("question", "title", "status", "updated", "answer")
        slug, translated = split_name(self.path.stem)
        if translated is not None and values.get("lang") not in (None, translated):
            lang_node = ARTICLE.nodes(self, node).get("lang", (node, node))[1]
            r.error(lang_node, "translation.lang", f"`lang: {values['lang']}` contradicts the file name, which makes this "
                                                   f"the `{translated}` translation; remove `lang:` or rename the file")
        if r.has_errors or any(values.get(key) is None for key in required):
            return None
        lang = translated or s.optional(values, "lang", "en")
        return Article(slug, r.path, lang, values["question"], values["title"],
                       values["status"], values["updated"], values.get("reviewed_by"),
                       frozen_map(values.get("references") or {}), values["answer"], values.get("sections") or (),
                       values.get("quiz"), r.at(node), values.get("reviewed"), values.get("next_review"),
                       values.get("review_hash"), translated is not None,
                       tuple(name for name, _ in values.get("about") or ()), values.get("approvals") or ())

    def check_citations(self, references: dict[str, Reference]) -> None:
        """Every citation names a reference; every reference is cited."""
        cited = {c.ref for c in self.citations}
        for citation in self.citations:
            if citation.ref not in self.declared:
                self.r.diagnostics.append(Diagnostic(
                    citation.location, "refs.unknown",
                    f"`{citation.ref}` is not in `references`; add it there or fix the id "
                    f"({y.suggest(citation.ref, sorted(self.declared))})"))
        for ref in references.values():
            if ref.id not in cited:
                self.r.diagnostics.append(Diagnostic(
                    ref.location, "refs.unused",
                    f"reference `{ref.id}` is never cited; cite it from a claim or remove it", Severity.WARNING))


TRANSLATION_NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2,3})$")
"""`<slug>.<lang>`: the file stem of a translation (`ssri-mechanism.es`)."""


def split_name(stem: str) -> tuple[str, str | None]:
    """(slug, language) of an article file's stem; the language is None for a source article."""
    match = TRANSLATION_NAME.match(stem)
    return (match["slug"], match["lang"]) if match else (stem, None)


def file_name_problem(path: Path) -> tuple[str, str] | None:
    """(code, message) when an article's file name cannot be its URL slug (or `<slug>.<lang>` for a translation)."""
    if path.suffix != ARTICLE_SUFFIX:
        return "file.extension", f"`{path.name}` is not read as an article: rename it to `{path.stem}{ARTICLE_SUFFIX}`"
    slug, lang = split_name(path.stem)
    if lang is not None:
        try:
            Locale.parse(lang)
        except (ValueError, UnknownLocaleError):
            return "article.slug", (f"`{lang}` in `{path.name}` is not a language code; a translation is named "
                                    f"`<slug>.<lang>.yaml`, like `{slug}.es.yaml`")
        return None
    if not SLUG.match(path.stem):
        return "article.slug", (f"file name `{path.name}` is not a kebab-case slug; rename it like `my-topic.yaml` "
                                "(a translation: `my-topic.es.yaml`)")
    return None


def is_article_name(name: str) -> bool:
    """Whether a file in articles/ is meant as an article (`.yaml`, or `.yml`/`.YAML` to be renamed)."""
    # Hidden files are editors' and our own temporary files (`.x.yaml.tmp`, `.x.yaml.swp`).
    return not name.startswith(".") and name.lower().endswith((".yaml", ".yml"))

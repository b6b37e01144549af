"""Load a content tree: YAML files into the model, every problem collected in one pass."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from babel import Locale, UnknownLocaleError
from yaml.nodes import MappingNode, Node, ScalarNode

from . import yamlsrc as y
from .diagnostics import Diagnostic, Severity, TailorError
from .model import (
    ALL_PROFILES,
    Article,
    Citation,
    Claim,
    Content,
    Glossary,
    Phrasing,
    Profiles,
    Quiz,
    QuizOption,
    Reference,
    ReferenceType,
    Section,
    Settings,
    Status,
    Variants,
    frozen_map,
)
from .readability import source_versions
from .settings import load_glossary, load_profiles, load_settings, read_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CLAIM_ID = SLUG
ARTICLE_KEYS = ("question", "title", "status", "updated", "reviewed_by", "reviewed", "next_review", "review_hash", "lang",
                "references", "answer", "sections", "quiz")
REQUIRED_KEYS = ("question", "title", "status", "updated", "references", "answer")
SECTION_KEYS = ("id", "heading", "lead", "intro", "claims")
REFERENCE_KEYS = ("type", "title", "source", "year", "url")
OPTION_KEYS = ("text", "correct", "explanation")


class ArticleReader:
    """Reads one article file against the configured profiles."""

    def __init__(self, path: Path, display: str, profiles: Profiles) -> None:
        self.path = path
        self.r = y.Reporter(display)
        self.profiles = profiles
        self.claim_ids: dict[str, Node] = {}
        self.cited: set[str] = set()
        self.citations: list[Citation] = []

    def variants(self, node: Node, what: str, *, skip: tuple[str, ...] = ()) -> Variants | None:
        """A text given once for all profiles, or as profile -> text (null omits it)."""
        r = self.r
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
                claim_id = y.text(fields["id"][1], r, "a claim `id`") or ""
                id_node = fields["id"][1]
                if claim_id and not CLAIM_ID.match(claim_id):
                    r.error(id_node, "claims.id", f"claim id `{claim_id}` must be kebab-case (a-z, 0-9 and -)")
                elif claim_id in self.claim_ids:
                    first = r.at(self.claim_ids[claim_id]).line
                    r.error(id_node, "claims.duplicate_id",
                            f"claim id `{claim_id}` is already used at line {first}; give each claim its own id")
                elif claim_id:
                    self.claim_ids[claim_id] = id_node
        elif "id" in fields:
            r.error(fields["id"][0], "yaml.unknown_key", f"{what} takes no `id` (it is always `{claim_id}`); remove it")
        cites = []
        if "cites" not in fields:
            r.error(node, "refs.uncited", f"{what} cites nothing; add `cites: [reference-id]`")
        else:
            for ref, ref_node in y.string_list(fields["cites"][1], r, "`cites`"):
                citation = Citation(ref, r.at(ref_node))
                if ref in (c.ref for c in cites):
                    r.error(ref_node, "refs.duplicate", f"`{ref}` is cited twice by one claim; cite it once")
                    continue
                cites.append(citation)
                self.citations.append(citation)
        text = self.variants(node, what, skip=("id", "cites"))
        if text is None or not claim_id:
            return None
        return Claim(claim_id, tuple(cites), text, r.at(node))

    def references(self, node: Node) -> dict[str, Reference]:
        """The reference list: id -> typed, verifiable source."""
        r = self.r
        result = {}
        for ref_id, (key_node, value_node) in (y.mapping(node, r, "`references`") or {}).items():
            fields = y.mapping(value_node, r, f"reference `{ref_id}`", REFERENCE_KEYS)
            if fields is None:
                continue
            for required in ("type", "title", "source", "year"):
                if required not in fields:
                    r.error(key_node, "refs.incomplete", f"reference `{ref_id}` needs `{required}:`")
            kind = None
            if "type" in fields:
                raw = y.text(fields["type"][1], r, "`type`")
                try:
                    kind = ReferenceType(raw)
                except ValueError:
                    r.error(fields["type"][1], "refs.type",
                            f"unknown reference type `{raw}`; {y.suggest(raw or '', [t.value for t in ReferenceType])}")
            title = y.text(fields["title"][1], r, "`title`") if "title" in fields else None
            source = y.text(fields["source"][1], r, "`source`") if "source" in fields else None
            year = y.integer(fields["year"][1], r, "`year`") if "year" in fields else None
            if year is not None and not 1800 <= year <= dt.date.today().year + 1:
                r.error(fields["year"][1], "refs.year", f"year {year} is not a publication year; check the source")
                year = None
            url = y.text(fields["url"][1], r, "`url`") if "url" in fields else None
            if url is not None and not re.match(r"^https?://[^\s/]+", url):
                r.error(fields["url"][1], "refs.url", "a reference `url` must start with https:// or http://")
                url = None
            if kind and title and source and year:
                result[ref_id] = Reference(ref_id, kind, title, source, year, url, r.at(key_node))
        return result

    def section(self, node: Node, index: int, seen: dict[str, Node]) -> Section | None:
        """One section: heading, optional lead claim and intro, then its claims."""
        r = self.r
        fields = y.mapping(node, r, f"section {index + 1}", SECTION_KEYS)
        if fields is None:
            return None
        section_id = ""
        if "id" not in fields:
            r.error(node, "sections.id", f"section {index + 1} needs an `id:` (kebab-case)")
        else:
            section_id = y.text(fields["id"][1], r, "a section `id`") or ""
            if section_id and not SLUG.match(section_id):
                r.error(fields["id"][1], "sections.id", f"section id `{section_id}` must be kebab-case")
            elif section_id in seen:
                r.error(fields["id"][1], "sections.duplicate_id",
                        f"section id `{section_id}` is already used at line {r.at(seen[section_id]).line}")
            elif section_id:
                seen[section_id] = fields["id"][1]
        name = f"section `{section_id or index + 1}`"
        if "heading" not in fields:
            r.error(node, "sections.heading", f"{name} needs a `heading:`")
        heading = self.variants(fields["heading"][1], f"the heading of {name}") if "heading" in fields else None
        lead = self.claim(fields["lead"][1], f"the lead of {name}") if "lead" in fields else None
        intro = self.variants(fields["intro"][1], f"the intro of {name}") if "intro" in fields else None
        claims = []
        for item in y.sequence(fields["claims"][1], r, f"the claims of {name}") or [] if "claims" in fields else []:
            claim = self.claim(item, f"a claim in {name}")
            if claim is not None:
                claims.append(claim)
        if heading is None or not section_id:
            return None
        return Section(section_id, heading, lead, intro, tuple(claims), r.at(node))

    def quiz(self, node: Node) -> Quiz | None:
        """The closing self-test: options, exactly one correct, and who sees it."""
        r = self.r
        fields = y.mapping(node, r, "`quiz`", ("profiles", "options"))
        if fields is None:
            return None
        shown_to = ["student"] if self.profiles.get("student") else []
        if "profiles" in fields:
            shown_to = []
            for value, item in y.string_list(fields["profiles"][1], r, "quiz `profiles`"):
                if self.profiles.get(value) is None:
                    r.error(item, "profiles.unknown", f"`{value}` is not a profile; {y.suggest(value, self.profiles.ids)}")
                else:
                    shown_to.append(value)
        options = []
        items = y.sequence(fields["options"][1], r, "quiz `options`") or [] if "options" in fields else []
        if "options" not in fields:
            r.error(node, "quiz.options", "a quiz needs `options:`, one of them `correct: true`")
        for number, item in enumerate(items, 1):
            parts = y.mapping(item, r, f"quiz option {number}", OPTION_KEYS)
            if parts is None:
                continue
            if "text" not in parts or "correct" not in parts:
                r.error(item, "quiz.options", f"quiz option {number} needs `text:` and `correct:`")
                continue
            text = self.variants(parts["text"][1], f"quiz option {number}")
            correct = y.boolean(parts["correct"][1], r, "`correct`")
            explanation = None
            if "explanation" in parts:
                explanation = self.claim(parts["explanation"][1], f"the explanation of quiz option {number}",
                                         with_id=False, claim_id=f"quiz-option-{number}")
            if text is not None and correct is not None:
                options.append(QuizOption(text, correct, explanation, r.at(item)))
        if items and sum(o.correct for o in options) != 1 and not self.r.has_errors:
            r.error(fields["options"][1], "quiz.correct", "a quiz needs exactly one option with `correct: true`")
        return Quiz(tuple(shown_to), tuple(options), r.at(node))

    def read(self, source: str | None = None) -> Article | None:
        """The article (from `source` when the caller already read the file), or None when it has errors."""
        r = self.r
        slug = self.path.stem
        if not SLUG.match(slug):
            r.error(None, "article.slug", f"file name `{self.path.name}` is not a kebab-case slug; rename it like `my-topic.yaml`")
        node = read_yaml(self.path, r) if source is None else y.parse(source, r)
        if node is None:
            return None
        fields = y.mapping(node, r, "an article", ARTICLE_KEYS)
        if fields is None:
            return None
        for required in REQUIRED_KEYS:
            if required not in fields:
                r.error(node, "article.missing", f"the article needs `{required}:`")
        get = lambda key: fields[key][1] if key in fields else None  # noqa: E731
        question = self.variants(get("question"), "the question") if "question" in fields else None
        title = self.variants(get("title"), "the title") if "title" in fields else None
        status = None
        if "status" in fields:
            raw = y.text(get("status"), r, "`status`") or ""
            try:
                status = Status(raw)
            except ValueError:
                r.error(get("status"), "article.status", f"unknown status `{raw}`; {y.suggest(raw, [s.value for s in Status])}")
        updated = y.date(get("updated"), r, "`updated`") if "updated" in fields else None
        reviewed_by = y.text(get("reviewed_by"), r, "`reviewed_by`") if "reviewed_by" in fields else None
        reviewed = y.date(get("reviewed"), r, "`reviewed`") if "reviewed" in fields else None
        next_review = y.date(get("next_review"), r, "`next_review`") if "next_review" in fields else None
        review_hash = y.text(get("review_hash"), r, "`review_hash`") if "review_hash" in fields else None
        lang = "en"
        if "lang" in fields:
            lang = y.text(get("lang"), r, "`lang`") or "en"
            try:
                Locale.parse(lang.replace("-", "_"))
            except (ValueError, UnknownLocaleError):
                r.error(get("lang"), "article.lang", f"unknown language `{lang}`; use a code such as `en` or `es`")
        references = self.references(get("references")) if "references" in fields else {}
        answer = self.claim(get("answer"), "the answer", with_id=False, claim_id="answer") if "answer" in fields else None
        sections, seen = [], {}
        for index, item in enumerate(y.sequence(get("sections"), r, "`sections`") or [] if "sections" in fields else []):
            section = self.section(item, index, seen)
            if section is not None:
                sections.append(section)
        quiz = self.quiz(get("quiz")) if "quiz" in fields else None
        self.check_citations(fields, references)
        if r.has_errors or not (question and title and status and updated and answer):
            return None
        return Article(slug, r.path, lang, question, title, status, updated, reviewed_by,
                       frozen_map(references), answer, tuple(sections), quiz, r.at(node),
                       reviewed, next_review, review_hash)

    def check_citations(self, fields: dict, references: dict[str, Reference]) -> None:
        """Every citation names a reference; every reference is cited."""
        r = self.r
        declared = set(references)
        if "references" in fields:
            declared |= set(y.mapping(fields["references"][1], y.Reporter(r.path), "`references`") or {})
        for citation in self.citations:
            if citation.ref not in declared:
                r.diagnostics.append(Diagnostic(
                    citation.location, "refs.unknown",
                    f"`{citation.ref}` is not in `references`; add it there or fix the id ({y.suggest(citation.ref, sorted(declared))})"))
            self.cited.add(citation.ref)
        for ref in references.values():
            if ref.id not in self.cited:
                r.diagnostics.append(Diagnostic(
                    ref.location, "refs.unused",
                    f"reference `{ref.id}` is never cited; cite it from a claim or remove it", Severity.WARNING))


def article_files(root: Path) -> list[Path]:
    """The article files of a content tree, in a stable order."""
    folder = root / "articles"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def display_path(path: Path, root: Path) -> str:
    """A path as the user typed it: relative to the working folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_article(path: Path, root: Path, profiles: Profiles,
                 source: str | None = None) -> tuple[Article | None, list[Diagnostic]]:
    """Read one article file (or its text, already read); the article is None when it has errors."""
    reader = ArticleReader(path, display_path(path, root), profiles)
    article = reader.read(source)
    return article, reader.r.diagnostics


@dataclass(frozen=True)
class Site:
    """The site-wide files every article is checked against."""

    root: Path
    settings: Settings
    profiles: Profiles
    glossary: Glossary
    diagnostics: tuple[Diagnostic, ...]
    fingerprint: str
    """A hash of the site files, Tailor's version and the scoring sources: part of every cache key."""


def load_site(root: Path) -> Site:
    """Read tailor.yaml, profiles.yaml and glossary.yaml; raises TailorError when they are unusable."""
    if not root.is_dir():
        raise TailorError([Diagnostic(y.Reporter(str(root)).at(None), "content.missing",
                                      "content folder not found; pass --content DIR or set TAILOR_CONTENT")])
    reporters = {name: y.Reporter(display_path(root / name, root)) for name in ("tailor.yaml", "profiles.yaml", "glossary.yaml")}
    settings = load_settings(root / "tailor.yaml", reporters["tailor.yaml"])
    profiles = load_profiles(root / "profiles.yaml", reporters["profiles.yaml"])
    glossary = load_glossary(root / "glossary.yaml", reporters["glossary.yaml"])
    found = tuple(d for r in reporters.values() for d in r.diagnostics)
    if profiles is None or any(d.is_error for d in found):
        raise TailorError([d for d in found if d.is_error] or found)
    digest = hashlib.sha256()
    for name in reporters:
        path = root / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    digest.update(f"{metadata.version('tailor-content')};{source_versions()}".encode())
    return Site(root, settings, profiles, glossary, found, digest.hexdigest())


def load_content(root: Path | str) -> Content:
    """Load a whole content tree; raises TailorError when profiles or settings are unusable.

    Broken articles do not stop the load: they are left out of `articles` and listed in `broken`.
    """
    site = load_site(Path(root))
    diagnostics = list(site.diagnostics)
    articles, broken = {}, {}
    for path in article_files(site.root):
        article, found = load_article(path, site.root, site.profiles)
        diagnostics.extend(found)
        if article is None:
            broken[path.stem] = tuple(d for d in found if d.is_error)
        else:
            articles[article.slug] = article
    return Content(str(site.root), site.settings, site.profiles, site.glossary, frozen_map(articles),
                   frozen_map(broken), tuple(diagnostics))

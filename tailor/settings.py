"""The site-wide files of a content tree: tailor.yaml, profiles.yaml and glossary.yaml."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from yaml.nodes import Node

from . import schema as s
from . import yamlsrc as y
from .address import normalize_site_url, site_url_problem
from .diagnostics import Diagnostic, Location, Severity
from .files import ARTICLE_FIX, DEFAULT_LIMIT, SITE_FILE_LIMIT, FileProblem, read_text
from .model import (
    Disclaimer,
    Glossary,
    GlossaryEntry,
    Profile,
    Profiles,
    ProfileText,
    Separation,
    Settings,
    Target,
    frozen_map,
)
from .readability import DEFAULT_METRIC, METRICS

PROFILE_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
MAX_ARTICLE_KIB = 64 * 1024
"""The largest `limits.article_kib` accepted (64 MiB): beyond it the limit is no limit."""


class SiteReader:
    """Reads one site file; the schemas' converters get it as their reader."""

    def __init__(self, r: y.Reporter) -> None:
        self.r = r


def read_yaml(path: Path, r: y.Reporter, *, root: Path | None = None, limit: int = SITE_FILE_LIMIT,
              fix: str | None = None) -> Node | None:
    """Read and compose one YAML file (bounded, inside the content tree); problems go to the reporter.

    An empty or comment-only file is `yaml.empty`: it would otherwise load as nothing at all.
    """
    try:
        fix = fix or (f"keep site files under {limit // (1024 * 1024)} MiB" if limit == SITE_FILE_LIMIT else ARTICLE_FIX)
        source = read_text(path, root, limit, fix)
    except FileProblem as problem:
        r.error(None, problem.code, problem.message)
        return None
    node = y.parse(source, r)
    if (node is None and not r.has_errors) or y.is_null(node):
        r.error(None, "yaml.empty", f"`{path.name}` is empty (or only comments); write its content, or delete it")
        return None
    return node


def _locales(reader: SiteReader, node: Node, what: str) -> tuple[str, ...]:
    locales = []
    for value, item in y.string_list(node, reader.r, what):
        try:
            locales.append(str(Locale.parse(value.replace("-", "_"))))
        except (ValueError, UnknownLocaleError):
            reader.r.error(item, "config.locale", f"unknown locale `{value}`; use a code such as `en`, `en_GB` or `de`")
    return tuple(locales)


def _author(reader: SiteReader, node: Node, what: str) -> None:
    # Content comes from many hands: it must not be able to switch a public server into author mode.
    reader.r.warning(node, "config.author", "`author` in tailor.yaml is ignored: author mode is the operator's "
                                            "choice (`tailor serve --author` or TAILOR_AUTHOR=1); remove this line")


RULES = s.Schema("`rules`", (
    s.Field("disable", s.texts, "Rule codes or prefixes to switch off (`readability.hint`, `glossary`)."),
    s.Field("jargon_below", s.number, "Zipf frequency under which a lay word counts as jargon (default 3.0)."),
), "config.missing")

LIMITS = s.Schema("`limits`", (
    s.Field("article_kib", s.whole_number(1, lambda: MAX_ARTICLE_KIB, "config.limit",
                                          f"`article_kib` must be between 1 and {MAX_ARTICLE_KIB}"),
            f"Largest article file, in KiB (default {DEFAULT_LIMIT // 1024})."),
), "config.missing")

SITE_TEXTS = s.Schema("the `{name}` translation", (
    s.Field("site_name", s.text, "The site's name in that language."),
    s.Field("footer", s.text, "The footer in that language."),
), "config.missing")


def _site_url(reader: SiteReader, node: Node, what: str) -> str | None:
    value = y.text(node, reader.r, what)
    if value is None:
        return None
    problem = site_url_problem(value)
    if problem is not None:
        reader.r.error(node, "config.site_url", f"`site_url: {value[:80]}` cannot be used: {problem}; write the site's "
                                                "public address, like https://example.org/ or https://example.org/health/")
        return None
    return normalize_site_url(value)


def language_key(reader: SiteReader, node: Node | None, key: str) -> str | None:
    """A language code used as a key (`es`, `de`): the bare language, which URLs and file names use."""
    try:
        locale = Locale.parse(key.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = None
    if locale is None or str(locale) != key or locale.territory:
        reader.r.error(node, "config.language", f"`{key}` is not a language code; use one such as `es` or `de`")
        return None
    return key


def translations(reader: SiteReader, node: Node, schema: s.Schema) -> dict[str, tuple[dict[str, Any], Node]]:
    """`translations:`: language code -> the schema's fields in that language, with the key's node."""
    found: dict[str, tuple[dict[str, Any], Node]] = {}
    for key, (key_node, value_node) in (y.mapping(node, reader.r, "`translations`") or {}).items():
        code = language_key(reader, key_node, key)
        values = schema.read(reader, value_node, key, where=key_node)
        if code is not None and values is not None:
            found[code] = (values, key_node)
    return found


SETTINGS = s.Schema("tailor.yaml", (
    s.Field("site_name", s.text, "The site's name in the page header (in the first locale's language)."),
    s.Field("locales", _locales, "Interface locales offered; their languages are the site's languages, the first "
                                 "one the source language (URLs without a language prefix)."),
    s.Field("site_url", _site_url, "The site's public address (https://example.org/health/): canonical and sitemap "
                                   "URLs are made from it, never from a request's Host header."),
    s.Field("footer", s.text, "The site's own words to readers at the foot of every page (default: a built-in text)."),
    s.Field("translations", lambda reader, node, what: translations(reader, node, SITE_TEXTS),
            "Language code -> `site_name` and `footer` in that language."),
    s.Field("rules", lambda reader, node, what: RULES.read(reader, node), "Switch checks off, tune jargon."),
    s.Field("limits", lambda reader, node, what: LIMITS.read(reader, node), "Resource limits for content files."),
    s.Field("author", _author, "Ignored (author mode is the operator's choice)."),
), "config.missing")


def load_settings(path: Path, r: y.Reporter, root: Path | None = None) -> Settings:
    """Read tailor.yaml; a missing or empty file means every default."""
    if not os.path.lexists(path):
        return Settings()
    reader = SiteReader(r)
    node = read_yaml(path, r, root=root)
    if r.diagnostics and r.diagnostics[-1].code == "yaml.empty":
        r.diagnostics.pop()  # an empty tailor.yaml is every default
    if node is None or y.is_null(node):
        return Settings()
    values = SETTINGS.read(reader, node) or {}
    defaults = Settings()
    rules: dict[str, Any] = values.get("rules") or {}
    limits: dict[str, Any] = values.get("limits") or {}
    return Settings(
        site_name=s.optional(values, "site_name", defaults.site_name),
        locales=values.get("locales") or defaults.locales,
        disabled_rules=tuple(v for v, _ in rules.get("disable") or ()),
        jargon_below=s.optional(rules, "jargon_below", defaults.jargon_below),
        article_limit=limits["article_kib"] * 1024 if limits.get("article_kib") else defaults.article_limit,
        site_names=frozen_map({code: texts["site_name"] for code, (texts, _) in (values.get("translations") or {}).items()
                               if texts.get("site_name")}),
        site_url=values.get("site_url") or "",
        footer=values.get("footer") or "",
        footers=frozen_map({code: texts["footer"] for code, (texts, _) in (values.get("translations") or {}).items()
                            if texts.get("footer")}),
    )


def _targets(reader: SiteReader, node: Node, profile_id: str) -> tuple[Target, ...]:
    r = reader.r
    targets = []
    for metric, (key_node, bounds_node) in (y.mapping(node, r, f"readability of `{profile_id}`", METRICS) or {}).items():
        bounds = y.mapping(bounds_node, r, f"the `{metric}` target", ("min", "max")) or {}
        low = y.number(bounds["min"][1], r, "`min`") if "min" in bounds else None
        high = y.number(bounds["max"][1], r, "`max`") if "max" in bounds else None
        if low is None and high is None:
            r.error(bounds_node, "profiles.target", f"the `{metric}` target needs `min`, `max` or both")
            continue
        if low is not None and high is not None and low > high:
            r.error(bounds_node, "profiles.target", f"the `{metric}` target has min {low} above max {high}; swap them")
            continue
        targets.append(Target(metric, low, high, r.at(key_node)))
    return tuple(targets)


def _text_at(reader: SiteReader, node: Node, what: str) -> tuple[str | None, Node]:
    return y.text(node, reader.r, what), node


DISCLAIMER = s.Schema("`disclaimer`", (
    s.Field("title", s.text, "The notice's heading.", required=True),
    s.Field("text", s.text, "The notice.", required=True),
), "profiles.missing")

PROFILE_TEXTS = s.Schema("the `{name}` translation", (
    s.Field("label", s.text, "The picker's label in that language."),
    s.Field("description", s.text, "The line under the label in that language."),
    s.Field("disclaimer", lambda reader, node, what: DISCLAIMER.read(reader, node), "The notice in that language."),
    s.Field("readability", lambda reader, node, what: node, "Targets for views in that language (default: the profile's)."),
), "profiles.missing")

PROFILE = s.Schema("profile `{name}`", (
    s.Field("label", s.text, "The picker's label.", required=True),
    s.Field("description", s.text, "One line under the label.", required=True),
    s.Field("fallback", s.texts, "Profiles whose phrasings this one borrows while its own are unwritten, in order."),
    s.Field("disclaimer", lambda reader, node, what: DISCLAIMER.read(reader, node), "The notice at the foot of every page.",
            required=True),
    s.Field("readability", lambda reader, node, what: node, "Targets: metric: {min, max}."),
    s.Field("glossary", s.boolean, "Link glossary terms and check jargon on this profile's pages."),
    s.Field("audience", s.text, "For search engines: the schema.org audienceType of these readers (`Clinician`, "
                                "`Patient`; default the label)."),
    s.Field("translations", lambda reader, node, what: translations(reader, node, PROFILE_TEXTS),
            "Language code -> label, description, disclaimer and readability in that language."),
), "profiles.missing")

PROFILES = s.Schema("profiles.yaml", (
    s.Field("default", _text_at, "The profile readers get before they choose."),
    s.Field("source", _text_at, "The profile whose phrasing states the facts (default: the one without fallback)."),
    s.Field("separation", lambda reader, node, what: node, "How much easier each profile must read than the next."),
    s.Field("profiles", lambda reader, node, what: node, "id: settings, in picker order.", required=True,
            hint="(a mapping of profile id to settings)"),
), "profiles.missing")


def _profile(reader: SiteReader, profile_id: str, key_node: Node, node: Node) -> tuple[Profile | None, list[tuple[str, Node]]]:
    values = PROFILE.read(reader, node, profile_id, where=key_node)
    if values is None:
        return None, []
    listed: list[tuple[str, Node]] = values.get("fallback") or []
    targets = _targets(reader, values["readability"], profile_id) if "readability" in values else ()
    disclaimer = values.get("disclaimer") or {}
    texts = {code: _profile_text(reader, profile_id, code, found) for code, (found, _) in (values.get("translations") or {}).items()}
    if not (values.get("label") and values.get("description") and disclaimer.get("title") and disclaimer.get("text")):
        return None, listed
    return Profile(profile_id, values["label"], values["description"], tuple(v for v, _ in listed),
                   Disclaimer(disclaimer["title"], disclaimer["text"]), targets, bool(values.get("glossary")),
                   reader.r.at(key_node), frozen_map(texts), audience=values.get("audience") or ""), listed


def _profile_text(reader: SiteReader, profile_id: str, code: str, values: dict[str, Any]) -> ProfileText:
    disclaimer = values.get("disclaimer") or {}
    targets = _targets(reader, values["readability"], f"{profile_id}` in `{code}") if "readability" in values else None
    return ProfileText(values.get("label"), values.get("description"),
                       Disclaimer(disclaimer["title"], disclaimer["text"]) if disclaimer.get("title") and
                       disclaimer.get("text") else None, targets)


def load_profiles(path: Path, r: y.Reporter, root: Path | None = None) -> Profiles | None:
    """Read profiles.yaml; None when it is unusable (the reporter says why)."""
    if not os.path.lexists(path):
        r.error(None, "profiles.missing", "no profiles.yaml; create it in the content folder (see README)")
        return None
    reader = SiteReader(r)
    node = read_yaml(path, r, root=root)
    if node is None:
        return None
    top = PROFILES.read(reader, node)
    if top is None or "profiles" not in top:
        return None
    entries = y.mapping(top["profiles"], r, "`profiles`") or {}
    items: list[Profile] = []
    fallbacks: dict[str, list[tuple[str, Node]]] = {}
    for profile_id, (key_node, value_node) in entries.items():
        if not PROFILE_ID.match(profile_id):
            r.error(key_node, "profiles.id", f"profile id `{profile_id}` must be lower case letters, digits, - or _")
            continue
        profile, fallbacks[profile_id] = _profile(reader, profile_id, key_node, value_node)
        if profile is not None:
            items.append(profile)
    ids = [p.id for p in items]
    for profile in items:
        for name, item in fallbacks.get(profile.id, []):
            if name == profile.id or name not in entries:
                r.error(item, "profiles.fallback",
                        f"profile `{profile.id}` falls back to `{name}`, which is not another profile; {y.suggest(name, ids)}")
    if not entries:
        r.error(top["profiles"], "profiles.missing", "declare at least one profile under `profiles:`")
    default = _declared(top, "default", entries, r, "default profile", ids[0] if ids else None)
    roots = [p.id for p in items if not p.fallback]
    source = _declared(top, "source", entries, r, "source profile", roots[0] if roots else (ids[0] if ids else None))
    separation = _separation(reader, top["separation"], list(entries)) if "separation" in top else None
    if r.has_errors or default is None or source is None:
        return None
    return Profiles(tuple(items), default, source, separation)


def _declared(top: dict[str, Any], key: str, entries: dict[str, Any], r: y.Reporter, name: str,
              fallback: str | None) -> str | None:
    if key not in top:
        return fallback
    value, node = top[key]
    if value is not None and value not in entries:
        r.error(node, "profiles.unknown", f"{name} `{value}` is not declared; {y.suggest(value, list(entries))}")
    return value  # type: ignore[no-any-return]


SEPARATION = s.Schema("`separation`", (
    s.Field("metric", s.choice_of(METRICS, "profiles.metric"), f"The metric compared (default {DEFAULT_METRIC})."),
    s.Field("margin", s.number, "How much easier, at least (default 0)."),
    s.Field("order", s.texts, "The profiles from easiest to hardest.", required=True, hint="(the profiles from easiest to hardest)"),
), "profiles.missing")


def _separation(reader: SiteReader, node: Node, ids: list[str]) -> Separation | None:
    values = SEPARATION.read(reader, node) or {}
    order = []
    for value, item in values.get("order") or []:
        if value not in ids:
            reader.r.error(item, "profiles.unknown", f"`{value}` is not a profile; {y.suggest(value, ids)}")
        order.append(value)
    return Separation(s.optional(values, "metric", DEFAULT_METRIC), s.optional(values, "margin", 0.0), tuple(order))


def load_glossary(path: Path, r: y.Reporter, root: Path | None = None) -> Glossary:
    """Read glossary.yaml (term: definition); a missing or empty file is an empty glossary."""
    if not os.path.lexists(path):
        return Glossary()
    node = read_yaml(path, r, root=root)
    if r.diagnostics and r.diagnostics[-1].code == "yaml.empty":
        r.diagnostics.pop()
    if node is None or y.is_null(node):
        return Glossary()
    entries = []
    seen: dict[str, Node] = {}
    for term, (key_node, value_node) in (y.mapping(node, r, "glossary.yaml") or {}).items():
        folded = term.strip().casefold()
        if not folded:
            r.error(key_node, "glossary.empty", "a glossary term is empty; write the term before the colon, or remove the line")
            continue
        if folded in seen:
            r.error(key_node, "glossary.duplicate", f"term `{term}` is already defined at line {r.at(seen[folded]).line}; keep one")
            continue
        seen[folded] = key_node
        definition = y.text(value_node, r, f"the definition of `{term}`")
        if definition:
            entries.append(GlossaryEntry(term.strip(), definition, r.at(key_node)))
    return Glossary(tuple(entries))


def article_folder_problems(folder: Path, display: str) -> list[Diagnostic]:
    """Problems with `articles/` itself: an unreadable folder hides every article, so it is an error."""
    try:
        if folder.exists() and not folder.is_dir():
            return [Diagnostic(Location(display), "file.type", "`articles` is not a folder; make it the folder of article files")]
        if folder.is_dir():
            with os.scandir(folder):
                pass
    except OSError as exc:
        return [Diagnostic(Location(display), "file.unreadable",
                           f"cannot list `articles/` ({exc.strerror}); make the folder readable")]
    return []


GLOSSARY_FILE = re.compile(r"^glossary\.([a-z]{2,3})\.yaml$")
"""`glossary.<lang>.yaml`: the terms and definitions of text in another language than the source's."""


def glossary_files(root: Path) -> dict[str, Path]:
    """Language code -> its glossary file, for every `glossary.<lang>.yaml` in the content folder."""
    try:
        names = sorted(entry.name for entry in os.scandir(root))
    except OSError:
        return {}
    return {match.group(1): root / name for name in names if (match := GLOSSARY_FILE.match(name))}


def load_glossaries(root: Path, settings: Settings, reporters: dict[str, y.Reporter]) -> dict[str, Glossary]:
    """Every `glossary.<lang>.yaml`, each read like glossary.yaml (problems go to its reporter in `reporters`)."""
    found = {}
    for code, path in glossary_files(root).items():
        r = reporters[path.name]
        reader = SiteReader(r)
        if language_key(reader, None, code) is None:
            continue
        if code == settings.source_language:
            r.error(None, "config.language", f"`{path.name}` is in the source language (`{code}`), whose terms are "
                                             "in glossary.yaml; move them there")
            continue
        found[code] = load_glossary(path, r, root)
    return found


def untranslated_profiles(settings: Settings, profiles: Profiles, r: y.Reporter) -> None:
    """A warning for each profile whose texts a site language lacks: its readers get the source language's."""
    for code in settings.languages[1:]:
        for profile in profiles.items:
            text = profile.translations.get(code)
            if text is not None and text.complete:
                continue
            missing = [name for name, value in (("label", text and text.label), ("description", text and text.description),
                                                ("disclaimer", text and text.disclaimer)) if value is None]
            r.diagnostics.append(Diagnostic(
                profile.location, "profiles.untranslated",
                f"profile `{profile.id}` has no `{code}` {', '.join(missing)} under `translations: {code}:`, so `{code}` "
                f"readers get all its texts in `{settings.source_language}`; translate them", Severity.WARNING))

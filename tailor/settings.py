"""The site-wide files of a content tree: tailor.yaml, profiles.yaml and glossary.yaml."""

from __future__ import annotations

import re
from pathlib import Path

from babel import Locale, UnknownLocaleError
from yaml.nodes import Node

from . import yamlsrc as y
from .model import Disclaimer, Glossary, GlossaryEntry, Profile, Profiles, Separation, Settings, Target
from .readability import DEFAULT_METRIC, METRICS

PROFILE_ID = re.compile(r"^[a-z][a-z0-9_-]*$")

SETTINGS_KEYS = ("site_name", "locales", "author", "rules")
RULES_KEYS = ("disable", "jargon_below")
PROFILE_KEYS = ("label", "description", "fallback", "disclaimer", "readability", "glossary")


def read_yaml(path: Path, r: y.Reporter) -> Node | None:
    """Read and compose one YAML file; problems go to the reporter."""
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        r.error(None, "file.encoding", "file is not UTF-8 text; save it as UTF-8")
        return None
    except OSError as exc:
        r.error(None, "file.unreadable", f"cannot read the file ({exc.strerror}); check it exists and is readable")
        return None
    return y.parse(source, r)


def load_settings(path: Path, r: y.Reporter) -> Settings:
    """Read tailor.yaml; a missing file means every default."""
    if not path.exists():
        return Settings()
    node = read_yaml(path, r)
    if node is None or y.is_null(node):
        return Settings()
    fields = y.mapping(node, r, "tailor.yaml", SETTINGS_KEYS) or {}
    defaults = Settings()
    site_name = y.text(fields["site_name"][1], r, "`site_name`") if "site_name" in fields else None
    locales: list[str] = []
    for value, item in y.string_list(fields["locales"][1], r, "`locales`") if "locales" in fields else []:
        try:
            locales.append(str(Locale.parse(value.replace("-", "_"))))
        except (ValueError, UnknownLocaleError):
            r.error(item, "config.locale", f"unknown locale `{value}`; use a code such as `en`, `en_GB` or `de`")
    author = y.boolean(fields["author"][1], r, "`author`") if "author" in fields else None
    disabled: list[str] = []
    jargon_below = None
    if "rules" in fields:
        rules = y.mapping(fields["rules"][1], r, "`rules`", RULES_KEYS) or {}
        if "disable" in rules:
            disabled = [v for v, _ in y.string_list(rules["disable"][1], r, "`rules.disable`")]
        if "jargon_below" in rules:
            jargon_below = y.number(rules["jargon_below"][1], r, "`rules.jargon_below`")
    return Settings(
        site_name=site_name or defaults.site_name,
        locales=tuple(locales) or defaults.locales,
        author=bool(author) if author is not None else defaults.author,
        disabled_rules=tuple(disabled),
        jargon_below=jargon_below if jargon_below is not None else defaults.jargon_below,
    )


def _targets(node: Node, r: y.Reporter, profile_id: str) -> tuple[Target, ...]:
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


def _profile(profile_id: str, key_node: Node, node: Node, r: y.Reporter,
             fallback_nodes: dict[str, list[tuple[str, Node]]]) -> Profile | None:
    fields = y.mapping(node, r, f"profile `{profile_id}`", PROFILE_KEYS)
    if fields is None:
        return None
    for required in ("label", "description", "disclaimer"):
        if required not in fields:
            r.error(key_node, "profiles.missing", f"profile `{profile_id}` needs `{required}:`")
    label = y.text(fields["label"][1], r, "`label`") if "label" in fields else None
    description = y.text(fields["description"][1], r, "`description`") if "description" in fields else None
    disclaimer = None
    if "disclaimer" in fields:
        parts = y.mapping(fields["disclaimer"][1], r, "`disclaimer`", ("title", "text")) or {}
        title = y.text(parts["title"][1], r, "disclaimer `title`") if "title" in parts else None
        body = y.text(parts["text"][1], r, "disclaimer `text`") if "text" in parts else None
        if title is None or body is None:
            r.error(fields["disclaimer"][1], "profiles.missing", "a disclaimer needs both `title:` and `text:`")
        else:
            disclaimer = Disclaimer(title, body)
    listed = y.string_list(fields["fallback"][1], r, "`fallback`") if "fallback" in fields else []
    fallback_nodes[profile_id] = listed
    fallback = tuple(v for v, _ in listed)
    targets = _targets(fields["readability"][1], r, profile_id) if "readability" in fields else ()
    glossary = y.boolean(fields["glossary"][1], r, "`glossary`") if "glossary" in fields else False
    if label is None or description is None or disclaimer is None:
        return None
    return Profile(profile_id, label, description, fallback, disclaimer, targets, bool(glossary), r.at(key_node))


def load_profiles(path: Path, r: y.Reporter) -> Profiles | None:
    """Read profiles.yaml; None when it is unusable (the reporter says why)."""
    if not path.exists():
        r.error(None, "profiles.missing", "no profiles.yaml; create it in the content folder (see README)")
        return None
    node = read_yaml(path, r)
    if node is None:
        return None
    top = y.mapping(node, r, "profiles.yaml", ("default", "source", "separation", "profiles"))
    if top is None:
        return None
    if "profiles" not in top:
        r.error(node, "profiles.missing", "profiles.yaml needs a `profiles:` mapping of profile id to settings")
        return None
    entries = y.mapping(top["profiles"][1], r, "`profiles`") or {}
    items: list[Profile] = []
    fallback_nodes: dict[str, list[tuple[str, Node]]] = {}
    for profile_id, (key_node, value_node) in entries.items():
        if not PROFILE_ID.match(profile_id):
            r.error(key_node, "profiles.id", f"profile id `{profile_id}` must be lower case letters, digits, - or _")
            continue
        profile = _profile(profile_id, key_node, value_node, r, fallback_nodes)
        if profile is not None:
            items.append(profile)
    ids = [p.id for p in items]
    for profile in items:
        for name, node in fallback_nodes.get(profile.id, []):
            if name == profile.id or name not in entries:
                r.error(node, "profiles.fallback",
                        f"profile `{profile.id}` falls back to `{name}`, which is not another profile; {y.suggest(name, ids)}")
    default = None
    if "default" in top:
        default = y.text(top["default"][1], r, "`default`")
        if default is not None and default not in entries:
            r.error(top["default"][1], "profiles.unknown", f"default profile `{default}` is not declared; {y.suggest(default, ids)}")
    elif ids:
        default = ids[0]
    if not entries:
        r.error(top["profiles"][1], "profiles.missing", "declare at least one profile under `profiles:`")
    roots = [p.id for p in items if not p.fallback]
    source = roots[0] if roots else (ids[0] if ids else None)
    if "source" in top:
        source = y.text(top["source"][1], r, "`source`")
        if source is not None and source not in entries:
            r.error(top["source"][1], "profiles.unknown", f"source profile `{source}` is not declared; {y.suggest(source, ids)}")
    separation = _separation(top["separation"][1], r, list(entries)) if "separation" in top else None
    if r.has_errors or default is None or source is None:
        return None
    return Profiles(tuple(items), default, source, separation)


def _separation(node: Node, r: y.Reporter, ids: list[str]) -> Separation | None:
    fields = y.mapping(node, r, "`separation`", ("metric", "margin", "order")) or {}
    metric = DEFAULT_METRIC
    if "metric" in fields:
        metric = y.text(fields["metric"][1], r, "separation `metric`") or DEFAULT_METRIC
        if metric not in METRICS:
            r.error(fields["metric"][1], "profiles.metric", f"unknown metric `{metric}`; {y.suggest(metric, METRICS)}")
    margin = y.number(fields["margin"][1], r, "separation `margin`") if "margin" in fields else 0.0
    order = []
    if "order" not in fields:
        r.error(node, "profiles.missing", "`separation` needs `order:`, the profiles from easiest to hardest")
    for value, item in y.string_list(fields["order"][1], r, "separation `order`") if "order" in fields else []:
        if value not in ids:
            r.error(item, "profiles.unknown", f"`{value}` is not a profile; {y.suggest(value, ids)}")
        order.append(value)
    return Separation(metric, margin or 0.0, tuple(order))


def load_glossary(path: Path, r: y.Reporter) -> Glossary:
    """Read glossary.yaml (term: definition); a missing file is an empty glossary."""
    if not path.exists():
        return Glossary()
    node = read_yaml(path, r)
    if node is None or y.is_null(node):
        return Glossary()
    entries = []
    seen: dict[str, Node] = {}
    for term, (key_node, value_node) in (y.mapping(node, r, "glossary.yaml") or {}).items():
        folded = term.casefold()
        if folded in seen:
            r.error(key_node, "glossary.duplicate", f"term `{term}` is already defined at line {r.at(seen[folded]).line}; keep one")
            continue
        seen[folded] = key_node
        definition = y.text(value_node, r, f"the definition of `{term}`")
        if definition:
            entries.append(GlossaryEntry(term, definition, r.at(key_node)))
    return Glossary(tuple(entries))

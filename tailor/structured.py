"""What a view tells search engines and link previews: schema.org JSON-LD (`MedicalWebPage`), Open
Graph and Twitter card tags, all made from the page context a reader gets (never more than the page says).

JSON-LD is data inside `<script type="application/ld+json">`: browsers never run it (the CSP's
`script-src 'none'` does not apply to data blocks), but the HTML parser still ends the element at the
first `</script`, so every `<`, `>` and `&` in it is written as a JSON escape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup

from .address import Address, root_of
from .model import Article, Content, Profile, Reference
from .render import ArticlePage, ReferenceView

MEDICAL_AUDIENCE_TYPES = frozenset({"Clinician", "MedicalResearcher"})
"""schema.org's MedicalAudienceType values: these readers are a MedicalAudience, any other a PeopleAudience."""
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})
"""JSON escapes for what could end a script element or a line in old parsers: the data reads the same."""


def script_json(data: object) -> Markup:
    """JSON for a `<script type="application/ld+json">` element: no `</script>` or `<!--` can appear in it."""
    return Markup(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).translate(_SCRIPT_SAFE))


@dataclass(frozen=True)
class PageMeta:
    """Tags for the head of an article view."""

    description: str
    json_ld: Markup
    open_graph: tuple[tuple[str, str], ...]
    """(property, content) pairs: `og:*` and `article:*`."""
    twitter: tuple[tuple[str, str], ...]
    """(name, content) pairs: `twitter:*`."""
    audiences: tuple[tuple[str, str], ...] = ()
    """(label, URL) of this article's view for each other audience, for `<link rel="alternate">`."""


JSON_LD_AUTHORS = 20
"""Authors listed per reference in the structured data (the page shows three, then "et al.")."""


def citation(ref: ReferenceView | Reference) -> dict[str, object]:
    """A reference as a schema.org CreativeWork with its identifiers."""
    work: dict[str, object] = {"@type": "ScholarlyArticle" if ref.doi or ref.pmid else "CreativeWork",
                               "name": ref.title, "datePublished": str(ref.year),
                               "isPartOf": {"@type": "Periodical" if ref.doi or ref.pmid else "CreativeWork",
                                            "name": ref.source}}
    if ref.authors:
        # The identifiers lead to the full list; a page must not grow with a consortium's thousand names.
        work["author"] = [{"@type": "Person", "name": name} for name in ref.authors[:JSON_LD_AUTHORS]]
    identifiers = [{"@type": "PropertyValue", "propertyID": kind, "value": value}
                   for kind, value in (("DOI", ref.doi), ("PMID", ref.pmid)) if value]
    if identifiers:
        work["identifier"] = identifiers
    links = [link for link in (ref.doi_url, ref.pubmed_url, ref.url) if link]
    if links:
        work["url"] = links[0]
        if len(links) > 1:
            work["sameAs"] = links[1:]
    if ref.volume:
        work["volumeNumber"] = ref.volume
    if ref.pages:
        work["pagination"] = ref.pages
    return work


def audience(profile: Profile) -> dict[str, str]:
    """Who a profile's readers are, for schema.org: clinicians a MedicalAudience, patients or students a PeopleAudience."""
    kind = profile.audience or profile.label
    return {"@type": "MedicalAudience" if kind in MEDICAL_AUDIENCE_TYPES else "PeopleAudience", "audienceType": kind,
            "name": profile.label}


def medical_web_page(page: ArticlePage, article: Article, site_name: str) -> dict[str, object]:
    """The schema.org MedicalWebPage of one view: what it is, for whom, about what, reviewed by whom, citing what."""
    title = page.title.striptags()
    profile = page.profile
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "headline": title,
        "description": page.description,
        "inLanguage": page.lang if page.untranslated else page.page_lang,
        "dateModified": page.updated_iso,
        "audience": audience(profile),
        "about": [{"@type": "Thing", "name": name} for name in article.about] or {"@type": "Thing", "name": title},
        "citation": [citation(ref) for ref in page.references],
        "isPartOf": {"@type": "WebSite", "name": site_name, **({"url": page.site_url} if page.site_url else {})},
    }
    if page.site_url:
        data["url"] = page.canonical
    review = page.review
    if review.covered and review.reviewed is not None:
        data["lastReviewed"] = review.reviewed.isoformat()
        person: dict[str, object] = {"@type": "Person", "name": review.reviewer.name if review.reviewer else
                                     review.reviewer_name or ""}
        if review.reviewer and review.reviewer.credentials:
            person["honorificSuffix"] = review.reviewer.credentials
        if review.reviewer and review.reviewer.role:
            person["jobTitle"] = review.reviewer.role
        data["reviewedBy"] = person
    return data


def page_meta(page: ArticlePage, article: Article, content: Content) -> PageMeta:
    """Every head tag a view gives search engines and link previews."""
    site_name = content.settings.site_name_in(page.page_lang)
    title = page.title.striptags()
    graph = [("og:type", "article"), ("og:title", title), ("og:description", page.description),
             ("og:site_name", site_name), ("og:locale", page.locale), ("article:modified_time", page.updated_iso)]
    if page.site_url:
        graph.append(("og:url", page.canonical))
    twitter = (("twitter:card", "summary"), ("twitter:title", title), ("twitter:description", page.description))
    return PageMeta(page.description, script_json(medical_web_page(page, article, site_name)), tuple(graph), twitter,
                    other_audiences(page, content))


def other_audiences(page: ArticlePage, content: Content) -> tuple[tuple[str, str], ...]:
    """(label, URL) of the same article for every other audience: absolute when the site URL is known."""
    address = Address(root_of(page.site_url), page.site_url)
    return tuple((choice.label, address.absolute(content.urls.article(page.slug, choice.id, page.page_lang))
                  if page.site_url else choice.url)
                 for choice in page.picker if not choice.selected and choice.url)

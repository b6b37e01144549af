"""Rendering one article for one profile: same claims and citations, that reader's words."""

from __future__ import annotations

from tailor.load import load_content
from tailor.model import Status
from tailor.render import render_article, render_index, status_steps

from .conftest import VARIANTS


def page_for(tree, profile: str, locale: str = "en"):
    content = load_content(tree)
    return render_article(content, content.articles["sample"], profile, locale)


def test_citation_numbers_follow_first_appearance_in_each_view(tree):
    clinician = page_for(tree, "clinician")
    assert clinician.answer.citations == (1,)
    assert [c.citations for c in clinician.sections[0].claims] == [(2,), (3, 1)]
    assert [(r.number, r.id) for r in clinician.references] == [(1, "ref-a"), (2, "ref-b"), (3, "ref-c")]


def test_patient_view_omits_null_claims_and_numbers_without_gaps(tree):
    patient = page_for(tree, "patient")
    assert [c.id for c in patient.sections[0].claims] == ["everyone"]
    assert patient.sections[0].claims[0].citations == (2, 1)
    assert [(r.number, r.id) for r in patient.references] == [(1, "ref-a"), (2, "ref-c")]


def test_missing_phrasing_falls_back_along_the_chain_and_is_marked(tree):
    student = page_for(tree, "student")
    only = student.sections[0].claims[0]
    assert str(only.html) == "A claim only clinicians and students read"
    assert only.fallback_from == "Clinician"
    assert str(student.sections[0].heading) == "First heading"
    assert student.fallback_count == 2
    assert page_for(tree, "clinician").fallback_count == 0


def test_each_profile_gets_its_own_words_and_disclaimer(tree):
    texts = {p: page_for(tree, p) for p in ("clinician", "student", "patient")}
    assert {p: str(v.question) for p, v in texts.items()} == {
        "clinician": "Clinician question?", "student": "Student question?", "patient": "Patient question?"}
    assert {p: v.disclaimer.title for p, v in texts.items()} == {
        "clinician": "For professionals", "student": "For students", "patient": "Not medical advice"}


def test_patient_view_explains_glossary_terms_once(tree):
    patient = page_for(tree, "patient")
    assert [e.term for e in patient.glossary] == ["serotonin", "synapse"]
    assert str(patient.answer.html).count('class="term"') == 2
    assert 'class="term"' not in str(patient.sections[0].claims[0].html)
    assert page_for(tree, "clinician").glossary == ()


def test_last_updated_follows_the_locale(tree):
    assert page_for(tree, "clinician", "en").updated_display == "February 27, 2026"
    assert page_for(tree, "clinician", "en_GB").updated_display == "27 February 2026"
    assert page_for(tree, "clinician", "de").updated_display == "27. Februar 2026"


def test_review_steps():
    assert [(s.key, s.state) for s in status_steps(Status.UNDER_REVIEW)] == [
        ("submitted", "done"), ("under_review", "current"), ("approved", "todo")]
    assert [s.state for s in status_steps(Status.DRAFT)] == ["todo", "todo", "todo"]
    assert [s.state for s in status_steps(Status.APPROVED)] == ["done", "done", "current"]


def test_quiz_is_shown_only_to_its_profiles():
    content = load_content(VARIANTS)
    article = content.articles["ssri-mechanism"]
    clinician = render_article(content, article, "clinician", "en")
    assert str(clinician.quiz.correct) == "Increase the amount of serotonin found in the synapses"
    assert len(clinician.quiz.incorrect) == 3
    assert render_article(content, article, "patient", "en").quiz is None


def test_every_shipped_view_cites_the_same_evidence_for_each_claim():
    content = load_content(VARIANTS)
    for article in content.articles.values():
        by_profile = {p: render_article(content, article, p, "en") for p in content.profiles.ids}
        for profile, page in by_profile.items():
            numbers = [n for ref in page.references for n in [ref.number]]
            assert numbers == list(range(1, len(numbers) + 1)), (article.slug, profile)
            cited = {ref.id for ref in page.references}
            assert cited <= set(article.references), (article.slug, profile)


def test_shipped_seed_article_matches_the_model_page_for_clinicians():
    content = load_content(VARIANTS)
    page = render_article(content, content.articles["ssri-mechanism"], "clinician", "en")
    assert str(page.question) == ("What is the overall pharmacologic goal of selective serotonin reuptake inhibitors "
                                  "(SSRIs) in the treatment of depression?")
    assert [str(s.heading) for s in page.sections] == [
        "Core Mechanism", "Why Therapeutic Effects Are Delayed", "Clinical Confirmation of Mechanism"]
    # The model page's citation numbers, claim by claim.
    assert [c.citations for c in page.sections[0].claims] == [(2, 3), (4, 5), (1, 2), (1,)]
    assert [c.citations for c in page.sections[1].claims] == [(6,), (6,), (6,), (6, 3)]
    assert [r.title for r in page.references][:5] == [
        "Pharmacologic Management of Depression",
        "Serotonin Modulators for Depression and Anxiety",
        "Mechanisms of action of selective serotonin reuptake inhibitors in the treatment of psychiatric disorders.",
        "Role of serotonin in therapy of depression and related disorders.",
        "Selective serotonin reuptake inhibitor exposure.",
    ]


def test_index_lists_articles_in_the_readers_profile():
    content = load_content(VARIANTS)
    index = render_index(content, "patient", "en")
    titles = {e.slug: str(e.title) for e in index.articles}
    assert titles["ssri-mechanism"] == "How SSRI medicines work"

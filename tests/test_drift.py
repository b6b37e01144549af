"""Fact drift: what a simpler phrasing says that its source does not, and the reviewed exceptions to it."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from tailor.certainty import check_certainty
from tailor.check import check_file
from tailor.cli import main
from tailor.diagnostics import Severity
from tailor.drift import check_direction, check_numbers, drift
from tailor.load import load_content, load_site
from tailor.negation import check_negation
from tailor.numbers import new_quantities
from tailor.review import review_hash
from tailor.terms import check_terms
from tailor.view import explained_terms
from tailor.web import create_app

from .conftest import DATA, VARIANTS, write


def kinds(source: str, simple: str) -> set[str]:
    return {d.kind for d in drift(source, simple)}


# --- numbers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("source, simple", [
    ("Follow-up lasted 12 months.", "Follow-up lasted a year."),
    ("Follow-up lasted 12 months.", "Follow-up lasted one year."),
    ("50% of patients improved.", "Half of the patients got better."),
    ("25% of patients relapsed.", "One in four people got ill again."),
    ("1,500,000 people were screened.", "1.5 million people were screened."),
    ("The trial had 6,545 participants.", "The trial had about 6,500 people."),
    ("eGFR below 30 mL/min/1.73 m²", "eGFR below 30"),
    ("a 4-hour separation", "a gap of four hours"),
    ("Take it for 2 weeks.", "Take it for 14 days."),
    # Number words written as people write them, scales and units glued on or hyphenated.
    ("51% of visitors came back.", "Fifty-one per cent of visitors came back."),
    ("We met about two dozen people.", "We met about 24 people."),
    ("A century ago the town flooded.", "One hundred years ago the town flooded."),
    ("Wolves move up to 30km in a hunt.", "Wolves can move up to 30 kilometres in a hunt."),
    ("A £14m centre will open.", "A new £14-million centre will open."),
    ("He retires in the 27th year of his tenure.", "He retires after 27 years."),  # an ordinal is a number
    ("Falls are common in the over-60s.", "Falls are common in people over 60 years old."),
    ("Eventually, people may not need the drug.", "One day, people may not need the drug."),  # "one day": some day
])
def test_equivalent_numbers_agree(source, simple):
    assert new_quantities(source, simple) == []


@pytest.mark.parametrize("source, simple, said", [
    ("The trial enrolled 735 participants.", "The trial had 135 people.", "135"),
    ("The trial enrolled 735 participants.", "In 2015, the trial had 735 people.", "2015"),
    ("Wait 4 hours.", "Wait 4 days.", "4 days"),
    ("Take 2.5 mg.", "Take 2.5 g.", "2.5 g"),
    ("Follow-up lasted 12 months.", "Follow-up lasted two years.", "two years"),
    ("The trial had 6,545 participants.", "The trial had exactly 5,000 people.", "5,000"),
    ("51% of visitors came back.", "Sixty-one per cent of visitors came back.", "Sixty-one per cent"),
    ("Wolves move up to 30km in a hunt.", "Wolves can move up to 30 miles in a hunt.", "30 miles"),
    ("eGFR below 30 mL/min/1.73 m²", "eGFR below 30 mL/min/2.73 m²", "2.73"),  # a number inside a unit
])
def test_changed_numbers_and_units_are_found(source, simple, said):
    assert [q.shown for q, _ in new_quantities(source, simple)] == [said]


def test_a_changed_unit_names_the_source_quantity():
    [(said, source)] = new_quantities("a 4-hour separation", "a 4-day gap")
    assert said.shown == "4-day" and source is not None and source.shown == "4-hour"
    assert check_numbers("a 4-hour separation", "a 4-day gap")[0].source == "4-hour"


def test_codes_and_everyday_ones_are_not_numbers():
    assert new_quantities("5-HT1A and B12", "5-HT1B, vitamin B12, T4, and pick one") == []


# --- negation, certainty, direction, terms -----------------------------------------------------

@pytest.mark.parametrize("source, simple", [
    ("Used alone, metformin does not cause hypoglycemia.", "Used alone, metformin causes hypoglycemia."),
    ("Metformin is safe in pregnancy.", "Metformin is not safe in pregnancy."),
    ("The drug didn't improve pain.", "The drug improved pain."),
    ("The drug dont improve pain.", "The drug improved pain."),  # typed without the apostrophe
])
def test_negation_dropped_or_added(source, simple):
    assert [d.kind for d in check_negation(source, simple)] == ["negation"]


@pytest.mark.parametrize("source, simple", [
    ("Used alone, metformin does not cause hypoglycemia.", "On its own, metformin never makes blood sugar too low."),
    ("This blockade prevents serotonin from being removed.", "Serotonin is not removed."),
    ("Not all of its effects are explained by hepatic action.", "Part of its effect comes from the gut."),
    ("The mechanisms are not fully understood.", "Doctors do not yet understand every detail."),
    ("Starting metformin is not recommended below 45.", "Doctors do not usually start metformin below 45."),
    ("Metformin is contraindicated when eGFR is below 30.", "Metformin must not be used when eGFR is below 30."),
    ("Metformin lowers glucose, but not all patients respond.", "Metformin lowers glucose."),  # the clause is left out
    # One word in common with a negated clause ("patients") is not the clause said without its negation.
    ("Statins did not reduce stroke risk in older patients.", "Patients did well."),
])
def test_faithful_negations_pass(source, simple):
    assert check_negation(source, simple) == []


def test_a_negation_dropped_where_the_same_words_are_negated_twice():
    # Counted per word: the source negates "difference" twice, the simpler phrasing once.
    [found] = check_negation("Both trials reported no difference in adverse events, and one trial reported no "
                             "difference in resistance.", "Both trials reported a difference in adverse events, and "
                             "one trial reported no difference in resistance.")
    assert found.said == "reported a difference in" and found.what.startswith("drops")


@pytest.mark.parametrize("source, simple", [
    # Words that say "not" without the word: forbid, few, reservations.
    ("Government restrictions forbid the export of raw teff grain.", "The government does not allow the export of raw teff grain."),
    ("But few here seem to expect things to get any better.", "But most people here do not expect things to get better."),
    ("Members of the council have expressed reservations about the plan.", "Members of the council are not happy about the plan."),
    # The source's negation in a word of its own, near the words the simpler phrasing negates.
    ("In poor countries, food waste is virtually non-existent.", "In poor countries there is almost no food waste."),
    ("Names unable to take the endings are turned down.", "Names that cannot take the endings are rejected."),
    ("The new plan bears little relation to the old clinic at all.", "The new plan does not look like the old clinic at all."),
    # "Never mind" negates nothing; "not A but B" said as B keeps what the source states.
    ("Never mind how cute a panda is: worms are more useful.", "Pandas are cute but worms are more useful."),
    ("It is not a cure but a treatment that anyone can use.", "It is a treatment that anyone can use."),
])
def test_lexical_negations_pass(source, simple):
    assert check_negation(source, simple) == []


def test_certainty_raised_and_lowered():
    raised = check_certainty("Long-term use may be associated with vitamin B12 deficiency.",
                             "Long-term use can lower your vitamin B12.")
    assert [(d.said, d.source) for d in raised] == [("lower your vitamin B12", "may be associated with")]
    assert check_certainty("Exercise may reduce pain.", "Exercise reduces pain.") != []
    assert check_certainty("Low-certainty evidence suggests exercise reduces pain.", "Exercise reduces pain.") != []
    graded = check_certainty("Low-certainty evidence shows exercise reduces pain.",
                             "High-certainty evidence shows exercise reduces pain.")
    assert [(d.said, d.source) for d in graded] == [("High-certainty", "Low-certainty")]
    lowered = check_certainty("Metformin reduces hepatic glucose production.", "Metformin might reduce liver glucose.")
    assert lowered and lowered[0].what.startswith("hedges")


@pytest.mark.parametrize("source, simple, said", [
    # A hedge said of what comes before it: "the effects ... were uncertain" said as "certain".
    ("The effects on health equity were very uncertain.", "The effects on health were very certain.", "very certain"),
    ("It is unclear whether early radiotherapy improves survival.",
     "It is clear whether early radiotherapy improves survival.", "It is clear whether"),
    # A frequency the source hedges said as always.
    ("Taste changes were reported more often with macrolides.", "Taste changes always happened with macrolides.",
     "Taste changes always happened"),
    # One grade of several raised: high for one outcome, low for another said as high for both.
    ("High-quality evidence for DVT and low-quality evidence that swelling is reduced.",
     "High-quality evidence for DVT and high-quality evidence that swelling is reduced.", "high-quality"),
    # A hedge kept in one statement does not cover the next one, stated as settled.
    ("HRT may improve survival and may make little or no difference to progression.",
     "HRT may improve survival and will make little or no difference to progression.", "will make"),
    # "suggested" said as "showed"; a "will" next to one word of the hedged statement is enough.
    ("Two observational studies suggested no difference in suppression.",
     "Both studies showed no difference in suppression.", "showed"),
    ("Metformin is effective and safe, is inexpensive, and may reduce the risk of cardiovascular events.",
     "Metformin works well and is safe. It will also lower the risk of heart problems.", "will also"),
    # A hedge added where the source states it, though the source hedges something else.
    ("Metformin lowers glucose; it may cause B12 deficiency.", "Metformin might lower glucose.", "might lower glucose"),
])
def test_certainty_drift_clause_by_clause(source, simple, said):
    found = check_certainty(source, simple)
    assert any(said.lower() in d.said.lower() for d in found), found


@pytest.mark.parametrize("source, simple", [
    ("Metformin may reduce the risk of heart events.", "Metformin may lower the risk of heart problems."),
    ("Estrogen may alter the levothyroxine requirement.", "Estrogen can change how much levothyroxine you need."),
    ("Use may be associated with B12 deficiency.", "Use may be linked to low B12."),
    ("In 29 May 2012 the council approved the plan.", "The council said yes to the plan."),  # the month
    # "Could not" is what someone was unable to do; "could" added is as often ability.
    ("But the family could not get the right food.", "But the family cannot get the right food."),
    ("Claimants would be able to rely on British documents.", "Claimants could use British documents."),
    # A hedge that governs the "will" after it; a hedge in other words; a negated booster is a hedge.
    ("By 2050 the share is expected to be four-fifths.", "By 2050 the share will probably be four-fifths."),
    ("Nor is it clear yet if oxytocin has side effects.", "It is also not known yet if oxytocin has side effects."),
    ("The benefit is uncertain.", "It is not clear that there is a benefit."),
    # A hedge said after the statement, in other words; a hedge of the source in lay words; "than expected".
    ("A 4-hour separation is traditional but untested.",
     "A 4-hour gap is the usual advice, though it has not been formally tested."),
    ("Increasing evidence points to a key role for the gut.", "Part of its effect seems to come from your gut."),
    ("Consider periodic measurement of vitamin B12 levels.", "Your doctor may check your B12 level from time to time."),
    # A hedge reaches on through commas to the end of its sentence; "not necessarily" is a hedge.
    ("The resort of Rancho Mirage, near Palm Springs, may have to be abandoned in the next decade.",
     "People may have to leave the resort of Rancho Mirage, near Palm Springs, in the next decade."),
    ("The long-term future of the house is not necessarily secure.", "The long-term future of the house might not be secure."),
    # A hedged statement left out: one word in common ("fish") is not the same statement.
    ("The researchers found marine bacteria at South Ferry, but the species included some normally associated "
     "with Antarctica and fish.", "The researchers found sea and fish bacteria at South Ferry."),
    ("When dose requirements are higher than expected, look for malabsorption.",
     "If you need more than expected, your doctor looks for problems with absorption."),
    # "Appear in" is where something is, not a hedge.
    ("Each word lights up many brain areas.", "Each word appears in many brain areas."),
    ("Bacteria that cause tetanus appeared in two hospitals.", "The scientists found bacteria that cause tetanus in two hospitals."),
    # A hedge the source negates hedges nothing; a belief or a prediction may be said with "probably".
    ("I am not suggesting that one good year means the drug works.", "I am not saying that one good year shows the drug works."),
    ("The platform is believed to be the largest in history.", "The platform is probably the largest in history."),
    ("He predicted that he would not fly again.", "He said he would probably not fly again."),
])
def test_faithful_certainty_passes(source, simple):
    assert check_certainty(source, simple) == []


def test_direction_reversed_names_both_words():
    [found] = check_direction("SSRIs increase serotonin in the synapse.", "SSRIs lower serotonin in the gap.")
    assert found.said.startswith("lower serotonin") and found.source.startswith("increase serotonin")
    assert check_direction("Exercise improved pain scores.", "Exercise made pain scores worse.") != []


@pytest.mark.parametrize("source, simple", [
    ("Metformin reduces hepatic glucose production.", "Metformin makes your liver put less sugar in your blood."),
    ("Take it 3 or more hours after dinner.", "Take it at least 3 hours after dinner."),  # bounds, not directions
    ("Treatment increased survival and reduced pain.", "Treatment helped people live longer and hurt less."),
    ("Well-being fell in middle age and climbed again in old age.",
     "Well-being decreased in middle age and increased again in old age."),
    # The source moves the same words both ways: the simpler phrasing keeps one of them.
    ("Declining numbers of animals and rising numbers of humans mean more extinctions.",
     "Falling numbers of animals and rising numbers of humans mean more extinctions."),
    # "Bigger losses" go down: the comparative says how much, the noun which way.
    ("Some populations suffered even bigger losses, with river species declining by 76%.",
     "Some populations have reduced even more, with river species declining by 76%."),
])
def test_faithful_directions_pass(source, simple):
    assert check_direction(source, simple) == []


def test_terms_the_source_does_not_name():
    found = check_terms("Metformin lowers blood glucose.", "Metformin lowers blood sugar, like warfarin and COPD drugs.")
    assert [d.said for d in found] == ["warfarin", "COPD"]
    # Forms, spellings, acronyms and what the page explains are not new terms.
    assert check_terms("selective serotonin reuptake inhibitors and anaemia", "SSRIs and anemic patients") == []
    assert check_terms("AMPK-dependent pathways", "pathways that depend on AMPK") == []
    assert check_terms("It treats it.", "It treats hypothyroidism.", known={"hypothyroidism"}) == []
    assert check_terms("The kidney filters blood.", "Your kidneys filter blood.") == []
    # A number written in words and an everyday acronym name no drug, condition or test.
    assert check_terms("91% post a photo.", "Ninety-one per cent post a photo.") == []
    assert check_terms("Stanford researchers used the data.", "Researchers in the USA used the data.") == []


# --- precision and recall on real simplifications (bench/fact_drift.py measures them) --------------

@pytest.mark.parametrize("source, simple", [
    # A space lost after a number still ends it.
    ("Patients heard more than 3,000different words.", "Patients heard more than 3,000 different words."),
])
def test_numbers_that_follow_from_the_source_agree(source, simple):
    assert check_numbers(source, simple) == []


def test_a_stronger_bound_or_another_unit_is_still_new():
    assert [d.said for d in check_numbers("more than 10 patients", "more than 12 patients")] == ["12"]
    assert [d.said for d in check_numbers("more than a dozen nurses", "more than ten nurses")] == ["ten"]
    assert [d.said for d in check_numbers("Wolves move up to 30km.", "Wolves move up to 30 miles.")] == ["30 miles"]


@pytest.mark.parametrize("source, simple", [
    # A negation whose verb is left out, in the simpler phrasing or in its source.
    ("Allergies can be dangerous; an intolerance (which is not) is common.", "An intolerance is common and is not dangerous."),
    # A negation in a relative clause is about that clause; one before a comma reaches past it.
    ("The plan attracts young nurses who would not have stayed before.", "The plan will attract young nurses."),
    ("But you cannot, as a child in Iceland, be called Harriet.", "If you are a child in Iceland, you cannot be called Harriet."),
    # Partial, comparative and certainty negations; bounds; light verbs; fixed phrases.
    ("Results have been mixed.", "But not all results are positive."),
    ("Places are strictly limited.", "Not everyone can come because places are limited."),
    ("It is thought the peak is 8,848 metres high.", "It is not certain that the peak is 8,848 metres high."),
    ("Stays are for a period not to exceed 72 hours.", "Stays are for less than 72 hours."),
    ("The student tends not to get any individual attention.", "Students get support from other students."),
    ("We believe in rehabilitation, without being naive, of course.", "Of course, some people will not change."),
])
def test_negations_said_another_way_pass(source, simple):
    assert check_negation(source, simple) == []


@pytest.mark.parametrize("source, simple", [
    ("Not all of its effects are explained by hepatic action.", "The liver does explain all of its effect."),
    ("The mechanisms are not fully understood.", "Doctors do yet understand every detail."),  # an irregular form
    # A source that negates nothing, matched by the words around the negation when its clause is short.
    ("We identified six eligible randomised controlled trials (total of 202 participants).",
     "Six randomised controlled trials, involving 202 participants, were not identified."),
])
def test_negations_dropped_or_added_in_other_words_are_found(source, simple):
    assert [d.kind for d in check_negation(source, simple)] == ["negation"]


@pytest.mark.parametrize("source, simple", [
    ("Smokers are less likely to have strong friendships.", "Smokers have fewer strong friendships."),
    ("I couldn't seem to meet anyone willing to wait.", "I couldn't meet anyone who would wait."),
    ("Leaving the lines in could attract sharks.", "Leaving the lines in has the potential to attract sharks."),
    ("The board accused the company of harming patients.", "The board says the company may harm patients."),
    ("Ageing does not inevitably lead to higher spending.", "Ageing does not always mean more spending."),
    ("Staff work with no guarantee of hours.", "Staff work without a guarantee of hours."),
    ("The cull would not work and could bring more sharks.", "The cull would not work and might bring more sharks."),
])
def test_certainty_said_another_way_passes(source, simple):
    assert check_certainty(source, simple) == []


def test_a_direction_reversed_further_off_is_found_unless_the_source_is_kept():
    [found] = check_direction("People treated with anti-VEGF had better visual acuity at 12 months than controls.",
                              "People treated with anti-VEGF had slightly worse vision than controls.")
    assert found.said.startswith("worse") and found.source.startswith("better")
    # The simpler phrasing also says the source's way: a second statement, not a reversal.
    assert check_direction("Dose requirements are higher than expected.",
                           "Patients need a higher dose than expected, so look for problems that reduce absorption.") == []


@pytest.mark.parametrize("simple", [
    "The match was cancelled and the crowd admired the windy coast.",  # forms of everyday words
    "A nurse whoworks nights agreed.",  # two everyday words run together
    "The ﬁ rst dose.",  # a fragment left by a ligature
])
def test_everyday_words_in_other_forms_are_not_terms(simple):
    assert check_terms("The match went ahead.", simple) == []


# --- drifts that harm a patient, found by a review of the precision work above ---------------------

@pytest.mark.parametrize("source, simple, kind", [
    # A bound turned round: "no more than" is a maximum, "more than" a minimum.
    ("Take no more than 8 tablets in 24 hours.", "Take more than 8 tablets in 24 hours.", "numbers"),
    ("The daily dose should not exceed 4 g.", "The daily dose should exceed 4 g.", "numbers"),
    # A weaker bound is still another number to a reader: "up to 8" invites 8.
    ("Take 2 tablets a day.", "Take up to 8 tablets a day.", "numbers"),
    ("Take up to 3 tablets a day.", "Take up to 6 tablets a day.", "numbers"),
    ("Offer the shingles vaccine to people over 65.", "Offer the shingles vaccine to people over 18.", "numbers"),
    ("Stop warfarin 5 days before surgery.", "Stop warfarin before surgery; one day before is enough.", "numbers"),
    # Negations dropped where another negation, a bound or "unlike" stands elsewhere.
    ("No other drug reduced mortality in these trials.", "Other drugs reduced mortality in these trials.", "negation"),
    ("Metformin does not cause hypoglycemia.", "Metformin causes hypoglycemia. Insulin does not.", "negation"),
    ("Do not crush or chew the tablets.", "Crush or chew the tablets if you like. Does it matter? No.", "negation"),
    ("Warfarin is not safe in pregnancy, unlike heparin.", "Warfarin is safe in pregnancy, unlike heparin.", "negation"),
    # A negated verb that says "not" (do not stop = keep on) turned round, either way.
    ("Do not stop taking warfarin suddenly.", "Stop taking warfarin suddenly.", "negation"),
    ("Stop taking warfarin 5 days before surgery.", "Do not stop taking warfarin 5 days before surgery.", "negation"),
    # Two directions swapped in one sentence; a comparative of a direction turned round.
    ("Warfarin lowers the risk of stroke, but raises the risk of bleeding.",
     "Warfarin raises the risk of stroke, but lowers the risk of bleeding.", "direction"),
    ("Ticagrelor gave a greater reduction in stroke than aspirin.",
     "Ticagrelor gave a smaller reduction in stroke than aspirin.", "direction"),
    # A hedge dropped after a negation elsewhere in the sentence, or beside a belief about something else.
    ("In people without diabetes, metformin could reduce cancer risk.", "In people without diabetes, metformin reduces cancer risk.",
     "certainty"),
    ("Metformin may reduce the risk of cancer.",
     "Many people who believed it was dangerous now know metformin reduces the risk of cancer.", "certainty"),
    ("Metformin may lower cancer risk.", "Metformin appears in observational studies to lower cancer risk, and it does.", "certainty"),
])
def test_drifts_that_harm_a_patient_are_found(source, simple, kind):
    assert kind in kinds(source, simple), drift(source, simple)


@pytest.mark.parametrize("source, simple", [
    ("Take it for 3 months.", "Take it for 3months."),  # a space lost: still 3 months, not 3 million
    ("Take no more than 4 g of paracetamol in 24 hours.", "Do not take more than 4 g of paracetamol in 24 hours."),
    ("Use no more than 3 times a week.", "Never use more than 3 times a week."),
    ("Do not stop taking warfarin.", "Keep taking warfarin; do not stop."),
    ("Up to 30% of patients have side effects.", "Fewer than a third of patients have side effects."),
])
def test_faithful_bounds_and_units_pass(source, simple):
    assert kinds(source, simple) == set(), drift(source, simple)


@pytest.mark.parametrize("source, simple", [
    # A maximum said with any negation, or with the bound after the number; a minimum said another way.
    ("Take no more than 8 tablets in 24 hours.", "Don't take more than 8 tablets in 24 hours."),
    ("Take no more than 8 tablets.", "You shouldn't take any more than 8 tablets."),
    ("Take no more than 8 tablets.", "Do not go above 8 tablets."),
    ("Do not take more than 8 tablets.", "Take up to 8 tablets."),
    ("Use for no longer than 7 days.", "Use for up to 7 days."),
    ("Wait at least 3 hours.", "Wait no less than 3 hours."),
    ("Wait at least 3 hours.", "Wait 3 or more hours."),
    ("Offer it to people over 65.", "Offer it to people aged 65 and older."),
    ("Take 500 mg twice a day.", "Take 500 mg two times a day."),
    ("Take 1 tablet a day for 4 weeks.", "Take 1 tablet a day for a month."),  # a length, not a rate's period
    ("Take it once a day.", "Take it every 24 hours."),
    ("Take between 2 and 4 mg.", "Take from 2 to 4 mg."),
])
def test_bounds_said_another_way_pass(source, simple):
    assert kinds(source, simple) == set(), drift(source, simple)


@pytest.mark.parametrize("source, simple", [
    ("Take no more than 4 g a day.", "Take 4 g a day or more."),
    ("Wait at least 3 hours.", "Wait 3 hours or less."),
    ("Offer it to people over 65.", "Offer it to people younger than 65."),
    ("Take no more than 4 g.", "Take no less than 4 g."),
    ("Take no more than 4 g.", "Take a minimum of 4 g."),
    ("Take it once a day.", "Take it twice a day."),
    ("Take 4 g a day.", "Take 4 g an hour."),  # the period of a rate
    ("Take between 2 and 4 mg.", "Take at least 4 mg."),  # the top of a range said as a minimum
    ("Start within 6 weeks.", "Start after more than 6 weeks."),
])
def test_bounds_turned_round_are_new_numbers(source, simple):
    assert "numbers" in kinds(source, simple), drift(source, simple)


def test_mixed_case_terms_are_still_terms():
    assert [d.said for d in check_terms("Give alteplase within 4.5 hours.", "Give tPA within 4.5 hours.")] == ["tPA"]


def test_empty_huge_and_hostile_phrasings():
    assert drift("", "") == []
    assert drift("Metformin lowers glucose.", "") == []
    # Every window a rule looks through is bounded: "one day" said thousands of times stays linear.
    huge = "Metformin may not lower glucose by 5 mg. One day, the over-60s may need more than a dozen. " * 4000
    assert kinds(huge, huge) == set()
    # A link Tailor will not render is text the reader sees, and is read as such.
    assert kinds("<script>x</script> Exercise **may** reduce pain", "Exercise [reduces pain](javascript:alert(1))") == {
        "certainty", "numbers"}


# --- in `tailor check` -------------------------------------------------------------------------

ARTICLE = """\
question: What does metformin do?
title: Metformin
status: submitted
updated: 2026-01-01
{lang}references:
  ada-2023: {{type: guideline, title: Standards of Care, source: Diabetes Care, year: 2023}}
answer:
  cites: [ada-2023]
  clinician: Long-term use may be associated with vitamin B12 deficiency.
  student: Long-term use may be associated with vitamin B12 deficiency.
  patient: Long-term use lowers your vitamin B12, as warfarin does.
{allow}"""


def check_article(tree: Path, allow: str = "", lang: str = "") -> list:
    path = write(tree / "articles" / "metformin.yaml", ARTICLE.format(allow=allow, lang=lang))
    return [d for d in check_file(load_site(tree), path) if d.code.startswith(("consistency.", "claims."))]


def test_check_says_what_drifted_and_where(tree):
    found = check_article(tree)
    assert {d.code for d in found} == {"consistency.certainty", "consistency.terms"}
    certainty = next(d for d in found if d.code == "consistency.certainty")
    assert (certainty.location.line, certainty.location.col) == (11, 12)  # the patient phrasing
    assert "it says `lowers your vitamin B12` where the source says `may be associated with`" in certainty.message
    assert all(d.severity is Severity.WARNING for d in found)


def test_other_languages_are_not_read_by_english_word_lists(tree):
    # Word frequency finds terms only in English: elsewhere only new acronyms count as terms.
    assert check_article(tree, lang="lang: de\n") == []
    assert check_article(tree, lang="lang: sw\n") == []


def test_in_spanish_an_inflected_verb_is_not_a_term_but_a_new_acronym_is():
    from tailor.terms import check_terms

    source = "Los ISRS aumentan la serotonina en la sinapsis."
    assert check_terms(source, "Cuando los ISRS actúen, mejorarla lleva semanas.", lang="es") == []
    found = check_terms(source, "Los IMAO y los ISRS aumentan la serotonina.", lang="es")
    assert [d.said for d in found] == ["IMAO"]


def test_an_allowed_finding_is_a_note_that_says_why(tree, runner):
    found = check_article(tree, allow="  allow:\n    patient: {consistency.terms: \"warfarin is the example the guideline uses\"}\n")
    terms = next(d for d in found if d.code == "consistency.terms")
    assert terms.severity is Severity.NOTE and "(allowed: warfarin is the example the guideline uses)" in terms.message
    certainty = next(d for d in found if d.code == "consistency.certainty")
    assert certainty.severity is Severity.WARNING  # an exception is for one rule only


@pytest.mark.parametrize("allow, code, severity, words", [
    ("  allow:\n    patient: {consistency.term: \"a reason of words\"}\n", "claims.allow", Severity.ERROR, "did you mean"),
    ("  allow:\n    patient: {consistency.terms: \"ok\"}\n", "claims.allow", Severity.ERROR, "needs a reason"),
    ("  allow:\n    patient: {consistency.numbers: \"no number here at all\"}\n", "claims.allow", Severity.WARNING,
     "no longer raises"),
    ("  allow:\n    patint: {consistency.terms: \"a reason of words\"}\n", "profiles.unknown", Severity.ERROR, "did you mean"),
    ("  allow:\n    patient: {readability.target: \"the view is fine\"}\n", "claims.allow", Severity.ERROR, "cannot be allowed"),
])
def test_bad_exceptions_are_located_diagnostics(tree, allow, code, severity, words):
    path = write(tree / "articles" / "metformin.yaml", ARTICLE.format(allow=allow, lang=""))
    found = [d for d in check_file(load_site(tree), path) if d.code == code]
    assert found and found[0].severity is severity and words in found[0].message
    assert found[0].location.line >= 12


def test_a_stale_exception_is_not_reported_when_its_rule_is_off(tree):
    write(tree / "tailor.yaml", "rules:\n  disable: [consistency.numbers]\n")
    found = check_article(tree, allow="  allow:\n    patient: {consistency.numbers: \"no number here at all\"}\n")
    assert not any(d.code == "claims.allow" for d in found)


def test_the_review_hash_covers_exceptions(tree):
    def hash_with(reason: str) -> str:
        write(tree / "articles" / "metformin.yaml",
              ARTICLE.format(allow=f"  allow:\n    patient: {{consistency.terms: \"{reason}\"}}\n", lang=""))
        content = load_content(tree)
        return review_hash(content.articles["metformin"], content)

    assert hash_with("the guideline names warfarin here") != hash_with("the guideline names warfarin there")


def test_the_workbench_shows_exceptions_and_allowed_findings(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root)
    app = create_app({"TESTING": True, "TAILOR_AUTHOR": True, "TAILOR_RELOAD_SETTLE": 0}, content=root)
    page = app.test_client().get("/author/articles/metformin-type-2-diabetes/").get_data(as_text=True)
    assert "Reviewed exception <code>consistency.direction</code>: dose titration is raising the dose step by step" in page
    assert "consistency.direction: the `student` phrasing of claim `gi-effects` reverses the direction" in page


def test_the_shipped_articles_carry_only_reasoned_exceptions():
    content = load_content(VARIANTS)
    allowed = [(a.code, a.reason) for article in content.articles.values() for claim in article.claims()
               for a in claim.allow]
    # Numbers are never excused in shipped content; a warning's exception gives a reason a reviewer can check.
    assert allowed and all(code in ("consistency.terms", "consistency.direction") and len(reason.split()) >= 5
                           for code, reason in allowed)


# --- the jargon check's precision --------------------------------------------------------------

@pytest.mark.parametrize("text, explained", [
    ("People taking a statin are not at higher risk.", set()),
    ("Statins are medicines that lower cholesterol.", {"statins"}),
    ("SSRIs are a type of antidepressant.", {"ssris"}),
    ("Statins are commonly used.", set()),
    ("A statin is a medicine for cholesterol.", {"statin"}),
])
def test_are_explains_a_term_only_before_a_definition(text, explained):
    assert explained_terms([text]) & {"statin", "statins", "ssris"} == explained


def test_jargon_warning_is_no_longer_lost_after_are(tree, runner):
    write(tree / "articles" / "statins.yaml", """\
question: Do statins raise risk?
title: Statins
status: submitted
updated: 2026-01-01
references:
  r: {type: review, title: T, source: S, year: 2020}
answer:
  cites: [r]
  clinician: People taking statins are not at higher risk.
  student: People taking statins are not at higher risk.
  patient: People taking a statin are not at higher risk.
""")
    result = runner.invoke(main, ["check", "--content", str(tree), "--no-cache", str(tree / "articles" / "statins.yaml")])
    assert "glossary.jargon: `statin` in the `patient` phrasing of claim `answer`" in result.output


def test_rules_module_and_model_stay_frozen():
    from tailor.model import Allowance

    assert dataclasses.is_dataclass(Allowance) and Allowance.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert (DATA / "bad" / "articles" / "drift.yaml").read_text().count("allow:") == 2


def test_drift_reads_another_language_as_tailor_check_does():
    # The negation, certainty and direction word lists are English: a Spanish "no" is not read by them,
    # while numbers and new acronyms are still found.
    source, simple = "Los ISRS no causan hipoglucemia en 2 semanas.", "Los ISRS causan hipoglucemia en 3 semanas."
    assert {d.kind for d in drift(source, simple, lang="es")} == {"numbers"}
    assert {d.kind for d in drift(source, "Los IMAO causan hipoglucemia en 2 semanas.", lang="es")} == {"terms"}
    assert "negation" in {d.kind for d in drift("SSRIs do not cause it.", "SSRIs cause it.", lang="en")}

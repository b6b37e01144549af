"""Rewordings a plain-language writer makes that say the same thing in other words: a unit written on its
number said in full, a "not" said by a word of its own ("unlikely", "undetectable", "reluctant"), a verb that
only looks like a hedge ("a rash appeared"). Each passes; the same wording that changes the fact is found."""

from __future__ import annotations

import pytest

from tailor.drift import drift
from tailor.view import explained_terms


def _kinds(source: str, simple: str) -> set[str]:
    """The kinds of drift `tailor check` finds, with what the phrasing explains counted as known."""
    return {d.kind for d in drift(source, simple, known=explained_terms([simple]))}


@pytest.mark.parametrize("source, simple", [
    # a unit written on the number, said in full
    ("Take 400mcg of folic acid daily.", "Take 400 micrograms of folic acid every day."),
    ("The usual dose is 1g every 6 hours.", "The usual dose is 1 gram every 6 hours."),
    ("Give 10IU of insulin before the meal.", "Give 10 units of insulin before the meal."),
    ("Wait 2hrs after eating before you swim.", "Wait 2 hours after eating before you swim."),
    ("Do not drive faster than 20mph near the clinic.", "Do not drive faster than 20 miles per hour near the clinic."),
    ("Fever was defined as 38C or higher.", "Fever was a temperature of 38 degrees or higher."),
    ("The clinic opens at 8.30am.", "The clinic opens at 8.30 in the morning."),
    ("Two-thirds of patients improved.", "67% of patients improved."),
    ("Screening is offered to over 65s.", "Screening is offered to people over 65."),
    ("Patients walked 100m on the first day.", "Patients walked 100 metres on the first day."),
    ("It was the 21st annual meeting of the society.", "It was the twenty-first annual meeting of the society."),
    # a number worked out from the source's own
    ("The trial ran from 2010 to 2014.", "The trial lasted four years."),
    ("Admissions rose from 1.2 million to 1.5 million.", "Admissions rose by 300,000."),
    ("Two trials (77 participants) compared inhaled with intravenous antibiotics, and two trials (90 participants) "
     "compared a combination with intravenous antibiotics alone.", "We found four trials with 167 participants in total."),
    ("We included one drug study and three exercise studies.", "We included four studies."),
    ("Dizziness was more common with pregabalin, with a number needed to harm of 3.7.",
     "About 1 in 4 people taking pregabalin had dizziness."),
    ("GnRH agonists increased the odds of pregnancy fourfold.", "GnRH agonists increased the odds of pregnancy four-fold."),
    ("Deaths did not differ between community care and standard care.", "Deaths did not differ between the two groups."),
    # "not" said by a word of its own in the source
    ("Surgery is unlikely to improve the symptoms.", "Surgery will probably not improve the symptoms."),
    ("A full recovery is unlikely after a severe stroke.", "After a severe stroke, people will probably not recover fully."),
    ("A second course is unnecessary for most children.", "Most children do not need a second course."),
    ("Early lesions are often undetectable on an X-ray.", "Early lesions often cannot be seen on an X-ray."),
    ("Many patients are reluctant to report side effects.", "Many patients do not like to report side effects."),
    ("Patients should be wary of combining alcohol with sedatives.",
     "Patients should be careful not to combine alcohol with sedatives."),
    ("The clinic opened for no other reason than to cut waiting times.", "The clinic opened to cut waiting times."),
    ("Recovery is not solely a matter of medication; exercise also helps.",
     "Recovery is not just about medication; exercise also helps."),
    # the words of how a study was done, an acronym spelled out, the other spelling of a term
    ("Further RCTs are required to assess helminth therapy in IBD.",
     "Further randomised controlled trials are required to assess helminth therapy in IBD."),
    ("Larger trials are needed to assess the effectiveness of trazodone.",
     "Larger studies are needed to explore the efficacy of trazodone."),
    ("Six eligible trials (202 participants) were included.", "Six randomised trials involving 202 participants were analysed."),
    ("Loperamide shortened the diarrhoea by a day.", "Loperamide shortened the diarrhea by a day."),
    ("Anaemia is common in pregnancy.", "Anemia is common in pregnancy."),
    # a comparison group, and a "not" said by its opposite word
    ("Wearing compression stockings reduced DVT in airline passengers.",
     "Airline passengers wearing compression stockings had less DVT than those not wearing them."),
    ("Acupuncture reduced pain scores in two trials.", "Compared with no treatment, acupuncture reduced pain scores in two trials."),
    ("Antiplatelet agents versus placebo or no treatment: antiplatelet agents reduced the risk of pre-eclampsia.",
     "Antiplatelet agents lowered the risk of pre-eclampsia."),
    ("Most studies reported some adverse events or at least stated that no adverse events were observed.",
     "Most studies reported some adverse events, or at least stated that no adverse events were observed."),
    # hedges said in other words, and verbs that only look like hedges
    ("The drug is not guaranteed to prevent a relapse.", "The drug may not prevent a relapse."),
    ("A rash developed and then faded.", "A rash appeared and then faded."),
    ("The links between smoking, lung cancer and heart disease are substantial.",
     "The links between smoking, lung cancer and heart disease are strong."),
    ("Consultants are tied up in clinic all morning.", "Consultants are busy in clinic all morning."),
    ("Some of the results were expected and should remind staff to wash their hands.",
     "The results showed that staff should wash their hands."),
    ("The nurse offered an unlikely solution: a radio in every ward.", "The nurse offered a surprising solution: a radio in every ward."),
    ("Using the scans, the doctors could see which arteries were blocked.",
     "The scans helped the doctors to see which arteries were blocked."),
    ("Many loneliness calls mention isolation, and the helpline supports problems often linked to loneliness.",
     "Many calls mention loneliness, and the helpline supports problems often linked to loneliness."),
    ("The Bronx had the greatest diversity of bacteria; Staten Island had the lowest.",
     "The Bronx had the greatest diversity of bacteria; Staten Island had the lowest diversity of bacteria."),
    ("Many patients fear the unknown, so explain each step.",
     "Many people are scared of what they do not know, so explain each step."),
    # a GRADE rating said as Cochrane's plain summaries say it
    ("We judged the evidence on sleep quality to be of moderate quality.",
     "The quality of the evidence on sleep quality was moderate."),
    ("Relapse over six months was higher with three days of primaquine than with the standard 14-day regimen "
     "(RR 3.18, 95% CI 2.1 to 4.81; two trials, 262 participants; moderate-quality evidence).",
     "Relapse is probably more common with three days of primaquine than with the standard 14-day course."),
    ("Blood loss of 500 mL or more may be reduced (one trial, 151 women; low-quality evidence).",
     "Blood loss of 500 mL or more was reduced in one trial of 151 women (low-quality evidence)."),
    ("There is no clear evidence to support the routine use of lavage in children with cystic fibrosis.",
     "There is not enough evidence to support the routine use of lavage in children with cystic fibrosis."),
    ("It is uncertain whether continued antidepressant treatment prevents relapse.",
     "It cannot be said with certainty whether continued antidepressant treatment prevents relapse."),
    ("There was some indication that higher doses of aspirin would be more effective.",
     "Higher doses of aspirin may be more effective."),
    ("There is only limited evidence that cooling treatments relieve pain after childbirth.",
     "There is only a small amount of evidence that cooling treatments ease pain after childbirth."),
    ("There was no significant difference between brief intervention and usual care.",
     "There may be no difference between brief intervention and usual care."),
    ("This review found insufficient information to guide practice.", "We do not have sufficient information to guide practice."),
    ("There is insufficient evidence to support Chinese herbal medicine for PMS.",
     "Good evidence for Chinese herbal medicine for PMS is lacking."),
    ("A higher oxygen fraction may increase the risk of adverse events.",
     "It has not been proved that a higher oxygen fraction increases the risk of adverse events."),
])
def test_a_rewording_that_keeps_the_fact_passes(source, simple):
    assert _kinds(source, simple) == set()


@pytest.mark.parametrize("source, simple, kind", [
    ("Take 400mcg of folic acid daily.", "Take 400 milligrams of folic acid every day.", "numbers"),
    ("Further RCTs are required to assess helminth therapy in IBD.",
     "Further randomised trials of helminth therapy in Crohn's disease are required.", "terms"),
    ("Loperamide shortened the diarrhoea by a day.", "Loperamide shortened the dysentery by a day.", "terms"),
    ("Take 400mcg of folic acid daily.", "Take 40 micrograms of folic acid every day.", "numbers"),
    ("Two trials compared A with B and two trials compared C with B.", "We found five trials.", "numbers"),
    ("The trial ran from 2010 to 2014.", "The trial lasted five years.", "numbers"),
    ("Admissions rose from 20% to 35%.", "Admissions rose by 15%.", "numbers"),
    ("Patients walked 100m on the first day.", "Patients walked 1,000 metres on the first day.", "numbers"),
    ("Two-thirds of patients improved.", "90% of patients improved.", "numbers"),
    ("We included one drug study and three exercise studies.", "We included four drugs.", "numbers"),
    ("There were 34 studies: 20 studies were of anterior blepharitis and 14 studies of posterior blepharitis.",
     "There were 54 studies.", "numbers"),
    ("Dizziness was more common with pregabalin, with a number needed to harm of 3.7.",
     "About 1 in 40 people taking pregabalin had dizziness.", "numbers"),
    ("GnRH agonists increased the odds of pregnancy fourfold.", "GnRH agonists increased the odds of pregnancy five-fold.",
     "numbers"),
    ("Deaths did not differ between community care and standard care.", "Deaths did not differ between the three groups.",
     "numbers"),
    ("Give 10IU of insulin before the meal.", "Give 100 units of insulin before the meal.", "numbers"),
    ("Surgery is likely to improve the symptoms.", "Surgery will probably not improve the symptoms.", "negation"),
    ("Surgery is unlikely to improve the symptoms.", "Surgery will improve the symptoms.", "certainty"),
    ("A full recovery is likely after a minor stroke.", "After a minor stroke, people will probably not recover fully.",
     "negation"),
    ("A second course is necessary for most children.", "Most children do not need a second course.", "negation"),
    ("Early lesions are usually visible on an X-ray.", "Early lesions often cannot be seen on an X-ray.", "negation"),
    ("Wearing compression stockings reduced DVT in airline passengers.",
     "Not wearing compression stockings reduced DVT in airline passengers.", "negation"),
    ("Acupuncture reduced pain scores in two trials.", "Acupuncture did not reduce pain scores in two trials.", "negation"),
    ("One serious adverse event was reported and it was related to the study drug.",
     "No serious adverse events related to the study drug were reported.", "negation"),
    ("Most studies reported some adverse events.", "Most studies reported no adverse events.", "negation"),
    ("Patients should combine the two drugs.", "Patients should be careful not to combine the two drugs.", "negation"),
    ("Recovery is not a matter of medication.", "Recovery is about medication.", "negation"),
    ("The drug is proven to prevent a relapse.", "The drug may not prevent a relapse.", "certainty"),
    ("A rash may appear within two days.", "A rash appears within two days.", "certainty"),
    ("Smoking may be linked to heart disease.", "Smoking causes heart disease.", "certainty"),
    ("Smoking is tied to heart disease.", "Smoking causes heart disease.", "certainty"),
    ("The likely cause is a viral infection.", "The cause is a viral infection.", "certainty"),
    ("Cases are expected to rise this winter.", "Cases will rise this winter.", "certainty"),
    ("Ward A had the highest infection rate; ward B had the lowest.",
     "Ward A had the lowest infection rate; ward B had the highest.", "direction"),
    ("Using the scans, the doctors could find the blocked arteries.", "The scans found the blocked arteries.", "certainty"),
    ("Blood loss of 500 mL or more may be reduced (one trial, 151 women; low-quality evidence).",
     "Blood loss of 500 mL or more is reduced.", "certainty"),
    ("There was some indication that higher doses of aspirin would be more effective.",
     "Higher doses of aspirin are proven to be more effective.", "certainty"),
    ("Relapse was higher with three days of primaquine (high-quality evidence).",
     "Relapse may be higher with three days of primaquine.", "certainty"),
    ("There is only limited evidence that cooling treatments relieve pain after childbirth.",
     "Cooling treatments relieve pain after childbirth.", "certainty"),
    ("There was a significant difference between brief intervention and usual care.",
     "There may be no difference between brief intervention and usual care.", "negation"),
    ("This review found sufficient information to guide practice.",
     "We do not have sufficient information to guide practice.", "negation"),
    ("A higher oxygen fraction may increase the risk of adverse events.",
     "A higher oxygen fraction increases the risk of adverse events.", "certainty"),
])
def test_the_same_wording_that_changes_the_fact_is_found(source, simple, kind):
    assert kind in _kinds(source, simple)

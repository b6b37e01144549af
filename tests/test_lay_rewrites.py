"""What patient writers do to a clinician's sentence, and what the drift rules make of it: a lay word for the
source's term, a term explained in brackets, a "not" said with an antonym, a number said in words. Each
faithful rewrite passes; the same moves that state a new fact are still found."""

from __future__ import annotations

import pytest

from tailor.drift import drift
from tailor.lay_terms import LAY_WORDS, SourceStarts, stands_for
from tailor.view import explained_terms
from tailor.wording import stem


def _found(source: str, simple: str) -> list[tuple[str, str]]:
    """What `tailor check` finds, with the words the phrasing explains counted as known (as a page does)."""
    return [(d.kind, d.said) for d in drift(source, simple, known=explained_terms([simple]))]


@pytest.mark.parametrize("source, simple", [
    # everyday words for the source's terms
    ("Tamoxifen increases the risk of venous thromboembolism.", "Tamoxifen raises the risk of blood clots in the veins."),
    ("Opioids commonly cause constipation.", "Opioid painkillers often cause constipation."),
    ("Donepezil may cause bradycardia.", "Donepezil might slow down your heartbeat."),
    ("Hypothyroidism is usually treated with levothyroxine.", "An underactive thyroid is usually treated with levothyroxine."),
    ("Inhaled corticosteroids reduce exacerbations in persistent asthma.",
     "Steroid inhalers lower the number of asthma attacks in people who have asthma most of the time."),
    ("Loop diuretics relieve oedema in heart failure.", "In heart failure, water tablets ease swelling."),
    ("Statins can cause myalgia.", "Statins can cause muscle aches."),
    ("A second dose of varicella vaccine is given 4 weeks after the first.",
     "A second chickenpox jab is given 4 weeks after the first."),
    ("Long-term use may be associated with vitamin B12 deficiency, especially in patients with peripheral neuropathy.",
     "Taking it for a long time may be linked to low B12, especially if you have numb or tingling feet."),
    ("Iron deficiency in postmenopausal women should be investigated.", "Low iron in women after the menopause should be checked."),
    # a term explained in brackets, in everyday words
    ("Osteonecrosis of the jaw is a rare adverse effect of bisphosphonates.",
     "Osteonecrosis of the jaw (death of part of the jawbone) is a rare side effect of bisphosphonates."),
    ("Warfarin requires regular INR monitoring.", "Warfarin needs regular INR tests (a blood test that shows how fast blood clots)."),
    ("SSRIs may increase bleeding, particularly with NSAIDs.",
     "SSRIs may increase bleeding, especially with non-steroidal anti-inflammatory drugs (NSAIDs)."),
    # "not" said with another word, and the other way round
    ("Chronic kidney disease is often asymptomatic in its early stages.", "Early on, kidney disease often causes no symptoms."),
    ("Dehydration in older adults can cause confusion.", "In older people, not having enough fluid can cause confusion."),
    ("Frequent reliever use suggests poorly controlled asthma.", "Using your reliever often suggests your asthma is not well controlled."),
    ("Penicillin allergy is over-reported; most people labelled allergic can tolerate penicillin.",
     "Most people told they are allergic to penicillin can take it without a problem."),
    ("Avoiding caffeine in the evening may improve sleep.", "Not having caffeine in the evening might help you sleep."),
    ("The evidence for valerian in insomnia is of low certainty.", "We do not know for sure whether valerian helps you sleep."),
    ("Methotrexate is taken once weekly, not daily.", "You take methotrexate once a week. Do not take it every day."),
    ("Live vaccines should not be given to people who are severely immunosuppressed.",
     "People whose immune system is very weak should not be given live vaccines."),
    ("Antidepressants should not be stopped abruptly.", "Do not stop taking an antidepressant suddenly. Stopping suddenly can cause symptoms."),
    ("If immunisation is incomplete, a tetanus booster may be needed.",
     "If you have not had all your tetanus jabs, you might need a booster."),
    # numbers said another way
    ("Alteplase should be given within 4.5 hours of stroke onset.", "Alteplase must be given within four and a half hours."),
    ("Trimethoprim should be avoided in the first trimester.", "Avoid trimethoprim in the first three months of pregnancy."),
    ("Dual antiplatelet therapy is continued for 12 months.", "Two antiplatelet medicines are taken together for 12 months."),
])
def test_faithful_lay_rewrites_pass(source, simple):
    assert _found(source, simple) == []


@pytest.mark.parametrize("source, simple, kind", [
    # a lay word for a term the source does not name is still a new term
    ("Triptans relieve migraine attacks.", "Triptans relieve migraine attacks and prevent blood clots.", "terms"),
    ("Metformin lowers blood glucose.", "Metformin lowers blood sugar and works as a painkiller.", "terms"),
    # an explanation in brackets that names a new drug
    ("Atrial fibrillation raises the risk of stroke.",
     "Atrial fibrillation (an irregular heartbeat treated with dabigatran) raises the risk of stroke.", "terms"),
    # brackets after a word the page explains but the source does not name explain nothing of the source's
    ("Tamoxifen increases the risk of venous thromboembolism.",
     "Tamoxifen raises the chance of clots (and of heart failure and swelling).", "terms"),
    # a number said in words that is not the source's
    ("Take 2 tablets.", "Take two and a half tablets.", "numbers"),
    ("Avoid it in the first trimester.", "Avoid it in the first six months.", "numbers"),
    # "not ... too" or "not enough" where the source says it the other way
    ("Drinking too much alcohol raises blood pressure.", "Not drinking too much alcohol raises blood pressure.", "negation"),
    ("One dose is enough.", "One dose is not enough.", "negation"),
    # a negated verb that says "not", where the source states the verb
    ("Stop taking warfarin before surgery.", "Never stop taking warfarin before surgery.", "negation"),
    # a negation of what the source does not negate, beside words it does
    ("Metformin lowers glucose. It does not cause weight gain.", "Metformin does not lower glucose or cause weight gain.",
     "negation"),
])
def test_the_same_moves_that_state_a_new_fact_are_found(source, simple, kind):
    assert kind in {k for k, _ in _found(source, simple)}


def test_lay_words_share_a_stem_without_losing_their_terms():
    # "numb" and "numbing" have one stem: each keeps what it stands for.
    assert stands_for("numb", SourceStarts(["peripheral", "neuropathy"])) and stands_for("numbing", SourceStarts(["lidocaine"]))
    assert all(starts for starts in LAY_WORDS.values())
    assert stem("stopped") == stem("stop") == stem("stopping") and stem("falling") == "fall"


def test_a_short_technical_start_is_a_whole_word():
    # "qt" stands for the QT interval, not for every word that starts with the letters.
    assert stands_for("ECG", SourceStarts(["the", "qt", "interval"]))
    assert not stands_for("ECG", SourceStarts(["quite", "qtly"]))
    assert stands_for("underweight", SourceStarts(["a", "low", "birth", "weight"]))

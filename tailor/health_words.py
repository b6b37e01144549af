"""Everyday names of conditions, outcomes and treatments ("stroke", "infections", "heart attacks", "insulin"):
common words, so word frequency does not make them terms, but a phrasing that names one its source does not
states a new fact ("and heart attacks", "in people with dementia").

Each name lists the starts of the source words that say the same thing: "bleeding" where the source says
"haemorrhage", "death" where it says "mortality" or "died". Where a name is also an everyday word of
`lay_terms` ("stroke", "cancer"), its starts are that word's too.
"""

from __future__ import annotations

from .lay_terms import LAY_WORDS
from .wording import stem

_CANCER = ("cancer", "carcinom", "malignan", "oncolog", "neoplas", "tumour", "tumor", "melanom", "lymphom", "leukaem",
           "leukem", "sarcom", "metasta")
_BLEEDING = ("bleed", "bled$", "haemorrh", "hemorrh", "blood loss", "haematom", "hematom", "haemat", "hemat")
_DEATH = ("death", "die$", "died", "dies$", "dying", "dead", "mortal", "fatal", "kill", "surviv", "lethal", "deceas",
          "necros", "necrot", "osteonecros")
_OPIOIDS = ("opioid", "opiate", "morphine", "codeine", "oxycod", "fentanyl", "heroin", "tramadol", "diamorph",
            "methadone", "buprenorph", "dihydrocod")

_NAMES: dict[str, tuple[str, ...]] = {
    # conditions
    "asthma": ("asthma",), "dementia": ("dementia", "alzheimer", "cognitive impair"),
    "alzheimer": ("alzheimer", "dementia"), "pneumonia": ("pneumon", "chest infection", "lower respiratory"),
    "epilepsy": ("epilep", "seizure", "convuls"), "migraine": ("migrain",), "psoriasis": ("psoria",),
    "sepsis": ("sepsi", "septic"), "tuberculosis": ("tubercul", "tb$"),
    "osteoporosis": ("osteopor", "bone densit", "bone thin", "brittle bone", "fragility"),
    "arthritis": ("arthrit", "rheumat"), "hypertension": ("hypertens", "blood pressure"),
    "obesity": ("obes", "overweight", "body mass", "bmi$"), "obese": ("obes", "overweight", "body mass", "bmi$"),
    "schizophrenia": ("schizo", "psychos", "psychot"), "bipolar": ("bipolar", "manic", "mania"),
    "bronchitis": ("bronch",), "gout": ("gout", "uric", "urate"), "glaucoma": ("glaucom", "intraocular"),
    "cataract": ("cataract", "phaco", "intraocular lens"), "hepatitis": ("hepatit",), "hiv": ("hiv$", "aids$", "antiretrovir"),
    "parkinson": ("parkinson",), "sclerosis": ("scleros",), "tumour": _CANCER, "tumor": _CANCER,
    "leukaemia": _CANCER, "leukemia": _CANCER, "lymphoma": _CANCER, "melanoma": _CANCER,
    "infection": ("infect", "sepsi", "septic", "bacter", "viral", "virus", "pathogen", "antibiot", "microb", "pneumon",
                  "cellulit", "abscess", "fung", "contamin", "germ"),
    "influenza": ("influenza", "flu$"), "measles": ("measles", "mmr$"), "meningitis": ("mening",),
    "autism": ("autis", "asd$"), "adhd": ("adhd$", "attention deficit", "hyperactiv"), "angina": ("angina", "chest pain"),
    "lupus": ("lupus",), "anorexia": ("anorex", "eating disorder"), "insomnia": ("insomn", "sleep"),
    "fracture": ("fractur", "broken bone", "broke", "break"), "ulcer": ("ulcer",),
    "nausea": ("nause", "sick", "vomit", "emesis"),
    "fatigue": ("fatigu", "tired", "exhaust", "letharg", "weary", "energy"), "bleeding": _BLEEDING,
    "haemorrhage": _BLEEDING, "hemorrhage": _BLEEDING, "thrombosis": LAY_WORDS[stem("clot")],
    "stillbirth": ("stillbirth", "stillborn", "perinatal death", "fetal death", "foetal death"),
    "depression": ("depress", "antidepress", "mood"), "dehydration": ("dehydrat", "fluid"), "overdose": ("overdos", "poison"),
    "paralysis": ("paraly", "palsy"), "coma": ("coma$", "comatose", "unconscious"), "infertility": ("infertil", "fertil"),
    "incontinence": ("incontin",), "cholera": ("cholera",), "ebola": ("ebola",),
    # outcomes
    "death": _DEATH, "pain": ("pain", "ache", "hurt", "sore", "analges", "discomfort", "tender", "headache", "migrain",
                              "colic", "cramp", "angina", "neuralg", "neuropath", "arthralg", "myalg"),
    # treatments
    "aspirin": ("aspirin", "acetylsalicyl"), "ibuprofen": ("ibuprofen", "nsaid", "anti-inflamm"),
    "paracetamol": ("paracetamol", "acetaminophen"), "acetaminophen": ("paracetamol", "acetaminophen"),
    "warfarin": ("warfarin", "anticoagul", "vitamin k antag"), "heparin": ("heparin", "anticoagul"),
    "morphine": _OPIOIDS, "codeine": _OPIOIDS, "opioid": _OPIOIDS, "penicillin": ("penicillin", "antibiot"),
    "insulin": ("insulin",), "metformin": ("metformin",), "chemotherapy": ("chemo", "cytotox"),
    "radiotherapy": ("radiother", "radiation"), "vitamin": ("vitamin",), "melatonin": ("melatonin",),
}
"""Name -> starts of the source words that say the same thing (a start marked "$" is a whole word)."""

_FROM_LAY = ("stroke", "cancer", "confusion", "headache", "vomiting", "allergy", "allergic", "diabetes", "malaria",
             "eczema", "anaemia", "clot", "miscarriage", "jaundice", "constipation", "diarrhoea", "rash", "dizziness",
             "seizure", "concussion", "flu", "steroid", "antibiotic", "statin", "antidepressant", "antihistamine",
             "painkiller", "laxative", "vaccine", "chickenpox", "shingles", "heartburn")
"""Everyday words of lay_terms that name a condition, outcome or treatment of their own (not "sore", "sugar",
"patch"): named where the source says none of their words, they are a new fact."""

NAMED = {stem(name): (*starts, name) for name, starts in _NAMES.items()} | {
    stem(name): (*LAY_WORDS[stem(name)], name) for name in _FROM_LAY}
"""Stem of a name -> the starts of the source words that say it."""
AGAINST = {name: tuple("anti" + start for start in starts) for name, starts in NAMED.items()}
"""Stem of a name -> the starts of the drugs against it ("antimalarial"): a phrasing names the condition for them
only as what a medicine is for ("malaria medicine"); "an antimalarial" is no "you have malaria"."""
MEDICINES = frozenset({"medicine", "medicines", "drug", "drugs", "tablet", "tablets", "pill", "pills", "treatment",
                       "treatments", "medication", "medications", "remedy", "remedies"})

PAIRS = {("heart", "attack"): ("infarct", "myocard", "heart attack", "coronary", "cardiac arrest", "cardiac event",
                               "acute coronary"),
         ("heart", "failure"): ("heart failure", "cardiac failure", "ventricular"),
         ("weight", "gain"): ("weight gain", "gain weight", "gained weight", "weight increase", "obes", "overweight"),
         ("hair", "loss"): ("hair loss", "alopec", "lose hair", "lost hair", "losing hair", "hair fall"),
         ("kidney", "damage"): ("kidney", "renal", "nephr"), ("liver", "damage"): ("liver", "hepat"),
         ("kidney", "disease"): ("kidney", "renal", "nephr"), ("heart", "disease"): ("heart disease", "cardiovasc",
                                                                                  "coronary", "cardiac")}
"""Names of two everyday words ("heart attacks"), by the stems of each, and the starts of the source words that
say them."""

"""Everyday names of conditions, outcomes and treatments ("stroke", "infections", "heart attacks", "insulin"):
common words, so word frequency does not make them terms, but a phrasing that names one its source does not
states a new fact ("and heart attacks", "in people with dementia").

Each name lists the starts of the source words that say the same thing: "bleeding" where the source says
"haemorrhage", "death" where it says "mortality" or "died". Where a name is also an everyday word of
`lay_terms` ("stroke", "cancer"), its starts are that word's too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lay_terms import LAY_WORDS
from .wording import stem

_CANCER = ("cancer", "carcinom", "malignan", "oncolog", "neoplas", "tumour", "tumor", "melanom", "lymphom", "leukaem",
           "leukem", "sarcom", "metasta")
_BLEEDING = ("bleed", "bled$", "haemorrh", "hemorrh", "blood loss", "haematom", "hematom", "haematuri", "hematuri",
             "haemarthros", "hemarthros", "haemoptys", "hemoptys",
             "haematemes", "hematemes", "menorrhag", "epistax", "melaena", "melena")
_DEATH = ("death", "die$", "died", "dies$", "dying", "dead", "mortal", "fatal", "killed$", "surviv", "lethal", "deceas",
          "passed away", "pass away", "suicid", "life-threatening", "lost their lives", "sids$", "stillb", "succumb",
          "euthanas")
_INFECTION = ("infect", "sepsi", "septic", "bacter", "viral", "virus", "pathogen", "antibiot", "antivir", "antifung",
              "antimicrob", "microb", "pneumon", "cellulit", "abscess", "fung", "contamin", "germs$", "cystit", "otitis",
              "uti$", "utis$", "urinary tract", "gastroenterit", "candid", "thrush", "tonsillit", "bronchiolit", "bronchit",
              "mening", "conjunctivit", "sinusit", "pharyngit", "impetigo", "chlamydia", "gonorrh", "syphilis", "tinea",
              "herpe", "hepatit", "hiv$", "tubercul", "malari", "measles", "influenza", "flu$", "covid", "sars")
_PREGNANCY = ("pregnan", "gestation", "antenatal", "prenatal", "obstetric", "expectant mother", "trimester", "concep",
              "utero$", "matern",
              "contracep", "fertil", "infertil", "birth control")
_OPIOIDS = ("opioid", "opiate", "morphine", "codeine", "oxycod", "fentanyl", "heroin", "tramadol", "diamorph",
            "methadone", "buprenorph", "dihydrocod")
_PAIN = ("pain", "ache", "aching", "hurt", "sore", "analges", "discomfort", "tender", "headache", "migrain", "colic",
         "cramp", "angina", "neuralg", "neuropath", "arthralg", "myalg", "toothache", "backache", "stomachache", "earache",
         "dysmenorr", "odynophag", "dysuria", "mastalg", "dyspareun", "otalg", "sciatic", "fibromyalg", "burning", "sting")

_NAMES: dict[str, tuple[str, ...]] = {
    # conditions (a class may name its kinds: "dementia" for "Alzheimer's"; a kind never its class: Alzheimer's is
    # one dementia, epilepsy is not every seizure)
    "asthma": ("asthma",), "dementia": ("dementia", "alzheimer", "major neurocognitive", "lewy"),
    "alzheimer": ("alzheimer",), "pneumonia": ("pneumon", "chest infection", "lower respiratory"),
    "epilepsy": ("epilep", "antiepilep"), "migraine": ("migrain",), "psoriasis": ("psoria",),
    "sepsis": ("sepsi", "septic shock", "septicaem", "septicem"), "tuberculosis": ("tubercul", "tb$"),
    "osteoporosis": ("osteopor", "brittle bone", "bone thinning", "thinning of the bone", "fragility fracture"),
    "arthritis": ("arthrit", "rheumatoid", "osteoarth"),
    "hypertension": ("hypertens", "high blood pressure", "raised blood pressure", "elevated blood pressure"),
    "obesity": ("obes",), "obese": ("obes",),
    "schizophrenia": ("schizo",), "bipolar": ("bipolar", "manic depress"),
    "bronchitis": ("bronchit",), "gout": ("gout",), "glaucoma": ("glaucom",),
    "cataract": ("cataract", "phaco"), "hepatitis": ("hepatit",), "hiv": ("hiv$", "aids$", "antiretrovir"),
    "parkinson": ("parkinson",), "sclerosis": ("scleros",), "tumour": _CANCER, "tumor": _CANCER,
    "leukaemia": _CANCER, "leukemia": _CANCER, "lymphoma": _CANCER, "melanoma": _CANCER,
    "infection": (*_INFECTION, "pyelonephrit", "nephrit", "endocardit", "osteomyelit", "epididymit", "prostatit",
                  "mastit", "hpv$", "mrsa$"),
    "influenza": ("influenza", "flu$"), "measles": ("measles", "mmr$"), "meningitis": ("meningit", "meningococc"),
    "autism": ("autis",), "adhd": ("adhd$", "attention deficit", "hyperactiv"), "angina": ("angina",),
    "lupus": ("lupus", "sle$"), "anorexia": ("anorex",),
    "insomnia": ("insomn", "sleepless", "trouble sleeping", "difficulty sleeping", "poor sleep", "sleep problem",
                 "sleep disturb"),
    "fracture": ("fractur", "broken bone", "broke a bone", "broken arm", "broken leg", "broken wrist", "broken hip"),
    "ulcer": ("ulcer",), "nausea": ("nause", "feel sick", "feeling sick", "felt sick", "vomit", "emesis", "queas"),
    "fatigue": ("fatigu", "tired", "exhaustion", "exhausted", "exhausting", "letharg", "weary"),
    "tiredness": ("fatigu", "tired", "exhaustion", "exhausted", "exhausting", "letharg", "weary", "sleepiness", "drows"),
    "bleeding": _BLEEDING, "haemorrhage": _BLEEDING, "hemorrhage": _BLEEDING, "thrombosis": LAY_WORDS[stem("clot")],
    "stillbirth": ("stillbirth", "stillborn", "fetal death", "foetal death", "intrauterine death"),
    "depression": ("depress", "antidepress", "low mood", "mdd$"), "dehydration": ("dehydrat",), "overdose": ("overdos", "poison"),
    "paralysis": ("paraly",), "coma": ("coma$", "comatose"), "infertility": ("infertil",),
    "incontinence": ("incontin",), "cholera": ("cholera",), "ebola": ("ebola",),
    "vascular": ("vascul", "arter", "vein", "venous", "vessel", "aort", "capillar"),
    # who: a population the source does not name
    "pregnant": _PREGNANCY, "pregnancy": _PREGNANCY,
    # outcomes
    "death": _DEATH, "died": _DEATH, "dying": _DEATH, "pain": _PAIN, "painful": _PAIN,
    # treatments (a drug never stands for its class: "an anticoagulant" is no "warfarin")
    "aspirin": ("aspirin", "acetylsalicyl", "asa$"), "ibuprofen": ("ibuprofen",),
    "paracetamol": ("paracetamol", "acetaminophen"), "acetaminophen": ("paracetamol", "acetaminophen"),
    "warfarin": ("warfarin",), "heparin": ("heparin", "enoxaparin", "dalteparin", "tinzaparin"),
    "morphine": ("morphine", "diamorph"), "codeine": ("codeine", "dihydrocod", "co-codamol"), "opioid": _OPIOIDS,
    "penicillin": ("penicillin", "amoxicillin", "flucloxacillin", "ampicillin", "co-amoxiclav"),
    "insulin": ("insulin", "glargine", "detemir", "aspart", "lispro", "degludec", "isophane", "glulisine", "lantus",
                "levemir", "novorapid", "humalog", "humulin"),
    "metformin": ("metformin",), "chemotherapy": ("chemotherap", "chemoradio", "chemo$", "cytotox"),
    "radiotherapy": ("radiother", "radiation therapy", "radiation treatment", "irradiat"),
    "vitamin": ("vitamin", "colecalciferol", "cholecalciferol", "ergocalciferol", "calciferol", "folic", "folate",
                "thiamine", "riboflavin", "cobalamin", "cyanocobalamin", "hydroxocobalamin", "b12$", "ascorbic", "retinol",
                "tocopherol", "phytomenadione", "phytonadione", "hydroxyvitamin", "25-hydroxy"),
    "melatonin": ("melatonin",),
}
"""Name -> starts of the source words that say the same thing (a start marked "$" is a whole word)."""

_FROM_LAY = ("stroke", "cancer", "confusion", "headache", "vomiting", "allergy", "allergic", "diabetes", "malaria",
             "eczema", "anaemia", "clot", "miscarriage", "jaundice", "constipation", "diarrhoea", "rash", "dizziness",
             "seizure", "concussion", "flu", "steroid", "antibiotic", "statin", "antidepressant", "antihistamine",
             "painkiller", "laxative", "vaccine", "chickenpox", "shingles", "heartburn", "mosquito", "breastfeeding", "swelling", "swollen")
"""Everyday words of lay_terms that name a condition, outcome or treatment of their own (not "sore", "sugar",
"patch"): named where the source says none of their words, they are a new fact."""

_EXTRA = {"cancer": ("adenocarcinom", "glioblast", "gliom", "mesotheliom", "myelom", "blastom", "nsclc$", "sclc$",
                     "hcc$", "crc$")}
"""More starts for names of lay_terms ("glioblastoma" is a brain cancer; "benign" is none, a TIA no stroke)."""
NAMED = {stem(name): (*starts, name) for name, starts in _NAMES.items()} | {
    stem(name): (*LAY_WORDS[stem(name)], name, *_EXTRA.get(name, ())) for name in _FROM_LAY}
"""Stem of a name -> the starts of the source words that say it."""
AGAINST = {name: tuple("anti" + start for start in starts) for name, starts in NAMED.items()}
"""Stem of a name -> the starts of the drugs against it ("antimalarial"): a phrasing names the condition for them
only as what a medicine is for ("malaria medicine"); "an antimalarial" is no "you have malaria"."""
MEDICINES = frozenset({"medicine", "medicines", "drug", "drugs", "tablet", "tablets", "pill", "pills", "treatment",
                       "treatments", "medication", "medications", "remedy", "remedies"})

PAIRS = {("heart", "attack"): ("infarct", "heart attack", "acute coronary", "coronary event", "coronary thromb", "mi$",
                               "stemi$", "nstemi$", "acs$"),
         ("heart", "failure"): ("heart failure", "cardiac failure", "ventricular failure", "ventricular dysfunction",
                                "ejection fraction", "hfref$", "hfpef$", "chf$", "lvsd$"),
         ("weight", "gain"): ("weight gain", "gain weight", "gained weight", "weight increase", "obes", "overweight"),
         ("hair", "loss"): ("hair loss", "alopec", "lose hair", "lost hair", "losing hair", "hair fall"),
         ("kidney", "damage"): ("kidney", "renal", "nephr", "aki$"), ("liver", "damage"): ("liver", "hepat", "cirrho"),
         ("blood", "thinners"): LAY_WORDS[stem("thinner")], ("plaster", "cast"): ("plaster", "cast", "splint", "immobil"),
         ("kidney", "disease"): ("kidney", "renal", "nephr", "ckd$", "esrd$", "eskd$", "dialys", "haemodial",
                                 "hemodial"),
         ("heart", "disease"): (
             "heart disease", "cardiovascular disease", "coronary heart", "coronary artery disease", "ischaemic heart",
             "ischemic heart", "cardiac disease", "cardiomyopath", "chd$", "cad$", "cvd$", "ihd$")}
"""Names of two everyday words ("heart attacks"), by the stems of each, and the starts of the source words that
say them."""


_AFFIXES = re.compile(r"(?:itis|osis|aemia|emia|ectomy|otomy|ostomy|opathy|(?:carcin|melan|lymph|sarc|aden|myel|gli)omas?)$"
                      r"|^(?:cardi|neur|gastr|hepat|nephr|derm|osteo|haem|hema|hemo|hemorrh|pulmon|oncol|psychiat|immun|"
                      r"endocrin|toxic|vascul|thromb|carcin|leuk|lymph|mening|encephal|myel|arthr|prostat|ovar|uter|cervic|"
                      r"colon$|colorect|fetus|fetal|foet|embry|placent|suicid|nicotin|acne|lithium|potassium|sodium|calcium|"
                      r"magnesium|selenium|caffein|asbest)")
"""Word parts of medicine ("-itis", "-aemia", "lithium", "cardio-", "toxic"): a rarer word made of one is a term."""
_MEDICAL_STARTS = frozenset(start for starts in (*NAMED.values(), *PAIRS.values())
                            for start in starts if len(start) >= 5 and " " not in start and not start.endswith("$"))


_BY_TWO: dict[str, tuple[str, ...]] = {}
for _start in sorted(_MEDICAL_STARTS):
    _BY_TWO[_start[:2]] = (*_BY_TWO.get(_start[:2], ()), _start)


@lru_cache(maxsize=4096)
def is_medical(word: str) -> bool:
    """Whether a word looks like medicine's: made with a medical word part, or starting as a source word of the
    health names does ("potassium", "cardiovascular", "prostate", "toxicity"); not "thirsty" or "shampoo"."""
    return bool(_AFFIXES.search(word)) or word.startswith(_BY_TWO.get(word[:2], ("\0",)))

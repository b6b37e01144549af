"""Everyday words for medical terms: what a patient phrasing may say where its source names the term.

"Heart attack" for "myocardial infarction", "painkillers" for "analgesics", "water tablets" for
"diuretics". Each everyday word lists the starts of the technical words it can stand for. The terms
rule accepts the everyday word only where its source uses one of them: "clots" for "thromboembolism"
is the same fact, "clots" in a phrasing whose source is about migraine is a new one.
"""

from __future__ import annotations

from functools import cached_property

from .wording import stem

_LAY: dict[str, tuple[str, ...]] = {
    # the heart and blood
    "heartbeat": ("arrhythm", "fibrillat", "tachycard", "bradycard", "palpitat", "heart rate", "heart rhythm", "qt",
                  "flutter", "ectopic"),
    "irregular": ("arrhythm", "fibrillat", "flutter", "ectopic", "irregul"),
    "clot": ("thromb", "embol", "anticoagul", "dvt", "vte", "inr", "clott", "fibrinoly", "alteplase", "tenecteplase",
             "warfarin", "heparin", "apixaban", "rivaroxaban", "dabigatran", "edoxaban",
             "streptokinase"),
    "blood-thinning": ("anticoagul", "antiplatelet", "warfarin", "heparin", "apixaban", "rivaroxaban", "dabigatran",
                       "edoxaban", "aspirin", "clopidogrel"),
    "thinner": ("anticoagul", "antiplatelet", "warfarin", "heparin", "apixaban", "rivaroxaban", "dabigatran",
                "edoxaban"),
    "clot-busting": ("thromboly", "fibrinoly", "alteplase", "tenecteplase", "streptokinase"),
    "vessel": ("vascul", "arter", "vein", "venous", "aort", "capillar", "aneurysm", "coronar"),
    "artery": ("arter", "coronar", "carotid", "aort"),
    "anaemia": ("anemi", "anaemi"),
    "faint": ("syncop", "presyncop", "hypotens"),
    "fainting": ("syncop", "presyncop", "hypotens"),
    "dizziness": ("vertigo", "hypotens", "presyncop", "dizz"),
    "breathless": ("dyspn", "breathless"),
    "breathlessness": ("dyspn", "breathless"),
    # breathing
    "airway": ("bronch", "respirat", "asthma", "airway", "trache", "laryn", "copd"),
    "wheeze": ("bronch", "asthma", "wheez"),
    "wheezing": ("bronch", "asthma", "wheez"),
    "windpipe": ("trache",),
    "inhaler": ("inhal", "salbutamol", "budesonide", "beclometasone", "fluticasone", "tiotropium", "bronchodilat"),
    "reliever": ("salbutamol", "terbutaline", "bronchodilat", "short-acting", "saba"),
    "preventer": ("corticosteroid", "steroid", "budesonide", "beclometasone", "fluticasone", "ics"),
    # swelling, pain, skin
    "swelling": ("oedem", "edem", "angioedem", "inflamm", "effusion", "tumour", "tumor", "lump", "aneurysm",
                 "lymphadenopath", "swell"),
    "swollen": ("oedem", "edem", "angioedem", "inflamm", "effusion", "lymphadenopath", "swell", "enlarg"),
    "ache": ("pain", "myalgi", "arthralgi", "ache", "headache", "cephal"),
    "sore": ("pain", "ulcer", "inflamm", "pharyngit", "tonsillit", "lesion", "stomatit", "sore"),
    "rash": ("eruption", "exanthem", "urticar", "dermatit", "erythem", "rash", "zoster", "herpe", "shingles"),
    "hives": ("urticar",),
    "itch": ("prurit", "itch"),
    "itching": ("prurit", "itch"),
    "itchy": ("prurit", "itch"),
    "blister": ("bullous", "bullae", "vesic", "blister"),
    "bruise": ("haematom", "hematom", "ecchymos", "bruis", "purpur"),
    "bruising": ("haematom", "hematom", "ecchymos", "bruis", "purpur"),
    "numbness": ("neuropath", "paraesthes", "paresthes", "numb", "sensory", "anaesthe", "anesthe"),
    "numb": ("neuropath", "paraesthes", "paresthes", "numb", "sensory", "anaesthe", "anesthe"),
    "numbing": ("anaesthe", "anesthe", "lidocaine", "lignocaine", "numb"),
    "genitals": ("genital", "saddle", "perine", "vulv", "penil", "penis", "vagin"),
    "jawbone": ("jaw", "mandib", "maxill"),
    "uric": ("urate", "gout", "uric", "hyperuric"),
    "flare": ("exacerbat", "relaps", "flare"),
    "coil": ("intrauterine", "iud", "ius"),
    "tingling": ("neuropath", "paraesthes", "paresthes", "tingl"),
    "eczema": ("dermatit", "atopic", "eczem"),
    "thrush": ("candida$", "candidiasis", "candidal", "fungal", "thrush", "yeast"),
    "fungal": ("candida$", "candidiasis", "candidal", "fungal", "fungi", "tinea", "mycos", "dermatophyt", "antifungal", "yeast"),
    "yeast": ("candida$", "candidiasis", "candidal", "fungal", "yeast"),
    "ringworm": ("tinea", "dermatophyt"),
    "sunburn": ("photosensitiv", "erythem", "sunburn"),
    "mole": ("naev", "nev", "melanom", "mole"),
    "wart": ("verruc", "papilloma", "hpv", "wart"),
    # stomach, bowel, bladder, kidney, liver
    "tummy": ("abdom", "gastr", "stomach", "bowel", "intestin", "belly"),
    "belly": ("abdom", "gastr", "stomach"),
    "stomach": ("gastr", "abdom", "peptic", "stomach", "dyspeps"),
    "bowel": ("intestin", "gastrointestin", "colon$", "colonic", "colitis", "colorect", "bowel", "gut", "rectum",
              "rectal"),
    "gut": ("intestin", "gastro", "bowel", "colon$", "colonic", "gut", "microbio"),
    "heartburn": ("reflux", "gord", "gerd", "dyspeps", "oesophag", "esophag"),
    "indigestion": ("dyspeps", "reflux"),
    "constipation": ("constip",),
    "diarrhoea": ("diarrh",),
    "sickness": ("nause", "vomit", "emesis", "sick"),
    "sick": ("nause", "vomit", "emesis", "sick"),
    "vomiting": ("emesis", "vomit"),
    "bladder": ("urin", "cystit", "vesic", "bladder", "incontin", "micturi", "uti"),
    "pee": ("urin", "micturi", "haematuria", "hematuria"),
    "wee": ("urin", "micturi"),
    "poo": ("stool", "faec", "fecal", "feces", "bowel"),
    "stool": ("faec", "fecal", "feces", "stool", "bowel"),
    "kidney": ("renal", "nephr", "kidney"),
    "liver": ("hepat", "liver"),
    "jaundice": ("hyperbilirubin", "jaundic", "icter"),
    # glands, hormones, bones, muscles, nerves
    "thyroid": ("thyro", "levothyrox", "carbimazole"),
    "underactive": ("hypothyro", "hypoadren", "hypopituit", "insufficien"),
    "overactive": ("hyperthyro", "hyperactiv", "overactiv", "thyrotox"),
    "gland": ("thyro", "adrenal", "pituitar", "prostat", "gland", "lymph"),
    "hormone": ("hormon", "endocrin", "oestrogen", "estrogen", "testosteron", "thyrox", "insulin", "cortis"),
    "bone": ("osteo", "skelet", "fractur", "bone", "bisphosphon"),
    "thinning": ("osteopor", "osteopen", "thin"),
    "brittle": ("osteopor", "fragility fract"),
    "joint": ("arthr", "articul", "joint", "synov"),
    "muscle": ("muscul", "myalgi", "myopath", "myo", "muscle"),
    "cramp": ("spasm", "cramp"),
    "nerve": ("neur", "nerve"),
    "fit": ("seizur", "convuls", "epilep"),
    "fits": ("seizur", "convuls", "epilep"),
    "stroke": ("cerebrovasc", "stroke", "infarct", "ischaem", "ischem"),
    "memory": ("dementi", "cognit", "amnes", "memory", "alzheimer"),
    "confusion": ("delirium", "confus", "encephalopath", "cognit"),
    "shaking": ("tremor", "shak"),
    # infections, immunity, vaccines
    "germ": ("bacteri", "microb", "virus", "viral", "pathogen", "infect", "germ"),
    "bug": ("bacteri", "microb", "virus", "viral", "pathogen", "infect"),
    "jab": ("vaccin", "immunis", "immuniz", "inject", "booster", "jab"),
    "chickenpox": ("varicell",),
    "shingles": ("zoster", "herpes", "herpetic"),
    "flu": ("influenz",),
    "cold": ("rhino", "upper respiratory", "coryza", "cold"),
    "immune": ("immun", "autoimmun"),
    "allergy": ("allerg", "anaphyla", "hypersensitiv", "atop"),
    "allergic": ("allerg", "anaphyla", "hypersensitiv", "atop"),
    # medicines and treatments
    "painkiller": ("analges", "nsaid", "paracetamol", "acetaminophen", "ibuprofen", "naproxen", "diclofenac",
                   "opioid", "codeine", "morphine", "aspirin", "tramadol", "pain"),
    "anti-inflammatory": ("nsaid", "ibuprofen", "naproxen", "diclofenac", "inflamm", "steroid", "corticosteroid"),
    "inflammatory": ("nsaid", "inflamm"),
    "non-steroidal": ("nsaid",),
    "steroid": ("corticosteroid", "steroid", "glucocorticoid", "prednis", "dexameth", "hydrocortison",
                "betameth", "budesonide", "beclometasone", "fluticasone", "mometasone", "clobetasol", "ics"),
    "antidepressant": ("ssri", "snri", "sertraline", "fluoxetine", "citalopram", "escitalopram", "paroxetine",
                       "venlafaxine", "duloxetine", "mirtazapine", "amitriptyline", "tricyclic", "antidepress"),
    "antibiotic": ("antibiot", "antimicrob", "antibacter", "penicillin", "amoxicillin", "flucloxacillin",
                   "doxycycline", "ciprofloxacin", "clarithromycin", "erythromycin", "azithromycin", "cefalex",
                   "ceftriax", "cefurox", "cephalosporin", "metronidazole", "trimethoprim", "nitrofurantoin"),
    "sleeping": ("hypnotic", "benzodiazep", "zopiclone", "zolpidem", "sedat", "insomn"),
    "water": ("diuret", "fluid", "oedem", "edem", "hydrat", "water"),
    "diuretic": ("diuret", "furosemide", "bumetanide", "thiazide", "spironolactone"),
    "statin": ("statin", "lipid-lowering", "hmg"),
    "cholesterol": ("lipid", "ldl", "hdl", "cholesterol", "statin", "hyperlipid", "dyslipid"),
    "sugar": ("glucose", "glyc", "diabet", "hba1c", "sugar", "insulin"),
    "diabetes": ("diabet", "glyc", "hba1c"),
    "laxative": ("laxativ", "lactulose", "senna", "macrogol", "bisacodyl"),
    "antacid": ("antacid", "proton pump", "ppi", "omeprazole", "lansoprazole", "alginate"),
    "nicotine": ("nicotin", "smoking cessation", "varenicline"),
    "cream": ("topical", "cream", "emollient", "ointment", "cutaneous", "dermal"),
    "gel": ("topical", "gel", "cutaneous", "dermal"),
    "ointment": ("topical", "ointment", "emollient", "cream"),
    "moisturiser": ("emollient", "moistur"),
    "moisturising": ("emollient", "moistur"),
    "patch": ("transdermal", "patch"),
    "drip": ("intraven", "infusion", "parenteral"),
    "injection": ("inject", "intramusc", "subcutan", "intraven", "parenteral", "depot", "vaccin"),
    "injected": ("inject", "intramusc", "subcutan", "intraven", "parenteral"),
    "scan": ("imaging", "ultrasound", "tomograph", "mri", "ct", "scan", "radiograph", "x-ray", "screening",
             "echocardiogra", "dexa", "dxa"),
    "x-ray": ("radiograph", "x-ray", "imaging"),
    "ecg": ("electrocardiogra", "ecg", "ekg", "qt", "qrs", "st-segment", "arrhythm"),
    "operation": ("surg", "operat", "procedure", "resection"),
    "keyhole": ("laparoscop", "endoscop", "arthroscop", "minimally invasive"),
    "tube": ("cathet", "intubat", "tube", "stent", "cannul", "endoscop"),
    "camera": ("endoscop", "colonoscop", "gastroscop", "cystoscop", "laparoscop", "bronchoscop"),
    # people, growth, pregnancy, general
    "underweight": ("low birth weight", "low birthweight", "underweight", "malnutrition", "bmi", "growth restrict",
                    "small for gestational"),
    "overweight": ("obes", "bmi", "overweight", "adipos"),
    "premature": ("preterm", "prematur"),
    "miscarriage": ("miscarr", "pregnancy loss", "spontaneous abortion"),
    "womb": ("uter", "endometri", "womb"),
    "period": ("menstru", "menorrh", "period"),
    "lump": ("nodul", "tumour", "tumor", "cyst", "lump"),
    "growth": ("tumour", "tumor", "neoplas", "polyp", "growth"),
    "cancer": ("carcinom", "malignan", "oncolog", "neoplas", "tumour", "tumor", "cancer", "melanom", "lymphom",
               "leukaem", "leukem", "sarcom"),
    "fever": ("pyrex", "febril", "temperature", "fever"),
    "temperature": ("pyrex", "febril", "fever", "temperature"),
    "lukewarm": ("tepid", "lukewarm"),
    "tepid": ("lukewarm", "tepid"),
    "tiredness": ("fatigu", "letharg", "tired", "somnolen"),
    "drowsiness": ("sedat", "somnolen", "drows"),
    "drowsy": ("sedat", "somnolen", "drows"),
    "mood": ("depress", "anxi", "bipolar", "affect", "mood"),
    "lengthen": ("prolong", "lengthen", "extend"),
    "tightened": ("bronchospasm", "bronchoconstrict", "constrict", "narrow", "spasm", "tight"),
    "tightening": ("bronchospasm", "bronchoconstrict", "constrict", "narrow", "spasm", "tight"),
    "narrowed": ("stenos", "constrict", "narrow", "occlu"),
    "narrowing": ("stenos", "constrict", "narrow", "occlu"),
    "blocked": ("occlu", "obstruct", "stenos", "block"),
    "burst": ("ruptur", "burst", "perforat"),
    # ears, eyes, nose, mouth
    "eardrum": ("tympan", "eardrum", "otitis"),
    "earache": ("otalgi", "otitis", "ear pain"),
    "deafness": ("hearing loss", "deaf", "sensorineural", "audiolog"),
    "ringing": ("tinnitus",),
    "dizzy": ("vertigo", "dizz", "presyncop"),
    "spinning": ("vertigo",),
    "eyesight": ("vision", "visual", "acuity", "retin", "ophthalm", "ocular"),
    "sight": ("vision", "visual", "acuity", "retin", "ophthalm", "ocular"),
    "blurred": ("vision", "visual", "blur"),
    "squint": ("strabism",),
    "gum": ("gingiv", "periodont"),
    "tooth": ("dental", "dentist", "caries", "tooth", "teeth", "periodont"),
    "decay": ("caries",),
    "cavity": ("caries",),
    "sinus": ("sinus", "rhinosinus"),
    "runny": ("rhinorr", "rhinit", "coryza"),
    "sneezing": ("rhinit", "sneez", "hay fever"),
    "nosebleed": ("epista",),
    "tonsils": ("tonsil",),
    "swallowing": ("dysphag", "swallow"),
    # skin, hair
    "spot": ("acne", "lesion", "papul", "pustul", "comedo", "rash"),
    "pimple": ("acne", "papul", "pustul", "comedo"),
    "blackhead": ("comedo",),
    "redness": ("erythem", "flush", "rosacea", "inflamm"),
    "flushing": ("flush", "vasodilat", "erythem", "rosacea"),
    "scaly": ("psoria", "scal", "eczem", "dermatit", "ichthyos"),
    "flaky": ("psoria", "scal", "eczem", "dermatit", "seborrh"),
    "dandruff": ("seborrh",),
    "lice": ("pedicul", "lice", "louse"),
    "nits": ("pedicul", "lice", "louse"),
    "mite": ("scabies", "sarcopt", "mite"),
    "scar": ("scar", "cicatri", "fibros", "keloid"),
    "bedsore": ("pressure ulcer", "pressure injur", "decubit"),
    "sunscreen": ("sun protect", "spf", "sunscreen", "photoprotect"),
    # bones, joints, muscles
    "sprain": ("ligament", "sprain"),
    "kneecap": ("patell",),
    "backbone": ("spinal", "vertebr", "spine"),
    "stiffness": ("rigid", "stiff", "arthr", "spastic"),
    "stiff": ("rigid", "stiff", "arthr", "spastic"),
    "wasting": ("atroph", "cachex", "sarcopen"),
    "stitches": ("sutur",),
    "splint": ("splint", "immobilis", "immobiliz", "brace"),
    "plaster": ("immobilis", "immobiliz", "plaster"),
    # brain, nerves, mind
    "seizure": ("epilep", "convuls", "seizur"),
    "blackout": ("syncop", "seizur", "loss of consciousness"),
    "voices": ("hallucin", "psychos", "schizo"),
    "paranoid": ("paranoi", "psychos", "delusion"),
    "headache": ("cephal", "migrain", "headache"),
    "concussion": ("concuss", "head injur", "traumatic brain"),
    # chest, breathing
    "phlegm": ("sputum", "mucus"),
    "mucus": ("sputum", "mucus"),
    "snoring": ("apnoea", "apnea", "snor"),
    "shortness": ("dyspn", "breathless"),
    # gut
    "bloating": ("bloat", "distension", "distention", "flatul", "irritable bowel", "ibs"),
    "gallbladder": ("gallbladder", "cholecyst", "biliar", "gallstone"),
    "gallstone": ("cholelith", "gallstone", "biliar", "cholecyst"),
    "bile": ("bile", "biliar"),
    "appendix": ("append",),
    "piles": ("haemorrhoid", "hemorrhoid"),
    "appetite": ("appetit", "anorex", "satiety", "cachex"),
    "thirst": ("polydips", "thirst"),
    # bladder, sex, pregnancy
    "waterworks": ("urin", "bladder", "prostat"),
    "peeing": ("urin", "micturi"),
    "erection": ("erectile", "erection", "impoten"),
    "impotence": ("erectile", "impoten"),
    "ovary": ("ovar", "oophor"),
    "fertility": ("fertil", "infertil", "concept"),
    "breastfeeding": ("lactat", "breastfeed", "breast-feed"),
    "contraceptive": ("contracept", "intrauterine device", "intrauterine system", "iud", "ius", "medroxyprogesterone",
                      "levonorgestrel"),
    "condom": ("condom",),
    "smear": ("cervical screen", "cytolog", "pap$"),
    "newborn": ("neonat", "newborn", "infant"),
    "toddler": ("infant", "child", "toddler", "paediatric", "pediatric"),
    # infections
    "tick": ("tick", "lyme", "borrel"),
    "mosquito": ("mosquito", "malaria", "anophel", "antimalari"),
    "dummy": ("placebo", "sham"),
    "worm": ("helminth", "worm", "threadworm", "parasit"),
    "glandular": ("mononucleos", "epstein", "ebv"),
    "pus": ("purulen", "abscess", "pus$"),
    "boil": ("abscess", "furuncl", "boil$"),
    "sweating": ("sweat", "hyperhidros", "diaphores"),
    "chills": ("rigor", "chill", "fever", "febril"),
    "shivering": ("rigor", "shiver"),
    "exhaustion": ("fatigu", "exhaust"),
    # medicines
    "pill": ("tablet", "capsule", "oral", "pill", "contracept"),
    "capsule": ("capsule", "oral"),
    "syrup": ("oral solution", "suspension", "syrup", "liquid"),
    "lotion": ("topical", "lotion", "cream", "emollient"),
    "shampoo": ("shampoo",),
    "antihistamine": ("antihistamin", "cetirizine", "loratadine", "chlorphenamine", "fexofenadine", "h1"),
    "sedative": ("sedat", "benzodiazep", "hypnotic"),
    "antiviral": ("antivir", "aciclovir", "valaciclovir", "oseltamivir"),
    "antifungal": ("antifung", "terbinafine", "nystatin", "clotrimazole", "fluconazole"),
    "vaccine": ("vaccin", "immunis", "immuniz"),
    "booster": ("booster",),
    "ultrasound": ("doppler", "sonograph", "ultrason", "echocardiogra", "ultrasound"),
    "bandage": ("compress", "dressing", "bandag"),
    "parasite": ("plasmod", "parasit", "helminth", "protozo", "malaria", "scabies", "pedicul"),
    "toothpaste": ("fluorid", "dentifrice", "toothpaste"),
    "malaria": ("malari", "plasmod"),
}
"""Everyday word -> starts of the technical words it can stand for (lower case; three letters or fewer, or
ending in "$", a whole word). A start is no suffix ("-mycin"): it must begin the source's word."""

LAY_WORDS: dict[str, tuple[str, ...]] = {}
"""The everyday words by stem, so "clots", "painkillers" and "jabs" find theirs ("numb" and "numbing" share)."""
for _word, _starts in _LAY.items():
    LAY_WORDS[stem(_word)] = LAY_WORDS.get(stem(_word), ()) + _starts


class SourceStarts:
    """The starts of a source's words (and of its two- and three-word runs, for "heart rate" and "low birth
    weight"), looked up in one step: a phrasing of thousands of words stays linear."""

    def __init__(self, words: list[str]) -> None:
        self._words = words
        self.words = frozenset(words)

    @cached_property
    def starts(self) -> frozenset[str]:
        """Made on the first lookup: most phrasings use no everyday word for a term."""
        words = self._words
        runs = [*words, *(" ".join(words[i:i + 2]) for i in range(len(words) - 1)),
                *(" ".join(words[i:i + 3]) for i in range(len(words) - 2))]
        return frozenset(run[:n] for run in runs for n in range(4, min(len(run), _LONGEST) + 1))

    def __contains__(self, start: object) -> bool:
        # A start of three letters or fewer is a whole word ("qt", "ecg"): as a start it would match "quite". So is
        # one marked with "$" ("colon$", not "colonial").
        if not isinstance(start, str):
            return False
        if start.endswith("$"):
            return start[:-1] in self.words
        return start in self.words if len(start) <= 3 else start in self.starts


_LONGEST = 24
"""The longest start looked up (lay_terms' and health_words' starts: "coronary artery disease" is 23; a test
keeps every start within it)."""


def stands_for(word: str, source: SourceStarts) -> bool:
    """Whether an everyday word says a term the source names: "clots" where the source says "thromboembolism"."""
    word = word.lower()
    starts = LAY_WORDS.get(stem(word)) or LAY_WORDS.get(stem(word.removesuffix("s")))
    return starts is not None and any(start in source for start in starts)

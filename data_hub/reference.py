"""Reference facts the data hub is seeded with and matches sources against.

Countries come from pycountry (ISO 3166 codes, UN M49 numeric codes, names and their
Arabic and French translations); this module adds only what pycountry lacks: the
spellings UN DESA uses, the one UN area without an ISO code, a few better Arabic and
French names, common variants met in sources, the UN regions (so that region rows can
be recognised and left out), and the groups from docs/REFERENCE.md, whose member States are the shell's
(rwg_portal.reference).
"""

from rwg_portal.reference import ARAB_REGION, ARAB_STATE_CODES, NAME_OVERRIDES, group_members

# English names as UN DESA writes them, where they differ from pycountry's name.
UN_NAMES = {
    "BOL": "Bolivia (Plurinational State of)",
    "VGB": "British Virgin Islands",
    "COD": "Democratic Republic of the Congo",
    "PSE": "State of Palestine",
    "VAT": "Holy See",
    "HKG": "China, Hong Kong SAR",
    "IRN": "Iran (Islamic Republic of)",
    "PRK": "Dem. People's Republic of Korea",
    "KOR": "Republic of Korea",
    "MAC": "China, Macao SAR",
    "MDA": "Republic of Moldova",
    "FSM": "Micronesia (Fed. States of)",
    "SHN": "Saint Helena",
    "TUR": "Turkey",
    "TZA": "United Republic of Tanzania",
    "USA": "United States of America",
    "VIR": "United States Virgin Islands",
    "VEN": "Venezuela (Bolivarian Republic of)",
    "WLF": "Wallis and Futuna Islands",
}

# UN areas that have an M49 code but no ISO 3166-1 entry: (code, m49, en, ar, fr).
EXTRA_AREAS = [
    ("CHI", 830, "Channel Islands", "جزر القنال", "Îles Anglo-Normandes"),
]

# Arabic names where pycountry has none, writes them in the inverted list form, or the shell names them otherwise.
ARABIC_NAMES = {
    "TUR": "تركيا",
    "COD": "جمهورية الكونغو الديمقراطية",
    "FSM": "ميكرونيزيا (ولايات - الموحدة)",
    "IRN": "إيران (جمهورية - الإسلامية)",
    "KOR": "جمهورية كوريا",
    "PRK": "جمهورية كوريا الشعبية الديمقراطية",
    "TZA": "جمهورية تنزانيا المتحدة",
    "VGB": "جزر فرجن البريطانية",
    "VIR": "جزر فرجن التابعة للولايات المتحدة",
    "SHN": "سانت هيلانة",
    **NAME_OVERRIDES["ar"],
}

# French names where pycountry writes them in the inverted list form ("Palestine, État de").
FRENCH_NAMES = {
    "ALA": "Îles d'Åland",
    "BOL": "Bolivie (État plurinational de)",
    "CCK": "Îles Cocos (Keeling)",
    "CXR": "Île Christmas",
    "FLK": "Îles Falkland (Malvinas)",
    "FSM": "Micronésie (États fédérés de)",
    "IRN": "Iran (République islamique d')",
    "KOR": "République de Corée",
    "LAO": "République démocratique populaire lao",
    "MDA": "République de Moldova",
    "PRK": "République populaire démocratique de Corée",
    "REU": "La Réunion",
    "RUS": "Fédération de Russie",
    "SLB": "Îles Salomon",
    "TWN": "Taïwan",
    "TZA": "République-Unie de Tanzanie",
    "VEN": "Venezuela (République bolivarienne du)",
    "VIR": "Îles Vierges américaines",
    "USA": "États-Unis d'Amérique",
    **NAME_OVERRIDES["fr"],
}

# Spellings met in UN revisions and agency files, beyond pycountry's names.
VARIANTS = {
    "BOL": ["Bolivia"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "COD": ["DR Congo", "Democratic Republic of Congo", "Congo, Dem. Rep.", "Congo (Kinshasa)", "Zaire"],
    "COG": ["Republic of the Congo", "Congo, Rep.", "Congo (Brazzaville)"],
    "CPV": ["Cape Verde"],
    "CZE": ["Czech Republic"],
    "SWZ": ["Swaziland"],
    "MKD": ["The former Yugoslav Republic of Macedonia", "TFYR Macedonia", "Macedonia"],
    "GBR": ["United Kingdom of Great Britain and Northern Ireland", "UK", "Great Britain"],
    "USA": ["United States", "USA", "US"],
    "IRN": ["Iran"],
    "KOR": ["South Korea", "Korea, Rep."],
    "PRK": ["North Korea", "Korea, Dem. People's Rep.", "Democratic People's Republic of Korea"],
    "LAO": ["Laos", "Lao PDR"],
    "MDA": ["Moldova"],
    "PSE": ["Palestine", "Occupied Palestinian Territory", "Gaza Strip and West Bank", "West Bank and Gaza"],
    "RUS": ["Russia"],
    "SYR": ["Syria"],
    "TZA": ["Tanzania"],
    "TUR": ["Türkiye", "Turkiye"],
    "VEN": ["Venezuela"],
    "VNM": ["Vietnam", "Viet Nam"],
    "HKG": ["Hong Kong", "Hong Kong SAR, China", "China, Hong Kong Special Administrative Region"],
    "MAC": ["Macao", "Macau", "Macao SAR, China", "China, Macao Special Administrative Region"],
    "FSM": ["Micronesia (Federated States of)", "Federated States of Micronesia", "Micronesia, Fed. Sts."],
    "VAT": ["Vatican", "Vatican City"],
    "BRN": ["Brunei"],
    "EGY": ["Egypt, Arab Rep.", "Arab Republic of Egypt"],
    "YEM": ["Yemen, Rep."],
    "GMB": ["Gambia, The"],
    "BHS": ["Bahamas, The"],
    "KGZ": ["Kyrgyz Republic"],
    "SVK": ["Slovak Republic"],
    "LCA": ["St. Lucia"],
    "KNA": ["St. Kitts and Nevis"],
    "VCT": ["St. Vincent and the Grenadines"],
    "MAF": ["Saint Martin (French part)"],
    "SXM": ["Sint Maarten (Dutch part)"],
    "CUW": ["Curacao"],
    "REU": ["Reunion"],
    "WLF": ["Wallis and Futuna"],
}

# Former M49 codes still found in older revisions: Sudan was 736 before South Sudan's independence.
FORMER_M49 = {"SDN": [736]}

# The 22 member States of the League of Arab States and the sub-regional groups of UN-ESCWA's
# reports (docs/REFERENCE.md). Groups may overlap.
GROUPS = [
    (ARAB_REGION, "Arab region", "المنطقة العربية", "Région arabe", ARAB_STATE_CODES),
    ("MAGHREB", "Maghreb", "المغرب العربي", "Maghreb", group_members("maghreb")),
    ("MASHREQ", "Mashreq", "المشرق العربي", "Machrek", group_members("mashreq")),
    ("GCC", "Gulf Cooperation Council", "مجلس التعاون الخليجي", "Conseil de coopération du Golfe",
     group_members("gcc")),
    ("ARAB_LDC", "Arab least developed countries", "أقل البلدان العربية نموا", "Pays arabes les moins avancés",
     group_members("ldc")),
]
# The 22 Arab States, which place pickers list right after the groups.
ARAB_STATES = frozenset(ARAB_STATE_CODES)

# UN M49 codes of regions and UN DESA's aggregates (UN DESA numbers its own aggregates from 900 up).
REGION_CODES = {
    1, 2, 5, 9, 11, 13, 14, 15, 17, 18, 19, 21, 29, 30, 34, 35, 39, 53, 54, 57, 61, 142, 143, 145, 150, 151,
    154, 155, 202, 419,
}
FIRST_AGGREGATE_CODE = 900
REGION_NAMES = {
    "World", "Africa", "Americas", "Asia", "Europe", "Oceania", "Northern America", "Latin America and the Caribbean",
    "Sub-Saharan Africa", "Northern Africa", "Eastern Africa", "Middle Africa", "Southern Africa", "Western Africa",
    "Western Asia", "Central Asia", "Southern Asia", "Eastern Asia", "South-Eastern Asia", "Caribbean",
    "Central America", "South America", "Australia / New Zealand", "Australia and New Zealand", "Melanesia",
    "Micronesia", "Polynesia", "Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe",
    "Northern Africa and Western Asia", "Central and Southern Asia", "Eastern and South-Eastern Asia",
    "Europe and Northern America", "Oceania (excluding Australia and New Zealand)", "Other North", "Other South",
    "Total", "Land-locked Developing Countries (LLDC)", "Small Island Developing States (SIDS)",
    "Arab region", "Arab States",
}
# Words that mark an aggregate row ("Low-income countries", "More developed regions", ...).
AGGREGATE_PATTERN = (
    r"\b(regions?|groups?|countries|income|developed|developing|world|total|other north|other south|sdg|"
    r"small island|land.?locked|unknown)\b"
)

# Built-in indicators: (code, en, ar, fr, unit, has_origin, additive, aggregation).
INDICATORS = [
    ("migrant_stock", "International migrant stock", "رصيد المهاجرين الدوليين", "Stock de migrants internationaux",
     "persons", False, True, "sum"),
    ("population", "Total population", "مجموع السكان", "Population totale", "persons", False, True, "sum"),
    ("migrant_share", "International migrants as a share of the population",
     "نسبة المهاجرين الدوليين من مجموع السكان", "Part des migrants internationaux dans la population",
     "percent", False, False, "share_of_population"),
    ("female_share", "Female migrants as a share of all international migrants",
     "نسبة المهاجرات من مجموع المهاجرين الدوليين", "Part des femmes parmi les migrants internationaux",
     "percent", False, False, "female_share"),
    ("refugees", "Refugees and asylum seekers", "اللاجئون وطالبو اللجوء", "Réfugiés et demandeurs d'asile",
     "persons", False, True, "sum"),
    ("od_migrant_stock", "International migrant stock by origin and destination",
     "رصيد المهاجرين الدوليين حسب بلد المنشأ وبلد المقصد",
     "Stock de migrants internationaux par origine et destination", "persons", True, True, "sum"),
    ("labour_migrants", "Labour migrants", "العمال المهاجرون", "Travailleurs migrants", "persons", False, True, "sum"),
    ("remittances", "Remittances received", "التحويلات المالية الواردة", "Envois de fonds reçus", "usd", False, True,
     "sum"),
]

# Built-in indicators that only the secretariat's datasets (agency empty: UN DESA's series) may hold. An agency's
# file may not use them: its release would otherwise stand beside, or in for, the official figures. The other
# built-in indicators (labour migrants, remittances) are there for the agencies' own data.
SECRETARIAT_INDICATORS = ("migrant_stock", "population", "migrant_share", "female_share", "refugees",
                          "od_migrant_stock")

# Built-in datasets: (code, en, ar, fr, publisher).
UNDESA_PUBLISHER = "United Nations, Department of Economic and Social Affairs, Population Division"
DATASETS = [
    ("undesa-stock", "International Migrant Stock (by destination)", "رصيد المهاجرين الدوليين (حسب بلد المقصد)",
     "Stock de migrants internationaux (par destination)", UNDESA_PUBLISHER),
    ("undesa-od", "International Migrant Stock (by origin and destination)",
     "رصيد المهاجرين الدوليين (حسب بلد المنشأ وبلد المقصد)",
     "Stock de migrants internationaux (par origine et destination)", UNDESA_PUBLISHER),
]
UNDESA_LICENCE = "CC BY 3.0 IGO"

# Years a figure may carry: UN series start in 1950 at the earliest.
FIRST_YEAR = 1950

"""Synthetic chat-style sentences and the gazetteer.

Names come from Faker's person providers in 30 locales (Latin-script ones folded, romanized
Chinese/Japanese, a few native-script ones), addresses from Faker's address providers of ten
countries, organisations from Faker and Presidio-research's company list. Templates are filled
segment by segment, so casing and punctuation can be changed afterwards without losing the spans.

The gazetteer is built from ~70% of each name pool: the other 30% only ever appear in sentences,
so the model learns names from context too, not only from list hits.
"""
import csv
import datetime
import random
import re
import unicodedata

from faker import Faker

from data import DATA

NAME_LOCALES = ["en_US", "en_GB", "en_IN", "en_NG", "en_KE", "en_PH", "es_ES", "es_MX", "fr_FR", "de_DE",
                "it_IT", "pt_BR", "pl_PL", "tr_TR", "vi_VN", "id_ID", "yo_NG", "ig_NG", "ha_NG", "zu_ZA", "sw",
                "nl_NL", "sv_SE", "ga_IE", "hi_IN", "ar_AA", "ru_RU", "zh_CN", "ja_JP", "ko_KR"]
ADDRESS_LOCALES = ["en_US", "en_GB", "en_CA", "en_AU", "en_IN", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL"]
# Dates are drawn up to a fixed day, not today: the same seed gives the same sentences any day.
FIXED_NOW = datetime.datetime(2025, 1, 1)
# Family name first, as written at home.
FAMILY_FIRST = {"vi_VN", "zh_CN", "ja_JP", "ko_KR", "hu_HU"}
VI_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
VI_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quang", "Anh"]
VI_GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh",
            "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Trung", "Tuấn", "Việt", "Yến"]
# First names that are also ordinary English words: seen as names *and* as words.
WORD_NAMES = ["Rose", "Will", "Mark", "Bill", "Grace", "Hope", "May", "Summer", "Jack", "Faith", "Joy", "Daisy", "Holly",
              "Dawn", "Frank", "Sandy", "Drew", "Pat", "Iris", "Ivy", "Heather", "Amber", "Rob", "Sue", "Penny", "Crystal"]
WORLD_CITIES = """London Leeds Manchester Birmingham Glasgow Edinburgh Cardiff Belfast Bristol Liverpool Sheffield Newcastle
Nottingham Leicester Oxford Cambridge Brighton York Dublin Cork Paris Lyon Marseille Toulouse Nice Bordeaux Berlin Munich
Hamburg Cologne Frankfurt Stuttgart Vienna Zurich Geneva Bern Madrid Barcelona Valencia Seville Bilbao Lisbon Porto Rome
Milan Naples Turin Florence Venice Amsterdam Rotterdam Utrecht Brussels Antwerp Copenhagen Stockholm Oslo Helsinki Warsaw
Krakow Prague Budapest Bucharest Athens Istanbul Ankara Moscow Kyiv Cairo Lagos Abuja Ibadan Accra Nairobi Mombasa Kampala
Kigali Addis-Ababa Johannesburg Durban Casablanca Tunis Dakar Dubai Riyadh Doha Tehran Karachi Lahore Islamabad Delhi
Mumbai Bangalore Bengaluru Chennai Hyderabad Kolkata Pune Dhaka Colombo Kathmandu Bangkok Hanoi Saigon Singapore Jakarta
Manila Beijing Shanghai Shenzhen Guangzhou Chengdu Wuhan Tokyo Osaka Kyoto Seoul Busan Taipei Sydney Melbourne Brisbane
Perth Adelaide Auckland Wellington Toronto Montreal Vancouver Calgary Ottawa Chicago Boston Seattle Houston Dallas Austin
Denver Atlanta Miami Phoenix Philadelphia Detroit Portland Baltimore Nashville Mexico-City Guadalajara Bogota Lima Quito
Santiago Buenos-Aires Montevideo Caracas Havana Brooklyn Queens Manhattan Oakland Sacramento Honolulu Anchorage""".split()
WORLD_CITIES = [c.replace("-", " ") for c in WORLD_CITIES] + ["New York", "Los Angeles", "San Francisco", "San Diego",
                                                              "Las Vegas", "Hong Kong", "Kuala Lumpur", "Rio de Janeiro",
                                                              "Sao Paulo", "Cape Town", "Tel Aviv", "Ho Chi Minh City",
                                                              "New Delhi", "Washington", "St Louis", "Salt Lake City"]
ORG_WORDS = ["inc", "ltd", "llc", "llp", "plc", "corp", "corporation", "co", "gmbh", "ag", "sa", "bv", "nv", "group",
             "holdings", "bank", "university", "college", "institute", "foundation", "council", "ministry", "agency",
             "hospital", "clinic", "school", "partners", "associates", "technologies", "systems", "solutions",
             "labs", "media", "insurance", "airlines", "motors", "pharma", "capital", "trust", "society", "club",
             "fc", "united", "department", "committee", "commission", "association", "union", "nhs"]
STREET_WORDS = ["street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "boulevard", "blvd", "way",
                "court", "ct", "place", "pl", "square", "sq", "terrace", "crescent", "close", "grove", "gardens",
                "highway", "hwy", "parkway", "pkwy", "circle", "strasse", "straße", "str", "weg", "allee", "platz",
                "gasse", "rue", "avenida", "calle", "via", "viale", "piazza", "corso", "laan", "straat", "gracht",
                "plein", "marg", "nagar", "chowk", "suite", "apt", "apartment", "flat", "unit", "floor"]
TITLES = ["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "mx", "madam", "rev", "herr", "frau",
          "mme", "mlle", "sr", "sra", "shri", "smt"]
PRODUCTS = ["iPhone 15", "iPhone", "Excel", "PowerPoint", "Photoshop", "Kindle", "AirPods", "PlayStation 5", "Xbox",
            "Galaxy S24", "Pixel 8", "Windows 11", "Slack", "Zoom", "Jira", "Python", "Docker", "Kubernetes", "React",
            "ChatGPT", "Outlook", "Teams", "WordPress", "MacBook Pro", "iPad", "Android", "Linux", "Chrome", "Firefox"]
HEADINGS = ["Summary Of Results", "Quarterly Sales Report", "Action Items", "Project Timeline And Budget", "Key Findings",
            "Next Steps", "Meeting Notes", "Executive Summary", "Table Of Contents", "Terms And Conditions",
            "Frequently Asked Questions", "Release Notes", "Known Issues", "Background And Motivation", "Risk Assessment",
            "Annual Review", "Product Roadmap", "Customer Feedback", "Lessons Learned", "Budget Overview"]


def fold(s):
    s = unicodedata.normalize("NFKC", s).lower()
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).replace("’", "'")


def _names(x):
    """A provider's names in a fixed order: some of Faker's lists are sets, whose order changes with
    the interpreter's hash seed, and the draws below must not (the same seed, the same sentences)."""
    if x is None:
        return []
    return sorted(x.keys() if isinstance(x, dict) else x)


class Pools:
    """Name, place, organisation and address generators, with a gazetteer/held-back split."""

    def __init__(self, seed, gaz_frac=0.7, lexicon=None):
        self.rng = random.Random(seed)
        # Census names and nicknames ("Matt", "Trisha") stand in for some English first names; a
        # separate generator, so every other draw is the same with and without the lexicon.
        self.lexicon = lexicon
        self.lex_rng = random.Random(seed + 7)
        self.lex_first = sorted(n.capitalize() for n in lexicon["first"]) if lexicon else []
        Faker.seed(seed)
        self.fakers = {loc: Faker(loc) for loc in sorted(set(NAME_LOCALES) | set(ADDRESS_LOCALES))}
        self.first, self.last = {}, {}
        for loc in NAME_LOCALES:
            p = self.fakers[loc].provider("faker.providers.person")
            if hasattr(p, "first_romanized_names"):
                first, last = _names(p.first_romanized_names), _names(p.last_romanized_names)
                first_native = _names(getattr(p, "first_names", None))
                last_native = _names(getattr(p, "last_names", None))
                self.first[loc + "_native"], self.last[loc + "_native"] = first_native, last_native
            else:
                first = _names(getattr(p, "first_names", None)) or (
                    _names(getattr(p, "first_names_male", None)) + _names(getattr(p, "first_names_female", None)))
                last = _names(getattr(p, "last_names", None))
            if loc == "vi_VN":
                first, last = VI_GIVEN, VI_FAMILY
            if loc == "pl_PL":
                last = ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
                        "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Krawczyk"]
            self.first[loc], self.last[loc] = [n for n in first if n], [n for n in last if n]
        pres = DATA / "pii/presidio_research"
        self.orgs = [r["organization"] for r in csv.DictReader(open(pres / "companies_and_organizations.csv", encoding="utf-8-sig"))]
        fng = list(csv.DictReader(open(pres / "FakeNameGenerator.com_3000.csv", encoding="utf-8-sig")))
        self.cities = sorted({r["City"] for r in fng if r["City"]} | set(WORLD_CITIES))
        for loc in ["de_DE", "en_IN", "it_IT", "fr_FR", "es_ES", "nl_NL"]:
            p = self.fakers[loc].provider("faker.providers.address")
            self.cities += [c for c in _names(getattr(p, "cities", None)) if c][:300]
        self.countries = sorted({self.fakers["en_US"].country() for _ in range(3000)})
        # The gazetteer sees a fraction (default ~70%) of each pool.
        split = random.Random(seed + 1)
        self.gaz_first = {fold(n) for pool in self.first.values() for n in pool if split.random() < gaz_frac}
        self.gaz_last = {fold(n) for pool in self.last.values() for n in pool if split.random() < gaz_frac}
        self.gaz_city = {fold(c) for c in self.cities if split.random() < gaz_frac}
        if lexicon:
            self.gaz_first |= lexicon["first"]
            self.gaz_last |= lexicon["last"]

    def gazetteer(self):
        def latin(s):
            return all(ord(c) < 0x250 or unicodedata.combining(c) for c in unicodedata.normalize("NFD", s))

        return {
            "first": sorted(n for n in self.gaz_first if latin(n)),
            "last": sorted(n for n in self.gaz_last if latin(n)),
            "city": sorted(self.gaz_city),
            "country": sorted({fold(c) for c in self.countries}),
            "org": ORG_WORDS,
            "street": STREET_WORDS,
            "title": TITLES,
        } | ({"word": sorted(self.lexicon["word"])} if self.lexicon else {})

    # --- generators -------------------------------------------------------------------------
    def locale(self):
        loc = self.rng.choice(NAME_LOCALES)
        if loc in ("zh_CN", "ja_JP", "ko_KR", "hi_IN", "ar_AA", "ru_RU") and self.rng.random() < 0.15:
            return loc + "_native" if loc + "_native" in self.first else loc
        return loc

    def first_name(self):
        if self.rng.random() < 0.06:
            return self.rng.choice(WORD_NAMES)
        loc = self.locale()
        name = self.rng.choice(self.first[loc])
        if self.lex_first and loc.startswith("en_") and self.lex_rng.random() < 0.3:
            return self.lex_rng.choice(self.lex_first)
        return name

    def last_name(self):
        return self.rng.choice(self.last[self.locale()])

    def person(self):
        loc = self.locale()
        first = self.rng.choice(WORD_NAMES) if self.rng.random() < 0.05 else self.rng.choice(self.first[loc])
        last = self.rng.choice(self.last[loc])
        base = loc.replace("_native", "")
        if loc == "vi_VN":
            return f"{last} {self.rng.choice(VI_MIDDLE)} {first}"
        if loc.endswith("_native") and base in ("zh_CN", "ja_JP", "ko_KR"):
            return last + first
        if base in FAMILY_FIRST and self.rng.random() < 0.5:
            return f"{last} {first}"
        r = self.rng.random()
        if r < 0.08:
            return f"{first} {self.rng.choice('ABCDEFGHJKLMNPRST')}. {last}"
        if r < 0.15 and base in ("es_ES", "es_MX", "pt_BR"):
            return f"{first} {self.rng.choice(self.first[loc])} {last} {self.rng.choice(self.last[loc])}"
        return f"{first} {last}"

    def city(self):
        if self.rng.random() < 0.2:
            return self.fakers[self.rng.choice(ADDRESS_LOCALES)].city()
        return self.rng.choice(self.cities)

    def location(self):
        r = self.rng.random()
        if r < 0.25:
            return self.rng.choice(self.countries)
        if r < 0.32:
            return self.fakers["en_US"].state()
        return self.city()

    def organization(self):
        r = self.rng.random()
        if r < 0.5:
            return self.rng.choice(self.orgs)
        if r < 0.65:
            return f"{self.last_name()} {self.rng.choice(['Ltd', 'Inc', 'LLC', 'GmbH', 'Group', 'Holdings', 'Partners', '& Co', 'Bank', 'Consulting'])}"
        if r < 0.75:
            return f"University of {self.rng.choice(WORLD_CITIES)}"
        return self.fakers[self.rng.choice(ADDRESS_LOCALES)].company()

    def address(self):
        f = self.fakers[self.rng.choice(ADDRESS_LOCALES)]
        r = self.rng.random()
        if r < 0.45:
            return f.street_address()
        return re.sub(r"\s*\n\s*", ", ", f.address())

    def other(self, kind):
        f = self.fakers["en_US"]
        table = {
            "email": f.email, "phone_number": f.phone_number, "credit_card_number": f.credit_card_number,
            "iban": f.iban, "ssn": f.ssn, "url": f.url, "ip_address": f.ipv4, "date_time": lambda: str(f.date_time(end_datetime=FIXED_NOW)),
            "date_of_birth": lambda: f.date_between_dates(datetime.date(1935, 1, 1), datetime.date(2007, 12, 31)).strftime(self.rng.choice(["%d/%m/%Y", "%B %d, %Y", "%Y-%m-%d"])),
            "year": lambda: str(f.random_int(1970, 2025)), "age": lambda: str(self.rng.randint(18, 90)), "job": f.job,
            "day_of_week": f.day_of_week, "us_driver_license": lambda: f.bothify("?#######").upper(),
            "state_abbr": f.state_abbr, "prefix": lambda: self.rng.choice(["Mr.", "Ms.", "Dr.", "Mrs."]),
            "prefix_male": lambda: self.rng.choice(["Mr.", "Dr.", "Mr"]), "prefix_female": lambda: self.rng.choice(["Ms.", "Mrs.", "Dr."]),
            "nationality": lambda: self.rng.choice(["French", "Nigerian", "Indian", "Mexican", "Thai", "Italian", "Korean", "Ethiopian"]),
            "nation_woman": lambda: self.rng.choice(["French", "Nigerian", "Indian"]),
            "nation_plural": lambda: self.rng.choice(["Italians", "Brazilians", "Germans"]),
            "postcode": f.postcode, "zipcode": f.zipcode, "building_number": f.building_number,
            "secondary_address": f.secondary_address, "street_name": f.street_name,
            "product": lambda: self.rng.choice(PRODUCTS), "heading": lambda: self.rng.choice(HEADINGS),
            "money": lambda: f"${self.rng.randint(5, 5000)}", "time": lambda: f"{self.rng.randint(1, 12)}{self.rng.choice(['am', 'pm', ':30', ' o clock'])}",
        }
        return table[kind]()


SLOT_ENTITY = {
    "person": "PERSON", "name": "PERSON", "name_male": "PERSON", "name_female": "PERSON",
    "first_name": "PERSON", "first_name_male": "PERSON", "first_name_female": "PERSON", "first_name_nonbinary": "PERSON",
    "last_name": "PERSON", "last_name_male": "PERSON", "last_name_female": "PERSON",
    "city": "LOCATION", "country": "LOCATION", "location": "LOCATION",
    "organization": "ORGANIZATION", "address": "ADDRESS",
    # Address parts: merged into one ADDRESS span when they stand side by side.
    "street_name": "ADDRESS_PART", "building_number": "ADDRESS_PART", "secondary_address": "ADDRESS_PART",
    "postcode": "ADDRESS_PART", "zipcode": "ADDRESS_PART",
}


def fill_slot(pools, slot):
    ent = SLOT_ENTITY.get(slot)
    if slot in ("person", "name", "name_male", "name_female"):
        return pools.person(), ent
    if slot.startswith("first_name"):
        return pools.first_name(), ent
    if slot.startswith("last_name"):
        return pools.last_name(), ent
    if slot == "city":
        return pools.city(), ent
    if slot == "country":
        return pools.rng.choice(pools.countries), ent
    if slot == "location":
        return pools.location(), ent
    if slot == "organization":
        return pools.organization(), ent
    if slot == "address":
        return pools.address(), ent
    return pools.other(slot), ent


def render(pools, template):
    """Fill a template into segments [(text, entity or None)]."""
    segs = []
    pos = 0
    for m in re.finditer(r"\{\{\s*([a-z_]+)\s*\}\}", template):
        if m.start() > pos:
            segs.append((template[pos:m.start()], None))
        segs.append(fill_slot(pools, m.group(1)))
        pos = m.end()
    if pos < len(template):
        segs.append((template[pos:], None))
    # Merge address parts (and a city right after them) separated by spaces/commas into ADDRESS.
    out = []
    for text, ent in segs:
        if out and ent in ("ADDRESS_PART", "ADDRESS", "LOCATION") and len(out) >= 2 and out[-2][1] in ("ADDRESS_PART", "ADDRESS") \
                and re.fullmatch(r"[ ,]*", out[-1][0]) and (ent != "LOCATION" or out[-2][1] == "ADDRESS_PART"):
            gap = out.pop()[0]
            prev = out.pop()[0]
            out.append((prev + gap + text, "ADDRESS"))
        elif out and ent in ("ADDRESS_PART", "ADDRESS") and out[-1][1] == "ADDRESS_PART":
            prev = out.pop()[0]
            out.append((prev + text, "ADDRESS"))
        else:
            out.append((text, ent))
    return [(t, "ADDRESS" if e == "ADDRESS_PART" else e) for t, e in out]


def lower_same_length(s):
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


def variant(pools, segs):
    """Chat-style variants: all lowercase, no punctuation, or as written."""
    r = pools.rng.random()
    if r < 0.3:
        segs = [(lower_same_length(t), e) for t, e in segs]
    if pools.rng.random() < 0.2:
        segs = [(re.sub(r"[.,!?;:]", "", t) if e is None else t, e) for t, e in segs]
    text, spans = "", []
    for t, e in segs:
        if e:
            s, end = len(text), len(text) + len(t)
            # Trim spaces inside the span (never happens for generated values, but be safe).
            while s < end and t[s - len(text)].isspace():
                s += 1
            spans.append([s, len(text) + len(t.rstrip()), e])
        text += t
    return {"text": text, "spans": spans}


# Chat-style templates (ours). {{heading}}, {{product}} etc. are negatives: no entity.
CHAT_TEMPLATES = """tell {{person}} in {{city}} that {{organization}}'s offer stands
can you ask {{first_name}} to call me back on {{phone_number}}
hey {{first_name}}, are we still on for lunch in {{city}} tomorrow?
i met {{person}} from {{organization}} at the conference in {{city}}
please send the contract to {{person}} at {{email}}
my landlord {{person}} wants me out of {{address}} by friday
ship it to {{address}} please, attn {{person}}
{{person}} just joined {{organization}} as a {{job}}
draft an email to {{first_name}} about the {{product}} rollout
write a reference letter for {{person}}, who worked with me at {{organization}} for three years
my sister {{first_name}} lives in {{city}} now, near {{address}}
summarize this thread between {{person}} and {{person}} about the {{organization}} merger
remind me to pay {{first_name}} back $40
is {{organization}} hiring in {{location}}?
i'm flying from {{city}} to {{city}} next week with {{first_name}}
{{first_name}} said the meeting with {{organization}} moved to {{day_of_week}}
fix the grammar: {{first_name}} and me went to {{city}} last summer
my doctor, dr {{last_name}}, works at {{organization}}
the patient {{person}}, born {{date_of_birth}}, was admitted to {{organization}}
translate to french: {{person}} lives at {{address}}
who is the ceo of {{organization}}
we're moving from {{city}} to {{location}} in {{year}}
{{person}} <{{email}}> wrote: see you in {{city}}
forward this to {{first_name}} and cc {{person}}
ok so {{first_name}} told {{first_name}} that {{organization}} is closing the {{city}} office
my address is {{address}} and my phone is {{phone_number}}
deliver to {{address}}
can you check if {{address}} is in the delivery zone
{{person}} ({{organization}}) will present the {{heading}} slide
rewrite this bio: {{person}} grew up in {{location}} and studied at {{organization}}
i owe {{first_name}} from {{organization}} an apology
please update the billing address for {{person}} to {{address}}
mr {{last_name}} from {{organization}} called about invoice 4471
ask mrs {{last_name}} if she got my email
{{first_name}}: running late, stuck in traffic near {{city}}
lol {{first_name}} u coming to {{city}} this weekend
thanks {{first_name}}!! see you at {{organization}} on {{day_of_week}}
we hired {{person}} through {{organization}} last month
can {{first_name}} cover my shift at the {{city}} store
compare the offers from {{organization}} and {{organization}}
{{organization}} wants to open a branch in {{location}}
book a table for {{first_name}} at 7pm
i need a cover letter for a job at {{organization}} in {{city}}
email {{email}} or call {{phone_number}} and ask for {{person}}
my manager {{person}} rejected my leave request
is it safe to travel to {{location}} right now
what's the weather like in {{city}} in march
{{person}} and {{person}} are getting married in {{location}}
the package for {{person}} is at {{address}}
hi im {{first_name}} from {{location}}, nice to meet you
i live at {{address}}
send the invoice to {{organization}}, {{address}}
please write a birthday message for my friend {{first_name}}
card {{credit_card_number}} belongs to {{person}}
our new hire {{first_name}} {{last_name}} starts monday
{{heading}}
{{heading}}: revenue grew 12% in {{location}}
{{heading}} for the {{product}} launch
how do i export a chart from {{product}} to {{product}}
my {{product}} keeps crashing when i open {{product}}
i will send the report tomorrow, can you review it
the rose garden needs watering before may
please mark this as done and pay the bill
we hope to finish by june, summer is busy
frank feedback on the draft is welcome
the meeting is at {{time}}, agenda attached
is {{product}} better than {{product}} for a small team
can you summarize the {{heading}} section
our revenue was {{money}} last quarter
i drew a picture of a daisy and some ivy
give me a recipe with amber ale and heather honey
the crystal vase cost a penny less than expected
""".strip().split("\n")

CHAT_TEST_TEMPLATES = """let {{person}} know that {{organization}} accepted the terms
{{first_name}} from accounting says the {{city}} office is closed today
please write a thank you note to {{person}} at {{organization}}
my new address is {{address}}, please update your records
can you tell {{first_name}} i'll be in {{city}} on {{day_of_week}}
{{person}} called from {{organization}} about my claim
i'm meeting {{first_name}} and {{first_name}} in {{location}} next month
send the samples to {{address}} before friday
ask dr {{last_name}} whether {{organization}} covers the treatment
{{person}} is the new head of {{organization}} in {{location}}
hey {{first_name}} did u get my text
my brother {{first_name}} works for {{organization}} in {{city}}
draft a complaint to {{organization}} about my order to {{address}}
is {{location}} expensive to live in
we visited {{city}} and {{city}} on our honeymoon
{{heading}}
{{heading}} - {{organization}} draft
my {{product}} won't sync with {{product}}
will you mark the bill as paid
i hope the rose bushes survive the frost
""".strip().split("\n")


# Names that are also words, used as words (verbs, nouns, adjectives) in chat-style requests: the
# lowercased training tweets and the lowercased synthetic names teach "mark", "bill", "grace" as
# lowercase *names*; these teach them as words. Written for training only: none of the phrases of
# tests/model_ner.rs is here (they test whether this generalizes).
WORD_USES = """mark this thread as read|mark all of them as spam|can i mark a pdf with comments|mark my words
bill them by the hour|the phone bill went up again|bill it to the project account|split the bill three ways
hope this helps|fingers crossed, hope so|i have high hopes for the launch|there is no hope for that printer
it will rain later|you will need a passport|will it work on linux|who will pay for it
may i ask why|it may take a while|the office may close early|what may cause this error
the seller gave us a grace period|she handled it with grace|say grace before dinner
our summer plans fell through|summer interns start soon|it was a hot summer
jack up the car first|the headphone jack is broken|plug it into the audio jack
a frank review of the code|let me be frank with you|he was frank about the risks
prices rose sharply this week|the sun rose at six|a red rose for the table
the joy of cooking|jump for joy|no joy with the refund yet
he drew the short straw|she drew a quick sketch|the match drew a big crowd
pat the fish dry|a pat on the back|the answer came out pat
not worth a penny|spend every penny|the penny dropped
crystal clear instructions|a crystal glass|the crystal oscillator failed
an amber traffic light|the amber alert went out|amber tones in the photo
at dawn we leave|it began to dawn on me|dawn till dusk
keep the faith|a leap of faith|in good faith we paid
a daisy chain of usb hubs|fresh as a daisy|pick a daisy
sandy soil drains fast|the beach was sandy|a sandy colour
heather grows on the moor|a heather grey sweater|bees love heather
the iris of the eye|an iris scanner at the door|iris flowers in spring
ivy covered the wall|poison ivy rash|cut back the ivy
holly berries are toxic|a holly bush by the gate|holly wreaths for sale
sue them for damages|can i sue my landlord|they threatened to sue
rob a bank in the game|they tried to rob the store|don't rob yourself of sleep
a summer of love|the rose bush|will power alone
""".replace("\n", "|").strip("|").split("|")
WORD_USE_FRAMES = ["{}", "{} please", "can you help, {}", "ok so {}", "thanks! {}", "{} lol", "hey {}", "quick question: {}",
                   "i think {}", "{}, right?", "btw {}", "so yeah {}"]


def word_use_negatives(seed, n):
    """`n` sentences in which names-that-are-words are only words: no entity, every token O."""
    rng = random.Random(seed * 7919 + 17)
    out = []
    for _ in range(n):
        text = rng.choice(WORD_USE_FRAMES).format(rng.choice(WORD_USES))
        r = rng.random()
        if r < 0.3:
            text = text[0].upper() + text[1:] + ("" if text[-1] in "?!." else ".")
        out.append({"text": text, "spans": [], "source": "word_uses", "split": "train"})
    return out


def presidio_templates():
    lines = [l.strip().replace("\\n", "\n") for l in open(DATA / "pii/presidio_research/templates.txt", encoding="utf-8") if l.strip()]
    return lines


def synthetic(seed, n_train, n_test, gaz_frac=0.7, lexicon=None):
    """Synthetic train and chat-style test examples. The test uses held-out templates (ours and one
    in five of Presidio's) so it measures more than memorized sentence frames."""
    pools = Pools(seed, gaz_frac, lexicon)
    pres = presidio_templates()
    pres_test = pres[::5]
    pres_train = [t for i, t in enumerate(pres) if i % 5]
    out = []
    plan = [("train", n_train, CHAT_TEMPLATES, pres_train), ("val", n_test // 2, CHAT_TEMPLATES, pres_train),
            ("test", n_test, CHAT_TEST_TEMPLATES, pres_test)]
    for split, n, ours, theirs in plan:
        for _ in range(n):
            template = pools.rng.choice(ours) if pools.rng.random() < 0.7 else pools.rng.choice(theirs)
            ex = variant(pools, render(pools, template))
            ex.update(source="synthetic", split=split)
            out.append(ex)
    return out, pools.gazetteer()

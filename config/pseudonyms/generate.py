"""Builds config/pseudonyms.json: the name tables the pseudonym operator draws stand-ins from.

Sources (both MIT): Faker's person providers (locales below) and presidio-research's
FakeNameGenerator sample (../shared/data/pii/presidio_research). Run with a Python that has
`faker` installed:  python config/pseudonyms/generate.py > config/pseudonyms.json
Latin-script locales only where the stand-in must be typeable next to the original; CJK and other
scripts keep their own script, so a Chinese name gets a Chinese stand-in.
"""
import csv
import importlib
import json
import pathlib
import sys

# culture name -> Faker locale
LOCALES = {
    "english": "en_US", "british": "en_GB", "irish": "en_IE", "german": "de_DE", "french": "fr_FR",
    "spanish": "es_ES", "mexican": "es_MX", "portuguese": "pt_PT", "brazilian": "pt_BR", "italian": "it_IT",
    "dutch": "nl_NL", "swedish": "sv_SE", "norwegian": "no_NO", "danish": "da_DK", "finnish": "fi_FI",
    "polish": "pl_PL", "czech": "cs_CZ", "hungarian": "hu_HU", "romanian": "ro_RO", "russian": "ru_RU",
    "ukrainian": "uk_UA", "greek": "el_GR", "turkish": "tr_TR", "arabic": "ar_AA", "persian": "fa_IR",
    "hebrew": "he_IL", "indian": "en_IN", "hindi": "hi_IN", "tamil": "ta_IN", "nepali": "ne_NP",
    "pakistani": "en_PK", "bangladeshi": "bn_BD", "chinese": "zh_CN", "taiwanese": "zh_TW", "japanese": "ja_JP",
    "korean": "ko_KR", "vietnamese": "vi_VN", "thai": "th_TH", "indonesian": "id_ID", "nigerian": "en_NG",
    "yoruba": "yo_NG", "igbo": "ig_NG", "hausa": "ha_NG", "kenyan": "en_KE", "swahili": "sw", "zulu": "zu_ZA",
    "ghanaian": "tw_GH",
}
# Names that are common for every gender in many English-speaking places.
NEUTRAL = ["Alex", "Sam", "Jordan", "Taylor", "Robin", "Jamie", "Casey", "Morgan", "Riley", "Avery", "Quinn",
           "Charlie", "Drew", "Jesse", "Kai", "Rowan", "Sasha", "Noa", "Eden", "Ariel"]
CAP = 50


def names(provider, attr):
    value = getattr(provider, attr, None)
    if value is None:
        return []
    items = list(value.keys()) if isinstance(value, dict) else list(value)
    seen, out = set(), []
    for n in items:
        n = str(n).strip()
        if n and " " not in n and n not in seen:
            seen.add(n)
            out.append(n)
    return out[:CAP]


def main():
    tables = {}
    for culture, locale in LOCALES.items():
        mod = importlib.import_module(f"faker.providers.person.{locale}")
        p = mod.Provider
        female = names(p, "first_names_female")
        male = names(p, "first_names_male")
        last = names(p, "last_names")
        if not last or not (female or male):
            continue
        tables[culture] = {"female": female, "male": male, "last": last}
    fng = pathlib.Path(__file__).resolve().parents[3] / "shared/data/pii/presidio_research/FakeNameGenerator.com_3000.csv"
    if fng.exists():
        for row in csv.DictReader(open(fng, encoding="utf-8-sig")):
            culture = row["NameSet"].lower()
            t = tables.setdefault(culture, {"female": [], "male": [], "last": []})
            g = "female" if row["Gender"] == "female" else "male"
            for key, name in ((g, row["GivenName"]), ("last", row["Surname"])):
                if name and name not in t[key] and len(t[key]) < CAP:
                    t[key].append(name)
    json.dump({"neutral": NEUTRAL, "cultures": tables}, sys.stdout, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Seeded, labelled PII/secret corpus for scrim's rule recognizers (issue 3).

Writes JSONL lines {"id", "text", "spans": [{"entity", "start", "end"}]} with code-point offsets.
Values are generated here with independent implementations of each format's checksum (a
disagreement with the Rust validators shows up as lost recall), wrapped in templates in English,
German, French and Spanish with the context a person would write, mixed with Faker filler
sentences. Some numeric values are written with fullwidth digits or split by zero-width spaces.
Kept apart from the unit-test cases in tests/data/recognizers/.

    $SCRIM_TRAIN_PYTHON bench/pii_corpus.py --seed 7 --per-entity 40 > bench/out/corpus.jsonl
"""
import argparse
import hashlib
import json
import random
import string
import sys

from faker import Faker

R = random.Random()
FK = Faker(["en_US", "en_GB", "de_DE", "fr_FR", "es_ES"])

DIG = string.digits
UP = string.ascii_uppercase
ALNUM = string.ascii_letters + string.digits


def rs(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(s):
    return luhn_digit(s[:-1]) == s[-1]


# ---------------------------------------------------------------- generic

def g_email():
    if R.random() < 0.15:
        first, last = FK.first_name().lower(), FK.last_name().lower().replace(" ", "")
        dom = R.choice(["example", "mailbox", "posteo", "gmail"])
        tld = R.choice(["com", "org", "de", "fr"])
        return R.choice([f"{first} dot {last} at {dom} dot {tld}", f"{first}.{last}(at){dom}.{tld}", f"{first} [at] {dom} [dot] {tld}"])
    return FK.email()


def g_phone():
    f = R.choice([
        lambda: f"+1 ({R.randint(201, 989)}) {R.randint(200, 999)}-{rs(DIG, 4)}",
        lambda: f"({R.randint(201, 989)}) {R.randint(200, 999)}-{rs(DIG, 4)}",
        lambda: f"+44 20 {R.randint(7000, 8999)} {rs(DIG, 4)}",
        lambda: f"+49 30 {rs(DIG, 4)} {rs(DIG, 4)}",
        lambda: f"+33 {R.randint(1, 7)} {rs(DIG, 2)} {rs(DIG, 2)} {rs(DIG, 2)} {rs(DIG, 2)}",
        lambda: f"+34 {R.randint(600, 699)} {rs(DIG, 3)} {rs(DIG, 3)}",
        lambda: f"0{R.randint(30, 89)} {rs(DIG, 4)} {rs(DIG, 4)}",
    ])
    return f()


def g_card():
    prefix, n = R.choice([("4", 16), ("51", 16), ("55", 16), ("37", 15), ("6011", 16), ("3528", 16)])
    body = prefix + rs(DIG, n - len(prefix) - 1)
    num = body + luhn_digit(body)
    if n == 16 and R.random() < 0.6:
        sep = R.choice([" ", "-"])
        num = sep.join(num[i:i + 4] for i in range(0, 16, 4))
    return num


def g_iban():
    v = Faker(R.choice(["de_DE", "fr_FR", "en_GB", "es_ES", "nl_NL", "it_IT"])).iban()
    if R.random() < 0.5:
        v = " ".join(v[i:i + 4] for i in range(0, len(v), 4))
    return v


def g_bic():
    return R.choice(["DEUT", "BNPA", "COBA", "CHAS", "BARC", "HSBC", "SOGE", "CAIX", "INGB"]) + R.choice(["DE", "FR", "GB", "ES", "NL", "US", "IT"]) + R.choice(["FF", "PP", "2L", "22", "MM", "XX"]) + R.choice(["", "XXX", "100"])


def g_ip():
    return FK.ipv4_public() if R.random() < 0.7 else FK.ipv6()


def g_mac():
    return FK.mac_address() if R.random() < 0.7 else FK.mac_address().upper().replace(":", "-")


def g_url():
    return FK.url() + R.choice(["", "login", "docs/start?ref=mail", "a/b/c"])


def g_hostname():
    return f"{R.choice(['db', 'build', 'nas', 'git', 'ci', 'vpn', 'ldap'])}-{R.randint(1, 40):02d}." + R.choice(["corp.internal", "internal", "lan", "local", "intranet.corp", "home.arpa"])


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58check(payload):
    raw = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def bech32_encode(hrp, data, const):
    values = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp] + data
    pm = bech32_polymod(values + [0] * 6) ^ const
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + chk)


def g_btc():
    k = R.random()
    if k < 0.4:
        return b58check(bytes([R.choice([0, 5])]) + R.randbytes(20))
    if k < 0.7:
        return bech32_encode("bc", [0] + [R.randrange(32) for _ in range(32)], 1)
    return bech32_encode("bc", [1] + [R.randrange(32) for _ in range(52)], 0x2BC830A3)


def g_eth():
    return "0x" + rs("0123456789abcdef", 40)


MONTHS = {"en": ["January", "March", "July", "October"], "de": ["Januar", "März", "Juli", "Oktober"], "fr": ["janvier", "mars", "juillet", "octobre"], "es": ["enero", "marzo", "julio", "octubre"]}


def g_dob():
    d = FK.date_of_birth(minimum_age=18, maximum_age=90)
    return R.choice([d.strftime("%d/%m/%Y"), d.strftime("%Y-%m-%d"), d.strftime("%d.%m.%Y"), f"{d.day} {d.strftime('%B')} {d.year}", f"{d.strftime('%B')} {d.day}, {d.year}"])


VIN_T = {**{str(i): i for i in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}


def g_vin():
    al = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    v = list(R.choice(["1HG", "1FT", "WVW", "JHM", "5YJ", "2T1"]) + rs(al, 5) + "0" + rs(al, 2) + rs(al, 2) + rs(DIG, 4))
    w = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    c = sum(VIN_T[ch] * wt for ch, wt in zip(v, w)) % 11
    v[8] = "X" if c == 10 else str(c)
    return "".join(v)


def g_imei():
    body = R.choice(["35", "86", "49", "01"]) + rs(DIG, 12)
    return body + luhn_digit(body)


def g_mrn():
    return R.choice(["", "MRN-", "H"]) + rs(DIG, R.randint(7, 9))


def g_insurance():
    return rs(UP, 3) + rs(DIG, 9)


# ---------------------------------------------------------------- countries

def g_ssn():
    while True:
        a = R.randint(1, 899)
        if a != 666:
            break
    return f"{a:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"


def g_itin():
    return f"9{rs(DIG, 2)}-{R.choice(list(range(70, 89)) + list(range(50, 66)))}-{rs(DIG, 4)}"


def g_us_passport():
    return R.choice(UP) + rs(DIG, 8) if R.random() < 0.5 else str(R.randint(100000000, 999999999))


def g_us_dl():
    return R.choice(UP) + rs(DIG, 7)


def g_aba():
    while True:
        d = [int(x) for x in f"{R.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 21, 26, 31, 61, 71]):02d}" + rs(DIG, 6)]
        for c in range(10):
            if (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + c) % 10 == 0:
                return "".join(map(str, d)) + str(c)


def g_bank():
    return rs(DIG, R.randint(9, 14))


def g_dea():
    d = [R.randrange(10) for _ in range(6)]
    c = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return R.choice("ABFGM") + R.choice(UP) + "".join(map(str, d)) + str(c)


def g_nino():
    a = R.choice("ABCEGHJKLMNPRSTWXYZ") + R.choice("ABCEGHJKLMNPRSTWXYZ")
    if a in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
        a = "AB"
    n = rs(DIG, 6)
    return R.choice([f"{a}{n}{R.choice('ABCD')}", f"{a} {n[:2]} {n[2:4]} {n[4:]} {R.choice('ABCD')}"])


def g_nhs():
    while True:
        d = [R.randrange(10) for _ in range(9)]
        c = 11 - sum(x * w for x, w in zip(d, range(10, 1, -1))) % 11
        c = 0 if c == 11 else c
        if c != 10:
            s = "".join(map(str, d)) + str(c)
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def g_uk_passport():
    return str(R.randint(100000000, 999999999))


def g_postcode():
    return Faker("en_GB").postcode()


def g_sin():
    body = str(R.randint(1, 7)) + rs(DIG, 7)
    s = body + luhn_digit(body)
    return f"{s[:3]} {s[3:6]} {s[6:]}" if R.random() < 0.7 else f"{s[:3]}-{s[3:6]}-{s[6:]}"


def mod11_10(ds):
    p = 10
    for d in ds:
        s = (d + p) % 10 or 10
        p = s * 2 % 11
    return (11 - p) % 10


def g_de_tax():
    while True:
        digits = R.sample(range(10), 9)
        if digits[0] == 0:
            continue
        pos = R.randrange(1, 10)
        ds = digits[:pos] + [digits[pos - 1]] + digits[pos:]
        ds = ds[:10]
        counts = [ds.count(x) for x in set(ds)]
        if sorted(counts)[-1] == 2 and counts.count(2) == 1:
            s = "".join(map(str, ds)) + str(mod11_10(ds))
            return s if R.random() < 0.6 else f"{s[:2]} {s[2:5]} {s[5:8]} {s[8:]}"


def icao(s):
    tot = 0
    for i, ch in enumerate(s):
        v = int(ch) if ch.isdigit() else ord(ch) - 55
        tot += v * [7, 3, 1][i % 3]
    return str(tot % 10)


def g_de_id():
    al = "CFGHJKLMNPRTVWXYZ"
    s = R.choice("LMNPRTVWXY") + rs(al + DIG, 3) + rs(DIG, 5)
    return s + icao(s)


def g_nir():
    dep = R.choice(["75", "69", "13", "2A", "33", "59"])
    body = f"{R.randint(1, 2)}{R.randint(40, 99):02d}{R.randint(1, 12):02d}{dep}{rs(DIG, 3)}{rs(DIG, 3)}"
    n = int(body.replace("2A", "19").replace("2B", "18"))
    key = 97 - n % 97
    s = f"{body}{key:02d}"
    return f"{s[0]} {s[1:3]} {s[3:5]} {s[5:7]} {s[7:10]} {s[10:13]} {s[13:]}" if R.random() < 0.6 else s


def g_siren():
    body = rs(DIG, 8)
    s = body + luhn_digit(body)
    return f"{s[:3]} {s[3:6]} {s[6:]}" if R.random() < 0.5 else s


NIF = "TRWAGMYFPDXBNJZSQVHLCKE"


def g_nif():
    n = R.randint(10000000, 99999999)
    return f"{n}{NIF[n % 23]}"


def g_nie():
    p = R.randrange(3)
    n = R.randint(1000000, 9999999)
    return f"{'XYZ'[p]}{n}{NIF[(p * 10000000 + n) % 23]}"


ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def g_cf():
    s = rs(UP, 6) + rs(DIG, 2) + R.choice("ABCDEHLMPRST") + f"{R.choice([R.randint(1, 28), R.randint(41, 68)]):02d}" + R.choice(UP) + rs(DIG, 3)
    idx = lambda c: int(c) if c.isdigit() else ord(c) - 65
    tot = sum(ODD[idx(c)] if i % 2 == 0 else idx(c) for i, c in enumerate(s))
    return s + chr(65 + tot % 26)


def g_bsn():
    while True:
        d = [R.randrange(10) for _ in range(8)]
        s = sum(x * w for x, w in zip(d, range(9, 1, -1)))
        c = s % 11
        if c < 10 and any(d):
            v = "".join(map(str, d)) + str(c)
            return v if R.random() < 0.6 else f"{v[:4]}.{v[4:6]}.{v[6:]}"


def g_be():
    y, m, d = R.randint(40, 99), R.randint(1, 12), R.randint(1, 28)
    body = f"{y:02d}{m:02d}{d:02d}{R.randint(1, 997):03d}"
    c = 97 - int(body) % 97
    s = f"{body}{c:02d}"
    return f"{s[:2]}.{s[2:4]}.{s[4:6]}-{s[6:9]}.{s[9:]}" if R.random() < 0.7 else s


def g_pesel():
    y, m, d = R.randint(1940, 2010), R.randint(1, 12), R.randint(1, 28)
    mm = m + (20 if y >= 2000 else 0)
    body = f"{y % 100:02d}{mm:02d}{d:02d}{rs(DIG, 4)}"
    c = (10 - sum(int(x) * w for x, w in zip(body, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3])) % 10) % 10
    return body + str(c)


def g_pnr():
    y, m, d = R.randint(1940, 2010), R.randint(1, 12), R.randint(1, 28)
    body = f"{y % 100:02d}{m:02d}{d:02d}{rs(DIG, 3)}"
    s = body + luhn_digit(body)
    return R.choice([f"{s[:6]}-{s[6:]}", f"{y // 100}{s[:6]}-{s[6:]}"])


VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_digit(s):
    c = 0
    for i, ch in enumerate(reversed(s)):
        c = VD[c][VP[(i + 1) % 8][int(ch)]]
    return str(VINV[c])


def g_aadhaar():
    body = str(R.randint(2, 9)) + rs(DIG, 10)
    s = body + verhoeff_digit(body)
    return f"{s[:4]} {s[4:8]} {s[8:]}"


def g_pan():
    return rs(UP, 3) + R.choice("PCHFT") + R.choice(UP) + f"{R.randint(1, 9999):04d}" + R.choice(UP)


def g_tfn():
    while True:
        d = [R.randrange(10) for _ in range(9)]
        if sum(x * w for x, w in zip(d, [1, 4, 3, 7, 5, 8, 6, 9, 10])) % 11 == 0:
            s = "".join(map(str, d))
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def g_medicare():
    d = [R.randint(2, 6)] + [R.randrange(10) for _ in range(7)]
    c = sum(x * w for x, w in zip(d, [1, 3, 7, 9, 1, 3, 7, 9])) % 10
    s = "".join(map(str, d)) + str(c) + str(R.randint(1, 9))
    return f"{s[:4]} {s[4:9]} {s[9]}"


def g_abn():
    w = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]
    while True:
        d = [R.randint(1, 9)] + [R.randrange(10) for _ in range(10)]
        if sum((x - (1 if i == 0 else 0)) * w[i] for i, x in enumerate(d)) % 89 == 0:
            s = "".join(map(str, d))
            return f"{s[:2]} {s[2:5]} {s[5:8]} {s[8:]}"


def cpf_dv(d):
    n = len(d) + 1
    return (sum(x * (n - i) for i, x in enumerate(d)) * 10 % 11) % 10


def g_cpf():
    d = [R.randrange(10) for _ in range(9)]
    d.append(cpf_dv(d))
    d.append(cpf_dv(d))
    s = "".join(map(str, d))
    return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"


def g_cnpj():
    d = [R.randrange(10) for _ in range(8)] + [0, 0, 0, 1]
    for w in ([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]):
        r = sum(x * y for x, y in zip(d, w)) % 11
        d.append(0 if r < 2 else 11 - r)
    s = "".join(map(str, d))
    return f"{s[:2]}.{s[2:5]}.{s[5:8]}/{s[8:12]}-{s[12:]}"


def g_curp():
    states = ["AS", "BC", "DF", "JC", "NL", "VZ", "YN", "MC"]
    y, m, d = R.randint(1950, 2005), R.randint(1, 12), R.randint(1, 28)
    cons = "BCDFGHJKLMNPQRSTVWXYZ"
    s = R.choice(UP) + R.choice("AEIOU") + rs(UP, 2) + f"{y % 100:02d}{m:02d}{d:02d}" + R.choice("HM") + R.choice(states) + rs(cons, 3) + (R.choice(DIG) if y < 2000 else R.choice(UP))
    val = lambda c: int(c) if c.isdigit() else (ord(c) - 55 if c <= "N" else ord(c) - 54)
    tot = sum(val(c) * (18 - i) for i, c in enumerate(s))
    return s + str((10 - tot % 10) % 10)


def g_nric():
    p = R.choice("STFG")
    d = [R.randrange(10) for _ in range(7)]
    r = (sum(x * w for x, w in zip(d, [2, 7, 6, 5, 4, 3, 2])) + (4 if p in "TG" else 0)) % 11
    table = "JZIHGFEDCBA" if p in "ST" else "XWUTRQPNMLK"
    return p + "".join(map(str, d)) + table[r]


def g_mynumber():
    d = [R.randrange(10) for _ in range(11)]
    tot = sum(d[11 - n] * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = tot % 11
    s = "".join(map(str, d)) + str(0 if r <= 1 else 11 - r)
    return f"{s[:4]} {s[4:8]} {s[8:]}"


def g_rrn():
    y, m, d = R.randint(1950, 2015), R.randint(1, 12), R.randint(1, 28)
    sx = R.choice([1, 2]) if y < 2000 else R.choice([3, 4])
    body = f"{y % 100:02d}{m:02d}{d:02d}{sx}{rs(DIG, 5)}"
    c = (11 - sum(int(x) * w for x, w in zip(body, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5])) % 11) % 10
    return f"{body[:6]}-{body[6:]}{c}"


def g_cn():
    y, m, d = R.randint(1950, 2010), R.randint(1, 12), R.randint(1, 28)
    body = f"{R.choice(['110105', '310104', '440305', '510107'])}{y}{m:02d}{d:02d}{rs(DIG, 3)}"
    p = 0
    for ch in body:
        p = (p + int(ch)) * 2 % 11
    c = (12 - p) % 11
    return body + ("X" if c == 10 else str(c))


# ---------------------------------------------------------------- secrets

def g_secret(kind):
    return {
        "AWS_ACCESS_KEY": lambda: "AKIA" + rs(UP + "234567", 16),
        "GITHUB_TOKEN": lambda: "ghp_" + rs(ALNUM, 36),
        "GITLAB_TOKEN": lambda: "glpat-" + rs(ALNUM + "_-", 20),
        "GOOGLE_API_KEY": lambda: "AIza" + rs(ALNUM + "_-", 35),
        "SLACK_TOKEN": lambda: f"xoxb-{rs(DIG, 11)}-{rs(DIG, 12)}-{rs(ALNUM, 24)}",
        "STRIPE_API_KEY": lambda: "sk_live_" + rs(ALNUM, 24),
        "OPENAI_API_KEY": lambda: "sk-proj-" + rs(ALNUM + "_-", 48),
        "ANTHROPIC_API_KEY": lambda: "sk-ant-api03-" + rs(ALNUM + "_-", 93) + "AA",
        "NPM_TOKEN": lambda: "npm_" + rs(ALNUM, 36),
        "PYPI_TOKEN": lambda: "pypi-AgEIcHlwaS5vcmc" + rs(ALNUM + "_-", 60),
        "HUGGINGFACE_TOKEN": lambda: "hf_" + rs(string.ascii_letters, 34),
        "SENDGRID_API_KEY": lambda: "SG." + rs(ALNUM + "_-", 22) + "." + rs(ALNUM + "_-", 43),
        "TWILIO_API_KEY": lambda: "SK" + rs("0123456789abcdef", 32),
        "DOCKER_HUB_TOKEN": lambda: "dckr_pat_" + rs(ALNUM + "_-", 27),
        "DIGITALOCEAN_TOKEN": lambda: "dop_v1_" + rs("0123456789abcdef", 64),
        "SHOPIFY_TOKEN": lambda: "shpat_" + rs("0123456789abcdef", 32),
        "TELEGRAM_BOT_TOKEN": lambda: f"{R.randint(10**8, 10**9)}:AA" + rs(ALNUM + "_-", 33),
        "JWT": lambda: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI" + rs(ALNUM, 20) + "." + rs(ALNUM + "_-", 43),
        "PRIVATE_KEY": lambda: "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(rs(ALNUM + "+/", 64) for _ in range(4)) + "\n-----END RSA PRIVATE KEY-----",
        "DATABASE_CONNECTION_STRING": lambda: f"postgres://app:{rs(ALNUM, 14)}@db.{FK.domain_name()}:5432/orders",
        "PASSWORD": lambda: rs(ALNUM, 10) + R.choice("!#%&") + rs(DIG, 2),
        "SECRET": lambda: rs(ALNUM, 32),
    }[kind]()


# ---------------------------------------------------------------- templates

T = {
    "EMAIL_ADDRESS": (g_email, ["Please email {} about the invoice.", "Schreib mir an {} bitte.", "Mon courriel : {}", "Mi correo es {}, escríbeme."]),
    "PHONE_NUMBER": (g_phone, ["Call me on {} tomorrow.", "Meine Handynummer ist {}.", "Mon numéro de téléphone : {}", "Llámame al {} por la tarde."]),
    "CREDIT_CARD": (g_card, ["My card number is {} exp 09/27.", "Kreditkarte: {}", "Ma carte bancaire {} a été refusée.", "Pagué con la tarjeta {}."]),
    "IBAN_CODE": (g_iban, ["Send the refund to IBAN {} please.", "Bitte überweise auf {}.", "Mon IBAN : {}", "Mi cuenta es {}."]),
    "SWIFT_CODE": (g_bic, ["The BIC is {} for the transfer.", "BIC/SWIFT: {}", "Code SWIFT de la banque : {}"]),
    "IP_ADDRESS": (g_ip, ["The server at {} stopped answering ping.", "ssh root@{} fails with timeout", "Adresse IP du serveur : {}"]),
    "MAC_ADDRESS": (g_mac, ["My laptop's MAC address is {}.", "Die MAC-Adresse des Geräts: {}", "whitelist device {} on the wifi"]),
    "URL": (g_url, ["See {} for details.", "Der Link: {}", "Voir {}"]),
    "PRIVATE_HOSTNAME": (g_hostname, ["ssh into {} and restart nginx", "The intranet host {} is down.", "Der Server {} antwortet nicht."]),
    "CRYPTO": (lambda: g_btc() if R.random() < 0.7 else g_eth(), ["Send 0.01 BTC to {} thanks", "My wallet address: {}", "Meine Wallet: {}"]),
    "DATE_OF_BIRTH": (g_dob, ["I was born on {} in Leeds.", "DOB: {}", "Geburtsdatum: {}", "Je suis née le {}.", "Fecha de nacimiento: {}"]),
    "VEHICLE_IDENTIFICATION_NUMBER": (g_vin, ["The VIN of my car is {}.", "Fahrgestellnummer {}", "VIN: {} (2019 model)"]),
    "IMEI": (g_imei, ["My phone's IMEI is {}.", "IMEI: {}", "Gerät IMEI {} gestohlen"]),
    "MEDICAL_RECORD_NUMBER": (g_mrn, ["Patient MRN {} was admitted yesterday.", "Medical record number: {}", "Patientennummer {}"]),
    "HEALTH_INSURANCE_NUMBER": (g_insurance, ["My health insurance member ID is {}.", "Versichertennummer: {}", "Numéro assurance maladie {}"]),
    "US_SSN": (g_ssn, ["My SSN is {}.", "Social security number: {}", "SSN {} on the W-2"]),
    "US_ITIN": (g_itin, ["My ITIN is {}.", "Individual taxpayer number {}"]),
    "US_PASSPORT": (g_us_passport, ["My US passport number is {}.", "passport no. {} expires 2030"]),
    "US_DRIVER_LICENSE": (g_us_dl, ["My driver's license number is {}.", "DL# {} (California)"]),
    "ABA_ROUTING_NUMBER": (g_aba, ["Routing number {} for Chase.", "ABA {} and account to follow"]),
    "US_BANK_NUMBER": (g_bank, ["My bank account number is {}.", "checking account {} at Wells"]),
    "MEDICAL_LICENSE": (g_dea, ["Dr. Smith's DEA number is {}.", "DEA {} on the prescription"]),
    "UK_NINO": (g_nino, ["My National Insurance number is {}.", "NI number: {}"]),
    "UK_NHS": (g_nhs, ["My NHS number is {}.", "NHS no {} registered at the GP"]),
    "UK_PASSPORT": (g_uk_passport, ["My British passport number is {}.", "UK passport {} issued 2019"]),
    "UK_POSTCODE": (g_postcode, ["I live at 12 High Street, {}.", "Delivery postcode {} please"]),
    "CA_SIN": (g_sin, ["My SIN is {}.", "Numéro d'assurance sociale : {}"]),
    "DE_TAX_ID": (g_de_tax, ["Meine Steuer-ID ist {}.", "Steueridentifikationsnummer: {}"]),
    "DE_ID_CARD": (g_de_id, ["Personalausweis Nr. {}", "Meine Ausweisnummer: {}"]),
    "FR_NIR": (g_nir, ["Mon numéro de sécurité sociale : {}", "NIR {} sur la carte vitale"]),
    "FR_SIREN": (g_siren, ["SIREN {} au RCS de Paris", "Notre numéro SIRET : {}"]),
    "ES_NIF": (g_nif, ["Mi DNI es {}.", "NIF: {}"]),
    "ES_NIE": (g_nie, ["Mi NIE es {}.", "Número NIE de extranjero: {}"]),
    "IT_FISCAL_CODE": (g_cf, ["Il mio codice fiscale è {}.", "Codice fiscale: {}"]),
    "NL_BSN": (g_bsn, ["Mijn BSN is {}.", "Burgerservicenummer: {}"]),
    "BE_NATIONAL_NUMBER": (g_be, ["Rijksregisternummer {}", "Numéro de registre national : {}"]),
    "PL_PESEL": (g_pesel, ["Mój numer PESEL to {}.", "PESEL: {}"]),
    "SE_PERSONNUMMER": (g_pnr, ["Mitt personnummer är {}.", "Personnummer: {}"]),
    "IN_AADHAAR": (g_aadhaar, ["My Aadhaar number is {}.", "Aadhaar: {}"]),
    "IN_PAN": (g_pan, ["My PAN is {} for the ITR.", "PAN card {}"]),
    "AU_TFN": (g_tfn, ["My tax file number is {}.", "TFN: {}"]),
    "AU_MEDICARE": (g_medicare, ["My Medicare number is {}.", "Medicare card {}"]),
    "AU_ABN": (g_abn, ["Our ABN is {}.", "ABN: {}"]),
    "BR_CPF": (g_cpf, ["Meu CPF é {}.", "CPF: {}"]),
    "BR_CNPJ": (g_cnpj, ["CNPJ da empresa: {}", "Nosso CNPJ é {}."]),
    "MX_CURP": (g_curp, ["Mi CURP es {}.", "CURP: {}"]),
    "SG_NRIC_FIN": (g_nric, ["My NRIC is {}.", "NRIC/FIN: {}"]),
    "JP_MY_NUMBER": (g_mynumber, ["My Number: {}", "マイナンバー {}"]),
    "KR_RRN": (g_rrn, ["My resident registration number is {}.", "주민등록번호 {}"]),
    "CN_RESIDENT_ID": (g_cn, ["My resident ID card number is {}.", "身份证号 {}"]),
}
SECRET_T = {
    "PASSWORD": ["DB_PASSWORD={}", "password: \"{}\"", "my password is {}", "Passwort: {}"],
    "SECRET": ["api_key = \"{}\"", "client_secret: {}", "the API key is {} for prod", "Authorization: Bearer {}"],
    "DATABASE_CONNECTION_STRING": ["DATABASE_URL={}", "connecting with {} fails"],
    "PRIVATE_KEY": ["here is my key:\n{}\nwhy does ssh reject it?"],
}
for k in ["AWS_ACCESS_KEY", "GITHUB_TOKEN", "GITLAB_TOKEN", "GOOGLE_API_KEY", "SLACK_TOKEN", "STRIPE_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "NPM_TOKEN", "PYPI_TOKEN", "HUGGINGFACE_TOKEN", "SENDGRID_API_KEY", "TWILIO_API_KEY", "DOCKER_HUB_TOKEN", "DIGITALOCEAN_TOKEN", "SHOPIFY_TOKEN", "TELEGRAM_BOT_TOKEN", "JWT"]:
    SECRET_T[k] = ["export TOKEN={}", "why does my request fail? key: {}", "const client = new Client(\"{}\");", "Mein Token: {}"]
for k, tpls in SECRET_T.items():
    T[k] = ((lambda k=k: g_secret(k)), tpls)

OBFUSCATABLE = {"CREDIT_CARD", "US_SSN", "IBAN_CODE", "PHONE_NUMBER", "IN_AADHAAR", "UK_NHS", "ES_NIF"}
FULLWIDTH = {c: chr(0xFF10 + int(c)) for c in DIG}


def obfuscate(value):
    if R.random() < 0.5:
        return "".join(FULLWIDTH.get(c, c) for c in value)
    i = R.randrange(1, len(value))
    return value[:i] + "\u200b" + value[i:]


def filler():
    return FK.sentence(nb_words=R.randint(6, 14))


def document(i, entities):
    parts, spans, pos = [], [], 0

    def add(s):
        nonlocal pos
        parts.append(s)
        pos += len(s)

    if R.random() < 0.6:
        add(filler() + " ")
    for n, ent in enumerate(entities):
        gen, tpls = T[ent]
        value = gen()
        if ent in OBFUSCATABLE and R.random() < 0.1:
            value = obfuscate(value)
        tpl = R.choice(tpls)
        before, after = tpl.split("{}")
        add(before)
        spans.append({"entity": ent, "start": pos, "end": pos + len(value)})
        add(value)
        add(after)
        add(" " + filler() + " " if R.random() < 0.5 else " ")
    text = "".join(parts).strip()
    return {"id": f"pii-{i:05d}", "text": text, "spans": spans}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-entity", type=int, default=40, help="documents per entity type")
    args = ap.parse_args()
    R.seed(args.seed)
    Faker.seed(args.seed)
    i = 0
    for ent in T:
        for _ in range(args.per_entity):
            ents = [ent] + ([R.choice(list(T))] if R.random() < 0.3 else [])
            print(json.dumps(document(i, ents), ensure_ascii=False))
            i += 1


if __name__ == "__main__":
    main()

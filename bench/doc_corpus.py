#!/usr/bin/env python3
"""Documents people paste, with gold spans: scrim's typed F1 per type and per genre.

Generates (seeded, Faker) documents of 15 genres, each value's span recorded in code points, in
the corpus format of bench/score.py ({"id", "text", "spans", "part": genre, "split", "ignore"}).
Three splits: "dev" (8 genres, written with the rules), "validation" (47 genres: 7 written after
the first labelled-field rules, 20 before the fixes of 2026-12-02 evening, 20 before those of
the night after; each group was held out once, then read, and misses were fixed on them) and
"heldout" (20 genres, fourth templates, written in the night of 2026-12-02 before the fixes made on the
third set and never used to make any; score them once per change of rules).

    python3 bench/doc_corpus.py --out bench/out/docs.jsonl [--per-genre 30]
    python3 bench/doc_corpus.py --score bench/out/docs.jsonl --scrim target/release/scrim [--splits dev,validation]

`--score` runs `scrim scan --jsonl` (default policy, models on) and prints typed overlap and exact
P/R/F1 per entity, per genre and per split (markdown, for BENCHMARKS.md).
"""

import argparse
import collections
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# Types the documents do not label; a finding of one counts only if it overlaps a gold span.
IGNORE = ["ORGANIZATION", "LOCATION", "URL", "DATE_TIME", "PROMPT_INJECTION", "PRIVATE_HOSTNAME"]


def values(rng, fk):
    """One person's identifiers (valid check digits where the type has one)."""

    def luhn_digit(digits):
        s = 0
        for i, d in enumerate(reversed(digits)):
            d = int(d)
            if i % 2 == 0:
                d *= 2
                d -= 9 if d > 9 else 0
            s += d
        return str((10 - s % 10) % 10)

    def npi():
        base = rng.choice("12") + "".join(rng.choice("0123456789") for _ in range(8))
        return base + luhn_digit("80840" + base)

    def dea(last):
        d = [rng.randint(0, 9) for _ in range(6)]
        c = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
        return rng.choice("ABFM") + (last[0].upper() if last[0].isalpha() else "9") + "".join(map(str, d)) + str(c)

    def card():
        base = "4" + "".join(rng.choice("0123456789") for _ in range(14))
        n = base + luhn_digit(base)
        return " ".join(n[i : i + 4] for i in range(0, 16, 4))

    def phone():
        a, b, c = rng.randint(201, 989), rng.randint(201, 989), rng.randint(1000, 9999)
        return rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}"])

    first, last = fk.first_name(), fk.last_name()
    area = rng.choice([x for x in range(100, 899) if x != 666])
    dob = fk.date_of_birth(minimum_age=18, maximum_age=90)
    vals = {
        "FIRST": first,
        "LAST": last,
        "PERSON": f"{first} {last}",
        "DOCTOR": f"{fk.first_name()} {fk.last_name()}",
        "DOB": rng.choice([dob.strftime("%m/%d/%Y"), dob.strftime("%Y-%m-%d"), dob.strftime("%d %B %Y")]),
        "ADMIT": fk.date_between("-2y", "-30d").strftime("%m/%d/%Y"),
        "PHONE": phone(),
        "FAX": phone(),
        "EMAIL": f"{first.lower()}.{last.lower().replace(' ', '')}@{rng.choice(['example.com', 'mail.example.org', 'clinic.example.net'])}",
        "SSN": f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}",
        "MRN": rng.choice(["MRN-", "", "H"]) + str(rng.randint(100000, 99999999)),
        "PLAN": rng.choice(["XKP", "HPN", "W"]) + f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}-{rng.randint(10, 99)}",
        "ACCOUNT": f"{rng.randint(1000, 9999)}-{rng.randint(100000, 999999)}",
        "NPI": npi(),
        # A French prescriber's RPPS number (11 digits), derived without drawing from the random
        # stream so that adding it changed no other value.
        "RPPS": "",
        "DEA": dea(last),
        "DL": rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(7)),
        "PLATE": f"{rng.randint(1, 9)}{''.join(rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}{rng.randint(100, 999)}",
        "SERIAL": f"SN-{rng.randint(1000, 9999)}-{''.join(rng.choice('ABCDEFGHJK0123456789') for _ in range(4))}",
        "ADDRESS": fk.street_address(),
        "CITY": fk.city(),
        "CARD": card(),
        "IP": f"{rng.randint(11, 199)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        "ORG": fk.company(),
    }
    vals["RPPS"] = "10" + vals["NPI"][:9]
    return vals


ENTITY = {
    "FIRST": "PERSON", "LAST": "PERSON", "PERSON": "PERSON", "DOCTOR": "PERSON", "DOB": "DATE_OF_BIRTH",
    "PHONE": "PHONE_NUMBER", "FAX": "PHONE_NUMBER", "EMAIL": "EMAIL_ADDRESS", "SSN": "US_SSN",
    "MRN": "MEDICAL_RECORD_NUMBER", "PLAN": "HEALTH_INSURANCE_NUMBER", "ACCOUNT": "ACCOUNT_NUMBER",
    "NPI": "US_NPI", "DEA": "MEDICAL_LICENSE", "RPPS": "MEDICAL_LICENSE", "DL": "US_DRIVER_LICENSE", "PLATE": "VEHICLE_ID",
    "SERIAL": "DEVICE_ID", "ADDRESS": "ADDRESS", "CITY": "ADDRESS", "CARD": "CREDIT_CARD", "IP": "IP_ADDRESS",
}  # ADMIT and ORG are left unlabelled (DATE_TIME and ORGANIZATION are in IGNORE)

DEV = {
    "referral_letter": [
        "Dear Dr. {DOCTOR},\n\nI am referring {PERSON} (DOB: {DOB}, MRN: {MRN}) for evaluation of chest pain.\nThe patient can be reached on {PHONE} or at {EMAIL}.\n\nSincerely,\nDr. {DOCTOR}\nNPI: {NPI}\nFax: {FAX}\n",
    ],
    "prescription": [
        "Rx\nPatient name: {PERSON}\nDate of birth: {DOB}\nAddress: {ADDRESS}\nAmoxicillin 500 mg, 1 capsule three times daily for 7 days.\nPrescriber: Dr. {DOCTOR}   DEA: {DEA}   NPI: {NPI}\n",
    ],
    "intake_form": [
        "PATIENT INTAKE FORM\nLast name: {LAST}\nFirst name: {FIRST}\nDOB: {DOB}\nSSN: {SSN}\nPhone: {PHONE}\nHealth plan ID: {PLAN}\nDriver license #: {DL}\nEmergency contact: {DOCTOR}\n",
    ],
    "provider_directory": [
        "| Provider | NPI | Phone | Email |\n|---|---|---|---|\n| {DOCTOR} | {NPI} | {PHONE} | {EMAIL} |\n| {PERSON} | {NPI} | {FAX} | {EMAIL} |\n",
    ],
    "invoice": [
        "INVOICE 2291\nBill to: {PERSON}\n{ADDRESS}\nAccount No: {ACCOUNT}\nPaid by card {CARD} on {ADMIT}.\nQuestions? Call {PHONE}.\n",
    ],
    "email_signature": [
        "Hi team,\n\nthe parking permit for my car (plate: {PLATE}) expires next week, can someone renew it?\n\nThanks,\n{PERSON}\n{ORG}\nTel: {PHONE}\n{EMAIL}\n",
    ],
    "json_export": [
        '{{"patient": {{"first_name": "{FIRST}", "last_name": "{LAST}", "dob": "{DOB}", "mrn": "{MRN}", "phone": "{PHONE}", "member_id": "{PLAN}"}}}}\n',
    ],
    "csv_export": [
        "first_name,last_name,dob,phone,mrn\n{FIRST},{LAST},{DOB},{PHONE},{MRN}\n",
    ],
}

# Written with the labelled-field rules' first version and scored in the run of BENCHMARKS.md
# (issue 22, 2026-12-02): its misses were read, so it is validation now, not held out.
VALIDATION = {
    "discharge_summary": [
        "DISCHARGE SUMMARY\nName: {PERSON}        MRN: {MRN}\nDate of birth: {DOB}\nAdmission date: {ADMIT}\nAttending: Dr. {DOCTOR}\nHospital course: uneventful. Insulin pump serial: {SERIAL}.\nFollow up with the clinic at {PHONE}.\n",
    ],
    "bank_statement": [
        "STATEMENT OF ACCOUNT\nAccount holder: {PERSON}\nAccount number: {ACCOUNT}\nMailing address: {ADDRESS}, {CITY}\n03/02  CARD {CARD}  -42.10\n",
    ],
    "hr_form": [
        "Employee record\nSurname: {LAST}\nGiven name: {FIRST}\nSocial security number: {SSN}\nHome phone: {PHONE}\nE-mail: {EMAIL}\nVehicle registration: {PLATE}\n",
    ],
    "yaml_export": [
        "patient:\n  givenName: {FIRST}\n  familyName: {LAST}\n  birthDate: {DOB}\n  telecom: {PHONE}\n  device_id: {SERIAL}\n",
    ],
    "html": [
        "<table><tr><th>Name</th><th>Phone</th></tr><tr><td>{PERSON}</td><td>{PHONE}</td></tr></table>\n<p>Contact: <a href=\"mailto:{EMAIL}\">{EMAIL}</a></p>\n",
    ],
    "ticket": [
        "TICKET #48213 — login fails\nReporter: {PERSON} <{EMAIL}>\nUser's IP: {IP}\nSteps: log in, get 500. Customer number: {ACCOUNT}\n",
    ],
    "stack_trace": [
        "Traceback (most recent call last):\n  File \"/srv/app/billing.py\", line 88, in charge\n    card.charge(\"{CARD}\")\nValueError: card declined for {EMAIL} (account {ACCOUNT})\n",
    ],
}


# Written 2026-12-02 evening, before that session's fixes, and scored once as the held-out split
# (typed F1 0.916); its misses were then read, so since that night it is validation too: a second
# template for every genre above, and five genres of their own.
VALIDATION_2 = {
    "referral_letter_2": [
        "RE: {PERSON}, born {DOB}\nHospital number {MRN}\n\nDear colleague,\nThank you for seeing this patient, who lives at {ADDRESS}, {CITY}. "
        "She can be contacted on {PHONE}.\nKind regards,\n{DOCTOR}\nGP partner, NPI {NPI}\n",
    ],
    "prescription_2": [
        "PRESCRIPTION\nPatient: {PERSON}    DOB: {DOB}\nPatient phone: {PHONE}\nMetformin 850 mg twice daily, 60 tablets, 2 refills\n"
        "Signed: {DOCTOR}, MD\nDEA #: {DEA}\nNPI #: {NPI}\n",
    ],
    "intake_form_2": [
        "New patient registration\n\nFull name ........ {PERSON}\nDate of birth .... {DOB}\nSocial Security # {SSN}\n"
        "Home address ..... {ADDRESS}, {CITY}\nMobile ........... {PHONE}\nInsurance member ID: {PLAN}\n",
    ],
    "provider_directory_2": [
        "Name\tNPI\tFax\tEmail\n{DOCTOR}\t{NPI}\t{FAX}\t{EMAIL}\n{PERSON}\t{NPI}\t{PHONE}\t{EMAIL}\n",
    ],
    "invoice_2": [
        "Invoice no. 7731 — {ORG}\nCustomer: {PERSON}\nCustomer e-mail: {EMAIL}\nAccount #: {ACCOUNT}\nCard ending in full: {CARD}\nPhone: {PHONE}\n",
    ],
    "email_signature_2": [
        "Hello,\n\nplease find the signed form attached.\n\nBest regards\n\n{PERSON} | {ORG}\nM: {PHONE} | E: {EMAIL}\n",
    ],
    "json_export_2": [
        '[{{"name": "{PERSON}", "email": "{EMAIL}", "ssn": "{SSN}", "account_number": "{ACCOUNT}", "ip": "{IP}"}}]\n',
    ],
    "csv_export_2": [
        "Name;Phone;Email;Date of birth\n{PERSON};{PHONE};{EMAIL};{DOB}\n{DOCTOR};{FAX};{EMAIL};{DOB}\n",
    ],
    "discharge_summary_2": [
        "Discharge note for {PERSON} (MRN {MRN}, DOB {DOB}).\nDischarged home to {ADDRESS}, {CITY}.\nPacemaker device serial number: {SERIAL}\n"
        "Primary care: Dr. {DOCTOR}, tel. {PHONE}\n",
    ],
    "bank_statement_2": [
        "Monthly statement\nCustomer name: {PERSON}\nAccount no.: {ACCOUNT}\nAddress: {ADDRESS}\n{CITY}\nDebit card: {CARD}\n",
    ],
    "hr_form_2": [
        "EMPLOYEE ONBOARDING\nLegal name: {PERSON}\nDate of birth: {DOB}\nSSN: {SSN}\nPersonal email: {EMAIL}\nDriver's license: {DL}\nCompany car plate: {PLATE}\n",
    ],
    "yaml_export_2": [
        "contact:\n  name: {PERSON}\n  email: {EMAIL}\n  phone: \"{PHONE}\"\n  account_number: \"{ACCOUNT}\"\n",
    ],
    "html_2": [
        "<div class=\"card\"><h2>{PERSON}</h2><p>Phone: {PHONE}<br>Email: {EMAIL}</p><p>Member ID: {PLAN}</p></div>\n",
    ],
    "ticket_2": [
        "Support request 99120\nFrom: {PERSON} ({EMAIL})\nThe app crashes on start. My device serial is {SERIAL} and my account number is {ACCOUNT}.\nCall me back at {PHONE}.\n",
    ],
    "stack_trace_2": [
        "ERROR 2026-03-02T10:11:12Z payment failed user={EMAIL} ip={IP}\njava.lang.IllegalStateException: card {CARD} rejected\n\tat com.shop.Pay.charge(Pay.java:41)\n",
    ],
    "lab_report": [
        "LABORATORY REPORT\nPatient: {PERSON}\nDOB: {DOB}   MRN: {MRN}\nOrdering physician: {DOCTOR} (NPI {NPI})\nHbA1c 6.1 %, LDL 2.9 mmol/L\n",
    ],
    "insurance_claim": [
        "CLAIM FORM\nInsured's name: {PERSON}\nInsured's ID number: {PLAN}\nPatient's address: {ADDRESS}, {CITY}\nPatient's phone: {PHONE}\nPolicy holder SSN: {SSN}\n",
    ],
    "pharmacy_label": [
        "{ORG} PHARMACY\nFor: {PERSON}\nAtorvastatin 20 mg — take one at night\nPrescriber: Dr. {DOCTOR}\nRx phone {PHONE}\n",
    ],
    "contact_list_markdown": [
        "| Name | E-mail | Mobile | Address |\n| --- | --- | --- | --- |\n| {PERSON} | {EMAIL} | {PHONE} | {ADDRESS} |\n| {DOCTOR} | {EMAIL} | {FAX} | {ADDRESS} |\n",
    ],
    "wire_transfer": [
        "Wire transfer request\nBeneficiary: {PERSON}\nBeneficiary account number: {ACCOUNT}\nSender: {DOCTOR}, {ADDRESS}\nContact phone: {PHONE}\nReference: invoice 7731\n",
    ],
}


# Written in the night of 2026-12-02 before that night's fixes and scored once as the held-out split
# (typed F1 0.961); its misses were then read, so it is validation too: a third template of each
# genre, in the languages the field labels cover, and five genres of their own.
VALIDATION_3 = {
    "referral_letter_3": [
        "Überweisung\nPatient: {PERSON}, geb. {DOB}\nAnschrift: {ADDRESS}, {CITY}\nTelefon: {PHONE}\n\n"
        "Sehr geehrte Frau Kollegin,\nich überweise Ihnen die Patientin zur Abklärung.\nMit freundlichen Grüßen\nDr. {DOCTOR}\n",
    ],
    "prescription_3": [
        "ORDONNANCE\nNom : {LAST}\nPrénom : {FIRST}\nDate de naissance : {DOB}\nParacétamol 1 g, 3 fois par jour pendant 5 jours.\n"
        "Dr {DOCTOR} — RPPS {RPPS}\nTél. : {PHONE}\n",
    ],
    "intake_form_3": [
        "FORMULARIO DE ADMISIÓN\nApellidos: {LAST}\nNombre: {FIRST}\nFecha de nacimiento: {DOB}\nTeléfono: {PHONE}\n"
        "Correo electrónico: {EMAIL}\nDirección: {ADDRESS}\n",
    ],
    "provider_directory_3": [
        "PROVIDER            NPI         PHONE\n{DOCTOR:<20}{NPI:<12}{PHONE}\n{PERSON:<20}{NPI:<12}{FAX}\n",
    ],
    "invoice_3": [
        "FATTURA N. 118/2026\nCliente: {PERSON}\nIndirizzo: {ADDRESS}, {CITY}\nTelefono: {PHONE}\nE-mail: {EMAIL}\nTotale: 240,00 EUR\n",
    ],
    "email_signature_3": [
        "Thanks for the quick turnaround on this!\n\n--\n{PERSON}\nSenior Analyst, {ORG}\nDirect: {PHONE}\nFax: {FAX}\nMail: {EMAIL}\n",
    ],
    "json_export_3": [
        '{{"data": {{"user": {{"fullName": "{PERSON}", "emailAddress": "{EMAIL}", "phoneNumber": "{PHONE}", "dateOfBirth": "{DOB}", "ipAddress": "{IP}"}}}}}}\n',
    ],
    "csv_export_3": [
        "\"Patient Name\",\"MRN\",\"Phone\",\"SSN\"\n\"{PERSON}\",\"{MRN}\",\"{PHONE}\",\"{SSN}\"\n\"{DOCTOR}\",\"{MRN}\",\"{FAX}\",\"{SSN}\"\n",
    ],
    "discharge_summary_3": [
        "ENTLASSUNGSBRIEF\nName: {PERSON}\nGeburtsdatum: {DOB}\nAufnahme: {ADMIT}\nBehandelnder Arzt: Dr. {DOCTOR}\nRückfragen unter {PHONE}.\n",
    ],
    "bank_statement_3": [
        "RELEVÉ DE COMPTE\nTitulaire : {PERSON}\nAdresse : {ADDRESS}, {CITY}\nNuméro de compte : {ACCOUNT}\nCarte : {CARD}\n",
    ],
    "hr_form_3": [
        "PERSONEELSGEGEVENS\nAchternaam: {LAST}\nVoornaam: {FIRST}\nGeboortedatum: {DOB}\nTelefoon: {PHONE}\nE-mail: {EMAIL}\nAdres: {ADDRESS}\n",
    ],
    "yaml_export_3": [
        "- id: 1\n  full_name: \"{PERSON}\"\n  ssn: \"{SSN}\"\n  dob: {DOB}\n  mobile: \"{PHONE}\"\n  license_plate: {PLATE}\n",
    ],
    "html_3": [
        "<form><label for=\"n\">Full name</label><input id=\"n\" value=\"{PERSON}\"><label for=\"e\">Email</label>"
        "<input id=\"e\" value=\"{EMAIL}\"><label for=\"p\">Phone</label><input id=\"p\" value=\"{PHONE}\"></form>\n",
    ],
    "ticket_3": [
        "[JIRA] SUP-4410: refund not received\nCustomer: {PERSON}\nEmail: {EMAIL}\nCard used: {CARD}\nCustomer says: \"I called {PHONE} twice and nobody answered.\"\n",
    ],
    "stack_trace_3": [
        "2026-03-02 10:11:12,448 WARN  [auth] login failed for email={EMAIL} from {IP}\n2026-03-02 10:11:13,002 ERROR [billing] charge failed card={CARD} account={ACCOUNT}\n",
    ],
    "vehicle_record": [
        "VEHICLE REGISTRATION\nOwner: {PERSON}\nOwner address: {ADDRESS}, {CITY}\nLicense plate: {PLATE}\nDriver license no.: {DL}\nOwner phone: {PHONE}\n",
    ],
    "device_report": [
        "Adverse event report\nReporter: {DOCTOR}, NPI {NPI}\nPatient: {PERSON}, DOB {DOB}\nDevice serial no.: {SERIAL}\nReporter phone: {PHONE}\n",
    ],
    "appointment_reminder": [
        "Dear {FIRST},\n\nthis is a reminder of your appointment on {ADMIT} with Dr. {DOCTOR}. Your patient number is {MRN}. "
        "If you cannot attend, please call {PHONE} or write to {EMAIL}.\n",
    ],
    "chat_paste": [
        "can you help me fill in this form? my details are name {PERSON}, date of birth {DOB}, ssn {SSN}, phone {PHONE}, email {EMAIL}\n",
    ],
    "consent_form": [
        "CONSENT TO TREATMENT\nI, {PERSON}, born on {DOB}, consent to the procedure described above.\nPatient signature: ____________\n"
        "Witness: {DOCTOR}\nMedical record number: {MRN}\nHealth plan member number: {PLAN}\n",
    ],
}

# Held out (written in the night of 2026-12-02, after the third set was scored and before any fix
# made on it; never used to make one): a fourth template of 20 genres. Score them once, after the
# rules are frozen; what they show is reported, not fixed on them.
HELDOUT = {
    "referral_letter_4": [
        "Lettera di invio\nGentile collega,\nLe invio il paziente {PERSON}, nato il {DOB}, residente in {ADDRESS}, {CITY}.\n"
        "Recapito telefonico: {PHONE}\nCordiali saluti,\nDott. {DOCTOR}\n",
    ],
    "prescription_4": [
        "Receta médica\nPaciente: {PERSON}\nFecha de nacimiento: {DOB}\nIbuprofeno 600 mg cada 8 horas, 10 días.\n"
        "Médico: Dr. {DOCTOR}\nTeléfono de contacto: {PHONE}\n",
    ],
    "intake_form_4": [
        "Anmeldebogen\nNachname: {LAST}\nVorname: {FIRST}\nGeburtsdatum: {DOB}\nStraße und Hausnummer: {ADDRESS}\nTelefon: {PHONE}\n"
        "E-Mail: {EMAIL}\nVersichertennummer: {PLAN}\n",
    ],
    "provider_directory_4": [
        "<table>\n<tr><th>Physician</th><th>NPI</th><th>Fax</th></tr>\n<tr><td>{DOCTOR}</td><td>{NPI}</td><td>{FAX}</td></tr>\n"
        "<tr><td>{PERSON}</td><td>{NPI}</td><td>{PHONE}</td></tr>\n</table>\n",
    ],
    "invoice_4": [
        "FACTURE N° 2026-0412\nClient : {PERSON}\nAdresse : {ADDRESS}\nTéléphone : {PHONE}\nCourriel : {EMAIL}\nMontant dû : 89,90 EUR\n",
    ],
    "email_signature_4": [
        "Grazie mille per l'aiuto.\n\nUn saluto,\n{PERSON}\nTel. {PHONE}\n{EMAIL}\n",
    ],
    "json_export_4": [
        '{{"customer_id": "{ACCOUNT}", "billing": {{"name": "{PERSON}", "card_number": "{CARD}", "phone": "{PHONE}"}}, "meta": {{"ip": "{IP}"}}}}\n',
    ],
    "csv_export_4": [
        "id\tfull_name\tdate_of_birth\tssn\temail\n1\t{PERSON}\t{DOB}\t{SSN}\t{EMAIL}\n2\t{DOCTOR}\t{DOB}\t{SSN}\t{EMAIL}\n",
    ],
    "discharge_summary_4": [
        "RESUMEN DE ALTA\nPaciente: {PERSON}   NHC: {MRN}\nFecha de nacimiento: {DOB}\nFecha de ingreso: {ADMIT}\n"
        "Médico responsable: Dr. {DOCTOR}\nTeléfono: {PHONE}\n",
    ],
    "bank_statement_4": [
        "Kontoauszug\nKontoinhaber: {PERSON}\nAnschrift: {ADDRESS}, {CITY}\nKontonummer: {ACCOUNT}\nKarte: {CARD}\n",
    ],
    "hr_form_4": [
        "SCHEDA DIPENDENTE\nCognome: {LAST}\nNome: {FIRST}\nData di nascita: {DOB}\nTelefono: {PHONE}\nEmail: {EMAIL}\nIndirizzo: {ADDRESS}\n",
    ],
    "yaml_export_4": [
        "user:\n  first_name: {FIRST}\n  last_name: {LAST}\n  email: {EMAIL}\n  ip_address: {IP}\n  medical_record_number: \"{MRN}\"\n",
    ],
    "html_4": [
        "<ul><li><b>Name:</b> {PERSON}</li><li><b>Phone:</b> {PHONE}</li><li><b>Email:</b> {EMAIL}</li><li><b>SSN:</b> {SSN}</li></ul>\n",
    ],
    "ticket_4": [
        "Ticket 55120 (priority: high)\nOpened by {PERSON}.\nCustomer writes: my card {CARD} was charged twice, my email is {EMAIL} and my phone number is {PHONE}.\n",
    ],
    "stack_trace_4": [
        "Exception in thread \"main\" java.lang.RuntimeException: user {EMAIL} not found\n\tat com.acme.UserService.load(UserService.java:77)\n"
        "Caused by: java.sql.SQLException: duplicate key ssn={SSN}\n",
    ],
    "vehicle_record_2": [
        "Incident report\nDriver: {PERSON}\nDriver's license: {DL}\nVehicle plate: {PLATE}\nDriver phone: {PHONE}\nDriver address: {ADDRESS}, {CITY}\n",
    ],
    "device_report_2": [
        "Implant card\nPatient name: {PERSON}\nDate of birth: {DOB}\nImplant serial: {SERIAL}\nImplanting surgeon: Dr. {DOCTOR}\nHospital phone: {PHONE}\n",
    ],
    "appointment_reminder_2": [
        "Hi {FIRST}, just a reminder that your dental cleaning is on {ADMIT}. Reply to this text or call {PHONE}. Patient ID: {MRN}\n",
    ],
    "chat_paste_2": [
        "pls rewrite this more politely: \"Dear {PERSON}, your account {ACCOUNT} is overdue. Contact us at {EMAIL} or {PHONE}.\"\n",
    ],
    "lab_report_2": [
        "BEFUNDBERICHT\nPatient: {PERSON}\nGeburtsdatum: {DOB}\nFallnummer: {MRN}\nEinsender: Dr. {DOCTOR}\nTSH 2,1 mU/l\n",
    ],
}

def render(template, vals):
    """Fill a template, recording each filled value's span (code points)."""
    out, spans, i = [], [], 0
    pos = 0
    while i < len(template):
        if template.startswith("{{", i) or template.startswith("}}", i):
            out.append(template[i])
            pos += 1
            i += 2
            continue
        if template[i] == "{":
            j = template.index("}", i)
            key, _, width = template[i + 1 : j].partition(":<")
            v = vals[key]
            if key in ENTITY:
                spans.append({"entity": ENTITY[key], "start": pos, "end": pos + len(v)})
            # {KEY:<N}: a fixed-width column, padded to N (and at least two spaces after the value).
            if width:
                v = v.ljust(int(width)) if len(v) + 2 <= int(width) else v + "  "
            out.append(v)
            pos += len(v)
            i = j + 1
            continue
        out.append(template[i])
        pos += 1
        i += 1
    return "".join(out), spans


def generate(per_genre, seed):
    from faker import Faker

    rng = random.Random(seed)
    fakers = [Faker(loc) for loc in ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT")]
    for i, f in enumerate(fakers):
        f.seed_instance(seed + i)
    docs = []
    # The order fixes the random stream: a split added at the end leaves earlier documents as they were.
    for split, genres in (("dev", DEV), ("validation", VALIDATION), ("validation", VALIDATION_2), ("validation", VALIDATION_3),
                          ("heldout", HELDOUT)):
        for genre, templates in genres.items():
            for k in range(per_genre):
                vals = values(rng, rng.choice(fakers))
                text, spans = render(rng.choice(templates), vals)
                docs.append({"id": f"{genre}-{k}", "text": text, "spans": spans, "part": genre, "split": split, "ignore": IGNORE})
    return docs


def score_run(corpus, scrim, splits):
    import score as sc

    docs = [d for d in sc.load_jsonl(corpus) if d["split"] in splits]
    inp = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)
    res = subprocess.run([scrim, "scan", "--jsonl"], input=inp, capture_output=True, text=True)
    preds = [json.loads(l) for l in res.stdout.splitlines() if l.strip()]
    if len(preds) != len(docs):
        sys.exit(f"scrim answered {len(preds)} of {len(docs)} documents: {res.stderr[:1000]}")

    def table(pairs):
        c, _ = sc.counts(pairs)
        micro = collections.Counter()
        for e in c:
            micro.update(c[e])
        return sc.metrics(micro), {e: sc.metrics(c[e]) for e in sorted(c)}

    pairs = sc.prepare(docs, preds, {})
    fmt = lambda m: f"{m['p']:.3f} | {m['r']:.3f} | {m['f1']:.3f}"
    lines = ["| part | docs | gold | typed overlap P | R | F1 | typed exact F1 |", "|---|---|---|---|---|---|---|"]
    groups = [("all", lambda d: True), ("dev split", lambda d: d["split"] == "dev"), ("validation split", lambda d: d["split"] == "validation"),
              ("held-out split", lambda d: d["split"] == "heldout")]
    groups += [(g, (lambda g: lambda d: d["part"] == g)(g)) for g in list(DEV) + list(VALIDATION) + list(VALIDATION_2) + list(VALIDATION_3) + list(HELDOUT)]
    groups = [(n, k) for n, k in groups if any(k(d) for d in docs)]
    for name, keep in groups:
        sub = [p for p in pairs if keep(p[0])]
        micro, _ = table(sub)
        held = " (held out)" if name in HELDOUT else ""
        lines.append(f"| {name}{held} | {len(sub)} | {micro['typed_overlap']['gold']} | {fmt(micro['typed_overlap'])} | {micro['typed_exact']['f1']:.3f} |")
    lines += ["", "| entity | gold | typed overlap P | R | F1 | typed exact F1 | held-out F1 (overlap) |", "|---|---|---|---|---|---|---|"]
    _, labels = table(pairs)
    _, held_labels = table([p for p in pairs if p[0]["split"] == "heldout"])
    for e, m in labels.items():
        h = held_labels.get(e, {}).get("typed_overlap")
        lines.append(f"| {e} | {m['typed_overlap']['gold']} | {fmt(m['typed_overlap'])} | {m['typed_exact']['f1']:.3f} | {h['f1']:.3f} |" if h and h["gold"] else f"| {e} | {m['typed_overlap']['gold']} | {fmt(m['typed_overlap'])} | {m['typed_exact']['f1']:.3f} | — |")
    # Misses and false positives, for reading.
    texts = {d["id"]: d["text"] for d in docs}
    misses = collections.Counter()
    extra = collections.Counter()
    for d, gold, found in pairs:
        t = texts[d["id"]]
        for g in gold:
            if not any(f[0] == g[0] and sc.overlaps(f, g) for f in found):
                misses[(d["part"], g[0])] += 1
        for f in found:
            if not any(g[0] == f[0] and sc.overlaps(f, g) for g in gold):
                extra[(d["part"], f[0], t[f[1] : f[2]][:30])] += 1
    lines += ["", "misses (genre, entity): " + ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in misses.most_common(25))]
    lines += ["", "false positives (genre, entity, text): " + ", ".join(f"{k[0]}/{k[1]} {k[2]!r} {v}" for k, v in extra.most_common(25))]
    print("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out")
    ap.add_argument("--per-genre", type=int, default=30)
    ap.add_argument("--seed", type=int, default=22)
    ap.add_argument("--score")
    ap.add_argument("--scrim", default=os.path.join(os.path.dirname(HERE), "target", "release", "scrim"))
    ap.add_argument("--splits", default="dev,validation,heldout",
                    help="score only these splits (while changing rules: dev,validation; the held-out split once after)")
    args = ap.parse_args()
    if args.out and os.environ.get("PYTHONHASHSEED") != "0":
        # Some Faker providers pick from sets, whose order follows the string hash seed: without a
        # fixed one a city could differ from run to run (seen 2026-12-02). Generate under seed 0.
        os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})
    if args.out:
        docs = generate(args.per_genre, args.seed)
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        print(f"{len(docs)} documents, {sum(len(d['spans']) for d in docs)} gold spans -> {args.out}")
    if args.score:
        score_run(args.score, args.scrim, set(args.splits.split(",")))


if __name__ == "__main__":
    main()

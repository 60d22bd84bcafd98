"""Each detector of private values in free text: formats, languages' number styles and
currencies it must catch, and the public numbers it must leave alone."""

from __future__ import annotations

import pytest

from core.privacy.privacy import scrub
from core.privacy.privacy_detect import find_borderline, find_private
from core.privacy.withheld import Redactor, mask, split_private, summary


def caught(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.value) for f in find_private(text)]


POSITIVE = [
    # phone: national and international formats of several countries
    ("phone", "Call me on +49 30 901820.", "+49 30 901820"),
    ("phone", "Mobil: 0151 23456789 (abends)", "0151 23456789"),
    ("phone", "Appelez le 06 12 34 56 78 !", "06 12 34 56 78"),
    ("phone", "Ring 08-123 456 78 any time.", "08-123 456 78"),
    ("phone", "WhatsApp +91 98765 43210 works.", "+91 98765 43210"),
    ("phone", "US office (212) 555-0147 ext. 3", "(212) 555-0147"),
    ("phone", "Text 07700 900123 after six.", "07700 900123"),
    ("phone", "Reach me at +61-0452140630.", "+61-0452140630"),
    ("phone", "Contact number 2125550147 (office)", "2125550147"),
    ("phone", "Chat at https://wa.me/4915123456789 any time", "4915123456789"),
    # e-mail
    ("email", "Write to ada.l+jobs@mail.example.co.uk please.", "ada.l+jobs@mail.example.co.uk"),
    # street addresses and postcodes
    ("address", "I live at Kastanienallee 45, 10435 Berlin.", "Kastanienallee 45, 10435"),
    (
        "address",
        "I lived at 221B Baker Street, London NW1 6XE while studying.",
        "221B Baker Street, London NW1 6XE",
    ),
    ("address", "Wir wohnen in der Berliner Straße 12 seit 2019.", "Berliner Straße 12"),
    ("address", "J'habite 12 rue de la Paix, 75002 Paris.", "12 rue de la Paix, 75002"),
    ("address", "Vivo en Calle Mayor 5, 28013 Madrid.", "Calle Mayor 5, 28013"),
    ("address", "Home is 1600 Pennsylvania Avenue in DC.", "1600 Pennsylvania Avenue"),
    ("address", "My postcode is LS6 2AB.", "LS6 2AB"),
    ("address", "We live in 1012 AB Amsterdam now.", "1012 AB"),
    # birth dates, in several languages and formats
    ("birth_date", "I was born on 14 March 1990 in Bremen.", "14 March 1990"),
    ("birth_date", "Born March 14, 1990, in Ohio.", "March 14, 1990"),
    ("birth_date", "Geboren am 14.03.1990 in Köln.", "14.03.1990"),
    ("birth_date", "DOB 1990-03-14", "1990-03-14"),
    ("birth_date", "Née le 3 février 1985 à Lyon.", "3 février 1985"),
    ("birth_date", "Nací el 5 de mayo de 1988.", "5 de mayo de 1988"),
    ("birth_date", "Nata il 3 marzo 1980 a Torino.", "3 marzo 1980"),
    ("birth_date", "My birthday is 14th of March.", "14th of March"),
    # pay: currencies before and after, thousands with , . and spaces, k and per period
    ("pay", "I earn €96,000 a year.", "€96,000"),
    ("pay", "I was paid 62,000 SEK per month.", "62,000 SEK"),
    ("pay", "I make $95k a year.", "$95k"),
    ("pay", "£4,000 a month after tax.", "£4,000"),
    ("pay", "Ich verdiene 5.500 EUR brutto im Monat.", "5.500 EUR"),
    ("pay", "Mon salaire est de 3 200 € par mois.", "3 200 €"),
    ("pay", "Mi sueldo es 3.500 € al mes.", "3.500 €"),
    ("pay", "My day rate is CHF 1'200.", "CHF 1'200"),
    ("pay", "Salary expectations: $95k-$115k AUD.", "$95k-$115k AUD"),
    ("pay", "I was on ₹18 lakh, i.e. Rs. 150000 per month.", "Rs. 150000"),
    # bank accounts and cards
    ("bank_account", "My IBAN is DE89 3704 0044 0532 0130 00.", "DE89 3704 0044 0532 0130 00"),
    ("bank_account", "IBAN GB82WEST12345698765432", "GB82WEST12345698765432"),
    ("bank_account", "Sort code 12-34-56, thanks", "12-34-56"),
    ("card", "Card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111"),
    # tax and national ids
    ("national_id", "My tax ID is 12 345 678 901.", "12 345 678 901"),
    ("national_id", "SSN 078-05-1120 on file", "078-05-1120"),
    ("national_id", "NI number AB 12 34 56 C.", "AB 12 34 56 C"),
    ("national_id", "Passport number C01X00T47, issued 2019", "C01X00T47"),
    ("national_id", "Mi DNI: 12345678Z", "12345678Z"),
    ("national_id", "Personnummer 811228-9874 i Sverige", "811228-9874"),
    ("national_id", "Codice fiscale RSSMRA85T10A562S", "RSSMRA85T10A562S"),
]


@pytest.mark.parametrize(("rule", "text", "value"), POSITIVE, ids=[p[1][:40] for p in POSITIVE])
def test_private_values_are_found(rule: str, text: str, value: str) -> None:
    assert (rule, value) in caught(text)


PUBLIC = [
    "I led a team of 12 engineers and cut p95 latency from 800 ms to 120 ms.",
    "Managed a budget of €2.5M across 3 countries.",
    "Saved the company $1.2M a year by moving batch jobs to spot instances.",
    "Cut cloud costs by £300,000 per year.",
    "Our Series A raised $5M in 2021; revenue grew to €40M.",
    "Graduated in 2014 with a GPA of 3.8/4.0 (grade 1.3, 72%).",
    "Joined a company of 5,000 employees; 1,400 staff and 300 lorries.",
    "From 2016 - 2020 at Acme, 2019-2023 at Initech.",
    "Processed 120 000 000 rows a day at 99.9% uptime.",
    "Python 3.11.4, ISO 27001 and ISO 9001.",
    "≈$185.26B (2021)",
    "10 000 rows, 1,200 hours/year",
    "I spent 3 years at 10 Downing Labs.",
    "I was born in 1990 and grew up in Bremen.",
    "The client paid for 3 licences; the contract was worth $80k per year.",
    "Handled 12,000 requests per second at peak.",
    "Ranked 2 of 140 in the 2015 cohort.",
    "Worked with 3 Wall Street banks on KYC.",
    "Top 10 High Street retailers use our tool.",
    "Version 10.0.19041.1 of Windows.",
    "Order ID 1234567890 was the first.",
    "We paid down $2M of tech debt.",
    "I earned a PhD in 2018 and a €10,000 prize in 2019.",
    "Ticket JIRA-12345 and PR #4521; p99 250ms at 12k rps.",
    "From 01/2019 to 06/2021 at Acme.",
    "*08.2014 - 12.2014* | Saint-Petersburg",
    "09.2008 - 03.2009, Zavolzhie",
    "01.12.2014 - 05.06.2016 at Acme.",
    "Spoke at the NATO summit on 4 April 2024.",
    "See https://github.com/acme/repo/pull/1234567890 and https://doi.org/10.1145/3290605",
    "Unix timestamp 1700000000 and ORCID 0000-0002-1825-0097.",
    "Premio Nacional de Informática, 12 de mayo de 2019.",
]


@pytest.mark.parametrize("text", PUBLIC)
def test_public_numbers_survive(text: str) -> None:
    assert caught(text) == []
    assert scrub(text) == text


def test_redaction_keeps_the_public_rest_of_the_sentence() -> None:
    assert scrub("I was born on 14 March 1990 in Bremen.") == "I was born on [private] in Bremen."
    assert scrub("I live at Kastanienallee 45, 10435 Berlin.") == "I live at [private] Berlin."
    assert scrub("I earn €96,000 a year and lead 7 people.") == (
        "I earn [private] a year and lead 7 people."
    )


def test_the_redactor_records_where_which_rule_and_the_sentence() -> None:
    redactor = Redactor()
    out = redactor.redact("Hi. You can call me on +49 30 901820 at home.", "About me [about]")
    assert out == "Hi. You can call me on [private] at home."
    [w] = redactor.withheld
    assert (w.where, w.rule, w.value) == ("About me [about]", "phone", "+49 30 901820")
    assert w.context == "You can call me on [private] at home."
    assert summary(redactor.withheld) == "withheld 1 value: 1 phone"


def test_public_phrases_release_a_false_positive_and_private_phrases_add_one() -> None:
    paths, phrases = split_private(["references", "experience.0.manager", "my daughter Lena"])
    assert paths == ["references", "experience.0.manager"] and phrases == ["my daughter Lena"]
    redactor = Redactor(public=["0151 23456789 (the office hotline)"], phrases=phrases)
    text = "Office hotline 0151 23456789; I coach My daughter Lena's team."
    out = redactor.redact(text)
    assert "0151 23456789" in out  # released
    assert "Lena" not in out and "[private]'s team" in out
    assert [w.rule for w in redactor.withheld] == ["private phrase"]
    assert [w.value for w in redactor.released] == ["0151 23456789"]


def test_borderline_sentences_are_named() -> None:
    reasons = dict(
        (sentence, reason)
        for reason, sentence in find_borderline(
            "I managed a budget of €2M. I was born in 1990. Ticket 12345678 was mine."
        )
    )
    assert reasons == {
        "I managed a budget of €2M.": "money said of oneself",
        "I was born in 1990.": "a year near 'born'",
        "Ticket 12345678 was mine.": "a long number",
    }


def test_a_masked_preview_hides_the_middle() -> None:
    assert mask("+49 30 901820") == "+49 •• ••••20"
    assert mask("lena@example.org").count("•") >= 8
    assert "96" not in mask("€96")

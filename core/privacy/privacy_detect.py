"""Private values in free text: where they are and which rule found them.

`find_private(text)` returns `Finding`s (rule, span, value) for: e-mail addresses, phone
numbers (`phonenumbers`' matcher over several regions, plus a digit-count rule for the
fictional numbers it calls invalid), bank accounts and cards (IBAN and Luhn checked by
`python-stdnum`, account numbers and sort codes after their label), tax and national id
numbers (validated by `python-stdnum` where it knows the country, or after a label), and the
context rules of `privacy_context`: street addresses and postcodes, birth dates, pay.
Overlapping findings are resolved (the more specific rule wins) and neighbouring pieces of one
address are merged, so "221B Baker Street, London NW1 6XE" is one value.

`find_borderline(text)` names sentences that were kept but look close to private (an amount
of money said of oneself, a year near "born", a long run of digits): the owner checks them in
`twin privacy`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.fr import nir as fr_nir
from stdnum.in_ import pan as in_pan
from stdnum.it import codicefiscale as it_cf
from stdnum.se import personnummer as se_pnr
from stdnum.us import ssn as us_ssn

from core.privacy.privacy_context import (
    find_addresses,
    find_birth_dates,
    find_pay,
    kept_money_of_oneself,
    sentences,
    year_near_birth,
)


@dataclass(frozen=True)
class Finding:
    """One private value in a text: `text[start:end] == value`."""

    rule: str
    start: int
    end: int
    value: str


Span = tuple[int, int]

# --- e-mail -------------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")


def _emails(text: str) -> Iterator[Span]:
    for m in _EMAIL.finditer(text):
        yield m.span()


# --- phone --------------------------------------------------------------------------------

# National formats are read as these countries write them; "+..." numbers match in any.
PHONE_REGIONS = ("US", "GB", "DE", "FR", "IN", "AU", "SE", "NL", "ES", "IT", "BR", "NG")
_DIGIT_RUN = re.compile(r"\d(?:[\s().\-/]*\d){6,}")
# Belt and braces: 9-15 digits written like a phone number (fictional 555 and 07700 900xxx
# numbers, which phonenumbers rightly calls invalid, are still someone's "number").
_PHONE_LIKE = re.compile(r"(?<![\w.+/,-])\+?\(?\d[\d ().\-]{5,22}\d(?![\w/,]|\.\d)")
_COUNTED = re.compile(
    r"\s*(?:%|x\b|ms\b|s\b|km|kg|mb|gb|tb|rows|records|users|requests|events|people|staff|"
    r"employees|members|customers|downloads|lines|hours|days|times|items|messages|orders)",
    re.I,
)


_OTHER_NUMBER = re.compile(  # "Order ID 1234567890", "version 10.0.19041.1"
    r"(?i:\b(?:id|no\.?|number|order|ticket|invoice|ref(?:erence)?|isbn|doi|version|build|"
    r"release|v|timestamp|epoch|unix time)\s*[:#]?\s*|#\s*)$"
)
_PHONE_CUE = re.compile(
    r"(?i:\b(?:phone|tel|tél|tlf|mobil|handy|call|whatsapp|signal|fax|cell|ring|text|reach|"
    r"contact))"
)


_LINKED_PHONE = re.compile(
    r"(?i:wa\.me/|whatsapp\.com/send\?phone=|tel:|signal\.me/#p/)(\+?\d{7,15})"
)


_DAY_MONTH_YEAR = r"(?:\d\d?[./-]){0,2}(?:19|20)\d\d(?:[./-]\d\d?){0,2}"
_DATES = re.compile(rf"{_DAY_MONTH_YEAR}(?:\s*(?:[-–—]|to|until)\s*{_DAY_MONTH_YEAR})?")


def _is_other_number(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    if _PHONE_CUE.search(before):
        return False
    if _DATES.fullmatch(text[start:end].strip()):
        return True  # "08.2014 - 12.2014", "01.12.2014": a CV's dates, not a number to call
    dotted = text[start:end].split(".")
    return bool(_OTHER_NUMBER.search(before)) or (
        len(dotted) > 2 and any(len(g.strip()) < 2 for g in dotted)  # 10.0.19041.1
    )


def _phones(text: str) -> Iterator[Span]:
    if not _DIGIT_RUN.search(text):
        return
    for region in PHONE_REGIONS:
        matcher = phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.VALID
        )
        for match in matcher:
            if not _is_other_number(text, match.start, match.end):
                yield match.start, match.end
    for m in _LINKED_PHONE.finditer(text):  # wa.me/4915123456789, tel:+4930901820
        yield m.span(1)
    for m in _PHONE_LIKE.finditer(text):
        found = m.group(0)
        digits = sum(ch.isdigit() for ch in found)
        low = 8 if found.startswith("+") else 9
        if not low <= digits <= 15 or re.fullmatch(r"\d{4}\s*[-–]\s*\d{4}", found):
            continue
        if _COUNTED.match(text, m.end()) or _is_other_number(text, *m.span()):
            continue  # "120 000 000 rows" is a count, "Order ID 1234567890" an id
        yield m.span()


# --- bank accounts and cards --------------------------------------------------------------

_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_ACCOUNT_LABEL = re.compile(
    r"\b(?:account (?:number|no\.?|#)|acct\.? (?:no\.?|#)|sort code|routing (?:number|no\.?)|"
    r"bsb|kontonummer|konto(?:-?nr\.?)?|blz|bankleitzahl|numéro de compte|rib|"
    r"número de cuenta|kontonummer|bankgiro|clearingnummer)\b[\s:#.]*",
    re.I,
)
_GROUP = r"[A-Z0-9]*\d[A-Z0-9]*"  # a group of an id with a digit in it
_LABELLED_NUMBER = re.compile(rf"{_GROUP}(?:[ \-/.](?:{_GROUP}|[A-Z]{{1,2}}(?![\w])))*")


def _bank(text: str) -> Iterator[Span]:
    for m in _IBAN.finditer(text):
        if std_iban.is_valid(m.group(0)):
            yield m.span()
    yield from _after_label(text, _ACCOUNT_LABEL)


def _cards(text: str) -> Iterator[Span]:
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if 13 <= len(digits) <= 19 and luhn.is_valid(digits) and len(set(digits)) > 1:
            yield m.span()


def _after_label(text: str, label: re.Pattern[str]) -> Iterator[Span]:
    """The number written right after a label ("sort code 12-34-56", "SSN: 078-05-1120")."""
    for m in label.finditer(text):
        value = _LABELLED_NUMBER.match(text, m.end())
        if value and sum(ch.isdigit() for ch in value.group(0)) >= 4:
            yield value.span()


# --- tax and national ids -----------------------------------------------------------------

_ID_LABEL = re.compile(
    r"\b(?:passport(?: number| no\.?)?|ssn|social security(?: number| no\.?)?|"
    r"national insurance(?: number| no\.?)?|ni number|nino|tax (?:id|number|code)|tin|"
    r"steuer-?id(?:entifikationsnummer)?|steuernummer|personalausweis(?:nummer)?|"
    r"personnummer|fødselsnummer|henkilötunnus|bsn|burgerservicenummer|nif|nie|dni|"
    r"codice fiscale|numéro de sécurité sociale|aadhaar|pan|id (?:number|card number|no\.?))"
    r"\b[\s:#.]*(?:is\s+|was\s+)?",
    re.I,
)
_NINO = re.compile(r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_ID_TOKEN = re.compile(r"(?<![\w-])[0-9A-Z][0-9A-Z \-.+]{7,22}[0-9A-Z](?![\w-])")
_VALIDATORS: tuple[Callable[[str], bool], ...] = (  # ids with letters in them
    es_dni.is_valid, es_nie.is_valid, it_cf.is_valid, in_pan.is_valid,
)  # fmt: skip


def _valid(check: Callable[[str], bool], token: str) -> bool:
    try:
        return bool(check(token))
    except Exception:  # a validator that chokes on odd input is a "no"
        return False


_SE_PNR = re.compile(r"(?<![\d-])(?:\d{2})?\d{6}[-+]\d{4}(?![\d-])")
_FR_NIR = re.compile(r"(?<!\d)[12] ?\d{2} ?\d{2} ?\d{2} ?\d{3} ?\d{3} ?\d{2}(?!\d)")


def _national_ids(text: str) -> Iterator[Span]:
    yield from _after_label(text, _ID_LABEL)
    for m in _NINO.finditer(text):
        yield m.span()
    for m in re.finditer(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])", text):
        if us_ssn.is_valid(m.group(0)):
            yield m.span()
    for pattern, check in ((_SE_PNR, se_pnr.is_valid), (_FR_NIR, fr_nir.is_valid)):
        for m in pattern.finditer(text):
            if _valid(check, m.group(0)):
                yield m.span()
    for m in _ID_TOKEN.finditer(text):
        token = m.group(0).strip()
        mixed = any(ch.isalpha() for ch in token) and any(ch.isdigit() for ch in token)
        if mixed and any(_valid(check, token) for check in _VALIDATORS):
            yield m.start(), m.start() + len(token)


# --- all together -------------------------------------------------------------------------

_DETECTORS: tuple[tuple[str, Callable[[str], Iterator[Span]]], ...] = (
    ("email", _emails),
    ("bank_account", _bank),
    ("card", _cards),
    ("national_id", _national_ids),
    ("birth_date", find_birth_dates),
    ("address", find_addresses),
    ("phone", _phones),
    ("pay", find_pay),
)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+", re.I)
_PHONE_LINK = re.compile(r"(?i:wa\.me/|whatsapp\.com/|/tel:|signal\.me/)")


def _in_links(text: str) -> list[Span]:
    """Web addresses whose numbers are paths and ids, not phones (a wa.me link is a phone)."""
    return [m.span() for m in _URL.finditer(text) if not _PHONE_LINK.search(m.group(0))]


_MERGE_GAPS = {
    "address": re.compile(r"[\s,]*(?:[A-ZÄÖÜ][\w'-]*[\s,]*){0,2}"),  # street, City POSTCODE
    "pay": re.compile(r"\s*(?:-|–|to|bis|à|a)\s*"),  # a range: $95k-$115k
}


def find_private(text: str) -> list[Finding]:
    """Every private value in `text`, in order, without overlaps."""
    if not text or not any(ch.isdigit() or ch == "@" for ch in text):
        return []
    taken: list[Finding] = []
    links = _in_links(text)
    for rule, detect in _DETECTORS:  # earlier rules are more specific and win overlaps
        for start, end in sorted(set(detect(text))):
            while end > start and text[end - 1] in " ,;:.":
                end -= 1
            if end <= start or any(f.start < end and start < f.end for f in taken):
                continue
            if rule != "email" and any(a <= start and end <= b for a, b in links):
                continue  # github.com/org/repo/pull/1234567890
            taken.append(Finding(rule, start, end, text[start:end]))
    taken.sort(key=lambda f: f.start)
    return _merge(text, taken)


def _merge(text: str, found: list[Finding]) -> list[Finding]:
    """Pieces of one value become one: an address's street and postcode, a pay range."""
    out: list[Finding] = []
    for f in found:
        last = out[-1] if out else None
        gap = _MERGE_GAPS.get(f.rule)
        if (
            last is not None
            and gap is not None
            and last.rule == f.rule
            and gap.fullmatch(text, last.end, f.start)
        ):
            out[-1] = Finding(f.rule, last.start, f.end, text[last.start : f.end])
        else:
            out.append(f)
    return out


def find_borderline(text: str) -> list[tuple[str, str]]:
    """(reason, sentence) for kept sentences close to private: the owner should look."""
    out: list[tuple[str, str]] = []
    for sentence in sentences(text):
        if "[private]" in sentence and not re.search(r"\d", sentence.replace("[private]", "")):
            continue
        if kept_money_of_oneself(sentence):
            out.append(("money said of oneself", sentence))
        elif year_near_birth(sentence):
            out.append(("a year near 'born'", sentence))
        elif re.search(r"(?<![\d.,])\d(?:[ ./]?\d){6,}(?![\d.,])", sentence):  # not 2023-2024
            out.append(("a long number", sentence))
    return out

"""The private values only their words give away: street addresses, birth dates and pay.

Each finder yields `(start, end)` spans of values, not of whole sentences, so the public rest
of a sentence stays ("born on [private] in Bremen"). They look within one sentence:
- addresses: a house number with a street word in English, German/Dutch/Nordic compounds,
  French, Spanish, Italian and Portuguese order; postcodes of the UK and Canada anywhere, and
  5-digit, Dutch and Swedish postcodes next to an address or a word like "live";
- birth dates: a date (14 March 1990, March 14, 1990, 14.03.1990, 1990-03-14, 14. März 1990,
  14 de marzo de 1990, ...) near born / birthday / DOB / geboren / né / nacido / född ...;
- pay: an amount with a currency (€96,000, 62,000 SEK, $95k, £4,000, 85 000 €, 5.500 EUR) whose
  nearest cue is about pay (earn, salary, paid, income, rate, after tax, ...), or which is
  per hour/month/year in a sentence said of oneself. An amount nearer a public cue (budget,
  saved, revenue, costs, the company, ...) is public: money saved for an employer stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int]

# --- sentences ------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\[(\"'“‘*_-])|\n+")


def sentence_spans(text: str) -> list[Span]:
    """(start, end) of each sentence; "Str. 5" and "1.2M" do not end one."""
    spans, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [s for s in spans if text[s[0] : s[1]].strip()]


def sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def _in_sentences(text: str) -> Iterator[tuple[int, str]]:
    for a, b in sentence_spans(text):
        yield a, text[a:b]


# --- addresses ------------------------------------------------------------------------------

_SUFFIXES = (
    "straße|strasse|str\\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|pfad|markt|"
    "zeile|laan|straat|gracht|plein|kade|singel|dijk|vej|gade|gatan|gata|vägen|väg|veien|katu"
)
_COMPOUND_STREET = re.compile(
    rf"\b[A-ZÄÖÜÅ][\wäöüßåæø-]*?(?:{_SUFFIXES})\s+\d{{1,4}}\s?[a-z]?\b(?![.,]\d)"
)
_TWO_WORD_STREET = re.compile(
    r"\b[A-ZÄÖÜ][\wäöüß.-]+[ -](?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer|"
    r"Chaussee|Markt|Laan|Straat|Gracht|Plein|Vej|Gatan|Vägen|Veien)\s+\d{1,4}\s?[a-z]?\b"
)
_ENGLISH_STREET = re.compile(
    r"\b\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'.-]*\s+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|"
    r"Lane|Ln\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Way|Close|Court|Ct\.?|Place|Pl\.?|Terrace|"
    r"Crescent|Square|Sq\.?|Gardens|Grove|Row|Mews|Parkway|Walk|Hill)(?![\w'])"
)
_FRENCH_STREET = re.compile(
    r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|av\.|boulevard|bd|place|chemin|allée|"
    r"impasse|quai|route|cours)\s+(?:(?:de|du|des|la|le|l'|d')\s*)*[A-ZÉÈ][\w'-]*"
    r"(?:\s+[A-ZÉÈ][\w'-]*)*"
)
_LATIN_STREET = re.compile(
    r"\b(?:Calle|C/|Avenida|Avda\.|Paseo|Plaza|Carrer|Rua|Via|Viale|Piazza|Corso|Largo)\s+"
    r"(?:(?:de|del|la|dos|das|do|da|di|della|dei)\s+)*[A-ZÁÉÍÓÚ][\w'-]*(?:\s+[A-ZÁÉÍÓÚ][\w'-]*)*"
    r",?\s+(?:n[º°o.]\s*)?\d{1,4}[a-zA-Z]?\b"
)
_STREETS = (_COMPOUND_STREET, _TWO_WORD_STREET, _ENGLISH_STREET, _FRENCH_STREET, _LATIN_STREET)
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
_CA_POSTCODE = re.compile(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")
_US_ZIP = re.compile(r"(?<=,\s)[A-Z]{2}\s\d{5}(?:-\d{4})?\b")
_NEAR_POSTCODES = (
    re.compile(r"\b\d{5}(?=\s+[A-ZÄÖÜÉ][\wäöüßé-]+)"),  # DE, FR, ES, IT: 10435 Berlin
    re.compile(r"\b\d{4}\s?[A-Z]{2}(?=\s+[A-Z][\w-]+)"),  # NL: 1012 AB Amsterdam
    re.compile(r"\b\d{3}\s\d{2}(?=\s+[A-ZÅÄÖ][\wåäö-]+)"),  # SE: 113 51 Stockholm
)
_LIVE = re.compile(
    r"\b(?:live[sd]?|living|address|reside[sd]?|residence|home is|moved to|wohne\w*|wohnhaft|"
    r"adresse|habite\w*|domicil\w*|vivo|viví|abito|bor|bodde|woon\w*)\b",
    re.I,
)


_COUNTING = re.compile(r"(?i:\b(?:top|with|of|over|across|all|the|our|these|many|than)\s+)$")
_PLURAL_NEXT = re.compile(r"\s+[a-z]+s\b")  # "3 Wall Street banks": a count, not an address


def _street_spans(sentence: str) -> list[Span]:
    spans = []
    for pattern in _STREETS:
        for m in pattern.finditer(sentence):
            counted = _COUNTING.search(sentence[: m.start()]) or _PLURAL_NEXT.match(
                sentence, m.end()
            )
            if pattern is not _ENGLISH_STREET or not counted:
                spans.append(m.span())
    return spans


def find_addresses(text: str) -> Iterator[Span]:
    """Streets with a house number; postcodes (some only next to an address or 'live')."""
    for start, sentence in _in_sentences(text):
        streets = _street_spans(sentence)
        for a, b in streets:
            yield start + a, start + b
        for pattern in (_UK_POSTCODE, _CA_POSTCODE, _US_ZIP):
            for m in pattern.finditer(sentence):
                yield start + m.start(), start + m.end()
        if streets or _LIVE.search(sentence):
            for pattern in _NEAR_POSTCODES:
                for m in pattern.finditer(sentence):
                    yield start + m.start(), start + m.end()


# --- birth dates ----------------------------------------------------------------------------

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|"
    "janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    "noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|"
    "dicembre|januari|februari|maart|mei|augustus|augusti|maj"
)
_MONTHS = "|".join(sorted(set(_MONTHS.split("|")), key=len, reverse=True))  # "mayo" before "may"
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|°)?\.?"
_DATES = re.compile(
    rf"(?i:{_DAY}\s+(?:of\s+|de\s+)?(?:{_MONTHS})\.?(?:,?\s+(?:de\s+)?\d{{4}})?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?!\d)"
)
_BIRTH = re.compile(
    r"\b(?:born|birthday|birth ?date|date of birth|d\.?o\.?b\.?|geboren|geb\.|geburtstag|"
    r"geburtsdatum|né|née|naissance|nac[ií](?:d[oa]|miento|ó)?|nat[oa] (?:il|l'|a|ad|nel)|"
    r"nascita|född|født|verjaardag|urodzon[ya])(?!\w)",
    re.I,
)
_BIRTH_WINDOW = 60  # characters between a birth word and its date


def find_birth_dates(text: str) -> Iterator[Span]:
    """A date within a sentence, near a word about birth."""
    for start, sentence in _in_sentences(text):
        cues = [m.span() for m in _BIRTH.finditer(sentence)]
        if not cues:
            continue
        for m in _DATES.finditer(sentence):
            if any(m.start() - b <= _BIRTH_WINDOW and a - m.end() <= 20 for a, b in cues):
                yield start + m.start(), start + m.end()


def year_near_birth(sentence: str) -> bool:
    """'born in 1990': kept (a year alone is no birth date) but worth a look."""
    return bool(re.search(r"(?i:\bborn\b|geboren|née?)\D{0,20}\b(?:19|20)\d\d\b", sentence))


# --- pay ------------------------------------------------------------------------------------

_SYMBOL = r"(?:US\$|A\$|C\$|NZ\$|R\$|[€$£¥₹₩₽₺]|Rs\.?|CHF|Fr\.)"
_CODE = (
    r"(?:EUR|USD|GBP|SEK|NOK|DKK|CHF|AUD|CAD|NZD|INR|JPY|PLN|CZK|HUF|ZAR|BRL|MXN|SGD|HKD|NGN|KES)"
)
_WORD = (
    r"(?:euros?|dollars?|pounds?|kronor|kroner|kr\.?|francs?|rupees?|yen|złoty|zloty|naira|rand)"
)
_NUMBER = r"(?:\d{1,3}(?:[.,'\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)"
_SCALE = r"(?:\s?(?:k|K|m|M|mn|bn|B|million|billion|thousand|Mio\.?|Tsd\.?|tkr)(?![a-zA-Z]))?"
_AMOUNT = re.compile(
    rf"(?:{_SYMBOL}|{_CODE}\s)\s?{_NUMBER}{_SCALE}(?:\s?{_CODE}(?![A-Za-z]))?"
    rf"|{_NUMBER}{_SCALE}\s?(?:{_SYMBOL}|{_CODE}(?![A-Za-z])|{_WORD}(?![a-zA-Z]))"
)
_PAY_CUE = re.compile(
    r"\b(?:earn(?:s|ed|ing)?|salary|salaries|paid(?! (?:down|off|for|out|back))|pay|pays|income|"
    r"compensation|remuneration|"
    r"wages?|(?:day|daily|hourly|my|contract(?:or)?|freelance|going) rates?|rate of pay|"
    r"take[- ]home|after tax(?:es)?|before tax(?:es)?|gross|net|bonus|stipend|"
    r"verdien\w*|gehalt|lohn|brutto|netto|salaire|gagn\w*|sueldo|salario|gan[oé]|ganaba|"
    r"stipendio|guadagn\w*|lön|tjänar|tjänade|salaris|loon)\b",
    re.I,
)
_PUBLIC_CUE = re.compile(
    r"\b(?:budgets?|saved|sav(?:e|es|ing|ings)|revenue|turnover|sales|funding|raised|grants?|"
    r"costs?|spend(?:ing)?|spent|cut|cutting|reduc\w*|generat\w*|worth|valuation|valued|arr|"
    r"mrr|gmv|profits?|contracts?|deals?|invest\w*|portfolio|funds?|fundraising|prices?|"
    r"pricing|fees?|billing|billed|invoic\w*|donat\w*|prize|awards?|clients?|company|companies|"
    r"employer|business|firm|p&l|capex|opex|umsatz|kosten|eingespart|budget\w*|series [a-e]|"
    r"cash|float|burn|balances?|reserves?|inventory|purchases?|margins?|ebitda|managed|"
    r"managing|oversaw|"
    r"handled|processed|monitored|tracked|raised)\b",
    re.I,
)
_PERIOD = re.compile(
    r"\s*(?:(?:per|a|an|each|every|/|pro|im|par|al|por|i|in the)\s?(?:hour|hr|h|day|week|month|"
    r"mo|year|yr|annum|monat|jahr|stunde|mois|an|année|mes|año|månad|år|maand|jaar)\b|"
    r"p\.?\s?a\.?(?!\w)|monthly\b|annually\b|yearly\b|hourly\b|monatlich\b|jährlich\b)",
    re.I,
)
_ONESELF = re.compile(
    r"\b(?:I|I'm|I've|I'd)\b|(?i:\b(?:my|me|ich|mein\w*|mir|je|j'|mon|yo|mi|"
    r"jag|min|mitt|ik|mijn)\b)"
)
_LEFT, _RIGHT = 60, 40  # how far a cue may be from the amount it speaks of


def _nearest(pattern: re.Pattern[str], sentence: str, a: int, b: int) -> int | None:
    """Distance from the amount sentence[a:b] to the nearest cue of `pattern`, if near."""
    best: int | None = None
    for m in pattern.finditer(sentence):
        if m.end() <= a and a - m.end() <= _LEFT:
            d = a - m.end()
        elif m.start() >= b and m.start() - b <= _RIGHT:
            d = m.start() - b
        else:
            continue
        best = d if best is None else min(best, d)
    return best


def _is_pay(sentence: str, a: int, b: int) -> bool:
    pay = _nearest(_PAY_CUE, sentence, a, b)
    public = _nearest(_PUBLIC_CUE, sentence, a, b)
    if pay is not None and (public is None or pay < public):
        return True
    if public is not None:
        return False
    per_period = _PERIOD.match(sentence, b) is not None
    fragment = not re.search(r"[A-Za-z]{3,}", sentence[:a])  # "£4,000 a month after tax"
    return per_period and (bool(_ONESELF.search(sentence)) or fragment)


def find_pay(text: str) -> Iterator[Span]:
    """Amounts of money that are the owner's pay."""
    for start, sentence in _in_sentences(text):
        for m in _AMOUNT.finditer(sentence):
            if _is_pay(sentence, m.start(), m.end()):
                yield start + m.start(), start + m.end()


def kept_money_of_oneself(sentence: str) -> bool:
    """A public amount in a sentence said of oneself: kept, but the owner should look."""
    return bool(_ONESELF.search(sentence)) and any(
        not _is_pay(sentence, m.start(), m.end()) for m in _AMOUNT.finditer(sentence)
    )

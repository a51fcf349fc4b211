"""Money in pounds: '£99 million', '£99m', '£0.3M', '£1.2bn', '£63,000', '£18.76' -> a number of pounds."""
import re
from dataclasses import dataclass

MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3,
    "m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6,
    "bn": 1e9, "b": 1e9, "billion": 1e9, "billions": 1e9,
    "tn": 1e12, "trillion": 1e12,
}
MONEY = re.compile(
    r"(?:£|\bGBP\s?)\s?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<unit>thousand|millions?|billions?|trillion|bn|mn|tn|[kmb])\b)?"
    # '£5-10m' / '£5 to 10 million': the upper end carries the unit (a bare '£99m to 2024' is no range)
    r"(?:\s?(?:-|to|–)\s?(?P<high>\d+(?:\.\d+)?)\s?(?P<high_unit>thousand|millions?|billions?|bn|mn|[kmb])\b)?",
    re.I,
)
MEASURES = [
    ("saving", r"\bsav(?:ing|ings|ed|e)\b"),
    ("salary", r"\bsalar(?:y|ies)\b|\bpaid\b.*\ba year\b|\bpay\b"),
    ("budget", r"\bbudget"),
    ("spend", r"\bspen[dt]\b|\bspending\b|\bcost\b|\bcosts\b|\bexpenditure\b|\binvest"),
    ("funding", r"\bfund(?:ing|ed)?\b|\bgrant\b"),
    ("fine", r"\bfine[sd]?\b|\bpenalt"),
]
PERIOD = re.compile(r"\b(?:from|since|between)\s+(?:inception\s+in\s+)?[A-Z]?[a-z]*\s?\d{4}(?:\s+(?:to|and|-)\s+(?:date|\d{4}|[A-Z][a-z]+\s\d{4}))?"
                    r"|\b(?:per|a|each)\s+(?:year|annum|month|week|head)\b|\bin\s+20\d\d(?:/\d\d|-\d\d)?\b"
                    r"|\bannual(?:ly)?\b")


@dataclass
class Money:
    amount_gbp: float
    text: str
    start: int
    end: int


MAX_GBP = 1e15  # a thousand trillion pounds: far beyond any UK public budget


def _value(number, unit):
    value = float(number.replace(",", ""))
    return value * MULTIPLIERS.get((unit or "").lower(), 1)


def find_money(text):
    """Every £ amount in `text`. A range ('£5-10m') gives both ends."""
    found = []
    for m in MONEY.finditer(text):
        unit = m.group("unit") or m.group("high_unit")
        values = [_value(m.group("number"), unit)]
        if m.group("high"):
            values.append(_value(m.group("high"), m.group("high_unit")))
        # a figure beyond any budget (or 'inf' from a 400-digit number) is noise, and JSON cannot carry inf
        found += [Money(v, m.group(0).strip(), m.start(), m.end()) for v in values if v <= MAX_GBP]
    return found


def describe(sentence, money_text=""):
    """What the amount measures (spend, saving, budget, salary, ...) and its period, where the sentence says."""
    lowered = sentence.lower()
    measure = next((name for name, pattern in MEASURES if re.search(pattern, lowered)), None)
    period = PERIOD.search(sentence)
    return measure, period.group(0) if period else None

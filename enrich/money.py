"""Money in pounds: '£99 million', '£99m', '£0.3M', '£1.2bn', '£63,000', '£18.76' -> a number of pounds."""
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .vocab import _data, roles

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
# What an amount measures comes from enrich/data/money_measures.json (see describe); its period from these.
_YEAR = r"(?:19|20)\d\d"
_FINANCIAL_YEAR = _YEAR + r"\s?[/\-–]\s?(?:" + _YEAR + r"|\d\d)\b"      # 2024/25, 2024-25, 2023/2024
_WHEN = r"(?:[A-Z][a-z]+\s)?(?:" + _FINANCIAL_YEAR + "|" + _YEAR + r"\b)"   # 2019, July 2019, 2019/20
PERIOD = re.compile(
    r"\b(?i:from|since|between)\s+(?:inception\s+in\s+)?" + _WHEN
    + r"(?:\s+(?:to|and|until|-)\s+(?:date|the\s+present|now|" + _WHEN + "))?"
    + r"|\b(?i:per|a|an|each|every)\s+(?:year|annum|month|week|day|hour|head)\b(?!\s+(?:ago|later|earlier|before|after|on)\b)"
    + r"|\b(?i:over)\s+(?:the\s+(?:next|last|past)\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years\b"
    + r"|\b[Ii]n\s+" + _YEAR + r"(?:\s?[/\-–]\s?\d\d\b)?"
    + r"|\b" + _FINANCIAL_YEAR
    + r"|\b(?i:annual(?:ly)?|yearly|monthly|weekly)\b")

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


@lru_cache
def _vocabulary():
    """The measure vocabulary: one regex finding every cue word (longest phrase first), the measure of each,
    the weak cues, the words that may link an amount to its cue, the clause breaks and the context rules."""
    data = json.loads(_data("money_measures.json").read_text(encoding="utf-8"))
    measure_of = {word: name for name, words in data["measures"].items() for word in words}
    cues = re.compile(_alternation(measure_of), re.I)
    breaks = re.compile("|".join(re.escape(b) if not b[0].isalpha() else rf"\b{re.escape(b)}\b"
                                 for b in data["clause_breaks"]), re.I)
    rules = []
    for rule in data["context"]:
        near = list(rule["near"]) + (list(roles()) if rule.get("roles") else [])
        rules.append((set(rule["words"]), re.compile(_alternation(near), re.I), rule["measure"]))
    return measure_of, cues, set(data["weak_words"]), set(data["link_words"]), breaks, rules


def _alternation(words):
    return r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S")


def _locate(sentence, money_text, start):
    """Where the amount is in the sentence: at `start` if given, else the first `money_text`, else the first £."""
    if start is not None and 0 <= start <= len(sentence):
        return start, start + max(len(money_text), 1)
    if money_text and money_text in sentence:
        at = sentence.index(money_text)
        return at, at + len(money_text)
    first = MONEY.search(sentence)
    return (first.start(), first.end()) if first else (0, 0)


def _clause(sentence, start, end, breaks):
    """The stretch of the sentence the amount belongs to: from the clause break before it to the one after.
    Commas inside numbers ('£63,000') are no breaks; nor is anything inside the amount itself."""
    left, right = 0, len(sentence)
    for m in breaks.finditer(sentence):
        if m.group(0) == "," and 0 < m.start() < len(sentence) - 1 and sentence[m.start() + 1].isdigit():
            continue
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


def _linked(sentence, start, end, clause, cues, link_words):
    """The cue word governing the amount: the first word before it or after it that is no mere link word
    ('savings of £2m', 'paid £63,000', '£99m was spent', 'a £1bn budget', '£2m in savings'). After the
    amount a run of cue words is a compound whose head is the last ('£256m revenue budget' -> budget).
    Returns (distance in characters, cue match) for the nearer side, the one after on a tie."""
    found = []
    # before: walk back over link words to the first other word
    before = sentence[clause[0]:start]
    for word in reversed(list(_WORD.finditer(before))):
        if word.group(0).lower() in link_words:
            continue
        cue = next((c for c in cues.finditer(sentence, clause[0], start) if c.end() == clause[0] + word.end()), None)
        if cue:
            found.append((start - cue.end(), 1, cue))
        break
    # after: walk on over link words, then take the last of a run of cue words
    at, head = end, None
    while at < clause[1]:
        gap = re.match(r"[\s,]*", sentence[at:clause[1]]).end()
        cue = cues.match(sentence, at + gap, clause[1])
        if cue:
            head, at = cue, cue.end()
            continue
        if head:
            break
        word = _WORD.match(sentence, at + gap, clause[1])
        if not word or word.group(0).lower() not in link_words:
            break
        at = word.end()
    if head:
        found.append((head.start() - end, 0, head))
    return min(found, key=lambda f: f[:2])[2] if found else None


def _nearest(start, end, matches):
    return min(matches, key=lambda c: c.start() - end if c.start() >= end else start - c.end(), default=None)


def describe(sentence, money_text="", start=None):
    """What the amount measures (spend, saving, budget, salary, income, ...) and its period, where the
    sentence says. `money_text` (at `start` in the sentence, if given) is the amount; without it, the first
    amount in the sentence. The measure is the cue word linked to the amount ('savings of £2m', '£99m was
    spent'), else the nearest cue word in the amount's clause, else the nearest in the sentence (a weak cue
    only where no other is: 'fees paid by providers' are income); the period is the period phrase nearest
    the amount in its clause, else in the sentence ('2024/25', 'in 2023', 'from July 2019 to date', 'a year')."""
    measure_of, cues, weak, link_words, breaks, rules = _vocabulary()
    start, end = _locate(sentence, money_text, start)
    clause = _clause(sentence, start, end, breaks)
    around = [c for c in cues.finditer(sentence) if c.end() <= start or c.start() >= end]
    in_clause = [c for c in around if clause[0] <= c.start() and c.end() <= clause[1]]
    cue = _linked(sentence, start, end, clause, cues, link_words)
    for candidates in (in_clause, around):
        for weak_ones in (False, True):
            cue = cue or _nearest(start, end, [c for c in candidates if (c.group(0).lower() in weak) == weak_ones])
    measure = None
    if cue:
        word = cue.group(0).lower()
        measure = measure_of.get(word)
        cue_clause = _clause(sentence, cue.start(), cue.end(), breaks)
        for words, near, other in rules:
            if word in words and near.search(sentence, min(clause[0], cue_clause[0]), max(clause[1], cue_clause[1])):
                measure = other
    periods = [p for p in PERIOD.finditer(sentence) if p.end() <= start or p.start() >= end]
    period = (_nearest(start, end, [p for p in periods if clause[0] <= p.start() and p.end() <= clause[1]])
              or _nearest(start, end, periods))
    return measure, period.group(0) if period else None

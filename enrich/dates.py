"""Date expressions in a sentence, resolved against the document's publication date.

Each expression gets the precision the text supports: '26 March 2025' -> 2025-03-26, 'March 2025' ->
2025-03, 'in 2018' -> 2018, 'last month' (published 2025-04-03) -> 2025-03, 'today (26 March)' ->
2025-03-26, 'on Monday' (published Wednesday 9 July 2025) -> 2025-07-07. Without a publication date, relative expressions resolve to nothing.
"""
import re
from dataclasses import dataclass
from datetime import date, timedelta

from kb.documents import MONTH_NAMES as NAMES

MONTH_NAMES = [name.lower() for name in NAMES]
MONTHS = {name: i + 1 for i, name in enumerate(MONTH_NAMES)}
MONTHS.update({name[:3]: i + 1 for i, name in enumerate(MONTH_NAMES)})
MONTHS["sept"] = 9
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:19[5-9]\d|20\d\d)"

PATTERNS = [
    # absolute, most specific first
    ("dmy", rf"\b(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<year>{YEAR})\b"),
    ("mdy", rf"\b(?P<month>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR})\b"),
    ("iso", rf"\b(?P<year>{YEAR})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("dmy_num", rf"\b(?P<day>[0-3]?\d)/(?P<mon>[01]?\d)/(?P<year>{YEAR})\b"),
    ("my", rf"\b(?P<month>{MONTH})\s+(?P<year>{YEAR})\b"),
    ("today_dm", rf"\b(?:today|yesterday|tomorrow)\s*\((?:\w+day\s+)?(?P<day>{DAY})\s+(?P<month>{MONTH})\)"),
    ("dm", rf"\b(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})\b"),
    ("md", rf"\b(?P<month>{MONTH})\s+(?P<day>{DAY})\b(?!,?\s*{YEAR})"),
    ("fy", rf"\b(?:financial\s+year\s+)?(?P<year>{YEAR})[/-](?P<year2>\d\d)\b"),
    ("year_range", rf"\(?(?P<year>{YEAR})\s*[-–]\s*(?P<year2>{YEAR})\)?"),
    ("season", rf"\b(?:(?P<which>this|next|last|the)\s+)?(?:spring|summer|autumn|winter)\b(?:\s+(?:of\s+)?(?P<year>{YEAR}))?"),
    ("year", rf"\b(?P<year>{YEAR})\b"),
    # relative
    ("end_fy", r"\bend of (?:this|the) financial year\b"),
    ("end_year", r"\bend of (?P<which>this|the|next|last) year\b"),
    ("rel_day", r"\b(?P<word>today|yesterday|tomorrow)\b"),
    ("weekday", r"\b(?:(?P<which>last|next|this)\s+|on\s+)(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|"
                r"Saturday|Sunday)\b(?!\s+\d|,?\s+(?:\d|" + MONTH + r"))"),
    ("rel_week", r"\b(?P<which>last|next|this)\s+week\b"),
    ("rel_month", r"\b(?P<which>last|next|this)\s+month\b|\b(?:earlier|later)\s+(?P<which2>this)\s+month\b"),
    ("rel_year", r"\b(?P<which>last|next|this)\s+year\b|\b(?:earlier|later)\s+(?P<which2>this)\s+year\b"),
    ("month_only", rf"\b(?:in|from|since|until|by|before|after|during|of|last|next|this|end of|early|late|"
                   rf"mid|mid-|since early|until early)\s+(?P<month>{MONTH})\b(?!\s+\d)"),
]
COMPILED = [(kind, re.compile(pattern, re.I)) for kind, pattern in PATTERNS]
# The patterns that cannot match without a digit (a day or a year is required): most sentences have none, and
# skipping these patterns there finds exactly the same dates.
NEED_DIGIT = {"dmy", "mdy", "iso", "dmy_num", "my", "today_dm", "dm", "md", "fy", "year_range", "year"}
DIGIT = re.compile(r"\d")
# "May" the verb ("may be"), "March" the verb: only a month when introduced as one (month_only handles that).
AMBIGUOUS_MONTHS = {"may", "march"}


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    value: str        # YYYY, YYYY-MM or YYYY-MM-DD
    relative: bool    # resolved against the publication date
    end_value: str | None = None  # the end of a range ("2020-2024")


def _month(text):
    return MONTHS.get(text.lower().rstrip("."))


def _day(text):
    return int(re.match(r"\d+", text).group(0))


def _ymd(year, month=None, day=None):
    try:
        if day:
            return date(year, month, day).isoformat()
    except ValueError:
        return None
    if month:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _weekday(published, weekday, which, tense):
    """'on Monday' in a past-tense report is the latest Monday up to the publication day; in a future one
    (or 'next Monday') the first one from it on. 'last Monday' is always before it."""
    back = (published.weekday() - weekday) % 7
    if which == "last":
        return (published - timedelta(days=back or 7)).isoformat()
    if which == "next" or tense == "future":
        return (published + timedelta(days=(weekday - published.weekday()) % 7 or (7 if which == "next" else 0))
                ).isoformat()
    return (published - timedelta(days=back)).isoformat()


def _month_shift(d, months):
    total = d.year * 12 + (d.month - 1) + months
    return total // 12, total % 12 + 1


def _year_for_month(month, published, tense):
    """A month named without a year: the publication year, moved back (or on) a year when the tense and
    the calendar say the month must lie in the past (or future)."""
    year = published.year
    if tense == "past" and month > published.month:
        return year - 1
    if tense == "future" and month < published.month:
        return year + 1
    return year


def find_dates(text, published=None, tense=None):
    """All date expressions in `text` (a sentence), non-overlapping, most specific first."""
    taken, found = [], []
    digits = DIGIT.search(text) is not None
    for kind, regex in COMPILED:
        if not digits and kind in NEED_DIGIT:
            continue
        for m in regex.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            mention = _resolve(kind, m, published, tense)
            if mention:
                taken.append((m.start(), m.end()))
                found.append(mention)
    return sorted(found, key=lambda d: d.start)


def _resolve(kind, m, published, tense):
    g = m.groupdict()
    make = lambda value, relative=False, end_value=None: value and DateMention(
        m.group(0), m.start(), m.end(), value, relative, end_value)
    if kind in ("dmy", "mdy"):
        return make(_ymd(int(g["year"]), _month(g["month"]), _day(g["day"])))
    if kind in ("iso", "dmy_num"):
        return make(_ymd(int(g["year"]), int(g["mon"]), int(g["day"])))
    if kind == "my":
        if g["month"].lower() in AMBIGUOUS_MONTHS and m.group(0)[0].islower():
            return None
        return make(_ymd(int(g["year"]), _month(g["month"])))
    if kind == "year_range":
        return make(g["year"], end_value=g["year2"])
    if kind == "fy":
        start_year = int(g["year"])
        if int(g["year2"]) != (start_year + 1) % 100:
            return None
        return make(str(start_year), end_value=str(start_year + 1))
    if kind == "year":
        return make(g["year"])
    if kind == "season":  # 'in the summer', 'autumn 2024': the year, as no month can be told
        if g["year"]:
            return make(g["year"])
        if published is None:
            return None
        return make(str(published.year + {"next": 1, "last": -1}.get((g["which"] or "").lower(), 0)), True)
    if published is None:
        return None
    if kind in ("today_dm", "dm", "md"):
        if kind != "today_dm" and g["month"].lower() in AMBIGUOUS_MONTHS and not g["month"][0].isupper():
            return None
        month = _month(g["month"])
        return make(_ymd(_year_for_month(month, published, tense), month, _day(g["day"])), True)
    if kind == "month_only":
        if g["month"].lower() in AMBIGUOUS_MONTHS and not g["month"][0].isupper():
            return None
        month = _month(g["month"])
        lead = m.group(0).lower()
        year = _year_for_month(month, published, tense)
        if lead.startswith("last ") and month >= published.month:
            year = published.year - 1
        elif lead.startswith("next ") and month <= published.month:
            year = published.year + 1
        start = m.group(0).lower().rfind(g["month"].lower())
        return DateMention(m.group(0)[start:], m.start() + start, m.end(), _ymd(year, month), True)
    if kind == "end_year":
        return make(_ymd(published.year + {"next": 1, "last": -1}.get(g["which"].lower(), 0), 12), True)
    if kind == "end_fy":
        year = published.year if published.month <= 3 else published.year + 1
        return make(_ymd(year, 3), True)
    if kind == "rel_day":
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["word"].lower()]
        return make((published + timedelta(days=shift)).isoformat(), True)
    if kind == "weekday":
        return make(_weekday(published, WEEKDAYS.index(g["weekday"].lower()), (g["which"] or "").lower(), tense),
                    True)
    which = (g.get("which") or g.get("which2") or "").lower()
    step = {"last": -1, "this": 0, "next": 1}[which]
    if kind == "rel_week":
        return make(_ymd(*_month_shift(published + timedelta(weeks=step), 0)), True)
    if kind == "rel_month":
        return make(_ymd(*_month_shift(published, step)), True)
    if kind == "rel_year":
        return make(str(published.year + step), True)
    return None


def parse_iso(value):
    """'2025-03-27' (or a longer ISO timestamp) -> date; None for partial or missing dates."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None

"""Consultations as things with dates, and the dates ahead a researcher plans around.

`refresh(db)` rebuilds the `consultations` and `key_dates` tables (after every `kb enrich`) from:
- GOV.UK consultation documents: the content API's `details.opening_date` and `details.closing_date`, kept
  in the document's `details` (harvester/govuk.py); its `document_type` tells an outcome is published;
- consultation events (enrich/events.py): their opening date, organisation and first report, and a closing
  date told in the text of a document that reports them ("the consultation closes on 12 March");
- documents that give a consultation's closing date without an event;
- board meetings announced in documents ("the board meeting will be held on 20 February 2025").

The status (open, closed, outcome published) depends on today, so it is computed when read:
`status_sql()`, used by the `open_consultations` canned query and the /consultations page.
"""
import json
import re
from datetime import date

from .db import write_transaction
from .documents import MONTH_NAMES, MONTH_NUMBERS, iso_date

MONTHS = "|".join(MONTH_NAMES + tuple(MONTH_NUMBERS))
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
DAY_MONTH = rf"{WEEKDAY}(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTHS})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
MONTH_DAY = rf"{WEEKDAY}(?P<m2>{MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
DATE = rf"(?P<date>{DAY_MONTH}|{MONTH_DAY})"
CLOSES = re.compile(
    rf"\b(?:clos(?:es|ed|ing)|will close|ends|ended|will end|runs until|ran until|will run until|"
    rf"(?:is|was|remains|will be) open until|open for (?:responses|comments|views) until|closing date(?: for "
    rf"(?:responses|comments))?(?: is| was|:)?|(?:responses|comments|views)(?: are| should be)?"
    rf"(?: received| sent| submitted)? (?:by|before|no later than))\s+(?:(?:midnight|noon|\d{{1,2}}(?:[.:]\d{{2}})?"
    rf"\s*(?:am|pm))\s+)?(?:on\s+)?{DATE}", re.I)
OPENS = re.compile(rf"\b(?:opens|opened|will open|launche[sd]|runs from|ran from)\s+(?:on\s+)?{DATE}", re.I)
BOARD_MEETING = re.compile(
    # "the board meeting will be held on 20 February", and a board paper's heading "Board meeting: 26 March 2025"
    rf"\bboard(?:'s)?\s+(?:meeting|will meet|meets)\b(?:\s*[:\u2013-]\s*|[^.;\n]{{0,60}}?\b(?:on|held on)\s+){DATE}",
    re.I)
SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?](?!\d)|\n|$)")
GOVUK_OUTCOME = "consultation_outcome"


def read_date(match, published):
    """The date a DATE match names; a date without a year is the first such date on or after `published`
    (a consultation announced in January that 'closes on 12 March' closes that March)."""
    n = "1" if match.group("d1") else "2"
    day, month, year = (match.group(part + n) for part in ("d", "m", "y"))
    month = MONTH_NUMBERS[month[:3].lower()]
    base = date.fromisoformat(published[:10]) if published and len(published) >= 10 else None
    try:
        if year:
            return date(int(year), month, int(day)).isoformat()
        if base is None:
            return None
        found = date(base.year, month, int(day))
        return (found if found >= base else date(base.year + 1, month, int(day))).isoformat()
    except ValueError:  # 31 February
        return None


def sentences(text):
    return (m.group(0).strip() for m in SENTENCE.finditer(text) if m.group(0).strip())


def dates_in(text, pattern, published, about=None):
    """(date, sentence) for each sentence matching `pattern` (and `about`, when given)."""
    found = []
    for sentence in sentences(text):
        if about is not None and not about.search(sentence):
            continue
        m = pattern.search(sentence)
        if m and (when := read_date(m, published)):
            found.append((when, sentence))
    return found


CONSULTATION_WORDS = re.compile(r"\bconsult|\b(?:responses|views|comments)\b|\bit (?:closes|runs)", re.I)


def _rows(conn, sql, params=()):
    cursor = conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r)) for r in cursor]


def find(conn):
    """The consultations the knowledge base knows of, as rows for the `consultations` table."""
    found = {}
    # 1. GOV.UK consultation documents, with their own dates
    for doc in _rows(conn, "select id, url, title, publisher, details from documents where details is not null "
                           "and (details like '%closing_date%' or details like '%consultation%')"):
        details = json.loads(doc["details"])
        found[doc["id"]] = {
            "key": f"document:{doc['url']}", "title": doc["title"] or doc["url"],
            "organisation": ", ".join(details.get("organisations") or []) or doc["publisher"],
            "opening_date": iso_date(details.get("opening_date")), "closing_date": iso_date(details.get("closing_date")),
            "outcome_url": doc["url"] if details.get("document_type") == GOVUK_OUTCOME else None,
            "url": doc["url"], "document_id": doc["id"], "event_id": None, "origin": "GOV.UK content API",
            "sentence": None}
    # 2. consultation events, with a closing date from the text of a document that reports them
    events = _rows(conn, """
        select e.id, e.key, e.summary, e.date, d.id as document_id, d.url,
          (select group_concat(en.name, '; ') from event_entities ee join entities en on en.id = ee.entity_id
           where ee.event_id = e.id and en.type = 'ORG') as organisation
        from events e left join documents d on d.id = e.first_document_id where e.type = 'consultation'
        order by e.id""")
    cited = {}
    for s in _rows(conn, "select s.event_id, d.id, d.text, d.published from event_sources s join documents d "
                         "on d.id = s.document_id join events e on e.id = s.event_id where e.type = 'consultation' "
                         "order by coalesce(d.published, '9999'), d.id"):
        cited.setdefault(s["event_id"], []).append(s)
    for e in events:
        reports = cited.get(e["id"], [])
        govuk = next((found[r["id"]] for r in reports if r["id"] in found), None)
        if govuk is not None:  # GOV.UK's own page for it: its dates are better than the text's
            govuk["event_id"] = e["id"]
            continue
        closing = next((c for r in reports for c in dates_in(r["text"], CLOSES, r["published"],
                                                             CONSULTATION_WORDS)), None)
        row = {"key": f"event:{e['key']}", "title": re.sub(r" \([^()]*\)$", "", e["summary"] or ""),
               "organisation": e["organisation"], "opening_date": e["date"],
               "closing_date": closing[0] if closing else None, "outcome_url": None, "url": e["url"],
               "document_id": e["document_id"], "event_id": e["id"], "origin": "event",
               "sentence": closing[1] if closing else None}
        for r in reports:
            found.setdefault(r["id"], row)  # the documents it covers
        found.setdefault(("event", e["id"]), row)
    # 3. documents that say when a consultation closes, without an event for it
    for doc in _rows(conn, "select d.id, d.url, d.title, d.publisher, d.published, d.text from documents d where "
                           "d.rowid in (select rowid from documents_fts where documents_fts match 'consultation')"):
        if doc["id"] in found:
            continue
        closing = dates_in(doc["text"], CLOSES, doc["published"], CONSULTATION_WORDS)
        if closing:
            opening = dates_in(doc["text"], OPENS, doc["published"], CONSULTATION_WORDS)
            found[doc["id"]] = {
                "key": f"document:{doc['url']}", "title": doc["title"] or doc["url"], "organisation": doc["publisher"],
                "opening_date": opening[0][0] if opening else doc["published"], "closing_date": closing[0][0],
                "outcome_url": None, "url": doc["url"], "document_id": doc["id"], "event_id": None,
                "origin": "text", "sentence": closing[0][1]}
    unique = {row["key"]: row for row in found.values()}
    return sorted(unique.values(), key=lambda r: (r["closing_date"] or "9999", r["key"]))


def board_meetings(conn):
    """(date, sentence, document) for each board meeting a document announces."""
    meetings = []
    for doc in _rows(conn, "select d.id, d.url, d.title, d.publisher, d.published, d.text from documents d where "
                           "d.rowid in (select rowid from documents_fts where documents_fts match "
                           "'\"board meeting\" OR \"board will meet\" OR \"board meets\"')"):
        for when, sentence in dates_in(doc["text"], BOARD_MEETING, doc["published"]):
            meetings.append({"date": when, "kind": "board meeting",
                             "title": f"Board meeting ({doc['publisher']})" if doc["publisher"] else "Board meeting",
                             "url": doc["url"], "document_id": doc["id"], "sentence": sentence})
    return meetings


def refresh(db):
    """Rebuild `consultations` and `key_dates` from the documents and events; returns how many of each."""
    conn = db.conn
    consultations = find(conn)
    with write_transaction(db):
        conn.execute("delete from key_dates")
        conn.execute("delete from consultations")
        for row in consultations:
            columns = list(row)
            row_id = conn.execute(f"insert into consultations ({', '.join(columns)}) values "
                                  f"({', '.join('?' for _ in columns)})", [row[c] for c in columns]).lastrowid
            for column, kind in (("opening_date", "opens"), ("closing_date", "closes")):
                if row[column] and len(row[column]) == 10:
                    conn.execute("insert into key_dates (date, kind, title, url, document_id, consultation_id, "
                                 "sentence) values (?, ?, ?, ?, ?, ?, ?)",
                                 [row[column], f"consultation {kind}", f"{row['title']} {kind}", row["url"],
                                  row["document_id"], row_id, row["sentence"] if column == "closing_date" else None])
        seen = set()
        for m in board_meetings(conn):
            if (m["date"], m["title"]) not in seen:
                seen.add((m["date"], m["title"]))
                conn.execute("insert into key_dates (date, kind, title, url, document_id, sentence) "
                             "values (?, ?, ?, ?, ?, ?)",
                             [m["date"], m["kind"], m["title"], m["url"], m["document_id"], m["sentence"]])
    return len(consultations), len(seen)


def status_sql(alias="c", today="date('now')"):
    """The SQL expression of a consultation's status on `today`."""
    return (f"case when {alias}.outcome_url is not null then 'outcome published' "
            f"when {alias}.opening_date > {today} then 'not yet open' "
            f"when {alias}.closing_date is null then 'closing date not known' "
            f"when {alias}.closing_date >= {today} then 'open' else 'closed' end")


def closing_soon(conn, today=None, days=14):
    """Open consultations closing within `days` of `today`, soonest first."""
    today = (today or date.today()).isoformat()
    return _rows(conn, f"select c.*, {status_sql(today='?')} as status from consultations c "
                       "where c.closing_date >= ? and c.closing_date <= date(?, ?) and c.outcome_url is null "
                       "order by c.closing_date, c.title", [today, today, today, today, f"+{int(days)} days"])

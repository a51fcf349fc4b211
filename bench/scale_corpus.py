"""Synthetic corpus at scale: N documents (1,000 / 10,000 / 100,000) written straight into a fresh kb.db through
the real schema (kb.db.connect), with everything enrichment would have added: entities and aliases, mentions,
events with several citations each, event participants, money figures, person roles, sources and harvest runs.

    python bench/scale_corpus.py [N ...]          (default: 1000 10000 100000; databases under build/bench/)

Measured per size: documents per second loaded (generation and inserts, FTS triggers off), the time to build
the full-text index afterwards ('rebuild' of documents_fts, then the triggers are put back), and kb.db bytes
per 1,000 documents. `build(path, n, seed=0)` is what bench/serving.py calls; it returns the timings.

The texts are our own templates (titles and paragraphs about CQC, ICSs, appointments, pauses, reviews and
money), filled from small lists of names, organisations (the project's vocabulary: enrich/data) and the 42
ICBs, so the shape is realistic while the words are invented. Same seed, same corpus.
"""
import hashlib
import json
import os
import random
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import Timer, record  # noqa: E402
from enrich.vocab import icb_forms, icbs, organisations  # noqa: E402
from kb.db import connect  # noqa: E402

BUILD = ROOT / "build" / "bench"
SIZES = [1_000, 10_000, 100_000]
TRIGGER_SIZE = 10_000  # where the load with FTS triggers on is measured too
BATCH = 2_000  # documents per transaction
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2026, 6, 30)

FIRST_NAMES = ["Alice", "Ben", "Chloe", "Daniel", "Eleanor", "Farah", "George", "Hannah", "Imran", "Joanna",
               "Kwame", "Laura", "Mohammed", "Nadia", "Oliver", "Priya", "Rachel", "Samuel", "Tamsin", "Usha",
               "Victor", "Wendy", "Yusuf", "Zoe", "Aidan", "Bethany", "Callum", "Deborah", "Edward", "Fiona",
               "Gareth", "Helen", "Ian", "Jasmine", "Keith", "Lucy", "Martin", "Niamh", "Owen", "Philippa",
               "Rhys", "Sarah", "Thomas", "Vanessa", "William", "Amara", "Bronwen", "Declan", "Esther", "Felix"]
SURNAMES = ["Abbott", "Bhatt", "Carver", "Dunmore", "Ellison", "Fairbairn", "Gould", "Hargreaves", "Iqbal",
            "Jessop", "Kendrick", "Lomax", "Marchant", "Nkemelu", "Osborne", "Pickford", "Quayle", "Rowntree",
            "Sandhu", "Thorley", "Upton", "Varley", "Whitcombe", "Yardley", "Ashworth", "Brannigan", "Cheung",
            "Dowling", "Eastwood", "Fenwick", "Greenhalgh", "Holloway", "Ingram", "Jowett", "Kaur", "Lambert",
            "Mottram", "Northcott", "Okafor", "Pemberton", "Radcliffe", "Shackleton", "Tennant", "Umeh",
            "Villiers", "Wainwright", "Ackroyd", "Bellingham", "Cartwright", "Draycott", "Emsley", "Fothergill",
            "Garside", "Hebden", "Illingworth", "Kershaw", "Lindley", "Metcalfe", "Nuttall", "Ormerod"]
HONORIFICS = ["Dr", "Professor", "Sir", "Dame", "Ms", "Mr"]
ROLES = ["chief executive", "chair", "chief inspector of hospitals", "chief inspector of adult social care",
         "chief operating officer", "medical director", "chief nurse", "director of finance",
         "non-executive director", "interim chief executive", "director of strategy", "chief digital officer"]
REVIEW_TOPICS = ["maternity services", "mental health inpatient care", "the regulator's operational performance",
                 "leadership in the NHS", "patient safety culture", "urgent and emergency care",
                 "data and digital systems", "whistleblowing arrangements", "GP access", "dental services",
                 "children's social care", "end of life care", "learning disability services",
                 "ambulance handover delays", "care home inspections", "complaints handling",
                 "the registration process", "equality in the workforce", "infection control",
                 "medicines safety"]
PROGRAMMES = ["its new assessment framework", "routine inspections of dental practices",
              "the rollout of its provider portal", "ratings for GP practices", "the virtual wards scheme",
              "the community diagnostic centres programme", "new registrations of home care agencies",
              "the elective recovery plan", "its consultation on fees", "the neighbourhood health pilot",
              "the single shared record", "the recruitment of new inspectors"]
THINGS = ["urgent and emergency care", "mental health beds", "social care workforce", "GP access",
          "diagnostic capacity", "digital records", "maternity safety", "community services", "capital projects",
          "waiting lists"]
MEASURES = ["spend", "funding", "budget", "saving", "fine", "salary"]
PUBLISHERS = [  # (source name, kind, publisher, site)
    ("cqc-news", "article", "Care Quality Commission", "https://cqc.example"),
    ("cqc-bulletin", "bulletin", "Care Quality Commission", "https://bulletins.cqc.example"),
    ("dhsc-news", "article", "Department of Health and Social Care", "https://dhsc.example"),
    ("nhse-news", "article", "NHS England", "https://nhse.example"),
    ("nhse-board", "board_paper", "NHS England", "https://nhse.example"),
    ("trade-weekly", "article", "Health Service Weekly", "https://hsweekly.example"),
    ("care-times", "article", "Care Times", "https://caretimes.example"),
    ("ics-digest", "bulletin", "ICS Digest", "https://icsdigest.example"),
]
EVENT_TYPES = ["appointment", "departure", "pause", "resume", "review_commissioned", "review_published", "launch"]
EVENT_WEIGHTS = [30, 18, 10, 6, 12, 10, 14]
CITATIONS = [1, 2, 3, 4, 5]  # citations per event, weighted to a mean of 3
CITATION_WEIGHTS = [15, 20, 30, 20, 15]

FILLER = [
    "Inspectors visited {n} services in the {area} area during the period covered by the report.",
    "{org} said it would set out more detail on its plans over the coming weeks.",
    "Leaders at {ics} told their board that demand for {thing} had risen again over the winter.",
    "The report found that {pct} per cent of the services it looked at were rated good or outstanding.",
    "Staff representatives welcomed the announcement but warned that gaps in the workforce remained.",
    "A spokesperson for {org} said the organisation remained committed to improving {thing}.",
    "Providers in {area} have been asked to respond to the findings by the end of the quarter.",
    "The board papers show that {ics} expects pressure on {thing} to continue into next year.",
    "Patients' groups said they wanted to see clearer information about how decisions were made.",
    "The figures cover the twelve months to the end of March and will be updated later in the year.",
    "Local councillors questioned whether the changes would reach people in rural parts of {area}.",
    "{org} has published a summary of the responses it received during the engagement exercise.",
    "Several trusts said that recruitment had improved, although vacancy rates remained high.",
    "The document notes that {pct} per cent of planned inspections were carried out on schedule.",
    "Officials at {org} are expected to give evidence to the health select committee next month.",
    "The partnership board agreed to review progress on {thing} at its next meeting.",
]
TITLES = {
    "appointment": ["{org} names new {role}", "New {role} appointed at {org}", "{person} to join {org}"],
    "departure": ["{role} of {org} to step down", "{person} leaves {org}", "Change at the top of {org}"],
    "pause": ["{org} pauses {programme_short}", "Pause announced at {org}", "{org} halts work on {programme_short}"],
    "resume": ["{org} restarts {programme_short}", "Work resumes at {org}", "{programme_short} back on at {org}"],
    "review_commissioned": ["Review ordered into {topic}", "{org} commissions review of {topic}",
                            "Independent look at {topic} announced"],
    "review_published": ["Review of {topic} published", "Findings on {topic} set out", "{topic}: the review reports"],
    "launch": ["{org} launches {programme_short}", "New programme from {org}", "{org} unveils plans for {thing}"],
}
SENTENCES = {  # two or three wordings of each event, so its citations differ
    "appointment": ["{org} has appointed {person} as its new {role}, with effect {from_when}.",
                    "{person} will take up the post of {role} at {org} {from_when}, the organisation announced.",
                    "The board of {org} confirmed {on_when} that {person} had been appointed {role}."],
    "departure": ["{person} is to step down as {role} of {org} {on_when}.",
                  "{org} said {person} would leave the role of {role} {from_when}.",
                  "After several years in post, {person} left {org}, where they had been {role}, {on_when}."],
    "pause": ["{org} paused {programme} {on_when} while it reviews the approach.",
              "{on_when_cap}, {org} has put {programme} on hold.",
              "{org} confirmed that {programme} would be paused {from_when}."],
    "resume": ["{org} resumed {programme} {on_when} after a pause.",
               "{programme} restarted at {org} {from_when}, the organisation said.",
               "Work on {programme} at {org} began again {on_when}."],
    "review_commissioned": ["{org} commissioned {review} {on_when}, to be led by {person}.",
                            "{on_when_cap}, {person} was asked by {org} to lead {review}.",
                            "{review} was announced by {org} {on_when} and will be led by {person}."],
    "review_published": ["{review}, led by {person}, was published {on_when}.",
                         "{person} published the findings of {review} {on_when}.",
                         "The final report of {review} came out {on_when}, setting out {n} recommendations."],
    "launch": ["{org} launched {programme} {on_when}.",
               "{on_when_cap}, {org} is rolling out {programme} across {area}.",
               "{programme} was launched by {org} {on_when} with support from local partners."],
}
SUMMARIES = {
    "appointment": "{person} appointed {role} of {org}",
    "departure": "{person} steps down as {role} of {org}",
    "pause": "{org} pauses {programme}",
    "resume": "{org} resumes {programme}",
    "review_commissioned": "{review} commissioned, led by {person}",
    "review_published": "{review} published",
    "launch": "{org} launches {programme}",
}
MONEY = ["{org} will {verb} {amount} on {thing} over {period}.",
         "The plan sets aside {amount} for {thing} in {period}.",
         "Board papers put the {measure} for {thing} at {amount} for {period}."]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]


def slug(text):
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


def when_words(value):
    """How a report writes the event's date: '4 March 2024', 'March 2024' or '2024' (the citation's date_text)."""
    if len(value) == 10:
        return f"{int(value[8:])} {MONTH_NAMES[int(value[5:7]) - 1]} {value[:4]}"
    if len(value) == 7:
        return f"{MONTH_NAMES[int(value[5:7]) - 1]} {value[:4]}"
    return value


class Vocabulary:
    """Entities (with ids, as they will be stored) and their aliases, sized to the corpus."""

    def __init__(self, rng, n):
        self.entities, self.aliases = [], []
        self.orgs = [self._add("ORG", o["name"], aliases=o.get("aliases", [])) for o in organisations()]
        self.cqc = next(o for o in self.orgs if o["name"] == "Care Quality Commission")
        self.icss = []
        for icb in icbs():
            forms = [f for f in icb_forms(icb) if f != icb.ics_name][:6] + [icb.ons_code]
            ics = self._add("ICS", icb.ics_name, ons_code=icb.ons_code, aliases=forms)
            ics["area"] = icb.area
            self.icss.append(ics)
        self.roles = [self._add("ROLE", r) for r in ROLES]
        people = [(f, s) for f in FIRST_NAMES for s in SURNAMES]
        rng.shuffle(people)
        self.people = []
        for first, last in people[:min(len(people), 150 + n // 40)]:
            name = f"{first} {last}"
            self.people.append(self._add("PERSON", name,
                                         aliases=[f"{rng.choice(HONORIFICS)} {name}", f"{first[0]}. {last}"]))
        self.reviews = []
        areas = [None] + [i["area"] for i in self.icss]
        seen = set()
        while len(self.reviews) < min(len(REVIEW_TOPICS) * len(areas), 20 + n // 400):
            topic, area = rng.choice(REVIEW_TOPICS), rng.choice(areas)
            topic = topic if area is None else f"{topic} in {area}"
            if topic not in seen:
                seen.add(topic)
                review = self._add("REVIEW", f"Independent review of {topic}")
                review["topic"] = topic
                self.reviews.append(review)

    def _add(self, type_, name, ons_code=None, aliases=()):
        entity = {"id": len(self.entities) + 1, "type": type_, "name": name, "ons_code": ons_code,
                  "description": None}
        self.entities.append(entity)
        self.aliases += [(entity["id"], a) for a in dict.fromkeys(aliases) if a != name]
        return entity

    def organisation(self, rng):
        """CQC is the monitor's subject: a quarter of events concern it; the rest other bodies or ICSs."""
        roll = rng.random()
        if roll < 0.25:
            return self.cqc
        return rng.choice(self.orgs) if roll < 0.6 else rng.choice(self.icss)


def spread_dates(rng, n):
    span = (LAST_DAY - FIRST_DAY).days
    return sorted(FIRST_DAY + timedelta(days=rng.randrange(span + 1)) for _ in range(n))


def event_date(rng, reported):
    """When an event happened or takes effect: near the first report (often just before, sometimes ahead),
    written to the day, the month or the year, and now and then not stated at all."""
    if rng.random() < 0.02:
        return None
    day = reported + timedelta(days=rng.randint(-60, 90))
    day = min(max(day, FIRST_DAY), date(2026, 12, 31))
    roll = rng.random()
    return day.isoformat() if roll < 0.75 else day.isoformat()[:7] if roll < 0.95 else day.isoformat()[:4]


def plan_events(rng, vocab, published):
    """Events (as rows, with their participants and fill-in values) and, per document, the events it cites.
    Document ids follow publication order, so an event's first document is its earliest report, and its
    other citations come from the documents published in the following weeks."""
    n = len(published)
    events, cites = [], [[] for _ in range(n + 1)]
    window = max(10, min(300, n // 20))
    for eid in range(1, n // 2 + 1):
        type_ = rng.choices(EVENT_TYPES, EVENT_WEIGHTS)[0]
        first = rng.randint(1, n)
        org = vocab.organisation(rng)
        person = rng.choice(vocab.people)
        values = {"org": org["name"], "person": person["name"], "area": org.get("area") or "England",
                  "role": rng.choice(vocab.roles)["name"], "programme": rng.choice(PROGRAMMES),
                  "thing": rng.choice(THINGS), "n": rng.randint(4, 40)}
        values["programme_short"] = values["programme"].replace("its ", "").replace("the ", "")
        participants = []
        if type_ in ("appointment", "departure"):
            role = next(r for r in vocab.roles if r["name"] == values["role"])
            participants = [(person, "person"), (org, "organisation"), (role, "role")]
        elif type_ in ("pause", "resume", "launch"):
            participants = [(org, "organisation")]
        else:
            review = rng.choice(vocab.reviews)
            values.update(review=review["name"], topic=review["topic"])
            participants = [(review, "review"), (person, "lead"), (org, "subject")]
        when = event_date(rng, published[first - 1])
        values["when"] = when_words(when) if when else ""
        values["on_when"] = (("on " if len(when) == 10 else "in ") + values["when"]) if when else "in due course"
        values["from_when"] = f"from {values['when']}" if when else "in due course"
        values["on_when_cap"] = values["on_when"][0].upper() + values["on_when"][1:]
        summary = SUMMARIES[type_].format(**values)
        key = f"{type_}:{slug(participants[0][0]['name'])}:{slug(values.get('programme', ''))[:30]}:{eid}"
        count = min(rng.choices(CITATIONS, CITATION_WEIGHTS)[0], n - first + 1)
        citing = [first] + sorted(rng.sample(range(first + 1, min(n, first + window) + 1),
                                             min(count - 1, min(n, first + window) - first)))
        events.append({"id": eid, "type": type_, "date": when, "year": when[:4] if when else None,
                       "summary": summary, "key": key, "first_document_id": first,
                       "values": values, "participants": participants, "citing": citing})
        for variant, doc_id in enumerate(citing):
            cites[doc_id].append((eid, variant))
    return events, cites


class Writer:
    """Builds one document's text sentence by sentence, keeping character offsets for mentions,
    citations and figures."""

    def __init__(self):
        self.parts, self.length, self.mentions = [], 0, []

    def paragraph_break(self):
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2

    def sentence(self, text, entities=()):
        if self.parts and self.parts[-1] != "\n\n":
            self.parts.append(" ")
            self.length += 1
        start = self.length
        for entity in entities:
            at = text.find(entity["name"])
            if at >= 0:
                self.mentions.append((entity["id"], entity["name"], start + at, start + at + len(entity["name"])))
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def text(self):
        return "".join(self.parts)


def filler(rng, vocab, writer):
    template = rng.choice(FILLER)
    org, ics = rng.choice(vocab.orgs), rng.choice(vocab.icss)
    text = template.format(org=org["name"], ics=ics["name"], area=ics["area"], thing=rng.choice(THINGS),
                           n=rng.randint(3, 250), pct=rng.randint(40, 95))
    named = [e for e, field in ((org, "{org}"), (ics, "{ics}")) if field in template]
    writer.sentence(text, named)


def money(rng, vocab, writer, doc_id, fig_id):
    org = vocab.organisation(rng)
    millions = rng.choice([1.5, 2, 4, 7.5, 12, 25, 40, 99, 150, 250, 600, 1200])
    amount = f"£{millions / 1000:g}bn" if millions >= 1000 else f"£{millions:g}m"
    measure = rng.choice(MEASURES)
    year = rng.randint(2015, 2026)
    period = f"{year}/{str(year + 1)[2:]}"
    text = rng.choice(MONEY).format(org=org["name"], verb="spend" if measure == "spend" else "invest",
                                    amount=amount, thing=rng.choice(THINGS), period=period, measure=measure)
    start, end = writer.sentence(text, [org])
    at = start + text.find(amount)
    return (fig_id, doc_id, millions * 1_000_000, amount, text, measure, period, at, at + len(amount))


def make_document(rng, vocab, events, doc_id, published, cited, counters):
    """One document's row and the rows that hang off it (mentions, citations, figures)."""
    source, kind, publisher, site = PUBLISHERS[rng.randrange(len(PUBLISHERS))]
    writer = Writer()
    title_event = events[cited[0][0] - 1] if cited else None
    if title_event:
        title = rng.choice(TITLES[title_event["type"]]).format(**title_event["values"])
    else:
        ics = rng.choice(vocab.icss)
        title = f"{rng.choice(['Update', 'Briefing', 'Board report', 'News'])}: {rng.choice(THINGS)} in {ics['area']}"
    citations, figures = [], []
    paragraphs = rng.randint(4, 8)
    placed = {}
    for eid, variant in cited:
        placed.setdefault(rng.randrange(paragraphs), []).append((eid, variant))
    for p in range(paragraphs):
        writer.paragraph_break()
        for eid, variant in placed.get(p, ()):
            event = events[eid - 1]
            wordings = SENTENCES[event["type"]]
            sentence = wordings[variant % len(wordings)].format(**event["values"])
            sentence = sentence[0].upper() + sentence[1:]
            start, end = writer.sentence(sentence, [e for e, _ in event["participants"]])
            date_text = event["values"]["when"] if event["date"] else ""
            citations.append((eid, doc_id, sentence, start, end, date_text, event["date"], event["summary"]))
        for _ in range(rng.randint(2, 5)):
            filler(rng, vocab, writer)
        if rng.random() < 0.06:
            counters["figure"] += 1
            figures.append(money(rng, vocab, writer, doc_id, counters["figure"]))
    text = writer.text()
    day = published.isoformat()
    fetched = max(datetime(2024, 9, 1, 6, tzinfo=timezone.utc),
                  datetime(published.year, published.month, published.day, 6, tzinfo=timezone.utc)
                  + timedelta(hours=rng.randint(1, 40))).isoformat(timespec="seconds")
    row = (doc_id, f"{site}/news/{day[:4]}/{slug(title)[:60]}-{doc_id}", source, publisher, kind, title,
           None, day, None, text, hashlib.sha256(f"{title}\n{text}".encode()).hexdigest(), fetched, fetched)
    mentions = []
    for entity_id, name, start, end in writer.mentions:
        counters["mention"] += 1
        mentions.append((counters["mention"], doc_id, entity_id, name, start, end))
    return row, mentions, citations, figures


def insert(conn, table, columns, rows):
    if rows:
        marks = ",".join("?" * len(columns))
        conn.executemany(f'insert into {table} ({",".join(chr(34) + c + chr(34) for c in columns)}) '
                         f'values ({marks})', rows)


DOC_COLUMNS = ["id", "url", "source", "publisher", "kind", "title", "author", "published", "updated", "text",
               "content_hash", "fetched_at", "first_seen"]


def fts_triggers(conn):
    return [sql for (sql,) in conn.execute(
        "select sql from sqlite_master where type = 'trigger' and tbl_name = 'documents' and name like '%_a_'")]


def build(path, n, seed=0, fts="rebuild"):
    """Write a fresh corpus of `n` documents to `path`; return the timings and sizes. With fts="rebuild" the
    full-text triggers are dropped for the load and the index is built in one pass afterwards (timed
    separately); with fts="triggers" they stay, so the load rate includes indexing each document as it is
    inserted (as `kb harvest` does)."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    db = connect(str(path))  # the real schema: tables, indexes, FTS table and its triggers
    conn = db.conn
    triggers = fts_triggers(conn)
    trigger_names = [row[0] for row in conn.execute(
        "select name from sqlite_master where type = 'trigger' and tbl_name = 'documents'")]
    if fts == "rebuild":
        for name in trigger_names:  # bulk load without them; the index is rebuilt in one pass afterwards
            conn.execute(f'drop trigger "{name}"')
        conn.commit()

    with Timer() as load:
        with Timer() as plan:
            vocab = Vocabulary(rng, n)
            published = spread_dates(rng, n)
            events, cites = plan_events(rng, vocab, published)
        conn.execute("begin")
        insert(conn, "sources", ["name", "kind", "url", "publisher", "last_harvest", "last_status",
                                 "last_success", "consecutive_failures", "last_error"],
               [(name, kind, f"{site}/feed", publisher, "2026-06-30T06:00:00+00:00", "ok",
                 "2026-06-30T06:00:00+00:00", 0, None) for name, kind, publisher, site in PUBLISHERS])
        insert(conn, "entities", ["id", "type", "name", "ons_code", "description"],
               [(e["id"], e["type"], e["name"], e["ons_code"], e["description"]) for e in vocab.entities])
        insert(conn, "aliases", ["entity_id", "alias"], vocab.aliases)
        conn.execute("commit")
        counters = {"mention": 0, "figure": 0, "role": 0}
        generate = 0.0
        roles_open = {}
        for low in range(1, n + 1, BATCH):
            high = min(n, low + BATCH - 1)
            with Timer() as made:
                docs, mentions, sources, figures, new_events, participants, roles, ends = [], [], [], [], [], [], [], []
                for doc_id in range(low, high + 1):
                    row, m, c, f = make_document(rng, vocab, events, doc_id, published[doc_id - 1],
                                                 cites[doc_id], counters)
                    docs.append(row)
                    mentions += m
                    sources += c
                    figures += f
                    for eid, variant in cites[doc_id]:
                        if variant == 0:  # first report: the event is stored with this document
                            event = events[eid - 1]
                            new_events.append((eid, event["type"], event["date"], event["year"], event["summary"],
                                               event["key"], row[7], doc_id, row[12]))
                            participants += [(eid, e["id"], role) for e, role in event["participants"]]
                            person_roles(event, counters, roles_open, doc_id, roles, ends)
            generate += made.seconds
            conn.execute("begin")
            insert(conn, "documents", DOC_COLUMNS, docs)
            insert(conn, "events", ["id", "type", "date", "year", "summary", "key", "first_reported",
                                    "first_document_id", "first_seen"], new_events)
            insert(conn, "event_sources", ["event_id", "document_id", "sentence", "start", "end", "date_text",
                                           "date", "summary"], sources)
            insert(conn, "event_entities", ["event_id", "entity_id", "role"], participants)
            insert(conn, "mentions", ["id", "document_id", "entity_id", "text", "start", "end"], mentions)
            insert(conn, "figures", ["id", "document_id", "amount_gbp", "text", "sentence", "measure", "period",
                                     "start", "end"], figures)
            insert(conn, "person_roles", ["id", "person_id", "role", "organisation_id", "start", "end",
                                          "start_event_id", "end_event_id", "document_id"], roles)
            conn.executemany('update person_roles set "end" = ?, end_event_id = ? where id = ?', ends)
            insert(conn, "enrichments", ["document_id", "content_hash", "pipeline_version", "enriched_at"],
                   [(d[0], d[10], "bench", d[12]) for d in docs])
            conn.execute("commit")
        conn.execute("begin")
        insert(conn, "harvest_runs", ["run_id", "source", "started", "finished", "status", "new", "updated",
                                      "unchanged", "failed", "error"], harvest_runs(rng, n))
        conn.execute("commit")

    with Timer() as fts_build:
        if fts == "rebuild":
            conn.execute("begin")
            conn.execute("insert into documents_fts (documents_fts) values ('rebuild')")
            for sql in triggers:
                conn.execute(sql)
            conn.execute("commit")
    with Timer() as optimize:
        conn.execute("insert into documents_fts (documents_fts) values ('optimize')")
        conn.execute("analyze")
        conn.commit()
    conn.execute("pragma wal_checkpoint(truncate)")
    counts = {table: conn.execute(f"select count(*) from {table}").fetchone()[0]
              for table in ("documents", "entities", "aliases", "mentions", "events", "event_sources",
                            "event_entities", "figures", "person_roles", "harvest_runs")}
    text_bytes = conn.execute("select sum(length(text)) from documents").fetchone()[0]
    db.conn.close()
    size = os.path.getsize(path)
    return {
        "documents": n, "seed": seed, "fts": fts, "path": str(path), "counts": counts,
        "load_seconds": round(load.seconds, 2), "plan_seconds": round(plan.seconds, 2),
        "generate_seconds": round(generate, 2), "insert_seconds": round(load.seconds - generate - plan.seconds, 2),
        "documents_per_second": round(n / load.seconds),
        "fts_build_seconds": round(fts_build.seconds, 2) if fts == "rebuild" else None, "fts_optimize_analyze_seconds": round(optimize.seconds, 2),
        "db_bytes": size, "bytes_per_1000_documents": round(size * 1000 / n),
        "mean_text_chars": round(text_bytes / n),
    }


def person_roles(event, counters, open_roles, doc_id, rows, ends):
    """Tenures from appointment events; a later departure of the same person from the same post ends one
    (an update), and a departure with no appointment on record is a tenure with only an end."""
    if event["type"] not in ("appointment", "departure"):
        return
    person, org, role = (e for e, _ in event["participants"])
    tenure = (person["id"], org["id"], role["name"])
    if event["type"] == "departure":
        open_id = open_roles.pop(tenure, None)
        if open_id is not None:
            ends.append((event["date"], event["id"], open_id))
            return
        counters["role"] += 1
        rows.append((counters["role"], person["id"], role["name"], org["id"], None, event["date"], None,
                     event["id"], doc_id))
        return
    counters["role"] += 1
    open_roles[tenure] = counters["role"]
    rows.append((counters["role"], person["id"], role["name"], org["id"], event["date"], None, event["id"], None,
                 doc_id))


def harvest_runs(rng, n):
    """A run a day for as many days as the corpus needs (about 20 new documents a run), every source."""
    start = datetime(2024, 9, 1, 6, tzinfo=timezone.utc)
    rows = []
    for day in range(max(1, n // 20 // len(PUBLISHERS))):
        started = start + timedelta(days=day)
        run_id = started.strftime("%Y%m%dT%H%M%SZ")
        for name, *_ in PUBLISHERS:
            failed = rng.random() < 0.03
            rows.append((run_id, name, started.isoformat(), (started + timedelta(seconds=rng.randint(5, 90))).isoformat(),
                         "failed" if failed else "ok", 0 if failed else rng.randint(0, 6), rng.randint(0, 2),
                         rng.randint(10, 60), 1 if failed else 0, "HTTP 503" if failed else None))
    return rows


def corpus_path(n, seed=0):
    return BUILD / f"corpus-{n}-s{seed}.db"


def fingerprint():
    """Cached corpora are rebuilt when the generator or the schema changes."""
    digest = hashlib.sha256()
    for path in (Path(__file__), ROOT / "kb" / "db.py"):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_cached(n, seed=0):
    """Build the corpus of `n` documents at its cache path, with its figures beside it (.json)."""
    path = corpus_path(n, seed)
    result = dict(build(path, n, seed), fingerprint=fingerprint())
    path.with_suffix(".json").write_text(json.dumps(result, indent=2))
    return result


def ensure(n, seed=0):
    """The cached corpus of `n` documents (built if missing or stale) and its build figures."""
    path = corpus_path(n, seed)
    sidecar = path.with_suffix(".json")
    if path.exists() and sidecar.exists():
        meta = json.loads(sidecar.read_text())
        if meta.get("fingerprint") == fingerprint():
            return path, meta
    print(f"building the {n:,}-document corpus ...", flush=True)
    return path, build_cached(n, seed)


def figures_for(result):
    n = result["documents"]
    how = (f"bench/scale_corpus.py: synthetic corpus (seed {result['seed']}, mean {result['mean_text_chars']} chars "
           f"of text, {result['counts']['events']} events, {result['counts']['event_sources']} citations) "
           f"written with executemany, {BATCH} documents per transaction, FTS triggers dropped during the load")
    return [
        {"name": "corpus load rate", "value": result["documents_per_second"], "unit": "documents/s", "size": n,
         "target": None, "met": None,
         "how": how + f"; generation {result['generate_seconds']} s + inserts {result['insert_seconds']} s"},
        {"name": "FTS index build", "value": result["fts_build_seconds"], "unit": "s", "size": n, "target": None,
         "met": None, "how": "one 'rebuild' of documents_fts (porter, title+text) after the bulk load, then the "
                             "sync triggers are recreated; 'optimize' + ANALYZE took a further "
                             f"{result['fts_optimize_analyze_seconds']} s"},
        {"name": "kb.db size per 1,000 documents", "value": round(result["bytes_per_1000_documents"] / 1e6, 2),
         "unit": "MB", "size": n, "target": None, "met": None,
         "how": f"file size after a WAL checkpoint ({result['db_bytes']:,} bytes) x 1000 / documents; all tables, "
                "indexes and the FTS index"},
    ]


def main(sizes=None):
    sizes = sizes or SIZES
    figures, results = [], []
    for n in sizes:
        result = build_cached(n)
        results.append(result)
        figures += figures_for(result)
        print(f"{n:>7} docs: load {result['load_seconds']} s ({result['documents_per_second']} docs/s), "
              f"FTS {result['fts_build_seconds']} s, {result['bytes_per_1000_documents']:,} bytes/1000 docs",
              flush=True)
    # the other way to index: triggers on during the load (what each harvested document costs)
    n = TRIGGER_SIZE
    with_triggers = build(BUILD / f"corpus-{n}-triggers.db", n, fts="triggers")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{with_triggers['path']}{suffix}").unlink(missing_ok=True)
    plain = next((r for r in results if r["documents"] == n), None)
    figures.append({
        "name": "corpus load rate with FTS triggers on", "value": with_triggers["documents_per_second"],
        "unit": "documents/s", "size": n, "target": None, "met": None,
        "how": "as 'corpus load rate' but with the documents_fts sync triggers left on, so each insert also indexes "
               "its document (as kb harvest does)" + (f"; vs {plain['documents_per_second']} documents/s with the "
                                                      f"index built afterwards in {plain['fts_build_seconds']} s"
                                                      if plain else "")})
    print(f"{n:>7} docs with FTS triggers on: load {with_triggers['load_seconds']} s "
          f"({with_triggers['documents_per_second']} docs/s)", flush=True)
    record("scale_corpus", figures, notes=[f"counts at {r['documents']:,}: {r['counts']}" for r in results])
    return results


if __name__ == "__main__":
    main([int(a.replace(",", "").replace("_", "")) for a in sys.argv[1:]] or None)

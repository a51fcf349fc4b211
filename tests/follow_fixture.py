"""A small knowledge base, written for these tests, that the feed, digest, calendar and consultation tests
share: an appointment reported twice, a departure, a pause naming an ICS, a review and a consultation."""
import json

from enrich.run import enrich
from kb.db import connect
from kb.ingest import ingest_lines

DOCUMENTS = [
    {"url": "https://news.example/cqc-chief", "published": "2024-10-07", "publisher": "Example News",
     "title": "CQC names its new chief executive",
     "text": "Sir Alan Example has been appointed chief executive of the Care Quality Commission and will take "
             "up the post on 1 April 2025. The regulator spent £99 million on its provider portal."},
    {"url": "https://press.example/ics-pause", "published": "2025-03-27", "publisher": "Example Press",
     "title": "ICS assessments paused",
     "text": "The Care Quality Commission paused its assessments of integrated care systems in March 2025, "
             "including NHS Dorset ICB."},
    {"url": "https://gov.example/dash", "published": "2024-05-20", "publisher": "Department of Health and Social Care",
     "title": "Review of the regulator",
     "text": "The Department of Health and Social Care commissioned the Dash review of the Care Quality Commission "
             "in May 2024."},
    {"url": "https://cqc.example/consultation", "published": "2025-01-15", "publisher": "Care Quality Commission",
     "title": "Consultation on how we rate providers",
     "text": "The Care Quality Commission has launched a consultation on changes to how it rates providers. "
             "The consultation closes on 12 March 2025. A board meeting will be held on 20 February 2025."},
    {"url": "https://trade.example/leaves", "published": "2024-06-24", "publisher": "Trade Weekly",
     "title": "Chief executive leaves CQC",
     "text": "Ian Sample has stepped down as chief executive of the Care Quality Commission."},
]
# A later report of the departure: a second source for an event already known.
LATER_REPORT = {"url": "https://trade.example/departure-again", "published": "2024-07-01", "publisher": "Example Press",
                "title": "Regulator's chief executive has gone",
                "text": "Ian Sample stepped down as chief executive of the Care Quality Commission in June 2024."}

WATCHES = """
watches:
  cqc-leadership:
    title: CQC leadership
    entities: [CQC]
    types: [appointment, departure]
  reviews:
    types: [review_commissioned, review_published]
  trade:
    publishers: [Trade Weekly]
"""


def build(path, documents=DOCUMENTS):
    db = connect(str(path))
    add(db, documents)
    return db


def add(db, documents):
    ingest_lines(db, [json.dumps(d) for d in documents])
    enrich(db)


def event_id(db, type_):
    return next(db.query("select id from events where type = ? order by id", [type_]))["id"]


def entity_id(db, name):
    return next(db.query("select id from entities where name = ?", [name]))["id"]

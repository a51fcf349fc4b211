"""Harvested text is untrusted: payloads in titles, text, entity names, summaries and URLs come out
escaped on every page, query and feed (parsed: no script, no on* attribute, no javascript: link)."""
import asyncio
import json
import re

import feedparser
import pytest
from bs4 import BeautifulSoup

from enrich.run import enrich
from kb.db import connect
from kb.ingest import ingest_lines
from kb.serve import make_datasette

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("xss") / "kb.db"
    db = connect(str(path))
    ingest_lines(db, [json.dumps({
        "url": "https://evil.example/story", "published": "2025-03-27", "publisher": PAYLOAD, "author": PAYLOAD,
        "title": f"Chief named {PAYLOAD}",
        "text": f"Jane Sample has been appointed chair of the Care Quality Commission. {PAYLOAD} "
                "The Care Quality Commission paused its assessments of integrated care systems, NHS Dorset ICB "
                "said. The portal cost £99 million." + PAYLOAD})])
    enrich(db)
    # what enrichment could carry through from a hostile page, written straight in
    db.execute("update entities set name = name || ? where name = 'Jane Sample'", [PAYLOAD])
    db.execute("update entities set name = name || ? where type = 'ICS'", [PAYLOAD])
    db.execute("update events set summary = summary || ?", [PAYLOAD])
    db.execute("update event_sources set sentence = sentence || ?", [PAYLOAD])
    # an organisation and a review with hostile names, a hostile earlier version, and an archived response
    db.execute("update entities set name = name || ? where type in ('ORG', 'REVIEW')", [PAYLOAD])
    db["entities"].insert({"type": "REVIEW", "name": "Review of " + PAYLOAD})
    review = db.execute("select id from entities where name = ?", ["Review of " + PAYLOAD]).fetchone()[0]
    db["mentions"].insert({"document_id": 1, "entity_id": review, "text": "Jane", "start": 0, "end": 4})
    db["document_versions"].insert({"document_id": 1, "title": PAYLOAD, "text": PAYLOAD, "replaced_at": PAYLOAD,
                                    "fetched_at": PAYLOAD, "diff": f"--- before\n+++ after\n-{PAYLOAD}\n+{PAYLOAD}"})
    db["archive_records"].insert({"url": "javascript:alert(document.cookie)", "fetched_url": PAYLOAD,
                                  "warc_file": PAYLOAD, "warc_offset": 0, "warc_length": 1, "content_type": PAYLOAD,
                                  "fetched_at": PAYLOAD})
    db.execute("update documents set url = 'javascript:alert(document.cookie)'")
    db["sources"].insert({"name": "evil", "kind": "feed", "url": "javascript:alert(2)", "publisher": PAYLOAD,
                          "last_status": "failed", "last_error": PAYLOAD, "consecutive_failures": 1})
    db.conn.commit()
    ids = {t: next(db.query("select id from entities where type = ?", [t]))["id"] for t in ("PERSON", "ORG")}
    ics = next(db.query("select ons_code from entities where type = 'ICS'"))["ons_code"]
    yield make_datasette(path), ids["PERSON"], ics, ids["ORG"], review
    db.conn.close()


def pages(person, ics, organisation, review):
    return ["/", "/?q=appointed", "/?q=script", "/document/1", f"/organisation/{organisation}", f"/review/{review}",
            "/people", "/people?q=Sample", "/timeline", "/timeline?entity=Sample", f"/person/{person}", f"/ics/{ics}",
            "/kb", "/kb/documents", "/kb/documents/1", "/kb/documents?_search=chief", "/kb/events",
            "/kb/events/1", "/kb/entities", "/kb/event_sources", "/kb/figures", "/kb/sources",
            "/kb/timeline", "/kb/person?name=Sample", "/kb/ics?ics=" + ics, "/kb/money", "/kb/new_events",
            "/kb/source_health", "/kb/person_roles", "/kb/mentions", "/kb/search?q=appointed",
            "/kb/search?q=script"]


def assert_inert(html, where):
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        assert "alert(" not in script.get_text(), where
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not (name.lower().startswith("on") and "alert" in str(value)), (where, tag)
            if name.lower() in ("href", "src", "action", "formaction"):
                assert not str(value).strip().lower().startswith(("javascript:", "data:")), (where, tag)
    assert not re.search(r"<img[^>]*onerror", html, re.I), where


def test_every_page_and_query_escapes_harvested_text(hostile):
    ds, *ids = hostile
    payloads_shown = 0
    for url in pages(*ids):
        response = asyncio.run(ds.client.get(url))
        assert response.status_code == 200, url
        assert_inert(response.text, url)
        payloads_shown += "&lt;script&gt;" in response.text or "&lt;img" in response.text
    assert payloads_shown >= 20  # the payloads are there, shown as text


def test_the_document_page_escapes_the_text_it_marks_up(hostile):
    """/document/<id> builds its text's markup itself (entity links, highlighted sentences): every piece escaped."""
    ds = hostile[0]
    soup = BeautifulSoup(asyncio.run(ds.client.get("/document/1")).text, "html.parser")
    body = soup.select_one(".document-text")
    assert PAYLOAD in body.get_text()  # shown as text, whole
    assert not body.find_all(["script", "img"])
    assert body.select("a.entity") and body.select("mark.reports")
    assert all(a["href"].startswith(("/person/", "/organisation/", "/ics/", "/review/", "#event-"))
               for a in body.select("a"))
    assert soup.select_one("pre.diff").get_text().count(PAYLOAD) == 2
    # an archive record naming no real file (or one outside the database's directory) is a 404, not an error
    archived = asyncio.run(ds.client.get(soup.select_one("a.archive")["href"]))
    assert archived.status_code == 404


def test_json_keeps_the_text_as_data(hostile):
    ds = hostile[0]
    rows = asyncio.run(ds.client.get("/kb/timeline.json?_shape=array")).json()
    assert rows and all(PAYLOAD in r["summary"] for r in rows)  # unchanged data, for clients to escape
    assert asyncio.run(ds.client.get("/kb/timeline.json")).headers["content-type"].startswith("application/json")


def test_atom_feed_carries_payloads_as_text(hostile):
    ds = hostile[0]
    response = asyncio.run(ds.client.get("/kb/new_events.atom"))
    assert "<script" not in response.text and "<img" not in response.text
    feed = feedparser.parse(response.text)
    assert feed.entries
    for entry in feed.entries:
        assert entry.content[0].type == "text/plain"
        assert not entry.get("link", "").lower().startswith("javascript:")


def test_follow_feeds_carry_payloads_as_text_and_never_link_a_script(hostile):
    ds, person, ics, organisation, review = hostile
    for url in ("/feeds/events.atom", f"/feeds/person/{person}.atom", f"/feeds/ics/{ics}.atom",
                f"/feeds/organisation/{organisation}.atom", "/feeds/search.atom?q=appointed", "/kb/timeline.atom"):
        response = asyncio.run(ds.client.get(url))
        assert response.status_code == 200, url
        assert "<script" not in response.text and "<img" not in response.text, url
        feed = feedparser.parse(response.text)
        assert feed.entries, url
        for entry in feed.entries:
            assert entry.content[0].type == "text/plain"
            assert not any(link.href.lower().startswith("javascript:") for link in entry.links), url
    items = json.loads(asyncio.run(ds.client.get("/feeds/events.json")).text)["items"]
    assert items and all("<script" not in i["content_html"] and not i["url"].startswith("javascript:")
                         for i in items)
    for page in (f"/person/{person}", "/consultations", "/feeds", f"/review/{review}", f"/organisation/{organisation}"):
        response = asyncio.run(ds.client.get(page))
        assert response.status_code == 200 and "<script>alert" not in response.text, page
    calendar = asyncio.run(ds.client.get("/kb/calendar.ics")).text  # plain text, where a payload is only text
    assert "BEGIN:VEVENT" in calendar and "URL:javascript" not in calendar.replace("\r\n ", "")

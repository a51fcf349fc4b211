"""What researchers and newsletters touch: canned queries, the /timeline, /person and /ics pages and the
Atom feeds, read through Datasette's test client from a database built from our own documents."""
import asyncio
import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from enrich.run import enrich
from kb.db import connect
from kb.ingest import ingest_lines
from kb.serve import make_datasette

DOCUMENTS = [
    {"url": "https://news.example/cqc-chief", "published": "2024-10-07", "publisher": "Example News",
     "title": "CQC names its new chief executive",
     "text": "Sir Alan Example has been appointed chief executive of the Care Quality Commission. "
             "The regulator spent £99 million on its provider portal."},
    {"url": "https://press.example/ics-pause", "published": "2025-03-27", "publisher": "Example Press",
     "title": "ICS assessments paused",
     "text": "The Care Quality Commission paused its assessments of integrated care systems in March 2025. "
             "NHS Dorset ICB welcomed the pause."},
    {"url": "https://trade.example/chief-again", "published": "2024-10-09", "publisher": "Trade Weekly",
     "title": "New chief for the regulator",
     "text": "Alan Example was appointed chief executive of the Care Quality Commission in October 2024."},
]


def get(ds, url):
    return asyncio.run(ds.client.get(url))


def rows(ds, url):
    response = get(ds, url)
    assert response.status_code == 200, response.text[:300]
    return response.json()


def build_database(path):
    """The documents above, enriched, plus one source's health: the database the publishing tests read."""
    db = connect(str(path))
    fill(db)
    db.conn.close()
    return path


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    path = tmp_path_factory.mktemp("pub") / "anything.db"
    db = connect(str(path))
    fill(db)
    yield path, db, make_datasette(path)
    db.conn.close()


def fill(db):
    ingest_lines(db, [json.dumps(d) for d in DOCUMENTS])
    enrich(db)
    db["sources"].insert({"name": "example-feed", "kind": "feed", "url": "https://news.example/feed",
                          "publisher": "Example News", "last_harvest": "2025-03-28T06:00:00+00:00",
                          "last_status": "failed", "last_success": "2025-03-26T06:00:00+00:00",
                          "consecutive_failures": 2, "last_error": "HTTP 503"})
    db["harvest_runs"].insert({"run_id": "r1", "source": "example-feed", "started": "2025-03-28T06:00:00+00:00",
                               "finished": "2025-03-28T06:00:05+00:00", "status": "failed", "new": 0,
                               "updated": 0, "unchanged": 0, "failed": 1, "error": "HTTP 503"})


def event_of(db, type_):
    return next(db.query("select * from events where type = ?", [type_]))


def test_timeline_filters_by_type_entity_text_and_dates(published):
    _, db, ds = published
    appointment = event_of(db, "appointment")
    found = rows(ds, "/kb/timeline.json?_shape=array&type=appointment&entity=CQC&from=2024&to=2025")
    assert [r["event_id"] for r in found] == [appointment["id"]]
    assert "Alan Example" in found[0]["participants"] and found[0]["sources"] == 2
    assert found[0]["first_source"] == "https://news.example/cqc-chief"
    assert rows(ds, "/kb/timeline.json?_shape=array&type=appointment&from=2026") == []
    assert rows(ds, "/kb/timeline.json?_shape=array&to=2023") == []
    by_text = rows(ds, "/kb/timeline.json?_shape=array&q=integrated+care")
    assert [r["type"] for r in by_text] == ["pause"]
    every = rows(ds, "/kb/timeline.json?_shape=array")
    assert len(every) == db["events"].count
    assert [r["date"] for r in every] == sorted((r["date"] for r in every), reverse=True)


def test_person_ics_and_money_queries(published):
    _, _, ds = published
    person = rows(ds, "/kb/person.json?_shape=array&name=Example")
    kinds = {r["kind"] for r in person}
    assert kinds == {"role", "event", "mention"} and {r["person"] for r in person} == {"Alan Example"}
    assert all(r["source"].startswith("https://") for r in person)
    assert rows(ds, "/kb/person.json?_shape=array") == []  # a name is required
    ics = rows(ds, "/kb/ics.json?_shape=array&ics=E54000041")
    assert ics and {r["ics"] for r in ics} == {"Dorset ICS"} and ics[0]["source"] == "https://press.example/ics-pause"
    assert rows(ds, "/kb/ics.json?_shape=array&ics=Dorset") == ics
    money = rows(ds, "/kb/money.json?_shape=array&min=1000000")
    assert [(m["amount_gbp"], m["source"]) for m in money] == [(99_000_000, "https://news.example/cqc-chief")]
    assert "£99 million" in money[0]["sentence"]


def test_new_events_since_a_time_and_by_type(published):
    _, db, ds = published
    everything = rows(ds, "/kb/new_events.json?_shape=array")
    assert len(everything) == db["events"].count
    assert rows(ds, "/kb/new_events.json?_shape=array&since=2999-01-01") == []
    pauses = rows(ds, "/kb/new_events.json?_shape=array&type=pause&since=2000-01-01")
    assert [p["type"] for p in pauses] == ["pause"]


def test_atom_feeds_cite_every_source(published):
    _, db, ds = published
    response = get(ds, "/kb/new_events.atom?type=appointment")
    assert response.status_code == 200
    feed = feedparser.parse(response.text)
    assert not feed.bozo
    (entry,) = feed.entries
    assert entry.link == "https://news.example/cqc-chief"
    assert entry.id.startswith("urn:cqc-monitor:event:appointment:")
    content = entry.content[0].value
    assert "https://news.example/cqc-chief" in content and "https://trade.example/chief-again" in content
    assert len(feedparser.parse(get(ds, "/kb/new_events.atom").text).entries) == db["events"].count
    quiet = get(ds, "/kb/new_events.atom?since=2999-01-01")  # nothing new: an empty feed, not an error
    assert quiet.status_code == 200
    empty = feedparser.parse(quiet.text)
    assert not empty.bozo and empty.entries == [] and empty.feed.title == "Events, first seen since 2999-01-01"


def test_source_health(published):
    _, _, ds = published
    (health,) = [r for r in rows(ds, "/kb/source_health.json?_shape=array") if r["name"] == "example-feed"]
    assert (health["name"], health["last_status"], health["consecutive_failures"], health["last_run_failed"]) == \
        ("example-feed", "failed", 2, 1)
    assert health["source"] == "https://news.example/feed"


def text_of(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_timeline_page_groups_by_month_and_links_people_and_sources(published):
    _, db, ds = published
    response = get(ds, "/timeline")
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    appointment = event_of(db, "appointment")
    person_id = next(db.query("select id from entities where name = 'Alan Example'"))["id"]
    item = next(li for li in soup.select("li.event") if li["data-type"] == "appointment")
    assert appointment["summary"] in item.get_text()
    assert item.find("a", href=f"/person/{person_id}").get_text() == "Alan Example"
    cited = {a["href"] for a in item.select(".citations a.original")}
    assert cited == {"https://news.example/cqc-chief", "https://trade.example/chief-again"}
    # every citation also links to the stored copy, which outlives the original
    stored = {a["href"] for a in item.select(".citations a.stored")}
    assert stored == {f"/document/{r['document_id']}" for r in db.query(
        "select document_id from event_sources where event_id = ?", [appointment["id"]])}
    months = [h.get_text() for h in soup.select("section.month h2")]
    assert months == sorted(set(months), key=months.index)  # each month once
    pauses = BeautifulSoup(get(ds, "/timeline?type=pause").text, "html.parser").select("li.event")
    assert [li["data-type"] for li in pauses] == ["pause"]
    feeds = [a["href"] for a in soup.select("p.feeds a")]
    assert "/kb/new_events.atom?type=appointment" in feeds
    assert all(get(ds, href).status_code == 200 for href in feeds)
    nothing = text_of(get(ds, "/timeline?entity=Nobody+At+All").text)
    assert "No events match" in nothing


def test_person_and_ics_pages(published):
    _, db, ds = published
    person_id = next(db.query("select id from entities where name = 'Alan Example'"))["id"]
    page = text_of(get(ds, f"/person/{person_id}").text)
    assert "Alan Example" in page and "chief executive" in page and "Care Quality Commission" in page
    ics_page = get(ds, "/ics/E54000041")
    assert ics_page.status_code == 200 and "Dorset ICS" in text_of(ics_page.text)
    assert "https://press.example/ics-pause" in ics_page.text
    assert get(ds, "/person/999999").status_code == 404
    assert get(ds, "/ics/E00000000").status_code == 404


def test_no_sql_mode_keeps_canned_queries_only(published):
    path, _, _ = published
    locked = make_datasette(path, allow_sql=False)
    assert get(locked, "/kb.json?sql=select+1").status_code == 403
    assert get(locked, "/kb/timeline.json").status_code == 200


def test_search_ranks_documents_and_highlights_the_words(published):
    _, _, ds = published
    found = rows(ds, "/kb/search.json?_shape=array&q=pause")  # porter stemming: "paused" too
    assert [r["url"] for r in found] == ["https://press.example/ics-pause"]
    assert "⟦paused⟧" in found[0]["snippet"] or "⟦pause⟧" in found[0]["snippet"]
    page = BeautifulSoup(get(ds, "/kb/search?q=pause").text, "html.parser")
    assert [m.get_text() for m in page.select("td.col-snippet mark")][:1] in (["paused"], ["pause"])
    # the documents table, whose own search sorts every match by date, points to this ranked search
    table = BeautifulSoup(get(ds, "/kb/documents").text, "html.parser")
    assert "/kb/search" in [a.get("href") for a in table.select("a")]


def test_events_table_shows_participants_and_sorts_by_how_many_documents_report_them(published):
    _, db, ds = published
    events = rows(ds, "/kb/events.json?_shape=array&_sort_desc=source_count")
    assert events[0]["id"] == event_of(db, "appointment")["id"] and events[0]["source_count"] == 2
    assert "Alan Example" in events[0]["participants"]
    assert [e["source_count"] for e in events] == sorted((e["source_count"] for e in events), reverse=True)


def test_served_from_any_directory(published, tmp_path, monkeypatch):
    path, _, _ = published
    monkeypatch.chdir(tmp_path)
    ds = make_datasette(path)
    assert rows(ds, "/kb/timeline.json?_shape=array")
    assert get(ds, "/timeline").status_code == 200
    assert "CQC monitor" in get(ds, "/").text  # metadata.yml found from the package


def test_search_ranks_a_very_common_word_among_the_5000_newest_documents_holding_it(tmp_path):
    db = connect(str(tmp_path / "many.db"))
    # The oldest document is the best match by far; 5,000 newer ones mention the word once, among filler.
    lines = [{"url": "https://x.example/best", "title": "Inspection", "text": "Inspection inspection inspection."}]
    lines += [{"url": f"https://x.example/{i}", "title": f"Bulletin {i}",
               "text": f"Bulletin {i} covers staffing and funding, and one inspection, among other news. "
                       + ("A long paragraph about other matters. " * (i % 7))} for i in range(5_000)]
    lines += [{"url": "https://x.example/rare", "title": "Rare word", "text": "A zeugma and an inspection."}]
    ingest_lines(db, [json.dumps({**line, "published": "2025-01-01", "publisher": "X"}) for line in lines])
    ds = make_datasette(tmp_path / "many.db")

    common = rows(ds, "/kb/search.json?_shape=array&q=inspection")
    assert len(common) == 200
    assert "https://x.example/best" not in [r["url"] for r in common]  # older than the 5,000 newest
    ranked = {r[0]: r[1] for r in db.conn.execute(
        "select d.url, rank from documents_fts join documents d on d.rowid = documents_fts.rowid "
        "where documents_fts match 'inspection' order by rank")}
    assert [ranked[r["url"]] for r in common] == sorted(ranked[r["url"]] for r in common)  # best first
    # The newest document's short text makes it the best of the candidates.
    assert common[0]["url"] == "https://x.example/rare"
    # A word in fewer than 5,000 documents is ranked over all of them, the oldest included.
    assert [r["url"] for r in rows(ds, "/kb/search.json?_shape=array&q=inspection+inspection+zeugma")] \
        == ["https://x.example/rare"]
    best = rows(ds, '/kb/search.json?_shape=array&q="inspection inspection"')
    assert [r["url"] for r in best] == ["https://x.example/best"]
    db.conn.close()


def test_timeline_lists_undated_events_last_and_only_without_a_date_range(tmp_path):
    path = build_database(tmp_path / "undated.db")
    db = connect(str(path))
    undated = db["events"].insert({"type": "appointment", "date": None, "summary": "Someone appointed, date unknown",
                                   "key": "test:undated"}).last_pk
    year_only = db["events"].insert({"type": "appointment", "date": "2024", "summary": "Appointed in 2024",
                                     "key": "test:year"}).last_pk
    db.conn.close()
    ds = make_datasette(path)

    def ids(query=""):
        return [r["event_id"] for r in rows(ds, f"/kb/timeline.json?_shape=array&{query}")]
    everything = ids()
    assert everything[-1] == undated and year_only in everything
    dates = [r["date"] for r in rows(ds, "/kb/timeline.json?_shape=array")][:-1]
    assert dates == sorted(dates, reverse=True)
    # A date range keeps events whose date, at its own precision, lies in it, and never undated ones.
    assert undated not in ids("from=2024-06") and year_only in ids("from=2024-06")
    assert year_only in ids("to=2024-01-15") and undated not in ids("to=2024-01-15")
    assert year_only not in ids("from=2025") and year_only not in ids("to=2023-12")
    assert ids("type=appointment")[-1] == undated


def test_served_connections_keep_a_larger_page_cache(published):
    """plugins/sqlite_tuning.py: SQLite's default 2 MB cache made large databases re-read their pages."""
    path, _, ds = published
    result = asyncio.run(ds.get_database("kb").execute("pragma cache_size"))
    assert result.first()[0] == -32 * 1024

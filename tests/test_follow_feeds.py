"""Feeds of anything: /feeds/... and the event queries' .atom, read through Datasette's test client and
parsed with feedparser (Atom) and json (JSON Feed); and the Follow links of the pages."""
import asyncio
import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from kb.serve import make_datasette
from tests.follow_fixture import LATER_REPORT, WATCHES, add, build, entity_id


def get(ds, url):
    return asyncio.run(ds.client.get(url))


def atom(ds, url):
    response = get(ds, url)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.text)
    assert not feed.bozo, feed.bozo_exception
    return feed


def ids(feed):
    return [e.id for e in feed.entries]


def event_urn(db, type_):
    return "urn:cqc-monitor:event:" + next(db.query("select key from events where type = ?", [type_]))["key"]


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("follow")
    db = build(folder / "kb.db")
    (folder / "watches.yml").write_text(WATCHES)
    yield db, make_datasette(folder / "kb.db", watches=folder / "watches.yml")
    db.conn.close()


def test_events_feed_filters_by_type_entity_words_and_dates(kb):
    db, ds = kb
    appointment, departure, pause = (event_urn(db, t) for t in ("appointment", "departure", "pause"))
    assert ids(atom(ds, "/feeds/events.atom?type=appointment")) == [appointment]
    assert set(ids(atom(ds, "/feeds/events.atom?type=appointment,departure"))) == {appointment, departure}
    assert set(ids(atom(ds, "/feeds/events.atom?type=appointment&type=departure"))) == {appointment, departure}
    # an alias, part of a name, an ONS code
    by_alias = set(ids(atom(ds, "/feeds/events.atom?entity=CQC")))
    assert {appointment, departure, pause} <= by_alias
    assert ids(atom(ds, "/feeds/events.atom?entity=Department+of+Health")) == [event_urn(db, "review_commissioned")]
    assert ids(atom(ds, "/feeds/events.atom?entity=E54000041")) == [pause]
    assert ids(atom(ds, "/feeds/events.atom?entity=Dorset")) == [pause]
    assert ids(atom(ds, "/feeds/events.atom?q=integrated+care")) == [pause]
    assert ids(atom(ds, "/feeds/events.atom?type=departure&entity=CQC&from=2024-06&to=2024")) == [departure]
    assert ids(atom(ds, "/feeds/events.atom?type=departure&from=2024-07")) == []
    assert ids(atom(ds, "/feeds/events.atom?publisher=Trade+Weekly")) == [departure]
    assert len(atom(ds, "/feeds/events.atom").entries) == db["events"].count
    assert ids(atom(ds, "/feeds/events.atom?since=2999-01-01")) == []
    assert len(atom(ds, "/feeds/events.atom?since=7d").entries) == db["events"].count  # all stored just now


def test_a_bad_date_or_type_is_a_clear_400_never_an_unfiltered_feed(kb):
    _, ds = kb
    for url in ("/feeds/events.atom?type=appointmnet", "/feeds/events.json?from=2024-13",
                "/feeds/events.atom?to=last+year", "/feeds/events.atom?since=yesterday",
                "/kb/new_events.atom?type=nonsense", "/kb/new_events.json?since=soon", "/kb/timeline.atom?from=20x4",
                "/kb/timeline.json?type=nonsense", "/kb/timeline.csv?to=2024-02-30", "/timeline?type=nonsense",
                "/feeds/search.atom?since=whenever"):
        response = get(ds, url)
        assert response.status_code == 400, url
        assert "Bad request" in response.text and ("type" in response.text or "date" in response.text
                                                   or "time" in response.text), url
    assert "appointment, departure" in get(ds, "/feeds/events.atom?type=appointmnet").text  # what to use


def test_new_events_atom_and_json_filter_by_entity(kb):
    db, ds = kb
    everything = atom(ds, "/kb/new_events.atom")
    assert len(everything.entries) == db["events"].count
    dorset = atom(ds, "/kb/new_events.atom?entity=Dorset")
    assert ids(dorset) == [event_urn(db, "pause")]
    assert [r["type"] for r in get(ds, "/kb/new_events.json?entity=Dorset&_shape=array").json()] == ["pause"]
    # a duration is read as a time, for the JSON too
    assert len(get(ds, "/kb/new_events.json?since=1d&_shape=array").json()) == db["events"].count


def test_the_query_feeds_that_answered_400_now_answer(kb):
    db, ds = kb
    timeline = atom(ds, "/kb/timeline.atom?type=appointment&entity=CQC&from=2024&to=2025")
    assert ids(timeline) == [event_urn(db, "appointment")]
    search = atom(ds, "/kb/search.atom?q=pause")
    assert [e.link for e in search.entries] == ["https://press.example/ics-pause"]
    person = atom(ds, "/kb/person.atom?name=Alan+Example")
    assert event_urn(db, "appointment") in ids(person)
    assert "urn:cqc-monitor:document:https://news.example/cqc-chief" in ids(person)
    ics = atom(ds, "/kb/ics.atom?ics=E54000041")
    assert event_urn(db, "pause") in ids(ics)
    assert get(ds, "/kb/person.atom").status_code == 400  # a name is required


def test_an_empty_feed_is_valid_and_titled_by_what_it_follows(kb):
    _, ds = kb
    empty = atom(ds, "/feeds/events.atom?type=abolition&entity=CQC")
    assert empty.entries == [] and empty.feed.title == "Abolitions involving CQC"
    quiet = atom(ds, "/kb/new_events.atom?since=2999-01-01")
    assert quiet.entries == [] and quiet.feed.title == "Events, first seen since 2999-01-01"
    assert atom(ds, "/kb/new_events.atom").feed.title == "New events"


def test_entries_link_every_source_and_have_readable_titles(kb):
    db, ds = kb
    (entry,) = atom(ds, "/feeds/events.atom?type=pause").entries
    assert entry.title == "Paused: ICS assessments (2025-03)"
    assert entry.link == "https://press.example/ics-pause"
    assert "https://press.example/ics-pause" in entry.content[0].value
    assert [t.term for t in entry.tags] == ["pause"]
    feed = json.loads(get(ds, "/feeds/events.json?type=pause").text)
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"] == "Pauses"
    (item,) = feed["items"]
    assert item["id"] == entry.id and item["url"] == entry.link
    assert [s["url"] for s in item["_sources"]] == ["https://press.example/ics-pause"]


def test_stable_ids_and_an_event_that_gains_a_source_is_updated(tmp_path):
    db = build(tmp_path / "kb.db")
    ds = make_datasette(tmp_path / "kb.db")
    before = atom(ds, "/feeds/events.atom?type=departure").entries
    assert ids(atom(ds, "/feeds/events.atom?type=departure")) == [e.id for e in before]
    add(db, [LATER_REPORT])
    # the new report was first stored later than the event (a later harvest)
    db.conn.execute("update documents set first_seen = '2999-01-01T06:00:00+00:00' where url = ?",
                    [LATER_REPORT["url"]])
    db.conn.commit()
    (after,) = atom(ds, "/feeds/events.atom?type=departure").entries
    assert after.id == before[0].id
    assert after.updated.startswith("2999-01-01") and not before[0].updated.startswith("2999")
    related = {link.href for link in after.links}
    assert {"https://trade.example/leaves", "https://trade.example/departure-again"} <= related
    db.conn.close()


def test_entity_feeds_person_organisation_ics_and_review(kb):
    db, ds = kb
    person = atom(ds, f"/feeds/person/{entity_id(db, 'Alan Example')}.atom")
    assert person.feed.title == "Alan Example: events and documents"
    assert event_urn(db, "appointment") in ids(person) and event_urn(db, "departure") not in ids(person)
    organisation = atom(ds, f"/feeds/organisation/{entity_id(db, 'Care Quality Commission')}.atom")
    assert {event_urn(db, "appointment"), event_urn(db, "departure")} <= set(ids(organisation))
    assert atom(ds, "/feeds/ics/E54000041.atom").entries[0].id in (
        event_urn(db, "pause"), "urn:cqc-monitor:document:https://press.example/ics-pause")
    review = atom(ds, f"/feeds/review/{entity_id(db, 'Dash review')}.atom")
    assert event_urn(db, "review_commissioned") in ids(review)
    assert get(ds, "/feeds/person/999999.atom").status_code == 404
    # a person's id is not an organisation
    assert get(ds, f"/feeds/organisation/{entity_id(db, 'Alan Example')}.atom").status_code == 404


def test_saved_search_feed_of_new_documents(kb):
    _, ds = kb
    feed = atom(ds, "/feeds/search.atom?q=chief+executive")
    assert {e.link for e in feed.entries} == {"https://news.example/cqc-chief", "https://trade.example/leaves"}
    assert feed.feed.title == "Documents matching chief executive"
    assert atom(ds, "/feeds/search.atom?q=chief&since=2999-01-01").entries == []
    assert get(ds, "/feeds/search.atom?q=%22unclosed").status_code == 400
    assert get(ds, "/feeds/search.atom").status_code == 400
    items = json.loads(get(ds, "/feeds/search.json?q=Dash").text)["items"]
    assert [i["url"] for i in items] == ["https://gov.example/dash"]


def test_watch_feeds(kb):
    db, ds = kb
    leadership = atom(ds, "/feeds/watch/cqc-leadership.atom")
    assert leadership.feed.title == "CQC leadership"
    events = [i for i in ids(leadership) if ":event:" in i]
    assert set(events) == {event_urn(db, "appointment"), event_urn(db, "departure")}
    trade = atom(ds, "/feeds/watch/trade.atom")
    assert "urn:cqc-monitor:document:https://trade.example/leaves" in ids(trade)
    assert get(ds, "/feeds/watch/no-such-watch.atom").status_code == 404
    listed = BeautifulSoup(get(ds, "/feeds").text, "html.parser")
    links = {a["href"] for a in listed.select("tr.watch a")}
    assert {"/feeds/watch/cqc-leadership.atom", "/feeds/watch/trade.json"} <= links
    assert all(get(ds, href).status_code == 200 for href in links)


def test_each_page_follows_the_feed_of_exactly_what_it_shows(kb):
    db, ds = kb

    def follow_link(url):
        page = BeautifulSoup(get(ds, url).text, "html.parser")
        (link,) = page.select("p.follow a[type='application/atom+xml']")
        return page, link["href"]

    for query in ("", "?type=appointment", "?entity=CQC&from=2024-06", "?q=integrated", "?entity=E54000041"):
        page, href = follow_link("/timeline" + query)
        shown = [li.select_one("strong.summary").get_text() for li in page.select("li.event")]
        followed = [e.title.rsplit(" (", 1)[0] for e in atom(ds, href).entries]
        assert sorted(shown) == sorted(followed), query
    person = entity_id(db, "Alan Example")
    _, href = follow_link(f"/person/{person}")
    assert href == f"/feeds/person/{person}.atom"
    _, href = follow_link("/ics/E54000041")
    assert href == "/feeds/ics/E54000041.atom"
    _, href = follow_link("/kb/search?q=consultation")
    assert [e.link for e in atom(ds, href).entries] == ["https://cqc.example/consultation"]
    _, href = follow_link("/kb/timeline?type=pause")
    assert ids(atom(ds, href)) == [event_urn(db, "pause")]

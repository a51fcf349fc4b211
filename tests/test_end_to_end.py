"""The whole pipeline on the bundled sample: served on 127.0.0.1, harvested over HTTP by the real
harvester, enriched, then read back through Datasette."""
import asyncio
import json
from urllib.parse import urlsplit

import pytest

from kb.db import connect
from kb.demo import build_demo
from kb.paths import PROJECT_ROOT
from kb.serve import make_datasette

EXPECTED = json.loads((PROJECT_ROOT / "sample" / "expected.json").read_text(encoding="utf-8"))["documents"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "monitor.db"  # served as /kb/ whatever the file name
    db = connect(str(path))
    results, report = build_demo(db)
    yield path, db, results, report
    db.conn.close()


def get_json(path, url):
    async def fetch():
        response = await make_datasette(path).client.get(url)
        assert response.status_code == 200, (url, response.text[:500])
        return response.json()
    return asyncio.run(fetch())


def test_every_sample_source_is_harvested(demo):
    _, db, results, report = demo
    assert {r.name: r.status for r in results} == {r.name: "ok" for r in results}
    assert len(results) == 6
    assert db["documents"].count == len(EXPECTED) >= 25
    assert report.enriched == len(EXPECTED)


def test_documents_keep_their_titles_and_dates(demo):
    _, db, _, _ = demo
    stored = {urlsplit(r["url"]).path.rstrip("/"): r for r in db.query("select * from documents")}
    for expected in EXPECTED:
        row = stored[expected["path"].rstrip("/")]
        assert row["published"] == expected["published"], expected["path"]
        assert row["title"], expected["path"]
        assert "intended for health professionals" not in row["text"]
        assert "Related articles" not in row["text"]


def test_people_icss_money_and_events_are_extracted(demo):
    _, db, _, _ = demo
    people = {r["name"] for r in db.query("select name from entities where type = 'PERSON'")}
    assert {"Julian Hartley", "Penny Dash", "Peter Gill", "Ian Trenholm"} <= people
    ics = {r["ons_code"] for r in db.query("select ons_code from entities where type = 'ICS'")}
    assert "E54000041" in ics  # Dorset
    amounts = {r["amount_gbp"] for r in db.query("select amount_gbp from figures")}
    assert 99_000_000 in amounts and 300_000 in amounts
    types = {r["type"] for r in db.query("select distinct type from events")}
    assert {"pause", "appointment", "departure", "review_published"} <= types


def test_one_event_reported_by_several_sources(demo):
    _, db, _, _ = demo
    busiest = next(db.query("select event_id, count(distinct document_id) n from event_sources "
                            "group by event_id order by n desc limit 1"))
    assert busiest["n"] >= 3


def test_every_event_row_carries_its_current_participants_and_source_count(demo):
    # Enrichment inserts, moves and deletes citations and participants while it consolidates: the triggers
    # must leave each event's own columns equal to what the link tables say.
    _, db, _, _ = demo
    from kb.db import PARTICIPANTS_OF, SOURCE_COUNT_OF
    rows = list(db.query(f"select id, participants, source_count, {PARTICIPANTS_OF.format(event='events.id')} as "
                         f"computed_participants, {SOURCE_COUNT_OF.format(event='events.id')} as computed_count "
                         f"from events"))
    assert rows and any(r["source_count"] >= 3 for r in rows)
    assert [(r["id"], r["participants"], r["source_count"]) for r in rows] == \
        [(r["id"], r["computed_participants"], r["computed_count"]) for r in rows]


def test_a_second_run_over_the_unchanged_sample_stores_and_enriches_nothing(demo):
    _, db, _, _ = demo
    counts = {t: db[t].count for t in ("documents", "document_versions", "events", "event_sources", "mentions")}
    requests = db["fetches"].count
    results, report = build_demo(db)
    assert sum(r.new + r.updated for r in results) == 0
    assert (report.enriched, report.skipped) == (0, len(EXPECTED))
    assert {t: db[t].count for t in counts} == counts
    statuses = [r["status"] for r in db.query("select status from fetches where id > ?", [requests])]
    assert statuses.count(304) >= 6  # each feed and listing answered "not modified"


def test_datasette_serves_documents_events_and_the_timeline(demo):
    path, db, _, _ = demo
    documents = get_json(path, "/kb/documents.json?_shape=array&_size=100")
    assert len(documents) == len(EXPECTED)
    found = get_json(path, "/kb/documents.json?_search=portal&_shape=array")
    assert found and all("portal" in (d["text"] + d["title"]).lower() for d in found)
    events = get_json(path, "/kb/events.json?_shape=array&_size=500")
    assert len(events) == db["events"].count > 0
    timeline = get_json(path, "/kb/timeline.json?type=appointment&_shape=array")
    assert timeline and {row["type"] for row in timeline} == {"appointment"}
    assert all(row["first_source"].startswith("http://127.0.0.1:") for row in timeline)


def test_a_researcher_finds_every_cqc_appointment_in_2024_2025_with_sources(demo):
    path, db, _, _ = demo
    from bs4 import BeautifulSoup
    async def fetch():
        return await make_datasette(path).client.get("/timeline?type=appointment&entity=CQC&from=2024&to=2025")
    page = BeautifulSoup(asyncio.run(fetch()).text, "html.parser")
    shown = {li.select_one(".summary").get_text() for li in page.select("li.event")}
    expected = {r["summary"] for r in db.query(
        "select distinct e.summary from events e join event_entities ee on ee.event_id = e.id "
        "join entities o on o.id = ee.entity_id where e.type = 'appointment' and o.name = 'Care Quality Commission' "
        "and e.date >= '2024' and e.date < '2026'")}
    assert expected and shown == expected
    assert any("Julian Hartley" in s for s in shown)
    assert all(li.select(".citations a[href^='http://127.0.0.1']") for li in page.select("li.event"))


def test_the_demos_citations_still_work_after_the_sample_server_has_stopped(demo):
    """Every cited document has its stored page and its archived response, with the sample site long gone."""
    path, db, _, _ = demo
    from bs4 import BeautifulSoup
    ds = make_datasette(path)
    cited = [r["document_id"] for r in db.query("select distinct document_id from event_sources order by 1")]
    assert len(cited) >= 20
    for document_id in cited:
        page = asyncio.run(ds.client.get(f"/document/{document_id}"))
        assert page.status_code == 200, document_id
        soup = BeautifulSoup(page.text, "html.parser")
        assert soup.select("mark.reports"), document_id  # the sentences it is cited for, highlighted
        archived = soup.select_one("dd.archived a.archive")
        assert archived is not None, document_id
        copy = asyncio.run(ds.client.get(archived["href"]))
        assert copy.status_code == 200 and copy.headers["content-security-policy"].startswith("sandbox")
        if copy.headers["content-type"].startswith("text/html"):
            title = db["documents"].get(document_id)["title"]
            fetched = " ".join(BeautifulSoup(copy.text, "html.parser").get_text(" ").split())
            assert " ".join(title.split(":")[0].split()) in fetched, document_id  # the page as it was fetched


def test_the_demos_review_publications_are_labelled_by_their_own_words(demo):
    """The Dash review's October 2024 report is the final one, cited by most sources; the initial findings
    published beside it are the Richards review's (issue 14: it used to be 'interim' for Dash)."""
    _, db, _, _ = demo
    published = {row["summary"]: (row["date"], row["n"]) for row in db.query(
        "select e.summary, e.date, count(distinct s.document_id) n from events e join event_sources s "
        "on s.event_id = e.id where e.type = 'review_published' group by e.id")}
    date, sources = published["Review published: Dash review (Penny Dash), final report"]
    assert date == "2024-10-15" and sources >= 5
    assert published["Review published: Richards review (Mike Richards), interim report"][0].startswith("2024-10")
    assert not any("Dash" in s and "interim" in s and d.startswith("2024-10") for s, (d, _) in published.items())


def test_a_post_told_as_ours_in_a_cqc_text_is_at_cqc(demo):
    _, db, _, _ = demo
    rows = list(db.query("select r.role, o.name organisation from person_roles r join entities p on p.id = "
                         "r.person_id left join entities o on o.id = r.organisation_id where p.name = 'Chris Badger'"))
    assert rows == [{"role": "chief inspector of adult social care", "organisation": "Care Quality Commission"}]

"""The researcher's pages (plugins/researcher_pages.py): /, /document/<id> and its archived copy, /review/<id>,
/organisation/<id>, /people, each with its JSON twin, read through Datasette's test client from the publishing
test's documents plus two about a review, one edit and one archived response."""
import asyncio
import json

import pytest
import yaml
from bs4 import BeautifulSoup

from enrich.run import enrich
from harvester.archive import WarcArchive
from kb.db import connect
from kb.ingest import ingest_lines
from kb.paths import METADATA, PLUGINS, TEMPLATES
from kb.serve import make_datasette
from tests.test_publishing import DOCUMENTS, fill

REVIEW_DOCUMENTS = [
    {"url": "https://gov.example/review-begins", "published": "2024-05-20", "publisher": "Example Gov",
     "title": "Review of the regulator begins",
     "text": "The Department of Health and Social Care has commissioned Dr Penny Dash to lead a review of the "
             "operational effectiveness of the Care Quality Commission. The review will report later this year."},
    {"url": "https://gov.example/review-interim", "published": "2024-07-26", "publisher": "Example Gov",
     "title": "Interim findings on the regulator",
     "text": "The interim report of the Dash review was published today. It found that the regulator spent "
             "£12 million on agency staff in 2023."},
]
ARCHIVED_BODY = b"<html><body><h1>ICS assessments paused</h1><script>document.title='ran'</script></body></html>"


def build(path):
    db = connect(str(path))
    fill(db)
    ingest_lines(db, [json.dumps(d) for d in REVIEW_DOCUMENTS])
    # an edit of the first document: its earlier version and the diff are kept
    edited = dict(DOCUMENTS[0], text=DOCUMENTS[0]["text"] + " The portal opens to all providers in 2025.")
    ingest_lines(db, [json.dumps(edited)])
    enrich(db)
    # the raw response of the pause story, as the harvester archives it beside the database
    archive = WarcArchive(path.parent / "archive" / "run.warc.gz", name="archive/run.warc.gz")
    offset, length = archive.write("https://press.example/ics-pause", 200,
                                   {"content-type": "text/html; charset=utf-8"}, ARCHIVED_BODY)
    archive.close()
    db["archive_records"].insert({"url": "https://press.example/ics-pause", "fetched_url": "https://press.example/ics-pause",
                                  "warc_file": "archive/run.warc.gz", "warc_offset": offset, "warc_length": length,
                                  "content_type": "text/html; charset=utf-8", "fetched_at": "2025-03-27T06:00:00+00:00"})
    db.conn.commit()
    return db


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "kb.db"
    db = build(path)
    yield path, db, make_datasette(path)
    db.conn.close()


def get(ds, url):
    return asyncio.run(ds.client.get(url))


def page(ds, url):
    response = get(ds, url)
    assert response.status_code == 200, (url, response.text[:500])
    return BeautifulSoup(response.text, "html.parser")


def text_of(soup):
    return " ".join(soup.get_text(" ").split())


def entity_id(db, name):
    return next(db.query("select id from entities where name = ?", [name]))["id"]


def document_id(db, url):
    return next(db.query("select id from documents where url = ?", [url]))["id"]


def test_front_door_lists_events_people_reviews_and_source_health(site):
    _, db, ds = site
    soup = page(ds, "/")
    text = text_of(soup)
    assert soup.select_one("form.search input[name=q]") is not None
    newest = [a.get_text() for a in soup.select("ol.newest a[href^='/document/']")]
    assert newest[0] == "Paused: ICS assessments"  # the newest dated event first
    # the window is the 90 days to the newest publication (2025-03-27): only the pause is in it
    assert "Most reported, 2024-12-27 to 2025-03-27" in text
    assert "/organisation/%d" % entity_id(db, "Care Quality Commission") in {a["href"] for a in soup.select("a")}
    review = soup.select_one("ul.reviews a")
    assert (review.get_text(), review["href"]) == ("Dash review", f"/review/{entity_id(db, 'Dash review')}")
    assert "led by Penny Dash" in text
    assert "1 source, 1 failing since 2025-03-26: example-feed" in text
    links = {a["href"] for a in soup.select("a")}
    assert {"/timeline", "/people", "/kb", "/kb/new_events.atom", "/kb/source_health"} <= links
    data = get(ds, "/index.json").json()
    assert data["source_health"]["failing"] == ["example-feed"]
    assert [e["summary"] for e in data["most_reported"]] == ["Paused: ICS assessments"]


def test_front_door_search_ranks_like_the_search_query_and_links_the_documents(site):
    _, db, ds = site
    soup = page(ds, "/?q=regulator")
    found = [a["href"] for a in soup.select("ol.results a.stored")]
    ranked = [f"/document/{r['document_id']}" for r in get(ds, "/kb/search.json?_shape=array&q=regulator").json()]
    assert found == ranked and len(found) >= 3
    assert soup.select("ol.results mark")  # the snippet's words highlighted
    assert "https://news.example/cqc-chief" in {a["href"] for a in soup.select("ol.results a.original")}
    assert get(ds, "/index.json?q=regulator").json()["results"][0]["document_id"] == int(found[0].split("/")[-1])
    broken = text_of(page(ds, '/?q="unbalanced'))  # FTS5 syntax error: said on the page, not a 500
    assert "Could not search for that" in broken
    assert "No documents match" in text_of(page(ds, "/?q=zebra"))


def test_document_page_links_entities_and_event_sentences(site):
    _, db, ds = site
    doc = document_id(db, "https://news.example/cqc-chief")
    soup = page(ds, f"/document/{doc}")
    assert soup.h1.get_text() == "CQC names its new chief executive"
    assert soup.select_one("dl.docmeta a.original")["href"] == "https://news.example/cqc-chief"
    body = soup.select_one(".document-text")
    assert body.get_text().startswith("Sir Alan Example has been appointed")
    person = body.select_one("a.entity-person")
    assert (person.get_text(), person["href"]) == ("Alan Example", f"/person/{entity_id(db, 'Alan Example')}")
    assert body.select_one("a.entity-org")["href"] == f"/organisation/{entity_id(db, 'Care Quality Commission')}"
    appointment = next(db.query("select id from events where type = 'appointment'"))["id"]
    marked = body.select_one("mark.reports")
    assert marked.get_text().startswith("Sir Alan Example has been appointed chief executive")
    assert marked.select_one("a.to-event")["href"] == f"#event-{appointment}"
    event = soup.select_one(f"li#event-{appointment}")
    assert "Alan Example appointed chief executive" in event.get_text()
    # the other document reporting it: its stored copy and its original
    assert {a["href"] for a in event.select(".citations a")} == {
        f"/document/{document_id(db, 'https://trade.example/chief-again')}", "https://trade.example/chief-again"}
    assert "£99 million" in text_of(soup.select_one("ul.figures"))


def test_document_page_shows_earlier_versions_with_their_diff(site):
    _, db, ds = site
    soup = page(ds, f"/document/{document_id(db, 'https://news.example/cqc-chief')}")
    (version,) = soup.select("details.version")
    assert [s.get_text() for s in version.select("pre.diff span.add")] == [
        "+Sir Alan Example has been appointed chief executive of the Care Quality Commission. The regulator spent "
        "£99 million on its provider portal. The portal opens to all providers in 2025."]
    unchanged = page(ds, f"/document/{document_id(db, 'https://press.example/ics-pause')}")
    assert "has not changed since it was first stored" in text_of(unchanged)


def test_document_json_twin(site):
    _, db, ds = site
    doc = document_id(db, "https://news.example/cqc-chief")
    data = get(ds, f"/document/{doc}.json").json()
    assert data["document"]["id"] == doc and data["document"]["text"].startswith("Sir Alan Example")
    assert {e["type"] for e in data["events"]} == {"appointment"}
    assert any(m["name"] == "Alan Example" for m in data["mentions"])
    assert len(data["versions"]) == 1 and data["archived_copies"] == []
    assert get(ds, "/document/999999").status_code == 404
    assert get(ds, "/document/999999.json").status_code == 404


def test_archived_copy_is_served_as_fetched_but_sandboxed(site):
    _, db, ds = site
    doc = document_id(db, "https://press.example/ics-pause")
    soup = page(ds, f"/document/{doc}")
    link = soup.select_one("dd.archived a.archive")
    assert "as fetched 2025-03-27" in link.get_text()
    response = get(ds, link["href"])
    assert response.status_code == 200 and response.content == ARCHIVED_BODY
    assert response.headers["content-type"].startswith("text/html")
    # its own scripts never run in this site's origin
    assert response.headers["content-security-policy"].startswith("sandbox;")
    assert response.headers["x-content-type-options"] == "nosniff"
    other = document_id(db, "https://news.example/cqc-chief")
    assert get(ds, link["href"].replace(f"/document/{doc}/", f"/document/{other}/")).status_code == 404
    assert "imported, not fetched" in text_of(page(ds, f"/document/{other}"))


def test_review_page_tells_its_life_in_order(site):
    _, db, ds = site
    review = entity_id(db, "Dash review")
    soup = page(ds, f"/review/{review}")
    assert soup.h1.get_text() == "Dash review"
    assert soup.find("a", href=f"/person/{entity_id(db, 'Penny Dash')}").get_text() == "Penny Dash"
    stages = [s.get_text() for s in soup.select("ol.life .stage")]
    assert stages == ["Commissioned", "Interim report"]
    documents = {a["href"] for a in soup.select("ul.documents a.stored")}
    assert documents == {f"/document/{document_id(db, d['url'])}" for d in REVIEW_DOCUMENTS}
    assert "£12 million" in text_of(soup.select_one("table.figures"))
    data = get(ds, f"/review/{review}.json").json()
    assert [e["stage"] for e in data["life"]] == stages and data["led_by"][0]["name"] == "Penny Dash"
    assert get(ds, f"/review/{entity_id(db, 'Penny Dash')}").status_code == 404  # a person is no review


def test_organisation_page_lists_roles_events_and_documents(site):
    _, db, ds = site
    cqc = entity_id(db, "Care Quality Commission")
    soup = page(ds, f"/organisation/{cqc}")
    assert soup.h1.get_text() == "Care Quality Commission"
    now = soup.select("table.roles")[0]
    assert "Alan Example" in now.get_text() and "chief executive" in now.get_text()
    assert {li["data-type"] for li in soup.select("li.event")} >= {"appointment", "pause"}
    assert "https://press.example/ics-pause" in {a["href"] for a in soup.select("ul.documents a.original")}
    data = get(ds, f"/organisation/{cqc}.json").json()
    assert [r["name"] for r in data["current_roles"]] == ["Alan Example"] and data["past_roles"] == []
    assert get(ds, "/organisation/999999").status_code == 404


def test_people_page_lists_everyone_with_their_current_role(site):
    _, db, ds = site
    soup = page(ds, "/people")
    rows = {tr.select_one("a").get_text(): text_of(tr) for tr in soup.select("table.people tbody tr")}
    assert {"Alan Example", "Penny Dash"} <= set(rows)
    assert "chief executive" in rows["Alan Example"] and "Care Quality Commission" in rows["Alan Example"]
    assert "no role recorded" in rows["Penny Dash"]
    found = get(ds, "/people.json?q=Dash").json()["people"]
    assert [p["name"] for p in found] == ["Penny Dash"]
    assert "Nobody matches" in text_of(page(ds, "/people?q=Nobody+At+All"))


def test_documents_table_leaves_out_the_text_and_links_titles(site):
    _, db, ds = site
    soup = page(ds, "/kb/documents")
    columns = [th.get("data-column") for th in soup.select("table.rows-and-columns th")]
    assert {"title", "publisher", "published", "kind", "source"} <= set(columns) and "text" not in columns
    titles = {a["href"] for a in soup.select("td.col-title a")}
    assert f"/document/{document_id(db, 'https://press.example/ics-pause')}" in titles
    assert "text" in get(ds, "/kb/documents.json?_shape=array").json()[0]  # the API keeps every column
    chosen = page(ds, "/kb/documents?_col=title&_col=text")  # columns chosen: shown as asked
    assert "text" in [th.get("data-column") for th in chosen.select("table.rows-and-columns th")]
    search = page(ds, "/kb/search?q=paused")
    assert search.select_one("td.col-title a")["href"] == f"/document/{document_id(db, 'https://press.example/ics-pause')}"
    # the canned queries' citations too
    pause = f"/document/{document_id(db, 'https://press.example/ics-pause')}"
    assert pause in {a["href"] for a in page(ds, "/kb/timeline?type=pause").select("td.col-first_source_title a")}
    assert pause in {a["href"] for a in page(ds, "/kb/ics?ics=E54000041").select("td.col-source_title a")}
    chief = f"/document/{document_id(db, 'https://news.example/cqc-chief')}"
    assert chief in {a["href"] for a in page(ds, "/kb/person?name=Alan").select("td.col-source_title a")}
    assert chief in {a["href"] for a in page(ds, "/kb/money?min=50000000").select("td.col-source_title a")}


def test_pages_link_to_each_other(site):
    _, db, ds = site
    timeline = page(ds, "/timeline")
    hrefs = {a["href"] for a in timeline.select("a")}
    assert f"/organisation/{entity_id(db, 'Care Quality Commission')}" in hrefs
    assert f"/review/{entity_id(db, 'Dash review')}" in hrefs
    assert any(h.startswith("/document/") for h in hrefs)
    person = page(ds, f"/person/{entity_id(db, 'Alan Example')}")
    assert f"/document/{document_id(db, 'https://news.example/cqc-chief')}" in {a["href"] for a in person.select("a")}
    (role_source,) = person.select("table.roles a.stored")  # the role's citation too
    assert role_source["href"].startswith("/document/")


def test_pages_use_the_served_database_whatever_its_file_is_called(site, tmp_path):
    """As `datasette serve -i copy.db` names it: `copy`, not `kb` (that gave a 500 on /timeline)."""
    path, db, _ = site
    from datasette.app import Datasette
    copy = tmp_path / "copy.db"
    db.conn.execute("vacuum into ?", [str(copy)])
    ds = Datasette(immutables=[str(copy)], metadata=yaml.safe_load(METADATA.read_text(encoding="utf-8")),
                   plugins_dir=str(PLUGINS), template_dir=str(TEMPLATES))
    assert "copy" in ds.databases and "kb" not in ds.databases
    for url in ("/", "/timeline", f"/document/{document_id(db, 'https://news.example/cqc-chief')}",
                f"/person/{entity_id(db, 'Alan Example')}", f"/organisation/{entity_id(db, 'Care Quality Commission')}",
                f"/review/{entity_id(db, 'Dash review')}", "/people", "/?q=regulator"):
        assert get(ds, url).status_code == 200, url


def test_review_organisation_and_front_pages_follow_their_own_feeds(site):
    _, db, ds = site
    review, cqc = entity_id(db, "Dash review"), entity_id(db, "Care Quality Commission")
    for url, feed in ((f"/review/{review}", f"/feeds/review/{review}.atom"),
                      (f"/organisation/{cqc}", f"/feeds/organisation/{cqc}.atom")):
        link = page(ds, url).find("a", rel="alternate")
        assert link["href"] == feed and link.get_text().startswith("Follow")
        response = get(ds, feed)
        assert response.status_code == 200 and "<entry>" in response.text  # the feed shows what the page does
    assert {"/feeds", "/feeds/events.atom"} <= {a["href"] for a in page(ds, "/").find_all("a")}
    assert "/feeds/search.atom?q=assessments" in {a["href"] for a in page(ds, "/?q=assessments").find_all("a")}

"""The harvester against fixture sites on 127.0.0.1: every source kind, faults, history, incremental runs."""
import json
import threading

import pytest
from click.testing import CliRunner

from harvester.archive import read_archive, read_record
from harvester.config import parse_config
from harvester.fetch import FetchError, Fetcher, parse_retry_after, read_capped
from harvester.lock import harvest_lock
from harvester.run import FetchLog, harvest
from kb.cli import cli
from kb.db import connect, write_transaction
from tests import fake_server
from tests.fake_server import Site, serve


def article(title, body, published="2025-03-27"):
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (f'<html><head><meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{published}T09:00:00+00:00"></head><body>'
            f'<nav><a href="/">Home</a></nav><div class="banner">This site is intended for health professionals only'
            f'</div><h1>{title}</h1><p class="byline">By Sam Writer</p><div class="entry-content">{paragraphs}'
            f'</div><footer>Copyright</footer></body></html>')


def rss(*links):
    items = "".join(f"<item><title>Item {i}</title><link>{{BASE}}{link}</link>"
                    f"<pubDate>Thu, 27 Mar 2025 10:00:00 +0000</pubDate></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'


BODY = ("The regulator paused its assessments of integrated care systems for at least six months.\n"
        "It said the pause would let it focus on its core priorities.")


def config(site, *sources, **settings):
    defaults = {"allow_private_addresses": ["127.0.0.1"], "delay": 0, "backoff": 0.01, "max_retries": 1,
                "timeout": 2, "deadline": 2, "archive_dir": None}
    defaults.update(settings)
    return parse_config({"settings": defaults, "sources": [
        {"publisher": "Test", **{k: (v.replace("{BASE}", site.base) if isinstance(v, str) else v)
                                 for k, v in s.items()}} for s in sources]})


def runs(db):
    return {r["source"]: r for r in db.query("select * from harvest_runs")}


@pytest.fixture
def site():
    with serve(Site()) as s:
        s.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        yield s


def test_feed_listing_and_pdf_sources(db, site):
    site.page("/feed/", rss("/news/a/", "/news/b/"), "application/rss+xml")
    site.page("/news/a/", article("Assessments paused", BODY))
    site.page("/news/b/", article("Second story", "A chief executive was appointed.\nShe starts in May."))
    site.page("/list", '<html><body><article><h3><a href="/cqc/news/x">X</a></h3></article>'
                       '<a rel="next" href="/list2">Next</a></body></html>')
    site.page("/list2", '<html><body><article><h3><a href="/cqc/news/y">Y</a></h3></article></body></html>')
    site.page("/cqc/news/x", "<html><body><main><h1>X</h1><p>Published: 3 March 2025 Page last updated: 4 March "
                             "2025</p><div class='body'><p>" + "Story x. " * 80 + "</p></div></main></body></html>")
    site.page("/cqc/news/y", "<html><body><main><h1>Y</h1><p>Published: 2 February 2025</p>"
                             "<div class='body'><p>" + "Story y. " * 80 + "</p></div></main></body></html>")
    from kb.paths import SAMPLE_SITE
    pdf = next(SAMPLE_SITE.glob("cqc/sites/default/files/*/*.pdf")).read_bytes()
    site.page("/board", "<html><body><h2>Board meeting: 26 March 2025</h2>"
                        "<a href='/files/paper.pdf'>Chief executive's report</a></body></html>")
    site.page("/files/paper.pdf", pdf, "application/pdf")
    results = harvest(db, config(site,
                                 {"name": "feed", "kind": "feed", "url": "{BASE}/feed/"},
                                 {"name": "list", "kind": "html", "url": "{BASE}/list", "link_pattern": "/cqc/news/"},
                                 {"name": "board", "kind": "pdfs", "url": "{BASE}/board"}))
    assert [(r.name, r.status, r.new) for r in results] == [("feed", "ok", 2), ("list", "ok", 2), ("board", "ok", 1)]
    docs = {d["title"]: d for d in db.query("select * from documents")}
    assert docs["Assessments paused"]["author"] == "Sam Writer"
    assert docs["Assessments paused"]["text"] == BODY.replace("\n", "\n\n")
    assert (docs["X"]["published"], docs["X"]["updated"]) == ("2025-03-03", "2025-03-04")
    paper = docs["Board meeting: 26 March 2025: Chief executive's report"]
    assert paper["published"] == "2025-03-26" and paper["kind"] == "board_paper" and len(paper["text"]) > 200


def test_govuk_search_then_content_api(db, site):
    def search(request):
        query = dict(p.split("=", 1) for p in request.path.split("?", 1)[1].split("&"))
        assert query["filter_organisations"] == "care-quality-commission"
        start, count = int(query["start"]), int(query["count"])
        results = [{"title": f"News {i}", "link": f"/government/news/item-{i}",
                    "public_timestamp": "2025-03-13T10:00:00Z"} for i in range(3)][start:start + count]
        results.append({"title": "External", "link": "https://www.nhs.uk/elsewhere"}) if start == 0 else None
        fake_server.send(request, 200, json.dumps({"total": 3, "results": results}), "application/json")
    site.route("/api/search.json", search)
    for i in range(3):
        site.page(f"/api/content/government/news/item-{i}", json.dumps({
            "title": f"News {i}", "description": "A short summary.", "first_published_at": "2025-03-13T10:00:00Z",
            "public_updated_at": "2025-03-14T10:00:00Z", "document_type": "news_story",
            "details": {"body": f"<div class='govspeak'><p>Body of item {i}.</p><ul><li>Point</li></ul></div>"}}),
            "application/json")
    results = harvest(db, config(site, {"name": "govuk", "kind": "govuk_search",
                                        "url": "{BASE}/api/search.json?filter_organisations=care-quality-commission"
                                               "&order=-public_timestamp"}, max_items=10))
    assert (results[0].status, results[0].new) == ("ok", 3)
    doc = next(db.query("select * from documents where url like '%item-1'"))
    assert doc["url"] == f"{site.base}/government/news/item-1"
    assert doc["text"] == "A short summary.\n\nBody of item 1.\n\nPoint"
    assert (doc["published"], doc["updated"], doc["kind"]) == ("2025-03-13", "2025-03-14", "news_story")
    # each body asked for once, the next one while the one before was stored
    assert [p for p in site.paths() if p.startswith("/api/content/")] == [
        f"/api/content/government/news/item-{i}" for i in range(3)]


def test_each_fault_is_recorded_and_the_other_sources_complete(db, site):
    site.page("/good/feed", rss("/good/a"), "application/rss+xml")
    site.page("/good/a", article("Good", BODY))
    site.page("/broken/feed", "boom", status=500)
    site.page("/busy/feed", "slow down", status=429, headers={"Retry-After": "3600"})
    site.route("/drip/feed", fake_server.drip)
    site.route("/truncated/feed", fake_server.truncated)
    site.route("/bomb/feed", fake_server.gzip_bomb())
    site.page("/bad-xml/feed", "<rss><channel><item><title>unclosed", "application/rss+xml")
    site.page("/private/feed", rss("/good/a"), "application/rss+xml")
    site.route("/redirect/feed", lambda r: fake_server.send(r, 302, "", extra={
        "Location": site.base.replace("127.0.0.1", "127.0.0.2") + "/good/feed"}))
    names = ["good", "broken", "busy", "drip", "truncated", "bomb", "bad-xml", "private", "redirect"]
    cfg = config(site, *[{"name": n, "kind": "feed", "url": f"{{BASE}}/{n}/feed"} for n in names],
                 max_bytes=1_000_000, concurrency=1)
    # something stored before must survive the faults
    harvest(db, config(site, {"name": "good", "kind": "feed", "url": "{BASE}/good/feed"}))
    before = db["documents"].count
    results = {r.name: r for r in harvest(db, cfg)}
    assert results["good"].status == "ok"
    expected = {
        "broken": ("failed", "HTTP 500"),
        "busy": ("deferred", "Retry-After 3600s is over the"),
        "drip": ("failed", "timed out"),
        "truncated": ("failed", "RemoteProtocolError"),
        "bomb": ("failed", "larger than the 1000000 byte limit"),
        "bad-xml": ("failed", "not a readable RSS/Atom feed"),
        "private": ("failed", "robots.txt disallows"),
        "redirect": ("failed", "non-public address 127.0.0.2"),
    }
    recorded = runs(db)
    for name, (status, message) in expected.items():
        assert results[name].status == status, (name, results[name])
        assert message in recorded[name]["error"], (name, recorded[name]["error"])
    assert db["documents"].count == before == 1
    assert not any("127.0.0.2" in r["url"] and r["status"] for r in db.query("select * from fetches"))
    health = {r["name"]: r for r in db.query("select * from sources")}
    assert health["broken"]["consecutive_failures"] == 1 and health["good"]["consecutive_failures"] == 0


def test_retry_after_within_the_cap_is_honoured(db, site):
    calls = {"n": 0}

    def flaky(request):
        calls["n"] += 1
        if calls["n"] == 1:
            fake_server.send(request, 429, "wait", extra={"Retry-After": "1"})
        else:
            fake_server.send(request, 200, rss().replace("{BASE}", site.base), "application/rss+xml")
    site.route("/feed", flaky)
    (result,) = harvest(db, config(site, {"name": "flaky", "kind": "feed", "url": "{BASE}/feed"}))
    assert result.status == "ok" and calls["n"] == 2


def test_a_changed_article_keeps_its_previous_version(db, site):
    text = {"body": BODY}
    site.page("/feed", rss("/a"), "application/rss+xml")
    site.page("/a", lambda: article("Paused", text["body"]))
    cfg = config(site, {"name": "s", "kind": "feed", "url": "{BASE}/feed"})
    harvest(db, cfg)
    text["body"] = BODY.replace("six months", "twelve months")
    (result,) = harvest(db, cfg)
    assert (result.updated, result.new) == (1, 0)
    (version,) = db["document_versions"].rows
    assert "six months" in version["text"] and "+The regulator paused" in version["diff"]
    assert "twelve months" in next(db.query("select text from documents"))["text"]


def test_an_unchanged_rerun_sends_conditional_requests_and_stores_nothing(db, site):
    site.page("/feed", rss("/a", "/b"), "application/rss+xml", etag='"feed-v1"')
    site.page("/a", article("A", BODY), etag='"a-v1"')
    site.page("/b", article("B", BODY + "\nMore."), etag='"b-v1"')
    cfg = config(site, {"name": "s", "kind": "feed", "url": "{BASE}/feed"})
    harvest(db, cfg)
    counts = {t: db[t].count for t in ("documents", "document_versions")}
    first_requests = len(site.requests)
    (result,) = harvest(db, cfg)
    assert (result.new, result.updated) == (0, 0)
    second = site.requests[first_requests:]
    assert [(p, h.get("If-None-Match")) for p, h in second if p != "/robots.txt"] == [("/feed", '"feed-v1"')]
    assert {t: db[t].count for t in counts} == counts
    # the feed changed but its articles did not: the articles are asked for conditionally
    site.page("/feed", rss("/a", "/b"), "application/rss+xml", etag='"feed-v2"')
    (result,) = harvest(db, cfg)
    assert (result.unchanged, result.new, result.updated) == (2, 0, 0)
    statuses = [r["status"] for r in db.query("select status from fetches where url like '%/a' order by id")]
    assert statuses == [200, 304]


def test_fetch_log_rides_on_document_commits_and_flushes_itself_when_none_come(db):
    log = FetchLog(db, "run-1", limit=3)
    log.add({"url": "https://example.org/a", "status": 200, "bytes": 10, "error": None, "duration_ms": 5})
    log.add({"url": "https://example.org/b", "status": 304, "bytes": 0, "error": None, "duration_ms": 4})
    assert db["fetches"].count == 0  # waiting for the next document's commit
    with write_transaction(db):
        log.write()
    assert [(r["url"], r["status"], r["run_id"]) for r in db.query("select * from fetches order by id")] == [
        ("https://example.org/a", 200, "run-1"), ("https://example.org/b", 304, "run-1")]
    for n in range(3):  # a run of 304s stores no documents: the log commits on its own every `limit` records
        log.add({"url": f"https://example.org/c{n}", "status": 304, "bytes": 0, "error": None, "duration_ms": 1})
    assert db["fetches"].count == 5 and not log.pending


def test_raw_responses_are_archived_for_reparsing(db, site, tmp_path):
    site.page("/feed", rss("/a"), "application/rss+xml")
    site.page("/a", article("A", BODY))
    harvest(db, config(site, {"name": "s", "kind": "feed", "url": "{BASE}/feed"}, archive_dir="archive"))
    (warc,) = (tmp_path / "archive").glob("*.warc.gz")
    archived = {url: body for url, _, body in read_archive(warc)}
    from harvester.article import parse_article
    assert parse_article(archived[f"{site.base}/a"].decode()).text == BODY.replace("\n", "\n\n")
    # archive_records says where each response lies, by the URL its document is stored under
    (document,) = db.query("select url from documents")
    (where,) = db.query("select * from archive_records where url = ?", [document["url"]])
    assert where["warc_file"] == f"archive/{warc.name}"
    url, _, content_type, body = read_record(tmp_path / where["warc_file"], where["warc_offset"], where["warc_length"])
    assert (url, body) == (f"{site.base}/a", archived[f"{site.base}/a"]) and content_type.startswith("text/html")
    assert db["archive_records"].count == 2  # the feed too


def test_a_second_harvest_while_one_runs_exits_75(tmp_path, site):
    sources = tmp_path / "sources.yml"
    sources.write_text(f"settings:\n  allow_private_addresses: ['127.0.0.1']\n  archive_dir: null\n"
                       f"sources:\n  - name: s\n    kind: feed\n    url: {site.base}/missing\n")
    db_path = tmp_path / "kb.db"
    with harvest_lock(str(db_path)):
        result = CliRunner().invoke(cli, ["harvest", "--sources", str(sources), "--db", str(db_path)])
    assert result.exit_code == 75 and "another kb harvest is running" in result.stderr
    # once free, the same command runs; the missing feed is a failed source: exit 1
    result = CliRunner().invoke(cli, ["harvest", "--sources", str(sources), "--db", str(db_path)])
    assert result.exit_code == 1 and "HTTP 404" in result.stderr


def test_hosts_are_harvested_in_parallel_without_losing_documents(tmp_path):
    with serve(Site()) as one, serve(Site()) as two:
        for s in (one, two):
            s.page("/feed", rss("/a", "/b"), "application/rss+xml")
            s.page("/a", article("A", BODY))
            s.page("/b", article("B", BODY + "\nMore."))
        db = connect(str(tmp_path / "kb.db"))
        cfg = parse_config({"settings": {"allow_private_addresses": ["127.0.0.1"], "delay": 0, "archive_dir": None},
                            "sources": [{"name": "one", "kind": "feed", "url": f"{one.base}/feed"},
                                        {"name": "two", "kind": "feed", "url": f"{two.base}/feed"}]})
        results = harvest(db, cfg)
    assert [(r.name, r.new) for r in results] == [("one", 2), ("two", 2)]
    assert db["documents"].count == 4


def test_the_next_page_is_fetched_ahead_once_and_never_alongside_another_request(site):
    arrived, release, in_flight, most = threading.Event(), threading.Event(), [], [0]

    def slow_page(text, gate=None):
        def handler(request):
            in_flight.append(1)
            most[0] = max(most[0], len(in_flight))
            arrived.set()
            if gate is not None:
                gate.wait(5)
            in_flight.pop()
            fake_server.send(request, 200, article(text, BODY))
        return handler
    site.route("/a", slow_page("A"))
    site.route("/b", slow_page("B", gate=release))
    site.route("/c", slow_page("C"))
    logged = []
    fetcher = Fetcher(user_agent="test", allow_private_addresses=["127.0.0.1"], delay=0, on_fetch=logged.append)
    try:
        fetcher.get(f"{site.base}/a")
        arrived.clear()
        fetcher.prefetch(f"{site.base}/b")
        assert arrived.wait(5), "the page asked for next was not requested ahead"
        assert "/b" in site.paths() and not logged[1:]  # requested, not yet logged: nobody has asked for it
        fetcher.prefetch(f"{site.base}/c")  # one request ahead at most
        release.set()
        response = fetcher.get(f"{site.base}/b")
        assert b"<h1>B</h1>" in response.content
        fetcher.get(f"{site.base}/c")
    finally:
        fetcher.close()
    assert [p for p in site.paths() if p != "/robots.txt"] == ["/a", "/b", "/c"] and most[0] == 1
    assert [(r["url"].rsplit("/", 1)[1], r["status"], r["error"]) for r in logged] == [
        ("a", 200, None), ("b", 200, None), ("c", 200, None)]


def test_a_page_fetched_ahead_but_never_asked_for_is_logged_and_refused_urls_are_not_fetched_ahead(site):
    site.page("/a", article("A", BODY))
    site.page("/b", article("B", BODY))
    logged = []
    fetcher = Fetcher(user_agent="test", allow_private_addresses=["127.0.0.1"], delay=0, on_fetch=logged.append)
    fetcher.prefetch(site.base.replace("127.0.0.1", "127.0.0.2") + "/a")  # not an allowed address
    fetcher.prefetch(f"{site.base}/private/x")  # robots.txt disallows it
    fetcher.prefetch(f"{site.base}/a")
    fetcher.get(f"{site.base}/b")  # the source asked for another page first
    fetcher.prefetch(f"{site.base}/a")
    fetcher.close()  # the source stopped before asking for it
    assert [p for p in site.paths() if p != "/robots.txt"] == ["/a", "/b", "/a"]
    assert [(r["url"].rsplit("/", 1)[1], r["status"], r["error"]) for r in logged] == [
        ("a", 200, "fetched ahead, not used"), ("b", 200, None), ("a", 200, "fetched ahead, not used")]


def test_url_guard_refuses_non_public_and_non_http_targets():
    fetcher = Fetcher(user_agent="test")
    for url in ["http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/latest", "http://[::1]/",
                "file:///etc/passwd", "javascript:alert(1)", "http://localhost/"]:
        with pytest.raises(FetchError):
            fetcher.check_url(url)


def test_read_capped_stops_a_bomb_at_the_limit():
    import gzip
    bomb = gzip.compress(b"\0" * 20_000_000)
    chunks = (bomb[i:i + 4096] for i in range(0, len(bomb), 4096))
    with pytest.raises(FetchError, match="byte limit"):
        read_capped(chunks, "gzip", 1_000_000)


def test_retry_after_accepts_seconds_and_http_dates():
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60
    assert parse_retry_after("soon") is None


def test_the_live_sources_file_is_valid():
    from harvester.config import load_config
    from kb.paths import SOURCES
    cfg = load_config(SOURCES)
    kinds = {s.kind for s in cfg.sources}
    assert {"feed", "html", "pdfs", "govuk_search"} <= kinds
    assert "127.0.0.1" not in cfg.settings.allow_private_addresses


def test_lock_is_released_when_the_holder_ends(tmp_path):
    path = str(tmp_path / "kb.db")
    with harvest_lock(path):
        pass
    done = threading.Event()
    with harvest_lock(path):
        done.set()
    assert done.is_set()


def test_a_broken_pdf_is_recorded_and_the_next_pdf_is_processed(db, site):
    from kb.paths import SAMPLE_SITE
    pdf = next(SAMPLE_SITE.glob("cqc/sites/default/files/*/*.pdf")).read_bytes()
    site.page("/board", "<html><body><h2>Board meeting: 22 January 2025</h2><a href='/f/broken.pdf'>Broken</a>"
                        "<a href='/f/truncated.pdf'>Truncated</a><a href='/f/good.pdf'>Good paper</a></body></html>")
    site.page("/f/broken.pdf", b"%PDF-1.7\n this is not really a PDF", "application/pdf")
    site.page("/f/truncated.pdf", pdf[: len(pdf) // 3], "application/pdf")
    site.page("/f/good.pdf", pdf, "application/pdf")
    (result,) = harvest(db, config(site, {"name": "board", "kind": "pdfs", "url": "{BASE}/board"}))
    assert (result.status, result.new, result.failed) == ("partial", 1, 2)
    assert "PDF text extraction failed" in runs(db)["board"]["error"]
    assert next(db.query("select title from documents"))["title"] == "Board meeting: 22 January 2025: Good paper"


def test_an_item_refused_for_good_does_not_block_the_feeds_validators(db, site):
    # One dead link (404) and one robots.txt forbids, in a feed that answers conditional GETs.
    site.page("/feed", rss("/a", "/private/b", "/gone"), "application/rss+xml", etag='"feed-v1"')
    site.page("/a", article("A", BODY), etag='"a-v1"')
    site.page("/private/b", article("B", BODY))
    cfg = config(site, {"name": "s", "kind": "feed", "url": "{BASE}/feed"})
    (result,) = harvest(db, cfg)
    assert (result.status, result.new, result.failed, result.refused) == ("ok", 1, 0, 2)
    assert "2 items refused for good" in result.error and "robots.txt disallows" in result.error
    assert {r["url"] for r in db.query("select url from http_cache")} >= {f"{site.base}/feed"}
    assert {r["url"] for r in db.query("select url from refused_urls")} == {f"{site.base}/private/b",
                                                                             f"{site.base}/gone"}
    # Next run: the feed is unchanged, and says so.
    start = len(site.requests)
    (result,) = harvest(db, cfg)
    assert result.status == "ok" and [p for p in site.paths()[start:] if p != "/robots.txt"] == ["/feed"]
    assert site.requests[start:][-1][1].get("If-None-Match") == '"feed-v1"'
    # The feed changes: the dead link is asked for once more (robots.txt still forbids the other), and
    # both are reported again, once each, as refusals, not failures.
    site.page("/feed", rss("/a", "/private/b", "/gone", "/c"), "application/rss+xml", etag='"feed-v2"')
    site.page("/c", article("C", BODY + "\nA third story."))
    start = len(site.requests)
    (result,) = harvest(db, cfg)
    assert (result.status, result.new, result.unchanged, result.failed, result.refused) == ("ok", 1, 1, 0, 2)
    assert site.paths()[start:].count("/gone") == 1 and "/private/b" not in site.paths()[start:]
    assert result.error.startswith("2 items refused for good") and result.error.count("refused for good") == 1
    assert db["refused_urls"].count == 2 and runs(db)["s"]["refused"] == 2
    # A page that was missing and now exists is stored and forgotten as refused.
    site.page("/gone", article("Back", BODY + "\nIt is back."))
    site.page("/feed", rss("/a", "/private/b", "/gone", "/c"), "application/rss+xml", etag='"feed-v3"')
    (result,) = harvest(db, cfg)
    assert (result.status, result.new, result.refused) == ("ok", 1, 1)
    assert [r["url"] for r in db.query("select url from refused_urls")] == [f"{site.base}/private/b"]


def test_each_database_has_its_own_archive_and_a_run_with_nothing_to_keep_writes_no_file(tmp_path, site):
    site.page("/feed", rss("/a"), "application/rss+xml", etag='"feed-v1"')
    site.page("/a", article("A", BODY), etag='"a-v1"')
    site.page("/broken/feed", "boom", status=500)
    defaults = {k: v for k, v in config(site).settings.__dict__.items() if k != "archive_dir"}
    cfg = parse_config({"settings": defaults, "sources": [{"name": "s", "kind": "feed", "url": f"{site.base}/feed"}]})
    broken = parse_config({"settings": defaults, "sources": [{"name": "b", "kind": "feed",
                                                              "url": f"{site.base}/broken/feed"}]})
    for name in ("one", "two"):
        db = connect(str(tmp_path / f"{name}.db"))
        harvest(db, cfg)
        harvest(db, cfg)  # the feed answers 304: nothing to archive
        harvest(db, broken)  # the only source fails: nothing to archive
        db.conn.close()
    for name in ("one", "two"):
        (warc,) = (tmp_path / f"{name}-archive").iterdir()
        assert {url for url, _, _ in read_archive(warc)} == {f"{site.base}/feed", f"{site.base}/a"}
    assert not (tmp_path / "archive").exists()


def test_items_on_a_host_whose_robots_txt_is_unreachable_are_failures_not_refusals(db, site):
    # RFC 9309: an unreachable robots.txt disallows everything, but only for this run; the items must be
    # fetched next time, so the feed's validators are not stored and nothing is remembered as refused.
    with serve(Site()) as other:
        other.page("/robots.txt", "down", status=503)
        other.page("/a", article("A", BODY))
        site.page("/feed", rss(f"{other.base}/a").replace("{BASE}", ""), "application/rss+xml", etag='"v1"')
        (result,) = harvest(db, config(site, {"name": "s", "kind": "feed", "url": "{BASE}/feed"}))
        assert (result.status, result.failed, result.refused) == ("partial", 1, 0)
        assert "robots.txt of" in result.error and "could not be fetched" in result.error
        assert db["refused_urls"].count == 0 and db["http_cache"].count == 0
        other.page("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        (result,) = harvest(db, config(site, {"name": "s", "kind": "feed", "url": "{BASE}/feed"}))
        assert (result.status, result.new) == ("ok", 1)

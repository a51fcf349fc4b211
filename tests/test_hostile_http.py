"""Hostile HTTP against the harvester: decompression bombs, lying lengths, endless bodies, monstrous and
mis-encoded HTML, redirect tricks, connection resets and 503/429 storms. Every fault must be cut off
(size limit, deadline, time budget), recorded (fetches, harvest_runs, sources.last_error), and must cost
neither the other sources of the run nor the documents already stored.

All traffic goes to servers started here on 127.0.0.1. 127.0.0.2 and ::1 are forbidden targets: a
canary listens there only to prove that nothing ever connects."""
import gzip
import json
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harvester.config import parse_config
from harvester.run import harvest
from kb.db import connect
from tests import fake_server as fs
from tests.fake_server import Site, serve
from tests.test_harvest import BODY, article, rss, runs

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1_000_000  # max_bytes in these tests: every bomb below would inflate to far more


def raw_config(site, *sources, **settings):
    """The sources file as a mapping ({BASE} is the fake server), with small limits and short deadlines."""
    defaults = {"allow_private_addresses": ["127.0.0.1"], "delay": 0, "backoff": 0.01, "max_retries": 1,
                "timeout": 1, "deadline": 1, "max_bytes": LIMIT, "concurrency": 1, "archive_dir": None}
    defaults.update(settings)
    return {"settings": defaults, "sources": [
        {"publisher": "Test", **{k: (v.replace("{BASE}", site.base) if isinstance(v, str) else v)
                                 for k, v in s.items()}} for s in sources]}


def config(site, *sources, **settings):
    return parse_config(raw_config(site, *sources, **settings))


def feed(name, path=None):
    return {"name": name, "kind": "feed", "url": "{BASE}" + (path or f"/{name}/feed")}


def fetches(db, like):
    return list(db.query("select * from fetches where url like ? order by id", [like]))


def health(db):
    return {r["name"]: r for r in db.query("select * from sources")}


def docs(db):
    """Stored documents by the path of their URL ("good/a")."""
    return {d["url"].split(":", 2)[-1].split("/", 1)[-1]: d for d in db.query("select * from documents")}


@pytest.fixture
def site():
    with serve(Site()) as s:
        s.page("/robots.txt", "User-agent: *\nDisallow:\n", "text/plain")
        yield s


@pytest.fixture
def canary():
    """A listener on 127.0.0.2 (and ::1 when there is IPv6) that nothing may connect to. Yields
    (ipv4 port, ipv6 port or None, check) where check() fails the test if anything connected."""
    listeners = []
    for family, address in ((socket.AF_INET, "127.0.0.2"), (socket.AF_INET6, "::1")):
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.bind((address, 0))
            sock.listen(16)
            sock.setblocking(False)
            listeners.append(sock)
        except OSError:  # no IPv6 here: the guard is still tested, only without the canary
            sock.close()
            listeners.append(None)

    def check():
        for sock in filter(None, listeners):
            readable, _, _ = select.select([sock], [], [], 0.2)
            assert not readable, f"something connected to the forbidden {sock.getsockname()}"

    yield tuple(s.getsockname()[1] if s else None for s in listeners) + (check,)
    for sock in filter(None, listeners):
        sock.close()


# -- 1. bombs, lying lengths and endless bodies, measured in a child process ----------------------

CHILD = r"""
import json, resource, sys

def kb(key):
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith(key + ":"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

from harvester.config import parse_config
from harvester.run import harvest
from kb.db import connect

raw, path = json.loads(sys.argv[1]), sys.argv[2]
db = connect(path)
baseline = kb("VmRSS")
results = harvest(db, parse_config(raw))
print(json.dumps({"baseline_kb": baseline, "peak_kb": kb("VmHWM"),
                  "results": {r.name: [r.status, r.error, r.new] for r in results}}))
"""

BOMBS = {  # source name -> (route handler, message that must be recorded)
    # 4 GB of zeros, gzip: ~4 MB on the wire, made on the fly while the client reads
    "gzip-bomb": (lambda r: fs.stream(r, fs.compressed_zeros(31), headers={"Content-Encoding": "gzip"}),
                  f"larger than the {LIMIT} byte limit"),
    "deflate-bomb": (lambda r: fs.stream(r, fs.compressed_zeros(15), headers={"Content-Encoding": "deflate"}),
                     f"larger than the {LIMIT} byte limit"),
    # raw deflate (no zlib header) is not accepted at all: refused before anything is inflated
    "raw-deflate-bomb": (lambda r: fs.stream(r, fs.compressed_zeros(-15), headers={"Content-Encoding": "deflate"}),
                         "corrupt deflate body"),
    # two layers: 4 GB of zeros in ~4 MB of gzip, compressed again; refused before reading the body
    "gzip-gzip-bomb": (lambda r: fs.stream(r, fs.recompress(fs.compressed_zeros(31), 31),
                                           headers={"Content-Encoding": "gzip, gzip"}),
                       "unsupported content-encoding 'gzip, gzip'"),
    "deflate-gzip-bomb": (lambda r: fs.stream(r, fs.recompress(fs.compressed_zeros(15), 31),
                                              headers={"Content-Encoding": "deflate, gzip"}),
                          "unsupported content-encoding 'deflate, gzip'"),
    "endless-chunked": (lambda r: fs.stream(r, fs.forever()), f"larger than the {LIMIT} byte limit"),
    "slow-endless-chunked": (lambda r: fs.stream(r, fs.forever(b"<p>x</p>", pause=0.05)),
                             "response not complete within the deadline"),
    # Content-Length claims 10 GB: sends it (endlessly), or sends 100 bytes and hangs up
    "huge-length": (lambda r: fs.stream(r, fs.forever(), length=10_000_000_000), f"larger than the {LIMIT} byte limit"),
    "huge-length-then-close": (lambda r: fs.stream(r, [b"<rss>" * 20], length=10_000_000_000),
                               "peer closed connection without sending complete message body"),
}


def test_bombs_and_endless_bodies_stop_at_the_limit_in_bounded_memory(site, db_path):
    site.page("/good/feed", rss("/good/a"), "application/rss+xml")
    site.page("/good/a", article("Stored before", BODY))
    site.page("/good/b", article("Stored during the bombing", BODY + "\nA second paragraph."))
    for name, (handler, _) in BOMBS.items():
        site.route(f"/{name}/feed", handler)
    db = connect(str(db_path))
    harvest(db, config(site, feed("good")))  # something stored before the attack
    site.page("/good/feed", rss("/good/a", "/good/b"), "application/rss+xml")
    raw = raw_config(site, *[feed(name) for name in BOMBS], feed("good"))

    started = time.monotonic()
    child = subprocess.run([sys.executable, "-c", CHILD, json.dumps(raw), str(db_path)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert child.returncode == 0, child.stderr
    report = json.loads(child.stdout.strip().splitlines()[-1])
    peak_mb, growth_mb = report["peak_kb"] / 1024, (report["peak_kb"] - report["baseline_kb"]) / 1024
    print(f"\nbomb run: peak RSS {peak_mb:.0f} MB ({growth_mb:.0f} MB over the {report['baseline_kb'] / 1024:.0f} MB "
          f"baseline), {elapsed:.1f} s for {len(BOMBS)} hostile sources")
    # 4 GB bombs, 10 GB promises and endless streams: none may be held in memory
    assert peak_mb < 400 and growth_mb < 100, report
    assert elapsed < 30

    results, recorded, state = report["results"], runs(db), health(db)
    assert results["good"][0] == "ok" and results["good"][2] == 1
    for name, (_, message) in BOMBS.items():
        assert results[name][0] == "failed", (name, results[name])
        for error in (recorded[name]["error"], state[name]["last_error"]):
            assert message in error, (name, error)
        logged = fetches(db, f"%/{name}/feed")
        assert logged and all(message in f["error"] for f in logged), (name, logged)
    assert {d["title"] for d in docs(db).values()} == {"Stored before", "Stored during the bombing"}


# -- 1b. lying lengths that cut a body short or bleed into the next response -----------------------

def long_article(title, n=60):
    return article(title, "\n".join(f"Paragraph {i} of {title}: the regulator said item {i * 7} was noted."
                                    for i in range(n)))


def test_a_short_content_length_cannot_bleed_into_the_next_response(db, site):
    real_a, real_b = long_article("A").encode(), long_article("B").encode()
    forged = article("Forged", "This text was smuggled after a short Content-Length.").encode()
    site.page("/feed", rss("/a", "/b", "/c"), "application/rss+xml")
    # /a claims its real length but sends a whole forged response after it, in the same packet
    site.route("/a", lambda r: fs.stream(r, [real_a + b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                             b"Content-Length: %d\r\n\r\n%s" % (len(forged), forged)],
                                         length=len(real_a)))
    site.page("/b", real_b)
    # /c claims 2 KB of a page and sends 50 MB
    site.route("/c", lambda r: fs.stream(r, [real_a[:2000]] + [b"junk " * 20_000] * 500, length=2000))
    started = time.monotonic()
    (result,) = harvest(db, config(site, feed("s", "/feed")))
    assert time.monotonic() - started < 10
    assert (result.status, result.new) == ("ok", 3)
    stored = docs(db)
    assert stored["b"]["title"] == "B" and "Forged" not in stored["b"]["text"]
    assert not any("smuggled" in d["text"] for d in stored.values())
    assert "Paragraph 0 of A" in stored["c"]["text"] and "junk" not in stored["c"]["text"]
    assert [f["bytes"] for f in fetches(db, "%/c")] == [2000]


def test_a_compressed_body_cut_short_is_refused_and_the_stored_version_kept(db, site):
    page = long_article("Whole").encode()
    packed = gzip.compress(page)
    state = {"cut": False}

    def handler(request):
        # the cut version: Content-Length claims half the gzip stream and the whole stream follows
        claimed = len(packed) // 2 if state["cut"] else len(packed)
        fs.stream(request, [packed], headers={"Content-Encoding": "gzip"}, length=claimed)
    site.page("/feed", rss("/a"), "application/rss+xml")
    site.route("/a", handler)
    cfg = config(site, feed("s", "/feed"))
    harvest(db, cfg)
    before = docs(db)["a"]["text"]
    assert "Paragraph 59 of Whole" in before
    state["cut"] = True
    (result,) = harvest(db, cfg)
    assert (result.status, result.failed, result.updated) == ("partial", 1, 0)
    assert "truncated gzip body" in runs(db)["s"]["error"]
    assert docs(db)["a"]["text"] == before and db["document_versions"].count == 0


# -- 2. monstrous HTML and broken encodings --------------------------------------------------------

def test_deep_huge_and_wide_pages_are_parsed_within_limits_or_refused(db, site):
    deep = ("<html><body><h1>Deep</h1>" + "<div>" * 100_000 + "<p>" + "Deep text survives nesting. " * 30
            + "</p>" + "</div>" * 100_000 + "</body></html>")
    wide = "<html><body><h1>Wide</h1><p>" + "word " * 300_000 + "</p></body></html>"  # 1.5 MB, one line
    line = b"<p>" + b"x" * 65_536

    site.page("/feed", rss("/deep", "/huge", "/wide", "/good"), "application/rss+xml")
    for path in ("/deep", "/huge", "/wide", "/good"):
        site.page(path, article(f"First {path}", BODY))
    cfg = config(site, feed("s", "/feed"), max_bytes=2_000_000, deadline=5)
    harvest(db, cfg)
    first = {k: d["text"] for k, d in docs(db).items()}
    site.page("/deep", deep)
    # 50 MB on one line, promised by Content-Length and streamed until the client hangs up
    site.route("/huge", lambda r: fs.stream(r, (line for _ in range(50_000_000 // len(line))), length=50_000_000))
    site.page("/wide", wide)
    started = time.monotonic()
    (result,) = harvest(db, cfg)
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"{elapsed:.1f} s"  # parsing is linear: 100,000 nested tags take seconds, not hours
    assert (result.status, result.updated, result.unchanged, result.failed) == ("partial", 2, 1, 1)
    assert "larger than the 2000000 byte limit" in runs(db)["s"]["error"]
    stored = docs(db)
    assert stored["deep"]["text"].startswith("Deep text survives nesting.")
    assert len(stored["wide"]["text"]) == len("word " * 300_000) - 1
    assert stored["huge"]["text"] == first["huge"]  # the refused page keeps what was stored
    assert db["document_versions"].count == 2


UTF8_BOM = lambda page: b"\xef\xbb\xbf" + page  # noqa: E731
UTF16_BOM = lambda page: "\ufeff".encode("utf-16-le") + page.decode("utf-8").encode("utf-16-le")  # noqa: E731
ENCODED_PAGES = {  # path -> (Content-Type, bytes in the body, text that must be stored, whole-page transform)
    "invalid-utf8": ("text/html; charset=utf-8", b"Budget \xff\xfe\xc3( of five million.", "Budget \ufffd\ufffd\ufffd( of"),
    "mixed": ("text/html; charset=utf-8", "Caf\u00e9 costs ".encode() + b"\xa35m (cp1252 pound).", "Caf\u00e9 costs \ufffd5m"),
    "wrong-charset": ("text/html; charset=iso-8859-1", "Caf\u00e9 was declared Latin-1.".encode(), "was declared Latin-1."),
    "utf8-bom-latin1-header": ("text/html; charset=iso-8859-1", "Caf\u00e9 after a BOM.".encode(),
                               "Caf\u00e9 after a BOM.", UTF8_BOM),
    "utf16-bom-utf8-header": ("text/html; charset=utf-8", "Caf\u00e9 in UTF-16.".encode(), "Caf\u00e9 in UTF-16.",
                              UTF16_BOM),
    "idna-label": ("text/html; charset=idna", "Caf\u00e9 labelled idna.".encode(), "Caf\u00e9 labelled idna."),
    "punycode-label": ("text/html; charset=punycode", "Caf\u00e9 labelled punycode.".encode(), "Caf\u00e9 labelled punycode."),
    "undefined-label": ("text/html; charset=undefined", b"Labelled undefined.", "Labelled undefined."),
    "unknown-label": ("text/html; charset=x-no-such-thing", b"Labelled nonsense.", "Labelled nonsense."),
    "control-bytes": ("text/html; charset=utf-8", b"Nul \x00 and bell \x07 bytes.", "and bell"),
}


def encoded_page(title, body):
    filler = b"<p>" + b"The inspection report was published on Thursday. " * 4 + b"</p>"
    return (b"<html><head><title>" + title.encode() + b"</title></head><body><h1>" + title.encode()
            + b"</h1><p>" + body + b"</p>" + filler + b"</body></html>")


def test_broken_and_mixed_encodings_are_decoded_or_replaced_never_fatal(db, site):
    site.page("/feed", rss("/good", *[f"/{name}" for name in ENCODED_PAGES]), "application/rss+xml")
    site.page("/good", article("Good", BODY))
    harvest(db, config(site, feed("s", "/feed")))  # /good stored first; the other pages are missing (404)
    for name, (content_type, body, _, *transform) in ENCODED_PAGES.items():
        page = encoded_page(name, body)
        site.page(f"/{name}", transform[0](page) if transform else page, content_type)
    (result,) = harvest(db, config(site, feed("s", "/feed")))
    assert (result.status, result.new, result.unchanged, result.error) == ("ok", len(ENCODED_PAGES), 1, None)
    stored = docs(db)
    for name, (_, _, expected, *_) in ENCODED_PAGES.items():
        assert expected in stored[name]["text"], (name, stored[name]["text"])
        assert stored[name]["title"] == name
    assert "\x00" not in stored["control-bytes"]["text"]
    assert stored["good"]["title"] == "Good"


# -- 3. redirects ----------------------------------------------------------------------------------

def test_redirect_chains_longer_than_max_redirects_and_loops_are_refused(db, site):
    site.page("/good/feed", rss("/good/a"), "application/rss+xml")
    site.page("/good/a", article("Good", BODY))
    for i in range(10):  # /chain/0 -> /chain/1 -> ... -> /chain/9 -> the feed
        site.route(f"/chain/{i}", fs.redirect(f"/chain/{i + 1}" if i < 9 else "/good/feed", 301))
    site.route("/loop", fs.redirect("/loop"))
    site.route("/ping", fs.redirect(site.base + "/pong", 307))
    site.route("/pong", fs.redirect(site.base + "/ping", 308))
    (short, long, loop, ping, good) = harvest(db, config(
        site, feed("short", "/chain/7"), feed("long", "/chain/5"), feed("loop", "/loop"), feed("ping", "/ping"),
        feed("good"), max_redirects=3))
    assert (short.status, short.new) == ("ok", 1)  # exactly 3 hops: followed
    assert (good.status, long.status, loop.status, ping.status) == ("ok", "failed", "failed", "failed")
    recorded, state = runs(db), health(db)
    for name in ("long", "loop", "ping"):
        assert "more than 3 redirects" in recorded[name]["error"] and "more than 3" in state[name]["last_error"]
    paths = site.paths()
    assert paths.count("/loop") == 4 and paths.count("/ping") + paths.count("/pong") == 4
    assert paths.count("/chain/5") == 1 and paths.count("/chain/9") == 1  # only the short chain got to 9


def test_redirects_to_forbidden_targets_are_refused_and_never_followed(db, site, canary):
    port4, port6, check = canary
    port = site.base.rsplit(":", 1)[1]
    targets = {
        "file": ("file:///etc/passwd", "only http and https"),
        "javascript": ("javascript:alert(1)", "only http and https"),
        "loopback-2": (f"http://127.0.0.2:{port4}/", "non-public address 127.0.0.2"),
        "scheme-relative": (f"//127.0.0.2:{port4}/", "non-public address 127.0.0.2"),
        "decimal-ip": (f"http://2130706434:{port4}/", "non-public address 127.0.0.2"),
        "userinfo": (f"http://127.0.0.1@127.0.0.2:{port4}/", "non-public address 127.0.0.2"),
        "mapped-v6": (f"http://[::ffff:127.0.0.2]:{port4}/", "non-public address ::ffff:127.0.0.2"),
        "ipv6-loopback": (f"http://[::1]:{port6 or 9}/", "non-public address ::1"),
        # 0.0.0.0 reaches this very server: /leak would show in its log if the guard let it through
        "any-address": (f"http://0.0.0.0:{port}/leak", "non-public address 0.0.0.0"),
    }
    site.page("/good/feed", rss("/good/a"), "application/rss+xml")
    site.page("/good/a", article("Good", BODY))
    for name, (location, _) in targets.items():
        site.route(f"/{name}/feed", fs.redirect(location))
    results = {r.name: r for r in harvest(db, config(site, *[feed(n) for n in targets], feed("good")))}
    assert (results["good"].status, results["good"].new) == ("ok", 1)
    recorded, state = runs(db), health(db)
    for name, (_, message) in targets.items():
        assert results[name].status == "failed"
        assert message in recorded[name]["error"] and message in state[name]["last_error"], (name, recorded[name])
        (logged,) = fetches(db, f"%/{name}/feed")
        assert logged["status"] == 302 and message in logged["error"]
    assert "/leak" not in site.paths()
    check()


def test_feed_and_listing_links_to_file_and_javascript_urls_are_never_fetched(db, site, canary):
    port4, _, check = canary
    bad = ["file:///etc/passwd", "javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", "data:text/html,hi",
           f"http://127.0.0.2:{port4}/item", "http://[::1", "http://example.invalid:99999/x", "http://127.0.0.1:abc/x"]
    items = "".join(f"<item><title>Bad {i}</title><link>{link}</link></item>" for i, link in enumerate(bad))
    # the file: item carries full content, which the feed reader falls back to when a fetch fails
    items += ("<item><title>Bad file with content</title><link>file:///etc/shadow</link><content:encoded><![CDATA["
              + "<p>Full text carried in the feed.</p>" * 30 + "]]></content:encoded></item>")
    items += f"<item><title>Good</title><link>{site.base}/good/a</link></item>"
    site.page("/feed", '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
                       f'content/"><channel><title>T</title>{items}</channel></rss>', "application/rss+xml")
    site.page("/good/a", article("Good", BODY))
    site.page("/good/b", article("Listed", BODY + "\nFrom the listing."))
    links = "".join(f'<article><h3><a href="{link}">Bad</a></h3></article>' for link in bad)
    site.page("/list", f'<html><body>{links}<article><h3><a href="/good/b">Good</a></h3></article>'
                       f'<a rel="next" href="javascript:alert(1)">Next</a></body></html>')
    fed, listed = harvest(db, config(site, feed("fed", "/feed"),
                                     {"name": "listed", "kind": "html", "url": "{BASE}/list", "link_pattern": "."}))
    assert (fed.status, fed.new, fed.failed) == ("partial", 1, len(bad) + 1)
    # the listing skips non-http and malformed links; its 127.0.0.2 link and javascript: next page are refused
    assert (listed.status, listed.new, listed.failed) == ("partial", 1, 2)
    refused = [f for f in fetches(db, "%") if not f["url"].startswith(site.base)]
    assert sorted(f["url"] for f in refused) == sorted(
        [link.replace("file:///", "file://") for link in bad] + ["file://etc/shadow", "javascript:alert(1)",
                                                                 f"http://127.0.0.2:{port4}/item"])
    assert all(f["status"] is None and f["error"].startswith("refused") for f in refused), refused
    assert "non-public address 127.0.0.2" in runs(db)["listed"]["error"]
    assert all(d["url"].startswith(site.base) for d in db.query("select url from documents"))
    assert set(site.paths()) <= {"/robots.txt", "/feed", "/good/a", "/list", "/good/b"}
    check()


# -- 4. resets mid-body and 503/429 storms -----------------------------------------------------------

def test_connection_resets_mid_body_are_retried_then_recorded(db, site):
    page = article("Reset once", BODY).encode()
    calls = {"n": 0}

    def reset_once(request):
        calls["n"] += 1
        if calls["n"] == 1:
            fs.reset(request, page[:200], length=len(page))
        else:
            fs.send(request, 200, page)
    site.page("/feed", rss("/reset-length", "/reset-chunked", "/reset-once", "/good"), "application/rss+xml")
    site.route("/reset-length", lambda r: fs.reset(r, page[:200], length=len(page)))
    site.route("/reset-chunked", lambda r: fs.reset(r, page[:200]))
    site.route("/reset-once", reset_once)
    site.page("/good", article("Good", BODY))
    site.route("/reset-feed", lambda r: fs.reset(r, b"<?xml version='1.0'?><rss><channel>"))
    started = time.monotonic()
    items_source, feed_source = harvest(db, config(site, feed("items", "/feed"), feed("resets", "/reset-feed")))
    assert time.monotonic() - started < 10
    assert (items_source.status, items_source.new, items_source.failed) == ("partial", 2, 2)
    assert feed_source.status == "failed" and "Connection reset by peer" in runs(db)["resets"]["error"]
    assert "Connection reset by peer" in health(db)["resets"]["last_error"]
    for path in ("/reset-length", "/reset-chunked"):
        logged = fetches(db, f"%{path}")
        assert len(logged) == 1 and "reset" in logged[0]["error"]
        assert site.paths().count(path) == 2  # one retry (max_retries: 1), then recorded
    assert {d["title"] for d in docs(db).values()} == {"Reset once", "Good"}


def storm(site, status, until, times):
    """Every request (robots.txt aside) answers `status` with Retry-After: 1 until time `until`."""
    def wrap(handler):
        def storming(request):
            times.append(time.monotonic())
            if time.monotonic() < until:
                fs.send(request, status, "busy", "text/plain", {"Retry-After": "1"})
            else:
                handler(request)
        return storming
    site.routes.update({path: wrap(handler) for path, handler in site.routes.items() if path != "/robots.txt"})


def test_a_storm_that_passes_is_waited_out_honouring_retry_after(db, site):
    site.page("/feed", rss("/a", "/b"), "application/rss+xml")
    site.page("/a", article("A", BODY))
    site.page("/b", article("B", BODY + "\nMore."))
    times, started = [], time.monotonic()
    storm(site, 503, started + 1.5, times)
    (result,) = harvest(db, config(site, feed("s", "/feed"), max_retries=3))
    assert (result.status, result.new) == ("ok", 2)
    assert 1.5 <= time.monotonic() - started < 6
    storming = [t for t in times if t < started + 1.5]
    assert len(storming) == 2 and storming[1] - storming[0] >= 0.95  # Retry-After: 1 was waited out


def test_endless_503_and_429_storms_are_cut_by_the_source_time_budget(db, site):
    links = [f"/item/{i}" for i in range(20)]
    site.page("/503/feed", rss(*links), "application/rss+xml")
    site.page("/429/feed", rss(*[f"/slow{link}" for link in links]), "application/rss+xml")
    times = {503: [], 429: []}

    def busy(status):
        def handler(request):
            times[status].append(time.monotonic())
            fs.send(request, status, "busy", "text/plain", {"Retry-After": "1"})
        return handler
    for link in links:
        site.route(link, busy(503))
        site.route(f"/slow{link}", busy(429))
    with serve(Site()) as calm:
        calm.page("/robots.txt", "", "text/plain")
        calm.page("/feed", rss("/a"), "application/rss+xml")
        calm.page("/a", article("Calm", BODY))
        raw = raw_config(site, feed("storm-503", "/503/feed"), feed("storm-429", "/429/feed"),
                         max_retries=3, concurrency=2, source_deadline=2)
        raw["sources"].append({"name": "calm", "kind": "feed", "url": f"{calm.base}/feed"})
        started = time.monotonic()
        results = {r.name: r for r in harvest(db, parse_config(raw))}
        elapsed = time.monotonic() - started
    # unbounded, each source would take 20 items x 3 retries x 1 s = 60 s
    assert elapsed < 10, f"{elapsed:.1f} s"
    assert (results["calm"].status, results["calm"].new) == ("ok", 1)
    recorded, state = runs(db), health(db)
    for name in ("storm-503", "storm-429"):
        assert results[name].status == "deferred", results[name]
        assert "time budget of 2s used up" in recorded[name]["error"]
        assert state[name]["last_error"] == recorded[name]["error"] and state[name]["consecutive_failures"] == 1
    for prefix in ("", "/slow"):  # the one item asked per source, recorded with why it stopped
        logged = [f for f in fetches(db, "%/item/%") if f["url"].startswith(site.base + prefix + "/item/")]
        assert len(logged) == 1 and "time budget of 2s used up" in logged[0]["error"], logged
    for status, asked in times.items():
        # Retry-After was honoured (a second between requests), and the budget stopped the source well
        # before its 20 items were each asked 4 times
        assert 2 <= len(asked) <= 3 and all(b - a >= 0.95 for a, b in zip(asked, asked[1:])), (status, asked)

